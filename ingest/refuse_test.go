package ingest_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

// TestRefused feeds every way a file can be bad and checks that the error
// says what, where and what to do, and that the store is byte for byte as
// it was.
func TestRefused(t *testing.T) {
	xlsx, err := os.ReadFile(filepath.Join(fixtureDir, "effektmatning.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.IntN(256))
	}
	many := "participant,date,months_after,status\n"
	for i := range 60 {
		many += fmt.Sprintf("BD-%d,2025-07-01,6,semester\n", i)
	}
	for _, tc := range []struct {
		name   string
		source string // the source entry's extra keys
		kind   string
		file   string
		data   []byte
		code   string
		want   []string
		absent []string // what must never be in the message
		// rowLevel problems let --skip-invalid load the rest; the others
		// refuse the file with it too.
		rowLevel bool
	}{
		{name: "wrong header", kind: "participants", file: "p.csv",
			data: []byte("Deltagar-ID;Kön;Ålder\nBD-1;K;23\n"), code: impact.EDATA,
			want: []string{`data/p.csv:1: refused, nothing was loaded`, `the column "Ålder" is not a column of participants`, `to the column it holds (participant, target_group`, `columns: {"Ålder": drop}`}},
		{name: "a file of another kind", kind: "followups", file: "f.csv",
			data: []byte("Deltagare,Nya kontakter\nBD-1,2\n"), code: impact.EDATA,
			want: []string{`data/f.csv:1:`, `"Nya kontakter" is not a column of followups`}},
		{name: "missing required column", kind: "followups", file: "f.csv",
			data: []byte("Deltagar-ID,Datum,Månader efter\nBD-1,2025-07-01,6\n"), code: impact.EDATA,
			want: []string{`data/f.csv:1: refused`, `has no column for status, which followups needs`, `map one to it in the source's columns:`}},
		{name: "missing event", kind: "attendance", file: "a.csv",
			data: []byte("Deltagare,Nya kontakter\nBD-1,2\n"), code: impact.EDATA,
			want: []string{`has no column for date, event, event_kind`, `event: {id, kind, date} in the source entry, or --event`}},
		{name: "unparsable date", rowLevel: true, kind: "followups", file: "f.csv",
			data: []byte("Deltagar-ID,Datum,Status\nBD-1,2025-07-01,arbete\nBD-2,12/03/2025,arbete\n"), code: impact.EDATA,
			want: []string{`data/f.csv: refused, nothing was loaded: 1 row is invalid`, `--skip-invalid`,
				`data/f.csv:3: column "Datum" (date): "12/03/2025" may be day/month/year or month/day/year; say which with date_format: in the source entry: D/M/YYYY if the day comes first, M/D/YYYY if the month does`}},
		{name: "unparsable number", rowLevel: true, kind: "costs", file: "k.csv",
			data: []byte("Datum;Belopp;Typ\n2025-02-01;tolv;utfall\n2025-02-02;1 200,50;utfall\n"), code: impact.EDATA,
			want: []string{`data/k.csv:2: column "Belopp" (amount): "tolv" is not a number; write a number such as 3.5 or 18 000`}},
		{name: "unknown status", rowLevel: true, kind: "followups", file: "f.csv",
			data: []byte("participant,date,status\nBD-1,2025-07-01,semester\nBD-2,2025-07-01,studie\n"), code: impact.EDATA,
			want: []string{`data/f.csv:2: column "status": "semester" is not a follow-up status; use one of employed, studying, internship, job_seeking, inactive, other, unknown`}},
		{name: "answer outside the scale", rowLevel: true, kind: "responses", file: "r.csv", source: "wave: pre",
			data: []byte("participant,swemwbs_1,swemwbs_2\nBD-1,3,7\n"), code: impact.EDATA,
			want: []string{`data/r.csv:2: column "swemwbs_2": "7" is outside the answer scale; answers to swemwbs_2 are from 1 to 5`}},
		{name: "duplicated header", kind: "followups", file: "f.csv",
			data: []byte("participant,date,status,Status\nBD-1,2025-07-01,arbete,arbete\n"), code: impact.EDATA,
			want: []string{`data/f.csv:1:`, `the header "Status" is in columns 3 and 4; rename one of them, or map it to drop`}},
		{name: "two headers for one column", kind: "followups", file: "f.csv",
			data: []byte("Deltagare,Deltagar-ID,date,status\nBD-1,BD-1,2025-07-01,arbete\n"), code: impact.EDATA,
			want: []string{`columns 1 "Deltagare" and 2 "Deltagar-ID" both mean participant`}},
		{name: "personnummer in a free-text column", kind: "attendance", file: "a.csv",
			source: "event: {id: m1, kind: meetup, date: 2025-02-20}",
			data:   []byte("Deltagare,Roll\nBD-1,deltagare\nBD-2,ring 850101-1235 om plats\n"), code: impact.EDATA,
			want:   []string{`data/a.csv:3: column "Roll" (role): the value holds what looks like a Swedish personal identity number`, `remove it from the file`},
			absent: []string{"850101"}},
		{name: "personnummer as twelve digits", kind: "participants", file: "p.csv",
			data: []byte("participant,cohort\n198112189876,vår\n"), code: impact.EDATA,
			want: []string{`data/p.csv:2: column "participant"`, `personal identity number`}, absent: []string{"198112189876"}},
		{name: "a column named e-post", kind: "participants", file: "p.csv",
			data: []byte("Deltagar-ID,E-post,Namn\nBD-1,a@b.se,Anna\n"), code: impact.EDATA,
			want:   []string{`data/p.csv:1:`, `the columns "E-post" (e-mail addresses), "Namn" (names) hold personal data that must not be loaded`, `map them to drop in the source's columns:`},
			absent: []string{"a@b.se", "Anna"}},
		{name: "empty file", kind: "participants", file: "p.csv", data: []byte{}, code: impact.EDATA,
			want: []string{`data/p.csv: refused, nothing was loaded: the file is empty; export it again with its header row`}},
		{name: "only a byte-order mark", kind: "participants", file: "p.csv", data: []byte("\ufeff\r\n"), code: impact.EDATA,
			want: []string{`the file is empty`}},
		{name: "unterminated quote", kind: "attendance", file: "a.csv", source: "event: {id: m1, kind: meetup, date: 2025-02-20}",
			data: []byte("Deltagare,Roll\nBD-1,\"värd\nBD-2,gäst\n"), code: impact.EDATA,
			want: []string{`data/a.csv:2: refused, nothing was loaded`, `a value in quotes that starts on line 2 is never closed`, `close the quote`}},
		{name: "workbook cut in half", kind: "responses", file: "r.xlsx", source: "wave: pre",
			data: xlsx[:len(xlsx)/2], code: impact.EDATA,
			want: []string{`data/r.xlsx: refused, nothing was loaded: the file is not a readable Excel workbook`, `damaged, cut off`, `save it again as .xlsx`}},
		{name: "binary file named csv", kind: "participants", file: "p.csv", data: append([]byte("x\x00"), random...), code: impact.EDATA,
			want: []string{`data/p.csv: refused, nothing was loaded: the file is not a text file`, `save it from Excel as CSV`}},
		{name: "workbook named csv", kind: "participants", file: "p.csv", data: xlsx, code: impact.EDATA,
			want: []string{`is a zip archive, such as an Excel workbook, not a CSV file; name it .xlsx`}},
		{name: "text named xlsx", kind: "participants", file: "p.xlsx", data: []byte("participant\nBD-1\n"), code: impact.EDATA,
			want: []string{`is named .xlsx but holds text; rename it to .csv`}},
		{name: "Kolada cut off", kind: "kpi", file: "k.json", data: []byte(`{"values":[{"kpi":"N00914","municipality":"2582","period":2023,"values":[{"gender":"T","val`), code: impact.EDATA,
			want: []string{`data/k.json`, `is not valid JSON after page 0`, `cut off`}},
		{name: "Kolada of another shape", kind: "kpi", file: "k.json", data: []byte(`{"kpi": "N00914"}` + "\n" + `{"rows": []}`), code: impact.EDATA,
			want: []string{`page 2 has no "values"`, `download it again from the Kolada API`}},
		{name: "Kolada row without a period", rowLevel: true, kind: "kpi", file: "k.json", data: []byte(`{"values":[{"kpi":"N00914","municipality":"2582","values":[{"gender":"T","value":1}]}]}`), code: impact.EDATA,
			want: []string{`data/k.json:1: row 1: has no period; each row needs the year`}},
		{name: "more than fifty bad rows", rowLevel: true, kind: "followups", file: "f.csv", data: []byte(many), code: impact.EDATA,
			want: []string{`60 rows are invalid`, `data/f.csv:51: column "status"`, "\nand 10 more"}, absent: []string{"data/f.csv:52:"}},
		{name: "missing file", kind: "participants", file: "p.csv", code: impact.ENOTFOUND,
			want: []string{`data/p.csv: no such file; check file: in the source entry of impact.yaml`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entry := fmt.Sprintf("  - {file: data/%s, kind: %s", tc.file, tc.kind)
			if tc.source != "" {
				entry += ", " + tc.source
			}
			files := map[string][]byte{}
			if tc.data != nil {
				files["data/"+tc.file] = tc.data
			}
			p := MustProject(t, entry+"}\n", files)
			p.Info.Language = "en" // the messages checked below are the English ones
			db := MustOpen(t, p)
			before := MustDump(t, db)
			for _, skip := range []bool{false, true} {
				if skip && tc.rowLevel {
					continue
				}
				_, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{SkipInvalid: skip})
				if err == nil {
					t.Fatal("the file was loaded")
				}
				if got := impact.ErrorCode(err); got != tc.code {
					t.Errorf("code %q, want %q: %v", got, tc.code, err)
				}
				msg := impact.ErrorMessage(err)
				for _, want := range tc.want {
					if !strings.Contains(msg, want) {
						t.Errorf("message lacks %q:\n%s", want, msg)
					}
				}
				for _, absent := range tc.absent {
					if strings.Contains(msg, absent) {
						t.Errorf("message holds %q:\n%s", absent, msg)
					}
				}
				if got := MustDump(t, db); got != before {
					t.Fatalf("the store changed:\nbefore\n%s\nafter\n%s", before, got)
				}
			}
		})
	}
}
