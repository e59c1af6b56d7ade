package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/joiningforces/impact/store"
)

// checkRegisterFact fails unless the store knows whether the register
// names each participant once, and whether the rows started by each of a
// few as-of dates around the test's day do, and what it knows is what
// counting says.
func checkRegisterFact(t *testing.T, db *store.DB, step string, want bool) {
	t.Helper()
	ctx := context.Background()
	var counted bool
	if err := db.QueryRow(ctx, `SELECT count(*) = count(DISTINCT participant) FROM participants`).Scan(&counted); err != nil {
		t.Fatal(err)
	}
	if counted != want {
		t.Fatalf("%s: counted unique = %v, want %v", step, counted, want)
	}
	for _, asOf := range []time.Time{day.AddDate(-10, 0, 0), day.AddDate(0, 0, -1), day, day.AddDate(0, 0, 29), day.AddDate(0, 0, 30), day.AddDate(10, 0, 0)} {
		var countedAsOf bool
		if err := db.QueryRow(ctx, `SELECT count(*) = count(DISTINCT participant) FROM participants
			WHERE start_date IS NULL OR start_date <= ?::DATE`, asOf.Format(time.DateOnly)).Scan(&countedAsOf); err != nil {
			t.Fatal(err)
		}
		fact, known, err := db.RegisterUnique(ctx, asOf)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if !known || fact.Unique != counted || fact.UniqueAsOf != countedAsOf {
			t.Fatalf("%s, as of %s: RegisterUnique = %+v (known %v), counted %v and %v as of the date", step, asOf.Format(time.DateOnly), fact, known, counted, countedAsOf)
		}
	}
}

// loadRows loads the rows of one file of kind and, for a list, the
// register rows it fills (participant of each), and commits, or rolls
// back when refuse is set.
func loadRows(t *testing.T, db *store.DB, path, kind, hash string, rows [][]any, fills []string, refuse bool) {
	t.Helper()
	load, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: path, Kind: kind, Hash: hash, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	for i, row := range rows {
		if err := load.Append(i+2, row...); err != nil {
			t.Fatal(err)
		}
	}
	for i, p := range fills {
		if err := load.Register(i+2, p, "youth", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if refuse {
		if err := load.Rollback(); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := load.Commit(int64(len(rows)), int64(len(rows)), 0); err != nil {
		t.Fatal(err)
	}
}

// TestRegisterFactKeptByEveryWrite writes duplicate participants through
// every way the store changes the register, and takes them away again:
// after each, the store's fact is known and equals counting; a refused
// load leaves it as it was.
func TestRegisterFactKeptByEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	a, b, c := pseudonym("a"), pseudonym("b"), pseudonym("c")
	person := func(p string) []any { return []any{p, "youth", "female", 2001, "spring", day} }
	later := func(p string, days int) []any {
		return []any{p, "youth", "female", 2001, "spring", day.AddDate(0, 0, days)}
	}
	visit := func(p string) []any { return []any{p, "dag-1", "meetup", day, nil, nil} }
	checkRegisterFact(t, db, "an empty store", true)

	loadRows(t, db, "data/register.csv", "participants", "h1", [][]any{person(a), person(b)}, nil, false)
	checkRegisterFact(t, db, "a register", true)
	loadRows(t, db, "data/more.csv", "participants", "h2", [][]any{person(a)}, nil, true)
	checkRegisterFact(t, db, "a refused register file with a duplicate", true)
	loadRows(t, db, "data/more.csv", "participants", "h2", [][]any{person(c), later(a, 30)}, nil, false)
	checkRegisterFact(t, db, "a second register file with a duplicate starting 30 days later", false)
	loadRows(t, db, "data/more.csv", "participants", "h2b", [][]any{person(c), later(b, 30), later(b, 29), person(a)}, nil, false)
	checkRegisterFact(t, db, "the second file corrected to two duplicates", false)
	loadRows(t, db, "data/more.csv", "participants", "h3", [][]any{person(c)}, nil, true)
	checkRegisterFact(t, db, "a refused correction of the second file", false)
	loadRows(t, db, "data/more.csv", "participants", "h3", [][]any{person(c)}, nil, false)
	checkRegisterFact(t, db, "the second file corrected", true)

	loadRows(t, db, "data/visits.csv", "attendance", "h4", [][]any{visit(a)}, []string{a}, false)
	checkRegisterFact(t, db, "a list filling the register for a registered person", false)
	loadRows(t, db, "data/visits.csv", "attendance", "h5", [][]any{visit(a)}, nil, false)
	checkRegisterFact(t, db, "the list replaced without the fill", true)
	loadRows(t, db, "data/visits.csv", "attendance", "h6", [][]any{visit(a)}, []string{a}, true)
	checkRegisterFact(t, db, "a refused list with a fill", true)

	// Two lists at once, each filling the register for the same new
	// person: inside its own transaction each sees the person once.
	d := pseudonym("d")
	var loads []*store.Load
	for i, path := range []string{"data/x.csv", "data/y.csv"} {
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: path, Kind: "attendance", Hash: path, Now: day})
		if err != nil {
			t.Fatal(err)
		}
		defer load.Rollback()
		if err := load.Append(2, visit(d)...); err != nil {
			t.Fatal(err)
		}
		if err := load.Register(2+i, d, "youth", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
		loads = append(loads, load)
	}
	for _, load := range loads {
		if err := load.Commit(1, 1, 0); err != nil {
			t.Fatal(err)
		}
	}
	checkRegisterFact(t, db, "two lists at once filling the register for one person", false)
	loadRows(t, db, "data/x.csv", "attendance", "h7", [][]any{visit(d)}, nil, false)
	checkRegisterFact(t, db, "one of the two lists replaced without its fill", true)

	// DuckDB's own reader, the floor of the benchmarks.
	csv := filepath.Join(t.TempDir(), "register.csv")
	if err := os.WriteFile(csv, []byte("participant,target_group,gender,birth_year,cohort,start_date\nb,youth,female,2001,spring,2025-03-12\nb,youth,female,2001,spring,2025-03-12\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReadCSV(ctx, "participants", csv, 99); err != nil {
		t.Fatal(err)
	}
	checkRegisterFact(t, db, "a register read by DuckDB's reader", false)
}

// TestRegisterFactMigrated carries stores of the version before
// register_facts over: one whose
// register names each person once, one that names a person again from a
// later start date, and one that names a person without a start date
// twice. The migration records what each is, without changing any stored
// table.
func TestRegisterFactMigrated(t *testing.T) {
	ctx := context.Background()
	a := []any{pseudonym("a"), "youth", "female", 2001, "spring", day}
	b := []any{pseudonym("b"), nil, nil, nil, nil, nil}
	aLater := []any{pseudonym("a"), "youth", "female", 2001, "spring", day.AddDate(0, 0, 30)}
	before := slices.IndexFunc(store.Migrations(), func(m store.Migration) bool { return m.Name == "register_facts" })
	for _, extra := range [][][]any{nil, {aLater}, {b}} {
		old, err := store.OpenWith(ctx, filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: store.Migrations()[:before]})
		if err != nil {
			t.Fatal(err)
		}
		if fact, known, err := old.RegisterUnique(ctx, day); err != nil || known {
			t.Fatalf("a store before register_facts: RegisterUnique = %+v, known %v, %v; want not known", fact, known, err)
		}
		loadRows(t, old, "data/register.csv", "participants", "h", append([][]any{a, b}, extra...), nil, false)
		db := MustMigrateUnchanged(t, old, before+1)
		checkRegisterFact(t, db, fmt.Sprintf("the migrated store with %d more rows", len(extra)), extra == nil)
		db.Close()
	}
}
