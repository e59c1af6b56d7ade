package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TableCounts returns the number of rows in the ingest log (sources), in
// each data table and in rejects, keyed by table name.
func (db *DB) TableCounts(ctx context.Context) (map[string]int64, error) {
	counts := make(map[string]int64)
	for _, table := range storedTables() {
		var n int64
		if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			return nil, db.internal("count the rows of "+table, err)
		}
		counts[table] = n
	}
	return counts, nil
}

// DumpTables returns the full content of the ingest log, every data table
// and the rejects as text in a stable order (tables as in TableCounts, each
// under a line "== table" and as DumpTable writes it), so that tests can
// compare a store before and after an operation byte for byte. It is meant
// for tests and small stores.
func (db *DB) DumpTables(ctx context.Context) (string, error) {
	var out strings.Builder
	for _, table := range storedTables() {
		dump, err := db.DumpTable(ctx, table)
		if err != nil {
			return "", err
		}
		out.WriteString("== " + table + "\n" + dump)
	}
	return out.String(), nil
}

// DumpTable returns the content of table as tab-separated text: its
// columns on the first line, then its rows sorted by all their columns,
// each value written so that NULL, the empty string and "NULL" differ. The
// columns named in skip are left out (those that differ from run to run,
// such as ingested_at), though the rows are still sorted by them. It is
// meant for tests and small stores.
func (db *DB) DumpTable(ctx context.Context, table string, skip ...string) (string, error) {
	var out strings.Builder
	var kept []int
	err := db.ScanTable(ctx, table, func(columns []string) error {
		var names []string
		for i, c := range columns {
			if !slices.Contains(skip, c) {
				kept = append(kept, i)
				names = append(names, c)
			}
		}
		out.WriteString(strings.Join(names, "\t") + "\n")
		return nil
	}, func(values []any) error {
		for i, k := range kept {
			if i > 0 {
				out.WriteByte('\t')
			}
			out.WriteString(dumpValue(values[k]))
		}
		out.WriteByte('\n')
		return nil
	})
	return out.String(), err
}

// dumpValue writes a value so that NULL, the empty string and "NULL" differ.
func dumpValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return strconv.Quote(v)
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}

// DataHash returns the hex SHA-256 of the ingest log's (path, hash,
// settings) entries in path order: a fingerprint of the data an evaluation
// was computed from, the data_hash of `impact evaluate --json`. An empty
// store has the hash of no input.
//
// A source's settings (how it was read: its columns: map, event, wave …)
// are part of it because the same file read with another mapping gives
// other rows, and the evaluation cache of the dashboards is keyed on this
// hash: a reload that changed only the settings must move it too. A source
// without recorded settings (loaded before schema version 3) is hashed as
// "path NUL hash LF", as it was before settings existed; one with settings
// as "path NUL hash NUL settings LF".
func (db *DB) DataHash(ctx context.Context) (string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT path, hash, coalesce(`+db.settingsColumn()+`, '') FROM sources ORDER BY path`)
	if err != nil {
		return "", db.internal("hash the ingest log", err)
	}
	defer rows.Close()
	sum := sha256.New()
	for rows.Next() {
		var path, hash, settings string
		if err := rows.Scan(&path, &hash, &settings); err != nil {
			return "", db.internal("hash the ingest log", err)
		}
		// NUL and newline cannot occur in a path from impact.yaml, in a hex
		// hash or in settings (BeginLoad refuses them), so the entries are
		// unambiguous.
		if settings == "" {
			fmt.Fprintf(sum, "%s\x00%s\n", path, hash)
		} else {
			fmt.Fprintf(sum, "%s\x00%s\x00%s\n", path, hash, settings)
		}
	}
	if err := rows.Err(); err != nil {
		return "", db.internal("hash the ingest log", err)
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}
