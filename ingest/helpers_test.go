package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
)

// secret keys the pseudonyms of every test.
var secret = []byte("a-test-secret-never-used-in-production")

// day is the fixed clock of the tests.
var day = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// projectHead is the start of every test project: two instruments, so
// that wide and long responses have items to match.
const projectHead = `version: 1
project: {id: ingest-test, name: Test, period: {start: 2024-11-01, end: 2025-11-30}}
instruments:
  - {id: swemwbs, builtin: swemwbs}
  - {id: jobbtro, name: Jobbtro, items: [jt1, jt2, jt3], scale: {min: 1, max: 5}, score: mean}
`

// MustProject writes a project folder with the given sources (YAML list
// items under sources:) and files, and loads it.
func MustProject(t testing.TB, sources string, files map[string][]byte) *impact.Project {
	t.Helper()
	dir := t.TempDir()
	yaml := projectHead
	if sources != "" {
		yaml += "sources:\n" + sources
	}
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	return p
}

// MustOpen opens the project's store.
func MustOpen(t testing.TB, p *impact.Project) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(p.Dir, ".impact", "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// MustDump returns the store's content for a byte-for-byte comparison.
func MustDump(t testing.TB, db *store.DB) string {
	t.Helper()
	dump, err := db.DumpTables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return dump
}

// ingestFile ingests one source of the project.
func ingestFile(t testing.TB, p *impact.Project, db *store.DB, src impact.Source, opts ingest.Options) (ingest.Result, error) {
	t.Helper()
	if opts.Secret == nil {
		opts.Secret = secret
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return day }
	}
	return ingest.New(p, db, opts).File(context.Background(), src)
}

// MustIngest ingests every source of the project and fails on any error.
func MustIngest(t testing.TB, p *impact.Project, db *store.DB) []ingest.Result {
	t.Helper()
	var results []ingest.Result
	for _, src := range p.Sources {
		res, err := ingestFile(t, p, db, src, ingest.Options{})
		if err != nil {
			t.Fatalf("ingest %s: %v", src.File, err)
		}
		results = append(results, res)
	}
	return results
}

// source returns the project's source for a file.
func source(t testing.TB, p *impact.Project, file string) impact.Source {
	t.Helper()
	for _, s := range p.Sources {
		if s.File == file {
			return s
		}
	}
	t.Fatalf("no source %s", file)
	return impact.Source{}
}

// query returns the rows of a query as strings, one line per row.
func query(t testing.TB, db *store.DB, q string) string {
	t.Helper()
	rows, err := db.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fields := make([]string, len(cols))
		for i, v := range values {
			switch v := v.(type) {
			case nil:
				fields[i] = "NULL"
			case time.Time:
				fields[i] = v.Format(time.DateOnly)
			default:
				fields[i] = strings.TrimSpace(strings.ReplaceAll(fmtValue(v), "\n", " "))
			}
		}
		out = append(out, strings.Join(fields, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

func fmtValue(v any) string { return fmt.Sprint(v) }

func ingestOptions() ingest.Options { return ingest.Options{} }

// writeFile writes a file into the project folder.
func writeFile(t testing.TB, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
