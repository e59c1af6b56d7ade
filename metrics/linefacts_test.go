package metrics_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// waveLine is one questionnaire line of items a, b and c in a wave.
type waveLine struct {
	participant, event, wave string
	date                     time.Time
	values                   []any
}

// mustLoadWaves loads questionnaire lines of items a, b and c as the
// responses file path.
func mustLoadWaves(t *testing.T, db *store.DB, path string, lines []waveLine) {
	t.Helper()
	ctx := context.Background()
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: path, Kind: "responses", Hash: "sha-" + path, Now: time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	form, err := load.Form([]string{"a", "b", "c"})
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range lines {
		if err := load.Append(i+2, pseudonym(l.participant), l.event, l.date, l.wave, form, l.values); err != nil {
			t.Fatalf("Append(%s line %d): %v", path, i+2, err)
		}
	}
	if err := load.Commit(int64(len(lines)), int64(len(lines)), 0); err != nil {
		t.Fatal(err)
	}
}

// TestLatestLineOrJoin evaluates a project whose one survey file names
// each person once per wave, and whose follow-ups after six months name
// each once, so that the evaluation takes each respondent's line of a
// wave, and each person's follow-up, as they are (store.LineFacts); and
// again after the store's facts are gone, when it finds each one's latest
// line by a group-by: the documents are the same. The lines hold a person
// with only a pre line, one with only a post line dated 1969 (undated to
// the group-by's key), one in 2151 (after the key's last day), an
// incomplete post line, a line of a wave no indicator asks for, per-event
// and monthly series and a disaggregation; the follow-ups after three
// months name a person twice (the later line counts).
//
// By hand: the paired change is that of p01–p05 (p06's post line lacks b):
// a sum of 6 before and 11, 12, 13, 14, 15 after (c reverse-coded), a mean
// change of 7; in three months p02's later follow-up (employed) counts,
// so 4 of 5 are employed (p01, p02, p03, p05).
func TestLatestLineOrJoin(t *testing.T) {
	dir := t.TempDir()
	yaml := `version: 1
project: {id: join-test, name: Test, period: {start: 2025-01-01, end: 2025-12-31}, min_cell: 2, min_n: 2}
target_groups:
  - {id: unga, name: Unga vuxna}
theory_of_change:
  nodes:
    - {id: a1, level: activity, name: Träffar}
    - {id: s1, level: outcome, name: Mående, from: [a1]}
instruments:
  - {id: s, name: Skala, items: [a, b, c], scale: {min: 1, max: 5}, reverse: [c], score: sum}
indicators:
  - {id: change, name: Förändring, node: s1, frequency: per_event, disaggregate: [gender], measure: {kind: paired_change, source: responses, instrument: s, pre: pre, post: post}}
  - {id: post, name: Efter, node: s1, frequency: monthly, target_group: unga, measure: {kind: mean, source: responses, instrument: s, wave: post}}
  - {id: pre1, name: Före dag 1, node: s1, measure: {kind: mean, source: responses, instrument: s, wave: pre, where: {event: e1}}}
  - {id: work6, name: Arbete 6 mån, node: s1, disaggregate: [gender], measure: {kind: proportion, source: followups, where: {months_after: 6}, success: {status: [employed]}}}
  - {id: work3, name: Arbete 3 mån, node: s1, measure: {kind: proportion, source: followups, where: {months_after: 3}, success: {status: [employed]}}}
`
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db := MustOpenReportStore(t)
	var register [][]any
	for i, id := range people(1, 12) {
		gender := []string{"female", "male"}[i%2]
		register = append(register, []any{id, "unga", gender, 2000, nil, nil})
	}
	MustLoadRows(t, db, "data/register.csv", "participants", register)
	jan, sep := reportDate(1, 22), reportDate(9, 10)
	low := []any{2.0, 2.0, 4.0} // 2 + 2 + (6 − 4) = 6
	var lines []waveLine
	for i, id := range people(1, 8) {
		lines = append(lines, waveLine{id, "e1", "pre", jan, low})
		if i < 5 {
			// 11, 12, 13, 14, 15
			lines = append(lines, waveLine{id, "e2", "post", sep.AddDate(0, 0, i), []any{float64(1 + i), 5.0, 1.0}})
		}
	}
	lines = append(lines,
		waveLine{"p06", "e2", "post", sep, []any{4.0, nil, 4.0}},
		waveLine{"p09", "e2", "post", time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), []any{4.0, 4.0, 4.0}},
		waveLine{"p10", "e3", "post", time.Date(2151, 1, 1, 0, 0, 0, 0, time.UTC), []any{5.0, 5.0, 1.0}},
		waveLine{"p11", "e3", "followup", sep, []any{5.0, 5.0, 5.0}},
		waveLine{"p12", "e1", "post", jan, []any{1.0, 1.0, 5.0}},
	)
	mustLoadWaves(t, db, "data/svar.csv", lines)
	var six, three [][]any
	for i, id := range people(1, 8) {
		six = append(six, []any{id, reportDate(7, 1+i), int32(6), []string{"employed", "unemployed"}[i%2]})
	}
	for i, id := range people(1, 5) {
		three = append(three, []any{id, reportDate(4, 1+i), int32(3), []string{"employed", "unemployed"}[i%2]})
	}
	three = append(three, []any{"p02", reportDate(4, 20), int32(3), "employed"})
	MustLoadRows(t, db, "data/sex.csv", "followups", six)
	MustLoadRows(t, db, "data/tre.csv", "followups", three)

	facts, err := db.LineFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var form int64
	if err := db.QueryRow(ctx, `SELECT id FROM forms`).Scan(&form); err != nil {
		t.Fatal(err)
	}
	forms := []int64{form}
	if !facts.AnswersOnce(forms, "pre") || !facts.AnswersOnce(forms, "post") || !facts.FollowupsOnce(6) || facts.FollowupsOnce(3) {
		t.Fatalf("the store's facts: pre %v, post %v, 6 months %v, 3 months %v; want once, once, once, not once",
			facts.AnswersOnce(forms, "pre"), facts.AnswersOnce(forms, "post"), facts.FollowupsOnce(6), facts.FollowupsOnce(3))
	}
	evaluate := func() (string, *impact.Evaluation) {
		ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{AsOf: MustDate(t, "2025-12-31"), Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		return string(doc), ev
	}
	joined, ev := evaluate()
	results := map[string]impact.Result{}
	for _, r := range ev.Indicators {
		results[r.ID] = r
	}
	if r := results["change"]; r.N == nil || *r.N != 5 || r.Estimate == nil || !near(*r.Estimate, 7) {
		t.Errorf("change: n = %s, estimate %s; want 5 and 7", fmtInt(r.N), fmtFloat(r.Estimate))
	}
	if r := results["work3"]; r.N == nil || *r.N != 5 || r.Estimate == nil || !near(*r.Estimate, 0.8) {
		t.Errorf("work3: n = %s, estimate %s; want 5 and 0.8", fmtInt(r.N), fmtFloat(r.Estimate))
	}
	if _, err := db.Exec(ctx, `DELETE FROM answer_facts; DELETE FROM followup_facts`); err != nil {
		t.Fatal(err)
	}
	if facts, err := db.LineFacts(ctx); err != nil || facts.AnswersOnce(forms, "pre") || facts.FollowupsOnce(6) {
		t.Fatalf("the store still knows its lines without facts (%v)", err)
	}
	if grouped, _ := evaluate(); grouped != joined {
		t.Errorf("the evaluation from each wave's lines differs from the one that groups them:\n%s\nwant\n%s", joined, grouped)
	}
}
