package ingest_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

// FuzzXLSX checks the XLSX reader on hostile workbooks: any bytes as a
// workbook, and any text as the XML of a sheet inside a well-formed
// workbook, are loaded or refused with an error for a person (EDATA, one
// short line per problem), never a panic or an internal error.
func FuzzXLSX(f *testing.F) {
	for name, data := range fixtures(f) {
		if strings.HasSuffix(name, ".xlsx") {
			f.Add(data, false)
		}
	}
	book := excelize.NewFile()
	book.SetSheetRow("Sheet1", "A1", &[]any{"deltagare", "kön", "födelseår"})
	book.SetSheetRow("Sheet1", "A2", &[]any{"BD-1", "K", 1999})
	var seed bytes.Buffer
	book.Write(&seed)
	f.Add(seed.Bytes(), false)
	f.Add([]byte(sheetHead+`<row r="2"><c r="A2" t="inlineStr"><is><t>BD-1</t></is></c><c r="B2"><v>1999</v></c></row>`+sheetTail), true)
	f.Add([]byte(sheetHead+`<row r="1048577"><c r="A1048577"><v>1</v></c></row>`+sheetTail), true)
	f.Add([]byte(sheetHead+`<row><c r="XFE2"><v>1</v></c></row>`+sheetTail), true)
	f.Add([]byte(`<worksheet><sheetData><row><c t="s"><v>99999999</v></c></row></sheetData></worksheet>`), true)

	dir := f.TempDir()
	p := MustProject(f, "", nil)
	path := filepath.Join(dir, "fuzz.xlsx")
	in := ingest.New(p, nil, ingest.Options{Secret: secret, DryRun: true})
	f.Fuzz(func(t *testing.T, data []byte, asSheet bool) {
		if asSheet {
			writeWorkbook(t, path, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
		} else if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := in.File(t.Context(), impact.Source{File: path, Kind: "participants"})
		if err == nil {
			return
		}
		msg := impact.ErrorMessage(err)
		if code := impact.ErrorCode(err); code != impact.EDATA {
			t.Fatalf("code %s: %s", code, msg)
		}
		if strings.Contains(msg, "internal error") {
			t.Fatalf("internal error: %s", msg)
		}
		for _, line := range strings.Split(msg, "\n") {
			if len([]rune(line)) > 1100 {
				t.Fatalf("a line of %d characters: %.200s…", len([]rune(line)), line)
			}
		}
	})
}
