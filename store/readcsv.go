package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
)

// ReadCSV loads a CSV file whose header names the columns of a kind's table
// (as in Tables) straight into that table with DuckDB's own reader, in one
// statement, under the given source_id, with the line numbers the reader
// counts. It does none of what ingest does (no dialect detection, no
// Swedish values, no pseudonyms, no checks): it is the floor that
// ingest's speed is measured against, and returns the rows it inserted.
func (db *DB) ReadCSV(ctx context.Context, kind, path string, sourceID int64) (int64, error) {
	columns, ok := Tables[kind]
	if !ok {
		return 0, impact.Errorf(impact.EINVALID, "store: read %s: kind %q is not known; use one of %s", path, kind, strings.Join(Kinds, ", "))
	}
	quoted := make([]string, len(columns))
	for i, c := range columns {
		quoted[i] = `"` + c + `"`
	}
	query := fmt.Sprintf(`INSERT INTO %s SELECT %s, %d, (row_number() OVER () + 1)::INTEGER FROM read_csv('%s', header = true)`,
		kind, strings.Join(quoted, ", "), sourceID, strings.ReplaceAll(path, "'", "''"))
	result, err := db.sql.ExecContext(ctx, query)
	if err != nil {
		return 0, &impact.Error{Code: impact.EDATA, Message: fmt.Sprintf("store: read %s: %s", path, oneLine(err.Error())), Err: err}
	}
	n, _ := result.RowsAffected()
	return n, nil
}
