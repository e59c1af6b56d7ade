package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"strconv"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

func versionCommand() command {
	return command{
		Name:    "version",
		Example: "impact --project demo version",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.version.args")
				}
				return m.runVersion(ctx)
			}
		},
	}
}

func (m *Main) runVersion(ctx context.Context) error {
	duck, err := store.LibraryVersion(ctx)
	if err != nil {
		return refuse(impact.EINTERNAL, err, "duckdb.start", err)
	}
	fmt.Fprintf(m.Stdout, "impact %s\nDuckDB %s\n%s %s/%s\n", Version, duck, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if m.ProjectFlag == "" && m.Getenv("IMPACT_PROJECT") == "" {
		if _, err := impact.FindProjectDir(m.Dir); err != nil {
			return nil
		}
	}
	p, err := m.loadProject()
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, msg(m.language(), "version.project", p.Info.ID, p.Dir, db.Path(), strconv.Itoa(db.SchemaVersion())))
	return nil
}
