package ingest

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/joiningforces/impact"
)

// fold makes a header or a word comparable the way a person compares them:
// without case, accents (Kön = kon, Målgrupp = malgrupp), surrounding space,
// or a difference between -, _ and a space.
func fold(s string) string {
	// Fast path: most cells and headers are already plain lower-case ASCII
	// words, and folding them must not allocate.
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '-' || c == '_' || c <= ' ' || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining accent left by NFD: drop it.
		case r == '-' || r == '_' || unicode.IsSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// synonyms maps headers as people write them (folded) to canonical column
// names. The canonical names themselves, folded, match too.
var synonyms = map[string]string{
	// participant
	"deltagare": "participant", "deltagar id": "participant", "deltagarid": "participant", "deltagarnummer": "participant",
	"deltagar nr": "participant", "deltagarnr": "participant", "deltagarkod": "participant", "participant id": "participant",
	"participant": "participant", "respondent": "participant", "respondent id": "participant", "person id": "participant",
	// dates
	"datum": "date", "dag": "date", "date": "date",
	"startdatum": "start_date", "start": "start_date", "startade": "start_date", "inskrivningsdatum": "start_date", "inskriven": "start_date",
	// participants
	"kon": "gender", "gender": "gender", "sex": "gender",
	"malgrupp": "target_group", "target group": "target_group", "grupp": "target_group",
	"fodelsear": "birth_year", "fodd": "birth_year", "fodd ar": "birth_year", "birth year": "birth_year", "year of birth": "birth_year",
	"kohort": "cohort", "omgang": "cohort", "cohort": "cohort",
	// attendance and events
	"handelse": "event", "aktivitetstillfalle": "event", "traff": "event", "evenemang": "event", "event id": "event",
	"handelsetyp": "event_kind", "typ av handelse": "event_kind", "event kind": "event_kind", "event type": "event_kind",
	"roll": "role", "role": "role",
	"nya kontakter": "new_contacts", "antal nya kontakter": "new_contacts", "kontakter": "new_contacts", "new contacts": "new_contacts",
	// responses
	"vag": "wave", "matning": "wave", "matningstillfalle": "wave", "wave": "wave",
	"fraga": "item", "item": "item", "question": "item",
	"svar": "value", "varde": "value", "value": "value", "answer": "value",
	// job market
	"arbetsgivare": "employer", "foretag": "employer", "employer": "employer",
	"intervju": "interview", "interview": "interview",
	"erbjudande": "offer", "erbjudande om jobb": "offer", "jobberbjudande": "offer", "offer": "offer",
	"anstalld": "hired", "anstallning": "hired", "fick jobb": "hired", "hired": "hired",
	// follow-ups
	"manader efter": "months_after", "manader": "months_after", "antal manader": "months_after", "months after": "months_after",
	"status": "status", "sysselsattning": "status", "utfall": "status",
	// costs
	"aktivitet": "activity", "activity": "activity",
	"partner": "partner", "part": "partner", "organisation": "partner",
	"kategori": "category", "kostnadsslag": "category", "category": "category",
	"timmar": "hours", "antal timmar": "hours", "tid timmar": "hours", "hours": "hours",
	"timpris": "rate", "timkostnad": "rate", "a pris": "rate", "apris": "rate", "taxa": "rate", "rate": "rate", "hourly rate": "rate",
	"pris/timme": "rate", "pris per timme": "rate", "kr/timme": "rate", "kr/tim": "rate", "timarvode": "rate",
	"belopp": "amount", "kostnad": "amount", "summa": "amount", "amount": "amount", "cost": "amount",
	"typ": "kind", "kind": "kind", "budget eller utfall": "kind",
	// kpi
	"nyckeltal": "kpi", "kpi": "kpi", "kpi id": "kpi",
	"kommun": "municipality", "kommunkod": "municipality", "municipality": "municipality",
	"ar": "period", "period": "period", "year": "period",
}

// personalWords are words of a header that names personal data: a column
// that holds names, e-mail addresses, phone numbers, addresses or personal
// identity numbers must not be loaded, so such a column is refused unless
// the source maps it to drop. Headers are split into words and adjacent
// pairs are joined as well, so "E-post", "e-mail" and "Personal number"
// are caught while "Aktivitetsnamn" (one word, not a person's name) is not.
var personalWords = map[string]string{
	"name": "names", "names": "names", "namn": "names", "fornamn": "names", "efternamn": "names", "tilltalsnamn": "names",
	"firstname": "names", "lastname": "names", "fullname": "names", "surname": "names", "fullstandigt namn": "names",
	"email": "e-mail addresses", "epost": "e-mail addresses", "mejl": "e-mail addresses", "mail": "e-mail addresses",
	"epostadress": "e-mail addresses", "mejladress": "e-mail addresses", "mailadress": "e-mail addresses", "emailadress": "e-mail addresses",
	"phone": "phone numbers", "telephone": "phone numbers", "telefon": "phone numbers", "telefonnummer": "phone numbers", "tel": "phone numbers",
	"mobil": "phone numbers", "mobile": "phone numbers", "mobilnummer": "phone numbers", "mobiltelefon": "phone numbers", "phonenumber": "phone numbers",
	"address": "addresses", "adress": "addresses", "hemadress": "addresses", "gatuadress": "addresses", "postadress": "addresses",
	"personnummer": "personal identity numbers", "personnr": "personal identity numbers", "pnr": "personal identity numbers",
	"personalnumber": "personal identity numbers", "samordningsnummer": "personal identity numbers", "ssn": "personal identity numbers",
	"personalidentitynumber": "personal identity numbers",
}

// personalHeader says what personal data a header names ("names",
// "e-mail addresses" …), or "" when it names none.
func personalHeader(folded string) string {
	words := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		if what, ok := personalWords[w]; ok {
			return what
		}
		for j := i + 1; j < len(words) && j <= i+2; j++ {
			if what, ok := personalWords[strings.Join(words[i:j+1], "")]; ok {
				return what
			}
		}
	}
	return ""
}

// column is one column of a file as ingest reads it.
type column struct {
	// index is the column's position in a row, from 0.
	index int
	// header is the header as the file writes it, for messages.
	header string
	// name is the canonical column (or item id) it fills; "" when dropped.
	name string
	// unnamed marks a column without a header: it must stay empty.
	unnamed bool
	// personal names what a survey tool's name or e-mail column holds: it
	// is dropped, and must be empty or anonymous.
	personal string
}

// label names a column in a message: its header, and its canonical name
// when that differs.
func (c column) label() string {
	if c.name == "" || fold(c.header) == fold(c.name) {
		return fmt.Sprintf("%q", c.header)
	}
	return fmt.Sprintf("%q (%s)", c.header, c.name)
}

// layout is how the columns of one file map onto the canonical columns of
// its kind: the columns ingest reads, and for wide responses the item
// columns.
type layout struct {
	kind    impact.DataKind
	columns []column
	// byName finds the column that fills a canonical column.
	byName map[string]column
	// items are the item columns of a wide responses file, in file order.
	items []column
	// notes are what the matching did that a person should see.
	notes []Note
	// attributes are the participant attributes a list carries for the
	// register (named registerPrefix + the register's column).
	attributes []column
}

// mapHeader matches a file's header row against the kind's canonical
// columns, the source's columns: map and the Swedish synonyms. It refuses
// personal-data columns, unknown columns and two columns that fill the
// same canonical one, each with what to write in impact.yaml instead.
func mapHeader(header []string, kind impact.DataKind, src impact.Source, rules headerRules) (*layout, error) {
	l := &layout{kind: kind, byName: map[string]column{}}
	items, currency := rules.items, rules.currency
	tools := toolColumnsOf(header)
	submission, submissionRank := -1, 0
	mapped := map[string]string{}
	for h, to := range src.Columns {
		mapped[fold(h)] = to
	}
	canonical := map[string]string{}
	for _, c := range kind.Columns {
		canonical[fold(c.Name)] = c.Name
	}
	var unknown, personal, personalHeaders []string
	var problems []phrase
	// A file named on the command line has no source entry whose
	// columns: could map its columns: its problems say how to add one.
	listed := src.Pos.Line > 0
	seenHeader := map[string]int{}
	for i, raw := range header {
		h := strings.TrimSpace(raw)
		key := fold(h)
		col := column{index: i, header: h}
		if key == "" {
			// An empty header over an empty column is what a spreadsheet
			// leaves after a deleted column; a header-less column with data
			// is caught when the rows are read.
			col.header = fmt.Sprintf("column %d", i+1)
			col.unnamed = true
			l.columns = append(l.columns, col)
			continue
		}
		if first, ok := seenHeader[key]; ok {
			if listed {
				problems = append(problems, says("header.duplicate", h, first+1, i+1))
			} else {
				problems = append(problems, says("header.duplicate.unlisted", h, first+1, i+1))
			}
		}
		seenHeader[key] = i
		to, explicit := mapped[key]
		tool, isTool := tools[i]
		switch {
		case explicit && to == "drop":
			l.columns = append(l.columns, col)
			continue
		case !explicit && isTool && (strings.HasPrefix(h, "_") || !matchesKind(key, kind)):
			// A survey tool's own column: dropped, a name or e-mail column
			// checked to be empty, a submission time kept as a date.
			col.personal = tool.personal
			if tool.personal != "" {
				l.notes = append(l.notes, noteOf(rules.lang, 0, "note.anonymous", h))
			}
			if tool.submitted > 0 && (submission < 0 || tool.submitted < submissionRank) {
				submission, submissionRank = len(l.columns), tool.submitted
			}
			l.columns = append(l.columns, col)
			continue
		case explicit:
			col.name = to
		default:
			if name, ok := canonical[key]; ok {
				col.name = name
			} else if name, ok := synonyms[key]; ok {
				if _, inKind := kind.Column(name); inKind {
					col.name = name
				}
			}
			if col.name == "" && items != nil {
				for item := range items {
					if fold(item) == key {
						col.name = item
					}
				}
			}
			if col.name == "" && kind.Name != "kpi" && namesParticipant(key) {
				col.name = "participant"
			}
			if col.name == "" && rules.matcher != nil {
				if item := rules.matcher.match(h); item != "" {
					col.name = item
					l.notes = append(l.notes, Note{What: fmt.Sprintf("%q → %s", h, item)})
				}
			}
			if col.name == "" && carriesAttributes(kind.Name) {
				// A participant attribute on a list: for the register.
				if name := attributeOf(key); name != "" {
					col.name = registerPrefix + name
				}
			}
			if col.name == "" {
				// A unit in the header (Belopp (kr), Kostnad, SEK) is set
				// aside for matching; a currency must be the project's.
				if name, unit := matchWithUnit(key, kind); name != "" {
					col.name = name
					if code := currencyOf(unit); code != "" && currency != "" && !strings.EqualFold(code, currency) {
						problems = append(problems, says("header.currency", h, code, currency))
					}
				}
			}
		}
		if what := personalHeader(key); what != "" && !(explicit && to == "participant") {
			personal = append(personal, say(rules.lang, "header.personal.what", h, say(rules.lang, what)))
			personalHeaders = append(personalHeaders, h)
			continue
		}
		if col.name == "" {
			unknown = append(unknown, h)
			continue
		}
		if other, dup := l.byName[col.name]; dup {
			if listed {
				problems = append(problems, says("header.both", other.index+1, other.header, i+1, h, col.name))
			} else {
				problems = append(problems, says("header.both.unlisted", other.index+1, other.header, i+1, h, col.name))
			}
			continue
		}
		if items[col.name] {
			l.items = append(l.items, col)
		}
		if strings.HasPrefix(col.name, registerPrefix) {
			l.attributes = append(l.attributes, col)
		}
		l.byName[col.name] = col
		l.columns = append(l.columns, col)
	}
	if _, hasDate := kind.Column("date"); hasDate && submission >= 0 && !hasEventDate(src) {
		if _, dated := l.byName["date"]; !dated {
			// The submission time is the row's date when nothing else is.
			col := &l.columns[submission]
			col.name = "date"
			l.byName["date"] = *col
			l.notes = append(l.notes, noteOf(rules.lang, 0, "note.submitted", col.header))
		}
	}
	if len(personal) > 0 {
		if listed {
			problems = append(problems, saysCount("header.personal", len(personal), strings.Join(personal, ", ")))
		} else {
			problems = append(problems, saysCount("header.personal.unlisted", len(personal), strings.Join(personal, ", "), src.File, kind.Name, dropsOf(personalHeaders)))
		}
	}
	if len(unknown) > 0 {
		problems = append(problems, unknownColumns(unknown, kind, src, listed))
	}
	if len(problems) > 0 {
		return nil, &headerError{problems: problems}
	}
	return l, nil
}

// headerError is a header row that cannot be read: every problem of it.
type headerError struct{ problems []phrase }

func (e *headerError) Error() string { return e.in("en") }

// in is every problem of the header in lang, one sentence.
func (e *headerError) in(lang string) string {
	text := e.problems[0].In(lang)
	for _, p := range e.problems[1:] {
		text = say(lang, "header.and", text, p.In(lang))
	}
	return text
}

// dropsOf is the columns: map that drops each of headers: "A": drop, "B": drop.
func dropsOf(headers []string) string {
	drops := make([]string, len(headers))
	for i, h := range headers {
		drops[i] = fmt.Sprintf("%q: drop", h)
	}
	return strings.Join(drops, ", ")
}

// missingColumns lists the required canonical columns that neither a
// column nor the source's defaults fill.
func (l *layout) missingColumns(defaults map[string]string) []string {
	var missing []string
	for _, c := range l.kind.Columns {
		if !c.Required {
			continue
		}
		if _, ok := l.byName[c.Name]; ok {
			continue
		}
		if defaults[c.Name] != "" {
			continue
		}
		missing = append(missing, c.Name)
	}
	sort.Strings(missing)
	return missing
}

// unknownColumns says which columns are not columns of the kind, and for
// each the closest known column to map it to; it proposes drop only for a
// column that resembles none.
func unknownColumns(unknown []string, kind impact.DataKind, src impact.Source, listed bool) phrase {
	known := kind.ColumnNames()
	quoted := make([]string, len(unknown))
	var lines []string
	for i, u := range unknown {
		quoted[i] = fmt.Sprintf("%q", u)
		base, _ := splitUnit(fold(u))
		if near := impact.Nearest(base, known); near != "" {
			lines = append(lines, fmt.Sprintf("%q: %s", u, near))
		} else {
			lines = append(lines, fmt.Sprintf("%q: drop", u))
		}
	}
	if !listed {
		return saysCount("header.unknown.unlisted", len(unknown), strings.Join(quoted, ", "), kind.Name, strings.Join(known, ", "), strings.Join(lines, ", "), src.File)
	}
	return saysCount("header.unknown", len(unknown), strings.Join(quoted, ", "), kind.Name, strings.Join(known, ", "), strings.Join(lines, ", "))
}

// splitUnit sets a unit aside from a folded header: the text in final
// parentheses (belopp (kr)) or after the last comma (kostnad, sek).
func splitUnit(key string) (base, unit string) {
	if strings.HasSuffix(key, ")") {
		if open := strings.LastIndexByte(key, '('); open > 0 {
			return strings.TrimSpace(key[:open]), strings.TrimSpace(key[open+1 : len(key)-1])
		}
	}
	if comma := strings.LastIndexByte(key, ','); comma > 0 {
		return strings.TrimSpace(key[:comma]), strings.TrimSpace(key[comma+1:])
	}
	return key, ""
}

// matchWithUnit matches a folded header whose unit is set aside to a
// canonical column of the kind; it returns the column and the unit.
func matchWithUnit(key string, kind impact.DataKind) (string, string) {
	base, unit := splitUnit(key)
	if unit == "" || base == "" {
		return "", ""
	}
	for _, c := range kind.Columns {
		if fold(c.Name) == base {
			return c.Name, unit
		}
	}
	if name, ok := synonyms[base]; ok {
		if _, inKind := kind.Column(name); inKind {
			return name, unit
		}
	}
	return "", ""
}

// currencies are the currency units people write in headers, folded, by
// their ISO code.
var currencies = map[string]string{
	"kr": "SEK", "sek": "SEK", "kronor": "SEK", "svenska kronor": "SEK", "tkr": "thousands of SEK (tkr)",
	"eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR",
	"usd": "USD", "$": "USD", "dollar": "USD", "nok": "NOK", "dkk": "DKK", "gbp": "GBP", "£": "GBP",
}

// currencyOf returns the ISO code of a folded unit that is a currency, or "".
func currencyOf(unit string) string { return currencies[unit] }

// headerRules is what, besides the kind and the source, decides how a
// header is read: the items a responses file may answer and their texts,
// and the project's currency.
type headerRules struct {
	items    map[string]bool
	matcher  *itemMatcher
	currency string
	// lang is the project's language, of the notes.
	lang string
}

// toolColumnsOf finds the survey tools' own columns of a header row. An
// ID column counts only beside another of them: alone, it may be a
// hand-typed list's participant id.
func toolColumnsOf(header []string) map[int]toolColumn {
	out := map[int]toolColumn{}
	strong := false
	for i, h := range header {
		if t, ok := toolColumns[toolKey(h)]; ok {
			out[i] = t
			strong = strong || !t.weak
		}
	}
	if !strong {
		clear(out)
	}
	for i, t := range out {
		if t.weak && !strong {
			delete(out, i)
		}
	}
	return out
}

func hasEventDate(src impact.Source) bool {
	return src.Event != nil && src.Event.Date != nil && !src.Event.Date.IsZero()
}

// matchesKind reports whether a folded header is a column of the kind by
// its name or a synonym.
func matchesKind(key string, kind impact.DataKind) bool {
	for _, c := range kind.Columns {
		if fold(c.Name) == key {
			return true
		}
	}
	if name, ok := synonyms[key]; ok {
		_, inKind := kind.Column(name)
		return inKind
	}
	return false
}
