package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
)

// MustLintProject makes a project folder whose impact.yaml is the file name
// under testdata/smart, and returns the folder.
func MustLintProject(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "smart", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// jsonFinding is a finding as impact lint --json writes it.
type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Subject  string `json:"subject"`
	Message  string `json:"message"`
}

// MustDecodeFindings decodes the JSON of impact lint --json, checking that
// every object has exactly the fields of the spec.
func MustDecodeFindings(t *testing.T, stdout string) []jsonFinding {
	t.Helper()
	var raw []map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatalf("lint --json is not a JSON list: %v\n%s", err, stdout)
	}
	want := []string{"column", "file", "line", "message", "rule", "severity", "subject"}
	for _, obj := range raw {
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Fatalf("a finding has the fields %v, want %v", keys, want)
		}
		for _, k := range []string{"line", "column"} {
			if _, ok := obj[k].(float64); !ok {
				t.Fatalf("%s is %T, want a number", k, obj[k])
			}
		}
	}
	var findings []jsonFinding
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatal(err)
	}
	return findings
}

func TestLintWarningsOnly(t *testing.T) {
	// The clean plan without data: only M004, a warning per goal.
	dir := MustLintProject(t, "clean.yaml")
	r := MustRun(t, dir, "lint")
	for _, want := range []string{
		"impact.yaml:41:28: warning M004 [indicator meetup_participants]: no data has been ingested yet for attendance;",
		"0 errors, 4 warnings.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint output lacks %q:\n%s", want, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".impact", "impact.duckdb")); err == nil {
		t.Errorf("lint made a store; it needs none")
	}

	r = run(t, dir, "lint", "--strict")
	if got, want := r.code, 1; got != want {
		t.Fatalf("lint --strict: exit %d, want %d\n%s", got, want, r.stderr)
	}
	if want := "the lint found 4 warnings, which count with --strict"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q lacks %q", r.stderr, want)
	}
}

func TestLintErrors(t *testing.T) {
	dir := MustLintProject(t, "rules/A001.yaml")
	r := run(t, dir, "lint")
	if got, want := r.code, 1; got != want {
		t.Fatalf("exit %d, want %d\n%s", got, want, r.stderr)
	}
	want := "impact.yaml:8:5: error A001 [indicator visits]: the goal is to increase but the target 40 is below the baseline 50; turn direction: around or correct the target.\n"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("lint output lacks %q:\n%s", want, r.stdout)
	}
	if want := "impact: the lint found 6 errors and 6 warnings; fix the errors and run impact lint again"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q lacks %q", r.stderr, want)
	}
	// Compiler-style lines come in file order.
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if strings.HasPrefix(line, "impact.yaml:") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 12 {
		t.Errorf("%d finding lines, want 12:\n%s", len(lines), r.stdout)
	}

	// A node and an assumption are named as such.
	r = run(t, MustLintProject(t, "rules/G002.yaml"), "lint")
	for _, want := range []string{"warning R004 [node a1]:", "warning G002 [assumption as1]:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestLintJSON(t *testing.T) {
	dir := MustLintProject(t, "rules/A001.yaml")
	r := run(t, dir, "lint", "--json")
	if got, want := r.code, 1; got != want {
		t.Fatalf("exit %d, want %d\n%s", got, want, r.stderr)
	}
	findings := MustDecodeFindings(t, r.stdout)
	want := jsonFinding{Rule: "A001", Severity: "error", File: "impact.yaml", Line: 8, Column: 5, Subject: "visits",
		Message: "the goal is to increase but the target 40 is below the baseline 50; turn direction: around or correct the target."}
	if !slices.Contains(findings, want) {
		t.Errorf("lint --json lacks %+v:\n%s", want, r.stdout)
	}
	if got, want := len(findings), 12; got != want {
		t.Errorf("%d findings, want %d", got, want)
	}

	// No findings is an empty list, and exit 0 even with --strict.
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte("version: 1\nproject: {id: empty}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = MustRun(t, dir, "lint", "--json", "--strict")
	if got := strings.TrimSpace(r.stdout); got != "[]" {
		t.Errorf("lint --json with no findings = %q, want []", got)
	}
	// No language: is Swedish, the default.
	r = MustRun(t, dir, "lint")
	if !strings.Contains(r.stdout, "Inga anmärkningar") {
		t.Errorf("lint with no findings says:\n%s", r.stdout)
	}
}

func TestLintUsage(t *testing.T) {
	dir := MustLintProject(t, "clean.yaml")
	for _, args := range [][]string{{"lint", "extra"}, {"lint", "--nope"}} {
		if r := run(t, dir, args...); r.code != 2 {
			t.Errorf("impact %v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
	// An invalid project is a load error (exit 2), not a finding.
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte("version: 1\nproject: {id: x}\nindicators:\n  - {id: a, name: A, node: nowhere, measure: {kind: count, source: attendance}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The project names no language:, so it speaks Swedish.
	if r := run(t, dir, "lint"); r.code != 2 || !strings.Contains(r.stderr, `"nowhere" hänvisar till något av typen nod`) {
		t.Errorf("lint of an invalid project: exit %d\n%s", r.code, r.stderr)
	}
}

// runAt runs impact as run does, with the clock at now.
func runAt(t *testing.T, now time.Time, dir string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr, m.Stdin = &stdout, &stderr, strings.NewReader("")
	m.Dir = dir
	m.Getenv = func(string) string { return "" }
	m.Now = func() time.Time { return now }
	err := m.Run(context.Background(), args)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		m.printError(err)
	}
	return result{stdout.String(), stderr.String(), err, impact.ExitCode(err)}
}

func TestLintWithData(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the example project")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "demo")
	MustRun(t, root, "init", "--example", dir)
	before := MustDecodeFindings(t, MustRun(t, dir, "lint", "--json").stdout)
	MustRun(t, dir, "ingest")
	// On 1 March 2025 the meetups of December and February are in, the
	// follow-ups are not; at the end of the year everything is.
	march := MustDecodeFindings(t, MustRun(t, dir, "lint", "--json").stdout)
	r := runAt(t, time.Date(2025, 12, 15, 12, 0, 0, 0, time.UTC), dir, "lint", "--json")
	if r.code != 0 {
		t.Fatalf("lint in December: exit %d\n%s", r.code, r.stderr)
	}
	december := MustDecodeFindings(t, r.stdout)

	find := func(findings []jsonFinding, rule, subject string) (jsonFinding, bool) {
		i := slices.IndexFunc(findings, func(f jsonFinding) bool { return f.Rule == rule && f.Subject == subject })
		if i < 0 {
			return jsonFinding{}, false
		}
		return findings[i], true
	}
	count := func(findings []jsonFinding, rule string) int {
		n := 0
		for _, f := range findings {
			if f.Rule == rule {
				n++
			}
		}
		return n
	}
	if got, want := count(before, "M004"), 12; got != want {
		t.Errorf("before ingest %d M004 findings, want one per goal (%d)", got, want)
	}
	if _, ok := find(march, "M004", "meetup_participants"); ok {
		t.Errorf("in March M004 says that the meetups have no data")
	}
	if _, ok := find(march, "M004", "work_or_study_6m"); !ok {
		t.Errorf("in March no M004 says that the follow-ups have no data yet")
	}
	if n := count(december, "M004"); n != 0 {
		t.Errorf("in December %d M004 findings remain", n)
	}
	// The example's weak goal: too few accompanying family members to show
	// ten percentage points; in March judged at expected_n, once due at the
	// n measured.
	for _, tc := range []struct {
		name     string
		findings []jsonFinding
		says     string
	}{{"March", march, "som planeras (expected_n)"}, {"December", december, "de färre än 5 personer som mätts hittills"}} {
		f, ok := find(tc.findings, "A003", "medfoljande_work_3m")
		if !ok {
			t.Errorf("%s: no A003 for medfoljande_work_3m", tc.name)
		} else if !strings.Contains(f.Message, tc.says) {
			t.Errorf("%s: A003 %q does not say %q", tc.name, f.Message, tc.says)
		}
	}
}

func TestDemoLints(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the example project")
	}
	r := MustRun(t, t.TempDir(), "demo", "--out", "demo")
	for _, want := range []string{"SMART-granskning (impact lint):", "0 fel,"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, r.stdout)
		}
	}
	// The finding names its place in the file; the line moves as the
	// example grows, the column and the indicator do not.
	if finding := regexp.MustCompile(`(?m)^demo/impact\.yaml:[1-9][0-9]*:5: varning A003 \[indikator medfoljande_work_3m\]: `); !finding.MatchString(r.stdout) {
		t.Errorf("demo output lacks the A003 finding of medfoljande_work_3m at its line:\n%s", r.stdout)
	}
}
