package metrics

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// This file turns a measure's source, where filter, target group and the
// as-of date into SQL. Values from the project file are written into the SQL
// as quoted literals rather than bound parameters: the statements are built
// from several pieces (common table expressions, unions), and literals keep
// each piece self-contained. Every literal goes through sqlString or is a
// number or date that Go has parsed, so nothing from the file reaches the
// SQL unquoted.

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// sqlIdent quotes s as an SQL identifier.
func sqlIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// sqlDate writes a date as an SQL date literal.
func sqlDate(d impact.Date) string {
	return "DATE '" + d.String() + "'"
}

// datedKinds are the tables whose rows carry a date (the column named in
// the map) that the as-of date applies to.
var datedKinds = map[string]string{
	"participants": "start_date",
	"attendance":   "date",
	"responses":    "date",
	"jobmarket":    "date",
	"followups":    "date",
	"costs":        "date",
}

// hasColumn reports whether the table of kind has the column.
func hasColumn(kind, column string) bool {
	return slices.Contains(store.Tables[kind], column)
}

// literal turns one value written in the project file into an SQL literal of
// the column's type, or says why it cannot be one.
func literal(columnType, value string) (string, error) {
	value = strings.TrimSpace(value)
	switch columnType {
	case "INTEGER":
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return "", i18n.Keep(i18n.Evaluate, "en", "%q is not a whole number; write one such as 6", value)
		}
		return strconv.FormatInt(n, 10), nil
	case "DOUBLE":
		x, err := strconv.ParseFloat(strings.ReplaceAll(value, ",", "."), 64)
		if err != nil {
			return "", i18n.Keep(i18n.Evaluate, "en", "%q is not a number; write one such as 3.5", value)
		}
		return "CAST(" + strconv.FormatFloat(x, 'g', -1, 64) + " AS DOUBLE)", nil
	case "DATE":
		d, err := impact.ParseDate(value)
		if err != nil {
			return "", i18n.Keep(i18n.Evaluate, "en", "%q is not a date; write it as YYYY-MM-DD, for example 2025-03-12", value)
		}
		return sqlDate(d), nil
	case "BOOLEAN":
		switch strings.ToLower(value) {
		case "true", "yes", "ja", "1", "x":
			return "TRUE", nil
		case "false", "no", "nej", "0":
			return "FALSE", nil
		}
		return "", i18n.Keep(i18n.Evaluate, "en", "%q is not true or false; write true or false", value)
	case "UBIGINT":
		// The participant: a pseudonym as the exports show it, stored as
		// its 64 bits.
		n, err := store.ParticipantNumber(strings.ToLower(value))
		if err != nil {
			return "", i18n.Keep(i18n.Evaluate, "en", "%q is not a pseudonym; write one as the exports show it, 16 hex characters such as 0a1b2c3d4e5f6071", value)
		}
		return strconv.FormatUint(n, 10) + "::UBIGINT", nil
	default:
		return sqlString(value), nil
	}
}

// conditionSQL writes the SQL test that column expr (of the given DuckDB
// type) meets the condition: equality, a list, or a range with both ends
// included. key names the condition in messages.
func conditionSQL(expr, columnType string, c impact.Condition) (string, error) {
	if len(c.Values) > 0 {
		values := make([]string, len(c.Values))
		for i, v := range c.Values {
			lit, err := literal(columnType, v)
			if err != nil {
				return "", err
			}
			values[i] = lit
		}
		if len(values) == 1 {
			return expr + " = " + values[0], nil
		}
		// list_contains is much faster than IN on long columns of text.
		return "list_contains([" + strings.Join(values, ", ") + "], " + expr + ")", nil
	}
	var parts []string
	if c.From != "" {
		lit, err := literal(columnType, c.From)
		if err != nil {
			return "", err
		}
		parts = append(parts, expr+" >= "+lit)
	}
	if c.To != "" {
		lit, err := literal(columnType, c.To)
		if err != nil {
			return "", err
		}
		parts = append(parts, expr+" <= "+lit)
	}
	if len(parts) == 0 {
		return "TRUE", nil
	}
	return strings.Join(parts, " AND "), nil
}

// filterSQL writes the conjunction of a filter's conditions on the columns
// of alias (a row of the kind's table). Columns listed in skip are left
// for the caller (the score of responses, tested after scoring). where
// names the filter in messages ("indicators[2] (x).measure.where").
func (e *evaluator) filterSQL(kind, alias string, f impact.Filter, skip []string, where string) (string, error) {
	var parts []string
	for _, column := range sortedColumns(f) {
		if slices.Contains(skip, column) {
			continue
		}
		c := f[column]
		columnType := store.ColumnType(kind, column)
		if columnType == "" {
			return "", e.invalid(c.Pos, "%s.%s: %s has no column %q; use one of %s", where, column, kind, column, strings.Join(store.Tables[kind], ", "))
		}
		sql, err := conditionSQL(alias+"."+sqlIdent(column), columnType, c)
		if err != nil {
			return "", e.invalid(c.Pos, "%s.%s: %v", where, column, err)
		}
		parts = append(parts, "("+sql+")")
	}
	if len(parts) == 0 {
		return "TRUE", nil
	}
	return strings.Join(parts, " AND "), nil
}

// sortedColumns returns a filter's columns in a stable order, so that the
// same project always gives the same SQL.
func sortedColumns(f impact.Filter) []string {
	columns := make([]string, 0, len(f))
	for c := range f {
		columns = append(columns, c)
	}
	slices.Sort(columns)
	return columns
}

// peopleCTE defines "people": the participant register as it stood at the
// as-of date, one row per participant with the attributes that
// disaggregation and target groups use. A participant whose start date is
// after the as-of date had not joined yet and is left out; one without a
// start date is kept. When the register names a participant more than once,
// the row with the highest source id (the register file whose path was
// ingested last) and then the highest line wins.
func (e *evaluator) peopleCTE() string {
	dated := "(start_date IS NULL OR start_date <= " + sqlDate(e.asOf) + ")"
	if e.uniquePeople {
		// The common case needs no aggregation: a plain filtered scan
		// that DuckDB can push into each join.
		return "people AS NOT MATERIALIZED (SELECT participant, target_group, gender, cohort FROM participants WHERE " + dated + ")"
	}
	return "people AS MATERIALIZED (SELECT participant, " + registerPick("target_group") + ", " + registerPick("gender") + ", " + registerPick("cohort") +
		" FROM " + registerRows(dated) + " GROUP BY participant)"
}

// registerUnique reports whether the participants table names each
// participant on one row only, as a register without duplicates does. Then
// a person's attributes are their row's, and counting people is counting
// rows: the queries that would group the register by participant take
// that short way. The store keeps the answer as it writes the register
// (store.RegisterUnique); only when it does not know it is it counted.
func registerUnique(ctx context.Context, db *store.DB) (bool, error) {
	fact, known, err := db.RegisterUnique(ctx, time.Time{})
	if err != nil || known {
		return fact.Unique, err
	}
	return countRegisterUnique(ctx, db)
}

// countRegisterUnique counts what registerUnique reports, when the store
// does not know it.
func countRegisterUnique(ctx context.Context, db *store.DB) (bool, error) {
	var unique bool
	if err := db.QueryRow(ctx, `SELECT count(*) = count(DISTINCT participant) FROM participants`).Scan(&unique); err != nil {
		return false, fmt.Errorf("read the participant register: %w", err)
	}
	return unique, nil
}

// registerRows are the participants rows that match where, each marked
// register when it comes from the register's own files (kind participants).
func registerRows(where string) string {
	return "(SELECT *, source_id IN (SELECT id FROM sources WHERE kind = 'participants') AS register FROM participants WHERE " + where + ")"
}

// registerPick is one person's value of a register column, grouped by
// participant over registerRows: the register's own files decide;
// attributes that other lists carry (exports.md) fill only what the
// register lacks. A value of unknown is no value.
func registerPick(column string) string {
	key := "source_id::BIGINT * 4294967296 + line"
	register := "arg_max_null(" + column + ", " + key + ") FILTER (WHERE register)"
	none := "'unknown'"
	if column == "birth_year" {
		none = "NULL"
	}
	return "coalesce(nullif(" + register + ", " + none + "), " +
		"arg_max_null(" + column + ", " + key + ") FILTER (WHERE NOT register AND " + column + " IS NOT NULL), " + register + ") AS " + column
}

// dimensionColumn is the name under which a disaggregation dimension's
// group is carried through the SQL of a measure.
func dimensionColumn(dim string) string { return "dim_" + dim }

// dateExpr is the effective date of a row of kind in alias: its own date,
// and for a response without one the date of its event when any table
// knows it. It is NULL for undated rows, which the as-of date does not
// exclude: an undated cost or answer is taken to belong to the period.
func (e *evaluator) dateExpr(kind, alias string) string {
	column, ok := datedKinds[kind]
	if !ok {
		return "CAST(NULL AS DATE)"
	}
	expr := alias + "." + sqlIdent(column)
	if kind == "responses" && e.eventDates != "" {
		expr = "coalesce(" + expr + ", event_dates.event_date)"
	}
	return expr
}

// relationOptions says what a measure's rows must carry beyond the source
// table's own columns.
type relationOptions struct {
	// TargetGroup keeps only rows of participants of this target group.
	TargetGroup string
	// Dimensions adds one column per disaggregation dimension
	// (dimensionColumn), "unknown" where the register does not say.
	Dimensions []string
	// SkipWhere lists where columns the caller tests itself.
	SkipWhere []string
	// Extra is more SQL ANDed to the filter.
	Extra string
}

// relation returns a SELECT of the rows a measure reads: every column of
// its source table, the effective date d, and the dimension columns asked
// for, restricted to rows on or before the as-of date, the measure's where
// filter and the target group. where names the measure in messages.
func (e *evaluator) relation(m *impact.Measure, opts relationOptions, where string) (string, error) {
	kind := m.Source
	if !store.IsKind(kind) {
		return "", e.invalid(m.Pos, "%s.source: %q is not a kind of data; use one of %s", where, kind, strings.Join(store.Kinds, ", "))
	}
	filter, err := e.filterSQL(kind, "r", m.Where, opts.SkipWhere, where+".where")
	if err != nil {
		return "", err
	}
	date := e.dateExpr(kind, "r")
	conditions := []string{filter}
	if _, ok := datedKinds[kind]; ok {
		conditions = append(conditions, "("+date+" IS NULL OR "+date+" <= "+sqlDate(e.asOf)+")")
	}
	if opts.Extra != "" {
		conditions = append(conditions, "("+opts.Extra+")")
	}
	var sb strings.Builder
	sb.WriteString("SELECT r.*, " + date + " AS d")
	needPeople := opts.TargetGroup != "" || len(opts.Dimensions) > 0
	people := "p"
	if kind == "participants" {
		// The register is its own source of attributes; it is already
		// limited to those who had joined by the as-of date.
		people = "r"
		needPeople = false
	}
	for _, dim := range opts.Dimensions {
		sb.WriteString(", coalesce(" + people + "." + sqlIdent(dim) + ", 'unknown') AS " + dimensionColumn(dim))
	}
	sb.WriteString(" FROM " + kind + " r")
	if kind == "responses" && e.eventDates != "" {
		sb.WriteString(" LEFT JOIN event_dates ON event_dates.event = r.event")
	}
	if needPeople {
		join := " LEFT JOIN "
		if opts.TargetGroup != "" {
			join = " JOIN "
		}
		sb.WriteString(join + "people p ON p.participant = r.participant")
	}
	if opts.TargetGroup != "" {
		conditions = append(conditions, people+".target_group = "+sqlString(opts.TargetGroup))
	}
	sb.WriteString(" WHERE " + strings.Join(conditions, " AND "))
	return sb.String(), nil
}

// withPeople returns a SELECT of the rows of from (which has a participant
// column) with a column per dimension from the register, "unknown" where it
// does not say, and only the participants of the target group when one is
// given. Measures join the register after they have reduced their rows to
// one per participant where they can, so that the join is as small as it
// can be.
func (e *evaluator) withPeople(from, targetGroup string, dims []string) string {
	if targetGroup == "" && len(dims) == 0 {
		return "SELECT * FROM (" + from + ")"
	}
	columns := "x.*"
	for _, dim := range dims {
		columns += ", coalesce(p." + sqlIdent(dim) + ", 'unknown') AS " + dimensionColumn(dim)
	}
	if targetGroup != "" {
		return "SELECT " + columns + " FROM (" + from + ") x JOIN people p ON p.participant = x.participant WHERE p.target_group = " + sqlString(targetGroup)
	}
	return "SELECT " + columns + " FROM (" + from + ") x LEFT JOIN people p ON p.participant = x.participant"
}
