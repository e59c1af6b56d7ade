package ingest

import (
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
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

// noteTexts are the notes of ingest in each language of the project
// (languages.md); English stands in for a language without its own.
var noteTexts = map[string]map[string]string{
	"en": {
		"summary":   "a summary row (%q) was not loaded: totals are not data",
		"anonymous": "the column %q of the survey tool is not loaded: every answer in it is empty or anonymous",
		"submitted": "the submission time %q is the date of each row",
		"conflict":  "the participant register has another %s for this person; the register's value stands",
		"register":  "%d people got their %s in the participant register from this file",
	},
	"sv": {
		"summary":   "en summeringsrad (%q) lästes inte in: summor är inte data",
		"anonymous": "enkätverktygets kolumn %q lästes inte in: alla svar i den är tomma eller anonyma",
		"submitted": "inskickningstiden %q är datum för varje rad",
		"conflict":  "deltagarregistret har ett annat värde för %s för den här personen; registrets värde gäller",
		"register":  "%d personer fick sitt värde för %s i deltagarregistret från den här filen",
	},
}

// noteText is the note key in the language, with its arguments.
func noteText(lang, key string, args ...any) string {
	texts, ok := noteTexts[lang]
	if !ok {
		texts = noteTexts["en"]
	}
	return fmt.Sprintf(texts[key], args...)
}
