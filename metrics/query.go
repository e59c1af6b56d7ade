package metrics

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// The whole evaluation is one SQL statement: each indicator adds its common
// table expressions and its sections to a batch, the shared work (the
// participant register at the as-of date, the scores of every respondent)
// is done once, and DuckDB runs it all in one plan. Every section answers in
// the same shape, the columns (plan, section, dimension, grp, point_date,
// value, pre, n): the values of the whole population as a histogram ("all"),
// the same per group of each dimension ("group"), per measurement point
// ("series"), the scores of a paired change as a histogram of (pre, post)
// pairs ("pairs", with the post score as value), census counts by date
// ("date") and by event ("event"), and single counts ("count"). A histogram
// of (value, n) pairs, rather than one row per participant, is what comes
// back to Go: it holds every value exactly, so the statistics are the same,
// and it stays small at any size because scores, differences and answers
// take few distinct values.

// aggregate is one row of such an answer.
type aggregate struct {
	section   string
	dimension string
	group     string
	// at is the date of a series point or a census count; zero when NULL.
	at impact.Date
	// value is the histogram's value; hasValue is false for NULL.
	value    float64
	hasValue bool
	// pre is the first score of a pair (section "pairs"), whose value is
	// the second; 0 in every other section.
	pre float64
	n   int64
}

// batch collects the plans of the indicators measured in one statement.
type batch struct {
	ctes     []string
	sections []string
	parsers  map[string]func([]aggregate)
	order    []string
	// planSections is the number of sections of each plan, in order, so
	// that a long batch can be cut between plans.
	planSections []int
	tags         int
	bodies       map[string]string
	// withGroups names, for a shared relation of participants, a plan's
	// relation of the same rows joined with the register for dimensions
	// that include the target group (census.go).
	withGroups map[string]string
}

// plan adds one plan: its common table expressions (named with names from
// the plan's tag, see batch.name), its sections, and the function that
// reads its rows once the statement has run.
func (b *batch) plan(tag string, ctes, sections []string, parse func([]aggregate)) {
	if b.parsers == nil {
		b.parsers = map[string]func([]aggregate){}
	}
	b.ctes = append(b.ctes, ctes...)
	for _, s := range sections {
		b.sections = append(b.sections, "SELECT "+sqlString(tag)+" AS plan, * FROM ("+s+")")
	}
	b.parsers[tag] = parse
	b.order = append(b.order, tag)
	b.planSections = append(b.planSections, len(sections))
}

// maxSections is the most sections one statement unites. DuckDB nests a
// UNION ALL of n sections n deep, and refuses a statement deeper than its
// expression depth limit of 1000; beyond maxSections the batch runs as
// several statements, cut between plans, each with the common table
// expressions (DuckDB computes only those a statement reads).
const maxSections = 250

// statements returns the sections of the batch in groups of at most
// maxSections, never splitting a plan (a plan with more sections than that
// is a group of its own).
func (b *batch) statements() [][]string {
	var groups [][]string
	start, size := 0, 0
	for _, n := range b.planSections {
		if size > 0 && size+n > maxSections {
			groups = append(groups, b.sections[start:start+size])
			start, size = start+size, 0
		}
		size += n
	}
	if size > 0 {
		groups = append(groups, b.sections[start:start+size])
	}
	return groups
}

// shared returns the name of a common table expression with the given
// body, adding it unless an identical one is there already: two indicators
// that read the same rows (the same source and filters, as a count of
// meetup participants and of those in one target group) share the work.
func (b *batch) shared(kind string, materialized bool, body string) string {
	if b.bodies == nil {
		b.bodies = map[string]string{}
	}
	if name, ok := b.bodies[body]; ok {
		return name
	}
	b.tags++
	name := fmt.Sprintf("s%d_%s", b.tags, kind)
	b.bodies[body] = name
	how := " AS "
	if materialized {
		how = " AS MATERIALIZED "
	}
	b.ctes = append(b.ctes, name+how+"("+body+")")
	return name
}

// newTag returns a fresh tag for a plan; its common table expressions are
// named tag_something so that plans never clash.
func (b *batch) newTag() string {
	b.tags++
	return fmt.Sprintf("q%d", b.tags)
}

// run executes the statement with the shared expressions first and hands
// each plan its rows.
func (e *evaluator) runBatch(b *batch, shared []string) error {
	if len(b.sections) == 0 {
		return nil
	}
	ctes := append(slices.Clip(shared), b.ctes...)
	byPlan := map[string][]aggregate{}
	groups := b.statements()
	for _, sections := range groups {
		used := ctes
		if len(groups) > 1 {
			used = usedCTEs(ctes, sections)
		}
		if err := e.runStatement(used, sections, byPlan); err != nil {
			return err
		}
	}
	for _, tag := range b.order {
		b.parsers[tag](byPlan[tag])
	}
	return nil
}

// usedCTEs returns the common table expressions that sections read, and
// those that these read in turn, in their order: DuckDB binds each common
// table expression of a statement one inside the other, so a statement of
// a part of a large batch must not carry all of them.
func usedCTEs(ctes, sections []string) []string {
	text := strings.Join(sections, " ")
	used := make([]bool, len(ctes))
	// A common table expression reads only those before it, so one pass
	// from the last to the first finds every one that is read.
	for i := len(ctes) - 1; i >= 0; i-- {
		name, _, _ := strings.Cut(ctes[i], " ")
		if readsName(text, name) {
			used[i] = true
			text += " " + ctes[i]
		}
	}
	var out []string
	for i, c := range ctes {
		if used[i] {
			out = append(out, c)
		}
	}
	return out
}

// readsName reports whether SQL text names the table name as a whole word.
func readsName(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		if (start == 0 || !isWordByte(text[start-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		i = start + 1
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// runStatement runs one statement of a batch and adds its rows to byPlan.
func (e *evaluator) runStatement(ctes, sections []string, byPlan map[string][]aggregate) error {
	query := "SELECT plan, section, dimension, grp, strftime(point_date, '%Y-%m-%d'), value, pre, n FROM ("
	if len(ctes) > 0 {
		query += "WITH " + strings.Join(ctes, ", ") + " "
	}
	query += strings.Join(sections, " UNION ALL ") + ")"
	var got map[string][]aggregate
	err := e.capped(func() (err error) {
		got, err = e.queryStatement(query)
		return err
	})
	if err != nil {
		return err
	}
	for tag, rows := range got {
		byPlan[tag] = append(byPlan[tag], rows...)
	}
	return nil
}

// queryStatement runs the query of one statement and returns its rows by
// plan.
func (e *evaluator) queryStatement(query string) (map[string][]aggregate, error) {
	byPlan := map[string][]aggregate{}
	rows, err := e.db.Query(e.ctx, query)
	if err != nil {
		// The statement goes with the cause, for IMPACT_DEBUG=1, never
		// into the message: it is as long as the project is large.
		serr := e.storeError("measure the indicators", err)
		if ie, ok := serr.(*impact.Error); ok {
			ie.Err = fmt.Errorf("%w [SQL: %s]", err, query)
		}
		return nil, serr
	}
	defer rows.Close()
	for rows.Next() {
		var a aggregate
		var tag string
		var at sql.NullString
		var value, pre sql.NullFloat64
		if err := rows.Scan(&tag, &a.section, &a.dimension, &a.group, &at, &value, &pre, &a.n); err != nil {
			return nil, e.storeError("measure the indicators", err)
		}
		if at.Valid {
			d, err := impact.ParseDate(at.String)
			if err != nil {
				return nil, e.storeError("measure the indicators", err)
			}
			a.at = d
		}
		a.value, a.hasValue = value.Float64, value.Valid
		a.pre = pre.Float64
		byPlan[tag] = append(byPlan[tag], a)
	}
	if err := rows.Err(); err != nil {
		return nil, e.storeError("measure the indicators", err)
	}
	return byPlan, nil
}

// selectSection writes one SELECT of the common shape, without a pre
// score. Empty arguments stand for NULL (at, value) or the empty string
// (dimension, group).
func selectSection(section, dimension, group, at, value, n, rest string) string {
	return selectRow(section, dimension, group, at, value, "", n, rest)
}

// selectPairs writes the SELECT of a histogram of (pre, post) pairs: the
// section "pairs" with the post score as its value.
func selectPairs(pre, post, n, rest string) string {
	return selectRow("pairs", "", "", "", post, pre, n, rest)
}

// selectRow writes one SELECT of the common shape. Empty arguments stand
// for NULL (at, value, pre) or the empty string (dimension, group).
func selectRow(section, dimension, group, at, value, pre, n, rest string) string {
	orEmpty := func(s string) string {
		if s == "" {
			return "''"
		}
		return "CAST(" + s + " AS VARCHAR)"
	}
	if at == "" {
		at = "NULL"
	}
	if value == "" {
		value = "NULL"
	}
	if pre == "" {
		pre = "NULL"
	}
	return "SELECT " + sqlString(section) + " AS section, " + orEmpty(dimension) + " AS dimension, " +
		orEmpty(group) + " AS grp, CAST(" + at + " AS DATE) AS point_date, CAST(" + value + " AS DOUBLE) AS value, CAST(" +
		pre + " AS DOUBLE) AS pre, CAST(" + n + " AS BIGINT) AS n " + rest
}

// uniqueDimensions returns the dimensions in order without repeats.
func uniqueDimensions(dims []string) []string {
	var list []string
	for _, d := range dims {
		if !slices.Contains(list, d) {
			list = append(list, d)
		}
	}
	return list
}

// groupingSQL returns, for rows grouped by GROUPING SETS with one set per
// dimension (each with the extra columns too), the expressions that name a
// row's dimension and group, and the GROUP BY clause.
func groupingSQL(dims []string, extra ...string) (dimension, group, groupBy string) {
	var cases, columns, sets []string
	for _, dim := range dims {
		column := dimensionColumn(dim)
		cases = append(cases, "WHEN GROUPING("+column+") = 0 THEN "+sqlString(dim))
		columns = append(columns, column)
		sets = append(sets, "("+strings.Join(append([]string{column}, extra...), ", ")+")")
	}
	dimension = "CASE " + strings.Join(cases, " ") + " END"
	group = "coalesce(" + strings.Join(columns, ", ") + ")"
	if len(columns) == 1 {
		group = columns[0]
	}
	groupBy = "GROUP BY GROUPING SETS (" + strings.Join(sets, ", ") + ")"
	return dimension, group, groupBy
}

// periodSQL returns the label and the date of the measurement point a row
// (with its date d and event ev) belongs to at the frequency: its event
// (dated by its earliest row), its month or its quarter (dated by the
// period's last day, or the as-of date for the period still running).
// Without an event column, per_event falls back on the date.
func (e *evaluator) periodSQL(frequency string, hasEvent bool) (label, at string) {
	asOf := sqlDate(e.asOf)
	switch frequency {
	case "monthly":
		return "strftime(d, '%Y-%m')", "least(last_day(d), " + asOf + ")"
	case "quarterly":
		return "strftime(d, '%Y') || '-Q' || CAST(quarter(d) AS VARCHAR)",
			"least(CAST(date_trunc('quarter', d) + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE), " + asOf + ")"
	}
	if hasEvent {
		return "coalesce(ev, strftime(d, '%Y-%m-%d'))", "d"
	}
	return "strftime(d, '%Y-%m-%d')", "d"
}

// measuredOverTime reports whether an indicator's frequency asks for a
// series of measurement points.
func measuredOverTime(ind *impact.Indicator) bool {
	return ind.Frequency != "" && ind.Frequency != "once"
}

// valueCount is one bar of a histogram: a value and how often it occurs.
type valueCount struct {
	value float64
	n     int64
}

// expand returns the values of a histogram, each as often as it occurs.
func expand(h []valueCount) []float64 {
	var total int64
	for _, b := range h {
		total += b.n
	}
	x := make([]float64, 0, total)
	for _, b := range h {
		for range b.n {
			x = append(x, b.value)
		}
	}
	return x
}

// countOf returns how many values a histogram holds, and how many of them
// are non-zero (the successes of a 0/1 histogram).
func countOf(h []valueCount) (n, nonZero int) {
	for _, b := range h {
		n += int(b.n)
		if b.value != 0 {
			nonZero += int(b.n)
		}
	}
	return n, nonZero
}
