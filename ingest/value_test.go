package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

// loadColumn ingests a one-column-per-value file of a kind and returns the
// stored values of one column, or the error.
func loadColumn(t *testing.T, kind, entry, header string, cells []string, column string) (string, error) {
	t.Helper()
	content := header + "\n"
	for _, c := range cells {
		content += c + "\n"
	}
	p := MustProject(t, fmt.Sprintf("  - {file: data/f.csv, kind: %s%s}\n", kind, entry), map[string][]byte{"data/f.csv": []byte(content)})
	db := MustOpen(t, p)
	if _, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{}); err != nil {
		return "", err
	}
	return strings.ReplaceAll(query(t, db, "SELECT "+column+" FROM "+kind+" ORDER BY line"), "\n", " "), nil
}

func TestValues(t *testing.T) {
	for _, tc := range []struct {
		name, kind, entry, header string
		cells                     []string
		column, want              string
	}{
		{"Swedish amounts", "costs", "", "Belopp;Typ",
			[]string{"3,5;budget", "18 000;budget", "18\u00a0000,50;utfall", "1 234 567;utfall", "-12,5;utfall", "450 kr;utfall", "1200:-;utfall", "7.25;utfall"},
			"amount", "3.5 18000 18000.5 1.234567e+06 -12.5 450 1200 7.25"},
		{"English amounts", "costs", "", "amount,kind",
			[]string{"3.5,budget", `"3,5",budget`, "18000,actual", "1e3,actual"},
			"amount", "3.5 3.5 18000 1000"},
		{"booleans", "jobmarket", ", event: {id: j, kind: job_market, date: 2025-04-10}", "participant;interview;offer;hired",
			[]string{"a;ja;nej;", "b;Yes;no;x", "c;TRUE;false;X", "d;1;0;Sant", "e;j;n;FALSKT"},
			"interview || '/' || offer || '/' || hired", "true/false/false true/false/true true/false/true true/false/true true/false/false"},
		{"genders", "participants", "", "participant,gender",
			[]string{"a,Kvinna", "b,K", "c,female", "d,F", "e,Man", "f,m", "g,MALE", "h,annat", "i,Icke-binär", "j,", "k,vill ej uppge", "l,other"},
			"gender", "female female female female male male male other other unknown unknown other"},
		{"statuses", "followups", "", "participant,date,status",
			[]string{"a,2025-07-01,arbete", "b,2025-07-01,Anställd", "c,2025-07-01,employed", "d,2025-07-01,studier", "e,2025-07-01,Studerar",
				"f,2025-07-01,praktik", "g,2025-07-01,arbetssökande", "h,2025-07-01,job_seeking", "i,2025-07-01,inaktiv", "j,2025-07-01,Annat", "k,2025-07-01,okänd"},
			"status", "employed employed employed studying studying internship job_seeking job_seeking inactive other unknown"},
		{"dates", "followups", "", "participant,date,status",
			[]string{"a,2025-03-12,arbete", "b,2025-03-12 14:00,arbete", "c,2025-03-12T14:00:00Z,arbete", "d,45728,arbete", "e,45728.58,arbete"},
			"date", "2025-03-12 2025-03-12 2025-03-12 2025-03-12 2025-03-12"},
		{"dates with date_format", "followups", ", date_format: DD/MM/YYYY", "participant,date,status",
			[]string{"a,12/03/2025,arbete", "b,2025-03-12,arbete"},
			"date", "2025-03-12 2025-03-12"},
		{"cost words", "costs", "", "Kategori;Typ;Belopp",
			[]string{"Personal;Budget;1", "lokalhyra;utfall;1", "Resor;Faktisk;1", "material;actual;1", "Övrigt;budget;1"},
			"category || '/' || kind", "staff/budget venue/actual travel/actual material/actual other/budget"},
		{"event metadata from columns", "attendance", "", "Deltagare;Händelse;Händelsetyp;Datum",
			[]string{"a;m1;Nätverksträff;2025-02-20", "b;j1;jobbmarknad;2025-04-10"},
			"event || '/' || event_kind", "m1/meetup j1/job_market"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := loadColumn(t, tc.kind, tc.entry, tc.header, tc.cells, tc.column)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestAmbiguousThousands(t *testing.T) {
	_, err := loadColumn(t, "costs", "", "amount,kind", []string{`"1,234",actual`}, "amount")
	// The project speaks Swedish; the values are written as the file has them.
	if err == nil || !strings.Contains(err.Error(), `"1,234" är tvetydigt`) || !strings.Contains(err.Error(), "skriv 1234 för tusental eller 1.234 för ett decimaltal") {
		t.Fatalf("err = %v", err)
	}
}

// TestPersonnummer checks which values are taken for a personal identity
// number: the shapes with a plausible date (and, for bare digits, a valid
// Luhn check digit), anywhere in a cell.
func TestPersonnummer(t *testing.T) {
	for _, tc := range []struct {
		value   string
		refused bool
	}{
		{"850101-1235", true},   // YYMMDD-NNNN
		{"120101+1234", true},   // over a hundred years old
		{"19850101-1235", true}, // YYYYMMDD-NNNN
		{"198112189876", true},  // YYYYMMDDNNNN, Luhn valid
		{"8112189876", true},    // YYMMDDNNNN, Luhn valid
		{"ring 811218-9876 i dag", true},
		{"850161-1234", true},     // samordningsnummer: day + 60
		{"198112189875", false},   // bare digits, Luhn invalid
		{"851301-1234", false},    // month 13
		{"850132-1234", false},    // day 32
		{"0701234567", false},     // a phone number: month 01, day 23 but Luhn invalid
		{"2025-03-12", false},     // a date
		{"12345678901234", false}, // too long a run
		{"BD-0042", false},
		{"45728", false}, // an Excel serial
		{"18 000", false},
		{"18500000000", false},            // eleven digits
		{"46303.5105208333", false},       // an Excel date-time: its fraction is no personnummer
		{`"8112189876,8112189876"`, true}, // two of them in one cell, a list and no decimal
		{`"3,8112189876"`, false},         // a decimal with a long fraction
	} {
		t.Run(tc.value, func(t *testing.T) {
			_, err := loadColumn(t, "attendance", ", event: {id: m, kind: meetup, date: 2025-02-20}", "participant,role", []string{"BD-1," + tc.value}, "role")
			refused := err != nil && strings.Contains(err.Error(), "personal identity number")
			if refused != tc.refused {
				t.Fatalf("refused = %v, want %v (%v)", refused, tc.refused, err)
			}
			if err != nil && strings.Contains(err.Error(), tc.value) {
				t.Fatalf("the message shows the value: %v", err)
			}
		})
	}
}

func TestPseudonym(t *testing.T) {
	p := ingest.NewPseudonymiser(secret)
	a := p.Pseudonym("BD-0042")
	if len(a) != ingest.PseudonymLength || strings.Trim(a, "0123456789abcdef") != "" {
		t.Fatalf("pseudonym %q is not %d hex characters", a, ingest.PseudonymLength)
	}
	for _, same := range []string{" bd-0042", "BD-0042\t", "Bd-0042"} {
		if got := p.Pseudonym(same); got != a {
			t.Errorf("%q -> %s, want %s as BD-0042", same, got, a)
		}
	}
	if got := p.Pseudonym("BD-0043"); got == a {
		t.Error("two ids share a pseudonym")
	}
	if got := ingest.NewPseudonymiser([]byte("another secret")).Pseudonym("BD-0042"); got == a {
		t.Error("another secret gives the same pseudonym")
	}
	// Non-ASCII ids fold too: Å and å, composed or not.
	if p.Pseudonym("ÅSA-1") != p.Pseudonym("a\u030asa-1") {
		t.Error("Å and a + ring differ")
	}
}

func TestLoadSecret(t *testing.T) {
	dir := t.TempDir()
	_, err := ingest.LoadSecret(dir, func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "run impact init") || !strings.Contains(err.Error(), "IMPACT_SECRET") {
		t.Fatalf("no secret: %v", err)
	}
	if got := impact.ErrorCode(err); got != impact.EINVALID {
		t.Errorf("code %s", got)
	}
	got, err := ingest.LoadSecret(dir, func(k string) string {
		if k == "IMPACT_SECRET" {
			return " from-env \n"
		}
		return ""
	})
	if err != nil || string(got) != "from-env" {
		t.Fatalf("env secret = %q, %v", got, err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".impact"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".impact", "secret"), []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := ingest.LoadSecret(dir, nil); err != nil || string(got) != "from-file" {
		t.Fatalf("file secret = %q, %v", got, err)
	}
}

func TestDateLayout(t *testing.T) {
	for format, want := range map[string]string{"DD/MM/YYYY": "02/01/2006", "D.M.YYYY": "2.1.2006", "MM/DD/YY": "01/02/06", "YYYY-MM-DD hh:mm": "2006-01-02 15:04"} {
		if got, err := ingest.DateLayout(format); err != nil || got != want {
			t.Errorf("%s -> %q, %v; want %q", format, got, err, want)
		}
	}
	for _, bad := range []string{"DD/MM", "dd/mm/yyyy", "YYYY-QQ-DD"} {
		if _, err := ingest.DateLayout(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
