package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
)

func exportCommand() command {
	var format, out string
	return command{
		Name:    "export",
		Args:    "--format parquet|csv --out DIR",
		Summary: "write every table of the store as Parquet or CSV files",
		Help: "Writes the ingest log (sources), each data table and the rejects into DIR, one file per\n" +
			"table, for DuckDB, Spark, R or Excel. The data is exported as stored: participants are\n" +
			"pseudonyms, never ids or names.",
		Example: "impact export --format parquet --out export",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&format, "format", "parquet", "the file `FORMAT`: parquet or csv")
			fs.StringVar(&out, "out", "export", "the `DIR` to write the files into")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("impact export takes no arguments; give the folder with --out DIR")
				}
				return m.runExport(ctx, format, m.abs(out))
			}
		},
	}
}

func (m *Main) runExport(ctx context.Context, format, out string) error {
	p, err := m.loadProject()
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return err
	}
	written, err := db.Export(ctx, out, format)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Exported %d tables to %s:\n", len(written), out)
	for _, file := range written {
		fmt.Fprintf(m.Stdout, "  %s\n", filepath.Base(file))
	}
	return nil
}
