package dashboards_test

import (
	"strings"
	"testing"
)

// TestDatesInTheLanguage checks that the board writes its dates as the
// reports do, in the page's language: the day the goals are judged on,
// in the lead and the footer, and each event's day.
func TestDatesInTheLanguage(t *testing.T) {
	f := newFixture(t, options{})
	cases := []struct {
		lang, asOf, event string
	}{
		{"sv", "2025-06-30", "2025-06-30"},
		{"en", "30 June 2025", "30 June 2025"},
		{"lv", "2025. gada 30. jūnijs", "2025. gada 30. jūnijs"},
	}
	for _, c := range cases {
		board := f.get("/?as_of=2025-06-30&lang="+c.lang, "").Body.String()
		if strings.Count(board, c.asOf) < 2 {
			t.Errorf("%s: the goal board should name %q in its lead and footer", c.lang, c.asOf)
		}
		if c.lang != "sv" && strings.Contains(board, "2025-06-30<") {
			t.Errorf("%s: the goal board still writes an ISO date", c.lang)
		}
		events := f.get("/participation?as_of=2025-06-30&lang="+c.lang, "").Body.String()
		if !strings.Contains(events, ">"+c.event+"</td>") {
			t.Errorf("%s: the participation page should date its events %q", c.lang, c.event)
		}
	}
}
