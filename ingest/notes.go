package ingest

import (
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Note is something ingest did with a file that a person should see,
// although the file was read: a summary row not loaded, a header matched by
// its text, a column dropped, a register conflict.
type Note struct {
	// Line is the file's line the note is about; 0 for the whole file.
	Line int
	// What says what happened, without any raw participant id.
	What string
}

// Format writes the note as `FILE:LINE: what`, or `FILE: what`.
func (n Note) Format(file string) string {
	return impact.NoteRow{Line: n.Line, Note: n.What}.Format(file)
}

// totalWords are the words a summary row of a spreadsheet starts with,
// folded.
var totalWords = map[string]bool{
	"summa": true, "totalt": true, "total": true, "sum": true, "antal": true, "medel": true,
	"medelvarde": true, "genomsnitt": true, "average": true, "count": true, "totals": true,
}

// summaryRow reports whether cells are a row of totals a person typed
// below the data: its first non-empty cell is a total word (any case, an
// optional colon), and its other cells are empty or numbers. It returns
// the word.
func summaryRow(cells []string, style numberStyle) (string, bool) {
	first := -1
	for i, c := range cells {
		if strings.TrimSpace(c) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return "", false
	}
	word := strings.TrimSpace(cells[first])
	// Most rows start with an id or a date: rule them out before folding.
	if len(word) > len("medelvärde:") || !strings.ContainsRune("sStTaAmMgGcC", rune(word[0])) {
		return "", false
	}
	if !totalWords[strings.TrimSpace(strings.TrimSuffix(fold(word), ":"))] {
		return "", false
	}
	for _, c := range cells[first+1:] {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if _, err := parseNumber(c, style); err != nil {
			return "", false
		}
	}
	return word, true
}

// notePlural is noteText of key in the plural form n asks for (1 person,
// 2 personer).
func notePlural(lang, key string, n int, args ...any) string {
	if !i18n.Speaks(i18n.Ingest, lang) {
		lang = "en"
	}
	return i18n.Plural(i18n.Ingest, lang, key, n, args...)
}

// noteText is the note key in the language, with its arguments; English
// stands in for a language without its own.
func noteText(lang, key string, args ...any) string {
	if !i18n.Speaks(i18n.Ingest, lang) {
		lang = "en"
	}
	return i18n.Sprintf(i18n.Ingest, lang, key, args...)
}
