package export

import (
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbook writes an Excel workbook, one sheet per table, in the order the
// sheets are added: numbers as numbers, days as dates, text as text (never
// as a formula, whatever it starts with).
type Workbook struct {
	file     *excelize.File
	dayStyle int
	sheets   int
	sheet    *excelize.StreamWriter
	row      int
	cells    []any
}

// NewWorkbook starts an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	// Built-in number format 14 is the day in the reader's own locale.
	day, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return nil, err
	}
	return &Workbook{file: f, dayStyle: day}, nil
}

// Sheet starts a sheet named name (at most 31 characters, as Excel allows)
// with the given column names in bold on its first row.
func (wb *Workbook) Sheet(name string, columns []string) error {
	if err := wb.flush(); err != nil {
		return err
	}
	if wb.sheets == 0 {
		// The new file's one sheet becomes the first.
		if err := wb.file.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := wb.file.NewSheet(name); err != nil {
		return err
	}
	wb.sheets++
	sw, err := wb.file.NewStreamWriter(name)
	if err != nil {
		return err
	}
	bold, err := wb.file.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	header := make([]any, len(columns))
	for i, c := range columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c}
	}
	// The header stays in view as the table scrolls.
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	wb.sheet, wb.row = sw, 1
	return nil
}

// Row adds one row of values as the store holds them to the current sheet.
func (wb *Workbook) Row(values []any) error {
	wb.row++
	wb.cells = wb.cells[:0]
	for _, v := range values {
		switch v := v.(type) {
		case time.Time:
			if isDay(v) {
				wb.cells = append(wb.cells, excelize.Cell{StyleID: wb.dayStyle, Value: v.UTC()})
				continue
			}
			wb.cells = append(wb.cells, v.UTC())
		case string:
			// A string is a string: excelize writes it as text, so a
			// value such as "=1+1" from a survey is never a formula.
			wb.cells = append(wb.cells, v)
		case []byte:
			wb.cells = append(wb.cells, string(v))
		default:
			wb.cells = append(wb.cells, v)
		}
	}
	// Checked before excelize names the cell, which would refuse the row
	// with words of its own.
	if wb.row > excelize.TotalRows {
		return impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.CLI, "en", "refuse.export.excel_rows", excelize.TotalRows-1))
	}
	cell, err := excelize.CoordinatesToCellName(1, wb.row)
	if err != nil {
		return err
	}
	return wb.sheet.SetRow(cell, wb.cells)
}

func (wb *Workbook) flush() error {
	if wb.sheet == nil {
		return nil
	}
	err := wb.sheet.Flush()
	wb.sheet = nil
	return err
}

// Write writes the workbook to w and closes it.
func (wb *Workbook) Write(w io.Writer) error {
	if err := wb.flush(); err != nil {
		return err
	}
	wb.file.SetActiveSheet(0)
	if err := wb.file.Write(w); err != nil {
		return err
	}
	return wb.file.Close()
}
