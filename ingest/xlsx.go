package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/joiningforces/impact"
)

// xlsxSource streams the rows of one sheet of an Excel workbook with
// excelize's Rows iterator: the sheet's XML is read as a stream (from a
// temporary file when large), never as a grid in memory. Cells are read
// raw, so numbers keep their full precision without the cell's display
// format, and a date is its Excel serial number, which parseDate reads.
type xlsxSource struct {
	file  *excelize.File
	rows  *excelize.Rows
	sheet string
	row   int
}

// openXLSX opens the workbook at path on the named sheet, or on its first
// sheet when sheet is "".
func openXLSX(path, sheet string) (*xlsxSource, error) {
	// excelize's own bound on the unpacked size, beside checkWorkbook's;
	// sheets and shared strings over 16 MiB unpack to temporary files.
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: MaxXLSXUnpacked, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, &structureError{what: "is a password-protected or encrypted workbook; open it in Excel, remove the password and save it again"}
		}
		return nil, &structureError{what: "is not a readable Excel workbook (%[1]v: the file is damaged, cut off, or not an .xlsx); open it in Excel and save it again as .xlsx", args: []any{err}}
	}
	sheets := f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			f.Close()
			return nil, &structureError{what: "is a workbook without sheets; save it again from Excel"}
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		f.Close()
		if near := impact.Nearest(sheet, sheets); near != "" {
			return nil, &structureError{what: "has no sheet %[1]q; did you mean %[2]q? Set sheet: in the source entry to one of %[3]s", args: []any{sheet, near, quoteAll(sheets)}}
		}
		return nil, &structureError{what: "has no sheet %[1]q; set sheet: in the source entry to one of %[2]s", args: []any{sheet, quoteAll(sheets)}}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, &structureError{what: "sheet %[1]q cannot be read (%[2]v); open the workbook in Excel and save it again", args: []any{sheet, err}}
	}
	return &xlsxSource{file: f, rows: rows, sheet: sheet}, nil
}

// Next returns the next row that has a value and its row number. Empty
// rows, such as those Excel leaves at the end of a sheet that once held
// more, are skipped.
func (s *xlsxSource) Next() (int, []string, error) {
	for s.rows.Next() {
		s.row++
		cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, nil, &structureError{line: s.row, what: "row %[1]d of sheet %[2]q cannot be read (%[3]v); open the workbook in Excel and save it again", args: []any{s.row, s.sheet, err}}
		}
		for _, c := range cells {
			if strings.TrimSpace(c) != "" {
				return s.row, cells, nil
			}
		}
	}
	if err := s.rows.Error(); err != nil {
		return 0, nil, &structureError{line: s.row, what: "sheet %[1]q cannot be read after row %[2]d (%[3]v); open the workbook in Excel and save it again", args: []any{s.sheet, s.row, err}}
	}
	return 0, nil, io.EOF
}

// Close releases the workbook and its temporary files.
func (s *xlsxSource) Close() error {
	return errors.Join(s.rows.Close(), s.file.Close())
}

func quoteAll(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(quoted, ", ")
}
