package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/joiningforces/impact"
)

// ReadCSV loads a CSV file whose header names the columns of a kind's table
// (as in Tables) straight into that table with DuckDB's own reader, in one
// statement, under the given source_id, with the line numbers the reader
// counts. It does none of what ingest does (no dialect detection, no
// Swedish values, no keyed pseudonyms, no checks; a participant id is
// stored as DuckDB's hash of it, participant.go): it is the floor that
// ingest's speed is measured against, and returns the rows it inserted.
func (db *DB) ReadCSV(ctx context.Context, kind, path string, sourceID int64) (int64, error) {
	columns, ok := Tables[kind]
	if !ok {
		return 0, impact.Errorf(impact.EINVALID, "store: read %s: kind %q is not known; use one of %s", path, kind, strings.Join(Kinds, ", "))
	}
	quoted := make([]string, len(columns))
	for i, c := range columns {
		quoted[i] = `"` + c + `"`
		if c == "participant" {
			quoted[i] = db.participantFromID(quoted[i])
		}
	}
	query := fmt.Sprintf(`INSERT INTO %s SELECT %s, %d, (row_number() OVER () + 1)::INTEGER FROM read_csv('%s', header = true)`,
		kind, strings.Join(quoted, ", "), sourceID, strings.ReplaceAll(path, "'", "''"))
	if db.loadTable(kind) == "answers" {
		return db.readAnswersCSV(ctx, path, sourceID) // answers.go
	}
	exec := db.sql.ExecContext
	if kind == "participants" {
		exec = func(ctx context.Context, query string, _ ...any) (sql.Result, error) {
			return db.execChangingRegister(ctx, query) // registerfacts.go
		}
	}
	result, err := exec(ctx, query)
	if err != nil {
		return 0, &impact.Error{Code: impact.EDATA, Message: fmt.Sprintf("store: read %s: %s", path, oneLine(err.Error())), Err: err}
	}
	n, _ := result.RowsAffected()
	return n, nil
}

// CopyCSV stores a CSV file as it is, as a new table of the given name,
// with DuckDB's own `CREATE TABLE t AS SELECT * FROM read_csv(file)`: the
// floor that `make bench` measures the ingest of a whole file against. It
// returns the rows stored.
func (db *DB) CopyCSV(ctx context.Context, table, path string) (int64, error) {
	if !sqlName.MatchString(table) {
		return 0, impact.Errorf(impact.EINVALID, "store: %q is no table name; use letters, digits and _", table)
	}
	query := fmt.Sprintf(`CREATE TABLE %s AS SELECT * FROM read_csv('%s')`, table, strings.ReplaceAll(path, "'", "''"))
	if _, err := db.sql.ExecContext(ctx, query); err != nil {
		return 0, &impact.Error{Code: impact.EDATA, Message: fmt.Sprintf("store: read %s: %s", path, oneLine(err.Error())), Err: err}
	}
	var n int64
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		return 0, db.internal("count the rows of "+table, err)
	}
	return n, nil
}

// sqlName is a table name that needs no quoting.
var sqlName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
