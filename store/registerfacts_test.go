package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

// checkRegisterFact fails unless the store knows whether the register
// names each participant once and what it knows is what counting says.
func checkRegisterFact(t *testing.T, db *store.DB, step string, want bool) {
	t.Helper()
	var counted bool
	if err := db.QueryRow(context.Background(), `SELECT count(*) = count(DISTINCT participant) FROM participants`).Scan(&counted); err != nil {
		t.Fatal(err)
	}
	unique, known, err := db.RegisterUnique(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if !known || unique != counted || counted != want {
		t.Fatalf("%s: RegisterUnique = %v (known %v), counted %v, want %v", step, unique, known, counted, want)
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
	visit := func(p string) []any { return []any{p, "dag-1", "meetup", day, nil, nil} }
	checkRegisterFact(t, db, "an empty store", true)

	loadRows(t, db, "data/register.csv", "participants", "h1", [][]any{person(a), person(b)}, nil, false)
	checkRegisterFact(t, db, "a register", true)
	loadRows(t, db, "data/more.csv", "participants", "h2", [][]any{person(a)}, nil, true)
	checkRegisterFact(t, db, "a refused register file with a duplicate", true)
	loadRows(t, db, "data/more.csv", "participants", "h2", [][]any{person(c), person(a)}, nil, false)
	checkRegisterFact(t, db, "a second register file with a duplicate", false)
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

// TestRegisterFactMigrated carries a version-8 store whose register names
// a person twice over: the migration records that it is not unique,
// without changing any stored table.
func TestRegisterFactMigrated(t *testing.T) {
	ctx := context.Background()
	for _, twice := range []bool{false, true} {
		old, err := store.OpenWith(ctx, filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: store.Migrations()[:8]})
		if err != nil {
			t.Fatal(err)
		}
		if unique, known, err := old.RegisterUnique(ctx); err != nil || known {
			t.Fatalf("a version-8 store: RegisterUnique = %v, known %v, %v; want not known", unique, known, err)
		}
		rows := [][]any{{pseudonym("a"), "youth", "female", 2001, "spring", day}, {pseudonym("b"), nil, nil, nil, nil, nil}}
		if twice {
			rows = append(rows, rows[0])
		}
		loadRows(t, old, "data/register.csv", "participants", "h", rows, nil, false)
		db := MustMigrateUnchanged(t, old, 9)
		checkRegisterFact(t, db, "the migrated store", !twice)
		db.Close()
	}
}
