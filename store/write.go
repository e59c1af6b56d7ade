package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
)

// rowWriter writes the rows of one table into the transaction of a Load's
// connection. Each row holds every column of the table in its order, as
// plain values (see plain) or nil for NULL. A Load has one rowWriter for its
// kind's table and, once a line is refused, one for rejects.
//
// Two implementations share the interface: arrowWriter (write_arrow.go,
// built with the build tag duckdb_arrow, which every way of building impact
// sets) hands DuckDB whole columns as Arrow record batches; appenderWriter
// (write_appender.go) hands it one value at a time through the DuckDB
// Appender. The package doc says which is used and why.
type rowWriter interface {
	// append adds one row. After an error the writer must not be used
	// again, except to discard it.
	append(row []driver.Value) error
	// flush writes every row still buffered into the transaction and
	// releases the writer.
	flush() error
	// discard drops the buffered rows and releases the writer; the caller
	// rolls the transaction back.
	discard()
}

// newRowWriter makes the rowWriter of a table on a Load's connection, inside
// the transaction the connection has begun.
type newRowWriter func(ctx context.Context, conn *sql.Conn, table string) (rowWriter, error)

// newWriter is the write path of every Load: defaultWriter, which the build
// tag chooses. Tests and benchmarks of this package set it to compare the
// two paths in one run.
var newWriter newRowWriter = defaultWriter

// batchRows is the number of rows the Arrow path (arrowWriter) gathers before it hands
// them to DuckDB: one DuckDB row group (60 vectors of 2048 rows). Each
// batch costs one view and one INSERT; at this size their fixed cost is
// lost in the rows', and a batch of the widest table stays near 10 MB.
const batchRows = 122_880

// tableColumn is one column of a table as the catalogue describes it.
type tableColumn struct {
	name, dataType string
}

// tableColumns reads the columns of a table of the main schema, in their
// order, from DuckDB's catalogue on the load's connection.
func tableColumns(ctx context.Context, conn *sql.Conn, table string) ([]tableColumn, error) {
	rows, err := conn.QueryContext(ctx, `SELECT column_name, data_type FROM duckdb_columns()
		WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var columns []tableColumn
	for rows.Next() {
		var c tableColumn
		if err := rows.Scan(&c.name, &c.dataType); err != nil {
			return nil, err
		}
		columns = append(columns, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(columns) == 0 {
		return nil, fmt.Errorf("table %s has no columns in the catalogue", table)
	}
	return columns, nil
}

// quoteIdent quotes a name for SQL ("date", "column" and "values" are
// keywords).
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// plain turns a value into one the writers take: the common types pass as
// they are, and pointers, named types and driver.Valuers are unwrapped to
// them. Slices (the values of a list column) pass as they are.
func plain(v any) driver.Value {
	switch v := v.(type) {
	case nil, string, bool, int, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
		float32, float64, time.Time, []byte:
		return v
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	}
	if valuer, ok := v.(driver.Valuer); ok {
		value, err := valuer.Value()
		if err != nil {
			return v // the writer reports the type it cannot take
		}
		return plain(value)
	}
	switch rv.Kind() {
	case reflect.Pointer:
		return plain(rv.Elem().Interface())
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return rv.Uint()
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	}
	return v
}

// integer returns the value of any Go integer as an int64.
func integer(v driver.Value) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint64:
		if x > math.MaxInt64 {
			return 0, false
		}
		return int64(x), true
	}
	return 0, false
}
