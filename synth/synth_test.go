package synth_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/joiningforces/impact/synth"
)

var update = flag.Bool("update", false, "rewrite testdata/example from a fresh Generate")

// exampleDir is the committed example, which `impact init --example` copies.
const exampleDir = "../testdata/example"

// defaultOptions are the options of the committed example: the zero value.
func defaultOptions() synth.Options { return synth.Options{} }

// generate writes a project into a fresh temporary folder.
func generate(t testing.TB, opts synth.Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(dir, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// files lists the regular files under dir, relative and slash-separated.
// Dot-files are not part of a project's data: testdata/example keeps a
// .gitattributes beside what Generate writes.
func files(t testing.TB, dir string) []string {
	t.Helper()
	var list []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		list = append(list, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// MustReadFile reads a file or fails the test.
func MustReadFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts synth.Options
	}{
		{"default", defaultOptions()},
		{"other seed and size", synth.Options{Participants: 57, Seed: 7}},
		{"forms as csv", synth.Options{Participants: 300, XLSXRowLimit: 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := generate(t, tc.opts), generate(t, tc.opts)
			names := files(t, a)
			if got, want := names, files(t, b); !slices.Equal(got, want) {
				t.Fatalf("files differ: %v and %v", got, want)
			}
			for _, name := range names {
				if !bytes.Equal(MustReadFile(t, filepath.Join(a, name)), MustReadFile(t, filepath.Join(b, name))) {
					t.Errorf("%s differs between two runs", name)
				}
			}
		})
	}
	t.Run("seed matters", func(t *testing.T) {
		a, b := generate(t, synth.Options{Seed: 1}), generate(t, synth.Options{Seed: 2})
		if bytes.Equal(MustReadFile(t, filepath.Join(a, "data/deltagare.csv")), MustReadFile(t, filepath.Join(b, "data/deltagare.csv"))) {
			t.Error("two seeds gave the same participant register")
		}
	})
}

// TestCommittedExample checks that testdata/example is what Generate makes
// today. Run `go test ./synth -update` after changing the generator.
func TestCommittedExample(t *testing.T) {
	if *update {
		// Remove what Generate wrote before, not the folder: its dot-files stay.
		if _, err := os.Stat(exampleDir); err == nil {
			for _, name := range files(t, exampleDir) {
				if err := os.Remove(filepath.Join(exampleDir, name)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := synth.Generate(exampleDir, defaultOptions()); err != nil {
			t.Fatal(err)
		}
	}
	fresh := generate(t, defaultOptions())
	names := files(t, fresh)
	if got := files(t, exampleDir); !slices.Equal(got, names) {
		t.Fatalf("testdata/example holds %v, Generate writes %v (run go test ./synth -update)", got, names)
	}
	for _, name := range names {
		committed, generated := filepath.Join(exampleDir, name), filepath.Join(fresh, name)
		if strings.HasSuffix(name, ".xlsx") {
			// Compared by cells, so that a new excelize that zips differently
			// does not fail the test when the content is the same.
			if got, want := xlsxCells(t, committed), xlsxCells(t, generated); !slices.Equal(got, want) {
				t.Errorf("%s: cells differ from a fresh Generate (run go test ./synth -update)", name)
			}
			continue
		}
		if !bytes.Equal(MustReadFile(t, committed), MustReadFile(t, generated)) {
			t.Errorf("%s differs from a fresh Generate (run go test ./synth -update)", name)
		}
	}
}

// xlsxCells lists every cell of every sheet as sheet!ref=value, with the
// raw (unformatted) value, so that dates compare as Excel serial numbers.
func xlsxCells(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cells []string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				cells = append(cells, sheet+"!"+ref+"="+v)
			}
		}
	}
	return cells
}

// TestFileFormats checks that each file is made the way its source entry
// and its comment say: encodings, separators, line ends, Excel dates, and
// headers that ingest can resolve.
func TestFileFormats(t *testing.T) {
	dir := generate(t, defaultOptions())
	p := loadProject(t, dir)

	t.Run("every source's headers resolve", func(t *testing.T) {
		for _, s := range p.Sources {
			if s.Kind == "kpi" || s.Kind == "kpi_meta" {
				continue
			}
			if rows := readSource(t, dir, p, s); len(rows) == 0 {
				t.Errorf("%s: no rows", s.File)
			}
		}
	})

	t.Run("register is Swedish Excel CSV", func(t *testing.T) {
		data := MustReadFile(t, filepath.Join(dir, "data/deltagare.csv"))
		if utf8.Valid(data) {
			t.Fatal("deltagare.csv is valid UTF-8, want Windows-1252")
		}
		text, err := charmap.Windows1252.NewDecoder().String(string(data))
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(text, "\r\n")
		if got, want := header, "Deltagar-ID;Målgrupp;Kön;Födelseår;Kohort;Startdatum"; got != want {
			t.Errorf("header = %q, want %q", got, want)
		}
		if strings.Count(text, "\n") != strings.Count(text, "\r\n") {
			t.Error("not every line ends in CRLF")
		}
	})

	t.Run("costs have decimal commas and grouped thousands", func(t *testing.T) {
		raw := readCSV(t, filepath.Join(dir, "data/kostnader.csv"))
		var comma, grouped bool
		for _, row := range raw.rows {
			comma = comma || strings.Contains(row[5], ",")
			grouped = grouped || strings.Contains(row[6], "\u00a0")
		}
		if !comma || !grouped {
			t.Errorf("decimal comma %v, non-breaking thousands %v; want both", comma, grouped)
		}
	})

	t.Run("forms export has real Excel dates", func(t *testing.T) {
		f, err := excelize.OpenFile(filepath.Join(dir, "data/effektmatning-1-januari.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		typ, err := f.GetCellType("Form1", "B2")
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := f.GetCellValue("Form1", "B2", excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("Form1", "B2")
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || !strings.HasPrefix(raw, "45") || !strings.HasPrefix(shown, "2025-01-22 ") {
			t.Errorf("B2 = %q shown as %q (type %v); want an Excel serial date on 2025-01-22", raw, shown, typ)
		}
	})

	t.Run("dialects", func(t *testing.T) {
		for _, tc := range []struct {
			file       string
			sep        string
			bom, crlf  bool
			win1252    bool
			headerPart string
		}{
			{"data/natverkstraff-1-december.csv", ",", false, false, false, "Deltagare,"},
			{"data/natverkstraff-2-februari.csv", ";", true, true, false, "Deltagar-ID;"},
			{"data/natverkstraff-3-maj.csv", "\t", false, false, false, "participant\t"},
			{"data/effektmatning-2-september.csv", ",", false, false, false, "Deltagar-ID,Datum,F1"},
			{"data/jobbmarknad-april.csv", ";", true, true, false, ";Anställd"},
			{"data/uppfoljning-3-manader.csv", ",", false, false, false, "participant,date,months_after,status"},
			{"data/uppfoljning-6-manader.csv", ";", true, true, false, "Månader efter"},
			{"data/kostnader.csv", ";", false, true, true, "Timpris;Belopp"},
		} {
			data := MustReadFile(t, filepath.Join(dir, tc.file))
			if got := bytes.HasPrefix(data, []byte("\ufeff")); got != tc.bom {
				t.Errorf("%s: BOM %v, want %v", tc.file, got, tc.bom)
			}
			if got := bytes.Contains(data, []byte("\r\n")); got != tc.crlf {
				t.Errorf("%s: CRLF %v, want %v", tc.file, got, tc.crlf)
			}
			if got := !utf8.Valid(data); got != tc.win1252 {
				t.Errorf("%s: Windows-1252 %v, want %v", tc.file, got, tc.win1252)
			}
			if tc.win1252 {
				data, _ = charmap.Windows1252.NewDecoder().Bytes(data)
			}
			header, _, _ := bytes.Cut(data, []byte("\n"))
			if !bytes.Contains(header, []byte(tc.headerPart)) || !bytes.Contains(header, []byte(tc.sep)) {
				t.Errorf("%s: header %q, want it to contain %q separated by %q", tc.file, header, tc.headerPart, tc.sep)
			}
		}
	})

	t.Run("no personal identity numbers", func(t *testing.T) {
		for _, name := range files(t, dir) {
			data := MustReadFile(t, filepath.Join(dir, name))
			if strings.HasSuffix(name, ".xlsx") {
				var text strings.Builder
				raw := readXLSX(t, filepath.Join(dir, name))
				for _, row := range append([][]string{raw.header}, raw.rows...) {
					text.WriteString(strings.Join(row, "\t") + "\n")
				}
				data = []byte(text.String())
			}
			if loc := personnummer.FindIndex(data); loc != nil {
				t.Errorf("%s: something shaped like a personnummer at byte %d", name, loc[0])
			}
		}
	})
}

// personnummer matches what ingest must refuse: a Swedish personal identity
// number (YYMMDD-NNNN, YYYYMMDDNNNN and the like).
var personnummer = regexp.MustCompile(`\b(19|20)?\d{6}[-+]?\d{4}\b`)

func TestFormsAsCSVWhenLarge(t *testing.T) {
	dir := generate(t, synth.Options{Participants: 300, XLSXRowLimit: 100})
	p := loadProject(t, dir)
	var found bool
	for _, s := range p.Sources {
		if s.Wave == "pre" {
			found = true
			if got, want := s.File, "data/effektmatning-1-januari.csv"; got != want {
				t.Errorf("pre wave file = %s, want %s", got, want)
			}
			if rows := readSource(t, dir, p, s); len(rows) < 100 {
				t.Errorf("%d rows in the pre wave, want more than the XLSX limit", len(rows))
			}
		}
	}
	if !found {
		t.Error("no source for the pre wave")
	}
	if _, err := os.Stat(filepath.Join(dir, "data/effektmatning-1-januari.xlsx")); err == nil {
		t.Error("an XLSX was written beside the CSV")
	}
}
