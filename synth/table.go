package synth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// dialect is the way one program saves a delimited text file.
type dialect struct {
	sep          byte
	crlf         bool
	bom          bool // a UTF-8 byte-order mark, as Excel's "CSV UTF-8" writes
	windows1252  bool // Excel's plain "CSV" on a Swedish Windows
	decimalComma bool // 3,5 rather than 3.5, and 18 000 with a non-breaking space
}

// The dialects the example uses.
var (
	// swedishExcel is "CSV (semikolonavgränsad)" from Excel on a Swedish
	// Windows: semicolons, decimal commas, non-breaking spaces between
	// thousands, CRLF, Windows-1252.
	swedishExcel = dialect{sep: ';', crlf: true, windows1252: true, decimalComma: true}
	// excelUTF8 is Excel's "CSV UTF-8": the same, but UTF-8 with a BOM.
	excelUTF8 = dialect{sep: ';', crlf: true, bom: true, decimalComma: true}
	// plainCSV is what most programs and scripts write.
	plainCSV = dialect{sep: ','}
	// tabbed is a list copied out of a web sign-up tool.
	tabbed = dialect{sep: '\t'}
)

// table streams the rows of one delimited text file through a buffer.
// Errors are kept and returned by close, so the code that writes rows reads
// as the rows themselves.
type table struct {
	file   *os.File
	enc    io.WriteCloser // the Windows-1252 encoder, when the dialect asks for it
	out    *bufio.Writer
	d      dialect
	line   []byte
	fields int
	err    error
}

// createTable opens path for writing in dialect d and writes the header row.
func createTable(path string, d dialect, header ...string) *table {
	t := &table{d: d}
	t.file, t.err = os.Create(path)
	if t.err != nil {
		return t
	}
	var w io.Writer = t.file
	if d.windows1252 {
		// The encoder refuses any character Windows-1252 lacks, which
		// catches a stray one in the generator instead of writing a "?".
		t.enc = transform.NewWriter(t.file, charmap.Windows1252.NewEncoder())
		w = t.enc
	}
	t.out = bufio.NewWriterSize(w, 1<<16)
	if d.bom {
		t.out.WriteString("\ufeff")
	}
	for _, h := range header {
		t.text(h)
	}
	t.end()
	return t
}

// next starts a new field.
func (t *table) next() {
	if t.fields > 0 {
		t.line = append(t.line, t.d.sep)
	}
	t.fields++
}

// text writes a string field, quoted only where the dialect needs it, as
// Excel does.
func (t *table) text(s string) {
	t.next()
	if strings.ContainsAny(s, "\"\r\n") || strings.IndexByte(s, t.d.sep) >= 0 {
		t.line = append(t.line, '"')
		t.line = append(t.line, strings.ReplaceAll(s, `"`, `""`)...)
		t.line = append(t.line, '"')
		return
	}
	t.line = append(t.line, s...)
}

// blank writes an empty field: an unanswered question, an unknown value.
func (t *table) blank() {
	t.next()
}

// int writes an integer field.
func (t *table) int(n int) {
	t.next()
	t.line = strconv.AppendInt(t.line, int64(n), 10)
}

// answer writes a questionnaire answer, or an empty field for an unanswered
// question (stored as 0).
func (t *table) answer(a int) {
	if a == 0 {
		t.blank()
		return
	}
	t.int(a)
}

// date writes an ISO date, which Swedish Excel also uses.
func (t *table) date(d time.Time) {
	t.next()
	t.line = d.AppendFormat(t.line, time.DateOnly)
}

// number writes x with at most the given decimals, trailing zeros dropped
// unless keep is set (money keeps its öre: 452,50). In the decimal-comma
// dialects, thousands are grouped with a non-breaking space, as Excel shows
// and saves a number formatted "# ##0,00".
func (t *table) number(x float64, decimals int, keep bool) {
	t.next()
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if !keep && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if !t.d.decimalComma {
		t.line = append(t.line, s...)
		return
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if math.Abs(x) >= 1000 {
		whole = groupThousands(whole)
	}
	t.line = append(t.line, whole...)
	if hasFrac {
		t.line = append(t.line, ',')
		t.line = append(t.line, frac...)
	}
}

// groupThousands puts a non-breaking space between groups of three digits.
func groupThousands(digits string) string {
	sign := ""
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(c)
	}
	return b.String()
}

// end finishes the row.
func (t *table) end() {
	if t.d.crlf {
		t.line = append(t.line, '\r')
	}
	t.line = append(t.line, '\n')
	if t.err == nil {
		_, t.err = t.out.Write(t.line)
	}
	t.line, t.fields = t.line[:0], 0
}

// close flushes and closes the file and reports the first error on the way.
func (t *table) close() error {
	if t.file == nil {
		return fmt.Errorf("synth: %w", t.err)
	}
	err := t.err
	if err == nil {
		err = t.out.Flush()
	}
	if t.enc != nil {
		err = errors.Join(err, t.enc.Close())
	}
	if err = errors.Join(err, t.file.Close()); err != nil {
		return fmt.Errorf("synth: write %s: %w", t.file.Name(), err)
	}
	return nil
}
