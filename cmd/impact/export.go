package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/export"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/smart"
	"github.com/joiningforces/impact/store"
)

func exportCommand() command {
	var format, out, dialect string
	return command{
		Name:    "export",
		Example: "impact export --format xlsx --out export",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&format, "format", "parquet", m.helpText("flag.export.format"))
			fs.StringVar(&out, "out", "export", m.helpText("flag.export.out"))
			fs.StringVar(&dialect, "csv-dialect", "", m.helpText("flag.export.csv-dialect"))
			m.langFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.export.args")
				}
				return m.runExport(ctx, strings.ToLower(format), dialect, m.abs(out))
			}
		},
	}
}

func (m *Main) runExport(ctx context.Context, format, dialectName, out string) error {
	if format != "parquet" && format != "csv" && format != "xlsx" {
		return m.usageError("usage.export.format", format)
	}
	p, err := m.loadProject()
	if err != nil {
		return err
	}
	dialect, err := export.DialectOf(dialectName, m.language())
	if err != nil {
		return m.usageError("usage.export.dialect", dialectName)
	}
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return err
	}
	var written []string
	switch {
	case format == "xlsx":
		written, err = m.exportWorkbook(ctx, db, p, out)
	case format == "csv" && dialect != export.Plain:
		written, err = exportCSV(ctx, db, dialect, out)
	default:
		// Parquet, and CSV for R and Python, as DuckDB writes them.
		written, err = db.Export(ctx, out, format)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, msgCount(m.language(), "export.done", len(written), len(written), out))
	for _, file := range written {
		fmt.Fprintf(m.Stdout, "  %s\n", filepath.Base(file))
	}
	return nil
}

// exportCSV writes every table of the store as NAME.csv in dir, in the
// dialect, each under a temporary name until it is whole.
func exportCSV(ctx context.Context, db *store.DB, dialect export.Dialect, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, refuse(impact.EINVALID, err, "refuse.export.mkdir", dir, err)
	}
	var written []string
	for _, table := range store.StoredTables() {
		file := filepath.Join(dir, table+".csv")
		err := writeWhole(file, dir, func(f *os.File) error {
			w, err := export.NewCSV(f, dialect)
			if err != nil {
				return err
			}
			if err := db.ScanTable(ctx, table, w.Header, w.Row); err != nil {
				return err
			}
			return w.Close()
		})
		if err != nil {
			return written, err
		}
		written = append(written, file)
	}
	return written, nil
}

// exportWorkbook writes impact.xlsx in dir: the goal table of the
// evaluation as of today on the first sheet, then a sheet per table.
func (m *Main) exportWorkbook(ctx context.Context, db *store.DB, p *impact.Project, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, refuse(impact.EINVALID, err, "refuse.export.mkdir", dir, err)
	}
	ev, err := smart.Evaluate(ctx, db, p, metrics.Options{Now: m.Now, Version: Version, GoalsOnly: true})
	if err != nil {
		return nil, err
	}
	wb, err := export.NewWorkbook()
	if err != nil {
		return nil, refuse(impact.EINTERNAL, err, "refuse.export.internal", err)
	}
	lang := m.language()
	columns, rows := goalSheet(ev, lang)
	if err := wb.Sheet(msg(lang, "export.goals"), columns); err != nil {
		return nil, refuse(impact.EINTERNAL, err, "refuse.export.internal", err)
	}
	for _, row := range rows {
		if err := wb.Row(row); err != nil {
			return nil, refuse(impact.EINTERNAL, err, "refuse.export.internal", err)
		}
	}
	for _, table := range store.StoredTables() {
		err := db.ScanTable(ctx, table, func(columns []string) error { return wb.Sheet(table, columns) }, wb.Row)
		if err != nil {
			return nil, exportError(table, dir, err)
		}
	}
	file := filepath.Join(dir, "impact.xlsx")
	if err := writeWhole(file, dir, func(f *os.File) error { return wb.Write(f) }); err != nil {
		return nil, err
	}
	return []string{file}, nil
}

// goalSheet is the goal table as the workbook's first sheet holds it: the
// figures of impact evaluate's goal table (its forecast aside), each a
// number of its own, the interval in two columns.
func goalSheet(ev *impact.Evaluation, lang string) ([]string, [][]any) {
	columns := []string{msg(lang, "goals.indicator"), msg(lang, "xlsx.name"), msg(lang, "goals.status"), msg(lang, "xlsx.estimate"),
		msg(lang, "xlsx.ci_low"), msg(lang, "xlsx.ci_high"), msg(lang, "goals.target"), msg(lang, "goals.n"), msg(lang, "goals.deadline")}
	rows := make([][]any, 0, len(ev.Indicators))
	for _, r := range ev.Indicators {
		row := []any{r.ID, r.Name, msg(lang, "status."+string(r.Status)), nil, nil, nil, nil, nil, nil}
		// A result on fewer people than min_cell shows no figure here
		// either, as in every other output.
		if !r.Suppressed {
			row[3], row[4], row[5] = floatOrNil(r.Estimate), floatOrNil(r.CILow), floatOrNil(r.CIHigh)
			if r.N != nil {
				row[7] = *r.N
			}
		}
		row[6] = floatOrNil(r.Target)
		if r.Deadline != nil {
			row[8] = r.Deadline.Time
		}
		rows = append(rows, row)
	}
	return columns, rows
}

func floatOrNil(x *float64) any {
	if x == nil {
		return nil
	}
	return *x
}

// writeWhole writes file through a temporary file beside it and renames it
// when write succeeded, so that a full disk or an interruption leaves no
// partial file under the real name.
func writeWhole(file, dir string, write func(*os.File) error) error {
	partial := file + ".partial"
	f, err := os.Create(partial)
	if err == nil {
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = os.Rename(partial, file)
	}
	if err != nil {
		os.Remove(partial)
		return exportError(filepath.Base(file), dir, err)
	}
	return nil
}

// exportError says which file could not be written; an error of the
// store, which says what happened, is passed on as it is.
func exportError(what, dir string, err error) error {
	var e *impact.Error
	if errors.As(err, &e) {
		return err
	}
	return refuse(impact.EINVALID, err, "refuse.export.write", what, err, dir)
}
