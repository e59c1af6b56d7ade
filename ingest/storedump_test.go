package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// storeDumpDir holds the stored tables as the ingest of the example and of
// the fixtures left them, one TSV file per table, written by the ingest
// before survey answers were stored one row per questionnaire line. The
// stored form may change; what a reader of the tables sees may not.
const storeDumpDir = "../testdata/storedump"

// dumpedTables are the tables whose rows TestStoredTablesUnchanged
// compares: the ingest log, every data table and the rejects. The notes
// are left out: their words change with the catalogues, not with how
// rows are stored.
var dumpedTables = store.StoredTables()

// dumpSkipped are the columns left out of a dump because they differ from
// run to run, not with what was ingested.
var dumpSkipped = []string{"ingested_at"}

// dumpExtraSources are survey files beside the committed fixtures: a long
// form with an unanswered item, and a wide file whose items are not in
// the instrument's order and leave one unanswered.
const dumpExtraSources = `  - {file: data/forms-swemwbs.xlsx, kind: responses, wave: pre, event: {id: dag-1, kind: impact_day}}
  - {file: data/google-forms-grid.csv, kind: responses, wave: post, event: {id: dag-2, kind: impact_day}}
  - {file: data/kobo-semicolon.csv, kind: responses, wave: followup, event: {id: dag-3, kind: impact_day}}
  - {file: data/jobbtro-long.csv, kind: responses, event: {id: dag-4, kind: impact_day, date: 2025-04-02}}
  - {file: data/jobbtro-wide.csv, kind: responses, wave: post, event: {id: dag-5, kind: impact_day, date: 2025-05-02}}
`

var dumpExtraFiles = map[string][]byte{
	"data/jobbtro-long.csv": []byte("participant,wave,item,value\n" +
		"BD-0001,pre,jt1,3\nBD-0001,pre,jt2,\nBD-0001,pre,jt3,4\n" +
		"BD-0002,pre,jt2,5\nBD-0002,pre,jt1,1\nBD-0002,post,jt3,2\n"),
	"data/jobbtro-wide.csv": []byte("participant;jt3;jt1;jt2\nBD-0001;4;2;\nBD-0002;1;5;3\nBD-0003;;;\n"),
}

// storeDumps ingests the example project and the fixtures into fresh
// stores, with a fixed secret and clock, and returns each store's dump by
// name (example, fixtures) and table.
func storeDumps(t *testing.T) map[string]map[string]string {
	t.Helper()
	dumps := map[string]map[string]string{}

	dumps["example"] = dumpStore(t, exampleProject(t))

	files := fixtureFiles(t)
	for name, data := range dumpExtraFiles {
		files[name] = data
	}
	dumps["fixtures"] = dumpStore(t, MustProject(t, fixtureSources+dumpExtraSources, files))
	return dumps
}

// dumpStore ingests every source of a project and dumps its tables.
func dumpStore(t *testing.T, p *impact.Project) map[string]string {
	t.Helper()
	db := MustOpen(t, p)
	MustIngest(t, p, db)
	tables := map[string]string{}
	for _, table := range dumpedTables {
		dump, err := db.DumpTable(context.Background(), table, dumpSkipped...)
		if err != nil {
			t.Fatal(err)
		}
		tables[table] = dump
	}
	return tables
}

// TestStoredTablesUnchanged ingests the example project and the fixtures
// and compares every stored table, row for row, with the dumps committed
// under testdata/storedump: a change of how ingest stores its rows must
// leave what the tables hold as it was. -update writes the dumps.
func TestStoredTablesUnchanged(t *testing.T) {
	for name, tables := range storeDumps(t) {
		for table, got := range tables {
			path := filepath.Join(storeDumpDir, name, table+".tsv")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test ./ingest -run TestStoredTablesUnchanged -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: table %s differs from %s:\n%s", name, table, path, firstDifference(got, string(want)))
			}
		}
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d (%d lines, want %d):\n got  %s\n want %s", i+1, len(g), len(w), gl, wl)
		}
	}
	return "same lines"
}
