package ingest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/joiningforces/impact"
)

// This file reads what survey tools export (exports.md): their own
// columns, questions headed by their text, and answers written as labels.

// toolColumn is a column a survey tool adds to every export.
type toolColumn struct {
	// submitted ranks a submission time: the lowest present becomes the
	// row's date when nothing else gives one; 0 for other columns.
	submitted int
	// personal marks a name or e-mail column: dropped when every cell is
	// empty or anonymous, else the file is refused.
	personal string
	// weak marks a header (ID) that is a tool's column only beside others.
	weak bool
}

// toolColumns are the columns of Microsoft Forms, Google Forms and
// KoboToolbox, by toolKey.
var toolColumns = map[string]toolColumn{
	// Microsoft Forms
	"id": {weak: true}, "start time": {}, "starttid": {}, "last modified time": {}, "senaste andringstid": {},
	"completion time": {submitted: 1}, "sluttid": {submitted: 1},
	"email": {personal: "e-mail addresses"}, "e post": {personal: "e-mail addresses"},
	"name": {personal: "names"}, "namn": {personal: "names"},
	// Google Forms
	"tidstampel": {submitted: 2}, "timestamp": {submitted: 2},
	"e postadress": {personal: "e-mail addresses"}, "email address": {personal: "e-mail addresses"},
	// KoboToolbox
	"start": {}, "end": {submitted: 4}, "today": {}, "deviceid": {},
	"_id": {}, "_uuid": {}, "_submission_time": {submitted: 3}, "_validation_status": {}, "_notes": {},
	"_status": {}, "_submitted_by": {}, "__version__": {}, "_tags": {}, "_index": {},
}

// toolKey is how a header is looked up in toolColumns: folded, but with
// KoboToolbox's leading underscores kept (its _status is not a status).
func toolKey(header string) string {
	h := strings.TrimSpace(header)
	if strings.HasPrefix(h, "_") {
		return strings.ToLower(h)
	}
	return fold(h)
}

// anonymous reports whether a cell of a name or e-mail column holds no
// person: empty, or the word a survey tool writes for an anonymous answer.
func anonymous(cell string) bool {
	switch fold(cell) {
	case "", "anonymous", "anonym", "anonymt", "-":
		return true
	}
	return false
}

// participantPhrases name the participant id inside a longer question
// ("Skriv ditt deltagar-id"), folded.
var participantPhrases = []string{"deltagar id", "deltagarid", "deltagarnummer", "deltagarkod", "ditt id", "participant id",
	"respondent id", "your id", "ditt nummer", "deltagar nr"}

// namesParticipant reports whether a folded header names the participant
// id, alone or inside a question.
func namesParticipant(key string) bool {
	padded := " " + strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, key) + " "
	for _, p := range participantPhrases {
		if strings.Contains(padded, " "+p+" ") {
			return true
		}
	}
	return false
}

// surveyInstruments are the instruments a responses file may answer: the
// project's, and the built-in SWEMWBS when the project never declared it
// (a file with its items or statements uses it undeclared).
func surveyInstruments(p *impact.Project) []impact.Instrument {
	for _, in := range p.Instruments {
		if in.ID == "swemwbs" || in.Builtin == "swemwbs" || slices.Contains(in.Items, "swemwbs_1") {
			return p.Instruments
		}
	}
	return append(slices.Clone(p.Instruments), impact.BuiltinSwemwbs())
}

// itemMatcher matches question headers to instrument items by their text.
type itemMatcher struct {
	// ids are the item ids, texts their normalised wordings (ids too).
	ids   []string
	texts map[string][]string
	words map[string][][]string
}

func newItemMatcher(instruments []impact.Instrument) *itemMatcher {
	m := &itemMatcher{texts: map[string][]string{}, words: map[string][][]string{}}
	for _, in := range instruments {
		for _, item := range in.Items {
			if _, seen := m.texts[item]; seen {
				continue
			}
			m.ids = append(m.ids, item)
			m.texts[item] = append(m.texts[item], normalQuestion(item))
			langs := make([]string, 0, len(in.Texts[item]))
			for lang := range in.Texts[item] {
				langs = append(langs, lang)
			}
			slices.Sort(langs)
			for _, lang := range langs {
				t := normalQuestion(in.Texts[item][lang])
				m.texts[item] = append(m.texts[item], t)
				m.words[item] = append(m.words[item], strings.Fields(t))
			}
		}
	}
	return m
}

// leadingNumber is a question's number: 3, q3, 3a.
func leadingNumber(word string) bool {
	w := strings.TrimPrefix(word, "q")
	if w == "" {
		return false
	}
	w = strings.TrimRight(w, "abcdefgh")
	_, err := strconv.Atoi(w)
	return err == nil && len(w) > 0
}

// normalQuestion normalises a question header for matching: case and
// accents folded, for a grid only the text in its last […], punctuation
// and whitespace collapsed, a leading number (3., Q3, 3)) removed.
func normalQuestion(s string) string {
	if open := strings.LastIndexByte(s, '['); open >= 0 {
		if end := strings.LastIndexByte(s, ']'); end > open {
			s = s[open+1 : end]
		}
	}
	words := strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, fold(strings.ReplaceAll(s, "'", ""))))
	if len(words) > 1 && leadingNumber(words[0]) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// match returns the item a header is, by its text or id, or else by
// sharing at least 80 % of an item's words with no other item sharing as
// many; "" when none.
func (m *itemMatcher) match(header string) string {
	h := normalQuestion(header)
	if h == "" {
		return ""
	}
	for _, id := range m.ids {
		if slices.Contains(m.texts[id], h) {
			return id
		}
	}
	have := map[string]bool{}
	for _, w := range strings.Fields(h) {
		have[w] = true
	}
	best, bestShared, tie := "", 0, false
	for _, id := range m.ids {
		shared := 0
		for _, words := range m.words[id] {
			n := 0
			for _, w := range uniqueWords(words) {
				if have[w] {
					n++
				}
			}
			if n*5 >= len(uniqueWords(words))*4 && n > shared {
				shared = n
			}
		}
		switch {
		case shared == 0:
		case shared > bestShared:
			best, bestShared, tie = id, shared, false
		case shared == bestShared:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

func uniqueWords(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// answerLabels reads the answers of one item: labels in any language, a
// number inside the scale, or a number and a label ("4 - Ofta").
type answerLabels struct {
	words map[string]float64
	// shown lists the labels for a message: "1 Aldrig/None of the time, …".
	shown string
}

// labelsOf prepares the labels of every item of the instruments.
func labelsOf(instruments []impact.Instrument) map[string]*answerLabels {
	out := map[string]*answerLabels{}
	for _, in := range instruments {
		if len(in.Labels) == 0 {
			continue
		}
		a := &answerLabels{words: map[string]float64{}}
		values := make([]float64, 0, len(in.Labels))
		for v := range in.Labels {
			values = append(values, v)
		}
		slices.Sort(values)
		var shown []string
		for _, v := range values {
			for _, w := range in.Labels[v] {
				a.words[fold(w)] = v
			}
			shown = append(shown, fmt.Sprintf("%g %s", v, strings.Join(in.Labels[v], "/")))
		}
		a.shown = strings.Join(shown, ", ")
		for _, item := range in.Items {
			out[item] = a
		}
	}
	return out
}

// answer reads one answer cell of an item: a number, a label, or both.
func (c *converter) answer(item, raw string) (float64, *valueError) {
	labels := c.labels[item]
	if labels != nil {
		if v, ok := labels.words[fold(raw)]; ok {
			return v, nil
		}
	}
	v, err := parseNumber(raw, c.style)
	if err != nil && labels != nil {
		v, err = numberAndLabel(raw, labels, c.style)
	}
	if err != nil {
		if labels != nil {
			return 0, invalidf("is not an answer", "write a number of the scale or one of its labels: %[1]s", labels.shown)
		}
		return 0, err
	}
	if serr := c.inScale(item, v); serr != nil {
		return 0, serr
	}
	return v, nil
}

// numberAndLabel reads "4 - Ofta", "4. Ofta" or "4 Ofta": the number, when
// the label beside it is its own.
func numberAndLabel(raw string, labels *answerLabels, style numberStyle) (float64, *valueError) {
	s := strings.TrimSpace(raw)
	end := 0
	for end < len(s) && (isDigitByte(s[end]) || s[end] == ',' && end+1 < len(s) && isDigitByte(s[end+1])) {
		end++
	}
	if end == 0 {
		return 0, invalid("is not an answer", "")
	}
	v, err := parseNumber(s[:end], style)
	if err != nil {
		return 0, err
	}
	rest := strings.TrimLeft(s[end:], " -–—:.)")
	if label, ok := labels.words[fold(rest)]; ok && label == v {
		return v, nil
	}
	return 0, invalid("is not an answer", "")
}

// personalColumnsError refuses a file whose survey-tool name or e-mail
// columns hold people, with the exact columns: lines to paste.
func personalColumnsError(rel string, headerLine int, cols map[int]column, lang string) error {
	indexes := make([]int, 0, len(cols))
	for i := range cols {
		indexes = append(indexes, i)
	}
	slices.Sort(indexes)
	var named, drops []string
	for _, i := range indexes {
		named = append(named, say(lang, "header.personal.what", cols[i].header, say(lang, cols[i].personal)))
		drops = append(drops, fmt.Sprintf("%q: drop", cols[i].header))
	}
	n := len(named)
	return refusedAt(rel, headerLine, saysCount("survey.personal", n, strings.Join(named, ", "), strings.Join(drops, ", ")), lang)
}
