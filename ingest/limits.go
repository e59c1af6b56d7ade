package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/joiningforces/impact"
)

// Limits on what a data file may hold. Each is far above what a person's
// spreadsheet holds, and each keeps a hostile or broken file (a zip bomb, a
// workbook of 20 million empty rows, a 10 MB line) from taking the memory or
// the hours of the machine: the file is refused, nothing is loaded, exit 3.
//
//   - An XLSX workbook unpacks to at most MaxXLSXUnpacked bytes, and its
//     shared strings (which excelize holds in memory) to MaxSharedStrings.
//     The sizes in the zip directory bound what each part can unpack to
//     (archive/zip refuses a part that unpacks to more than it declares), so a
//     bomb is refused before a byte of it is unpacked.
//   - Excel's own limits: a sheet has at most MaxXLSXRows rows and MaxColumns
//     columns, a cell at most MaxCellChars characters. No workbook Excel
//     saves exceeds them; a file that does was not made by Excel.
//   - A CSV file has at most MaxCSVRows rows, MaxColumns columns and lines of
//     at most MaxLineBytes bytes.
const (
	MaxXLSXUnpacked  = 1 << 30
	MaxSharedStrings = 64 << 20
	MaxXLSXRows      = 1 << 20
	MaxColumns       = 16384
	MaxCellChars     = 32767
	MaxCSVRows       = 10_000_000
	MaxLineBytes     = 1 << 20

	// maxCellBytes is the longest text an XLSX cell's XML may hold: every
	// character escaped as an entity of up to 8 bytes.
	maxCellBytes = MaxCellChars * 8
	// maxTagBytes is the longest XML tag (with its attributes).
	maxTagBytes = 64 << 10
)

// checkWorkbook reads the zip directory of the workbook at path and then
// scans its worksheets and shared strings as a stream, in bounded memory,
// before excelize opens it: a structureError names the first limit the
// workbook breaks.
func checkWorkbook(file string) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		// excelize says what is wrong with it.
		return nil
	}
	defer zr.Close()
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > MaxXLSXUnpacked {
			return &structureError{what: "unpacks to more than %[1]s (a zip bomb, or a workbook far larger than a spreadsheet of people); split it, or save it as CSV", args: []any{sizeText(MaxXLSXUnpacked)}}
		}
	}
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		sheet := strings.HasPrefix(name, "xl/worksheets/") && path.Ext(name) == ".xml"
		shared := name == "xl/sharedstrings.xml"
		if !sheet && !shared {
			continue
		}
		if shared && f.UncompressedSize64 > MaxSharedStrings {
			return &structureError{what: "holds more than %[1]s of text in its cells; split it, or save it as CSV", args: []any{sizeText(MaxSharedStrings)}}
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		rows, err := scanXML(rc, MaxXLSXRows)
		rc.Close()
		if err != nil {
			return err
		}
		if sheet && rows > MaxXLSXRows {
			return &structureError{what: "has a sheet of more than Excel's %[1]d rows; split it, or save it as CSV", args: []any{MaxXLSXRows}}
		}
	}
	return nil
}

// scanXML reads an XML part as a stream and returns the number of its row
// elements, stopping once it passes maxRows; a text or a tag over the limits
// gives a structureError. It keeps no more than a tag name in memory.
func scanXML(r io.Reader, maxRows int) (int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var (
		rows    int
		inTag   bool
		run     int
		name    [8]byte
		nameLen int
		naming  bool
	)
	for {
		b, err := br.ReadByte()
		if err == io.EOF || rows > maxRows {
			return rows, nil
		}
		if err != nil {
			// A damaged part; other read errors excelize reports.
			if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) {
				return rows, &structureError{what: "is damaged (a part of the workbook does not unpack to what it declares); open it in Excel and save it again"}
			}
			return rows, nil
		}
		switch {
		case b == '<':
			inTag, run, nameLen, naming = true, 0, 0, true
		case inTag && b == '>':
			if naming && isRowTag(name[:nameLen]) {
				rows++
			}
			inTag, run, naming = false, 0, false
		case inTag && naming:
			if b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '/' {
				naming = false
				if isRowTag(name[:nameLen]) {
					rows++
				}
			} else if nameLen < len(name) {
				name[nameLen] = b
				nameLen++
			} else {
				naming = false
			}
		}
		run++
		if inTag && run > maxTagBytes {
			return rows, &structureError{what: "has an XML tag longer than %[1]s; the file was not saved by Excel: open it in Excel and save it again", args: []any{sizeText(maxTagBytes)}}
		}
		if !inTag && run > maxCellBytes {
			return rows, &structureError{what: "has a cell longer than Excel's %[1]d characters; shorten it, or save the sheet as CSV", args: []any{MaxCellChars}}
		}
	}
}

// isRowTag reports whether a tag name is a row start: row or x:row.
func isRowTag(name []byte) bool {
	s := string(name)
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[i+1:]
	}
	return s == "row"
}

// sizeText writes a size in bytes as "1 GiB", "64 MiB", "64 KiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// lineLimiter passes text through and fails once a line is longer than
// MaxLineBytes, before csv.Reader would gather it whole.
type lineLimiter struct {
	r    io.Reader
	run  int
	line int
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	// Line by line, not byte by byte: IndexByte finds each end of line
	// many bytes at a time (reading a million-row file spent 0.8 s here).
	for rest := p[:n]; ; {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			l.run += len(rest)
			if l.run > MaxLineBytes {
				return 0, l.tooLong()
			}
			return n, err
		}
		if l.run+i > MaxLineBytes {
			return 0, l.tooLong()
		}
		l.line++
		l.run = 0
		rest = rest[i+1:]
	}
}

// tooLong is the refusal of the line being read.
func (l *lineLimiter) tooLong() error {
	return &structureError{line: l.line + 1, what: "line %[1]d is longer than %[2]s; a line of a data file is one row of people's answers: check that the file is the right one, or split the long values", args: []any{l.line + 1, sizeText(MaxLineBytes)}}
}

// limitedRows refuses a file whose rows or columns go over the limits, as
// they are read.
type limitedRows struct {
	rowSource
	maxRows int
	rows    int
}

func (l *limitedRows) Next() (int, []string, error) {
	line, cells, err := l.rowSource.Next()
	if err != nil {
		return line, cells, err
	}
	if l.rows++; l.rows > l.maxRows {
		return 0, nil, &structureError{line: line, what: "has more than %[1]d rows; split it into files of fewer rows", args: []any{l.maxRows}}
	}
	if len(cells) > MaxColumns {
		return 0, nil, &structureError{line: line, what: "row %[1]d has %[2]d columns, more than %[3]d; check that the file is the right one", args: []any{line, len(cells), MaxColumns}}
	}
	return line, cells, nil
}

// checkEventID refuses an event id that is not an id: letters, digits, -
// and _ only, at most 64 characters. Ids are shown on pages and in
// reports and used in file names; markup or a sentence is no id.
func checkEventID(s string) *valueError {
	if !impact.ValidID(s) {
		return invalid("is not an event id", "use letters, digits, - and _ only, at most 64 characters, such as natverkstraff-4")
	}
	return nil
}
