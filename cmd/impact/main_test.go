package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// result is what one in-process run of the command line produced.
type result struct {
	stdout, stderr string
	err            error
	code           int
}

// run runs impact with args in dir, in-process, with a fixed clock and an
// empty environment.
func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr, m.Stdin = &stdout, &stderr, strings.NewReader("")
	m.Dir = dir
	m.Getenv = func(string) string { return "" }
	m.Now = func() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) }
	err := m.Run(context.Background(), args)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		m.printError(err)
	}
	return result{stdout.String(), stderr.String(), err, impact.ExitCode(err)}
}

// MustRun runs impact and fails the test unless it exits 0.
func MustRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := run(t, dir, args...)
	if r.code != 0 {
		t.Fatalf("impact %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

func TestHelp(t *testing.T) {
	dir := t.TempDir()
	// A text the catalogue lacks shows as its key in brackets, as
	// [summary.collect] once did in every language.
	unknown := regexp.MustCompile(`\[[a-z_]+\.[a-z_.]+\]`)
	for _, args := range [][]string{{}, {"help"}, {"--help"}, {"-h"}, {"help", "--lang", "en"}, {"help", "--lang", "lv"}} {
		r := MustRun(t, dir, args...)
		for _, c := range commands() {
			if !strings.Contains(r.stdout, "  "+c.Name) {
				t.Errorf("impact %v does not list %s:\n%s", args, c.Name, r.stdout)
			}
		}
		if key := unknown.FindString(r.stdout); key != "" {
			t.Errorf("impact %v shows %s, a text the catalogue lacks:\n%s", args, key, r.stdout)
		}
	}
	for _, c := range commands() {
		for _, args := range [][]string{{"help", c.Name, "--lang", "en"}, {c.Name, "--lang", "en", "--help"}, {"help", c.Name, "--lang", "sv"}, {"help", c.Name, "--lang", "lv"}} {
			r := MustRun(t, dir, args...)
			english := slices.Contains(args, "en")
			if !strings.Contains(r.stdout, "impact "+c.Name) || english && (!strings.Contains(r.stdout, "Usage: impact "+c.Name) || !strings.Contains(r.stdout, "Example:")) {
				t.Errorf("impact %v lacks usage or example:\n%s", args, r.stdout)
			}
			if key := unknown.FindString(r.stdout); key != "" {
				t.Errorf("impact %v shows %s, a text the catalogue lacks:\n%s", args, key, r.stdout)
			}
		}
	}
	r := MustRun(t, dir, "help", "init", "--lang", "en")
	for _, flag := range []string{"--lang", "--example", "--project", "--db"} {
		if !strings.Contains(r.stdout, flag) {
			t.Errorf("impact help init does not explain %s:\n%s", flag, r.stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args    []string
		message string
	}{
		{[]string{"inti", "--lang", "en"}, `"inti" is not an impact command; did you mean impact init?`},
		{[]string{"help", "nope", "--lang", "en"}, `"nope" is not an impact command`},
		{[]string{"init", "--lang", "de"}, `--lang "de" är inget känt språk; använd sv, en eller lv`},
		{[]string{"init", "--bogus", "--lang", "en"}, "impact init: there is no flag --bogus; run impact help init"},
		{[]string{"init", "a", "b", "--lang", "en"}, "impact init takes one folder"},
		{[]string{"--nope", "--lang", "en"}, "there is no flag --nope; run impact help for the commands and their flags"},
		{[]string{"--nope"}, "det finns ingen flagga --nope; kör impact help för kommandona och deras flaggor"},
		{[]string{"ingest", "--wait", "soon", "--lang", "lv"}, `impact ingest: "soon" nav vērtība, ko pieņem --wait; palaidiet impact help ingest`},
	} {
		r := run(t, dir, tc.args...)
		if got, want := r.code, 2; got != want {
			t.Errorf("impact %v: exit %d, want %d", tc.args, got, want)
		}
		if !strings.Contains(r.stderr, tc.message) {
			t.Errorf("impact %v: stderr %q lacks %q", tc.args, r.stderr, tc.message)
		}
		if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 {
			t.Errorf("impact %v: error is %d lines, want one:\n%s", tc.args, n+1, r.stderr)
		}
	}
}

func TestInit(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "Bodens Kraftsamling")
			r := MustRun(t, t.TempDir(), "init", dir, "--lang", lang)
			if !strings.Contains(r.stdout, "impact.yaml") {
				t.Errorf("init output does not name impact.yaml:\n%s", r.stdout)
			}
			p, err := impact.Load(dir)
			if err != nil {
				t.Fatalf("the new project does not load: %v", err)
			}
			if got, want := p.Info.ID, "bodens-kraftsamling"; got != want {
				t.Errorf("id = %q, want %q", got, want)
			}
			if got, want := p.Info.Language, lang; got != want {
				t.Errorf("language = %q, want %q", got, want)
			}
			if got, want := p.Info.Period.Start.String(), "2025-03-01"; got != want {
				t.Errorf("period start = %q, want %q", got, want)
			}
			info, err := os.Stat(filepath.Join(dir, ".impact", "secret"))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := info.Mode().Perm(), os.FileMode(0o600); got != want {
				t.Errorf("secret mode = %v, want %v", got, want)
			}
			ignore, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
			if err != nil || !strings.Contains(string(ignore), ".impact/") {
				t.Errorf(".gitignore = %q (%v), want it to hold .impact/", ignore, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
				t.Errorf("no data folder: %v", err)
			}
			again := run(t, dir, "init", dir, "--lang", "en")
			if again.code != 2 || !strings.Contains(again.stderr, "is already a project") {
				t.Errorf("second init: exit %d, %q", again.code, again.stderr)
			}
		})
	}
}

func TestInitKeepsSecretAndGitignore(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".impact"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".impact", "secret"), []byte("kept\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*.tmp"), 0o644); err != nil {
		t.Fatal(err)
	}
	MustRun(t, dir, "init")
	if got, _ := os.ReadFile(filepath.Join(dir, ".impact", "secret")); string(got) != "kept\n" {
		t.Errorf("secret replaced: %q", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.HasPrefix(string(got), "*.tmp\n") || !strings.Contains(string(got), "\n.impact/\n") {
		t.Errorf(".gitignore = %q", got)
	}
}

func TestInitExampleAndVersion(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "demo")
	MustRun(t, root, "init", "--example", dir)
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
	if len(p.Indicators) < 8 || len(p.TheoryOfChange.Nodes) < 10 {
		t.Errorf("example has %d indicators and %d nodes; want at least 8 and 10", len(p.Indicators), len(p.TheoryOfChange.Nodes))
	}
	for _, s := range p.Sources {
		if _, err := os.Stat(filepath.Join(dir, s.File)); err != nil {
			t.Errorf("source %s: %v", s.File, err)
		}
	}
	r := MustRun(t, root, "--project", dir, "version", "--lang", "en")
	for _, want := range []string{"impact ", "DuckDB v", "go1.", "project " + p.Info.ID, "schema version "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("version output lacks %q:\n%s", want, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".impact", "impact.duckdb")); err != nil {
		t.Errorf("no store made: %v", err)
	}
	// The flag may also follow the command, and the project may be found
	// from a folder inside it.
	r = MustRun(t, filepath.Join(dir, "data"), "version", "--lang", "en")
	if !strings.Contains(r.stdout, "project "+p.Info.ID) {
		t.Errorf("version from data/ does not find the project:\n%s", r.stdout)
	}
	// --project may name the project file itself; another file is not a
	// project, and the message says so rather than to make one there.
	r = MustRun(t, root, "--project", filepath.Join("demo", "impact.yaml"), "version", "--lang", "en")
	if !strings.Contains(r.stdout, "project "+p.Info.ID) {
		t.Errorf("version with --project demo/impact.yaml does not find the project:\n%s", r.stdout)
	}
	csv := filepath.Join(dir, p.Sources[0].File)
	for lang, want := range map[string]string{
		"en": csv + " is a file, not a project folder; give --project the folder that holds impact.yaml, or impact.yaml itself",
		"sv": csv + " är en fil, inte en projektmapp; ange mappen som har impact.yaml med --project, eller impact.yaml själv",
	} {
		r = run(t, root, "evaluate", "--project", csv, "--lang", lang)
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("--project %s (%s): exit %d\n%s\nwant %q", csv, lang, r.code, r.stderr, want)
		}
	}
}

func TestVersionOutsideProject(t *testing.T) {
	r := MustRun(t, t.TempDir(), "version")
	if !strings.Contains(r.stdout, "DuckDB v") || strings.Contains(r.stdout, "project ") {
		t.Errorf("version output:\n%s", r.stdout)
	}
}

func TestInvalidProjectExitCode(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte("version: 1\nproject: {id: x, langauge: sv}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "version")
	if got, want := r.code, 2; got != want {
		t.Fatalf("exit %d, want %d", got, want)
	}
	// The file names no language: it can read, so it speaks Swedish.
	if want := `impact.yaml:2:18: okänd nyckel "langauge" i project; menade du "language"?`; !strings.Contains(r.stderr, want) {
		t.Fatalf("stderr %q lacks %q", r.stderr, want)
	}
}

func TestDemo(t *testing.T) {
	root := t.TempDir()
	r := MustRun(t, root, "demo", "--out", "demo")
	if !strings.Contains(r.stdout, "Mål (impact evaluate --as-of") {
		t.Errorf("demo prints no goals:\n%s", r.stdout)
	}
	// The notes ingest makes about files made the way people make them.
	for _, want := range []string{
		`data/natverkstraff-2-februari.csv:84: en summeringsrad ("Summa") lästes inte in`,
		`data/effektmatning-1-januari.xlsx: "Jag har känt mig användbar" → swemwbs_2`,
		`data/effektmatning-1-januari.xlsx: enkätverktygets kolumn "E-post" lästes inte in`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo does not show the note %q:\n%s", want, r.stdout)
		}
	}
	r = MustRun(t, root, "demo", "--out", "demo")
	// The example speaks Swedish.
	if !strings.Contains(r.stdout, "Använder exempelprojektet som redan finns i") {
		t.Errorf("second demo does not reuse the project:\n%s", r.stdout)
	}
}

func TestStoreSchemaVersions(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	MustRun(t, root, "init", dir)
	dbPath := filepath.Join(dir, ".impact", "impact.duckdb")
	ctx := context.Background()

	// A store made by an older impact, which knew only the first migration.
	old, err := store.OpenWith(ctx, dbPath, store.Options{Migrations: store.Migrations()[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := old.SchemaVersion(), 1; got != want {
		t.Fatalf("old schema = %d, want %d", got, want)
	}
	old.Close()
	r := MustRun(t, dir, "version", "--lang", "en")
	if want := fmt.Sprintf("schema version %d", store.SchemaVersion); !strings.Contains(r.stdout, want) {
		t.Fatalf("older store not migrated; output lacks %q:\n%s", want, r.stdout)
	}

	// A store from a newer impact is refused with a message that says what to do.
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, "INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', now())"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r = run(t, dir, "version", "--lang", "en")
	if got, want := r.code, 2; got != want {
		t.Fatalf("exit %d, want %d\n%s", got, want, r.stderr)
	}
	if want := "has schema version 99 but this impact knows only up to"; !strings.Contains(r.stderr, want) {
		t.Fatalf("stderr %q lacks %q", r.stderr, want)
	}
	// In the project's language (Swedish, the default) and in --lang's.
	for _, lang := range []string{"sv", "lv"} {
		args := []string{"version"}
		if lang != "sv" {
			args = append(args, "--lang", lang)
		}
		saysIn(t, run(t, dir, args...), i18n.CLI, lang, "store.newer", dbPath, i18n.Verbatim{Value: 99}, i18n.Verbatim{Value: store.SchemaVersion})
	}
}
