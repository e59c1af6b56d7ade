package store_test

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/joiningforces/impact/store"
)

// answerFactsCounted and followupFactsCounted are what answer_facts and
// followup_facts must hold: the tables' lines counted by source and group.
const (
	answerFactsCounted = `SELECT source_id, form, wave, count(*), count(*) = count(DISTINCT participant)
		FROM answers GROUP BY ALL ORDER BY ALL`
	followupFactsCounted = `SELECT source_id, months_after, count(*), count(*) = count(DISTINCT participant)
		FROM followups GROUP BY ALL ORDER BY ALL`
)

// checkLineFacts fails the test unless the store's facts of its answers
// and follow-ups are those of counting them.
func checkLineFacts(t *testing.T, db *store.DB, step string) {
	t.Helper()
	for _, c := range []struct{ kept, counted string }{
		{`SELECT source_id, form, wave, lines, once FROM answer_facts ORDER BY ALL`, answerFactsCounted},
		{`SELECT source_id, months_after, lines, once FROM followup_facts ORDER BY ALL`, followupFactsCounted},
	} {
		if kept, counted := queryRows(t, db, c.kept), queryRows(t, db, c.counted); kept != counted {
			t.Errorf("%s: the store keeps\n%swhere counting gives\n%s", step, kept, counted)
		}
	}
}

// TestLineFactsKeptByEveryWrite writes answers and follow-ups through
// every way the store takes them: a file of two waves and two forms with
// a person twice in one of them, the same file corrected, a long-form
// file, a refused load, follow-ups with and without months, collected
// answers that replace a file's. After each the store's facts are those of
// counting, and what LineFacts answers follows from them: a wave is once
// when one file's lines of one form hold it, none twice.
//
// The same holds when a load counts its lines in SQL, as one of more than
// maxTrackedLines does.
func TestLineFactsKeptByEveryWrite(t *testing.T) {
	t.Run("counted in Go", lineFactsKeptByEveryWrite)
	t.Run("counted in SQL", func(t *testing.T) {
		store.TrackLinesUpTo(t, 2)
		lineFactsKeptByEveryWrite(t)
	})
}

func lineFactsKeptByEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	p1, p2, p3 := pseudonym("p1"), pseudonym("p2"), pseudonym("p3")
	answers := func(path, hash string, refuse bool, lines ...[]any) {
		t.Helper()
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: path, Kind: "responses", Hash: hash, Now: day})
		if err != nil {
			t.Fatal(err)
		}
		defer load.Rollback()
		for i, l := range lines {
			if len(l) == 3 { // participant, wave, items of a form
				form, err := load.Form(l[2].([]string))
				if err != nil {
					t.Fatal(err)
				}
				values := make([]any, len(l[2].([]string)))
				l = []any{l[0], "dag-1", day, l[1], form, values}
			}
			if err := load.Append(i+2, l...); err != nil {
				t.Fatal(err)
			}
		}
		if !refuse {
			if err := load.Commit(int64(len(lines)), int64(len(lines)), 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	once := func(wave string) bool {
		t.Helper()
		facts, err := db.LineFacts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var forms []int64
		rows, err := db.Query(ctx, `SELECT id FROM forms`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			forms = append(forms, id)
		}
		return facts.AnswersOnce(forms, wave)
	}
	abc, ab := []string{"a", "b", "c"}, []string{"a", "b"}
	checkLineFacts(t, db, "an empty store")

	answers("data/dag1.csv", "h1", false, []any{p1, "pre", abc}, []any{p2, "pre", abc}, []any{p1, "post", abc}, []any{p1, "post", abc}, []any{p3, "post", ab})
	checkLineFacts(t, db, "a file with p1 twice after")
	if !once("pre") || once("post") {
		t.Errorf("a file with p1 twice after: once before %v, after %v; want true, false", once("pre"), once("post"))
	}
	answers("data/dag1.csv", "h2", true, []any{p1, "pre", abc})
	checkLineFacts(t, db, "a refused correction")
	answers("data/dag1.csv", "h3", false, []any{p1, "pre", abc}, []any{p2, "pre", abc}, []any{p1, "post", abc}, []any{p2, "post", abc})
	checkLineFacts(t, db, "the file corrected")
	if !once("pre") || !once("post") {
		t.Errorf("the file corrected: once before %v, after %v; want true, true", once("pre"), once("post"))
	}
	answers("data/dag2.csv", "h4", false, []any{p3, "pre", abc})
	checkLineFacts(t, db, "a second file before")
	if once("pre") || !once("post") {
		t.Errorf("two files before: once before %v, after %v; want false (two files), true", once("pre"), once("post"))
	}
	// A long-form file: one line per answer, each of its item's form.
	answers("data/lang.csv", "h5", false, []any{p1, "dag-1", day, "single", "a", 2.0}, []any{p1, "dag-1", day, "single", "b", nil}, []any{p2, "dag-1", day, "single", "a", 1.0}, []any{p2, "dag-1", day, "single", "a", 3.0})
	checkLineFacts(t, db, "a long-form file")

	followups := func(path, hash string, rows ...[]any) {
		t.Helper()
		loadRows(t, db, path, "followups", hash, rows, nil, false)
	}
	followups("data/f.csv", "h6", []any{p1, day, int32(6), "employed"}, []any{p2, day, int32(6), "studying"}, []any{p1, day, int32(3), "employed"}, []any{p1, day, int32(3), "employed"}, []any{p1, day, nil, "employed"})
	checkLineFacts(t, db, "follow-ups with p1 twice after 3 months")
	facts, err := db.LineFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !facts.FollowupsOnce(6) || facts.FollowupsOnce(3) || !facts.FollowupsOnce(12) {
		t.Errorf("follow-ups: once after 6, 3 and 12 months %v, %v, %v; want true, false, true", facts.FollowupsOnce(6), facts.FollowupsOnce(3), facts.FollowupsOnce(12))
	}
	followups("data/f2.csv", "h7", []any{p3, day, int32(6), "employed"})
	checkLineFacts(t, db, "a second file of follow-ups")
	if facts, err := db.LineFacts(ctx); err != nil || facts.FollowupsOnce(6) {
		t.Errorf("two files of follow-ups after 6 months: once (%v)", err)
	}

	// Collected answers replace p1's line of the file after, and p2's
	// collected one.
	if _, err := db.OpenCollection(ctx, store.Collection{Event: "dag-1", Token: "tok", Wave: "post", Instruments: []string{"s"}, EventKind: "impact_day", Date: day}); err != nil {
		t.Fatal(err)
	}
	for i, who := range []string{p1, p2, p2} {
		if _, err := db.SaveAnswer(ctx, store.Answer{Key: "k" + string(rune('1'+i)), Event: "dag-1", Participant: who, Items: abc,
			Values: []float64{1, 2, math.NaN()}, At: day.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		checkLineFacts(t, db, "collected answer "+string(rune('1'+i)))
	}

	// DuckDB's own reader, the floor of the benchmarks, keeps no fact:
	// the facts no longer cover the answers.
	readWithDuckDB(t, db, "responses", "participant,event,date,wave,item,value\nx,dag-9,2025-03-12,pre,q,1\n")
	if once("single") || once("never") {
		t.Errorf("answers the store has no fact of: once")
	}
}

// TestLineFactsMigrated carries a store of the version before the facts
// over: the migration counts them, without changing any stored table.
func TestLineFactsMigrated(t *testing.T) {
	ctx := context.Background()
	before := slices.IndexFunc(store.Migrations(), func(m store.Migration) bool { return m.Name == "line_facts" })
	old, err := store.OpenWith(ctx, filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: store.Migrations()[:before]})
	if err != nil {
		t.Fatal(err)
	}
	load, err := old.BeginLoad(ctx, store.LoadInfo{Path: "data/a.csv", Kind: "responses", Hash: "h", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	form, err := load.Form([]string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range [][]any{{"p1", "pre"}, {"p2", "pre"}, {"p1", "post"}, {"p1", "post"}} {
		if err := load.Append(i+2, pseudonym(l[0].(string)), "dag-1", day, l[1], form, []any{1.0, 2.0}); err != nil {
			t.Fatal(err)
		}
	}
	if err := load.Commit(4, 4, 0); err != nil {
		t.Fatal(err)
	}
	loadRows(t, old, "data/f.csv", "followups", "h2", [][]any{{pseudonym("p1"), day, int32(6), "employed"}, {pseudonym("p1"), day, nil, "employed"}, {pseudonym("p1"), day, nil, "employed"}}, nil, false)
	if facts, err := old.LineFacts(ctx); err != nil || facts.AnswersOnce([]int64{int64(form)}, "pre") {
		t.Fatalf("a store before the facts knows them (%v)", err)
	}
	db := MustMigrateUnchanged(t, old, before+1)
	checkLineFacts(t, db, "the migrated store")
	if got := queryRows(t, db, `SELECT count(*) FROM answer_facts`); got != "2\n" {
		t.Errorf("the migrated store has %s facts of answers, want 2", got)
	}
	facts, err := db.LineFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !facts.AnswersOnce([]int64{int64(form)}, "pre") || facts.AnswersOnce([]int64{int64(form)}, "post") || !facts.FollowupsOnce(6) {
		t.Errorf("the migrated store: once before %v, after %v, after 6 months %v; want true, false, true",
			facts.AnswersOnce([]int64{int64(form)}, "pre"), facts.AnswersOnce([]int64{int64(form)}, "post"), facts.FollowupsOnce(6))
	}
	db.Close()
}
