package ingest

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings a delimited text file may be in.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	UTF16LE     = "UTF-16 LE"
	UTF16BE     = "UTF-16 BE"
	Windows1252 = "Windows-1252"
)

// Dialect is how one program wrote a delimited text file: its encoding,
// its separator and its decimal separator.
type Dialect struct {
	// Encoding is one of UTF8, UTF8BOM, UTF16LE, UTF16BE or Windows1252.
	Encoding string
	// Separator is ',', ';' or '\t'.
	Separator rune
	// DecimalComma is set where numbers are written 3,5: in the
	// semicolon-separated files of Excel on a Swedish Windows, and in its
	// tab-separated "Unicode text".
	DecimalComma bool
}

// String describes the dialect for a person, such as
// "Windows-1252, separated by ';', decimal comma".
func (d Dialect) String() string {
	sep := map[rune]string{',': "','", ';': "';'", '\t': "tabs"}[d.Separator]
	s := fmt.Sprintf("%s, separated by %s", d.Encoding, sep)
	if d.DecimalComma {
		s += ", decimal comma"
	}
	return s
}

// sniffSize is how much of a file the dialect is detected from.
const sniffSize = 64 << 10

// notTextError is a file that is not delimited text at all.
type notTextError struct{ what string }

func (e *notTextError) Error() string { return e.what }

// DetectDialect finds the encoding and separator of a delimited text file
// from its first bytes (64 KiB are plenty). A byte-order mark decides the
// encoding; without one, text that is valid UTF-8 is UTF-8 and anything else
// is Windows-1252, which is what Excel on a Swedish Windows writes. A file
// that is not text (a workbook, a PDF, anything with NUL bytes) is refused
// with what it looks like. head may end inside a character.
func DetectDialect(head []byte) (Dialect, error) {
	return detectDialect(head, len(head) < sniffSize, true)
}

// detectDialect is DetectDialect where the caller may know more: whole
// says head is the whole file, and validUTF8 whether the whole file is
// valid UTF-8 (ingest learns it while hashing the file).
func detectDialect(head []byte, whole, validUTF8 bool) (Dialect, error) {
	var d Dialect
	if err := notText(head); err != nil {
		return d, err
	}
	var text []byte
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		d.Encoding = UTF8BOM
		text = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		d.Encoding = UTF16LE
		text = decodeHead(head, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		d.Encoding = UTF16BE
		text = decodeHead(head, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	default:
		if bytes.IndexByte(head, 0) >= 0 {
			return d, &notTextError{"is not a text file (it holds NUL bytes: a binary file, or UTF-16 text without a byte-order mark); save it from Excel as CSV (UTF-8) or as an Excel workbook (.xlsx)"}
		}
		if validUTF8 && validUTF8Prefix(head, whole) {
			d.Encoding = UTF8
			text = head
		} else {
			d.Encoding = Windows1252
			text = decodeHead(head, charmap.Windows1252.NewDecoder())
		}
	}
	if d.Encoding != UTF8 && d.Encoding != Windows1252 && bytes.IndexByte(text, 0) >= 0 {
		return d, &notTextError{"is not a text file (it holds NUL characters); save it from Excel as CSV (UTF-8) or as an Excel workbook (.xlsx)"}
	}
	d.Separator = detectSeparator(text)
	d.DecimalComma = d.Separator == ';' || d.Separator == '\t' && d.Encoding != UTF8 && d.Encoding != UTF8BOM
	return d, nil
}

// notText recognises the files people most often save with a wrong name:
// a workbook, an old Excel file, a PDF, a zip.
func notText(head []byte) error {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return &notTextError{"is a zip archive, such as an Excel workbook, not a CSV file; name it .xlsx if it is a workbook, or save it from Excel as CSV"}
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return &notTextError{"is an old Excel workbook (.xls), not a CSV file; open it in Excel and save it as .xlsx or as CSV (UTF-8)"}
	case bytes.HasPrefix(head, []byte("%PDF")):
		return &notTextError{"is a PDF document, not a data file; export the data behind it as CSV or .xlsx"}
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return &notTextError{"is gzip-compressed; uncompress it first"}
	}
	return nil
}

// decodeHead decodes a prefix of a file, dropping a character cut off at
// its end.
func decodeHead(head []byte, dec transform.Transformer) []byte {
	out := make([]byte, 0, len(head)*3/2)
	buf := make([]byte, 4096)
	src := head
	for len(src) > 0 {
		n, consumed, err := dec.Transform(buf, src, false)
		out = append(out, buf[:n]...)
		src = src[consumed:]
		if err != nil && err != transform.ErrShortDst {
			break
		}
		if consumed == 0 && n == 0 {
			break
		}
	}
	return out
}

// validUTF8Prefix reports whether head is valid UTF-8, allowing a
// character cut off at its end unless head is the whole file.
func validUTF8Prefix(head []byte, whole bool) bool {
	if utf8.Valid(head) {
		return true
	}
	if whole {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(head); cut++ {
		if utf8.Valid(head[:len(head)-cut]) {
			return true
		}
	}
	return false
}

// detectSeparator picks the separator whose count is the same on the most
// of the first lines (quoted text ignored), preferring more columns, then
// ';', tab and ',' in that order: a Swedish file's decimal commas vary from
// line to line, its semicolons do not. A file of one column is ','.
func detectSeparator(text []byte) rune {
	candidates := []rune{';', '\t', ','}
	lines := splitLines(text, 50)
	best, bestScore := ',', -1
	for _, sep := range candidates {
		counts := make([]int, len(lines))
		for i, line := range lines {
			counts[i] = countOutsideQuotes(line, byte(sep))
		}
		if len(counts) == 0 || counts[0] == 0 {
			continue
		}
		// Score: lines that agree with the header, weighted far above the
		// number of columns.
		agree := 0
		for _, c := range counts {
			if c == counts[0] {
				agree++
			}
		}
		score := agree*1000 + min(counts[0], 999)
		if score > bestScore {
			best, bestScore = sep, score
		}
	}
	return best
}

// splitLines returns up to n lines of text, keeping a quoted line break
// inside its line; the last, possibly cut-off, line is dropped when there
// are others.
func splitLines(text []byte, n int) [][]byte {
	var lines [][]byte
	quoted := false
	start := 0
	for i := 0; i < len(text) && len(lines) < n; i++ {
		switch text[i] {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				line := bytes.TrimRight(text[start:i], "\r")
				if len(bytes.TrimSpace(line)) > 0 {
					lines = append(lines, line)
				}
				start = i + 1
			}
		}
	}
	if len(lines) == 0 && start < len(text) {
		lines = append(lines, text[start:])
	}
	return lines
}

func countOutsideQuotes(line []byte, sep byte) int {
	n := 0
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case c == sep && !quoted:
			n++
		}
	}
	return n
}

// textReader returns the file's text as UTF-8 without a byte-order mark.
// UTF-8 passes through untouched, which is what makes large files fast.
func textReader(r io.Reader, d Dialect) io.Reader {
	switch d.Encoding {
	case UTF8BOM:
		var bom [3]byte
		if _, err := io.ReadFull(r, bom[:]); err != nil {
			return r
		}
		return r
	case UTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case UTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case Windows1252:
		return transform.NewReader(r, charmap.Windows1252.NewDecoder())
	}
	return r
}
