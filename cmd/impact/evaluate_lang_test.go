package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// badWhereProject is a project in language lang whose one indicator filters
// on a value its column cannot hold: evaluate refuses it at line 11.
func badWhereProject(t *testing.T, lang string) string {
	t.Helper()
	dir := t.TempDir()
	project := `version: 1
project:
  id: bad-where
  name: Bad where
  language: ` + lang + `
theory_of_change:
  nodes:
    - {id: o1, level: output, name: Output}
indicators:
  - id: six
    measure: {kind: count, source: followups, where: {months_after: six}}
    name: Six months on
    node: o1
    target: 3
`
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEvaluateRefusalsInTheProjectLanguage: evaluate's refusal of a measure
// it cannot compute is said in the project's language: (or --lang's), with
// its place in impact.yaml before it as written and its exit code kept; so
// is a store it cannot read.
func TestEvaluateRefusalsInTheProjectLanguage(t *testing.T) {
	for _, lang := range []string{"sv", "lv", "en"} {
		t.Run("bad where/"+lang, func(t *testing.T) {
			dir := badWhereProject(t, lang)
			value := i18n.Sprintf(i18n.Evaluate, lang, "%q is not a whole number; write one such as 6", "six")
			want := i18n.Sprintf(i18n.Evaluate, lang, "%s.%s: %v", "indicators[0] (six).measure.where", "months_after", value)
			if lang != "en" && value == i18n.Sprintf(i18n.Evaluate, "en", "%q is not a whole number; write one such as 6", "six") {
				t.Fatalf("%s has no words of its own for the value: %q", lang, value)
			}
			place := "impact: " + filepath.Join(dir, "impact.yaml") + ":11:"
			for _, args := range [][]string{{"evaluate"}, {"evaluate", "--json"}} {
				r := run(t, dir, append([]string{"--db", filepath.Join(t.TempDir(), "impact.duckdb")}, args...)...)
				if r.code != 2 {
					t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
				}
				line, _, _ := strings.Cut(r.stderr, "\n")
				if !strings.HasPrefix(line, place) || !strings.HasSuffix(line, ": "+want) {
					t.Errorf("%v: stderr %q, want %q … %q", args, line, place, want)
				}
			}
		})
	}
	t.Run("--lang over language:", func(t *testing.T) {
		dir := badWhereProject(t, "sv")
		r := run(t, dir, "--db", filepath.Join(t.TempDir(), "impact.duckdb"), "evaluate", "--lang", "lv")
		if want := "indicators[0] (six).measure.where.months_after: \"six\" nav vesels skaitlis"; !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q lacks %q", r.stderr, want)
		}
	})
	// A store whose participant register is gone cannot be read: an
	// internal error (exit 4) in the project's words, the store's own
	// words within it.
	root := t.TempDir()
	for _, lang := range []string{"sv", "lv", "en"} {
		t.Run("store/"+lang, func(t *testing.T) {
			dir := filepath.Join(root, lang)
			MustRun(t, root, "init", dir, "--lang", lang)
			db, err := store.Open(context.Background(), filepath.Join(dir, ".impact", "impact.duckdb"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(context.Background(), "DROP TABLE participants"); err != nil {
				t.Fatal(err)
			}
			// A change the store keeps no fact of, so that evaluate
			// reads the register rather than what the store knows of it.
			if _, err := db.Exec(context.Background(), "INSERT INTO register_writes (source_id) VALUES (NULL)"); err != nil {
				t.Fatal(err)
			}
			db.Close()
			r := run(t, dir, "evaluate")
			if r.code != 4 {
				t.Errorf("exit %d, want 4\n%s", r.code, r.stderr)
			}
			// The sentence around the store's own words, which it keeps.
			before, after, _ := around(i18n.Evaluate, lang, "read the participant register", gap)
			line, _, _ := strings.Cut(r.stderr, "\n")
			cause, prefixed := strings.CutPrefix(line, "impact: "+before)
			cause, suffixed := strings.CutSuffix(cause, after)
			if !prefixed || !suffixed || !strings.Contains(cause, "Table with name participants does not exist") {
				t.Errorf("stderr %q, want %q, the store's words, %q", line, before, after)
			}
			if english, _, _ := around(i18n.Evaluate, "en", "read the participant register", gap); lang != "en" && before == english {
				t.Errorf("%s has no words of its own: %q", lang, before)
			}
		})
	}
}
