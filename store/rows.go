package store

import "context"

// StoredTables lists the tables an export covers, in their stable order:
// the ingest log (sources), the data tables and the rejects.
func StoredTables() []string { return storedTables() }

// ScanTable calls header once with the columns of table and then row for
// each of its rows, sorted by all their columns, as database/sql gives
// them (string, int64, int32, float64, bool, time.Time or nil; the
// participant as its pseudonym's text, participant.go). The row
// slice is reused between calls. Exports read the store through it.
func (db *DB) ScanTable(ctx context.Context, table string, header func(columns []string) error, row func(values []any) error) error {
	rows, err := db.sql.QueryContext(ctx, db.selectReadable(table))
	if err != nil {
		return db.internal("read "+table, err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return db.internal("read "+table, err)
	}
	if err := header(columns); err != nil {
		return err
	}
	values := make([]any, len(columns))
	pointers := make([]any, len(columns))
	for i := range values {
		pointers[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(pointers...); err != nil {
			return db.internal("read "+table, err)
		}
		if err := row(values); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return db.internal("read "+table, err)
	}
	return nil
}
