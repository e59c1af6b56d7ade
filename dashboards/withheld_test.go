package dashboards_test

import (
	"strings"
	"testing"
)

// TestWithheldNotFewer checks that the quality page shows complete answers
// hidden to protect a small number of incomplete ones as withheld, never
// as "fewer than 5" beside 44 respondents (memo.md).
func TestWithheldNotFewer(t *testing.T) {
	f := newFixture(t, options{renderer: fakeRenderer{}})
	body := f.get("/quality?lang=en", "").Body.String()
	i := strings.Index(body, ">44<")
	if i < 0 {
		t.Fatal("the quality page lacks the row of 44 respondents")
	}
	row := body[i:]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, "withheld") || strings.Contains(row, "fewer than") {
		t.Errorf("the row of 44 respondents reads %q; want its complete answers withheld", row)
	}
}
