package export_test

import (
	"testing"

	"github.com/joiningforces/impact/export"
)

func TestCellGuardsFormulas(t *testing.T) {
	for _, tc := range []struct {
		value            any
		semicolon, plain string
	}{
		{"=HYPERLINK(\"http://example.org\",\"x\")", "'=HYPERLINK(\"http://example.org\",\"x\")", "=HYPERLINK(\"http://example.org\",\"x\")"},
		{"+46 70", "'+46 70", "+46 70"},
		{"-1+1", "'-1+1", "-1+1"},
		{"@SUM(A1)", "'@SUM(A1)", "@SUM(A1)"},
		{"\tx", "'\tx", "\tx"},
		{"Ofta", "Ofta", "Ofta"},
		{"", "", ""},
		// Numbers are numbers: a negative one keeps its minus.
		{-2.5, "-2,5", "-2.5"},
	} {
		if got := export.Semicolon.Cell(tc.value); got != tc.semicolon {
			t.Errorf("Semicolon.Cell(%q) = %q, want %q", tc.value, got, tc.semicolon)
		}
		if got := export.Plain.Cell(tc.value); got != tc.plain {
			t.Errorf("Plain.Cell(%q) = %q, want %q", tc.value, got, tc.plain)
		}
	}
}
