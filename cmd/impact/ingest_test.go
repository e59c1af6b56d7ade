package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleProject makes the example project in a fresh folder.
func exampleProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "demo")
	MustRun(t, root, "init", "--example", dir)
	return dir
}

func TestIngestExample(t *testing.T) {
	dir := exampleProject(t)
	r := MustRun(t, dir, "ingest")
	for _, want := range []string{"FILE", "READ", "LOADED", "REJECTED", "SKIPPED", "data/deltagare.csv", "participants", "data/kolada-N00914.json"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ingest output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr is not empty off a terminal:\n%s", r.stderr)
	}
	again := MustRun(t, dir, "ingest")
	if got := strings.Count(again.stdout, "already ingested"); got < 10 {
		t.Errorf("second ingest: %d files already ingested:\n%s", got, again.stdout)
	}
	// One named source.
	r = MustRun(t, dir, "ingest", "data/deltagare.csv")
	if !strings.Contains(r.stdout, "already ingested") || strings.Contains(r.stdout, "kostnader") {
		t.Errorf("ingest of one file:\n%s", r.stdout)
	}
}

func TestIngestRefusedExitCodes(t *testing.T) {
	dir := exampleProject(t)
	writeData(t, dir, "data/extra.csv", "participant,date,months_after,status\nBD-0001,2025-07-01,6,arbete\nBD-0002,2025-07-01,6,semester\n")
	// Not a source and no --kind: wrong usage.
	r := run(t, dir, "ingest", "data/extra.csv")
	if r.code != 2 || !strings.Contains(r.stderr, "data/extra.csv is not a source in") || !strings.Contains(r.stderr, "give --kind") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// Refused: exit 3, every bad row listed, nothing loaded.
	r = run(t, dir, "ingest", "data/extra.csv", "--kind", "followups")
	if r.code != 3 {
		t.Fatalf("exit %d, want 3: %s", r.code, r.stderr)
	}
	for _, want := range []string{"impact: data/extra.csv: refused, nothing was loaded: 1 row is invalid", `impact: data/extra.csv:3: column "status": "semester" is not a follow-up status`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "refused") {
		t.Errorf("the table does not say refused:\n%s", r.stdout)
	}
	// --skip-invalid: the valid row is loaded, exit 1.
	r = run(t, dir, "ingest", "data/extra.csv", "--kind", "followups", "--skip-invalid")
	if r.code != 1 || !strings.Contains(r.stderr, "1 row in 1 file were rejected and kept in the rejects table") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "│    2 │      1 │        1 │") {
		t.Errorf("counts:\n%s", r.stdout)
	}
}

func TestIngestFlags(t *testing.T) {
	dir := exampleProject(t)
	writeData(t, dir, "data/natverkstraff-4.csv", "Deltagare;Nya kontakter\nBD-0001;2\nBD-0002;\n")
	r := run(t, dir, "ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-10-02", "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, "dry run: nothing written") || !strings.Contains(r.stdout, "Dry run: nothing was written.") {
		t.Fatalf("dry run: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".impact", "impact.duckdb")); err == nil {
		t.Error("a dry run made a store")
	}
	r = run(t, dir, "ingest", "data/natverkstraff-4.csv", "--kind", "attendance")
	if r.code != 3 || !strings.Contains(r.stderr, "has no column for date, event, event_kind") {
		t.Fatalf("without event flags: exit %d: %s", r.code, r.stderr)
	}
	MustRun(t, dir, "ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-10-02")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--kind", "attendance"}, "describe one FILE; name it"},
		{[]string{"ingest", "x.csv", "--kind", "attendence"}, `--kind "attendence" is not a kind of data; did you mean attendance?`},
		{[]string{"ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--date", "2/10/2025"}, "--date:"},
		{[]string{"ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--wave", "före-ish"}, `wave "före-ish" is not a wave`},
	} {
		r := run(t, dir, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("impact %v: exit %d, %s", tc.args, r.code, r.stderr)
		}
	}
}

func TestIngestNoSecret(t *testing.T) {
	dir := exampleProject(t)
	if err := os.Remove(filepath.Join(dir, ".impact", "secret")); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "ingest")
	if r.code != 2 || !strings.Contains(r.stderr, "run impact init") || !strings.Contains(r.stderr, "IMPACT_SECRET") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

func TestExport(t *testing.T) {
	dir := exampleProject(t)
	MustRun(t, dir, "ingest")
	for _, format := range []string{"parquet", "csv"} {
		out := filepath.Join(t.TempDir(), "export")
		r := MustRun(t, dir, "export", "--format", format, "--out", out)
		if !strings.Contains(r.stdout, "participants."+format) {
			t.Errorf("export output:\n%s", r.stdout)
		}
		if _, err := os.Stat(filepath.Join(out, "responses."+format)); err != nil {
			t.Error(err)
		}
	}
	csv, err := os.ReadFile(filepath.Join(dir, "data", "deltagare.csv"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export")
	MustRun(t, dir, "export", "--format", "csv", "--out", out)
	exported, err := os.ReadFile(filepath.Join(out, "participants.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// No raw participant id of the register is exported.
	for _, line := range strings.Split(string(csv), "\n")[1:] {
		id, _, _ := strings.Cut(line, ";")
		if id != "" && strings.Contains(string(exported), id+",") {
			t.Fatalf("the export holds the raw id %s", id)
		}
	}
	r := run(t, dir, "export", "--format", "xlsx")
	if r.code != 2 || !strings.Contains(r.stderr, `format "xlsx" is not known`) {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

func writeData(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
