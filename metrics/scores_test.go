package metrics_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// answerLine is one stored questionnaire line: its form's items and their
// values in that order.
type answerLine struct {
	line        int
	participant string
	event       string
	day         int
	items       []string
	values      []any
}

// MustLoadAnswers loads questionnaire lines of wave pre as the responses
// file path, each line one answers row of its own form.
func MustLoadAnswers(t testing.TB, db *store.DB, path string, lines []answerLine) {
	t.Helper()
	ctx := context.Background()
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: path, Kind: "responses", Hash: "sha-" + path, Now: time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("BeginLoad(%s): %v", path, err)
	}
	defer load.Rollback()
	for _, l := range lines {
		form, err := load.Form(l.items)
		if err != nil {
			t.Fatalf("Form(%v): %v", l.items, err)
		}
		if err := load.Append(l.line, pseudonym(l.participant), l.event, reportDate(1, l.day), "pre", form, l.values); err != nil {
			t.Fatalf("Append(%s line %d): %v", path, l.line, err)
		}
	}
	n := int64(len(lines))
	if err := load.Commit(n, n, 0); err != nil {
		t.Fatalf("Commit(%s): %v", path, err)
	}
}

// TestScoresFromForms scores an instrument (items a, b, c on 1–5, c
// reverse-coded, the sum) from lines of many forms: its items in two
// orders, with an item that is not its own, a wide line without c that a
// long-form line for c completes, three long-form lines, an item given
// twice, an item left empty, and a person who answered twice (the later
// line counts). By hand:
//
//	p1 1+2+(6−3) = 6; p2 (6−5)+4+4 = 9; p3 1+1+(6−1) = 7; p4 2+2+(6−2) = 8;
//	p5 a twice and p6 b empty: no score; p7 the later 5+5+(6−5) = 11, in
//	e1 only the earlier 3+3+3 = 9; p8 1+1+(6−1) = 7 beside x.
//
// Only answers of 2 or more (where: value): p1, p3 and p8 keep too few
// items, p6 loses b; p2 9, p4 8, p7 11. Only p2 (where: participant): 9.
func TestScoresFromForms(t *testing.T) {
	dir := t.TempDir()
	yaml := `version: 1
project: {id: scores-test, name: Test, period: {start: 2025-01-01, end: 2025-12-31}, min_cell: 2, min_n: 2}
theory_of_change:
  nodes:
    - {id: a1, level: activity, name: Träffar}
    - {id: s1, level: outcome, name: Mående, from: [a1]}
instruments:
  - {id: s, name: Skala, items: [a, b, c], scale: {min: 1, max: 5}, reverse: [c], score: sum}
indicators:
  - {id: all, name: Alla, node: s1, measure: {kind: mean, source: responses, instrument: s, wave: pre}}
  - {id: e1, name: Dag 1, node: s1, measure: {kind: mean, source: responses, instrument: s, wave: pre, where: {event: e1}}}
  - {id: high, name: Höga svar, node: s1, measure: {kind: mean, source: responses, instrument: s, wave: pre, where: {value: {from: 2}}}}
  - {id: one, name: En person, node: s1, measure: {kind: mean, source: responses, instrument: s, wave: pre, where: {participant: ` + strings.ToUpper(pseudonym("p2")) + `}}}
`
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := MustOpenReportStore(t)
	abc := []string{"a", "b", "c"}
	MustLoadAnswers(t, db, "data/e1.csv", []answerLine{
		{2, "p1", "e1", 22, abc, []any{1.0, 2.0, 3.0}},
		{3, "p2", "e1", 22, []string{"c", "a", "b"}, []any{5.0, 4.0, 4.0}},
		{4, "p3", "e1", 22, []string{"a"}, []any{1.0}},
		{5, "p3", "e1", 22, []string{"b"}, []any{1.0}},
		{6, "p3", "e1", 22, []string{"c"}, []any{1.0}},
		{7, "p4", "e1", 22, []string{"a", "b"}, []any{2.0, 2.0}},
		{8, "p4", "e1", 22, []string{"c"}, []any{2.0}},
		{9, "p5", "e1", 22, []string{"a", "a", "b", "c"}, []any{1.0, 1.0, 1.0, 1.0}},
		{10, "p6", "e1", 22, abc, []any{3.0, nil, 3.0}},
		{11, "p7", "e1", 22, abc, []any{3.0, 3.0, 3.0}},
		{12, "p8", "e1", 22, []string{"a", "b", "c", "x"}, []any{1.0, 1.0, 1.0, 9.0}},
	})
	MustLoadAnswers(t, db, "data/e2.csv", []answerLine{
		{2, "p7", "e2", 29, abc, []any{5.0, 5.0, 5.0}},
	})
	ev, err := metrics.Evaluate(context.Background(), db, p, metrics.Options{AsOf: MustDate(t, "2025-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		id   string
		n    int
		mean float64
	}{
		{"all", 6, 48.0 / 6},
		{"e1", 6, 46.0 / 6},
		{"high", 3, 28.0 / 3},
		{"one", 1, 9}, // a pseudonym as the exports show it, in any case
	} {
		r := ev.Indicators[i]
		if r.ID != want.id || r.N == nil || *r.N != want.n || r.Estimate == nil || !near(*r.Estimate, want.mean) {
			t.Errorf("%s: n = %s, mean = %s, want n = %d, mean = %g", r.ID, fmtInt(r.N), fmtFloat(r.Estimate), want.n, want.mean)
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	return d < 1e-12 && d > -1e-12
}

// TestRespondentSeriesDates: the scores of an instrument carry their dates
// only when a series asks for them; a paired change over months and a mean
// per event then have a point at each month and event, dated within it,
// whose n adds up to the indicator's.
func TestRespondentSeriesDates(t *testing.T) {
	p, db := MustIngestExample(t)
	frequencies := map[string]string{"wellbeing_change": "monthly", "jobbtro_post": "per_event"}
	for i := range p.Indicators {
		if f, ok := frequencies[p.Indicators[i].ID]; ok {
			p.Indicators[i].Frequency = f
		}
	}
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	ev, err := metrics.Evaluate(context.Background(), db, p, metrics.Options{AsOf: MustDate(t, "2025-11-30"), Now: func() time.Time { return now }, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ev.Indicators {
		f, ok := frequencies[r.ID]
		if !ok {
			continue
		}
		if len(r.Series) == 0 || r.N == nil {
			t.Fatalf("%s (%s): no series or no n: %+v", r.ID, f, r.Series)
		}
		n := 0
		for _, pt := range r.Series {
			if pt.Date.IsZero() || pt.N == nil {
				t.Errorf("%s: a point without a date or n: %+v", r.ID, pt)
				continue
			}
			n += *pt.N
			if f == "monthly" && pt.Label != pt.Date.Format("2006-01") {
				t.Errorf("%s: point %q dated %s, outside its month", r.ID, pt.Label, pt.Date)
			}
		}
		if n != *r.N {
			t.Errorf("%s: the points' n add up to %d, the indicator's n is %d", r.ID, n, *r.N)
		}
	}
}
