package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// exportsHead is a project with activities by name, a participant-id
// pattern and a cost category of its own, as exports.md describes.
const exportsHead = `version: 1
project: {id: exports-test, name: Test, period: {start: 2024-11-01, end: 2025-11-30}}
theory_of_change:
  nodes:
    - {id: a1, level: activity, name: Nätverksträffar}
    - {id: a2, level: activity, name: Jobbmarknad}
    - {id: o1, level: output, name: Kontakter, from: [a1, a2]}
cost_categories:
  - {id: childcare, name: Barnpassning, synonyms: [barnvakt]}
instruments:
  - {id: swemwbs, builtin: swemwbs}
`

// mustExportsProject writes a project of exportsHead (plus extra YAML)
// with the files, and loads it.
func mustExportsProject(t testing.TB, extra, sources string, files map[string]string) *impact.Project {
	t.Helper()
	dir := t.TempDir()
	yaml := exportsHead + extra + "sources:\n" + sources
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		writeFile(t, dir, name, data)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	return p
}

// mustIngested makes a project of exportsHead with the files and ingests
// every source of it.
func mustIngested(t *testing.T, extra, sources string, files map[string]string) (*impact.Project, *store.DB, []ingest.Result) {
	t.Helper()
	p := mustExportsProject(t, extra, sources, files)
	db := MustOpen(t, p)
	return p, db, MustIngest(t, p, db)
}

// expect compares the answer of a query with what a hand computation gives.
func expect(t *testing.T, db *store.DB, q, want string) {
	t.Helper()
	if got := query(t, db, q); got != want {
		t.Errorf("%s:\n%s\nwant\n%s", q, got, want)
	}
}

// mustRefuse ingests a source that must be refused with EDATA, checks the
// message holds every want, and that the store is unchanged.
func mustRefuse(t *testing.T, p *impact.Project, file string, want ...string) string {
	t.Helper()
	db := MustOpen(t, p)
	before := MustDump(t, db)
	_, err := ingestFile(t, p, db, source(t, p, file), ingest.Options{})
	var e *impact.Error
	if !errors.As(err, &e) || e.Code != impact.EDATA {
		t.Fatalf("ingest %s: got %v, want a refusal", file, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message lacks %q:\n%s", w, err)
		}
	}
	if after := MustDump(t, db); after != before {
		t.Errorf("a refused file changed the store")
	}
	return err.Error()
}

func TestSummaryRows(t *testing.T) {
	// A typed attendance list: 5 rows of data, a Summa row, a blank row
	// and a Totalt: row, as the list ended.
	csv := "Deltagare;Datum;Nya kontakter;Roll\n" +
		"ES-001;2025-03-12;2;deltagare\n" +
		"ES-002;2025-03-12;3;deltagare\n" +
		"ES-003;2025-03-12;1;deltagare\n" +
		"ES-004;2025-03-12;4;deltagare\n" +
		"ES-005;2025-03-12;3;deltagare\n" +
		"Summa;;13;\n" +
		";;;\n" +
		"Totalt:;5;;\n"
	_, db, results := mustIngested(t, "", "  - {file: data/n.csv, kind: attendance, event: {id: m1, kind: meetup}}\n", map[string]string{"data/n.csv": csv})
	res := results[0]
	if got, want := res.Loaded, int64(5); got != want {
		t.Fatalf("loaded %d rows, want %d", got, want)
	}
	// The hand computation: (2+3+1+4+3)/5 = 2.6 new contacts, 5 people.
	if got, want := query(t, db, `SELECT avg(new_contacts), count(DISTINCT participant) FROM attendance`), "2.6|5"; got != want {
		t.Errorf("mean new contacts and people = %s, want %s", got, want)
	}
	var notes []string
	for _, n := range res.Notes {
		notes = append(notes, n.Format(res.File))
	}
	joined := strings.Join(notes, "\n")
	// The project's language is Swedish (the default), and so are its notes.
	for _, want := range []string{`data/n.csv:7: en summeringsrad ("Summa") lästes inte in`, `data/n.csv:9: en summeringsrad ("Totalt:") lästes inte in`} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %q:\n%s", want, joined)
		}
	}
}

// TestNotesInTheReadersLanguage: the notes of a Swedish run are kept as
// their messages, so that the store gives them back as the run said them
// and the quality report says them in its own language, the register's
// attribute words too; a note an older impact kept as plain text is shown
// as written.
func TestNotesInTheReadersLanguage(t *testing.T) {
	csv := "Deltagare;Datum;Kön\nES-001;2025-03-12;kvinna\nES-002;2025-03-12;man\nSumma;;\n"
	_, db, results := mustIngested(t, "", "  - {file: data/n.csv, kind: attendance, event: {id: m1, kind: meetup}}\n", map[string]string{"data/n.csv": csv})
	notes, err := db.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var run, en, lv []string
	for _, n := range notes {
		row := impact.NoteRow{Line: n.Line, Note: n.Note, Said: n.Said}
		if n.Said == nil {
			t.Errorf("note %q was kept as plain text", n.Note)
		}
		run = append(run, row.Format(results[0].File))
		en = append(en, row.FormatIn("en", results[0].File))
		lv = append(lv, row.FormatIn("lv", results[0].File))
	}
	for _, tc := range []struct {
		lang  string
		notes []string
		want  []string
	}{
		{"sv", run, []string{`data/n.csv:4: en summeringsrad ("Summa") lästes inte in`, "data/n.csv: 2 personer fick sitt värde för kön i deltagarregistret"}},
		{"en", en, []string{`data/n.csv:4: a summary row ("Summa") was not loaded`, "data/n.csv: 2 people got their gender in the participant register"}},
		{"lv", lv, []string{`data/n.csv:4: kopsummas rinda ("Summa") netika ielādēta`, "ierakstīta vērtība laukam dzimums (personu skaits: 2)"}},
	} {
		joined := strings.Join(tc.notes, "\n")
		for _, want := range tc.want {
			if !strings.Contains(joined, want) {
				t.Errorf("the notes in %s lack %q:\n%s", tc.lang, want, joined)
			}
		}
	}
	old := impact.NoteRow{Line: 3, Note: "en summeringsrad (\"Summa\") lästes inte in: summor är inte data"}
	if got, want := old.FormatIn("en", "data/old.csv"), "data/old.csv:3: "+old.Note; got != want {
		t.Errorf("a plain note reads %q, want %q", got, want)
	}
}

func TestIDSpellingsOnePerson(t *testing.T) {
	csv := "participant,date,status\nES-012,2025-06-01,arbetar\nes 012,2025-07-01,studerar\nEs012,2025-08-01,söker arbete\nES_013,2025-08-01,i arbete\n"
	_, db, _ := mustIngested(t, "participant_id: {pattern: 'ES\\d{3}'}\n", "  - {file: data/f.csv, kind: followups}\n", map[string]string{"data/f.csv": csv})
	// Three spellings of one id, and another id: two people.
	expect(t, db, `SELECT count(DISTINCT participant) FROM followups`, "2")
	expect(t, db, `SELECT string_agg(status, ',' ORDER BY line) FROM followups`, "employed,studying,job_seeking,employed")
}

func TestIDPatternRefusal(t *testing.T) {
	csv := "participant,date,status\nES-012,2025-06-01,arbetar\n12,2025-07-01,studerar\n"
	p := mustExportsProject(t, "participant_id: {pattern: 'ES\\d{3}'}\n", "  - {file: data/f.csv, kind: followups}\n", map[string]string{"data/f.csv": csv})
	p.Info.Language = "en" // the messages checked below are the English ones
	msg := mustRefuse(t, p, "data/f.csv", `data/f.csv:3: column "participant": the value does not match the project's participant-id pattern ES\d{3}`)
	if strings.Contains(msg, `"12"`) {
		t.Errorf("the refusal shows the id: %s", msg)
	}
}

func TestCostsAsPeopleWriteThem(t *testing.T) {
	csv := "Datum;Aktivitet;Kategori;Timmar (h);Pris/timme;Belopp (kr);Typ\n" +
		"2025-03-01;Nätverksträffar;Lön;10;500;;Utfall\n" +
		"2025-03-02;natverks-traffar;Lokalhyra;;;2 500;utfall\n" +
		"2025-03-03;a2;Fika;;;1 200,50;Budget\n" +
		"2025-03-04;Jobbmarknad;Barnvakt;;;800;faktisk\n" +
		"2025-03-05;JOBBMARKNAD;Annonsering;;;300;budgeterad\n"
	_, db, _ := mustIngested(t, "", "  - {file: data/k.csv, kind: costs}\n", map[string]string{"data/k.csv": csv})
	expect(t, db, `SELECT activity, category, amount, kind FROM costs ORDER BY line`,
		"a1|staff|5000|actual\na1|venue|2500|actual\na2|catering|1200.5|budget\na2|childcare|800|actual\na2|marketing|300|budget")
}

func TestUnknownActivityRefused(t *testing.T) {
	csv := "Aktivitet;Belopp;Typ\nNätverksträffar;100;utfall\nMentorskap;200;utfall\n"
	p := mustExportsProject(t, "", "  - {file: data/k.csv, kind: costs}\n", map[string]string{"data/k.csv": csv})
	p.Info.Language = "en" // the messages checked below are the English ones
	mustRefuse(t, p, "data/k.csv", `data/k.csv:3: column "Aktivitet" (activity): "Mentorskap" is not an activity of the theory of change`,
		"a1 (Nätverksträffar), a2 (Jobbmarknad)")
}

func TestCurrencyInHeaderRefused(t *testing.T) {
	csv := "Aktivitet;Belopp (EUR);Typ\na1;100;utfall\n"
	p := mustExportsProject(t, "", "  - {file: data/k.csv, kind: costs}\n", map[string]string{"data/k.csv": csv})
	p.Info.Language = "en" // the message checked below is the English one
	mustRefuse(t, p, "data/k.csv", `the column "Belopp (EUR)" is in EUR but the project's currency is SEK`)
}

func TestNoDropProposedForAKnownColumn(t *testing.T) {
	csv := "Aktivitet;Kostnad, SEK;Typ;Kommentar\na1;100;utfall;hyra\n"
	p := mustExportsProject(t, "", "  - {file: data/k.csv, kind: costs}\n", map[string]string{"data/k.csv": csv})
	p.Info.Language = "en" // the message checked below is the English one
	msg := mustRefuse(t, p, "data/k.csv", `the column "Kommentar" is not a column of costs`)
	if strings.Contains(msg, `"Kostnad, SEK": drop`) || strings.Contains(msg, `"Kostnad, SEK" is not`) {
		t.Errorf("the message proposes to drop the amounts: %s", msg)
	}
}

func TestExcelDateTimeNeverPersonnummer(t *testing.T) {
	// 46303.5105208333 is an Excel date-time (2026-10-08 12:15): the digits
	// after the point pass the date and Luhn checks of a personnummer.
	csv := "participant,date,months_after,status\nES-001,46303.5105208333,6,arbetar\n"
	p := mustExportsProject(t, "", "  - {file: data/f.csv, kind: followups}\n  - {file: data/g.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-03-01}}\n  - {file: data/h.csv, kind: attendance, event: {id: m2, kind: meetup, date: 2025-03-01}}\n  - {file: data/i.csv, kind: attendance, event: {id: m3, kind: meetup, date: 2025-03-01}}\n",
		map[string]string{"data/f.csv": csv,
			"data/g.csv": "participant,role\nES-002,46303.5105208333\n",
			"data/h.csv": "participant,role\nES-003,510520-8333\n",
			"data/i.csv": "participant,new_contacts\nES-004,198503121231\n"})
	p.Info.Language = "en" // the messages checked below are the English ones
	db := MustOpen(t, p)
	for _, file := range []string{"data/f.csv", "data/g.csv"} {
		if _, err := ingestFile(t, p, db, source(t, p, file), ingest.Options{}); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	if got, want := query(t, db, `SELECT "date" FROM followups`), "2026-10-08"; got != want {
		t.Errorf("date = %s, want %s", got, want)
	}
	// The same digits in the shape of a personnummer are still refused.
	mustRefuse(t, p, "data/h.csv", "looks like Swedish personal identity numbers")
	// So is a bare personnummer in a numeric column: no count is written so.
	mustRefuse(t, p, "data/i.csv", "looks like Swedish personal identity numbers")
}

// mustLoad loads the project in dir.
func mustLoad(t testing.TB, dir string) *impact.Project {
	t.Helper()
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	return p
}

func TestRegisterAttributesFromAList(t *testing.T) {
	register := "Deltagar-ID;Målgrupp;Kön\nBD-1;unga_vuxna;Kvinna\nBD-2;medfoljande;\n"
	list := "Deltagare;Kön;Målgrupp;Nya kontakter\nBD-1;Man;unga_vuxna;2\nBD-2;Kvinna;medfoljande;1\nBD-3;K;unga_vuxna;4\nBD-1;;;1\n"
	p := mustExportsProject(t, "", "  - {file: data/reg.csv, kind: participants}\n  - {file: data/list.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-03-01}}\n",
		map[string]string{"data/reg.csv": register, "data/list.csv": list})
	db := MustOpen(t, p)
	results := MustIngest(t, p, db)
	// The register keeps BD-1's Kvinna; BD-2 gets the list's gender; BD-3,
	// unknown to the register, gets a register row from the list's line 4.
	got := query(t, db, `SELECT s.kind, r.line, r.target_group, r.gender FROM participants r JOIN sources s ON s.id = r.source_id ORDER BY s.kind DESC, r.line`)
	want := "participants|2|unga_vuxna|female\nparticipants|3|medfoljande|unknown\nattendance|3|NULL|female\nattendance|4|unga_vuxna|female"
	if got != want {
		t.Errorf("register rows:\n%s\nwant\n%s", got, want)
	}
	var notes []string
	for _, n := range results[1].Notes {
		notes = append(notes, n.Format(results[1].File))
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"data/list.csv:2: deltagarregistret har ett annat värde för kön för den här personen; registrets värde gäller",
		"data/list.csv: 2 personer fick sitt värde för kön i deltagarregistret"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %q:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "BD-") {
		t.Errorf("a note shows a raw id:\n%s", joined)
	}
	q, err := metrics.Quality(context.Background(), db, p, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.PossibleDuplicates, 0; got != want {
		t.Errorf("possible duplicates = %d, want %d", got, want)
	}
	if got, want := q.WithoutAttributes, 0; got != want {
		t.Errorf("without attributes = %d, want %d", got, want)
	}
	var listed []string
	for _, src := range q.Sources {
		for _, n := range src.Notes {
			listed = append(listed, n.Format(src.Path))
		}
	}
	if got := strings.Join(listed, "\n"); !strings.Contains(got, "data/list.csv:2: deltagarregistret har ett annat värde") {
		t.Errorf("the data-quality notes lack the conflict:\n%s", got)
	}
	// Reading the list again replaces its register rows: no duplicates.
	writeFile(t, p.Dir, "data/list.csv", list+"BD-4;M;medfoljande;0\n")
	if _, err := ingestFile(t, p, db, source(t, p, "data/list.csv"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := query(t, db, `SELECT count(*) FROM participants WHERE source_id = (SELECT id FROM sources WHERE path = 'data/list.csv')`), "3"; got != want {
		t.Errorf("register rows of the list after a reload = %s, want %s", got, want)
	}
}
