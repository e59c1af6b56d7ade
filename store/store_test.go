package store_test

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// MustOpen opens the store at path and closes it when the test ends.
func MustOpen(t testing.TB, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// pseudonym returns a pseudonym for a short test name: its first eight
// bytes as the pseudonym's 64 bits, so that names sort as their
// pseudonyms do.
func pseudonym(name string) string {
	var bits [8]byte
	copy(bits[:], name)
	return store.ParticipantText(binary.BigEndian.Uint64(bits[:]))
}

// MustDump returns the store's DumpTables.
func MustDump(t testing.TB, db *store.DB) string {
	t.Helper()
	dump, err := db.DumpTables(context.Background())
	if err != nil {
		t.Fatalf("DumpTables: %v", err)
	}
	return dump
}

// MustCounts returns the store's TableCounts.
func MustCounts(t testing.TB, db *store.DB) map[string]int64 {
	t.Helper()
	counts, err := db.TableCounts(context.Background())
	if err != nil {
		t.Fatalf("TableCounts: %v", err)
	}
	return counts
}

// checkError fails the test unless err is an *impact.Error with the code
// and the message.
func checkError(t *testing.T, err error, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s: %s", code, message)
	}
	var e *impact.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want an *impact.Error", err, err)
	}
	if got, want := e.Code, code; got != want {
		t.Fatalf("code = %q, want %q (message %q)", got, want, e.Message)
	}
	if got, want := e.Message, message; got != want {
		t.Fatalf("message =\n %q\nwant\n %q", got, want)
	}
}

var day = time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("creates the folder and the file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "project", ".impact", "impact.duckdb")
		db := MustOpen(t, path)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("store file: %v", err)
		}
		if got, want := db.SchemaVersion(), store.SchemaVersion; got != want {
			t.Fatalf("SchemaVersion() = %d, want %d", got, want)
		}
		if got, want := db.Path(), path; got != want {
			t.Fatalf("Path() = %q, want %q", got, want)
		}
		version, err := db.DuckDBVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(version, "v1.") {
			t.Fatalf("DuckDBVersion() = %q, want v1.*", version)
		}
		counts := MustCounts(t, db)
		if got, want := len(counts), len(store.Kinds)+2; got != want {
			t.Fatalf("TableCounts has %d tables, want %d: %v", got, want, counts)
		}
		for table, n := range counts {
			if n != 0 {
				t.Fatalf("new store: %s has %d rows", table, n)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	})
	t.Run("reopens an existing store", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "impact.duckdb")
		db := MustOpen(t, path)
		mustLoadParticipants(t, db, "data/a.csv", "hash-a", 3)
		db.Close()
		db = MustOpen(t, path)
		if got, want := MustCounts(t, db)["participants"], int64(3); got != want {
			t.Fatalf("participants after reopen = %d, want %d", got, want)
		}
		var applied int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM schema_version`).Scan(&applied); err != nil {
			t.Fatal(err)
		}
		if got, want := applied, store.SchemaVersion; got != want {
			t.Fatalf("schema_version rows = %d, want %d (no migration applied twice)", got, want)
		}
	})
	t.Run("a folder is refused", func(t *testing.T) {
		dir := t.TempDir()
		_, err := store.Open(ctx, dir)
		checkError(t, err, impact.EINVALID, "store "+dir+" is a folder, not a database file; pass a file path such as "+filepath.Join(dir, "impact.duckdb"))
	})
	t.Run("a file that is not a store is refused", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.duckdb")
		if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 1000)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := store.Open(ctx, path)
		if got, want := impact.ErrorCode(err), impact.EINVALID; got != want {
			t.Fatalf("code = %q, want %q (%v)", got, want, err)
		}
		msg := impact.ErrorMessage(err)
		if !strings.HasPrefix(msg, "cannot open the store "+path+": ") || strings.Contains(msg, "\n") {
			t.Fatalf("message = %q", msg)
		}
	})
}

func TestTablesMatchSchema(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	for _, kind := range store.Kinds {
		t.Run(kind, func(t *testing.T) {
			rows, err := db.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
				WHERE table_name = ? ORDER BY ordinal_position`, kind)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var names []string
			for rows.Next() {
				var name, typ string
				if err := rows.Scan(&name, &typ); err != nil {
					t.Fatal(err)
				}
				names = append(names, name)
				if name == "source_id" || name == "line" {
					continue
				}
				if got, want := store.ColumnType(kind, name), typ; got != want {
					t.Errorf("ColumnType(%s, %s) = %q, want %q", kind, name, got, want)
				}
			}
			want := append(slices.Clone(store.Tables[kind]), "source_id", "line")
			if !slices.Equal(names, want) {
				t.Fatalf("columns of %s = %v, want %v", kind, names, want)
			}
		})
	}
	if got := store.ColumnType("kpi", "participant"); got != "" {
		t.Fatalf("ColumnType(kpi, participant) = %q, want \"\"", got)
	}
}
