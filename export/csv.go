package export

import (
	"bufio"
	"encoding/csv"
	"io"
)

// CSV writes one table as CSV in a dialect, row by row.
type CSV struct {
	buf     *bufio.Writer
	w       *csv.Writer
	dialect Dialect
	record  []string
}

// NewCSV starts a CSV file on w in dialect d, with its byte-order mark if
// the dialect has one.
func NewCSV(w io.Writer, d Dialect) (*CSV, error) {
	buf := bufio.NewWriter(w)
	if d.BOM {
		if _, err := buf.WriteString("\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(buf)
	cw.Comma = d.Comma
	// Excel on Windows writes and expects CRLF; so does RFC 4180.
	cw.UseCRLF = true
	return &CSV{buf: buf, w: cw, dialect: d}, nil
}

// Header writes the column names.
func (c *CSV) Header(columns []string) error { return c.w.Write(columns) }

// Row writes one row of values as the store holds them.
func (c *CSV) Row(values []any) error {
	c.record = c.record[:0]
	for _, v := range values {
		c.record = append(c.record, c.dialect.Cell(v))
	}
	return c.w.Write(c.record)
}

// Close flushes what is buffered.
func (c *CSV) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}
