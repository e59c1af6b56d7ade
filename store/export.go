package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Export writes every table of the store (the ingest log sources, the data
// tables and rejects) into dir as one file per table, NAME.parquet or
// NAME.csv, with DuckDB's COPY … TO, rows sorted by all their columns. The
// data is written as stored, participants pseudonymised (as the
// pseudonym's hex text, participant.go). It creates dir when
// missing, overwrites earlier exports and returns the paths it wrote.
func (db *DB) Export(ctx context.Context, dir, format string) ([]string, error) {
	var options string
	format = strings.ToLower(format)
	switch format {
	case "parquet":
		options = "(FORMAT parquet, COMPRESSION zstd)"
	case "csv":
		options = "(FORMAT csv, HEADER true)"
	default:
		return nil, impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.CLI, "en", "refuse.export.format", format))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, impact.Said(impact.EINVALID, err, i18n.Keep(i18n.CLI, "en", "refuse.export.mkdir", dir, err))
	}
	var written []string
	for _, table := range storedTables() {
		file := filepath.Join(dir, table+"."+format)
		// Written under a temporary name and renamed, so that a full disk
		// or an interruption leaves no partial file under the real name.
		partial := file + ".partial"
		query := fmt.Sprintf(`COPY (%s) TO '%s' %s`, db.selectReadable(table), strings.ReplaceAll(partial, "'", "''"), options)
		_, err := db.sql.ExecContext(ctx, query)
		if err == nil {
			err = os.Rename(partial, file)
		}
		if err != nil {
			os.Remove(partial)
			return written, impact.Said(impact.EINVALID, err, i18n.Keep(i18n.CLI, "en", "refuse.export.write", file, oneLine(err.Error()), dir))
		}
		written = append(written, file)
	}
	return written, nil
}
