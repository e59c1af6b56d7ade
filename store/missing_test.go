package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/joiningforces/impact/store"
)

// checkMissing fails the test unless the counts of missing values the
// store keeps are those of counting every table, for each kind whose
// counts it keeps, and it keeps them of every kind but those of unknown.
func checkMissing(t *testing.T, db *store.DB, step string, unknown ...string) {
	t.Helper()
	ctx := context.Background()
	known, err := db.MissingCounts(ctx)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	for _, kind := range store.Kinds {
		kept, ok := known[kind]
		if ok == slices.Contains(unknown, kind) {
			t.Errorf("%s: the counts of %s are known: %v, want %v", step, kind, ok, !ok)
		}
		if !ok {
			continue
		}
		var text string
		if err := db.QueryRow(ctx, `SELECT CAST(to_json(list_value(*COLUMNS(*))) AS VARCHAR) FROM (`+store.MissingCountsQuery(kind, "TRUE")+`)`).Scan(&text); err != nil {
			t.Fatal(err)
		}
		var counted []int64
		if err := json.Unmarshal([]byte(text), &counted); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(kept, counted) {
			t.Errorf("%s: the store keeps %v of %s, counting gives %v", step, kept, kind, counted)
		}
	}
}

// TestMissingFactsKeptByEveryWrite writes rows with and without missing
// values through every way the store takes them: each kind of file, a
// list that fills the register, a survey file in wide and long form, a
// refused load, a re-ingest, collected answers that replace a file's line
// and their own, and DuckDB's own reader. After each the counts the store
// keeps are those of counting.
func TestMissingFactsKeptByEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	a, b, c := pseudonym("a"), pseudonym("b"), pseudonym("c")
	checkMissing(t, db, "an empty store")

	loadRows(t, db, "data/register.csv", "participants", "h1", [][]any{{a, "youth", "female", 2001, "spring", day}, {b, nil, nil, nil, "spring", nil}}, nil, false)
	checkMissing(t, db, "a register")
	loadRows(t, db, "data/visits.csv", "attendance", "h2", [][]any{{a, "dag-1", "meetup", day, nil, int32(3)}, {c, "dag-1", "meetup", day, "guest", nil}}, []string{c}, false)
	checkMissing(t, db, "a list that fills the register with c")
	loadRows(t, db, "data/visits.csv", "attendance", "h3", [][]any{{a, "dag-1", "meetup", day, nil, nil}}, nil, true)
	checkMissing(t, db, "a refused correction of the list")
	loadRows(t, db, "data/visits.csv", "attendance", "h4", [][]any{{a, "dag-1", "meetup", day, nil, nil}}, nil, false)
	checkMissing(t, db, "the list corrected, without its fill")
	loadRows(t, db, "data/jobs.csv", "jobmarket", "h5", [][]any{{a, "fair-1", day, "Boden kommun", true, nil, false}, {b, "fair-1", day, nil, nil, nil, nil}}, nil, false)
	checkMissing(t, db, "a job market")
	loadRows(t, db, "data/f.csv", "followups", "h6", [][]any{{a, day, int32(6), "employed"}, {b, day, nil, "unknown"}}, nil, false)
	checkMissing(t, db, "follow-ups")
	loadRows(t, db, "data/costs.csv", "costs", "h7", [][]any{{day, "lokal", nil, "rent", nil, nil, 1200.0, "cash"}}, nil, false)
	checkMissing(t, db, "costs")
	loadRows(t, db, "data/kpi.csv", "kpi", "h8", [][]any{{"N00914", "2582", int32(2024), nil, 12.5}, {"N00914", "0000", int32(2024), "K", nil}}, nil, false)
	loadRows(t, db, "data/kpi-meta.csv", "kpi_meta", "h9", [][]any{{"N00914", "Arbetslöshet", nil}}, nil, false)
	checkMissing(t, db, "Kolada's figures")

	// A survey file in wide form: lines of two forms, items unanswered,
	// a line without event or date; then one in long form.
	abc, ab := []string{"q1", "q2", "q3"}, []string{"q1", "q2"}
	loadAnswers(t, db, "data/svar.csv", "h10",
		[]any{a, "dag-1", day, "pre", abc, []any{1.0, nil, 3.0}},
		[]any{b, nil, nil, "pre", abc, []any{nil, nil, nil}},
		[]any{c, "dag-1", day, "post", ab, []any{2.0, 2.0}})
	checkMissing(t, db, "a survey file in wide form")
	loadAnswers(t, db, "data/lang.csv", "h11", []any{a, "dag-1", day, "single", "q1", 2.0}, []any{b, "dag-1", nil, "single", "q2", nil})
	checkMissing(t, db, "a survey file in long form")
	// A form of more items than a line's mask holds: its answered values
	// are counted from the list.
	long := make([]string, 70)
	values := make([]any, 70)
	for i := range long {
		long[i] = fmt.Sprintf("k%02d", i)
		if i%3 == 0 {
			values[i] = float64(i % 5)
		}
	}
	loadAnswers(t, db, "data/svar.csv", "h12", []any{a, "dag-1", day, "pre", abc, []any{1.0, 2.0, 3.0}}, []any{b, "dag-1", day, "post", long, values})
	checkMissing(t, db, "the wide survey file corrected, with a form of 70 items")

	// Collected answers: one that replaces a's line of the file, one
	// that replaces b's own collected answer, and one with no items.
	if _, err := db.OpenCollection(ctx, store.Collection{Event: "dag-1", Token: "tok", Wave: "pre", Instruments: []string{"s"}, EventKind: "impact_day", Date: day}); err != nil {
		t.Fatal(err)
	}
	for i, ans := range []store.Answer{
		{Participant: a, Items: abc, Values: []float64{1, math.NaN(), 3}},
		{Participant: b, Items: ab, Values: []float64{math.NaN(), math.NaN()}},
		{Participant: b, Items: ab, Values: []float64{1, math.NaN()}},
		{Participant: pseudonym("d")},
	} {
		ans.Key, ans.Event, ans.At = "k"+string(rune('1'+i)), "dag-1", day.Add(time.Hour)
		if _, err := db.SaveAnswer(ctx, ans); err != nil {
			t.Fatal(err)
		}
		checkMissing(t, db, "collected answer "+string(rune('1'+i)))
	}

	// DuckDB's own reader, the floor of the benchmarks, keeps no counts:
	// those of the job market no longer cover its table.
	readWithDuckDB(t, db, "jobmarket", "participant,event,date,employer,interview,offer,hired\nx,fair-2,2025-03-12,,false,,\n")
	checkMissing(t, db, "a job market read by DuckDB's reader", "jobmarket")
}

// TestMissingFactsMigrated carries a store of the version before the
// counts over: opening it counts every file's rows, without changing any
// stored table.
func TestMissingFactsMigrated(t *testing.T) {
	ctx := context.Background()
	before := slices.IndexFunc(store.Migrations(), func(m store.Migration) bool { return m.Name == "missing_facts" })
	old, err := store.OpenWith(ctx, filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: store.Migrations()[:before]})
	if err != nil {
		t.Fatal(err)
	}
	a, b := pseudonym("a"), pseudonym("b")
	loadRows(t, old, "data/register.csv", "participants", "h1", [][]any{{a, "youth", nil, 2001, "spring", day}}, nil, false)
	loadRows(t, old, "data/visits.csv", "attendance", "h2", [][]any{{a, "dag-1", "meetup", day, nil, nil}, {b, "dag-1", "meetup", day, nil, int32(2)}}, []string{b}, false)
	loadAnswers(t, old, "data/svar.csv", "h3", []any{a, "dag-1", day, "pre", []string{"q1", "q2"}, []any{1.0, nil}})
	if known, err := old.MissingCounts(ctx); err != nil || len(known) > 0 {
		t.Fatalf("a store before the counts knows %v (%v)", known, err)
	}
	db := MustMigrateUnchanged(t, old, before+1)
	checkMissing(t, db, "the migrated store")
	db.Close()
}

// readWithDuckDB writes text to a file and has DuckDB's own reader, the
// floor of the benchmarks, load it into the table of kind as source 99.
func readWithDuckDB(t *testing.T, db *store.DB, kind, text string) {
	t.Helper()
	csv := filepath.Join(t.TempDir(), kind+".csv")
	if err := os.WriteFile(csv, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReadCSV(context.Background(), kind, csv, 99); err != nil {
		t.Fatal(err)
	}
}

// loadAnswers loads a survey file of the given lines, each the row
// Load.Append takes: a wide line's items in the place of its form, which
// loadAnswers records, or a long-form line's item and value.
func loadAnswers(t *testing.T, db *store.DB, path, hash string, lines ...[]any) {
	t.Helper()
	load, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: path, Kind: "responses", Hash: hash, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	for i, l := range lines {
		if items, ok := l[4].([]string); ok {
			form, err := load.Form(items)
			if err != nil {
				t.Fatal(err)
			}
			l = append(append([]any{}, l[:4]...), form, l[5])
		}
		if err := load.Append(i+2, l...); err != nil {
			t.Fatal(err)
		}
	}
	if err := load.Commit(int64(len(lines)), int64(len(lines)), 0); err != nil {
		t.Fatal(err)
	}
}
