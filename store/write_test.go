package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// everyType is a table with a column of every type the writers take.
const everyType = `CREATE TABLE every_type (
	name VARCHAR, small INTEGER, big BIGINT, x DOUBLE, yes BOOLEAN, day DATE, stamp TIMESTAMP,
	"values" DOUBLE[], labels VARCHAR[])`

// everyTypeRows are rows of every_type, NULLs, empty lists and NULL
// elements among them, in the Go types ingest passes.
func everyTypeRows(n int) [][]driver.Value {
	at := time.Date(2025, 3, 12, 9, 30, 15, 123456000, time.UTC)
	one := 1.5
	rows := [][]driver.Value{
		{"Åsa ✓", int32(-7), int64(1) << 40, 2.25, true, at, at, []float64{1, 2, 3}, []string{"a", "", "ö"}},
		{nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{"", 2001, 3, 4, false, time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
			[]*float64{&one, nil}, []float64{}},
		{"x", uint8(5), int16(-3), float32(0.5), true, time.Date(2025, 1, 22, 0, 0, 0, 0, time.FixedZone("CET", 3600)), at.Local(),
			[]any{2.0, nil}, []*string{nil}},
		{"nil lists", int64(9), 9, 9, true, at, at, []float64(nil), []string(nil)},
	}
	for i := range n {
		rows = append(rows, []driver.Value{fmt.Sprintf("r%d", i), i, int64(i) * 3, float64(i) / 7, i%3 == 0,
			at.AddDate(0, 0, i%400), at.Add(time.Duration(i) * time.Second), []float64{float64(i % 5), float64(i % 7)}, []string{fmt.Sprint(i % 11)}})
	}
	return rows
}

// writeEveryType writes rows into every_type through the newRows path in
// one transaction and returns the table as text.
func writeEveryType(t *testing.T, db *DB, newRows newRowWriter, rows [][]driver.Value) string {
	t.Helper()
	ctx := context.Background()
	mustExec(t, db, `DROP TABLE IF EXISTS every_type`, everyType)
	if err := writeTable(ctx, db, newRows, "every_type", len(rows), func(i int) []driver.Value { return rows[i] }); err != nil {
		t.Fatal(err)
	}
	var dump strings.Builder
	r, err := db.sql.QueryContext(ctx, `SELECT name, small, big, x, yes, day, stamp, "values"::VARCHAR, labels::VARCHAR FROM every_type`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for r.Next() {
		var cells [9]any
		ptrs := make([]any, len(cells))
		for i := range cells {
			ptrs[i] = &cells[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&dump, "%#v\n", cells)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return dump.String()
}

// mustExec runs statements on the store.
func mustExec(tb testing.TB, db *DB, statements ...string) {
	tb.Helper()
	for _, stmt := range statements {
		if _, err := db.sql.Exec(stmt); err != nil {
			tb.Fatal(err)
		}
	}
}

// writeTable writes n rows, row(i) each, into table through the newRows
// path, in one transaction on a connection of its own, as a Load does.
func writeTable(ctx context.Context, db *DB, newRows newRowWriter, table string, n int, row func(i int) []driver.Value) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return err
	}
	w, err := newRows(ctx, conn, table)
	if err != nil {
		conn.ExecContext(ctx, `ROLLBACK`)
		return err
	}
	values := []driver.Value{}
	for i := range n {
		values = values[:0]
		for _, v := range row(i) {
			values = append(values, plain(v))
		}
		if err := w.append(values); err != nil {
			w.discard()
			conn.ExecContext(ctx, `ROLLBACK`)
			return fmt.Errorf("row %d: %w", i, err)
		}
	}
	if err := w.flush(); err != nil {
		conn.ExecContext(ctx, `ROLLBACK`)
		return err
	}
	_, err = conn.ExecContext(ctx, `COMMIT`)
	return err
}

// TestWritersStoreTheSameRows writes the same rows of every type through
// the default path and through the Appender, across more than one batch,
// and compares the tables row for row.
func TestWritersStoreTheSameRows(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows := everyTypeRows(batchRows + 5000)
	want := writeEveryType(t, db, newAppenderWriter, rows)
	got := writeEveryType(t, db, defaultWriter, rows)
	if got != want {
		gotLines, wantLines := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(gotLines), len(wantLines)) {
			if gotLines[i] != wantLines[i] {
				t.Fatalf("row %d differs:\n got  %s\n want %s", i, gotLines[i], wantLines[i])
			}
		}
		t.Fatalf("the paths stored %d and %d lines", len(gotLines), len(wantLines))
	}
	if lines := strings.Count(got, "\n"); lines != len(rows) {
		t.Fatalf("%d rows stored, want %d", lines, len(rows))
	}
	if !strings.Contains(got, `"[1.5, NULL]"`) || !strings.Contains(got, `"[NULL]"`) {
		t.Fatalf("the NULL elements of lists were not stored as NULL:\n%s", got[:500])
	}
}

// TestWriterRefusesWrongType checks that a value of a type its column
// cannot hold is an error of the append, naming the column.
func TestWriterRefusesWrongType(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, stmt := range []string{everyType, `BEGIN TRANSACTION`} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	defer conn.ExecContext(ctx, `ROLLBACK`)
	w, err := defaultWriter(ctx, conn, "every_type")
	if err != nil {
		t.Fatal(err)
	}
	defer w.discard()
	err = w.append([]driver.Value{"a", "not a number", nil, nil, nil, nil, nil, nil, nil})
	if err == nil {
		t.Fatal("a string was taken for an INTEGER")
	}
	t.Log(err)
}

// TestLoadRunsOnOneThread checks that DuckDB runs on one thread while two
// loads overlap, and on as many as before once both have ended, whether
// committed or rolled back.
func TestLoadRunsOnOneThread(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	threads := func() int64 {
		var n int64
		if err := db.sql.QueryRowContext(ctx, `SELECT current_setting('threads')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	mustExec(t, db, `SET threads = 3`)
	begin := func(path string) *Load {
		load, err := db.BeginLoad(ctx, LoadInfo{Path: path, Kind: "participants", Hash: "h"})
		if err != nil {
			t.Fatal(err)
		}
		return load
	}
	first, second := begin("data/a.csv"), begin("data/b.csv")
	if n := threads(); n != 1 {
		t.Fatalf("%d threads during two loads, want 1", n)
	}
	if err := first.Commit(0, 0, 0); err != nil {
		t.Fatal(err)
	}
	if n := threads(); n != 1 {
		t.Fatalf("%d threads during the second load, want 1", n)
	}
	second.Rollback()
	if n := threads(); n != 3 {
		t.Fatalf("%d threads after the loads, want the 3 from before", n)
	}
}
