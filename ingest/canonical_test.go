package ingest

import (
	"testing"

	"golang.org/x/text/cases"
)

// TestAppendCanonicalID checks the one-pass canonical form of an id
// against canonicalID, the rule data-files.md states, on ids with every
// separator, case and space people type, ASCII or not.
func TestAppendCanonicalID(t *testing.T) {
	fold := cases.Fold()
	for _, id := range []string{"BD-0042", " bd-0042", "BD-0042\t", "Bd_00.42", "es 012", "ES-012\r\n", "a\vb", "\fX\x00Y ",
		"", " ", "-", "ÅSA-1", "a\u030asa-1", "BD\u00a00042", "bd\u20110042", "ÉS 12"} {
		want := canonicalID(id, fold)
		if got := string(appendCanonicalID([]byte("prefix"), id, fold)); got != "prefix"+want {
			t.Errorf("appendCanonicalID(%q) = %q, want %q", id, got, "prefix"+want)
		}
	}
}
