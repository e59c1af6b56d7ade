//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// defaultWriter hands DuckDB whole columns: see the package doc for the
// figures that chose it.
var defaultWriter newRowWriter = newArrowWriter

// arrowWriter gathers rows column by column in Arrow builders made from the
// table's column types, and hands each full batch to DuckDB as a temporary
// view over an Arrow stream (duckdb.Arrow.RegisterView) that one INSERT …
// SELECT copies into the table, inside the load's transaction, on the
// load's own connection. The INSERT of a batch runs while the next batch is
// built (overlap), so that Go and DuckDB each keep one core busy.
//
// A column that holds one value on every row of a batch (a file's event,
// date, wave, form and source_id, and most often the mask of answered
// items) is not handed over row by row: the
// INSERT writes that value as a parameter, and neither Go nor DuckDB's
// Arrow scan touches it per row (see constantSQL).
type arrowWriter struct {
	ctx      context.Context
	conn     *sql.Conn
	fields   []arrow.Field
	types    []string
	builders []array.Builder
	setters  []arrowSetter
	names    []string
	table    string
	rows     int
	// same[i] tells that every row of the batch so far has the value
	// constant[i] in column i; the builder then holds only the first row's.
	same     []bool
	constant []driver.Value
	drop     string
	view     string
	overlap  bool
	// pending receives the result of the INSERT that runs in the
	// background, when there is one.
	pending chan error
}

// arrowSetter appends one value (plain, or nil for NULL) to a column.
type arrowSetter func(v driver.Value) error

// writeOverlap is whether arrowWriters insert a batch while the next is
// built; BenchmarkWriteWide measures both.
var writeOverlap = true

// writeConstants is whether arrowWriters write a column that holds one
// value throughout a batch as a parameter of the INSERT; BenchmarkWriteWide
// measures both.
var writeConstants = true

// newArrowWriter reads the table's columns from the catalogue and makes a
// builder for each.
func newArrowWriter(ctx context.Context, conn *sql.Conn, table string) (rowWriter, error) {
	columns, err := tableColumns(ctx, conn, table)
	if err != nil {
		return nil, err
	}
	w := &arrowWriter{
		ctx: ctx, conn: conn, table: quoteIdent(table),
		fields: make([]arrow.Field, len(columns)), types: make([]string, len(columns)),
		builders: make([]array.Builder, len(columns)), setters: make([]arrowSetter, len(columns)),
		names: make([]string, len(columns)), same: make([]bool, len(columns)), constant: make([]driver.Value, len(columns)),
		overlap: writeOverlap,
	}
	for i, c := range columns {
		typ, err := arrowType(c.dataType)
		if err != nil {
			w.release()
			return nil, fmt.Errorf("column %s of %s: %w", c.name, table, err)
		}
		w.fields[i] = arrow.Field{Name: c.name, Type: typ, Nullable: true}
		w.types[i] = c.dataType
		w.names[i] = quoteIdent(c.name)
		w.builders[i] = array.NewBuilder(memory.DefaultAllocator, typ)
		w.setters[i] = arrowSetterOf(c.dataType, w.builders[i])
	}
	w.view = uniqueName("impact_load_" + table)
	w.drop = `DROP VIEW IF EXISTS ` + quoteIdent(w.view)
	return w, nil
}

// arrowTypes maps each DuckDB type the store writes to its Arrow type.
var arrowTypes = map[string]arrow.DataType{
	"VARCHAR":   arrow.BinaryTypes.String,
	"INTEGER":   arrow.PrimitiveTypes.Int32,
	"BIGINT":    arrow.PrimitiveTypes.Int64,
	"UBIGINT":   arrow.PrimitiveTypes.Uint64,
	"DOUBLE":    arrow.PrimitiveTypes.Float64,
	"BOOLEAN":   arrow.FixedWidthTypes.Boolean,
	"DATE":      arrow.FixedWidthTypes.Date32,
	"TIMESTAMP": &arrow.TimestampType{Unit: arrow.Microsecond},
}

// arrowType is the Arrow type of a DuckDB column type, as DuckDB's Arrow
// scan maps it back.
func arrowType(dataType string) (arrow.DataType, error) {
	if element, ok := strings.CutSuffix(dataType, "[]"); ok {
		typ, err := arrowType(element)
		if err != nil {
			return nil, err
		}
		return arrow.ListOf(typ), nil
	}
	if typ, ok := arrowTypes[dataType]; ok {
		return typ, nil
	}
	return nil, fmt.Errorf("type %s is not one the store writes", dataType)
}

// arrowSetterOf returns the setter of a column of a DuckDB type (one that
// arrowType knows) and the builder made for it. Each setter takes the Go
// values that the Appender takes for that type, and converts them the way
// the Appender does, so that both paths store the same rows.
func arrowSetterOf(dataType string, b array.Builder) arrowSetter {
	if _, ok := strings.CutSuffix(dataType, "[]"); ok {
		lb := b.(*array.ListBuilder)
		element := arrowSetterOf(strings.TrimSuffix(dataType, "[]"), lb.ValueBuilder())
		return func(v driver.Value) error {
			return appendList(lb, element, v)
		}
	}
	switch b := b.(type) {
	case *array.StringBuilder:
		return func(v driver.Value) error {
			switch v := v.(type) {
			case nil:
				b.AppendNull()
			case string:
				b.Append(v)
			case []byte:
				b.BinaryBuilder.Append(v)
			default:
				return castError(v, "VARCHAR")
			}
			return nil
		}
	case *array.Int32Builder:
		return integerSetter(b, "INTEGER", math.MinInt32, math.MaxInt32, func(n int64) { b.Append(int32(n)) })
	case *array.Int64Builder:
		return integerSetter(b, "BIGINT", math.MinInt64, math.MaxInt64, b.Append)
	case *array.Uint64Builder:
		return typedSetter(b, "UBIGINT", b.Append)
	case *array.Float64Builder:
		return func(v driver.Value) error {
			switch x := v.(type) {
			case nil:
				b.AppendNull()
			case float64:
				b.Append(x)
			case float32:
				b.Append(float64(x))
			default:
				n, ok := integer(v)
				if !ok {
					return castError(v, "DOUBLE")
				}
				b.Append(float64(n))
			}
			return nil
		}
	case *array.BooleanBuilder:
		return typedSetter(b, "BOOLEAN", b.Append)
	case *array.Date32Builder:
		return typedSetter(b, "DATE", func(t time.Time) {
			// As the Appender: whole days since the epoch, truncated.
			b.Append(arrow.Date32(t.Unix() / (24 * 60 * 60)))
		})
	case *array.TimestampBuilder:
		return typedSetter(b, "TIMESTAMP", func(t time.Time) { b.Append(arrow.Timestamp(t.UnixMicro())) })
	}
	panic(fmt.Sprintf("store: no setter for %s (%T)", dataType, b))
}

// appendList appends the value of a list column: a slice of the element
// type ([]float64, []*float64 whose nil elements are NULL, []string …),
// []any, or nil for NULL.
func appendList(lb *array.ListBuilder, element arrowSetter, v driver.Value) error {
	// The common lists go to the element builder whole.
	switch list := v.(type) {
	case []float64:
		if values, ok := lb.ValueBuilder().(*array.Float64Builder); ok && list != nil {
			lb.Append(true)
			values.AppendValues(list, nil)
			return nil
		}
	case []string:
		if values, ok := lb.ValueBuilder().(*array.StringBuilder); ok && list != nil {
			lb.Append(true)
			values.AppendValues(list, nil)
			return nil
		}
	}
	if elements, ok := v.([]any); ok {
		// A survey line's answers: each a float64 or nil, most often.
		if values, ok := lb.ValueBuilder().(*array.Float64Builder); ok && elements != nil {
			lb.Append(true)
			for _, e := range elements {
				switch x := e.(type) {
				case float64:
					values.Append(x)
				case nil:
					values.AppendNull()
				default:
					if err := element(e); err != nil {
						return err
					}
				}
			}
			return nil
		}
	}
	switch elements := plainList(v).(type) {
	case nil:
		lb.AppendNull()
	case []any:
		lb.Append(true)
		for _, e := range elements {
			if err := element(e); err != nil {
				return err
			}
		}
	default:
		return castError(v, "list")
	}
	return nil
}

// typedSetter returns the setter of a column that takes values of one Go
// type.
func typedSetter[T any](b array.Builder, dataType string, appendValue func(T)) arrowSetter {
	return func(v driver.Value) error {
		switch x := v.(type) {
		case nil:
			b.AppendNull()
		case T:
			appendValue(x)
		default:
			return castError(v, dataType)
		}
		return nil
	}
}

// integerSetter returns the setter of an integer column of the given range.
func integerSetter(b array.Builder, dataType string, least, most int64, appendValue func(int64)) arrowSetter {
	return func(v driver.Value) error {
		if v == nil {
			b.AppendNull()
			return nil
		}
		n, ok := integer(v)
		if !ok {
			return castError(v, dataType)
		}
		if n < least || n > most {
			return fmt.Errorf("%d does not fit a column of type %s", n, dataType)
		}
		appendValue(n)
		return nil
	}
}

func castError(v driver.Value, want string) error {
	return fmt.Errorf("cannot store a Go %T in a column of type %s", v, want)
}

func (w *arrowWriter) append(row []driver.Value) error {
	if len(row) != len(w.setters) {
		return fmt.Errorf("got %d values for %d columns", len(row), len(w.setters))
	}
	for i, set := range w.setters {
		v := row[i]
		if w.rows > 0 && w.same[i] {
			if sameValue(v, w.constant[i]) {
				continue
			}
			// The column varies after all: its builder gets the value of
			// the rows before this one (it holds the first).
			if err := w.fill(i); err != nil {
				return err
			}
		}
		if err := set(v); err != nil {
			return fmt.Errorf("column %s: %w", w.names[i], err)
		}
		if w.rows == 0 {
			w.same[i], w.constant[i] = writeConstants && constantSQL(w.types[i], v) != "", v
		}
	}
	w.rows++
	if w.rows == batchRows {
		return w.send()
	}
	return nil
}

// fill gives column i's builder the constant value of the batch's rows
// after the first, and ends the column's being constant.
func (w *arrowWriter) fill(i int) error {
	for range w.rows - 1 {
		if err := w.setters[i](w.constant[i]); err != nil {
			return fmt.Errorf("column %s: %w", w.names[i], err)
		}
	}
	w.same[i] = false
	return nil
}

// sameValue reports whether v stores as the constant c, a value that
// constantSQL takes.
func sameValue(v, c driver.Value) bool {
	if t, ok := c.(time.Time); ok {
		u, ok := v.(time.Time)
		return ok && u.Equal(t)
	}
	return v == c
}

// constantSQL is the expression that writes v, the value of a column of a
// DuckDB type on every row of a batch, with v's parameter (constantArg);
// "" when the column's values are handed over as they are. A date is
// written as its days since the epoch, as the Arrow column holds it.
func constantSQL(dataType string, v driver.Value) string {
	switch v.(type) {
	case nil:
		return "NULL::" + dataType
	case string:
		if dataType == "VARCHAR" {
			return "?::VARCHAR"
		}
	case bool:
		if dataType == "BOOLEAN" {
			return "?::BOOLEAN"
		}
	case time.Time:
		if dataType == "DATE" {
			return "(DATE '1970-01-01' + ?::INTEGER)"
		}
	default:
		if _, ok := integer(v); ok && (dataType == "INTEGER" || dataType == "BIGINT" || dataType == "UBIGINT") {
			return "?::" + dataType
		}
	}
	return ""
}

// constantArg is the parameter of constantSQL's expression for v; nil for
// a NULL, which has none.
func constantArg(v driver.Value) driver.Value {
	switch x := v.(type) {
	case nil, string, bool:
		return x
	case time.Time:
		return int64(arrow.Date32(x.Unix() / (24 * 60 * 60)))
	}
	n, _ := integer(v)
	return n
}

// send hands the gathered rows to DuckDB: in the background when the
// writer overlaps, after the previous batch is in.
func (w *arrowWriter) send() error {
	batch, insert, args, err := w.batch()
	if err != nil {
		return err
	}
	if err := w.wait(); err != nil {
		batch.Release()
		return err
	}
	if !w.overlap {
		return w.insertBatch(batch, insert, args)
	}
	w.pending = make(chan error, 1)
	go func() { w.pending <- w.insertBatch(batch, insert, args) }()
	return nil
}

// batch makes the record batch of the gathered rows, of the columns that
// vary, and the INSERT that copies it with the constant columns' values as
// its parameters, and starts the next batch.
func (w *arrowWriter) batch() (arrow.RecordBatch, string, []driver.NamedValue, error) {
	if !slices.Contains(w.same, false) {
		// The view needs a column to count the rows by.
		if err := w.fill(0); err != nil {
			return nil, "", nil, err
		}
	}
	rows := w.rows
	w.rows = 0
	var fields []arrow.Field
	var arrays []arrow.Array
	values := make([]string, len(w.builders))
	var args []driver.NamedValue
	for i, b := range w.builders {
		a := b.NewArray()
		if !w.same[i] {
			fields, arrays = append(fields, w.fields[i]), append(arrays, a)
			values[i] = w.names[i]
			continue
		}
		a.Release()
		values[i] = constantSQL(w.types[i], w.constant[i])
		if w.constant[i] != nil {
			args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: constantArg(w.constant[i])})
		}
	}
	batch := array.NewRecordBatch(arrow.NewSchema(fields, nil), arrays, int64(rows))
	for _, a := range arrays {
		a.Release()
	}
	insert := `INSERT INTO ` + w.table + ` (` + strings.Join(w.names, ", ") + `) SELECT ` + strings.Join(values, ", ") + ` FROM ` + quoteIdent(w.view)
	return batch, insert, args, nil
}

// wait waits for the INSERT running in the background, if any.
func (w *arrowWriter) wait() error {
	if w.pending == nil {
		return nil
	}
	err := <-w.pending
	w.pending = nil
	return err
}

// insertBatch copies one record batch into the table and releases it. The
// view is temporary (it lives on the connection, never in the file) and is
// dropped before the stream it reads is released.
func (w *arrowWriter) insertBatch(batch arrow.RecordBatch, insert string, args []driver.NamedValue) error {
	defer batch.Release()
	reader, err := array.NewRecordReader(batch.Schema(), []arrow.RecordBatch{batch})
	if err != nil {
		return err
	}
	defer reader.Release()
	return w.conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(driver.Conn)
		if !ok {
			return fmt.Errorf("not a driver connection: %T", driverConn)
		}
		execer, ok := driverConn.(driver.ExecerContext)
		if !ok {
			return fmt.Errorf("the driver connection cannot execute statements: %T", driverConn)
		}
		a, err := duckdb.NewArrowFromConn(dc)
		if err != nil {
			return err
		}
		release, err := a.RegisterView(reader, w.view)
		if err != nil {
			return err
		}
		defer release()
		_, err = execer.ExecContext(w.ctx, insert, args)
		if _, dropErr := execer.ExecContext(context.Background(), w.drop, nil); err == nil {
			err = dropErr
		}
		return err
	})
}

func (w *arrowWriter) flush() error {
	defer w.release()
	if w.rows > 0 {
		if err := w.send(); err != nil {
			w.wait()
			return err
		}
	}
	return w.wait()
}

func (w *arrowWriter) discard() {
	w.wait()
	w.release()
}

// release releases the builders.
func (w *arrowWriter) release() {
	for _, b := range w.builders {
		if b != nil {
			b.Release()
		}
	}
}
