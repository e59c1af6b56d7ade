package store_test

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
	"github.com/joiningforces/impact/synth"
)

// fixtureSources read the committed fixtures of testdata/ingest (files made
// the way people make them) as the ingest tests' project file does, plus a
// file with bad rows loaded with SkipInvalid, so that rejects are written.
func fixtureSources(t *testing.T, dir string) []impact.Source {
	t.Helper()
	fixtures := filepath.Join("..", "testdata", "ingest")
	names := []string{"kostnader-excel.csv", "deltagare-utf8-bom.csv", "uppfoljning-unicode.txt", "effektmatning.xlsx",
		"kolada-v2.json", "kolada-v3.json", "kolada-pages.json"}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(fixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", "fixture-"+name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := "participant;date;months_after;status\nBD-0001;2025-07-08;6;Arbete\nBD-0002;31/02/2025;6;studerar\nBD-0003;2025-07-21;sex;Arbetssökande\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "fixture-bad.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	day, err := impact.ParseDate("2025-01-22")
	if err != nil {
		t.Fatal(err)
	}
	return []impact.Source{
		{File: "data/fixture-kostnader-excel.csv", Kind: "costs", Columns: map[string]string{"Kommentar": "drop"}},
		{File: "data/fixture-deltagare-utf8-bom.csv", Kind: "participants"},
		{File: "data/fixture-uppfoljning-unicode.txt", Kind: "followups"},
		{File: "data/fixture-effektmatning.xlsx", Kind: "responses", Wave: "pre",
			Event: &impact.Event{ID: "effektmatning-1", Kind: "impact_day", Date: &day},
			Columns: map[string]string{"ID": "drop", "Starttid": "date", "Sluttid": "drop", "E-post": "drop", "Namn": "drop",
				"Fråga 1": "swemwbs_1", "Fråga 2": "swemwbs_2", "Fråga 3": "swemwbs_3", "Fråga 4": "swemwbs_4",
				"Fråga 5": "swemwbs_5", "Fråga 6": "swemwbs_6", "Fråga 7": "swemwbs_7"}},
		{File: "data/fixture-kolada-v2.json", Kind: "kpi"},
		{File: "data/fixture-kolada-v3.json", Kind: "kpi"},
		{File: "data/fixture-kolada-pages.json", Kind: "kpi"},
		{File: "data/fixture-bad.csv", Kind: "followups"},
	}
}

// ingestAll ingests the sources into a fresh store and returns its dump.
func ingestAll(t *testing.T, p *impact.Project, sources []impact.Source, path string) string {
	t.Helper()
	db := MustOpen(t, path)
	in := ingest.New(p, db, ingest.Options{Secret: []byte("paths-test-secret"), SkipInvalid: true,
		Now: func() time.Time { return day }})
	for _, src := range sources {
		if _, err := in.File(context.Background(), src); err != nil {
			t.Fatalf("ingest %s: %v", src.File, err)
		}
	}
	dump := MustDump(t, db)
	db.Close()
	return dump
}

// TestIngestSameRowsOnBothPaths ingests the bundled example and the
// fixtures once through the default write path (Arrow record batches in a
// build with the duckdb_arrow tag) and once through the DuckDB Appender,
// and compares every stored table row for row.
func TestIngestSameRowsOnBothPaths(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	sources := append(p.Sources, fixtureSources(t, dir)...)
	got := ingestAll(t, p, sources, filepath.Join(t.TempDir(), "default.duckdb"))
	store.UseAppender(t)
	want := ingestAll(t, p, sources, filepath.Join(t.TempDir(), "appender.duckdb"))
	if got != want {
		t.Fatalf("the stores differ:\n%s", firstDifference(got, want))
	}
	counts := map[string]int{}
	for _, table := range []string{"== responses", "== rejects", "== kpi", "== costs"} {
		counts[table] = tableLines(got, table)
		if counts[table] == 0 {
			t.Errorf("%s holds no rows: the comparison would prove nothing for it", table)
		}
	}
	t.Logf("rows compared: %v", counts)
}

// tableLines counts the rows of the table whose header in a dump is
// header; the line of its columns that follows is no row.
func tableLines(dump, header string) int {
	n, in, columns := 0, false, false
	for _, line := range strings.Split(dump, "\n") {
		switch {
		case strings.HasPrefix(line, "== "):
			in, columns = line == header, true
		case columns:
			columns = false
		case in && line != "":
			n++
		}
	}
	return n
}

// firstDifference shows the first line where two dumps differ.
func firstDifference(got, want string) string {
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(gotLines), len(wantLines)) {
		if gotLines[i] != wantLines[i] {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, gotLines[i], wantLines[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(gotLines), len(wantLines))
}
