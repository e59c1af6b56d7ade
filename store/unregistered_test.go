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

// unregisteredCounted is what unregistered_facts must hold of the
// register's current state: every source's lines in the four tables that
// name people, and how many of them name someone the register lacks.
const unregisteredCounted = `SELECT source_id, (SELECT count(*) FROM register_writes), count(*),
		count(*) FILTER (WHERE participant NOT IN (SELECT participant FROM participants))
	FROM (SELECT source_id, participant FROM attendance UNION ALL SELECT source_id, participant FROM answers
	      UNION ALL SELECT source_id, participant FROM jobmarket UNION ALL SELECT source_id, participant FROM followups)
	GROUP BY source_id ORDER BY ALL`

// checkUnregistered fails the test unless the store's facts of the
// register's current state are those of counting, and EveryoneRegistered
// says whether the register holds everyone the data names (want).
func checkUnregistered(t *testing.T, db *store.DB, step string, want bool) {
	t.Helper()
	kept := queryRows(t, db, `SELECT DISTINCT source_id, writes, lines, unregistered FROM unregistered_facts
		WHERE writes = (SELECT count(*) FROM register_writes) ORDER BY ALL`)
	if counted := queryRows(t, db, unregisteredCounted); kept != counted {
		t.Errorf("%s: the store keeps\n%swhere counting gives\n%s", step, kept, counted)
	}
	checkEveryoneRegistered(t, db, step, want)
}

// checkEveryoneRegistered fails the test unless EveryoneRegistered says
// want, and want is what counting the people missing from the register
// gives, when it says true.
func checkEveryoneRegistered(t *testing.T, db *store.DB, step string, want bool) {
	t.Helper()
	got, err := db.EveryoneRegistered(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if got != want {
		t.Errorf("%s: EveryoneRegistered = %v, want %v", step, got, want)
	}
	missing := queryRows(t, db, `SELECT count(DISTINCT participant) FROM (SELECT participant FROM attendance
		UNION ALL SELECT participant FROM answers UNION ALL SELECT participant FROM jobmarket
		UNION ALL SELECT participant FROM followups) WHERE participant NOT IN (SELECT participant FROM participants)`)
	if got && missing != "0\n" {
		t.Errorf("%s: EveryoneRegistered, but counting finds %s missing from the register", step, missing)
	}
}

// TestUnregisteredFactsKeptByEveryWrite writes people through every way
// the store takes them, registered and not: a register, each kind of list
// that names people, a list that names someone unregistered and its
// correction, a refused load, a list that fills the register, collected
// answers that replace a file's line, a register that loses a person, and
// DuckDB's own reader. After each the facts of the register's state are
// those of counting, and EveryoneRegistered says whether the register
// holds everyone.
func TestUnregisteredFactsKeptByEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	a, b, c, d, e := pseudonym("a"), pseudonym("b"), pseudonym("c"), pseudonym("d"), pseudonym("e")
	person := func(p string) []any { return []any{p, "youth", "female", 2001, "spring", day} }
	visit := func(p string) []any { return []any{p, "dag-1", "meetup", day, nil, nil} }
	checkUnregistered(t, db, "an empty store", true)

	loadRows(t, db, "data/register.csv", "participants", "h1", [][]any{person(a), person(b), person(c)}, nil, false)
	checkUnregistered(t, db, "a register", true)
	loadRows(t, db, "data/visits.csv", "attendance", "h2", [][]any{visit(a), visit(b), visit(a)}, nil, false)
	checkUnregistered(t, db, "a list of registered people", true)
	loadRows(t, db, "data/jobs.csv", "jobmarket", "h3", [][]any{{a, "fair-1", day, "Boden kommun", true, false, false}, {d, "fair-1", day, nil, false, nil, nil}}, nil, false)
	checkUnregistered(t, db, "a job market naming d, not registered", false)
	loadRows(t, db, "data/jobs.csv", "jobmarket", "h4", [][]any{{a, "fair-1", day, nil, false, nil, nil}, {d, "fair-1", day, nil, false, nil, nil}}, nil, true)
	checkUnregistered(t, db, "a refused correction of the job market", false)
	loadRows(t, db, "data/jobs.csv", "jobmarket", "h5", [][]any{{a, "fair-1", day, nil, false, nil, nil}, {b, "fair-1", day, nil, false, nil, nil}}, nil, false)
	checkUnregistered(t, db, "the job market corrected", true)
	loadRows(t, db, "data/f.csv", "followups", "h6", [][]any{{a, day, int32(6), "employed"}, {c, day, nil, "studying"}}, nil, false)
	checkUnregistered(t, db, "follow-ups of registered people", true)

	var lines [][]any
	for _, p := range []string{a, b, e} {
		lines = append(lines, []any{p, "dag-1", day, "pre", []string{"q1", "q2"}, []any{1.0, 2.0}})
	}
	loadAnswers(t, db, "data/svar.csv", "h7", lines...)
	checkUnregistered(t, db, "answers naming e, not registered", false)
	loadRows(t, db, "data/more.csv", "participants", "h8", [][]any{person(e)}, nil, false)
	checkUnregistered(t, db, "a second register file holding e", true)
	loadRows(t, db, "data/visits2.csv", "attendance", "h9", [][]any{visit(d)}, []string{d}, false)
	checkUnregistered(t, db, "a list naming d that fills the register with d", true)

	// Collected answers: from d (registered by the fill), from someone
	// nobody registered, and one replacing a's line of the file.
	if _, err := db.OpenCollection(ctx, store.Collection{Event: "dag-1", Token: "tok", Wave: "pre", Instruments: []string{"s"}, EventKind: "impact_day", Date: day}); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		who        string
		registered bool
	}{{d, true}, {pseudonym("x"), false}, {a, false}} {
		if _, err := db.SaveAnswer(ctx, store.Answer{Key: "k" + string(rune('1'+i)), Event: "dag-1", Participant: c.who, Items: []string{"q1", "q2"},
			Values: []float64{1, math.NaN()}, At: day.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		checkUnregistered(t, db, "collected answer "+string(rune('1'+i)), c.registered)
	}
	loadRows(t, db, "data/more.csv", "participants", "h10", [][]any{person(e), person(pseudonym("x"))}, nil, false)
	checkUnregistered(t, db, "the second register file holding x too", true)
	loadRows(t, db, "data/register.csv", "participants", "h11", [][]any{person(a), person(c)}, nil, false)
	checkUnregistered(t, db, "the register without b, who came and answered", false)
	loadRows(t, db, "data/register.csv", "participants", "h12", [][]any{person(a), person(b), person(c)}, nil, false)
	checkUnregistered(t, db, "the register with b again", true)

	// DuckDB's own reader, the floor of the benchmarks, keeps no fact:
	// the facts no longer cover the lines.
	readWithDuckDB(t, db, "jobmarket", "participant,event,date,employer,interview,offer,hired\n"+a+",fair-2,2025-03-12,,false,,\n")
	checkEveryoneRegistered(t, db, "a job market read by DuckDB's reader", false)
	// The next change of the register counts every file's lines, those
	// read by DuckDB's reader too.
	loadRows(t, db, "data/register.csv", "participants", "h13", [][]any{person(a), person(b), person(c), person(pseudonym("y"))}, nil, false)
	checkUnregistered(t, db, "the register changed after DuckDB's reader", false)
	// The reader stores DuckDB's hash of the id it reads, which the
	// register then holds as well.
	var read string
	if err := db.QueryRow(ctx, `SELECT printf('%016x', participant) FROM jobmarket WHERE source_id = 99`).Scan(&read); err != nil {
		t.Fatal(err)
	}
	loadRows(t, db, "data/register.csv", "participants", "h14", [][]any{person(a), person(b), person(c), person(read)}, nil, false)
	checkUnregistered(t, db, "the register holding the one DuckDB's reader read", true)
}

// TestUnregisteredFactsMigrated carries a store of the version before the
// facts over, one whose job market names someone the register lacks: the
// migration counts them, without changing any stored table.
func TestUnregisteredFactsMigrated(t *testing.T) {
	ctx := context.Background()
	before := slices.IndexFunc(store.Migrations(), func(m store.Migration) bool { return m.Name == "unregistered_facts" })
	for _, missing := range []bool{false, true} {
		old, err := store.OpenWith(ctx, filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: store.Migrations()[:before]})
		if err != nil {
			t.Fatal(err)
		}
		a, b := pseudonym("a"), pseudonym("b")
		loadRows(t, old, "data/register.csv", "participants", "h1", [][]any{{a, "youth", "female", 2001, "spring", day}}, nil, false)
		jobs := [][]any{{a, "fair-1", day, nil, false, nil, nil}}
		if missing {
			jobs = append(jobs, []any{b, "fair-1", day, nil, false, nil, nil})
		}
		loadRows(t, old, "data/jobs.csv", "jobmarket", "h2", jobs, nil, false)
		loadRows(t, old, "data/visits.csv", "attendance", "h3", [][]any{{a, "dag-1", "meetup", day, nil, nil}}, nil, false)
		if got, err := old.EveryoneRegistered(ctx); err != nil || got {
			t.Fatalf("a store before the facts: EveryoneRegistered = %v, %v; want false", got, err)
		}
		db := MustMigrateUnchanged(t, old, before+1)
		checkUnregistered(t, db, "the migrated store", !missing)
		db.Close()
	}
}
