package ingest_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// update rewrites the committed fixtures under testdata/ingest.
var update = flag.Bool("update", false, "rewrite the fixtures under testdata/ingest")

// fixtureDir holds data files made the way people make them.
const fixtureDir = "../testdata/ingest"

// fixtureSources are the source entries that read the fixtures, as a
// project file would list them.
const fixtureSources = `  - file: data/kostnader-excel.csv
    kind: costs
    columns: {Kommentar: drop}
  - {file: data/deltagare-utf8-bom.csv, kind: participants}
  - {file: data/uppfoljning-unicode.txt, kind: followups}
  - file: data/effektmatning.xlsx
    kind: responses
    event: {id: effektmatning-1, kind: impact_day, date: 2025-01-22}
    wave: pre
    columns: {ID: drop, Starttid: date, Sluttid: drop, E-post: drop, Namn: drop,
      "Fråga 1": swemwbs_1, "Fråga 2": swemwbs_2, "Fråga 3": swemwbs_3, "Fråga 4": swemwbs_4,
      "Fråga 5": swemwbs_5, "Fråga 6": swemwbs_6, "Fråga 7": swemwbs_7}
  - {file: data/kolada-v2.json, kind: kpi}
  - {file: data/kolada-v3.json, kind: kpi}
  - {file: data/kolada-pages.json, kind: kpi}
`

// fixtures makes every fixture's bytes.
func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	win1252 := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16le := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	return map[string][]byte{
		// Excel's "CSV (semikolonavgränsad)" on a Swedish Windows: CRLF,
		// Windows-1252 (å, ä, ö and the dash are single bytes), decimal
		// commas and a non-breaking space between the thousands.
		"kostnader-excel.csv": win1252(crlf("Datum;Aktivitet;Partner;Kategori;Timmar;Timpris;Belopp;Typ;Kommentar\n" +
			"2025-01-22;a3;rfc;Personal;28;650,00;;Utfall;Effektmätningsdag 1\n" +
			"2025-02-20;a1;nyavagar;Lokal;;;6\u00a0500,00;utfall;Lokalhyra Folkets hus\n" +
			"2024-11-01;a1;nyavagar;personal;140;452,50;63\u00a0350,00;Budget;Handledare nätverksträffar\n" +
			"2025-03-14;a4;kommun;Material;;;12 400;Faktisk;Annonser i sociala medier \u2013 våren\n")),
		// Excel's "CSV UTF-8": the same, with a byte-order mark.
		"deltagare-utf8-bom.csv": append([]byte("\ufeff"), crlf("Deltagar-ID;Målgrupp;Kön;Födelseår;Kohort;Startdatum\n"+
			"BD-0001;unga_vuxna;Kvinna;1999;Höst 2024;2024-11-04\n"+
			"bd-0002;medfoljande;M;1987;Höst 2024;2024-11-04\n"+
			"BD-0003;unga_vuxna;;2003;Vår 2025;2025-01-13\n"+
			"BD-0004;unga_vuxna;icke-binär;;Vår 2025;2025-02-03\n"+
			"BD-0005;medfoljande;vill ej uppge;1990;Vår 2025;2025-02-03 09:30\n")...),
		// Excel's "Unicode-text": UTF-16 LE with a byte-order mark, tabs.
		"uppfoljning-unicode.txt": utf16le(crlf("Deltagar-ID\tDatum\tMånader efter\tStatus\n" +
			"BD-0001\t2025-07-08\t6\tArbete\n" +
			"BD-0002\t2025-07-10\t6\tstuderar\n" +
			"BD-0003\t2025-07-21\t6\tArbetssökande\n" +
			"BD-0004\t2025-07-21\t6\tpraktik\n")),
		"effektmatning.xlsx": formsWorkbook(t),
		// The survey tools' exports as they come (exports.md): no columns:
		// entry reads them.
		"forms-swemwbs.xlsx": formsStatementsWorkbook(t),
		// Google Forms' CSV of a grid question in English: the timestamp,
		// the participant-id question, one column per grid row, labels.
		"google-forms-grid.csv": []byte("\"Timestamp\",\"Email Address\",\"Your participant ID\"," +
			"\"How have you felt in the last two weeks? [I've been feeling optimistic about the future]\"," +
			"\"How have you felt in the last two weeks? [I've been feeling useful]\"," +
			"\"How have you felt in the last two weeks? [I've been feeling relaxed]\"," +
			"\"How have you felt in the last two weeks? [I've been dealing with problems well]\"," +
			"\"How have you felt in the last two weeks? [I've been thinking clearly]\"," +
			"\"How have you felt in the last two weeks? [I've been feeling close to other people]\"," +
			"\"How have you felt in the last two weeks? [I've been able to make up my mind about things]\"\n" +
			"2025-03-12 14:03:11,,BD-0001,Often,Some of the time,Rarely,Often,All of the time,Some of the time,Often\n" +
			"2025-03-12 14:05:40,,bd 0002,None of the time,Rarely,Some of the time,some of the time,Rarely,None of the time,Rarely\n" +
			"2025-03-13 09:12:00,,BD0003,All of the time,Often,Often,All of the time,Often,Often,All of the time\n"),
		// KoboToolbox's CSV with ';', questions by name and choices by
		// name, its metadata columns before and after.
		"kobo-semicolon.csv": []byte("start;end;today;deviceid;deltagare;swemwbs_1;swemwbs_2;swemwbs_3;swemwbs_4;swemwbs_5;swemwbs_6;swemwbs_7;" +
			"_id;_uuid;_submission_time;_validation_status;_notes;_status;_submitted_by;__version__;_tags;_index\n" +
			"2025-03-12T13:58:02.123+01:00;2025-03-12T14:03:11.456+01:00;2025-03-12;collect:Xk2PqLm1;BD-0001;4;3;2;4;5;3;4;" +
			"198705121234;5a0d2e9c-1b7f-4d2a-9f33-0c6d2a1b9e10;2025-03-12T13:03:15;;;submitted_via_web;;vG7xk2PqLm19JdaS;;1\n" +
			"2025-03-12T14:01:00.000+01:00;2025-03-12T14:06:30.000+01:00;2025-03-12;collect:Xk2PqLm1;BD-0002;1;2;3;3;2;1;2;" +
			"198705121235;7c1e3f0a-2b8e-4e3b-8a44-1d7e3b2c0f21;2025-03-12T13:06:33;;;submitted_via_web;;vG7xk2PqLm19JdaS;;2\n" +
			"2025-03-13T09:10:00.000+01:00;2025-03-13T09:12:00.000+01:00;2025-03-13;collect:Xk2PqLm1;BD-0003;5;4;4;5;4;4;5;" +
			"198705121236;9d2f4a1b-3c9f-4f4c-9b55-2e8f4c3d1a32;2025-03-13T08:12:04;;;submitted_via_web;;vG7xk2PqLm19JdaS;;3\n"),
		// Kolada v2, pretty-printed as a browser saves it: a suppressed
		// figure (null), a period as a string, the whole country (0000).
		"kolada-v2.json": []byte(`{
  "count": 2,
  "next_page": null,
  "values": [
    {"kpi": "N00914", "municipality": "2582", "period": 2023,
     "values": [{"count": 1, "gender": "K", "status": "", "value": 9.6},
                {"count": 0, "gender": "M", "status": "Missing", "value": null},
                {"count": 1, "gender": "T", "status": "", "value": 10.9}]},
    {"kpi": "N00914", "municipality": "0000", "period": "2023",
     "values": [{"count": 1, "gender": "T", "status": "", "value": 8.4}]}
  ]
}
`),
		// Kolada v3, compact as the API answers.
		"kolada-v3.json": []byte(`{"count":1,"next_url":null,"previous_url":null,"values":[{"kpi":"N00914","municipality":"2582","period":2024,"values":[{"count":1,"gender":"T","status":"","value":12.3},{"count":0,"gender":"K","status":"","value":null}]}]}` + "\n"),
		// Two v3 pages appended one after the other by a download script.
		"kolada-pages.json": []byte(`{"count":2,"next_url":"https://api.kolada.se/v3/data/kpi/N00914/year/2022?page=2","values":[{"kpi":"N00914","municipality":"2582","period":2022,"values":[{"count":1,"gender":"T","status":"","value":10.4}]}]}` + "\n" +
			`{"count":2,"next_url":null,"values":[{"kpi":"N00914","municipality":"0000","period":2022,"values":[{"count":1,"gender":"T","status":"","value":7.8}]}]}` + "\n"),
	}
}

// formsStatementsWorkbook is a Microsoft Forms export of SWEMWBS as Forms
// makes it: the statements as headers (one numbered, one worded as another
// translation words it), the chosen labels in the cells, real Excel
// date-times, an empty Namn and an anonymous E-post column.
func formsStatementsWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	format := "m/d/yy h:mm:ss"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"ID", "Starttid", "Sluttid", "E-post", "Namn", "Senaste ändringstid", "Skriv ditt deltagar-id",
		"1. Jag har känt mig optimistisk inför framtiden", "Jag har känt mig användbar", "Jag har känt mig avslappnad",
		"Jag har hanterat problem bra", "Jag har tänkt klart", "Jag har känt mig nära andra människor",
		"Jag har kunnat bestämma mig i olika saker"}
	at := func(day, h, m, s int) time.Time { return time.Date(2025, 3, day, h, m, s, 0, time.UTC) }
	rows := [][]any{
		{1, at(12, 9, 41, 2), at(12, 9, 44, 10), "anonymous", nil, nil, "BD-0001", "Ofta", "Ibland", "Sällan", "Ofta", "Hela tiden", "Ibland", "Ofta"},
		{2, at(12, 10, 2, 0), at(12, 10, 6, 0), "anonymous", nil, nil, "bd 0002", "Aldrig", "Sällan", "3 - Ibland", "Ibland", "Sällan", "Aldrig", "Sällan"},
		{3, at(13, 13, 15, 0), at(13, 13, 19, 30), "anonymous", nil, nil, "BD0003", "Hela tiden", "Ofta", "Ofta", " hela tiden ", 4, "Ofta", "Hela tiden"},
	}
	writeFormsRows(t, f, "Sheet1", header, rows, style)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Microsoft Forms", Created: "2025-03-13T15:30:00Z", Modified: "2025-03-13T15:30:00Z"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// formsWorkbook is a Microsoft Forms export: real Excel date-times, Forms'
// own columns, and an empty row left at the end, as Excel keeps a row
// whose content was deleted.
func formsWorkbook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Form1"); err != nil {
		t.Fatal(err)
	}
	format := "yyyy-mm-dd hh:mm:ss"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"ID", "Starttid", "Sluttid", "E-post", "Namn", "Deltagar-ID", "Fråga 1", "Fråga 2", "Fråga 3", "Fråga 4", "Fråga 5", "Fråga 6", "Fråga 7"}
	rows := [][]any{
		{1, time.Date(2025, 1, 22, 9, 41, 0, 0, time.UTC), time.Date(2025, 1, 22, 9, 44, 0, 0, time.UTC), "anonymous", nil, "BD-0001", 3, 4, 2, 3, 3, 4, 3},
		{2, time.Date(2025, 1, 22, 10, 2, 0, 0, time.UTC), time.Date(2025, 1, 22, 10, 6, 0, 0, time.UTC), "anonymous", nil, "bd-0002 ", 2, 2, nil, 3, 2, 1, 2},
		{3, time.Date(2025, 1, 22, 13, 15, 0, 0, time.UTC), time.Date(2025, 1, 22, 13, 19, 0, 0, time.UTC), "anonymous", nil, "BD-0003", 5, 5, 4, 4, 5, 5, 4},
	}
	writeFormsRows(t, f, "Form1", header, rows, style)
	// The trailing rows: one emptied (a cell with an empty string), one
	// only formatted.
	if err := f.SetCellStr("Form1", "F5", ""); err != nil {
		t.Fatal(err)
	}
	if err := f.SetRowHeight("Form1", 7, 30); err != nil {
		t.Fatal(err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Microsoft Forms", Created: "2025-01-22T15:30:00Z", Modified: "2025-01-22T15:30:00Z"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFixturesCommitted checks that every fixture is committed, and with
// -update writes them.
func TestFixturesCommitted(t *testing.T) {
	for name, data := range fixtures(t) {
		path := filepath.Join(fixtureDir, name)
		if *update {
			if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("fixture %s is missing (run go test -run TestFixturesCommitted -update): %v", name, err)
		}
	}
}

// fixtureFiles reads the committed fixtures into a project's data folder.
func fixtureFiles(t testing.TB) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for name := range fixtures(t) {
		data, err := os.ReadFile(filepath.Join(fixtureDir, name))
		if err != nil {
			t.Fatalf("fixture %s: %v (run go test -run TestFixturesCommitted -update)", name, err)
		}
		files["data/"+name] = data
	}
	return files
}

// writeFormsRows writes a Forms sheet: the header, then the rows with
// their times (columns B and C) formatted as Excel date-times.
func writeFormsRows(t testing.TB, f *excelize.File, sheet string, header []any, rows [][]any, style int) {
	t.Helper()
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
		for _, col := range []string{"B", "C"} {
			ref := col + cell[1:]
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				t.Fatal(err)
			}
		}
	}
}
