package ingest

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// field reads one canonical column of a row: from a column of the file,
// or, when the file has none, from the source's default (event metadata,
// wave).
type field struct {
	name string
	typ  impact.ColumnType
	// required fields may not be empty.
	required bool
	// col is the file's column; index -1 when the value is the default.
	col column
	// def is the default's stored value, nil for none.
	def any
	// memo remembers the values of cells already parsed: files repeat a
	// date, an event, a wave or an answer on row after row, and parsing
	// and boxing each once keeps the hot loop free of allocations. It is
	// bounded, so a column of distinct values costs no memory.
	memo map[string]any
	// lastID and lastPseudonym remember the previous participant.
	lastID        string
	lastPseudonym any
	// lastRaw and lastValue remember the last cell of any other column
	// that was read well, and its value.
	lastRaw   string
	lastValue any
}

// memoSize bounds each column's memo of parsed cells.
const memoSize = 1024

// converter turns the cells of one row into the stored values of its kind,
// in store.Tables order, or into problems.
type converter struct {
	kind   string
	fields []field // in store.Tables order; wide responses end before item and value
	// width is the number of values of a stored row (storedWidth).
	width      int
	columns    []column // every column of the file, dropped ones too
	style      numberStyle
	dateLayout string
	pseudonyms *Pseudonymiser
	// items are the item columns of a wide responses file, and scales the
	// answer range of every item.
	items  []column
	long   bool
	scales map[string]impact.Scale
	itemOf map[string]string // item id, or folded item id -> item id, for long form
	boxed  map[string]any    // item id -> the same, boxed once
	// wideForm is the form of a wide file's lines; longForms the one-item
	// form of each item of a long file.
	wideForm  *form
	longForms map[string]*form
	// slab is where valueList takes each line's answer values from.
	slab []any
	// answerMemo remembers, for each item column of a wide file, the
	// answer of each cell text already read, boxed: a survey column holds
	// a handful of distinct answers ("4", "Ofta") on every row, and
	// reading each once keeps labels' case folding out of the row loop.
	// Each memo is bounded by memoSize; only good answers are kept.
	answerMemo []map[string]any
	// answerByte is the same for cells of one byte (most answers: "1" …
	// "5"), indexed by the byte instead of hashed; nil where not known.
	answerByte [][256]any
	// typed holds, by column index, the type of a column whose cells are
	// numbers or dates: a cell it reads is never a personal identity number.
	typed map[int]impact.ColumnType
	// activities finds a theory-of-change activity by its id or name
	// (looseKey); activityNames lists them for messages.
	activities    map[string]string
	activityNames string
	categories    vocabulary
	// personalCols are the survey tool's name and e-mail columns found
	// holding a person, which refuse the file.
	personalCols map[int]column
	// attributes are the participant attributes the file carries for the
	// register; stage gathers what the file says of each person for the
	// comparison with the register (nil without a store), and stageErr is
	// its first failure.
	attributes []column
	stage      *store.RegisterStage
	stageErr   error
	// attributeFields parse the attributes, one per attribute column,
	// each remembering its values (readAttributes).
	attributeFields []field
	// labels reads the answer labels of each item that has them.
	labels map[string]*answerLabels
	// idPattern is the project's participant_id.pattern, compiled.
	idPattern   *regexp.Regexp
	idPatternAs string
}

// newConverter prepares the conversion of a file's rows given its layout
// and the source's defaults. It returns an error for a layout the kind
// cannot be read from, such as a missing required column.
func newConverter(l *layout, src impact.Source, p *impact.Project, style numberStyle, dateLayout string, pseudonyms *Pseudonymiser) (*converter, error) {
	c := &converter{kind: l.kind.Name, columns: l.columns, attributes: l.attributes, style: style, dateLayout: dateLayout, pseudonyms: pseudonyms,
		width: storedWidth(l.kind.Name), scales: map[string]impact.Scale{}, itemOf: map[string]string{}, boxed: map[string]any{}}
	if err := c.exportRules(p); err != nil {
		return nil, err
	}
	defaults := sourceDefaults(src)
	if missing := l.missingColumns(defaults); len(missing) > 0 {
		return nil, missingError(l, missing)
	}
	instruments := surveyInstruments(p)
	c.labels = labelsOf(instruments)
	for _, in := range instruments {
		for _, item := range in.Items {
			c.scales[item] = in.Scale
			c.itemOf[item] = item
			c.itemOf[fold(item)] = item
			c.boxed[item] = item
		}
	}
	if c.kind == "responses" {
		_, hasItem := l.byName["item"]
		_, hasValue := l.byName["value"]
		switch {
		case len(l.items) > 0 && (hasItem || hasValue):
			return nil, says("has both item columns (%[1]s) and item/value columns; a responses file is either wide (one column per item) or long (participant, wave, item, value), so map one set to drop", l.items[0].header)
		case len(l.items) > 0:
			c.items = l.items
		case hasItem && hasValue:
			c.long = true
		case hasItem || hasValue:
			return nil, says("has an item or a value column but not both; a long responses file has participant, wave, item and value columns")
		default:
			return nil, says("has no answers: no column is an item of the project's instruments (%[1]s) and there are no item and value columns; name the question columns by their item ids, or map each question to its item in the source's columns:, such as columns: {\"Fråga 1\": swemwbs_1}",
				strings.Join(itemList(p), ", "))
		}
	}
	for _, name := range store.Tables[c.kind] {
		kc, _ := l.kind.Column(name)
		f := field{name: name, typ: kc.Type, required: kc.Required, col: column{index: -1}}
		if col, ok := l.byName[name]; ok {
			f.col = col
		}
		if d := defaults[name]; d != "" {
			value, verr := f.parse(d, c)
			if verr != nil {
				return nil, says("the source's %[1]s %[2]q %[3]s; %[4]s", name, d, says(verr.problem, verr.problemArgs...), says(verr.fix, verr.fixArgs...))
			}
			f.def = value
		}
		c.fields = append(c.fields, f)
	}
	if c.kind == "responses" && !c.long {
		// The item and value of a wide file come from its item columns.
		c.fields = c.fields[:len(c.fields)-2]
		items := make([]string, len(c.items))
		for i, col := range c.items {
			items[i] = col.name
		}
		c.wideForm = &form{items: items}
		c.answerMemo = make([]map[string]any, len(c.items))
		c.answerByte = make([][256]any, len(c.items))
		for i := range c.answerMemo {
			c.answerMemo[i] = map[string]any{}
		}
	}
	return c, nil
}

// storedWidth is the number of values a stored row of the kind has: the
// columns of store.AnswerColumns for survey answers (one row per line), of
// store.Tables for every other kind.
func storedWidth(kind string) int {
	if kind == "responses" {
		return len(store.AnswerColumns)
	}
	return len(store.Tables[kind])
}

// form is an ordered list of items that an answers row's values answer.
// The converter makes one per list (one for a wide file, one per item for
// a long one); the loading goroutine gives it the store's id when it
// appends the first row of it (resolveForms).
type form struct {
	items []string
	id    int32
}

// formAt is the index of the form among the values of a stored answers
// row (store.AnswerColumns), and valuesAt that of its values.
const (
	formAt   = 4
	valuesAt = 5
)

// slabSize is the number of answer values allocated at once: each line's
// values are a slice of a slab, not an allocation of their own.
const slabSize = 16384

// valueList returns a fresh slice of n answer values, all nil. Its memory
// is never handed out again: the loading goroutine reads it later.
func (c *converter) valueList(n int) []any {
	if len(c.slab) < n {
		c.slab = make([]any, max(slabSize, n))
	}
	list := c.slab[:n:n]
	c.slab = c.slab[n:]
	return list
}

// sourceDefaults are the values a source entry (or the command line)
// gives for columns the file lacks.
func sourceDefaults(src impact.Source) map[string]string {
	d := map[string]string{}
	if e := src.Event; e != nil {
		d["event"] = e.ID
		d["event_kind"] = e.Kind
		if e.Date != nil && !e.Date.IsZero() {
			d["date"] = e.Date.String()
		}
	}
	d["wave"] = src.Wave
	return d
}

// missingError says which required columns a file lacks and how to give them.
func missingError(l *layout, missing []string) error {
	var hints phrases
	for _, name := range missing {
		switch name {
		case "event", "event_kind", "date":
			hints = append(hints, says("%[1]s (a column, or event: {id, kind, date} in the source entry, or --event/--event-kind/--date)", name))
		case "wave":
			hints = append(hints, says("wave (a column, or wave: in the source entry, or --wave)"))
		default:
			hints = append(hints, says("%[1]s (name a column %[1]s, or map one to it in the source's columns:)", name))
		}
	}
	return says("has no column for %[1]s, which %[2]s needs: %[3]s", strings.Join(missing, ", "), l.kind.Name, hints)
}

func itemList(p *impact.Project) []string {
	var items []string
	for _, in := range surveyInstruments(p) {
		items = append(items, in.Items...)
	}
	if len(items) > 6 {
		items = append(items[:6], "…")
	}
	return items
}

// convert turns one row into a row of stored values, appended to out (a
// survey line is one answers row, however many items it answers; see
// store.AnswerColumns), or reports its problems. It returns the number of
// stored rows.
func (c *converter) convert(line int, cells []string, out []any, report func(problem)) ([]any, int) {
	bad := false
	fail := func(col column, value string, err *valueError, personal bool) {
		bad = true
		report(problem{line: line, column: col.label(), header: col.header, value: value, err: err, personal: personal})
	}
	// Cells beyond the header, and cells under an empty header, must be empty.
	for i, cell := range cells {
		if i < len(c.columns) {
			col := c.columns[i]
			if col.unnamed && strings.TrimSpace(cell) != "" {
				fail(column{header: col.header}, cell, &valueError{problem: "has a value but the column has no header", fix: "give the column a header (and map it, or map it to drop), or delete the column"}, false)
			}
			continue
		}
		if strings.TrimSpace(cell) != "" {
			fail(column{}, "", &valueError{problem: fmt.Sprintf("the row has %d values but the header has %d columns", len(cells), len(c.columns)),
				fix: "check for a separator inside a value (put such values in quotes) or a missing header"}, false)
			break
		}
	}
	// A survey tool's name or e-mail column is dropped only while it holds
	// no person.
	for _, col := range c.columns {
		if col.personal != "" && col.index < len(cells) && !anonymous(cells[col.index]) {
			if c.personalCols == nil {
				c.personalCols = map[int]column{}
			}
			c.personalCols[col.index] = col
			fail(col, "", &valueError{problem: "holds " + col.personal, fix: "personal data must not be loaded"}, true)
		}
	}
	// A personal identity number anywhere refuses the file. Dropped columns
	// are not read at all.
	for _, col := range c.columns {
		if col.name == "" || col.index >= len(cells) {
			continue
		}
		if containsPersonnummer(cells[col.index]) && !c.readsTyped(col, cells[col.index]) {
			fail(col, "", &valueError{problem: "holds what looks like a Swedish personal identity number",
				fix: "remove it from the file: personal data must not be loaded (or map the column to drop in the source's columns:)"}, true)
		}
	}
	start := len(out)
	for i := range c.fields {
		f := &c.fields[i]
		raw := ""
		if f.col.index >= 0 && f.col.index < len(cells) {
			raw = cells[f.col.index]
		}
		if f.col.index >= 0 && strings.TrimSpace(raw) != "" {
			value, err := f.cachedParse(raw, c)
			if err != nil {
				fail(f.col, raw, err, false)
				out = append(out, nil)
				continue
			}
			out = append(out, value)
			continue
		}
		if f.def != nil {
			out = append(out, f.def)
			continue
		}
		value, err := f.empty()
		if err != nil {
			col := f.col
			if col.index < 0 {
				col = column{header: f.name}
			}
			fail(col, "", err, false)
		}
		out = append(out, value)
	}
	if len(c.attributes) > 0 && !bad {
		participant, _ := out[start].(string)
		c.readAttributes(line, cells, participant, func(col column, value string, err *valueError) {
			fail(col, value, err, false)
		})
	}
	if bad {
		return out[:start], 0
	}
	switch {
	case c.kind == "costs":
		return c.costAmount(line, out, start, report)
	case c.kind == "responses" && c.long:
		return c.longAnswer(line, out, start, report)
	case c.kind == "responses":
		return c.wideAnswers(line, cells, out, start, report)
	}
	return out, 1
}

// costAmount fills an empty amount with hours × rate.
func (c *converter) costAmount(line int, out []any, start int, report func(problem)) ([]any, int) {
	row := out[start:]
	// costs: date, activity, partner, category, hours, rate, amount, kind
	if row[6] == nil {
		hours, hok := row[4].(float64)
		rate, rok := row[5].(float64)
		if !hok || !rok {
			report(problem{line: line, column: `"amount"`, header: "amount", err: &valueError{problem: "is empty and hours and rate are not both given",
				fix: "write the amount, or the hours and the hourly rate (amount = hours × rate)"}})
			return out[:start], 0
		}
		row[6] = math.Round(hours*rate*100) / 100
	}
	return out, 1
}

// longAnswer checks the item and value of a long-form answer.
func (c *converter) longAnswer(line int, out []any, start int, report func(problem)) ([]any, int) {
	row := out[start:]
	itemCol, valueCol := c.fields[4].col, c.fields[5].col
	rawItem, _ := row[4].(string)
	item, ok := c.itemOf[rawItem]
	if !ok {
		item, ok = c.itemOf[fold(rawItem)]
	}
	if !ok {
		report(problem{line: line, column: itemCol.label(), header: itemCol.header, value: rawItem, err: invalidf("is not an item of the project's instruments",
			"use an item id such as %[1]s, or add the instrument to impact.yaml", strings.Join(keysOf(c.scales, 3), ", "))})
		return out[:start], 0
	}
	row[4] = c.boxed[item]
	if label, ok := row[5].(string); ok {
		v, err := c.answer(item, label)
		if err != nil {
			report(problem{line: line, column: valueCol.label(), header: valueCol.header, value: label, err: err})
			return out[:start], 0
		}
		row[5] = v
	} else if v, ok := row[5].(float64); ok {
		if err := c.inScale(item, v); err != nil {
			report(problem{line: line, column: valueCol.label(), header: valueCol.header, value: fmt.Sprint(v), err: err})
			return out[:start], 0
		}
	}
	// One answers row: the item's one-item form and its value.
	f := c.longForms[item]
	if f == nil {
		f = &form{items: []string{item}}
		if c.longForms == nil {
			c.longForms = map[string]*form{}
		}
		c.longForms[item] = f
	}
	values := c.valueList(1)
	values[0] = row[5]
	row[formAt], row[valuesAt] = f, values
	return out, 1
}

// wideAnswers stores a wide row as one answers row: the row's participant,
// event, date and wave, the file's form and the answer to each of its item
// columns in their order (nil for a question left unanswered).
func (c *converter) wideAnswers(line int, cells []string, out []any, start int, report func(problem)) ([]any, int) {
	values := c.valueList(len(c.items))
	bad := false
	for i, col := range c.items {
		raw := ""
		if col.index < len(cells) {
			raw = cells[col.index]
		}
		if len(raw) == 1 && raw[0] > ' ' {
			// One byte that is not space: nothing to trim.
			if v := c.answerByte[i][raw[0]]; v != nil {
				values[i] = v
				continue
			}
		} else {
			raw = strings.TrimSpace(raw)
		}
		if raw == "" {
			continue
		}
		memo := c.answerMemo[i]
		if v, ok := memo[raw]; ok {
			values[i] = v
			continue
		}
		v, err := c.answer(col.name, raw)
		if err != nil {
			report(problem{line: line, column: col.label(), header: col.header, value: raw, err: err})
			bad = true
			continue
		}
		var boxed any = v
		if len(raw) == 1 {
			c.answerByte[i][raw[0]] = boxed
		}
		if len(memo) < memoSize {
			// A copy of the key: raw is a slice of the reader's line buffer.
			memo[strings.Clone(raw)] = boxed
		}
		values[i] = boxed
	}
	if bad {
		return out[:start], 0
	}
	return append(out, c.wideForm, values), 1
}

// inScale checks an answer against its instrument's scale.
func (c *converter) inScale(item string, v float64) *valueError {
	s, ok := c.scales[item]
	if !ok || s.Min == s.Max {
		return nil
	}
	if v < s.Min || v > s.Max {
		return invalidf("is outside the answer scale", "answers to %[1]s are from %[2]v to %[3]v; leave the cell empty for an unanswered question", item, s.Min, s.Max)
	}
	return nil
}

func keysOf(m map[string]impact.Scale, n int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

// cachedParse parses raw, reusing the previous cell's value when raw repeats it.
func (f *field) cachedParse(raw string, c *converter) (any, *valueError) {
	if f.typ == impact.TypeParticipant {
		// Only the last id is remembered (a person's rows come together):
		// a memo of many ids would keep personal data in memory longer.
		if f.lastID == raw && f.lastPseudonym != nil {
			return f.lastPseudonym, nil
		}
		value, err := f.parse(raw, c)
		if err == nil {
			f.lastID, f.lastPseudonym = strings.Clone(raw), value
		}
		return value, err
	}
	if raw == f.lastRaw && f.lastValue != nil {
		// A file's event, date or wave is most often the row before's.
		return f.lastValue, nil
	}
	if value, ok := f.memo[raw]; ok {
		// A copy: raw is a slice of the reader's line, which holds the
		// participant's id.
		f.lastRaw, f.lastValue = strings.Clone(raw), value
		return value, nil
	}
	value, err := f.parse(raw, c)
	if err != nil {
		return nil, err
	}
	if value != nil {
		f.lastRaw, f.lastValue = strings.Clone(raw), value
	}
	if f.memo == nil {
		f.memo = make(map[string]any)
	}
	if len(f.memo) < memoSize {
		// A copy of the key: raw is a slice of the reader's line buffer.
		f.memo[strings.Clone(raw)] = value
	}
	return value, nil
}

// parse turns a non-empty cell into the stored value of the field's type.
func (f *field) parse(raw string, c *converter) (any, *valueError) {
	s := strings.TrimSpace(raw)
	switch f.typ {
	case impact.TypeParticipant:
		if c.idPattern != nil && !c.idPattern.MatchString(stripIDSeparators(s)) {
			return nil, &valueError{problem: "does not match the project's participant-id pattern " + c.idPatternAs,
				fix: "write the id as the pattern says (participant_id.pattern in impact.yaml; spaces, dashes and dots are ignored), or correct the pattern"}
		}
		return c.pseudonyms.Pseudonym(s), nil
	case impact.TypeInt:
		n, err := parseInt(s, c.style)
		if err != nil {
			return nil, err
		}
		if f.name == "birth_year" && (n < 1900 || n > int64(time.Now().Year())) {
			return nil, invalid("is not a year of birth", "write the four-digit year, such as 1999")
		}
		if f.name == "period" && (n < 1900 || n > 2200) {
			return nil, invalid("is not a year", "write the four-digit year, such as 2023")
		}
		if n < 0 {
			return nil, invalid("is negative", "write a count of zero or more")
		}
		return n, nil
	case impact.TypeNumber:
		v, err := parseNumber(s, c.style)
		if err != nil && c.kind == "responses" && f.name == "value" && len(c.labels) > 0 {
			// An answer label: longAnswer reads it with its item's labels.
			return strings.Clone(s), nil
		}
		if err != nil {
			return nil, err
		}
		if v < 0 && f.name == "hours" {
			return nil, invalid("is negative", "write the hours as a positive number")
		}
		if v < 0 && f.name == "rate" {
			return nil, invalid("is negative", "write the rate as a positive number")
		}
		return v, nil
	case impact.TypeDate:
		d, err := parseDate(s, c.dateLayout)
		if err != nil {
			return nil, err
		}
		return d, nil
	case impact.TypeBool:
		b, err := parseBool(s)
		if err != nil {
			return nil, err
		}
		return b, nil
	case impact.TypeGender:
		return parseVocabulary(genders, s)
	case impact.TypeStatus:
		return parseVocabulary(statuses, s)
	case impact.TypeWave:
		return parseVocabulary(waves, s)
	case impact.TypeCategory:
		return parseVocabulary(c.categories, s)
	case impact.TypeCostKind:
		return parseVocabulary(costKinds, s)
	}
	if f.name == "activity" && c.kind == "costs" && len(c.activities) > 0 {
		if id, ok := c.activities[looseKey(s)]; ok {
			return id, nil
		}
		return nil, invalidf("is not an activity of the theory of change", "write one of its activities by id or name: %[1]s", c.activityNames)
	}
	if f.name == "event_kind" {
		return parseVocabulary(eventKinds, s)
	}
	if f.name == "event" {
		if err := checkEventID(s); err != nil {
			return nil, err
		}
	}
	if f.name == "gender" && c.kind == "kpi" {
		g := strings.ToUpper(s)
		if g != "T" && g != "K" && g != "M" {
			return nil, invalid("is not a Kolada gender", "write T (total), K (women) or M (men)")
		}
		return g, nil
	}
	return s, nil
}

func parseVocabulary(v vocabulary, s string) (any, *valueError) {
	stored, err := v.parse(s)
	if err != nil {
		return nil, err
	}
	return stored, nil
}

// empty is the stored value of an empty cell: NULL, or what the type
// makes of nothing (no for a yes-or-no, unknown for a gender), or a
// problem for a required column.
func (f *field) empty() (any, *valueError) {
	switch f.typ {
	case impact.TypeBool:
		return false, nil
	case impact.TypeGender:
		return "unknown", nil
	}
	if !f.required {
		return nil, nil
	}
	switch f.typ {
	case impact.TypeParticipant:
		return nil, &valueError{problem: "is empty", fix: "every row needs the participant's id; fill it in or delete the row"}
	case impact.TypeDate:
		return nil, &valueError{problem: "is empty", fix: "write the date as YYYY-MM-DD"}
	case impact.TypeStatus:
		return nil, &valueError{problem: "is empty", fix: "write the status: " + strings.Join(impact.FollowupStatuses, ", ") + " (Swedish words such as arbete or studier work too)"}
	case impact.TypeWave:
		return nil, &valueError{problem: "is empty", fix: "write the wave: " + strings.Join(impact.Waves, ", ")}
	case impact.TypeCostKind:
		return nil, &valueError{problem: "is empty", fix: "write budget or actual (utfall)"}
	}
	return nil, &valueError{problem: "is empty", fix: "every row needs a " + f.name}
}
