package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// SWEMWBSCopyright is the line that every report using the built-in
// SWEMWBS instrument carries.
const SWEMWBSCopyright = "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008"

// swemwbsMetric is the published conversion of the SWEMWBS raw score (the
// sum of its 7 items, 7 to 35) to the metric score, indexed by raw − 7.
var swemwbsMetric = [29]float64{
	7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
	16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
	24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00,
}

// SWEMWBSMetric converts a SWEMWBS raw score (7 to 35) to its metric
// score; ok is false for any other raw score.
func SWEMWBSMetric(raw int) (metric float64, ok bool) {
	if raw < 7 || raw > 35 {
		return 0, false
	}
	return swemwbsMetric[raw-7], true
}

// Instrument scores are computed once for every indicator that uses them,
// in a pipeline of shared common table expressions over the stored answers
// (one row per answered questionnaire line, its values in the order of its
// form's items):
//
//   - resp_lines: per answered line, with no grouping, how many of each
//     scoring's items it holds and which, how many are answered and their
//     sum after reverse coding: expressions that read the places of the
//     items in the line's values, known from its form (a distinct ordered
//     list of items, a handful in a store, read before the statement).
//   - resp_all: the lines complete for every scoring as they are, and the
//     others (the answers of a long-form file, one per line) regrouped by
//     source, participant, wave and date (and event, when a series needs
//     it) into one response each.
//   - respondents: per participant and, for each scoring, each wave asked
//     for, the score of the participant's latest response there (by date,
//     then source id and line), with its date and event.
//   - respondents_p: the same with the participant's target group and
//     dimensions from the register.
//
// A response has a score when it holds each of the instrument's items
// exactly once and every one is answered; otherwise it has none, and an
// earlier response does not stand in for it. Reverse-coded items count as
// min + max − value. A score is the sum or the mean of the items; the
// built-in SWEMWBS converts its raw sum to the metric score, and a raw sum
// that is not a whole number from 7 to 35 has no score.

// scoring is one instrument scored under one where filter: a set of
// columns of the respondents relation.
type scoring struct {
	index  int
	in     *impact.Instrument
	filter answerFilter
	// waves lists the waves asked for; "" stands for the latest response
	// in any wave.
	waves []string
}

// answerFilter is a where filter on responses split by what it tests: the
// line (every column but item and value, on the answers row a), an item
// (its text x, judged once per form in a lambda) and a value (valueMark
// standing for the answer, judged per answer). "TRUE" stands for no
// condition.
type answerFilter struct {
	line, item, value string
}

// valueMark stands for an answer's value in answerFilter.value.
const valueMark = "@value"

// maxMaskItems is the most items whose presence a bit mask can track.
const maxMaskItems = 62

// scoring returns the scoring of the measure's instrument under its where
// filter (all but score), registering it and the waves asked for.
func (e *evaluator) scoring(m *impact.Measure, waves []string, where string) (*scoring, error) {
	in, ok := e.p.Instrument(m.Instrument)
	if !ok {
		return nil, e.invalid(m.Pos, "%s.instrument: no instrument %q; define it under instruments:", where, m.Instrument)
	}
	if len(in.Items) == 0 {
		return nil, e.invalid(in.Pos, "instrument %s lists no items; add items: with the column names of its questions", in.ID)
	}
	if len(in.Items) > maxMaskItems {
		return nil, e.invalid(in.Pos, "instrument %s has %d items; impact scores at most %d, so split it", in.ID, len(in.Items), maxMaskItems)
	}
	switch in.Score {
	case "sum", "mean", "swemwbs", "":
	default:
		return nil, e.invalid(in.Pos, "instrument %s: score %q is not known; use sum or mean", in.ID, in.Score)
	}
	filter, err := e.answerFilter(m.Where, where+".where")
	if err != nil {
		return nil, err
	}
	var s *scoring
	for _, have := range e.scorings {
		if have.in == in && have.filter == filter {
			s = have
		}
	}
	if s == nil {
		s = &scoring{index: len(e.scorings), in: in, filter: filter}
		e.scorings = append(e.scorings, s)
	}
	for _, w := range waves {
		if !slices.Contains(s.waves, w) {
			s.waves = append(s.waves, w)
		}
	}
	return s, nil
}

// answerFilter writes a measure's where filter on responses (all but
// score) as conditions on a line, an item and a value.
func (e *evaluator) answerFilter(f impact.Filter, where string) (answerFilter, error) {
	line, err := e.filterSQL("responses", "a", f, []string{"score", "item", "value"}, where)
	if err != nil {
		return answerFilter{}, err
	}
	out := answerFilter{line: line, item: "TRUE", value: "TRUE"}
	for column, expr := range map[string]*string{"item": &out.item, "value": &out.value} {
		c, ok := f[column]
		if !ok {
			continue
		}
		test, err := conditionSQL(map[string]string{"item": "x", "value": valueMark}[column], store.ColumnType("responses", column), c)
		if err != nil {
			return answerFilter{}, e.invalid(c.Pos, "%s.%s: %v", where, column, err)
		}
		*expr = "(" + test + ")"
	}
	return out, nil
}

// column returns the name of a respondents column of the scoring: "s" for
// the score, "d" for its date, "e" for its event, in the wave ("" for the
// latest in any wave).
func (s *scoring) column(what, wave string) string {
	if wave == "" {
		wave = "any"
	}
	return sqlIdent(fmt.Sprintf("%s%d_%s", what, s.index, wave))
}

// sqlList writes strings as an SQL list of string literals.
func sqlList(values []string) string {
	list := make([]string, len(values))
	for i, v := range values {
		list[i] = sqlString(v)
	}
	return "[" + strings.Join(list, ", ") + "]"
}

// storedForm is one form of the store: its id and its items in order.
type storedForm struct {
	id    int64
	items []string
	// keep says, per scoring with a where filter on item, which items
	// pass it.
	keep map[int][]bool
}

// readForms reads every form of the store, and which of its items pass
// each scoring's filter on item (keep: the scoring's index and its filter
// as SQL on the item x).
func (e *evaluator) readForms() ([]storedForm, error) {
	keep := map[int]string{}
	for _, s := range e.scorings {
		if s.filter.item != "TRUE" {
			keep[s.index] = s.filter.item
		}
	}
	forms, err := readForms(e.ctx, e.db, keep)
	if err != nil {
		return nil, e.storeError("read the survey forms", err)
	}
	return forms, nil
}

// readForms reads every form of the store in id order, and for each
// filter of keep (SQL on the item x) which of the form's items pass it.
func readForms(ctx context.Context, db *store.DB, keep map[int]string) ([]storedForm, error) {
	columns := []string{"id", "CAST(to_json(items) AS VARCHAR)"}
	indexes := slices.Sorted(maps.Keys(keep))
	for _, index := range indexes {
		columns = append(columns, "CAST(to_json(list_transform(items, lambda x: coalesce("+keep[index]+", false))) AS VARCHAR)")
	}
	rows, err := db.Query(ctx, "SELECT "+strings.Join(columns, ", ")+" FROM forms ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var forms []storedForm
	for rows.Next() {
		f := storedForm{keep: map[int][]bool{}}
		lists := make([]string, 1+len(indexes))
		targets := []any{&f.id}
		for i := range lists {
			targets = append(targets, &lists[i])
		}
		if err := rows.Scan(targets...); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(lists[0]), &f.items); err != nil {
			return nil, err
		}
		for i, index := range indexes {
			var passes []bool
			if err := json.Unmarshal([]byte(lists[i+1]), &passes); err != nil {
				return nil, err
			}
			f.keep[index] = passes
		}
		forms = append(forms, f)
	}
	return forms, rows.Err()
}

// formCases writes a CASE over the form of the answers row a: the
// expression of each form, forms with the same expression together, and
// otherwise the default.
type formCases struct {
	order []string
	forms map[string][]string
}

func (c *formCases) add(expr string, form int64) {
	if c.forms == nil {
		c.forms = map[string][]string{}
	}
	if _, ok := c.forms[expr]; !ok {
		c.order = append(c.order, expr)
	}
	c.forms[expr] = append(c.forms[expr], strconv.FormatInt(form, 10))
}

// over writes the CASE for rows read only from the forms of rows: when
// one expression stands for each of them, that expression alone, as the
// CASE would give it for every row anyway.
func (c *formCases) over(rows []int64, otherwise string) string {
	if len(c.order) == 1 && len(rows) > 0 {
		ids := c.forms[c.order[0]]
		if !slices.ContainsFunc(rows, func(id int64) bool { return !slices.Contains(ids, strconv.FormatInt(id, 10)) }) {
			return c.order[0]
		}
	}
	return c.sql(otherwise)
}

func (c *formCases) sql(otherwise string) string {
	if len(c.order) == 0 {
		return otherwise
	}
	var b strings.Builder
	b.WriteString("CASE")
	for _, expr := range c.order {
		b.WriteString(" WHEN a.form IN (" + strings.Join(c.forms[expr], ", ") + ") THEN " + expr)
	}
	b.WriteString(" ELSE " + otherwise + " END")
	return b.String()
}

// lineSQL writes, for one scoring, the expressions of a line's figures:
// how many of the scoring's items it holds (n), which ones (m, a bit
// mask), how many of them are answered (a) and their sum after reverse
// coding (t). Each form's items sit at known places in its values, so the
// expressions read those places directly, one CASE branch per layout.
//
// The sum adds with +, so one unanswered item makes it NULL where sum()
// would skip it: such a line, or a response merged from it, never has all
// its items answered, and so no score that would read the sum.
//
// It also says which forms may give a line that holds some of the
// scoring's items but not each exactly once: those whose lines are
// regrouped. The lines of the forms in whole are never regrouped, and
// there the count of answered items is the number of items held: were one
// unanswered, the sum and so the score would be NULL all the same.
//
// rows, when not nil, are the forms of the lines the expressions will be
// read on; a CASE over the form is left out where one expression serves
// them all.
func (e *evaluator) lineSQL(s *scoring, forms []storedForm, whole map[int64]bool, rows []int64) (n, m, a, t string, partial map[int64]bool) {
	partial = map[int64]bool{}
	var ns, ms, as, ts formCases
	flip := "CAST(" + strconv.FormatFloat(s.in.Scale.Min+s.in.Scale.Max, 'g', -1, 64) + " AS DOUBLE)"
	for _, f := range forms {
		var count, answered, sum, masks []string
		var mask int64
		held := 0
		for i, item := range f.items {
			at := slices.Index(s.in.Items, item)
			if at < 0 || (f.keep[s.index] != nil && !f.keep[s.index][i]) {
				continue
			}
			held++
			bit := int64(1) << at
			mask |= bit
			v := `a."values"[` + strconv.Itoa(i+1) + "]"
			value := v
			if slices.Contains(s.in.Reverse, item) {
				value = "(" + flip + " - " + v + ")"
			}
			if s.filter.value == "TRUE" {
				answered = append(answered, "CAST("+v+" IS NOT NULL AS BIGINT)")
				sum = append(sum, value)
				continue
			}
			// A filter on the value decides per answer which items
			// count; an answer it keeps is never NULL.
			keep := "coalesce(" + strings.ReplaceAll(s.filter.value, valueMark, v) + ", false)"
			count = append(count, "CAST("+keep+" AS BIGINT)")
			masks = append(masks, "CASE WHEN "+keep+" THEN "+strconv.FormatInt(bit, 10)+" ELSE 0 END")
			answered = append(answered, "CAST("+keep+" AS BIGINT)")
			sum = append(sum, "CASE WHEN "+keep+" THEN "+value+" ELSE 0 END")
		}
		if held == 0 {
			continue
		}
		if s.filter.value != "TRUE" || held != len(s.in.Items) || mask != int64(1)<<len(s.in.Items)-1 {
			partial[f.id] = true
		}
		if s.filter.value == "TRUE" {
			ns.add(strconv.Itoa(held), f.id)
			ms.add(strconv.FormatInt(mask, 10), f.id)
		} else {
			ns.add("("+strings.Join(count, " + ")+")", f.id)
			ms.add("("+strings.Join(masks, " | ")+")", f.id)
		}
		if whole[f.id] {
			as.add(strconv.Itoa(held), f.id)
		} else {
			as.add("("+strings.Join(answered, " + ")+")", f.id)
		}
		ts.add("("+strings.Join(sum, " + ")+")", f.id)
	}
	n, m, a, t = ns.over(rows, "0"), ms.over(rows, "NULL"), as.over(rows, "0"), ts.over(rows, "NULL")
	if s.filter.line != "TRUE" {
		n, a = "CASE WHEN "+s.filter.line+" THEN "+n+" ELSE 0 END", "CASE WHEN "+s.filter.line+" THEN "+a+" ELSE 0 END"
		m, t = "CASE WHEN "+s.filter.line+" THEN "+m+" END", "CASE WHEN "+s.filter.line+" THEN "+t+" END"
	}
	return "CAST(" + n + " AS BIGINT)", "CAST(" + m + " AS BIGINT)", "CAST(" + a + " AS BIGINT)", "CAST(" + t + " AS DOUBLE)", partial
}

// respondentCTEs returns the shared pipeline that scores every registered
// scoring, ending in respondents_p; nil when no indicator scores anything.
func (e *evaluator) respondentCTEs() ([]string, error) {
	if len(e.scorings) == 0 {
		return nil, nil
	}
	forms, err := e.readForms()
	if err != nil {
		return nil, err
	}
	date := e.dateExpr("responses", "a")
	// Waves travel as their position in a list, a small number: grouping
	// carries text slowly.
	waves := slices.Clone(impact.Waves)
	for _, s := range e.scorings {
		for _, w := range s.waves {
			if w != "" && !slices.Contains(waves, w) {
				waves = append(waves, w)
			}
		}
	}
	// A line counts when its form holds any item that is scored, as a
	// line of the responses relation did with any such answer. The lines
	// of forms that hold each item of every scoring exactly once (or none
	// of its items) are responses as they are; only the others can need
	// regrouping, and only they are read twice.
	partial := map[int64]bool{}
	for _, s := range e.scorings {
		_, _, _, _, maybe := e.lineSQL(s, forms, nil, nil)
		maps.Copy(partial, maybe)
	}
	whole, mixed := []string{"NULL"}, []string{"NULL"}
	var wholeIDs, mixedIDs []int64
	isWhole := map[int64]bool{}
	for _, f := range forms {
		if !slices.ContainsFunc(e.scorings, func(s *scoring) bool {
			return slices.ContainsFunc(f.items, func(item string) bool { return slices.Contains(s.in.Items, item) })
		}) {
			continue
		}
		if partial[f.id] {
			mixed = append(mixed, strconv.FormatInt(f.id, 10))
			mixedIDs = append(mixedIDs, f.id)
		} else {
			whole = append(whole, strconv.FormatInt(f.id, 10))
			wholeIDs = append(wholeIDs, f.id)
			isWhole[f.id] = true
		}
	}
	// The lines of the forms in whole and the others are selected apart,
	// each with its own expressions: where every form a select reads has
	// the same layout, they need no CASE over the form.
	var wholeLines, mixedLines, plain, merged, incomplete, respondents, decoded []string
	var joined waveJoin
	for _, s := range e.scorings {
		k := strconv.Itoa(s.index)
		size := strconv.Itoa(len(s.in.Items))
		full := strconv.FormatInt(int64(1)<<len(s.in.Items)-1, 10)
		for _, to := range []struct {
			lines *[]string
			rows  []int64
		}{{&wholeLines, wholeIDs}, {&mixedLines, mixedIDs}} {
			n, m, a, t, _ := e.lineSQL(s, forms, isWhole, to.rows)
			*to.lines = append(*to.lines, n+" AS n"+k, m+" AS m"+k, a+" AS a"+k, t+" AS t"+k)
		}
		plain = append(plain, "n"+k, "m"+k, "a"+k, "t"+k)
		merged = append(merged, "CAST(sum(n"+k+") AS BIGINT)", "bit_or(m"+k+")", "CAST(sum(a"+k+") AS BIGINT)", "sum(t"+k+")")
		complete := "n" + k + " = " + size + " AND m" + k + " = " + full
		incomplete = append(incomplete, "(n"+k+" > 0 AND NOT ("+complete+"))")
		var score string
		switch s.in.Score {
		case "swemwbs":
			metric := make([]string, len(swemwbsMetric))
			for i, x := range swemwbsMetric {
				metric[i] = strconv.FormatFloat(x, 'f', 2, 64)
			}
			score = "CASE WHEN t" + k + " = round(t" + k + ") AND t" + k + " BETWEEN 7 AND 35 THEN CAST([" + strings.Join(metric, ", ") +
				"][CAST(t" + k + " AS INTEGER) - 6] AS DOUBLE) END"
		case "mean":
			score = "t" + k + " / " + size
		default:
			score = "t" + k
		}
		score = "CASE WHEN " + complete + " AND a" + k + " = " + size + " THEN " + score + " END"
		for _, wave := range s.waves {
			when := "n" + k + " > 0"
			if wave != "" {
				when += " AND w = " + strconv.Itoa(slices.Index(waves, wave)+1)
			}
			joined.add(s, wave, "n"+k+" > 0", score, e.respondentEvents)
			latest := sqlIdent(fmt.Sprintf("l%d_%s", s.index, orAny(wave)))
			respondents = append(respondents,
				"arg_max_null("+score+", latest) FILTER (WHERE "+when+") AS "+s.column("s", wave),
				"max(latest) FILTER (WHERE "+when+") AS "+latest)
			decoded = append(decoded, s.column("s", wave), e.latestDate(latest)+" AS "+s.column("d", wave))
			if e.respondentEvents {
				respondents = append(respondents, "arg_max_null(ev, latest) FILTER (WHERE "+when+") AS "+s.column("e", wave))
				decoded = append(decoded, s.column("e", wave))
			} else {
				decoded = append(decoded, "CAST(NULL AS VARCHAR) AS "+s.column("e", wave))
			}
		}
	}
	eventJoin := ""
	if e.eventDates != "" {
		eventJoin = " LEFT JOIN event_dates ON event_dates.event = a.event"
	}
	// The event of a response is carried only when a series needs it: it
	// is text, and text is what makes grouping slow.
	lineEvent, groupEvent := "", ""
	if e.respondentEvents {
		lineEvent, groupEvent = ", a.event AS ev", ", ev"
	}
	anyIncomplete := strings.Join(incomplete, " OR ")
	people := "r.*, 'unknown' AS dim_gender, 'unknown' AS dim_target_group, 'unknown' AS dim_cohort, CAST(NULL AS VARCHAR) AS tg FROM respondents r"
	if e.respondentsNeedPeople {
		people = "r.*, coalesce(p.gender, 'unknown') AS dim_gender, coalesce(p.target_group, 'unknown') AS dim_target_group, " +
			"coalesce(p.cohort, 'unknown') AS dim_cohort, p.target_group AS tg FROM respondents r LEFT JOIN people p ON p.participant = r.participant"
	}
	selectLines := func(forms, lines []string) string {
		return "SELECT a.source_id, a.line, a.participant, list_position(" + sqlList(waves) + ", a.wave) AS w, " + date + " AS d" + lineEvent + ", " +
			strings.Join(lines, ", ") + " FROM answers a" + eventJoin + " WHERE a.form IN (" + strings.Join(forms, ", ") + ") AND (" +
			date + " IS NULL OR " + date + " <= " + sqlDate(e.asOf) + ")"
	}
	columns := "source_id, line, participant, w, d" + groupEvent + ", " + strings.Join(plain, ", ")
	all := "resp_all AS (" + selectLines(whole, wholeLines)
	var ctes []string
	if len(mixed) > 1 {
		ctes = append(ctes, "resp_mixed AS ("+selectLines(mixed, mixedLines)+")")
		all += " UNION ALL SELECT " + columns + " FROM resp_mixed WHERE NOT (" + anyIncomplete + ") UNION ALL SELECT source_id, max(line), participant, w, d" +
			groupEvent + ", " + strings.Join(merged, ", ") + " FROM resp_mixed WHERE " + anyIncomplete + " GROUP BY source_id, participant, w, d" + groupEvent
	}
	latest := "respondents AS (SELECT participant, " + strings.Join(decoded, ", ") + " FROM (SELECT participant, " + strings.Join(respondents, ", ") +
		" FROM (SELECT *, " + e.latestKey() + " AS latest FROM resp_all) GROUP BY participant))"
	if len(mixed) == 1 && joined.once(e.lines, wholeIDs) {
		latest = joined.sql(waves)
		// Each wave reads its own lines, with the columns it scores: no
		// table of every line is made for the two to share. At a million
		// people that took 0.1 s of CPU (median of 15).
		all = strings.Replace(all, "resp_all AS (", "resp_all AS NOT MATERIALIZED (", 1)
	}
	return append(ctes, all+")", latest, "respondents_p AS MATERIALIZED (SELECT "+people+")"), nil
}

// waveJoin builds respondents as a join of each wave's lines, when the
// store knows that no one has two lines of a wave among the forms read
// (store.LineFacts.AnswersOnce): each respondent's latest line of a wave is
// then their only one, and no group-by by person is needed to find it. On
// the generator's project of 1,000,000 participants (1,256,889 lines) the
// group-by took 0.11 s of every evaluation. The columns are those of the
// group-by, value for value.
type waveJoin struct {
	waves   []string   // in order of first use
	lines   [][]string // each wave's columns of its lines
	columns []int      // each wave's number of scorings so far
	decode  []string   // respondents' columns
	any     bool       // a scoring asks for the latest line of any wave
}

// add adds a scoring's columns of a wave: its score, date and event, from
// the line when counts holds of it.
func (j *waveJoin) add(s *scoring, wave, counts, score string, events bool) {
	if wave == "" {
		j.any = true
		return
	}
	i := slices.Index(j.waves, wave)
	if i < 0 {
		i = len(j.waves)
		j.waves, j.lines, j.columns = append(j.waves, wave), append(j.lines, nil), append(j.columns, 0)
	}
	r, k := "r"+strconv.Itoa(i), strconv.Itoa(j.columns[i])
	j.columns[i]++
	// The date as the group-by's key decodes it: none before 1970, and at
	// most 65,534 days after (latestKey).
	date := "CASE WHEN d >= DATE '1970-01-01' THEN least(d, DATE '2149-06-05') END"
	columns := []struct{ name, value string }{{"s", score}, {"d", date}, {"e", "ev"}}
	if !events {
		// No series needs the event: it is not carried.
		columns = columns[:2]
		j.decode = append(j.decode, "CAST(NULL AS VARCHAR) AS "+s.column("e", wave))
	}
	for _, c := range columns {
		j.lines[i] = append(j.lines[i], "CASE WHEN "+counts+" THEN "+c.value+" END AS "+c.name+k)
		j.decode = append(j.decode, r+"."+c.name+k+" AS "+s.column(c.name, wave))
	}
}

// once reports whether the join stands for the group-by: every scoring
// asks for given waves, and the store knows that no one has two lines of
// any of them among the forms read.
func (j *waveJoin) once(facts store.LineFacts, forms []int64) bool {
	if j.any || len(j.waves) == 0 {
		return false
	}
	for _, wave := range j.waves {
		if !facts.AnswersOnce(forms, wave) {
			return false
		}
	}
	return true
}

// sql returns the CTE respondents: each wave's lines (w, the wave's place
// in waves), joined by participant.
func (j *waveJoin) sql(waves []string) string {
	var from string
	var people []string
	for i, wave := range j.waves {
		r := "r" + strconv.Itoa(i)
		lines := "(SELECT participant, " + strings.Join(j.lines[i], ", ") + " FROM resp_all WHERE w = " + strconv.Itoa(slices.Index(waves, wave)+1) + ") " + r
		if i == 0 {
			from = lines
		} else {
			from += " FULL JOIN " + lines + " ON " + r + ".participant = " + coalesce(people)
		}
		people = append(people, r+".participant")
	}
	return "respondents AS (SELECT " + coalesce(people) + " AS participant, " + strings.Join(j.decode, ", ") + " FROM " + from + ")"
}

// coalesce returns the first of the columns that is not NULL.
func coalesce(columns []string) string {
	if len(columns) == 1 {
		return columns[0]
	}
	return "coalesce(" + strings.Join(columns, ", ") + ")"
}

func orAny(wave string) string {
	if wave == "" {
		return "any"
	}
	return wave
}

// latestKey packs the order of responses, latest highest, into one number:
// the day (days since 1970 plus one, 0 for an undated response, which so
// counts as the oldest), then the source, then the line. In a BIGINT the
// day takes the top 16 bits, the source the next 16 and the line the low
// 31; a store with more sources than 16 bits hold uses a HUGEINT instead.
func (e *evaluator) latestKey() string {
	// Days outside 1970–2149 are clamped into the 16 bits they have.
	day := "least(greatest(coalesce(date_diff('day', DATE '1970-01-01', d) + 1, 0), 0), 65535)"
	if e.maxSourceID < 1<<16 {
		return "(CAST(" + day + " AS BIGINT) << 47) + (CAST(source_id AS BIGINT) << 31) + line"
	}
	return "CAST(" + day + " AS HUGEINT) * 18446744073709551616 + CAST(source_id AS HUGEINT) * 4294967296 + line"
}

// latestDate decodes the date from a latest key: NULL for an undated
// response.
func (e *evaluator) latestDate(key string) string {
	day := "(" + key + " >> 47)"
	if e.maxSourceID >= 1<<16 {
		day = "(" + key + " // 18446744073709551616)"
	}
	return "CASE WHEN " + day + " > 0 THEN CAST(DATE '1970-01-01' + CAST(" + day + " - 1 AS INTEGER) AS DATE) END"
}

// respondentSample returns the SQL condition that selects the respondents
// of an indicator: in its target group, with a score in each of the waves,
// each score meeting a where: on score.
func (e *evaluator) respondentSample(ind *impact.Indicator, s *scoring, waves []string, where string) (string, error) {
	var conditions []string
	for _, w := range waves {
		conditions = append(conditions, s.column("s", w)+" IS NOT NULL")
	}
	if ind.TargetGroup != "" {
		conditions = append(conditions, "tg = "+sqlString(ind.TargetGroup))
	}
	if scope := e.peopleScope(ind, "participant"); scope != "" {
		conditions = append(conditions, scope)
	}
	if c, ok := ind.Measure.Where["score"]; ok {
		for _, w := range waves {
			test, err := conditionSQL(s.column("s", w), "DOUBLE", c)
			if err != nil {
				return "", e.invalid(c.Pos, "%s.where.score: %v", where, err)
			}
			conditions = append(conditions, test)
		}
	}
	if ind.TargetGroup != "" || len(ind.Disaggregate) > 0 {
		e.respondentsNeedPeople = true
	}
	return strings.Join(conditions, " AND "), nil
}
