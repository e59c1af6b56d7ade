package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/store"
)

// oldResponses are the long-form rows of a version-6 store: a wide line
// (three items on line 2, one unanswered), a long file's lines, a row
// without event or date, and the same person's line in a second source.
var oldResponses = []struct {
	path string
	line int
	row  []any
}{
	{"data/pre.csv", 2, []any{pseudonym("p1"), "dag-1", day, "pre", "jt3", 4.0}},
	{"data/pre.csv", 2, []any{pseudonym("p1"), "dag-1", day, "pre", "jt1", nil}},
	{"data/pre.csv", 2, []any{pseudonym("p1"), "dag-1", day, "pre", "jt2", 2.0}},
	{"data/pre.csv", 3, []any{pseudonym("p2"), "dag-1", day, "pre", "jt1", 5.0}},
	{"data/pre.csv", 3, []any{pseudonym("p2"), "dag-1", day, "pre", "jt2", 5.0}},
	{"data/pre.csv", 3, []any{pseudonym("p2"), "dag-1", day, "pre", "jt3", 1.0}},
	{"data/pre.csv", 4, []any{pseudonym("p3"), nil, nil, "pre", "jt1", 3.0}},
	{"data/long.csv", 2, []any{pseudonym("p1"), "dag-2", day, "post", "swemwbs_1", 3.0}},
	{"data/long.csv", 3, []any{pseudonym("p1"), "dag-2", day, "post", "swemwbs_2", nil}},
	{"data/long.csv", 4, []any{pseudonym("p2"), "dag-2", day, "post", "jt1", 2.0}},
}

// TestMigrateResponsesToAnswers carries the responses of a version-6 store
// over to answers: one row per line, the responses view shows exactly the
// rows the table held, and a form added afterwards gets an id of its own.
func TestMigrateResponsesToAnswers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	old, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:6]})
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"data/pre.csv", "data/long.csv"} {
		load, err := old.BeginLoad(ctx, store.LoadInfo{Path: file, Kind: "responses", Hash: "h-" + file, Now: day})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range oldResponses {
			if r.path == file {
				if err := load.Append(r.line, r.row...); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := load.Commit(3, 3, 0); err != nil {
			t.Fatal(err)
		}
	}
	db := MustMigrateUnchanged(t, old, 7)
	// One answers row per line, its items in item order.
	got := queryRows(t, db, `SELECT a.source_id, a.line, f.items::VARCHAR, a."values"::VARCHAR
		FROM answers a JOIN forms f ON f.id = a.form ORDER BY a.source_id, a.line`)
	want := "1 2 [jt1, jt2, jt3] [NULL, 2.0, 4.0]\n" +
		"1 3 [jt1, jt2, jt3] [5.0, 5.0, 1.0]\n" +
		"1 4 [jt1] [3.0]\n" +
		"2 2 [swemwbs_1] [3.0]\n" +
		"2 3 [swemwbs_2] [NULL]\n" +
		"2 4 [jt1] [2.0]\n"
	if got != want {
		t.Fatalf("answers after migration:\n%swant\n%s", got, want)
	}
	if got, want := queryRows(t, db, `SELECT count(*), count(DISTINCT id) FROM forms`), "4 4\n"; got != want {
		t.Fatalf("forms (count, distinct ids) = %s, want %s", got, want)
	}

	// A load after the migration adds a form of its own, and a line's
	// items stay in the order given.
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/new.csv", Kind: "responses", Hash: "h3", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	form, err := load.Form([]string{"jt3", "jt1"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := load.Form([]string{"jt1", "jt2", "jt3"})
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Append(2, pseudonym("p4"), "dag-3", day, "post", form, []any{1.0, nil}); err != nil {
		t.Fatal(err)
	}
	if err := load.Append(3, pseudonym("p5"), "dag-3", day, "post", again, []any{1.0, 2.0, 3.0}); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(2, 2, 0); err != nil {
		t.Fatal(err)
	}
	if got, want := queryRows(t, db, `SELECT count(*), count(DISTINCT id) FROM forms`), "5 5\n"; got != want {
		t.Fatalf("forms after a load (count, distinct ids) = %s, want %s", got, want)
	}
	got = queryRows(t, db, `SELECT printf('%016x', participant), item, value FROM responses WHERE source_id = 3 ORDER BY line, item`)
	p4, p5 := pseudonym("p4"), pseudonym("p5")
	want = p4 + " jt1 <nil>\n" + p4 + " jt3 1\n" + p5 + " jt1 1\n" + p5 + " jt2 2\n" + p5 + " jt3 3\n"
	if got != want {
		t.Fatalf("responses of the new load:\n%swant\n%s", got, want)
	}
}

// MustMigrateUnchanged closes a store of an older schema, opens it again
// (which migrates it) and checks that it reached at least version want
// with every stored table and the data hash exactly as before. It returns
// the migrated store.
func MustMigrateUnchanged(t *testing.T, old *store.DB, want int) *store.DB {
	t.Helper()
	before := MustDump(t, old)
	hashBefore, err := old.DataHash(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	db := MustOpen(t, old.Path())
	if got := db.SchemaVersion(); got < want {
		t.Fatalf("migrated SchemaVersion() = %d, want at least %d", got, want)
	}
	if got := MustDump(t, db); got != before {
		t.Fatalf("the stored tables changed in the migration:\n%s\nwant\n%s", got, before)
	}
	if hash, err := db.DataHash(context.Background()); err != nil || hash != hashBefore {
		t.Fatalf("DataHash after migration = %s (%v), want %s", hash, err, hashBefore)
	}
	return db
}

// TestRefusedLoadLeavesNoForm rolls back a load that added a form: the
// form goes with it.
func TestRefusedLoadLeavesNoForm(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/a.csv", Kind: "responses", Hash: "h", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Append(2, pseudonym("p1"), nil, nil, "pre", "jt1", 2.0); err != nil {
		t.Fatal(err)
	}
	if err := load.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got, want := queryRows(t, db, `SELECT (SELECT count(*) FROM forms), (SELECT count(*) FROM answers)`), "0 0\n"; got != want {
		t.Fatalf("forms, answers after a rollback = %s, want %s", got, want)
	}
}

// TestAppendValuesMatchTheForm: a line holds one value per item of its
// form, which readers rely on to find an item's value by its place and to
// count a line as answered; a line of more or fewer values is refused, and
// a form of no items cannot be made.
func TestAppendValuesMatchTheForm(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/a.csv", Kind: "responses", Hash: "h", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	if _, err := load.Form(nil); err == nil {
		t.Fatal("a form of no items was made")
	}
	load, err = db.BeginLoad(ctx, store.LoadInfo{Path: "data/b.csv", Kind: "responses", Hash: "h2", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	form, err := load.Form([]string{"jt1", "jt2"})
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Append(2, pseudonym("p1"), "dag-1", day, "pre", form, []any{1.0, nil}); err != nil {
		t.Fatal(err)
	}
	for _, values := range []any{[]any{1.0}, []float64{1, 2, 3}, []any{}} {
		err := load.Append(3, pseudonym("p2"), "dag-1", day, "pre", form, values)
		if err == nil || !strings.Contains(err.Error(), "for a form of 2 items") {
			t.Fatalf("Append of %v to a form of 2 items: %v", values, err)
		}
	}
}

// queryRows returns the rows of a query, space-separated, one per line.
func queryRows(t *testing.T, db *store.DB, query string) string {
	t.Helper()
	rows, err := db.Query(context.Background(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	columns, _ := rows.Columns()
	var out string
	for rows.Next() {
		values := make([]any, len(columns))
		pointers := make([]any, len(values))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			t.Fatal(err)
		}
		for i, v := range values {
			if i > 0 {
				out += " "
			}
			out += fmt.Sprint(v)
		}
		out += "\n"
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
