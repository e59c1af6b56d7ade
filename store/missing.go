package store

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// The store keeps, for each file and each kind of row it wrote, the counts
// of the data-quality report's missing values (migration 0014,
// missing_facts): its rows as the report shows them and the NULLs of each
// column. The report adds up the files' counts instead of scanning every
// table at every evaluation; on the generator's project of 1,000,000
// participants the scan took 0.066 s and 0.1 s of DuckDB's CPU, about 4 %
// of evaluate. No writer changes a stored row in place: a file's rows are
// appended and deleted together, and so are its counts.
//
// A load counts its rows in Go as it appends them (missingTracker), and
// the register's rows a list filled in (Load.Register) in SQL, and
// records the counts in its transaction before it commits. A collected
// answer records the counts of its new lines beside its collection's, and
// counts again the files whose lines it replaced. A re-ingest deletes the
// counts of its file with its rows. The report trusts a kind's counts only
// when their rows add up to its table's: rows written without counts
// (DuckDB's own reader, the floor of the benchmarks) make it count that
// table as before.

// missingFactsVersion is the schema version that keeps the counts (0014).
const missingFactsVersion = 14

// MissingCountsQuery returns the SQL of one row that counts the rows of
// kind that filter selects (an SQL condition on the kind's table; "TRUE"
// for all), as the data-quality report shows them, then the missing
// values of each of its columns, in the order of Tables[kind].
func MissingCountsQuery(kind, filter string) string {
	columns := Tables[kind]
	if kind == "responses" {
		return missingAnswersQuery(columns, filter)
	}
	counts := make([]string, len(columns))
	for i, c := range columns {
		counts[i] = fmt.Sprintf(`count(*) - count("%s")`, c)
	}
	// Table and column names come from Tables, never from data.
	return fmt.Sprintf(`SELECT count(*), %s FROM %s WHERE %s`, strings.Join(counts, ", "), kindTable(kind), filter)
}

// missingAnswersQuery counts the rows and the NULLs of each column of the
// responses view from the answers, per form, without unnesting them: a
// line holds one value per item of its form (Load checks it), and so
// stands for as many rows as the form has items, every one with the line's
// own columns. A line's answered values are the bits of its mask
// (answered); only a line of a form too long for one has its values
// counted from the list, read apart so that the list is not read for the
// others (a store's statistics skip the row groups without such a line).
func missingAnswersQuery(columns []string, filter string) string {
	width := `len(f.items)`
	counts := make([]string, len(columns))
	var perLine []string
	for i, c := range columns {
		switch c {
		case "item":
			counts[i] = "sum(g.lines * (" + width + " - list_count(f.items)))"
		case "value":
			counts[i] = "sum(g.lines * " + width + " - g.answered)"
		default:
			perLine = append(perLine, fmt.Sprintf(`count(*) FILTER (WHERE "%s" IS NULL) AS null_%d`, c, i))
			counts[i] = fmt.Sprintf("sum(g.null_%d * %s)", i, width)
		}
	}
	for i := range counts {
		counts[i] = "coalesce(" + counts[i] + ", 0)"
	}
	lines := func(answered, where string) string {
		return `SELECT form, count(*) AS lines, sum(` + answered + `) AS answered, ` + strings.Join(perLine, ", ") +
			` FROM answers WHERE ` + where + ` AND (` + filter + `) GROUP BY form`
	}
	return `SELECT coalesce(sum(g.lines * ` + width + `), 0), ` + strings.Join(counts, ", ") + `
FROM (` + lines("bit_count(answered)", "answered IS NOT NULL") + `
      UNION ALL ` + lines(`list_count("values")`, "answered IS NULL") + `) g
JOIN forms f ON f.id = g.form`
}

// countMissing counts the rows of the given kinds of a source, in q's
// snapshot, and records them; a kind of which the source has no row gets
// no counts.
func countMissing(ctx context.Context, q queryer, source int64, kinds ...string) error {
	for _, kind := range kinds {
		filter := fmt.Sprintf("source_id = %d", source)
		_, err := q.ExecContext(ctx, `INSERT INTO missing_facts (source_id, kind, lines, counts)
			SELECT ?, ?, lines, counts FROM (
				SELECT (SELECT count(*) FROM `+kindTable(kind)+` WHERE `+filter+`) AS lines,
				       (SELECT CAST(list_value(*COLUMNS(*)) AS BIGINT[]) FROM (`+MissingCountsQuery(kind, filter)+`)) AS counts)
			WHERE lines > 0`, source, kind)
		if err != nil {
			return err
		}
	}
	return nil
}

// missingTracker counts, as a load appends its rows, what countMissing
// counts of them in SQL: on the 1,000,000 lines of the benchmarks' wide
// survey file the SQL took 0.18 s of CPU and 0.04 s of the load's
// commit, counting in Go nothing measurable.
type missingTracker struct {
	kind  string
	lines int64
	// nulls holds the NULLs of each of the kind's columns, or, of a
	// survey's answers, those of the line's participant, event, date and
	// wave, counted by form in forms.
	nulls []int64
	forms map[int32]*formCounts
}

// formCounts is what a load's lines of one form hold.
type formCounts struct {
	lines, answered int64
	nulls           [valuesAt - 1]int64
	// width and listed are the form's items and those not NULL, when
	// known without reading the form (0 when not).
	width, listed int64
}

// newMissingTracker counts the rows of kind.
func newMissingTracker(kind string) *missingTracker {
	if kind == "responses" {
		return &missingTracker{kind: kind, forms: map[int32]*formCounts{}}
	}
	return &missingTracker{kind: kind, nulls: make([]int64, len(Tables[kind]))}
}

// track notes one appended row (as the table stores it; with answered,
// the mask of a line's answered items, when the store keeps it).
func (m *missingTracker) track(row []driver.Value, answered bool) {
	m.lines++
	if m.forms == nil {
		for i := range m.nulls {
			if row[i] == nil {
				m.nulls[i]++
			}
		}
		return
	}
	form, _ := row[formAt].(int32)
	f := m.forms[form]
	if f == nil {
		f = &formCounts{}
		m.forms[form] = f
	}
	f.lines++
	for i := range f.nulls {
		// The line's columns before its form: participant, event, date
		// and wave.
		if row[i] == nil {
			f.nulls[i]++
		}
	}
	if mask, ok := row[len(row)-1].(uint64); answered && ok {
		f.answered += int64(bits.OnesCount64(mask))
	} else {
		f.answered += answeredCount(row[valuesAt])
	}
}

// tracked returns the number of rows m has tracked; 0 for none.
func (m *missingTracker) tracked() int64 {
	if m == nil {
		return 0
	}
	return m.lines
}

// answeredCount counts the values of a line's list that are not NULL.
func answeredCount(values driver.Value) int64 {
	switch list := values.(type) {
	case []float64:
		return int64(len(list))
	case []any:
		var n int64
		for _, v := range list {
			if v != nil && plain(v) != nil {
				n++
			}
		}
		return n
	}
	if list, ok := plainList(values).([]any); ok {
		return answeredCount(list)
	}
	return 0
}

// write records the counts of a load of source, inside its transaction.
func (m *missingTracker) write(ctx context.Context, q queryer, source int64) error {
	return writeMissing(ctx, q, source, m)
}

// fact returns the tracked rows' counts as missing_facts holds them ("" when
// there are none): the lines and the SQL list of counts.
func (m *missingTracker) fact(ctx context.Context, q queryer) (string, error) {
	if m.lines == 0 {
		return "", nil
	}
	counts := append([]int64{m.lines}, m.nulls...)
	if m.forms != nil {
		// A line stands for a row per item of its form (missingAnswersQuery).
		counts = make([]int64, len(Tables["responses"])+1)
		for id, f := range m.forms {
			width, listed := f.width, f.listed
			if width == 0 {
				if err := q.QueryRowContext(ctx, `SELECT len(items), list_count(items) FROM forms WHERE id = ?`, id).Scan(&width, &listed); err != nil {
					return "", err
				}
			}
			counts[0] += f.lines * width
			for i, n := range f.nulls {
				counts[i+1] += n * width
			}
			counts[len(counts)-2] += f.lines * (width - listed)
			counts[len(counts)-1] += f.lines*width - f.answered
		}
	}
	list := make([]string, len(counts))
	for i, n := range counts {
		list[i] = strconv.FormatInt(n, 10)
	}
	return fmt.Sprintf("'%s', %d, [%s]", m.kind, m.lines, strings.Join(list, ", ")), nil
}

// writeMissing records the counts of trackers of source in one statement.
func writeMissing(ctx context.Context, q queryer, source int64, trackers ...*missingTracker) error {
	var values []string
	for _, m := range trackers {
		if m == nil {
			continue
		}
		fact, err := m.fact(ctx, q)
		if err != nil {
			return err
		}
		if fact != "" {
			values = append(values, fmt.Sprintf("(%d, %s)", source, fact))
		}
	}
	if len(values) == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, `INSERT INTO missing_facts (source_id, kind, lines, counts) VALUES `+strings.Join(values, ", "))
	return err
}

// countCollectedMissing keeps the counts of a collected answer's
// transaction: those of its new lines (answer, of its items, and
// attendance) are recorded beside the collection's, which MissingCounts
// adds up, and the sources whose lines it replaced (changed) are counted
// again. Counting the collection again instead took 10 ms of every answer
// at 1,000 answers, and more as it grew (BenchmarkCollectAnswer).
func countCollectedMissing(ctx context.Context, tx queryer, source int64, answer, attendance *missingTracker, changed []int64) error {
	if err := recountMissing(ctx, tx, changed, "responses"); err != nil {
		return err
	}
	if slices.Contains(changed, source) {
		answer = nil // counted again, its new line with it
	}
	return writeMissing(ctx, tx, source, answer, attendance)
}

// collectedLine counts, in a tracker, a collected answer of items: a line
// of its form (whose items are never NULL) with its values (NULL for an
// item left unanswered).
func collectedLine(row []driver.Value, items int) *missingTracker {
	m := newMissingTracker("responses")
	m.track(row, false)
	for _, f := range m.forms {
		f.width, f.listed = int64(items), int64(items)
	}
	return m
}

// recountMissing replaces the counts of the given kinds of the sources,
// inside the transaction q that changed their rows.
func recountMissing(ctx context.Context, q queryer, sources []int64, kinds ...string) error {
	if len(sources) == 0 {
		return nil
	}
	quoted := make([]string, len(kinds))
	for i, kind := range kinds {
		quoted[i] = "'" + kind + "'"
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM missing_facts WHERE source_id IN `+idList(sources)+` AND kind IN (`+strings.Join(quoted, ", ")+`)`); err != nil {
		return err
	}
	for _, source := range sources {
		if err := countMissing(ctx, q, source, kinds...); err != nil {
			return err
		}
	}
	return nil
}

// MissingCounts returns, for each kind whose counts the store keeps for
// every row of its table, the counts of MissingCountsQuery over the whole
// table: the sum of its files' (a collection's are the sum of its rows of
// counts, one for each answer). A kind missing from the map is to be
// counted (a store older than missingFactsVersion, rows written without
// counts).
func (db *DB) MissingCounts(ctx context.Context) (map[string][]int64, error) {
	if db.schema < missingFactsVersion {
		return nil, nil
	}
	var tables []string
	for _, kind := range Kinds {
		tables = append(tables, fmt.Sprintf(`SELECT '%s', true, (SELECT count(*) FROM %s), NULL`, kind, kindTable(kind)))
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT kind, false, lines, CAST(to_json(counts) AS VARCHAR) FROM missing_facts
		UNION ALL `+strings.Join(tables, "\nUNION ALL "))
	if err != nil {
		return nil, db.internal("read the counts of missing values", err)
	}
	defer rows.Close()
	sums, lines, stored := map[string][]int64{}, map[string]int64{}, map[string]int64{}
	for rows.Next() {
		var (
			kind   string
			table  bool
			n      int64
			counts *string
		)
		if err := rows.Scan(&kind, &table, &n, &counts); err != nil {
			return nil, db.internal("read the counts of missing values", err)
		}
		if table {
			stored[kind] = n
			continue
		}
		var values []int64
		if counts == nil || json.Unmarshal([]byte(*counts), &values) != nil || len(values) != len(Tables[kind])+1 {
			continue
		}
		if sums[kind] == nil {
			sums[kind] = make([]int64, len(values))
		}
		for i, v := range values {
			sums[kind][i] += v
		}
		lines[kind] += n
	}
	if err := rows.Err(); err != nil {
		return nil, db.internal("read the counts of missing values", err)
	}
	known := map[string][]int64{}
	for _, kind := range Kinds {
		if lines[kind] != stored[kind] {
			continue
		}
		if sums[kind] == nil {
			sums[kind] = make([]int64, len(Tables[kind])+1)
		}
		known[kind] = sums[kind]
	}
	return known, nil
}

// missingFactsMigrated counts every file's rows after the migration that
// adds missing_facts, so that a migrated store need not count them at its
// first evaluation. A failure leaves no counts, and the report counts.
func missingFactsMigrated(ctx context.Context, db *DB, from, to int) {
	if from >= missingFactsVersion || to < missingFactsVersion {
		return
	}
	for _, kind := range Kinds {
		rows, err := db.sql.QueryContext(ctx, `SELECT DISTINCT source_id FROM `+kindTable(kind)+` WHERE source_id IS NOT NULL`)
		if err != nil {
			return
		}
		var sources []int64
		for rows.Next() {
			var id int64
			if rows.Scan(&id) == nil {
				sources = append(sources, id)
			}
		}
		rows.Close()
		slices.Sort(sources)
		for _, source := range sources {
			if countMissing(ctx, db.sql, source, kind) != nil {
				return
			}
		}
	}
}
