package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// gap marks, among the values of a message, one that the test cannot
// know whole (DuckDB's words, a command line cut short).
const gap = "\x00"

// around returns the message of key in domain and lang before and after
// the value given as gap.
func around(domain i18n.Domain, lang, key string, args ...any) (before, after string, found bool) {
	return strings.Cut(i18n.Sprintf(domain, lang, key, args...), gap)
}

// TestStoreRefusalsInTheCommandLanguage: what is wrong with --db, and a
// store file cut short, are said in the project's language (Swedish, the
// default of impact init) or in --lang's, with their exit codes.
func TestStoreRefusalsInTheCommandLanguage(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	MustRun(t, root, "init", dir)
	MustRun(t, dir, "evaluate")
	stored := filepath.Join(dir, ".impact", "impact.duckdb")
	// A file where the store's folder would be.
	blocked := filepath.Join(root, "blocked")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	under := filepath.Join(blocked, "impact.duckdb")
	mkdirErr := os.MkdirAll(blocked, 0o700)
	if mkdirErr == nil {
		t.Fatal("a folder could be made where a file is")
	}
	// A store cut short, as a full disk or a stopped copy leaves it.
	whole, err := os.ReadFile(stored)
	if err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(root, "short.duckdb")
	if err := os.WriteFile(short, whole[:len(whole)/3], 0o600); err != nil {
		t.Fatal(err)
	}
	// A file that is no store at all.
	notes := filepath.Join(root, "notes.duckdb")
	if err := os.WriteFile(notes, []byte(strings.Repeat("not a database\n", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	// A store that has forgotten its migrations: the first fails on the
	// tables it finds, a failure inside the store (exit 4), whose detail
	// stays as written.
	forgot := filepath.Join(root, "forgot.duckdb")
	if err := os.WriteFile(forgot, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), forgot)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(context.Background(), "DROP TABLE schema_version"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	first := store.Migrations()[0]
	action := fmt.Sprintf("apply migration %04d_%s", first.Version, first.Name)
	// An export whose first file cannot take its name: a folder holds it.
	out := filepath.Join(root, "export")
	taken := filepath.Join(out, "sources.parquet")
	if err := os.MkdirAll(filepath.Join(taken, "kept"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"sv", "lv", "en"} {
		var flag []string
		if lang != "sv" {
			flag = []string{"--lang", lang}
		}
		evaluate := func(db string) result {
			return run(t, dir, append([]string{"--db", db, "evaluate"}, flag...)...)
		}
		t.Run("folder/"+lang, func(t *testing.T) {
			saysIn(t, evaluate(root), i18n.CLI, lang, "store.folder", root, filepath.Join(root, "impact.duckdb"))
		})
		t.Run("under a file/"+lang, func(t *testing.T) {
			saysIn(t, evaluate(under), i18n.CLI, lang, "store.mkdir", under, mkdirErr)
		})
		t.Run("cut short/"+lang, func(t *testing.T) {
			exitSays(t, evaluate(short), 4, i18n.CLI, lang, "store.damaged", short)
		})
		t.Run("inside the store/"+lang, func(t *testing.T) {
			r := evaluate(forgot)
			before, after, _ := around(i18n.CLI, lang, "store.internal", forgot, action, gap)
			if r.code != 4 || !strings.HasPrefix(r.stderr, "impact: "+before) || !strings.HasSuffix(r.stderr, after+"\n") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, want 4 and one line %q … %q:\n%s", r.code, before, after, r.stderr)
			}
		})
		t.Run("export/"+lang, func(t *testing.T) {
			r := run(t, dir, append([]string{"export", "--format", "parquet", "--out", out}, flag...)...)
			before, after, _ := around(i18n.CLI, lang, "refuse.export.write", taken, gap, out)
			if r.code != 2 || !strings.HasPrefix(r.stderr, "impact: "+before) || !strings.HasSuffix(r.stderr, after+"\n") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, want 2 and one line %q … %q:\n%s", r.code, before, after, r.stderr)
			}
		})
		t.Run("not a store/"+lang, func(t *testing.T) {
			r := evaluate(notes)
			// DuckDB's own words stand between the sentence's parts.
			before, after, _ := around(i18n.CLI, lang, "store.open", notes, gap)
			if r.code != 2 || !strings.HasPrefix(r.stderr, "impact: "+before) || !strings.HasSuffix(r.stderr, after+"\n") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, want 2 and one line %q … %q:\n%s", r.code, before, after, r.stderr)
			}
			if lang != "en" && strings.Contains(r.stderr, "cannot open the store") {
				t.Errorf("English in %s:\n%s", lang, r.stderr)
			}
		})
	}
}

// TestInitExampleRefusalInTheCommandLanguage: an example project that
// cannot be written (a folder where one of its files goes) is refused in
// --lang's language, exit 4.
func TestInitExampleRefusalInTheCommandLanguage(t *testing.T) {
	for _, lang := range []string{"sv", "lv", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "demo")
			blocking := filepath.Join(dir, "data", "kostnader.csv")
			if err := os.MkdirAll(blocking, 0o755); err != nil {
				t.Fatal(err)
			}
			r := run(t, filepath.Dir(dir), "init", "--example", "--lang", lang, dir)
			before, after, _ := around(i18n.CLI, lang, "init.example", dir, gap)
			if r.code != 4 || !strings.HasPrefix(r.stderr, "impact: "+before) || !strings.Contains(r.stderr, blocking) || !strings.HasSuffix(r.stderr, after+"\n") {
				t.Errorf("exit %d, want 4 and %q … %q:\n%s", r.code, before, after, r.stderr)
			}
		})
	}
}
