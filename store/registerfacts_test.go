package store_test

import (
	"context"
	"fmt"
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

// checkRegisterQuality fails unless the register's counts of the
// data-quality report are duplicates and incomplete, counted the long way
// (as for a register that may name someone twice) and, when the register
// names each participant once, the short way too, and the store knows
// them as counted.
func checkRegisterQuality(t *testing.T, db *store.DB, step string, duplicates, incomplete int64) {
	t.Helper()
	ctx := context.Background()
	want := store.RegisterQuality{PossibleDuplicates: duplicates, Incomplete: incomplete}
	fact, _, err := db.RegisterUnique(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	for _, unique := range []bool{false, fact.Unique} {
		counted, err := db.CountRegisterQuality(ctx, unique)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if counted != want {
			t.Fatalf("%s: counted (unique %v) %+v, want %+v", step, unique, counted, want)
		}
	}
	kept, known, err := db.RegisterQuality(ctx)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if !known || kept != want {
		t.Fatalf("%s: RegisterQuality = %+v (known %v), counted %+v", step, kept, known, want)
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
// load leaves it as it was. The register's counts of the data-quality
// report are kept alike: a, b and c share every attribute (possible
// duplicates), e is registered without target group and f with gender
// unknown (incomplete), a list that fills e's target group completes
// them, and d, known only from the lists' fills, has no gender.
func TestRegisterFactKeptByEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	a, b, c := pseudonym("a"), pseudonym("b"), pseudonym("c")
	person := func(p string) []any { return []any{p, "youth", "female", 2001, "spring", day} }
	later := func(p string, days int) []any {
		return []any{p, "youth", "female", 2001, "spring", day.AddDate(0, 0, days)}
	}
	visit := func(p string) []any { return []any{p, "dag-1", "meetup", day, nil, nil} }
	e, f := pseudonym("e"), pseudonym("f")
	noGroup := []any{e, nil, "female", 1990, "spring", day}
	genderUnknown := []any{f, "youth", "unknown", 1985, "autumn", day}
	check := func(step string, unique bool, duplicates, incomplete int64) {
		t.Helper()
		checkRegisterFact(t, db, step, unique)
		checkRegisterQuality(t, db, step, duplicates, incomplete)
	}
	check("an empty store", true, 0, 0)

	loadRows(t, db, "data/register.csv", "participants", "h1", [][]any{person(a), person(b), noGroup, genderUnknown}, nil, false)
	check("a register", true, 2, 2)
	loadRows(t, db, "data/more.csv", "participants", "h2", [][]any{person(a)}, nil, true)
	check("a refused register file with a duplicate", true, 2, 2)
	loadRows(t, db, "data/more.csv", "participants", "h2", [][]any{person(c), later(a, 30)}, nil, false)
	check("a second register file with a duplicate starting 30 days later", false, 3, 2)
	loadRows(t, db, "data/more.csv", "participants", "h2b", [][]any{person(c), later(b, 30), later(b, 29), person(a)}, nil, false)
	check("the second file corrected to two duplicates", false, 3, 2)
	loadRows(t, db, "data/more.csv", "participants", "h3", [][]any{person(c)}, nil, true)
	check("a refused correction of the second file", false, 3, 2)
	loadRows(t, db, "data/more.csv", "participants", "h3", [][]any{person(c)}, nil, false)
	check("the second file corrected", true, 3, 2)
	loadRows(t, db, "data/more.csv", "participants", "h3b", [][]any{later(c, 1)}, nil, false)
	check("the second file corrected to a start date of its own", true, 2, 2)

	loadRows(t, db, "data/visits.csv", "attendance", "h4", [][]any{visit(a)}, []string{a, e}, false)
	check("a list filling the register for registered people", false, 2, 1)
	loadRows(t, db, "data/visits.csv", "attendance", "h5", [][]any{visit(a)}, nil, false)
	check("the list replaced without the fill", true, 2, 2)
	loadRows(t, db, "data/visits.csv", "attendance", "h6", [][]any{visit(a)}, []string{a, e}, true)
	check("a refused list with a fill", true, 2, 2)

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
	check("two lists at once filling the register for one person", false, 2, 3)
	loadRows(t, db, "data/x.csv", "attendance", "h7", [][]any{visit(d)}, nil, false)
	check("one of the two lists replaced without its fill", true, 2, 3)

	// DuckDB's own reader, the floor of the benchmarks.
	readWithDuckDB(t, db, "participants", "participant,target_group,gender,birth_year,cohort,start_date\nb,youth,female,2001,spring,2025-03-12\nb,youth,female,2001,spring,2025-03-12\n")
	// Its rows name no register file of the ingest log.
	check("a register read by DuckDB's reader", false, 2, 3)
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
		step := fmt.Sprintf("the migrated store with %d more rows", len(extra))
		checkRegisterFact(t, db, step, extra == nil)
		// a is registered twice, or b (registered without attributes).
		checkRegisterQuality(t, db, step, int64(len(extra)), 1)
		db.Close()
	}
}

// TestRegisterQualityMigrated carries stores of the version before the
// register's counts of the data-quality report over: an empty one, one
// whose register has possible duplicates and incomplete people, one of
// whom a list completes, and the same with a change that has no fact yet.
// Opening the store migrates it and writes a fact of the current state
// with the counts, from the same queries as the report, even for a store
// whose current state had no fact.
func TestRegisterQualityMigrated(t *testing.T) {
	ctx := context.Background()
	a, b, e, f := pseudonym("a"), pseudonym("b"), pseudonym("e"), pseudonym("f")
	register := [][]any{
		{a, "youth", "female", 2001, "spring", day},
		{b, "youth", "female", 2001, "spring", day},
		{a, "youth", "female", 2001, "spring", day.AddDate(0, 0, 30)},
		{e, nil, "female", 1990, "spring", day},
		{f, "youth", "unknown", 1985, "autumn", day},
	}
	before := slices.IndexFunc(store.Migrations(), func(m store.Migration) bool { return m.Name == "register_quality" })
	for _, c := range []struct {
		name                   string
		load, unrecorded       bool
		duplicates, incomplete int64
	}{
		{name: "an empty store"},
		{name: "a register and a list", load: true, duplicates: 2, incomplete: 1},
		{name: "a change without a fact", load: true, unrecorded: true, duplicates: 2, incomplete: 1},
	} {
		old, err := store.OpenWith(ctx, filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: store.Migrations()[:before]})
		if err != nil {
			t.Fatal(err)
		}
		if counts, known, err := old.RegisterQuality(ctx); err != nil || known {
			t.Fatalf("%s, before the migration: RegisterQuality = %+v, known %v, %v; want not known", c.name, counts, known, err)
		}
		if c.load {
			loadRows(t, old, "data/register.csv", "participants", "h", register, nil, false)
			loadRows(t, old, "data/visits.csv", "attendance", "h", [][]any{{e, "dag-1", "meetup", day, nil, nil}}, []string{e}, false)
		}
		if c.unrecorded {
			if _, err := old.Exec(ctx, `INSERT INTO register_writes (source_id) VALUES (NULL)`); err != nil {
				t.Fatal(err)
			}
		}
		if _, known, err := old.RegisterUnique(ctx, day); err != nil || known == c.unrecorded {
			t.Fatalf("%s, before the migration: RegisterUnique known %v (%v)", c.name, known, err)
		}
		db := MustMigrateUnchanged(t, old, before+1)
		checkRegisterFact(t, db, c.name, !c.load)
		checkRegisterQuality(t, db, c.name, c.duplicates, c.incomplete)
		db.Close()
	}
}
