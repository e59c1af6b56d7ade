package store

import (
	"context"
	"database/sql"

	"github.com/duckdb/duckdb-go/v2"
)

// LibraryVersion returns the version of the DuckDB library linked into this
// binary, read from an in-memory database so that no file is touched.
func LibraryVersion(ctx context.Context) (string, error) {
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return "", err
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", err
	}
	return v, nil
}
