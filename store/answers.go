package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Survey answers are stored one row per answered questionnaire (migration
// 0007): the table answers holds a line's participant, event, date and
// wave once, its form (the ordered list of items it answers, in forms) and
// its values in the form's order, a NULL element for an item left
// unanswered. responses is a view that unnests them into the long form
// that data-files.md describes, one row per item, and every reader reads
// that view as it read the table before.
//
// A Load of kind responses therefore takes the columns of AnswerColumns:
// the form's id from (*Load).Form and the values as a []any of float64 or
// nil, one per item of the form. It also takes one long-form answer, the
// columns of Tables["responses"] (an item and its value), and stores it as
// the row of a one-item form.
//
// A form has at least one item (formID), and Append refuses a line whose
// values do not match its form, one per item (checkValues): readers find an
// item's value by its place in the form, and every line has values, so that
// none needs to read the list to ask whether a line holds any. At 1,256,889
// lines that question, len("values") > 0, cost each statement that asked it
// about 0.07 s of CPU, as much as the rest of its scan of answers.
//
// Each answers row also keeps the mask of its answered items (the column
// answered, migration 0009): bit k-1 set when the form's k-th item has a
// value, NULL for a line of more than 64 values. Quality and participation
// ask of every line which items it answered: at 1,256,889 lines of 11
// items, the set read from the elements of the values list took 0.36-0.48
// s of CPU, from the mask 0.015 s. The writers compute it (answeredMask for a
// Load, the INSERTs of readAnswersCSV and SaveAnswer); nothing a person
// reads shows it.

// AnswerColumns are the values that (*Load).Append takes for a load of kind
// responses, in order: the participant, the event, the date, the wave, the
// form's id (an int32 from (*Load).Form) and the values ([]any of float64
// or nil, one per item of the form).
var AnswerColumns = []string{"participant", "event", "date", "wave", "form", "values"}

// answeredVersion is the schema version whose answers rows keep the mask
// of their answered items in the column answered (0009).
const answeredVersion = 9

// answersVersion is the schema version that stores answers (0007). A
// store of an older schema, which tests build with Options.Migrations,
// still has the table responses, and a load appends to it as before.
const answersVersion = 7

// loadTable returns the table that a load of a kind appends to: answers
// for responses, the kind's own table otherwise.
func (db *DB) loadTable(kind string) string {
	if db.schema < answersVersion {
		return kind
	}
	return kindTable(kind)
}

// kindTable is the table that holds the rows of kind from answersVersion
// on (loadTable).
func kindTable(kind string) string {
	if kind == "responses" {
		return "answers"
	}
	return kind
}

// loadColumns returns the columns that (*Load).Append takes for a kind.
func (db *DB) loadColumns(kind string) []string {
	if kind == "responses" && db.schema >= answersVersion {
		return AnswerColumns
	}
	return Tables[kind]
}

// queryer is what looks up and adds forms: a load's connection or a
// transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// storesAnswers reports whether the load's rows go to answers.
func (l *Load) storesAnswers() bool {
	return l.db.loadTable(l.info.Kind) == "answers"
}

// answerState is what a load of survey answers keeps: the ids of the forms
// it looked up, by their items joined with NUL, and of the one-item forms
// by their item; and the row and the one value a long-form answer is
// rewritten into, reused from row to row (Append hands them on at once).
type answerState struct {
	forms, items map[string]int32
	// sizes holds the number of items of each form Form returned, which
	// a line's values must match.
	sizes map[int32]int
	row   [6]any
	value [1]any
}

// answerRow returns the answers row of the values given to Append: a row
// with a form's id as it is, and a long-form answer (an item, a value or
// nil) as the row of the item's one-item form.
func (l *Load) answerRow(values []any) ([]any, error) {
	item, ok := plain(values[formAt]).(string)
	if !ok {
		return values, nil
	}
	a := &l.answers
	form, ok := a.items[item]
	if !ok {
		var err error
		if form, err = l.Form([]string{item}); err != nil {
			return nil, err
		}
		if a.items == nil {
			a.items = map[string]int32{}
		}
		a.items[item] = form
	}
	a.value[0] = plain(values[valuesAt])
	a.row = [6]any{values[0], values[1], values[2], values[3], form, a.value[:]}
	return a.row[:], nil
}

// maxAnsweredItems is the most values a line's mask holds: one bit each in
// a UBIGINT. A longer line's mask is NULL.
const maxAnsweredItems = 64

// keepsAnswered reports whether the load's answers rows have the column
// answered, which Append fills after source_id and line.
func (l *Load) keepsAnswered() bool {
	return l.storesAnswers() && l.db.schema >= answeredVersion
}

// answeredMask returns the mask of the answered values of a line, as the
// column answered holds it: bit k-1 set when the k-th value is not NULL, a
// uint64; nil (NULL) for a line of more than maxAnsweredItems values or no
// list at all. values is what Append takes for the line's values: []any of
// float64 or nil most often, any other slice (whose nil elements are NULL)
// as well.
func answeredMask(values driver.Value) driver.Value {
	var mask uint64
	switch list := values.(type) {
	case []any:
		if list == nil || len(list) > maxAnsweredItems {
			return nil
		}
		for k, v := range list {
			switch v.(type) {
			case float64:
				mask |= 1 << k
			case nil:
			default:
				if plain(v) != nil {
					mask |= 1 << k
				}
			}
		}
		return mask
	case []float64:
		if list == nil || len(list) > maxAnsweredItems {
			return nil
		}
		return uint64(1)<<len(list) - 1
	}
	list, ok := plainList(values).([]any)
	if !ok {
		return nil
	}
	return answeredMask(list)
}

// formAt and valuesAt are the places of the form and its values among the
// AnswerColumns, and of the item and its value among Tables["responses"].
const (
	formAt   = 4
	valuesAt = 5
)

// Form returns the id of the form that lists items in this order, adding
// it inside the load's transaction when the store has none yet: a refused
// load leaves no form behind. A load of kind responses passes the id as
// the form of each row it appends.
func (l *Load) Form(items []string) (int32, error) {
	if l.done {
		return 0, errClosed
	}
	if l.err != nil {
		return 0, l.err
	}
	key := strings.Join(items, "\x00")
	if id, ok := l.answers.forms[key]; ok {
		return id, nil
	}
	id, err := formID(l.ctx, l.conn, items)
	if err != nil {
		l.err = l.db.internal("record the form of "+l.info.Path, err)
		return 0, l.err
	}
	if l.answers.forms == nil {
		l.answers.forms, l.answers.sizes = map[string]int32{}, map[int32]int{}
	}
	l.answers.forms[key] = id
	l.answers.sizes[id] = len(items)
	return id, nil
}

// valuesCount returns the number of values of a line as Append takes them,
// and false when values is not a list.
func valuesCount(values driver.Value) (int, bool) {
	switch list := values.(type) {
	case []any:
		return len(list), list != nil
	case []float64:
		return len(list), list != nil
	}
	list, ok := plainList(values).([]any)
	return len(list), ok
}

// checkValues refuses a line whose values do not match its form, one per
// item: every reader finds an item's value by its place in the form, and
// counts a line as answered when it has any value, which a form of at
// least one item (formID) then always has.
func (l *Load) checkValues(line int, values []any) error {
	form, ok := plain(values[formAt]).(int32)
	if !ok {
		return nil
	}
	size, known := l.answers.sizes[form]
	if !known {
		return nil
	}
	if n, ok := valuesCount(values[valuesAt]); !ok || n != size {
		return impact.Said(impact.EINTERNAL, nil, i18n.Keep(i18n.CLI, "en", "store.bug", fmt.Sprintf("append to %s from %s line %d: %d values for a form of %d items",
			l.info.Kind, l.info.Path, line, n, size)))
	}
	return nil
}

// formID looks up the form that lists items in this order, or adds it. Ids
// come from a sequence, so two transactions adding forms at once never
// give two forms one id; at worst a list is stored twice, under two ids.
func formID(ctx context.Context, q queryer, items []string) (int32, error) {
	if len(items) == 0 {
		return 0, errors.New("a form needs at least one item")
	}
	list := formList(items)
	var id int32
	err := q.QueryRowContext(ctx, `SELECT min(id) FROM forms WHERE items = `+list.sql+` HAVING count(*) > 0`, list.args...).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	err = q.QueryRowContext(ctx, `INSERT INTO forms (id, items) VALUES (nextval('forms_id_seq'), `+list.sql+`) RETURNING id`, list.args...).Scan(&id)
	return id, err
}

// sqlList is a list of strings as a SQL expression with its parameters.
type sqlList struct {
	sql  string
	args []any
}

// formList writes items as a list expression.
func formList(items []string) sqlList {
	args := make([]any, len(items))
	for i, item := range items {
		args[i] = item
	}
	return sqlListOf(args, "VARCHAR")
}

// sqlListOf writes values as a list_value(?, ?, …) expression of the
// element type: each value a parameter, never text in the statement. A nil
// value is a NULL element.
func sqlListOf(values []any, element string) sqlList {
	return sqlList{sql: "list_value(" + strings.TrimSuffix(strings.Repeat("?::"+element+", ", len(values)), ", ") + ")", args: values}
}

// readAnswersCSV is ReadCSV of a long-form responses file: each line one
// answers row of its item's one-item form, the forms added first, all in
// DuckDB's own statements.
func (db *DB) readAnswersCSV(ctx context.Context, path string, sourceID int64) (int64, error) {
	file := strings.ReplaceAll(path, "'", "''")
	forms := fmt.Sprintf(`INSERT INTO forms (id, items)
		SELECT nextval('forms_id_seq'), [item] FROM (SELECT DISTINCT item::VARCHAR AS item FROM read_csv('%s', header = true))
		WHERE [item] NOT IN (SELECT items FROM forms)`, file)
	// A line's mask (answered, 0009) is its one value's bit.
	answered, mask := "", ""
	if db.schema >= answeredVersion {
		answered, mask = ", answered", ", CAST(r.value::DOUBLE IS NOT NULL AS UBIGINT)"
	}
	answers := fmt.Sprintf(`INSERT INTO answers (participant, event, "date", wave, form, "values", source_id, line%s)
		SELECT %s, r.event, r."date", r.wave, f.id, [r.value::DOUBLE], %d, r.line%s
		FROM (SELECT *, (row_number() OVER () + 1)::INTEGER AS line FROM read_csv('%s', header = true)) r
		JOIN forms f ON f.items = [r.item::VARCHAR]`, answered, db.participantFromID("r.participant"), sourceID, mask, file)
	if _, err := db.sql.ExecContext(ctx, forms); err != nil {
		return 0, &impact.Error{Code: impact.EDATA, Message: fmt.Sprintf("store: read %s: %s", path, oneLine(err.Error())), Err: err}
	}
	result, err := db.sql.ExecContext(ctx, answers)
	if err != nil {
		return 0, &impact.Error{Code: impact.EDATA, Message: fmt.Sprintf("store: read %s: %s", path, oneLine(err.Error())), Err: err}
	}
	return result.RowsAffected()
}
