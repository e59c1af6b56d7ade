package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"

	"github.com/duckdb/duckdb-go/v2"
)

// appenderWriter writes rows through the DuckDB Appender: a cgo call per
// value. It is the write path of a build without the duckdb_arrow tag, and
// the peer that BenchmarkWriteWide measures the Arrow path against.
type appenderWriter struct {
	appender *duckdb.Appender
	row      []driver.Value
}

// newAppenderWriter opens a DuckDB Appender on the load's connection.
// Created after BEGIN TRANSACTION on the same connection, it flushes into
// that transaction (TestLoadAppenderJoinsTransaction verifies it).
func newAppenderWriter(_ context.Context, conn *sql.Conn, table string) (rowWriter, error) {
	w := &appenderWriter{}
	err := conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(driver.Conn)
		if !ok {
			return fmt.Errorf("not a driver connection: %T", driverConn)
		}
		var err error
		w.appender, err = duckdb.NewAppenderFromConn(dc, "", table)
		return err
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

func (w *appenderWriter) append(row []driver.Value) error {
	w.row = append(w.row[:0], row...)
	for i, v := range w.row {
		w.row[i] = plainList(v)
	}
	return w.appender.AppendRow(w.row...)
}

func (w *appenderWriter) flush() error { return w.appender.Close() }

func (w *appenderWriter) discard() {
	w.appender.Clear()
	w.appender.Close()
}

// plainList turns the value of a list column into the []any the Appender
// takes, each element plain and a nil element (an unanswered item) NULL;
// any other value passes as it is.
func plainList(v driver.Value) driver.Value {
	switch v.(type) {
	case nil, []byte, []any:
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return v
	}
	if rv.IsNil() {
		return nil
	}
	list := make([]any, rv.Len())
	for i := range list {
		list[i] = plain(rv.Index(i).Interface())
	}
	return list
}
