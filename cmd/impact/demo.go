package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
)

func demoCommand() command {
	var out string
	return command{
		Name:    "demo",
		Example: "impact demo --out demo",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&out, "out", "demo", m.helpText("flag.demo.out"))
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.demo.args")
				}
				return m.runDemo(ctx, m.abs(out))
			}
		},
	}
}

func (m *Main) runDemo(ctx context.Context, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, impact.ProjectFileName)); err != nil {
		if err := m.runInit(dir, impact.DefaultLanguage, true); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(m.Stdout, msg(m.language(), "demo.using", dir))
	}
	m.ProjectFlag = dir
	p, err := m.loadProject()
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout)
	printPlan(m.Stdout, p, m.isTerminal(), m.language())
	// Load every data file of the example; a second demo finds them
	// already ingested and says so.
	fmt.Fprintf(m.Stdout, "\n%s\n", msg(m.language(), "demo.data"))
	if _, err := m.ingestSources(ctx, p, p.Sources, ingestFlags{}); err != nil {
		return err
	}
	// One evaluation, judged at the end of the example's period (the date
	// its story is told at), rendered three ways: the lint's findings, the
	// goal table and every report.
	generated, err := m.generatedAt()
	if err != nil {
		return err
	}
	asOf := p.Info.Period.End
	if asOf.IsZero() || generated.Before(asOf.Time) {
		asOf = metrics.Today(func() time.Time { return generated })
	}
	ev, err := m.evaluation(ctx, p, asOf, generated)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "\n%s\n", msg(m.language(), "demo.lint"))
	findings := slices.Clone(ev.Findings)
	for i := range findings {
		findings[i].File = m.relative(findings[i].File)
	}
	printFindings(m.Stdout, p, findings, m.isTerminal(), m.language())
	fmt.Fprintf(m.Stdout, "\n%s\n", msg(m.language(), "demo.goals", ev.AsOf.String()))
	printEvaluation(m.Stdout, ev, m.isTerminal(), m.language())
	if err := m.demoReports(ctx, p, ev, generated); err != nil {
		return err
	}
	return nil
}
