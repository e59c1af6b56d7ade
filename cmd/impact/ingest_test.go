package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/store"
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
	// The example is Swedish, and so is the table.
	for _, want := range []string{"FIL", "LÄSTA", "INLÄSTA", "AVVISADE", "ÖVERHOPPAD", "data/deltagare.csv", "participants", "data/kolada-N00914.json"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("ingest output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr is not empty off a terminal:\n%s", r.stderr)
	}
	// The data-quality report lists the notes as FILE:LINE: what.
	MustRun(t, dir, "report", "quality", "--format", "md", "--as-of", "2025-11-30")
	md, err := os.ReadFile(filepath.Join(dir, "reports", "quality.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`data/natverkstraff-2-februari.csv:84: en summeringsrad ("Summa") lästes inte in`, `data/effektmatning-1-januari.xlsx: "Jag tror att jag har ett jobb inom ett år" → jt1`} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the data-quality report lacks %q", want)
		}
	}
	again := MustRun(t, dir, "ingest", "--lang", "en")
	if got := strings.Count(again.stdout, "already ingested"); got < 10 {
		t.Errorf("second ingest: %d files already ingested:\n%s", got, again.stdout)
	}
	// One named source.
	r = MustRun(t, dir, "ingest", "data/deltagare.csv", "--lang", "en")
	if !strings.Contains(r.stdout, "already ingested") || strings.Contains(r.stdout, "kostnader") {
		t.Errorf("ingest of one file:\n%s", r.stdout)
	}
}

func TestIngestRefusedExitCodes(t *testing.T) {
	dir := exampleProject(t)
	writeData(t, dir, "data/extra.csv", "participant,date,months_after,status\nBD-0001,2025-07-01,6,arbete\nBD-0002,2025-07-01,6,semester\n")
	// Not a source and no --kind: wrong usage.
	r := run(t, dir, "ingest", "data/extra.csv", "--lang", "en")
	if r.code != 2 || !strings.Contains(r.stderr, "data/extra.csv is not a source in") || !strings.Contains(r.stderr, "give --kind") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// Refused: exit 3, every bad row listed, nothing loaded.
	r = run(t, dir, "ingest", "data/extra.csv", "--kind", "followups", "--lang", "en")
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
	r = run(t, dir, "ingest", "data/extra.csv", "--kind", "followups", "--skip-invalid", "--lang", "en")
	if r.code != 1 || !strings.Contains(r.stderr, "1 row in 1 file was rejected and kept in the rejects table") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "│    2 │      1 │        1 │") {
		t.Errorf("counts:\n%s", r.stdout)
	}
}

func TestIngestFlags(t *testing.T) {
	dir := exampleProject(t)
	writeData(t, dir, "data/natverkstraff-4.csv", "Deltagare;Nya kontakter\nBD-0001;2\nBD-0002;\n")
	r := run(t, dir, "ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-10-02", "--dry-run", "--lang", "en")
	if r.code != 0 || !strings.Contains(r.stdout, "dry run: nothing written") || !strings.Contains(r.stdout, "Dry run: nothing was written.") {
		t.Fatalf("dry run: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".impact", "impact.duckdb")); err == nil {
		t.Error("a dry run made a store")
	}
	r = run(t, dir, "ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--lang", "en")
	if r.code != 3 || !strings.Contains(r.stderr, "has no column for date, event, event_kind") {
		t.Fatalf("without event flags: exit %d: %s", r.code, r.stderr)
	}
	MustRun(t, dir, "ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-10-02", "--lang", "en")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--kind", "attendance"}, "describe one FILE; name it"},
		{[]string{"ingest", "x.csv", "--kind", "attendence"}, `--kind "attendence" is not a kind of data; did you mean attendance?`},
		{[]string{"ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--date", "2/10/2025"}, `--date "2/10/2025" is not a date`},
		{[]string{"ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--wave", "före-ish"}, `wave "före-ish" is not a wave`},
	} {
		r := run(t, dir, append(tc.args, "--lang", "en")...)
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
		if id != "" && (strings.Contains(string(exported), id+",") || strings.Contains(string(exported), id+";")) {
			t.Fatalf("the export holds the raw id %s", id)
		}
	}
	r := run(t, dir, "export", "--format", "ods", "--lang", "en")
	if r.code != 2 || !strings.Contains(r.stderr, `format "ods" is not known`) {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

func writeData(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ingestRows returns the rows of ingest's table that name a data file.
func ingestRows(stdout string) []string {
	var rows []string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, "data/") {
			rows = append(rows, line)
		}
	}
	return rows
}

// storeFacts opens the project's store after a run and returns the
// answer to a query of one row of two integers, and the data hash.
func storeFacts(t *testing.T, dir, query string) (a, b int64, dataHash string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, ".impact", "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(ctx, query).Scan(&a, &b); err != nil {
		t.Fatal(err)
	}
	if dataHash, err = db.DataHash(ctx); err != nil {
		t.Fatal(err)
	}
	return a, b, dataHash
}

// TestIngestSettingsChanged: a corrected columns: map in impact.yaml reads
// that file again, with the new mapping, and only that file; the next run
// skips everything.
func TestIngestSettingsChanged(t *testing.T) {
	dir := exampleProject(t)
	MustRun(t, dir, "ingest", "--lang", "en")
	const cohorts = `SELECT count(*), count(cohort) FROM participants`
	people, withCohort, hashBefore := storeFacts(t, dir, cohorts)
	if people == 0 || withCohort == 0 {
		t.Fatalf("the example's register: %d people, %d with a cohort", people, withCohort)
	}

	// The cohort column is dropped instead of read.
	yamlPath := filepath.Join(dir, "impact.yaml")
	yaml, err := os.ReadFile(yamlPath)
	if err != nil {
		t.Fatal(err)
	}
	const mapped, dropped = `"Kohort": cohort`, `"Kohort": drop`
	if strings.Count(string(yaml), mapped) != 1 {
		t.Fatalf("the example's impact.yaml does not map %s once; update the test", mapped)
	}
	writeData(t, dir, "impact.yaml", strings.Replace(string(yaml), mapped, dropped, 1))

	r := MustRun(t, dir, "ingest", "--lang", "en")
	rows := ingestRows(r.stdout)
	if len(rows) < 10 {
		t.Fatalf("second ingest lists %d files:\n%s", len(rows), r.stdout)
	}
	for _, row := range rows {
		if strings.Contains(row, "data/deltagare.csv") {
			if !strings.Contains(row, "read again: its settings in impact.yaml changed") || strings.Contains(row, "yes") {
				t.Errorf("the register is not read again:\n%s", r.stdout)
			}
			continue
		}
		if !strings.Contains(row, "already ingested") {
			t.Errorf("a file whose settings did not change was read again: %s", row)
		}
	}
	peopleAfter, withCohortAfter, hashAfter := storeFacts(t, dir, cohorts)
	if peopleAfter != people || withCohortAfter != 0 {
		t.Errorf("after the new mapping: %d people (want %d), %d with a cohort (want 0)", peopleAfter, people, withCohortAfter)
	}
	if hashAfter == hashBefore {
		t.Error("the data hash did not change with the mapping, so a cached evaluation would be served")
	}

	r = MustRun(t, dir, "ingest", "--lang", "en")
	for _, row := range ingestRows(r.stdout) {
		if !strings.Contains(row, "already ingested") {
			t.Errorf("third ingest read a file again: %s", row)
		}
	}
	if _, _, hashThird := storeFacts(t, dir, cohorts); hashThird != hashAfter {
		t.Error("a run that skipped everything changed the data hash")
	}
}

// TestIngestFlagsChanged: the same file ingested with another --event is
// read again, and the note names the flags.
func TestIngestFlagsChanged(t *testing.T) {
	dir := exampleProject(t)
	writeData(t, dir, "data/natverkstraff-4.csv", "Deltagare;Nya kontakter\nBD-0001;2\nBD-0002;\n")
	args := []string{"ingest", "data/natverkstraff-4.csv", "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-10-02", "--lang", "en"}
	MustRun(t, dir, args...)
	if r := MustRun(t, dir, args...); !strings.Contains(r.stdout, "already ingested") {
		t.Fatalf("the same flags again:\n%s", r.stdout)
	}
	args[5] = "natverkstraff-5"
	r := MustRun(t, dir, args...)
	if !strings.Contains(r.stdout, "read again: its settings in impact.yaml or the flags changed") {
		t.Fatalf("another --event:\n%s", r.stdout)
	}
	events, rows, _ := storeFacts(t, dir, `SELECT count(DISTINCT event), count(*) FROM attendance WHERE event IN ('natverkstraff-4', 'natverkstraff-5')`)
	if events != 1 || rows != 2 {
		t.Fatalf("after another --event: %d events, %d rows; want the 2 rows under the new event only", events, rows)
	}
}

func TestIngestMissingFileOnTheCommandLine(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "boden")
	MustRun(t, root, "init", "--example", dir)
	r := run(t, dir, "ingest", "data/new.csv", "--kind", "attendance", "--event", "meetup-4", "--event-kind", "meetup", "--date", "2025-06-01", "--lang", "en")
	if r.code != 2 || !strings.Contains(r.stderr, "data/new.csv: no such file") || !strings.Contains(r.stderr, "command line") || strings.Contains(r.stderr, "impact.yaml") {
		t.Errorf("a missing file named on the command line: exit %d\n%s", r.code, r.stderr)
	}
}
