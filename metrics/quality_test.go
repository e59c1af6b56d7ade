package metrics_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

func TestQuality(t *testing.T) {
	db := MustOpenReportStore(t)
	// Twelve registered: p12 twice, p10 without gender; p03 and p05 share
	// every attribute (a possible duplicate).
	var register [][]any
	for i, id := range people(1, 12) {
		gender := any([]string{"female", "male"}[i%2])
		if id == "p10" {
			gender = nil
		}
		register = append(register, []any{id, "unga_vuxna", gender, 1990 + i, "vt25", reportDate(1, i+1)})
	}
	register[4] = []any{"p05", "unga_vuxna", "female", 1992, "vt25", reportDate(1, 3)} // as p03
	register = append(register, []any{"p12", "unga_vuxna", "male", 2001, "vt25", reportDate(1, 12)})
	MustLoadRows(t, db, "data/deltagare.csv", "participants", register,
		impact.RejectRow{Line: 15, Column: "birth_year", Reason: "\"19x0\" is not a year"},
		impact.RejectRow{Line: 14, Column: "gender", Reason: "\"q\" is not a gender"},
	)

	// Impact day 1 (pre): ten answer all seven items, p09 and p10 leave
	// one blank. Day 2 (post): six answer, all complete; p99 is not
	// registered.
	var pre, post [][]any
	for _, id := range people(1, 10) {
		for item := 1; item <= 7; item++ {
			value := any(3.0)
			if item == 7 && (id == "p09" || id == "p10") {
				value = nil
			}
			pre = append(pre, []any{id, "e1", reportDate(1, 22), "pre", fmt.Sprintf("swemwbs_%d", item), value})
		}
	}
	for _, id := range append(people(1, 5), "p99") {
		for item := 1; item <= 7; item++ {
			post = append(post, []any{id, "e2", reportDate(9, 17), "post", fmt.Sprintf("swemwbs_%d", item), 4.0})
		}
	}
	MustLoadRows(t, db, "data/e1.xlsx", "responses", pre)
	MustLoadRows(t, db, "data/e2.csv", "responses", post)
	MustLoadRows(t, db, "data/kostnader.csv", "costs", [][]any{
		{reportDate(1, 1), "a1", "nyavagar", "staff", 10.0, 500.0, nil, "actual"},
	})

	q := qualityBothWays(t, db, 5)

	t.Run("ingest log with every reject", func(t *testing.T) {
		var got []string
		for _, s := range q.Sources {
			line := fmt.Sprintf("%s %s %s read=%d loaded=%d rejected=%d", s.Path, s.Kind, s.Hash, s.Read, s.Loaded, s.Rejected)
			for _, r := range s.Rejects {
				line += fmt.Sprintf(" [%d %s: %s]", r.Line, r.Column, r.Reason)
			}
			got = append(got, line)
		}
		want := []string{
			"data/deltagare.csv participants sha-data/deltagare.csv read=15 loaded=13 rejected=2 [14 gender: \"q\" is not a gender] [15 birth_year: \"19x0\" is not a year]",
			"data/e1.xlsx responses sha-data/e1.xlsx read=70 loaded=70 rejected=0",
			"data/e2.csv responses sha-data/e2.csv read=42 loaded=42 rejected=0",
			"data/kostnader.csv costs sha-data/kostnader.csv read=1 loaded=1 rejected=0",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("sources:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("missing values per column", func(t *testing.T) {
		missing := map[string]string{}
		for _, m := range q.Missing {
			missing[m.Table+"."+m.Column] = fmt.Sprintf("%d/%d", m.Missing, m.Rows)
		}
		for column, want := range map[string]string{
			"participants.gender": "1/13", "participants.birth_year": "0/13",
			"responses.value": "2/112", "costs.amount": "1/1", "costs.hours": "0/1",
		} {
			if got := missing[column]; got != want {
				t.Errorf("missing %s = %q, want %q", column, got, want)
			}
		}
		if _, ok := missing["attendance.participant"]; ok {
			t.Errorf("an empty table is listed: %v", q.Missing)
		}
	})

	t.Run("response rates", func(t *testing.T) {
		var got []string
		for _, r := range q.ResponseRates {
			got = append(got, fmt.Sprintf("%s %s respondents=%s complete=%s withheld=%t rate=%s", r.Event, r.Wave, fmtInt(r.Respondents), fmtInt(r.Complete), r.CompleteWithheld, fmtFloat(r.Rate)))
		}
		// Day 1: 10 of 12 registered (p12 counted once); 8 complete, but
		// the 2 incomplete would be given away, so complete is withheld
		// (it is 5 or more: it must not read "fewer than 5").
		// Day 2: 6 of 12 registered by September.
		want := []string{
			"e1 pre respondents=10 complete=- withheld=true rate=0.833",
			"e2 post respondents=6 complete=6 withheld=false rate=0.5",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("response rates:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("duplicates, attributes and checks", func(t *testing.T) {
		// p12 registered twice; p03 and p05 alike.
		if got, want := q.PossibleDuplicates, 3; got != want {
			t.Errorf("possible duplicates = %d, want %d", got, want)
		}
		// p10 without gender, p99 not registered.
		if got, want := q.WithoutAttributes, 2; got != want {
			t.Errorf("without attributes = %d, want %d", got, want)
		}
		if got, want := strings.Join(q.Checks, " "), "pseudonymised personal_columns personnummer"; got != want {
			t.Errorf("checks = %q, want %q", got, want)
		}
		if q.SuppressedCells != 0 {
			t.Errorf("suppressed cells = %d before CountSuppressed", q.SuppressedCells)
		}
	})
}

func TestQualityEmptyStore(t *testing.T) {
	q := qualityBothWays(t, MustOpenReportStore(t), 5)
	if len(q.Sources) != 0 || len(q.Missing) != 0 || len(q.ResponseRates) != 0 || len(q.Checks) != 0 {
		t.Errorf("empty store gives %+v", q)
	}
}

// TestResponseRatesCountDistinctItems checks both ways of counting a
// person's answered items (a bit set up to 64 items, count(DISTINCT) above)
// on the case that tells them from a plain row count: an item answered
// twice while another is left blank is not a complete answer.
func TestResponseRatesCountDistinctItems(t *testing.T) {
	for _, items := range []int{7, 70} {
		t.Run(fmt.Sprintf("%d items", items), func(t *testing.T) {
			db := MustOpenReportStore(t)
			var rows [][]any
			for _, id := range people(1, 12) {
				for item := 1; item <= items; item++ {
					name, value := fmt.Sprintf("q%d", item), any(3.0)
					// p07…p12 answer q1 twice instead of q2.
					if item == 2 && id >= "p07" {
						name = "q1"
					}
					rows = append(rows, []any{id, "e1", reportDate(2, 1), "pre", name, value})
				}
			}
			MustLoadRows(t, db, "data/e1.csv", "responses", rows)
			q := qualityBothWays(t, db, 5)
			if got, want := len(q.ResponseRates), 1; got != want {
				t.Fatalf("%d response rates, want %d", got, want)
			}
			r := q.ResponseRates[0]
			if got, want := fmtInt(r.Respondents)+"/"+fmtInt(r.Complete), "12/6"; got != want {
				t.Errorf("respondents/complete = %s, want %s", got, want)
			}
		})
	}
}

// TestQualityUniqueRegister counts possible duplicates and people without
// attributes when the register names each person once, the short way: p03
// and p05 share every attribute, p07 shares them with nobody once p08's
// cohort differs, p10 has no gender, p11 no target group, and p99 answered
// without being registered.
func TestQualityUniqueRegister(t *testing.T) {
	db := MustOpenReportStore(t)
	var register [][]any
	for i, id := range people(1, 12) {
		gender, group, cohort := any("female"), any("unga_vuxna"), "vt25"
		switch id {
		case "p10":
			gender = nil
		case "p11":
			group = nil
		case "p08":
			cohort = "ht25"
		}
		register = append(register, []any{id, group, gender, 1990 + i, cohort, reportDate(1, i+1)})
	}
	register[4] = []any{"p05", "unga_vuxna", "female", 1992, "vt25", reportDate(1, 3)} // as p03
	register[7] = []any{"p08", "unga_vuxna", "female", 1996, "ht25", reportDate(1, 7)} // p07's but the cohort
	MustLoadRows(t, db, "data/deltagare.csv", "participants", register)
	MustLoadRows(t, db, "data/e1.csv", "responses", [][]any{
		{"p01", "e1", reportDate(1, 22), "pre", "swemwbs_1", 3.0},
		{"p99", "e1", reportDate(1, 22), "pre", "swemwbs_1", 3.0},
	})
	q := qualityBothWays(t, db, 5)
	if got, want := q.PossibleDuplicates, 2; got != want {
		t.Errorf("possible duplicates = %d, want %d", got, want)
	}
	if got, want := q.WithoutAttributes, 3; got != want {
		t.Errorf("without attributes = %d, want %d", got, want)
	}
}
