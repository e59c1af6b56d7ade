package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// surveyProject is a project that never declares SWEMWBS: a file with its
// statements uses the built-in.
const surveyProject = `version: 1
project: {id: survey-test, name: Test, period: {start: 2024-11-01, end: 2025-11-30}, language: en}
sources:
  - {file: data/forms-swemwbs.xlsx, kind: responses, wave: pre, event: {id: dag-1, kind: impact_day}}
  - {file: data/google-forms-grid.csv, kind: responses, wave: post, event: {id: dag-2, kind: impact_day}}
  - {file: data/kobo-semicolon.csv, kind: responses, wave: followup, event: {id: dag-3, kind: impact_day}}
`

// TestSurveyExportsAsTheyCome loads a Microsoft Forms XLSX, a Google Forms
// CSV with a grid and a KoboToolbox CSV with ';' with no columns: entry,
// and checks the figures against a hand computation: the three
// respondents' raw SWEMWBS sums are 4+3+2+4+5+3+4 = 25, 1+2+3+3+2+1+2 = 14
// and 5+4+4+5+4+4+5 = 31 in every file.
func TestSurveyExportsAsTheyCome(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "impact.yaml", surveyProject)
	for _, name := range []string{"forms-swemwbs.xlsx", "google-forms-grid.csv", "kobo-semicolon.csv"} {
		data, err := os.ReadFile(filepath.Join(fixtureDir, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, "data/"+name, string(data))
	}
	p := mustLoad(t, dir)
	db := MustOpen(t, p)
	results := MustIngest(t, p, db)
	for _, res := range results {
		if got, want := res.Loaded, int64(3); got != want {
			t.Errorf("%s: loaded %d rows, want %d", res.File, got, want)
		}
		// One answers row per line, each with its seven items.
		if got, want := res.Stored, int64(3); got != want {
			t.Errorf("%s: stored %d rows, want %d", res.File, got, want)
		}
	}
	if got, want := query(t, db, `SELECT count(*), sum(len("values")) FROM answers`), "9|63"; got != want {
		t.Errorf("answers rows|values = %s, want %s", got, want)
	}
	got := query(t, db, `SELECT wave, "date", sum(value), count(value) FROM responses GROUP BY wave, "date", participant ORDER BY wave, sum(value)`)
	want := strings.Join([]string{
		"followup|2025-03-12|14|7", "followup|2025-03-12|25|7", "followup|2025-03-13|31|7",
		"post|2025-03-12|14|7", "post|2025-03-12|25|7", "post|2025-03-13|31|7",
		"pre|2025-03-12|14|7", "pre|2025-03-12|25|7", "pre|2025-03-13|31|7",
	}, "\n")
	if got != want {
		t.Errorf("sums by wave:\n%s\nwant\n%s", got, want)
	}
	// The same three people in every file, however the id was typed.
	if got, want := query(t, db, `SELECT count(DISTINCT participant) FROM responses`), "3"; got != want {
		t.Errorf("people = %s, want %s", got, want)
	}
	if got, want := query(t, db, `SELECT DISTINCT item FROM responses ORDER BY item`), "swemwbs_1\nswemwbs_2\nswemwbs_3\nswemwbs_4\nswemwbs_5\nswemwbs_6\nswemwbs_7"; got != want {
		t.Errorf("items:\n%s", got)
	}
	var notes []string
	for _, res := range results {
		for _, n := range res.Notes {
			notes = append(notes, n.Format(res.File))
		}
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{
		`data/forms-swemwbs.xlsx: "Jag har känt mig användbar" → swemwbs_2`,
		`data/forms-swemwbs.xlsx: "1. Jag har känt mig optimistisk inför framtiden" → swemwbs_1`,
		`data/forms-swemwbs.xlsx: "Jag har kunnat bestämma mig i olika saker" → swemwbs_7`,
		`data/forms-swemwbs.xlsx: the submission time "Sluttid" is the date of each row`,
		`data/forms-swemwbs.xlsx: the column "E-post" of the survey tool is not loaded`,
		`data/google-forms-grid.csv: "How have you felt in the last two weeks? [I've been able to make up my mind about things]" → swemwbs_7`,
		`data/kobo-semicolon.csv: the submission time "_submission_time" is the date of each row`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %s:\n%s", want, joined)
		}
	}
}

func TestLabelOutsideListRefused(t *testing.T) {
	csv := "Tidstämpel,Deltagar-ID,Jag har känt mig användbar\n2025-03-12 14:03:11,BD-0001,Ofta\n2025-03-12 14:05:11,BD-0002,Jättebra\n"
	p := mustExportsProject(t, "", "  - {file: data/s.csv, kind: responses, wave: pre}\n", map[string]string{"data/s.csv": csv})
	p.Info.Language = "en" // the messages checked below are the English ones
	mustRefuse(t, p, "data/s.csv", `data/s.csv:3: column "Jag har känt mig användbar" (swemwbs_2): "Jättebra" is not an answer`,
		"1 Aldrig/None of the time, 2 Sällan/Rarely, 3 Ibland/Some of the time, 4 Ofta/Often, 5 Hela tiden/All of the time")
}

func TestEmailColumnWithAddressesRefused(t *testing.T) {
	csv := "Tidstämpel,E-postadress,Deltagar-ID,Jag har känt mig användbar\n2025-03-12 14:03:11,,BD-0001,Ofta\n2025-03-12 14:05:11,anna@example.se,BD-0002,Ibland\n"
	p := mustExportsProject(t, "", "  - {file: data/s.csv, kind: responses, wave: pre}\n", map[string]string{"data/s.csv": csv})
	p.Info.Language = "en" // the messages checked below are the English ones
	msg := mustRefuse(t, p, "data/s.csv", `data/s.csv:1: refused, nothing was loaded: the column "E-postadress" (e-mail addresses) holds personal data`,
		`columns: {"E-postadress": drop}`)
	if strings.Contains(msg, "anna@") {
		t.Errorf("the refusal shows the address: %s", msg)
	}
}

func TestLongFormLabels(t *testing.T) {
	csv := "deltagare;vag;fraga;svar\nBD-1;pre;swemwbs_1;Ofta\nBD-1;pre;swemwbs_2;2\nBD-1;pre;swemwbs_3;5 - Hela tiden\n"
	_, db, _ := mustIngested(t, "", "  - {file: data/l.csv, kind: responses}\n", map[string]string{"data/l.csv": csv})
	expect(t, db, `SELECT string_agg(value::VARCHAR, ',' ORDER BY item) FROM responses`, "4.0,2.0,5.0")
}

func TestGoogleTimestampWithDateFormat(t *testing.T) {
	csv := "Tidstämpel,Deltagar-ID,Jag har känt mig användbar\n12/03/2025 14:03:11,BD-0001,Ofta\n13/03/2025 09:00:00,BD-0002,2\n"
	_, db, _ := mustIngested(t, "", "  - {file: data/g.csv, kind: responses, wave: post, date_format: DD/MM/YYYY}\n", map[string]string{"data/g.csv": csv})
	expect(t, db, `SELECT string_agg("date"::VARCHAR || '=' || value::VARCHAR, ',' ORDER BY line) FROM responses`, "2025-03-12=4.0,2025-03-13=2.0")
}

// TestGoogleTimestampDayOrder: Google Forms in English writes its
// timestamps month first (12/03/2025 is 3 December), in Swedish day first.
// Without a date_format the file is refused, naming both readings of a
// date that reads either way and the one reading of a date that does not;
// with date_format: M/D/YYYY it loads month first.
func TestGoogleTimestampDayOrder(t *testing.T) {
	csv := "Timestamp,Participant ID,I've been feeling useful\n12/03/2025 14:03:11,BD-0001,Often\n3/13/2025 9:00:00,BD-0002,2\n"
	files := map[string]string{"data/g.csv": csv}
	p := mustExportsProject(t, "", "  - {file: data/g.csv, kind: responses, wave: post}\n", files)
	p.Info.Language = "en"
	mustRefuse(t, p, "data/g.csv",
		`data/g.csv:2: column "Timestamp" (date): "12/03/2025 14:03:11" may be day/month/year or month/day/year; say which with date_format: in the source entry: D/M/YYYY if the day comes first, M/D/YYYY if the month does (as Google Forms in English writes dates), or write it as YYYY-MM-DD`,
		`data/g.csv:3: column "Timestamp" (date): "3/13/2025 9:00:00" is not a date; write it as YYYY-MM-DD, such as 2025-03-12, or say how the file writes dates with date_format: M/D/YYYY in the source entry`)
	p.Info.Language = "sv"
	mustRefuse(t, p, "data/g.csv",
		`data/g.csv:2: kolumn "Timestamp" (date): "12/03/2025 14:03:11" kan vara dag/månad/år eller månad/dag/år; ange vilket med date_format: i källans post: D/M/YYYY om dagen kommer först, M/D/YYYY om månaden gör det`,
		`"3/13/2025 9:00:00" är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2025-03-12, eller ange hur filen skriver datum med date_format: M/D/YYYY i källans post`)
	p.Info.Language = "lv"
	mustRefuse(t, p, "data/g.csv",
		`"12/03/2025 14:03:11" var būt diena/mēnesis/gads vai mēnesis/diena/gads; norādiet to avota ierakstā ar date_format: D/M/YYYY, ja vispirms ir diena, M/D/YYYY, ja vispirms ir mēnesis`)
	_, db, _ := mustIngested(t, "", "  - {file: data/g.csv, kind: responses, wave: post, date_format: M/D/YYYY}\n", files)
	expect(t, db, `SELECT string_agg("date"::VARCHAR || '=' || value::VARCHAR, ',' ORDER BY line) FROM responses`, "2025-12-03=4.0,2025-03-13=2.0")
}
