package ingest

import (
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// Note is something ingest did with a file that a person should see,
// although the file was read: a summary row not loaded, a header matched by
// its text, a column dropped, a register conflict.
type Note struct {
	// Line is the file's line the note is about; 0 for the whole file.
	Line int
	// What says what happened, without any raw participant id, in the
	// language of the run.
	What string
	// Said keeps the note as its message, for the store: the quality
	// report says it in its own language. Nil for a note that speaks no
	// language ("Fråga 1" → swemwbs_1).
	Said *i18n.Kept
}

// record writes the note to the store: as its message when it has one.
func (n Note) record(load *store.Load) error {
	if n.Said != nil {
		return load.NoteKept(n.Line, *n.Said)
	}
	return load.Note(n.Line, n.What)
}

// Format writes the note as `FILE:LINE: what`, or `FILE: what`.
func (n Note) Format(file string) string {
	return impact.NoteRow{Line: n.Line, Note: n.What}.Format(file)
}

// FormatIn is Format in lang: the upload page speaks the reader's
// language, which may not be the project's that the run spoke.
func (n Note) FormatIn(lang, file string) string {
	return impact.NoteRow{Line: n.Line, Note: n.What, Said: n.Said}.FormatIn(lang, file)
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

// noteOf is the note at line of the message key with args, said in lang
// (English for a language without its own) and kept for the store. A value
// that is a key of the catalogue (attribute.gender) is said in each
// reader's language.
func noteOf(lang string, line int, key string, args ...any) Note {
	if !i18n.Speaks(i18n.Ingest, lang) {
		lang = "en"
	}
	said := i18n.Keep(i18n.Ingest, lang, key, noteValues(args)...)
	return Note{Line: line, What: said.String(), Said: &said}
}

// noteCount is noteOf of key in the plural form n asks for (1 person, 2
// personer).
func noteCount(lang string, line int, key string, n int, args ...any) Note {
	if !i18n.Speaks(i18n.Ingest, lang) {
		lang = "en"
	}
	said := i18n.KeepCount(i18n.Ingest, lang, key, n, noteValues(args)...)
	return Note{Line: line, What: said.String(), Said: &said}
}

// noteValues are a note's values as the store keeps them, so that the run
// says the note as every later reader will: each as text, a count in
// plain digits, and each a word of the catalogue where it is one of its
// keys.
func noteValues(args []any) []any {
	values := make([]any, len(args))
	for i, a := range args {
		values[i] = i18n.Word(fmt.Sprint(a))
	}
	return values
}
