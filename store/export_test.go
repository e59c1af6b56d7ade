package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

func TestExport(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	mustLoadParticipants(t, db, "data/people.csv", "h1", 4)
	load := mustBeginResponses(t, db, "data/survey.csv")
	appendResponses(t, load, 10)
	if err := load.Reject(12, "value", "9 is not between 1 and 5"); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(11, 10, 1); err != nil {
		t.Fatal(err)
	}
	counts := MustCounts(t, db)

	for _, format := range []string{"parquet", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "export")
			for range 2 { // a second export overwrites the first
				files, err := db.Export(ctx, dir, format)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := len(files), len(counts); got != want {
					t.Fatalf("Export wrote %d files, want %d: %v", got, want, files)
				}
			}
			reader := map[string]string{"parquet": "read_parquet", "csv": "read_csv"}[format]
			for table, want := range counts {
				file := filepath.Join(dir, table+"."+format)
				if _, err := os.Stat(file); err != nil {
					t.Fatal(err)
				}
				var got int64
				if err := db.QueryRow(ctx, `SELECT count(*) FROM `+reader+`(?)`, file).Scan(&got); err != nil {
					t.Fatalf("read back %s: %v", file, err)
				}
				if got != want {
					t.Errorf("%s holds %d rows, want %d", file, got, want)
				}
			}
		})
	}
	t.Run("csv header", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := db.Export(ctx, dir, "CSV"); err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join(dir, "rejects.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(text), "source_id,line,column,reason\n2,12,value,9 is not between 1 and 5\n"; got != want {
			t.Fatalf("rejects.csv =\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		_, err := db.Export(ctx, t.TempDir(), "xlsx")
		checkError(t, err, impact.EINVALID, `export: format "xlsx" is not known; use --format parquet or --format csv`)
	})
	t.Run("folder that cannot be made", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := db.Export(ctx, filepath.Join(file, "out"), "csv")
		if got := impact.ErrorCode(err); got != impact.EINVALID || !strings.Contains(err.Error(), "pass another --out") {
			t.Fatalf("Export into a file: %q %v", got, err)
		}
	})
}
