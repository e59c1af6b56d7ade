//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql/driver"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestArrowWriterConstantColumns writes rows whose columns hold one value
// for a whole batch, or for part of one and then vary, NULL throughout, or
// the same instant in two time zones, through the Arrow path and the
// Appender, and compares the tables row for row; it also checks which
// columns the Arrow path wrote as constants.
func TestArrowWriterConstantColumns(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := time.Date(2025, 1, 22, 0, 0, 0, 0, time.UTC)
	at := time.Date(2025, 3, 12, 9, 30, 15, 0, time.UTC)
	row := func(i int) []driver.Value {
		name, x := "same", any(float64(i))
		when := day
		switch {
		case i == 1000:
			name = "other" // varies in the middle of the first batch
		case i == 7:
			when = day.In(time.FixedZone("CET", 3600)) // the same instant
		case i > batchRows:
			x = 2.5 // constant in the second batch, but not a type written as one
		}
		return []driver.Value{name, int32(7), nil, x, true, when, at, []float64{1}, nil}
	}
	sets := map[string][][]driver.Value{"one row": {row(0)}, "three equal rows": {row(0), row(0), row(0)}}
	for i := range batchRows + 3 {
		sets["two batches"] = append(sets["two batches"], row(i))
	}
	for name, rows := range sets {
		want := writeEveryType(t, db, newAppenderWriter, rows)
		if got := writeEveryType(t, db, newArrowWriter, rows); got != want {
			t.Errorf("%s: the Arrow path stored other rows than the Appender", name)
		}
	}

	ctx := context.Background()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	mustExec(t, db, `DROP TABLE IF EXISTS every_type`, everyType)
	w, err := newArrowWriter(ctx, conn, "every_type")
	if err != nil {
		t.Fatal(err)
	}
	defer w.discard()
	for i := range 1001 {
		if err := w.append(row(i)); err != nil {
			t.Fatal(err)
		}
	}
	// name, small, big, x, yes, day, stamp, values, labels
	want := []bool{false, true, true, false, true, true, false, false, true}
	if same := w.(*arrowWriter).same; !slices.Equal(same, want) {
		t.Fatalf("constant columns %v, want %v", same, want)
	}
}
