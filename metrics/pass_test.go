package metrics_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// The data-quality report and participation are made two ways: alone
// (Quality, Participation), and as evaluate makes them, where one pass over
// the people counts participation, the response rates and the people
// missing from the register together (SideSections). The tests of either
// section go through these helpers, which fail when the two ways differ.

// qualityBothWays returns the data-quality report of db under minCell,
// made both ways.
func qualityBothWays(t *testing.T, db *store.DB, minCell int) *impact.Quality {
	t.Helper()
	ctx := context.Background()
	alone, err := metrics.Quality(ctx, db, &impact.Project{}, minCell)
	if err != nil {
		t.Fatalf("Quality: %v", err)
	}
	p := &impact.Project{}
	p.Info.MinCell = minCell
	ev, err := metrics.SideSections(ctx, db, p, metrics.Options{})
	if err != nil {
		t.Fatalf("SideSections: %v", err)
	}
	sameJSON(t, "quality", alone, ev.Quality)
	return alone
}

// participationBothWays returns the participation summary of db, made both
// ways.
func participationBothWays(t *testing.T, db *store.DB, p *impact.Project, asOf impact.Date, minCell int) *impact.Participation {
	t.Helper()
	ctx := context.Background()
	alone, err := metrics.Participation(ctx, db, p, asOf, minCell)
	if err != nil {
		t.Fatalf("Participation: %v", err)
	}
	withMinCell := *p
	withMinCell.Info.MinCell = minCell
	ev, err := metrics.SideSections(ctx, db, &withMinCell, metrics.Options{AsOf: asOf})
	if err != nil {
		t.Fatalf("SideSections: %v", err)
	}
	sameJSON(t, "participation", alone, ev.Participation)
	return alone
}

func sameJSON(t *testing.T, what string, want, got any) {
	t.Helper()
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if string(w) != string(g) {
		t.Errorf("%s made beside participation differs from %s alone:\n got %s\nwant %s", what, what, g, w)
	}
}

// TestResponseRatesManyDays counts the response rates of more days and
// waves than the pass over the people takes (they are then counted by a
// query of their own), and of fewer, in the same store: people answer on
// up to twelve days, half leaving an item blank and half of those filling
// it in on a second line that day, and one is not registered.
func TestResponseRatesManyDays(t *testing.T) {
	for _, days := range []int{3, 12} {
		t.Run(fmt.Sprintf("%d days", days), func(t *testing.T) {
			db := storeWithRegister(t, 30)
			var rows [][]any
			for day := 1; day <= days; day++ {
				wave := []string{"pre", "post"}[day%2]
				for i, id := range append(people(1, 30), "p99") {
					if i == day {
						continue // did not come that day
					}
					for item := 1; item <= 3; item++ {
						value := any(float64(item))
						if item == 3 && i%2 == 1 {
							value = nil
						}
						rows = append(rows, []any{id, fmt.Sprintf("e%02d", day), reportDate(2, day), wave, fmt.Sprintf("q%d", item), value})
					}
					if i%4 == 1 {
						// A second line that day fills in the blank item.
						rows = append(rows, []any{id, fmt.Sprintf("e%02d", day), reportDate(2, day), wave, "q3", 1.0})
					}
				}
			}
			MustLoadRows(t, db, "data/days.csv", "responses", rows)
			q := qualityBothWays(t, db, 5)
			if got := len(q.ResponseRates); got != days {
				t.Fatalf("%d response rates, want %d", got, days)
			}
			for _, r := range q.ResponseRates {
				if r.Respondents == nil || r.Complete == nil {
					t.Fatalf("%s %s: respondents %s, complete %s: none should be suppressed", r.Event, r.Wave, fmtInt(r.Respondents), fmtInt(r.Complete))
				}
				if *r.Complete >= *r.Respondents {
					t.Errorf("%s %s: %d complete of %d respondents, want some incomplete", r.Event, r.Wave, *r.Complete, *r.Respondents)
				}
			}
			if got, want := q.WithoutAttributes, 1; got != want {
				t.Errorf("without attributes = %d, want %d (p99)", got, want)
			}
		})
	}
}

// TestResponseRatesPackedWords counts the response rates in the pass with
// the answered items of the days and waves packed into the people's words
// beside their events: forms of 3 and 30 items (several days to a word, the
// last ones in a word of their own), 63 (one day to a word, filling it), and
// 64 items, which do not fit a word beside the bit that says someone
// answered, and are counted each in an aggregate of their own. The pass
// agrees with the query of quality alone, and both with the counts by hand.
func TestResponseRatesPackedWords(t *testing.T) {
	const days = 8
	for _, items := range []int{3, 30, 63, 64} {
		t.Run(fmt.Sprintf("%d items", items), func(t *testing.T) {
			db := storeWithRegister(t, 12)
			var rows [][]any
			respondents, complete := map[string]int{}, map[string]int{}
			for day := 1; day <= days; day++ {
				event := fmt.Sprintf("e%02d", day)
				for i, id := range people(1, 12) {
					if i%days == day-1 {
						continue // did not come that day
					}
					respondents[event]++
					if (i+day)%3 != 0 {
						complete[event]++
					}
					for item := 1; item <= items; item++ {
						value := any(float64(item % 5))
						if item == items && (i+day)%3 == 0 {
							value = nil
						}
						rows = append(rows, []any{id, event, reportDate(2, day), "pre", fmt.Sprintf("q%d", item), value})
					}
				}
			}
			MustLoadRows(t, db, "data/days.csv", "responses", rows)
			q := qualityBothWays(t, db, 1)
			if got := len(q.ResponseRates); got != days {
				t.Fatalf("%d response rates, want %d", got, days)
			}
			for _, r := range q.ResponseRates {
				if r.Respondents == nil || *r.Respondents != respondents[r.Event] {
					t.Errorf("%s: respondents %s, want %d", r.Event, fmtInt(r.Respondents), respondents[r.Event])
				}
				if r.Complete == nil || *r.Complete != complete[r.Event] {
					t.Errorf("%s: complete %s, want %d", r.Event, fmtInt(r.Complete), complete[r.Event])
				}
			}
		})
	}
}

// storeWithRegister opens a store whose register names n young adults.
func storeWithRegister(t *testing.T, n int) *store.DB {
	t.Helper()
	db := MustOpenReportStore(t)
	var register [][]any
	for i, id := range people(1, n) {
		register = append(register, []any{id, "unga_vuxna", "female", 1990 + i, "vt25", reportDate(1, 1)})
	}
	MustLoadRows(t, db, "data/deltagare.csv", "participants", register)
	return db
}
