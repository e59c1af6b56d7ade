package metrics_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// loadEventEdges loads a store whose events and response days take every
// way the evaluation's one statement over events and days reads
// (eventsAndSlots): an impact day with attendance taken and one without,
// answers without an event, an undated impact day, an impact day after
// the as-of date, job markets with no attendance, one of them and a meetup
// after the as-of date, and people registered after the days they
// are expected at, or with no start date. With twice, a second register
// file names p01 again, with a later start date.
func loadEventEdges(t *testing.T, twice bool) *store.DB {
	t.Helper()
	db := MustOpenReportStore(t)
	var register [][]any
	for i, id := range people(1, 10) {
		var start any
		switch {
		case i < 4:
			start = reportDate(1, 1)
		case i < 6:
			start = reportDate(6, 1)
		case i == 6:
			start = nil
		default:
			start = reportDate(12, 1)
		}
		register = append(register, []any{id, "unga_vuxna", "female", 2000 + i, "vt25", start})
	}
	MustLoadRows(t, db, "data/deltagare.csv", "participants", register)
	if twice {
		MustLoadRows(t, db, "data/deltagare-2.csv", "participants", [][]any{{"p01", "unga_vuxna", "female", 2000, "vt25", reportDate(5, 1)}})
	}
	var m1, m2, e2 [][]any
	for i, id := range people(1, 6) {
		m1 = append(m1, []any{id, "m1", "meetup", reportDate(1, 10), nil, i})
		m2 = append(m2, []any{id, "m2", "meetup", reportDate(12, 5), nil, 1})
	}
	for _, id := range people(1, 3) {
		e2 = append(e2, []any{id, "e2", "impact_day", reportDate(4, 1), nil, nil})
	}
	MustLoadRows(t, db, "data/m1.csv", "attendance", m1)
	MustLoadRows(t, db, "data/m2.csv", "attendance", m2)
	MustLoadRows(t, db, "data/e2-narvaro.csv", "attendance", e2)
	var answers [][]any
	answer := func(ids []string, event any, date any, wave string) {
		for _, id := range ids {
			answers = append(answers, []any{id, event, date, wave, "jt1", 3.0}, []any{id, event, date, wave, "jt2", 4.0})
		}
	}
	answer(people(1, 3), "e1", reportDate(3, 1), "pre")
	answer(people(1, 7), "e1", reportDate(9, 1), "post")
	answer(people(1, 2), "e2", reportDate(4, 1), "pre")
	answer(people(1, 1), nil, reportDate(5, 1), "followup")
	answer(people(8, 8), "e9", reportDate(12, 10), "pre")
	answer(people(9, 10), "u1", nil, "pre")
	MustLoadRows(t, db, "data/svar.csv", "responses", answers)
	MustLoadRows(t, db, "data/j1.csv", "jobmarket", [][]any{
		{"p01", "j1", reportDate(4, 10), "Vården", true, false, false},
		{"p02", "j2", reportDate(12, 20), "Vården", false, false, false},
	})
	return db
}

// TestEventsAndSlotsEdges makes participation and the data-quality report
// as evaluate makes them (one statement over the events and the days of
// the response rates) and alone (a statement each), which must agree, on
// a register that names each person once and on one that names a person
// twice, and checks the events and the people expected at each day.
func TestEventsAndSlotsEdges(t *testing.T) {
	for _, twice := range []bool{false, true} {
		t.Run(fmt.Sprintf("twice=%v", twice), func(t *testing.T) {
			db := loadEventEdges(t, twice)
			for _, asOf := range []impact.Date{{}, {Time: reportDate(11, 30)}} {
				part := participationBothWays(t, db, &impact.Project{}, asOf, 1)
				var got []string
				for _, e := range part.Events {
					got = append(got, e.ID+" "+e.Kind+" "+e.Date.Format(time.DateOnly))
				}
				want := "m1 meetup 2025-01-10, e1 impact_day 2025-03-01, e2 impact_day 2025-04-01, j1 job_market 2025-04-10, " +
					"m2 meetup 2025-12-05, e9 impact_day 2025-12-10, j2 job_market 2025-12-20, u1 impact_day 0001-01-01"
				if !asOf.IsZero() {
					want = "m1 meetup 2025-01-10, e1 impact_day 2025-03-01, e2 impact_day 2025-04-01, j1 job_market 2025-04-10, " +
						"u1 impact_day 0001-01-01"
				}
				if strings.Join(got, ", ") != want {
					t.Errorf("as of %v: events\n %s\nwant\n %s", asOf, strings.Join(got, ", "), want)
				}
				if m1 := part.Events[0]; m1.NewContacts == nil || *m1.NewContacts != 2.5 {
					t.Errorf("as of %v: new contacts at m1 = %v, want 2.5", asOf, m1.NewContacts)
				}
			}
			q := qualityBothWays(t, db, 1)
			var got []string
			for _, r := range q.ResponseRates {
				got = append(got, fmt.Sprintf("%s/%s %d/%.0f", r.Event, r.Wave, *r.Respondents, float64(*r.Respondents) / *r.Rate))
			}
			// Expected: registered by the day (start date on or before
			// it, or none), or the day's attendees where attendance was
			// taken, or everyone for an undated day.
			want := "e1/pre 3/5, e2/pre 2/3, /followup 1/5, e1/post 7/7, e9/pre 1/10, u1/pre 2/10"
			if strings.Join(got, ", ") != want {
				t.Errorf("response rates (respondents/expected)\n %s\nwant\n %s", strings.Join(got, ", "), want)
			}
			// No two people share their attributes; p01 registered in
			// both register files is a possible duplicate.
			if want := map[bool]int{false: 0, true: 1}[twice]; q.PossibleDuplicates != want {
				t.Errorf("possible duplicates %d, want %d", q.PossibleDuplicates, want)
			}
		})
	}
}

// TestPossibleDuplicatesWithoutRegister counts no possible duplicates in a
// store without a register file, whose people come from a list alone.
func TestPossibleDuplicatesWithoutRegister(t *testing.T) {
	db := MustOpenReportStore(t)
	MustLoadRows(t, db, "data/m1.csv", "attendance", [][]any{{"p01", "m1", "meetup", reportDate(1, 10), nil, nil}})
	if q := qualityBothWays(t, db, 1); q.PossibleDuplicates != 0 {
		t.Errorf("possible duplicates %d, want 0", q.PossibleDuplicates)
	}
}

// TestAttendeesFromThePass checks the attendees the costs are shared among,
// which participation's pass over the people counts in a whole evaluation
// and a query of their own counts for the goals alone: everyone on an
// attendance list of any kind on a day up to the as-of date, once however
// many days they came (p01-p06 at m1, p01-p03 also at the impact day
// e2, p12 on the as-of date itself, p13 at the impact day e3 only), not
// those on a list after it (m2 in December), nor those only in answers
// (p07-p10) or at a job market.
func TestAttendeesFromThePass(t *testing.T) {
	db := loadEventEdges(t, false)
	MustLoadRows(t, db, "data/m4.csv", "attendance", [][]any{
		{"p12", "m4", "meetup", reportDate(11, 30), nil, nil},
		{"p13", "e3", "impact_day", reportDate(3, 1), nil, nil},
	})
	MustLoadRows(t, db, "data/kostnader.csv", "costs", [][]any{
		{reportDate(1, 1), "a1", "nyavagar", "staff", 10.0, 500.0, nil, "actual"},
	})
	for _, goalsOnly := range []bool{false, true} {
		ev, err := metrics.Evaluate(context.Background(), db, &impact.Project{}, metrics.Options{AsOf: impact.Date{Time: reportDate(11, 30)}, GoalsOnly: goalsOnly})
		if err != nil {
			t.Fatalf("goals only %v: %v", goalsOnly, err)
		}
		if ev.Costs == nil || ev.Costs.Participants == nil {
			t.Fatalf("goals only %v: costs %+v, want their participants", goalsOnly, ev.Costs)
		}
		if got, want := *ev.Costs.Participants, 8; got != want {
			t.Errorf("goals only %v: costs shared among %d attendees, want %d (p01-p06, p12, p13)", goalsOnly, got, want)
		}
		if goalsOnly != (ev.Quality == nil) {
			t.Errorf("goals only %v: quality %v", goalsOnly, ev.Quality)
		}
	}
}
