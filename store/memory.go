package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// LimitMemory caps the memory of DuckDB's buffer manager (its hash tables,
// sorts and the intermediate results of a statement) at limit bytes, so
// that a statement over more rows spills to a temporary folder beside the
// store instead of growing; DuckDB's own default is 80 % of the machine's
// memory. A limit already lower is kept. Restore sets the limit back to
// what it was (as DuckDB shows it: to a tenth of its unit); it is nil when the limit was kept (also when DuckDB holds
// more than limit already). The limit holds for
// every connection of the store until then.
func (db *DB) LimitMemory(ctx context.Context, limit int64) (restore func() error, err error) {
	var was string
	if err := db.sql.QueryRowContext(ctx, `SELECT current_setting('memory_limit')`).Scan(&was); err != nil {
		return nil, db.internal("read the memory limit", err)
	}
	if current, ok := parseMemory(was); ok && current <= limit {
		return nil, nil
	}
	if _, err := db.sql.ExecContext(ctx, fmt.Sprintf(`SET memory_limit = '%dB'`, limit)); err != nil {
		if OutOfMemory(err) {
			// DuckDB holds more than the limit already and cannot free
			// it: the statements run as they would have without it.
			return nil, nil
		}
		return nil, db.internal("set the memory limit", err)
	}
	return func() error {
		// The context may be cancelled by now; putting the limit back
		// must still happen. (RESET would not do: DuckDB resets the
		// setting but not the limit its buffer manager holds to.)
		if _, err := db.sql.ExecContext(context.Background(), `SET memory_limit = '`+strings.ReplaceAll(was, "'", "")+`'`); err != nil {
			return db.internal("restore the memory limit", err)
		}
		return nil
	}, nil
}

// Threads returns the number of threads DuckDB runs a statement on.
func (db *DB) Threads(ctx context.Context) (int, error) {
	var threads int
	if err := db.sql.QueryRowContext(ctx, `SELECT CAST(current_setting('threads') AS BIGINT)`).Scan(&threads); err != nil {
		return 0, db.internal("read the number of threads", err)
	}
	return threads, nil
}

// OutOfMemory reports whether err is DuckDB running out of the memory its
// limit allows.
func OutOfMemory(err error) bool {
	var derr *duckdb.Error
	return errors.As(err, &derr) && derr.Type == duckdb.ErrorTypeOutOfMemory
}

// parseMemory reads a memory size as DuckDB writes it ("18.8 GiB",
// "600.0 MiB", "512 bytes") in bytes.
func parseMemory(s string) (int64, bool) {
	number, unit, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return 0, false
	}
	x, err := strconv.ParseFloat(number, 64)
	if err != nil {
		return 0, false
	}
	scale := map[string]float64{
		"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
		"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
	}[unit]
	if scale == 0 {
		return 0, false
	}
	return int64(x * scale), true
}
