package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// csvSource streams the records of a delimited text file in its dialect:
// decoded to UTF-8 on the fly, never held whole in memory.
type csvSource struct {
	r       *csv.Reader
	dialect Dialect
}

// newCSVSource reads delimited text in dialect d from r.
func newCSVSource(r io.Reader, d Dialect) *csvSource {
	text := textReader(bufio.NewReaderSize(r, 1<<16), d)
	cr := csv.NewReader(&lineLimiter{r: text})
	cr.Comma = d.Separator
	// Rows of people's files differ in length (trailing empty cells are
	// often left out); ingest checks the length against the header itself.
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvSource{r: cr, dialect: d}
}

// Next returns the next record and the line it starts on. Blank lines are
// skipped. At the end it returns io.EOF; a file whose quoting is broken
// gives a *structureError that says where.
func (s *csvSource) Next() (int, []string, error) {
	record, err := s.r.Read()
	if err == nil {
		line, _ := s.r.FieldPos(0)
		return line, record, nil
	}
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		switch {
		case errors.Is(perr.Err, csv.ErrQuote):
			return 0, nil, &structureError{line: perr.StartLine, what: "a value in quotes that starts on line %[1]d is never closed (the file ends, or was cut off, inside it); close the quote, or save the file again from the program that made it", args: []any{perr.StartLine}}
		case errors.Is(perr.Err, csv.ErrBareQuote):
			return 0, nil, &structureError{line: perr.Line, what: "column %[1]d: a \" inside a value that is not in quotes; put the whole value in quotes and double the \" (\"\"), or remove it", args: []any{perr.Column}}
		}
		return 0, nil, &structureError{line: perr.Line, what: "%[1]v; save the file again from the program that made it", args: []any{perr.Err}}
	}
	return 0, nil, err
}

// structureError is a file whose rows cannot be told apart: broken
// quoting, a damaged workbook. It refuses the whole file, even with
// --skip-invalid, since no row after it can be trusted.
type structureError struct {
	line int
	// what says what is wrong in English; with args it is the format, and
	// the catalogue's key, they are written into.
	what string
	args []any
}

func (e *structureError) Error() string {
	if len(e.args) == 0 {
		return e.what
	}
	return fmt.Sprintf(e.what, e.args...)
}
