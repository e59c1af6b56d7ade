package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryLanguage runs the example project in each language, by --lang
// and by the project's language:, and checks that an ingest error, a lint
// finding, the goal table, the help, the help of one command and a usage
// error all come in that language.
func TestEveryLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the example project")
	}
	type want struct {
		ingest, cell, lint, lintCount, goals, status, help string
		// commandHelp and flagHelp are in impact help ingest; usage is
		// the error of a flag ingest does not have.
		commandHelp, flagHelp, usage string
		// unknown is the refusal of a file named on the command line with
		// a column of no kind: it says how to add a source entry.
		unknown string
		// projectKey and projectRef are the project file's problems of an
		// unknown key and of an indicator's unknown node; kolada is the
		// refusal of a Kolada answer of another shape.
		projectKey, projectRef, kolada string
	}
	cases := map[string]want{
		"en": {"data/extra.csv: refused, nothing was loaded: 1 row is invalid", `data/extra.csv:3: column "date": "31/02/2025" is not a date; write it as YYYY-MM-DD`,
			"warning A003 [indicator medfoljande_work_3m]: with the", "0 errors, ", "Goals of boden-2025 as of 2025-03-01", "INDICATOR", "Commands:",
			"Usage: impact ingest [FILE…]", "load the valid rows and keep the invalid ones in the rejects table", "impact ingest: there is no flag --bogus; run impact help ingest",
			`data/extra2.csv:1: refused, nothing was loaded: the column "Kommentar" is not a column of followups, and the file has no entry under sources: in impact.yaml to map it`,
			`unknown key "colour" in project; `, `.node: no node is called "nosuch"; known: `,
			`data/k.json: refused, nothing was loaded: page 2 has no "values"; a Kolada answer is {"values": [...], "count": N}, download it again from the Kolada API`},
		"sv": {"data/extra.csv: avvisad, inget lästes in: 1 rad är ogiltig", `data/extra.csv:3: kolumn "date": "31/02/2025" är inget datum; skriv det som ÅÅÅÅ-MM-DD`,
			"varning A003 [indikator medfoljande_work_3m]: med ", "0 fel, ", "Målen för boden-2025 per 2025-03-01", "INDIKATOR", "Kommandon:",
			"Användning: impact ingest [FIL…]", "läs in de giltiga raderna och spara de ogiltiga i tabellen rejects", "impact ingest: det finns ingen flagga --bogus; kör impact help ingest",
			`data/extra2.csv:1: avvisad, inget lästes in: kolumnen "Kommentar" är ingen kolumn i followups, och filen har ingen post under sources: i impact.yaml som mappar den`,
			`okänd nyckel "colour" i project; `, `.node: nod "nosuch" finns inte; kända: `,
			`data/k.json: avvisad, inget lästes in: sida 2 saknar "values"; ett svar från Kolada är {"values": [...], "count": N}, ladda ner det igen från Koladas API`},
		"lv": {"data/extra.csv: noraidīts, nekas netika ielādēts: 1 rinda nav derīga", `data/extra.csv:3: kolonna "date": "31/02/2025" nav datums; rakstiet to formā GGGG-MM-DD`,
			"brīdinājums A003 [rādītājs medfoljande_work_3m]: ar ", "0 kļūdu, ", "Projekta boden-2025 mērķi uz 2025-03-01", "RĀDĪTĀJS", "Komandas:",
			"Lietošana: impact ingest [FAILS…]", "ielādēt derīgās rindas un nederīgās saglabāt tabulā rejects", "impact ingest: karodziņa --bogus nav; palaidiet impact help ingest",
			`data/extra2.csv:1: noraidīts, nekas netika ielādēts: kolonna "Kommentar" nav followups kolonna, un impact.yaml sadaļā sources: failam nav ieraksta, kurā to norādīt`,
			`nezināma atslēga "colour" sadaļā project; `, `.node: mezgls "nosuch" neeksistē; zināmie: `,
			`data/k.json: noraidīts, nekas netika ielādēts: 2. lapā nav "values"; Kolada atbilde ir {"values": [...], "count": N}, lejupielādējiet to vēlreiz no Kolada API`},
	}
	dir := exampleProject(t)
	MustRun(t, dir, "ingest")
	writeData(t, dir, "data/extra.csv", "participant,date,months_after,status\nBD-0001,2025-07-01,6,arbete\nBD-0002,31/02/2025,6,arbete\n")
	writeData(t, dir, "data/k.json", `{"kpi": "N00914"}`+"\n"+`{"rows": []}`)
	writeData(t, dir, "data/extra2.csv", "participant,date,months_after,status,Kommentar\nBD-0001,2025-07-01,6,arbete,ok\n")
	check := func(t *testing.T, w want, lang ...string) {
		r := run(t, dir, append([]string{"ingest", "data/extra.csv", "--kind", "followups"}, lang...)...)
		if r.code != 3 {
			t.Fatalf("ingest: exit %d, want 3: %s", r.code, r.stderr)
		}
		for _, s := range []string{w.ingest, w.cell} {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("the ingest error lacks %q:\n%s", s, r.stderr)
			}
		}
		r = run(t, dir, append([]string{"ingest", "data/extra2.csv", "--kind", "followups"}, lang...)...)
		paste := `- {file: data/extra2.csv, kind: followups, columns: {"Kommentar": drop}}`
		if r.code != 3 || !strings.Contains(r.stderr, w.unknown) || !strings.Contains(r.stderr, paste) {
			t.Errorf("ingest of an unknown column: exit %d, want 3 with %q and %q:\n%s", r.code, w.unknown, paste, r.stderr)
		}
		r = MustRun(t, dir, append([]string{"lint"}, lang...)...)
		for _, s := range []string{w.lint, w.lintCount} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("the lint lacks %q:\n%s", s, r.stdout)
			}
		}
		r = MustRun(t, dir, append([]string{"evaluate"}, lang...)...)
		for _, s := range []string{w.goals, w.status} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("the goal table lacks %q:\n%s", s, r.stdout)
			}
		}
		if r := MustRun(t, dir, append([]string{"help"}, lang...)...); !strings.Contains(r.stdout, w.help) {
			t.Errorf("the help lacks %q:\n%s", w.help, r.stdout)
		}
		for _, args := range [][]string{{"help", "ingest"}, {"ingest", "--help"}} {
			r := MustRun(t, dir, append(args, lang...)...)
			for _, s := range []string{w.commandHelp, w.flagHelp} {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("impact %s lacks %q:\n%s", strings.Join(args, " "), s, r.stdout)
				}
			}
		}
		r = run(t, dir, append([]string{"ingest", "--bogus"}, lang...)...)
		if r.code != 2 || !strings.Contains(r.stderr, w.usage) {
			t.Errorf("ingest --bogus: exit %d, want 2 and %q:\n%s", r.code, w.usage, r.stderr)
		}
		r = run(t, dir, append([]string{"ingest", "data/k.json", "--kind", "kpi"}, lang...)...)
		if r.code != 3 || !strings.Contains(r.stderr, w.kolada) {
			t.Errorf("ingest of a Kolada answer of another shape: exit %d, want 3 and %q:\n%s", r.code, w.kolada, r.stderr)
		}
		checkProjectFile(t, dir, w.projectKey, w.projectRef, lang...)
	}
	for _, lang := range []string{"en", "sv", "lv"} {
		t.Run("--lang "+lang, func(t *testing.T) { check(t, cases[lang], "--lang", lang) })
	}
	// The project's language: is the default; a regional tag finds its
	// language.
	file := filepath.Join(dir, "impact.yaml")
	yaml, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"lv", "en"} {
		t.Run("language: "+lang, func(t *testing.T) {
			changed := strings.Replace(string(yaml), "\n  language: sv", "\n  language: "+lang, 1)
			if changed == string(yaml) {
				t.Fatal("the example has no language: sv")
			}
			if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			check(t, cases[lang])
		})
	}
	if r := run(t, dir, "lint", "--lang", "de"); r.code != 2 || !strings.Contains(r.stderr, `the language "de" is not known; use en, lv, sv`) {
		t.Errorf("--lang de: exit %d: %s", r.code, r.stderr)
	}
	if r := MustRun(t, dir, "lint", "--lang", "sv-FI"); !strings.Contains(r.stdout, "varning A003") {
		t.Errorf("--lang sv-FI is not Swedish:\n%s", r.stdout)
	}
}

// checkProjectFile breaks a copy of the project file in dir, by an
// unknown key and by an indicator's unknown node, and checks that lint says
// each at its line in the language of lang (--lang, or the file's).
func checkProjectFile(t *testing.T, dir, unknownKey, unknownRef string, lang ...string) {
	t.Helper()
	yaml, err := os.ReadFile(filepath.Join(dir, "impact.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ old, new, want string }{
		{"\n  language: ", "\n  colour: red\n  language: ", unknownKey},
		{"\n    node: ", "\n    node: nosuch\n    # node: ", unknownRef},
	} {
		broken := strings.Replace(string(yaml), tc.old, tc.new, 1)
		copyDir := t.TempDir()
		if err := os.WriteFile(filepath.Join(copyDir, "impact.yaml"), []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		line := strings.Count(broken[:strings.Index(broken, tc.new)+1], "\n") + 1
		at := filepath.Join(copyDir, "impact.yaml") + ":" + strconv.Itoa(line) + ":"
		r := run(t, dir, append([]string{"lint", "--project", copyDir}, lang...)...)
		if r.code != 2 || !strings.Contains(r.stderr, at) || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("lint of a broken project file: exit %d, want 2 and %q at %s:\n%s", r.code, tc.want, at, r.stderr)
		}
	}
}

// TestInitEveryLanguage checks that impact init writes its summary and the
// comments of the project file in the language asked for, and that the
// file it writes loads and passes the lint's errors in each.
func TestInitEveryLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, made, comment, cannot string
	}{
		{"en", "Made a new project in", "# Fill in what is missing, then run:", "cannot make the project folder "},
		{"sv", "Gjorde ett nytt projekt i", "# Fyll i det som saknas och kör sedan:", "kan inte skapa projektmappen "},
		{"lv", "Izveidots jauns projekts mapē", "# Aizpildiet trūkstošo un pēc tam palaidiet:", "nevar izveidot projekta mapi "},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "Liepājas projekts")
			r := MustRun(t, t.TempDir(), "init", dir, "--lang", tc.lang)
			if !strings.Contains(r.stdout, tc.made) {
				t.Errorf("init says:\n%s\nwant %q", r.stdout, tc.made)
			}
			yaml, err := os.ReadFile(filepath.Join(dir, "impact.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(yaml), tc.comment) || !strings.Contains(string(yaml), "\n  language: "+tc.lang+" ") {
				t.Errorf("impact.yaml is not commented in %s:\n%s", tc.lang, yaml)
			}
			MustRun(t, dir, "lint")
			// A folder that cannot be made, inside a file, is said in the
			// language of the new project.
			r = run(t, t.TempDir(), "init", filepath.Join(dir, "impact.yaml", "sub"), "--lang", tc.lang)
			if r.code != 2 || !strings.Contains(r.stderr, tc.cannot) {
				t.Errorf("init inside a file: exit %d, want 2 and %q:\n%s", r.code, tc.cannot, r.stderr)
			}
		})
	}
}

// TestQualityNotesInTheReportsLanguage ingests the Swedish example and
// writes its data-quality report in each language: ingest's notes (the
// summary row, the survey tool's empty columns) are said in the report's
// language, not in the language the ingest ran in.
func TestQualityNotesInTheReportsLanguage(t *testing.T) {
	dir := exampleProject(t)
	MustRun(t, dir, "ingest")
	want := map[string][2]string{
		"sv": {`data/natverkstraff-2-februari.csv:84: en summeringsrad ("Summa") lästes inte in`, `enkätverktygets kolumn "E-post" lästes inte in`},
		"en": {`data/natverkstraff-2-februari.csv:84: a summary row ("Summa") was not loaded`, `the column "E-post" of the survey tool is not loaded`},
	}
	for lang, w := range want {
		out := filepath.Join(dir, "quality."+lang+".md")
		MustRun(t, dir, "report", "quality", "--format", "md", "--lang", lang, "--out", out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range w {
			if !strings.Contains(string(data), s) {
				t.Errorf("%s: the quality report lacks the note %q", lang, s)
			}
		}
	}
	en, err := os.ReadFile(filepath.Join(dir, "quality.en.md"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(en), "lästes inte in") {
		t.Error("the English quality report still says a note in Swedish")
	}
}
