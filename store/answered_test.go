package store_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

// maskLine is a wide survey line of a test form: its items and values, a
// nil value an item left blank.
type maskLine struct {
	items  []string
	values []any
}

// maskItems returns n items q1 … qn.
func maskItems(n int) []string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf("q%d", i+1)
	}
	return items
}

// maskValues returns n values, those at the places of blank (from 0)
// left blank.
func maskValues(n int, blank func(k int) bool) []any {
	values := make([]any, n)
	for k := range values {
		if !blank(k) {
			values[k] = float64(k%5 + 1)
		}
	}
	return values
}

// maskLines are lines of forms of 1, 3, 64 and 65 items, answered whole,
// in part and not at all: the first and last of the 64 bits set and not.
func maskLines() []maskLine {
	none := func(int) bool { return false }
	every := func(int) bool { return true }
	return []maskLine{
		{[]string{"jt1"}, []any{4.0}},
		{[]string{"jt1"}, []any{nil}},
		{[]string{"jt1", "jt2", "jt3"}, []any{nil, 2.0, 4.0}},
		{[]string{"jt1", "jt2", "jt3"}, []any{5.0, 5.0, nil}},
		{[]string{"jt1", "jt2", "jt3"}, []any{nil, nil, nil}},
		{maskItems(64), maskValues(64, none)},
		{maskItems(64), maskValues(64, func(k int) bool { return k%5 == 0 })},
		{maskItems(64), maskValues(64, func(k int) bool { return k == 63 || k == 1 })},
		{maskItems(64), maskValues(64, every)},
		{maskItems(65), maskValues(65, none)},
		{maskItems(65), maskValues(65, func(k int) bool { return k%3 == 0 })},
	}
}

// loadMaskLines loads maskLines through a Load of kind responses, and two
// long-form answers (one blank) as the rows of one-item forms.
func loadMaskLines(t *testing.T, db *store.DB, path string) {
	t.Helper()
	ctx := context.Background()
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: path, Kind: "responses", Hash: "h-" + path, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	lines := maskLines()
	for i, l := range lines {
		form, err := load.Form(l.items)
		if err != nil {
			t.Fatal(err)
		}
		if err := load.Append(i+2, pseudonym(fmt.Sprintf("p%d", i)), "dag-1", day, "pre", form, l.values); err != nil {
			t.Fatal(err)
		}
	}
	// The values of a line may come as a []float64, every item answered.
	form, err := load.Form([]string{"jt1", "jt2"})
	if err != nil {
		t.Fatal(err)
	}
	n := len(lines) + 2
	if err := load.Append(n, pseudonym("p-float"), "dag-1", day, "pre", form, []float64{1, 2}); err != nil {
		t.Fatal(err)
	}
	if err := load.Append(n+1, pseudonym("p-long"), "dag-2", day, "post", "swemwbs_1", 3.0); err != nil {
		t.Fatal(err)
	}
	if err := load.Append(n+2, pseudonym("p-long"), "dag-2", day, "post", "swemwbs_2", nil); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(int64(n+2), int64(n+2), 0); err != nil {
		t.Fatal(err)
	}
}

// checkMasks checks every answers row of the store: its mask of answered
// items is the one its values give (bit k-1 for a non-NULL k-th value),
// NULL for a line of a form of more than 64 items. It returns the number
// of rows checked and of those with a NULL mask.
func checkMasks(t *testing.T, db *store.DB) (rows, nulls int) {
	t.Helper()
	got, err := db.Query(context.Background(), `SELECT a.source_id, a.line, len(f.items), a."values", a.answered
		FROM answers a JOIN forms f ON f.id = a.form ORDER BY a.source_id, a.line`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	for got.Next() {
		var source, line, items int
		var values, answered any
		if err := got.Scan(&source, &line, &items, &values, &answered); err != nil {
			t.Fatal(err)
		}
		list, ok := values.([]any)
		if !ok {
			t.Fatalf("source %d line %d: values %T", source, line, values)
		}
		var want any
		if items <= 64 {
			var mask uint64
			for k, v := range list {
				if v != nil {
					mask |= uint64(1) << k
				}
			}
			want = mask
		}
		if answered != want {
			t.Errorf("source %d line %d (%d items, values %v): answered %v, want %v", source, line, items, list, answered, want)
		}
		rows++
		if answered == nil {
			nulls++
		}
	}
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	return rows, nulls
}

// TestAnsweredMaskOfEveryWriter stores answers through every writer of
// answers (a Load on the default write path and on the Appender, a
// long-form file read by DuckDB, a collected answer) and checks that each
// row's mask of answered items is the one its values give.
func TestAnsweredMaskOfEveryWriter(t *testing.T) {
	ctx := context.Background()
	wide := len(maskLines()) + 1
	for _, writer := range []string{"default", "appender"} {
		t.Run("load/"+writer, func(t *testing.T) {
			if writer == "appender" {
				store.UseAppender(t)
			}
			db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
			loadMaskLines(t, db, "data/wide.csv")
			if rows, nulls := checkMasks(t, db); rows != wide+2 || nulls != 2 {
				t.Fatalf("checked %d rows, %d of them without a mask; want %d and 2", rows, nulls, wide+2)
			}
		})
	}
	t.Run("read csv", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "long.csv")
		csv := "participant,event,date,wave,item,value\nBD-1,dag-1,2025-01-22,pre,jt1,4\nBD-1,dag-1,2025-01-22,pre,jt2,\nBD-2,dag-1,2025-01-22,pre,jt1,\n"
		if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
		db := MustOpen(t, filepath.Join(dir, "impact.duckdb"))
		if n, err := db.ReadCSV(ctx, "responses", path, 1); err != nil || n != 3 {
			t.Fatalf("ReadCSV = %d, %v; want 3 rows", n, err)
		}
		if rows, nulls := checkMasks(t, db); rows != 3 || nulls != 0 {
			t.Fatalf("checked %d rows, %d of them without a mask; want 3 and 0", rows, nulls)
		}
		if got, want := queryRows(t, db, `SELECT answered FROM answers ORDER BY line`), "1\n0\n0\n"; got != want {
			t.Fatalf("masks of the long-form lines:\n%swant\n%s", got, want)
		}
	})
	t.Run("collect", func(t *testing.T) {
		db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
		if _, err := db.OpenCollection(ctx, store.Collection{Event: "dag-3", Token: "tok", Wave: "post", Instruments: []string{"jobbtro"}, EventKind: "impact_day", Date: day}); err != nil {
			t.Fatal(err)
		}
		for i, l := range maskLines() {
			values := make([]float64, len(l.values))
			for k, v := range l.values {
				values[k] = math.NaN()
				if v != nil {
					values[k] = v.(float64)
				}
			}
			_, err := db.SaveAnswer(ctx, store.Answer{Key: fmt.Sprint(i), Event: "dag-3", Participant: pseudonym(fmt.Sprintf("p%d", i)),
				Items: l.items, Values: values, At: day, ReplacedNote: func(n int) string { return fmt.Sprint(n) }})
			if err != nil {
				t.Fatal(err)
			}
		}
		if rows, nulls := checkMasks(t, db); rows != wide-1 || nulls != 2 {
			t.Fatalf("checked %d rows, %d of them without a mask; want %d and 2", rows, nulls, wide-1)
		}
	})
}

// TestMigrateAnsweredMasks migrates a store of schema version 8, whose
// answers have no masks: every row gets the mask its values give, and the
// stored tables and the data hash stay as they were.
func TestMigrateAnsweredMasks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	old, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:8]})
	if err != nil {
		t.Fatal(err)
	}
	loadMaskLines(t, old, "data/wide.csv")
	loadMaskLines(t, old, "data/again.csv")
	if _, err := old.Query(ctx, `SELECT answered FROM answers`); err == nil {
		t.Fatal("a version-8 store has the masks of version 9")
	}
	db := MustMigrateUnchanged(t, old, 9)
	want := 2 * (len(maskLines()) + 3)
	if rows, nulls := checkMasks(t, db); rows != want || nulls != 4 {
		t.Fatalf("checked %d rows, %d of them without a mask; want %d and 4", rows, nulls, want)
	}
	// The responses view shows what it showed: its columns are not the
	// table's.
	if got, want := queryRows(t, db, `SELECT string_agg(column_name, ' ' ORDER BY column_index) FROM duckdb_columns() WHERE table_name = 'responses'`),
		"participant event date wave item value source_id line\n"; got != want {
		t.Fatalf("columns of responses: %s, want %s", got, want)
	}
}
