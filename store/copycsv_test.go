package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact"
)

// TestCopyCSV checks the floor of the benchmarks: a CSV file stored as it
// is, every row, in a table of its own, and a name that is no table name
// refused before anything runs.
func TestCopyCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "wide.csv")
	if err := os.WriteFile(path, []byte("participant,wave,swemwbs_1\nBD-1,pre,4\nBD-2,pre,5\nBD-3,post,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpen(t, filepath.Join(dir, "floor.duckdb"))
	ctx := context.Background()
	n, err := db.CopyCSV(ctx, "t", path)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("stored %d rows, want 3", n)
	}
	var sum float64
	if err := db.QueryRow(ctx, `SELECT sum(swemwbs_1) FROM t`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if sum != 9 {
		t.Errorf("the answers sum to %v, want 9", sum)
	}
	_, err = db.CopyCSV(ctx, "t; DROP TABLE t", path)
	checkError(t, err, impact.EINVALID, `store: "t; DROP TABLE t" is no table name; use letters, digits and _`)
}
