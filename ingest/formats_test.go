package ingest_test

import (
	"strings"
	"testing"

	"github.com/joiningforces/impact/ingest"
)

// TestFixtures ingests a file of every dialect people make and checks what
// the store holds.
func TestFixtures(t *testing.T) {
	p := MustProject(t, fixtureSources, fixtureFiles(t))
	db := MustOpen(t, p)
	results := MustIngest(t, p, db)
	formats := map[string]string{}
	for _, r := range results {
		formats[r.File] = r.Format
		if r.Rejected != 0 || r.Read != r.Loaded {
			t.Errorf("%s: read %d, loaded %d, rejected %d", r.File, r.Read, r.Loaded, r.Rejected)
		}
	}
	for file, want := range map[string]string{
		"data/kostnader-excel.csv":     "CSV: Windows-1252, separated by ';', decimal comma",
		"data/deltagare-utf8-bom.csv":  "CSV: UTF-8 with BOM, separated by ';', decimal comma",
		"data/uppfoljning-unicode.txt": "CSV: UTF-16 LE, separated by tabs, decimal comma",
		"data/effektmatning.xlsx":      "XLSX, sheet Form1",
		"data/kolada-v2.json":          "Kolada JSON",
	} {
		if got := formats[file]; got != want {
			t.Errorf("%s read as %q, want %q", file, got, want)
		}
	}
	pseudonym := ingest.NewPseudonymiser(secret)
	bd1, bd2 := pseudonym.Pseudonym("BD-0001"), pseudonym.Pseudonym("BD-0002")
	for _, tc := range []struct{ name, query, want string }{
		{"costs: decimal commas, thousands, amount = hours × rate, Swedish words",
			"SELECT date, category, hours, rate, amount, kind, line FROM costs ORDER BY line",
			"2025-01-22|staff|28|650|18200|actual|2\n2025-02-20|venue|NULL|NULL|6500|actual|3\n" +
				"2024-11-01|staff|140|452.5|63350|budget|4\n2025-03-14|material|NULL|NULL|12400|actual|5"},
		{"participants: genders in Swedish, a date with a time, an empty birth year",
			"SELECT target_group, gender, birth_year, cohort, start_date FROM participants ORDER BY line",
			"unga_vuxna|female|1999|Höst 2024|2024-11-04\nmedfoljande|male|1987|Höst 2024|2024-11-04\n" +
				"unga_vuxna|unknown|2003|Vår 2025|2025-01-13\nunga_vuxna|other|NULL|Vår 2025|2025-02-03\n" +
				"medfoljande|unknown|1990|Vår 2025|2025-02-03"},
		{"one pseudonym per person across files, whatever the case and spaces",
			"SELECT count(DISTINCT participant) FROM (SELECT participant FROM participants UNION ALL SELECT participant FROM followups UNION ALL SELECT participant FROM responses)",
			"5"},
		{"the same person",
			"SELECT printf('%016x', participant) FROM participants WHERE line IN (2, 3) ORDER BY line",
			bd1 + "\n" + bd2},
		{"follow-ups: UTF-16, Swedish statuses",
			"SELECT date, months_after, status FROM followups ORDER BY line",
			"2025-07-08|6|employed\n2025-07-10|6|studying\n2025-07-21|6|job_seeking\n2025-07-21|6|internship"},
		{"responses: melted from wide, Excel dates, the unanswered item NULL, empty rows skipped",
			"SELECT line, count(*), count(value), min(date), any_value(event), any_value(wave) FROM responses GROUP BY line ORDER BY line",
			"2|7|7|2025-01-22|effektmatning-1|pre\n3|7|6|2025-01-22|effektmatning-1|pre\n4|7|7|2025-01-22|effektmatning-1|pre"},
		{"responses: one answer",
			"SELECT item, value FROM responses WHERE line = 3 AND item IN ('swemwbs_1', 'swemwbs_3') ORDER BY item",
			"swemwbs_1|2\nswemwbs_3|NULL"},
		{"kpi: v2, v3 and concatenated pages, null kept, period as a string, the whole country",
			"SELECT municipality, period, gender, value FROM kpi ORDER BY period, municipality, gender",
			"0000|2022|T|7.8\n2582|2022|T|10.4\n0000|2023|T|8.4\n2582|2023|K|9.6\n2582|2023|M|NULL\n2582|2023|T|10.9\n2582|2024|K|NULL\n2582|2024|T|12.3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := query(t, db, tc.query); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestIdempotent: the same content again is a no-op; changed content at the
// same path replaces the earlier rows in one transaction.
func TestIdempotent(t *testing.T) {
	p := MustProject(t, "  - {file: data/lista.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-02-20}}\n",
		map[string][]byte{"data/lista.csv": []byte("Deltagare,Nya kontakter\nBD-1,2\nBD-2,3\n")})
	db := MustOpen(t, p)
	first := MustIngest(t, p, db)[0]
	before := MustDump(t, db)
	again := MustIngest(t, p, db)[0]
	if !again.Skipped || again.Loaded != first.Loaded {
		t.Fatalf("second ingest: %+v, want skipped with the same counts", again)
	}
	if got := MustDump(t, db); got != before {
		t.Fatalf("a skipped ingest changed the store")
	}
	writeFile(t, p.Dir, "data/lista.csv", "Deltagare,Nya kontakter\nBD-1,2\nBD-2,4\nBD-3,1\n")
	third := MustIngest(t, p, db)[0]
	if third.Skipped || !third.Replaced || third.Loaded != 3 {
		t.Fatalf("changed file: %+v, want 3 rows replacing the earlier", third)
	}
	if got, want := query(t, db, "SELECT count(*), sum(new_contacts), count(DISTINCT source_id) FROM attendance"), "3|7|1"; got != want {
		t.Fatalf("after the correction: %s, want %s", got, want)
	}
	if got, want := query(t, db, "SELECT path, rows_read, rows_loaded FROM sources"), "data/lista.csv|3|3"; got != want {
		t.Fatalf("sources: %s, want %s", got, want)
	}
}

// TestSkipInvalid loads the valid rows and keeps each rejected row's reason,
// never its value.
func TestSkipInvalid(t *testing.T) {
	p := MustProject(t, "  - {file: data/f.csv, kind: followups}\n",
		map[string][]byte{"data/f.csv": []byte("participant,date,months_after,status\nBD-1,2025-07-01,6,arbete\nBD-2,2025-13-01,6,arbete\nBD-3,2025-07-01,6,semester\nBD-4,2025-07-01,tre,okänd\n")})
	db := MustOpen(t, p)
	res, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 4 || res.Loaded != 1 || res.Rejected != 3 {
		t.Fatalf("result %+v, want read 4, loaded 1, rejected 3", res)
	}
	got := query(t, db, `SELECT line, coalesce("column", ''), reason FROM rejects ORDER BY line`)
	for _, want := range []string{
		"3|date|the value is not a date in the calendar; check the month (01–12) and the day",
		"4|status|the value is not a follow-up status; ",
		"5|months_after|the value is not a whole number; write a whole number such as 3",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rejects lack %q:\n%s", want, got)
		}
	}
	for _, raw := range []string{"semester", "tre", "2025-13-01"} {
		if strings.Contains(got, raw) {
			t.Errorf("rejects hold the raw value %q:\n%s", raw, got)
		}
	}
	if got, want := query(t, db, "SELECT rows_read, rows_loaded, rows_rejected FROM sources"), "4|1|3"; got != want {
		t.Errorf("sources counts %s, want %s", got, want)
	}
}

// TestDryRun writes nothing and says what would happen.
func TestDryRun(t *testing.T) {
	p := MustProject(t, fixtureSources, fixtureFiles(t))
	db := MustOpen(t, p)
	before := MustDump(t, db)
	for _, src := range p.Sources {
		res, err := ingestFile(t, p, db, src, ingest.Options{DryRun: true})
		if err != nil {
			t.Fatalf("%s: %v", src.File, err)
		}
		if !res.DryRun || res.Loaded == 0 {
			t.Errorf("%s: %+v", src.File, res)
		}
	}
	if MustDump(t, db) != before {
		t.Fatal("a dry run changed the store")
	}
}
