package ingest

import (
	"errors"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// MaxListed is the number of bad rows a refusal lists before it counts the rest.
const MaxListed = 50

// problem is what is wrong with one cell (or one row) of a file.
type problem struct {
	line int
	// column labels the column as the file names it; "" for the whole row.
	column string
	// header is the column's header alone, for the rejects table.
	header string
	err    *valueError
	value  string
	// personal marks a value that looks like personal data: it refuses the
	// file even with --skip-invalid, and its value is never shown.
	personal bool
}

// message is the problem for a person at the terminal, in lang:
// `file:line: column "X": "value" is not a date; write it as YYYY-MM-DD`.
// The problem and its fix are translated when the catalogue has them.
func (p problem) message(file, lang string) string {
	// A problem the catalogue cannot say in lang is said wholly in
	// English rather than half in each.
	if !i18n.Speaks(i18n.Ingest, lang) || !translatable(lang, p.err.problem) || !translatable(lang, p.err.fix) {
		lang = "en"
	}
	key := "row"
	if p.column != "" {
		key = "cell.value"
	}
	v := ""
	if p.err.quote && !p.personal && strings.TrimSpace(p.value) != "" {
		v = p.value
		if len(v) > 40 {
			v = v[:37] + "…"
		}
		key = map[string]string{"row": "row.quoted", "cell.value": "cell.quoted"}[key]
	}
	text := i18n.Sprintf(i18n.Ingest, lang, key, file, p.line, p.column, v, say(lang, p.err.problem, p.err.problemArgs...), say(lang, p.err.fix, p.err.fixArgs...))
	// A problem without a fix ends at the problem.
	return strings.TrimSuffix(text, "; ")
}

// phrase is a text of ingest kept to be said in the language of the run:
// the catalogue's key (an English text, or an id whose plural forms are
// keyed by count) and its values, which are never translated but for a
// phrase among them. Its Error is the phrase in English.
type phrase = i18n.Kept

// says is the phrase of key with args.
func says(key string, args ...any) phrase { return i18n.Keep(i18n.Ingest, "en", key, args...) }

// saysCount is the phrase of key in the plural form of n, with args.
func saysCount(key string, n int, args ...any) phrase {
	return i18n.KeepCount(i18n.Ingest, "en", key, n, args...)
}

// phrases are the items of a list, each a phrase, said one after another.
type phrases = i18n.KeptList

// sayIn is err in lang when it is a phrase, a header's problems or a
// structure problem, else as written.
func sayIn(lang string, err error) string {
	var p phrase
	var h *headerError
	var s *structureError
	switch {
	case errors.As(err, &p):
		return p.In(lang)
	case errors.As(err, &h):
		return h.in(lang)
	case errors.As(err, &s):
		return say(lang, s.what, s.args...)
	}
	return err.Error()
}

// say is the catalogue's message english (the English text is the key)
// with args in lang; English stands in for a language without its own, and
// an English text the catalogue lacks is said as written.
func say(lang, english string, args ...any) string {
	return i18n.Keep(i18n.Ingest, lang, english, args...).In(lang)
}

// translatable tells whether the catalogue has an English problem or fix
// of a value in lang.
func translatable(lang, english string) bool {
	return english == "" || i18n.Has(i18n.Ingest, lang, english)
}

// reason is the problem as the rejects table keeps it: never the value.
func (p problem) reason() string {
	if p.column == "" {
		return p.err.Error()
	}
	return "the value " + p.err.Error()
}

// problems gathers the problems of one file: the first MaxListed in full,
// the rest counted, and the lines they are on.
type problems struct {
	listed   []problem
	count    int
	lines    int
	personal int
	lastLine int
}

func (ps *problems) add(p problem) {
	ps.count++
	if p.line != ps.lastLine {
		ps.lines++
		ps.lastLine = p.line
	}
	if p.personal {
		ps.personal++
	}
	if len(ps.listed) < MaxListed {
		ps.listed = append(ps.listed, p)
	}
}

// refusal is the error of a refused file: a first line that says what
// happened and what to do, then one line per problem.
func (ps *problems) refusal(file string, skipInvalid bool, lang string) error {
	if !i18n.Speaks(i18n.Ingest, lang) {
		lang = "en"
	}
	var b strings.Builder
	switch {
	case ps.personal > 0:
		b.WriteString(i18n.Plural(i18n.Ingest, lang, "refused.personal", ps.personal, file, ps.personal))
	default:
		b.WriteString(i18n.Plural(i18n.Ingest, lang, "refused.rows", ps.lines, file, ps.lines))
	}
	shown := 0
	for _, p := range ps.listed {
		if ps.personal > 0 && !p.personal {
			continue
		}
		b.WriteString("\n")
		b.WriteString(p.message(file, lang))
		shown++
	}
	total := ps.count
	if ps.personal > 0 {
		total = ps.personal
	}
	if total > shown {
		b.WriteString("\n")
		b.WriteString(i18n.Sprintf(i18n.Ingest, lang, "more", total-shown))
	}
	return &impact.Error{Code: impact.EDATA, Message: b.String()}
}
