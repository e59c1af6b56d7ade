package synth

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/xuri/excelize/v2"
)

// The questions of the first impact day as Microsoft Forms names its
// export's columns: the full question text. Ingest matches each to its item
// by that text (the built-in SWEMWBS statements, and the text: of the
// custom scale's items in impact.yaml), so the source entry needs no
// `columns:` map.
var (
	formsIDQuestion = "Ange ditt deltagar-ID (t.ex. BD-0042)"
	// swemwbsQuestions are the seven SWEMWBS statements, in Swedish, in item order.
	swemwbsQuestions = [7]string{
		"Jag har känt mig optimistisk inför framtiden",
		"Jag har känt mig användbar",
		"Jag har känt mig avslappnad",
		"Jag har hanterat problem bra",
		"Jag har tänkt klart",
		"Jag har känt mig nära andra människor",
		"Jag har kunnat bestämma mig i olika frågor",
	}
	// jobbtroQuestions are the custom scale's four statements; the third is reverse-coded.
	jobbtroQuestions = [4]string{
		"Jag tror att jag har ett jobb inom ett år",
		"Jag vet hur jag söker jobb i Boden",
		"Det känns meningslöst att söka jobb",
		"Jag känner arbetsgivare som behöver någon som mig",
	}
	// swemwbsLabels and jobbtroLabels are the answers 1–5 as Forms writes
	// them in the cells: the chosen option's words.
	swemwbsLabels = [5]string{"Aldrig", "Sällan", "Ibland", "Ofta", "Hela tiden"}
	jobbtroLabels = [5]string{"Stämmer inte alls", "Stämmer dåligt", "Stämmer delvis", "Stämmer ganska bra", "Stämmer helt"}
)

// formsHeader is the export's header row: Forms' own columns, then the questions.
func formsHeader() []string {
	h := []string{"ID", "Starttid", "Sluttid", "E-post", "Namn", formsIDQuestion}
	h = append(h, swemwbsQuestions[:]...)
	return append(h, jobbtroQuestions[:]...)
}

// formsExport receives the first impact day's answers in submission order.
// Like table, it keeps the first error and returns it from close.
type formsExport interface {
	add(p *person)
	close() error
}

// formsClock spaces the submissions over the day, so that the start times
// rise with the response number as they do in a real export.
type formsClock struct {
	seq  int
	step time.Duration
}

// newFormsClock spreads the expected number of respondents over 09:30–15:00.
func newFormsClock(participants int) formsClock {
	expected := max(1, participants*55/100)
	return formsClock{step: 330 * time.Minute / time.Duration(expected)}
}

// tick numbers the next submission and gives its start and end times.
func (c *formsClock) tick(p *person) (seq int, start, end time.Time) {
	c.seq++
	jitter := (p.preSeconds - 180) / 360 // in [0, 1): the person's own pace
	offset := time.Duration((float64(c.seq) + jitter) * float64(c.step))
	start = preDay.Add(9*time.Hour + 30*time.Minute + offset).Truncate(time.Second)
	end = start.Add(time.Duration(p.preSeconds) * time.Second)
	return c.seq, start, end
}

// xlsxForms writes the export as Microsoft Forms does: an XLSX with one
// sheet, Form1, with real Excel date-times. The stream writer keeps rows on
// disk; saving assembles the zip in memory, hence DefaultXLSXRowLimit.
type xlsxForms struct {
	path   string
	file   *excelize.File
	sheet  *excelize.StreamWriter
	style  int
	clock  formsClock
	values []any
	err    error
}

// newXLSXForms creates the workbook and writes its header row.
func newXLSXForms(path string, participants int) *xlsxForms {
	x := &xlsxForms{path: path, file: excelize.NewFile(), clock: newFormsClock(participants)}
	format := "yyyy-mm-dd hh:mm:ss"
	x.err = x.file.SetSheetName("Sheet1", "Form1")
	if x.err == nil {
		x.style, x.err = x.file.NewStyle(&excelize.Style{CustomNumFmt: &format})
	}
	if x.err == nil {
		x.sheet, x.err = x.file.NewStreamWriter("Form1")
	}
	if x.err == nil {
		x.err = errors.Join(x.sheet.SetColWidth(2, 3, 19), x.sheet.SetColWidth(6, 6, 24))
	}
	if x.err == nil {
		header := formsHeader()
		x.values = make([]any, len(header))
		for i, h := range header {
			x.values[i] = h
		}
		x.err = x.sheet.SetRow("A1", x.values)
	}
	return x
}

// add writes one respondent's row; an unanswered question is an empty cell.
func (x *xlsxForms) add(p *person) {
	if x.err != nil {
		return
	}
	seq, start, end := x.clock.tick(p)
	v := x.values[:0]
	v = append(v, seq,
		excelize.Cell{StyleID: x.style, Value: start},
		excelize.Cell{StyleID: x.style, Value: end},
		nil, nil, p.preID)
	for _, a := range p.pre.swemwbs {
		v = append(v, labelCell(a, swemwbsLabels))
	}
	for _, a := range p.pre.jobbtro {
		v = append(v, labelCell(a, jobbtroLabels))
	}
	cell, err := excelize.CoordinatesToCellName(1, seq+1)
	if err == nil {
		err = x.sheet.SetRow(cell, v)
	}
	x.err = err
}

// labelCell is an answer as Forms writes it, its label; nil leaves the
// cell of an unanswered question empty.
func labelCell(a int, labels [5]string) any {
	if a == 0 {
		return nil
	}
	return labelOrBlank(a, labels)
}

// close saves the workbook with fixed document properties, so that the
// same data always gives the same bytes.
func (x *xlsxForms) close() error {
	err := x.err
	if err == nil {
		err = x.sheet.Flush()
	}
	if err == nil {
		err = x.file.SetDocProps(&excelize.DocProperties{
			Creator:        "Microsoft Forms",
			LastModifiedBy: "Microsoft Forms",
			Title:          "Effektmätningsdag 1",
			Created:        "2025-01-22T15:30:00Z",
			Modified:       "2025-01-22T15:30:00Z",
		})
	}
	if err == nil {
		// Not SaveAs: it would make the file executable (mode 0777 before umask).
		err = x.save()
	}
	if err = errors.Join(err, x.file.Close()); err != nil {
		return fmt.Errorf("synth: write %s: %w", x.path, err)
	}
	return nil
}

// save writes the workbook to its path as an ordinary file.
func (x *xlsxForms) save() error {
	out, err := os.Create(x.path)
	if err != nil {
		return err
	}
	return errors.Join(x.file.Write(out), out.Close())
}

// csvForms writes the same export as a UTF-8 CSV, for projects too large
// for an XLSX; times are written as Swedish date-times to the minute.
type csvForms struct {
	t     *table
	clock formsClock
}

// newCSVForms creates the CSV and writes its header row.
func newCSVForms(path string, participants int) *csvForms {
	return &csvForms{t: createTable(path, plainCSV, formsHeader()...), clock: newFormsClock(participants)}
}

// add writes one respondent's row.
func (c *csvForms) add(p *person) {
	seq, start, end := c.clock.tick(p)
	c.t.int(seq)
	c.t.text(start.Format("2006-01-02 15:04"))
	c.t.text(end.Format("2006-01-02 15:04"))
	c.t.blank()
	c.t.blank()
	c.t.text(p.preID)
	for _, a := range p.pre.swemwbs {
		c.t.text(labelOrBlank(a, swemwbsLabels))
	}
	for _, a := range p.pre.jobbtro {
		c.t.text(labelOrBlank(a, jobbtroLabels))
	}
	c.t.end()
}

// close flushes and closes the CSV.
func (c *csvForms) close() error {
	return c.t.close()
}

// labelOrBlank is an answer's label, or "" for an unanswered question.
func labelOrBlank(a int, labels [5]string) string {
	if a == 0 {
		return ""
	}
	return labels[a-1]
}
