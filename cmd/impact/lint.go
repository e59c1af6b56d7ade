package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/smart"
)

func lintCommand() command {
	var asJSON, strict bool
	return command{
		Name:    "lint",
		Example: "impact lint --strict",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.BoolVar(&asJSON, "json", false, m.helpText("flag.lint.json"))
			fs.BoolVar(&strict, "strict", false, m.helpText("flag.lint.strict"))
			m.langFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.lint.args")
				}
				return m.runLint(ctx, asJSON, strict)
			}
		},
	}
}

func (m *Main) runLint(ctx context.Context, asJSON, strict bool) error {
	dir, err := m.projectDir()
	if err != nil {
		return err
	}
	// The loader's warnings are not printed here: its one warning, a
	// deadline outside the period, is the lint's T002 and would be said twice.
	p, err := m.load(dir)
	if err != nil {
		return err
	}
	if err := m.speak(p); err != nil {
		return err
	}
	findings, err := m.lint(ctx, p)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			return refuse(impact.EINTERNAL, err, "lint.write", err)
		}
	} else {
		printFindings(m.Stdout, p, findings, m.isTerminal(), m.lang)
	}
	errs, warnings := smart.Count(findings)
	switch {
	case errs > 0:
		return &impact.Error{Code: impact.EFOUND, Message: msgCounts(m.lang, "lint.found", errs, warnings)}
	case strict && warnings > 0:
		return &impact.Error{Code: impact.EFOUND, Message: msgCount(m.lang, "lint.strict", warnings, warnings)}
	}
	return nil
}

// lint returns the findings on the project, with the file named relative
// to the folder the command runs in.
func (m *Main) lint(ctx context.Context, p *impact.Project) ([]impact.Finding, error) {
	ev, err := m.lintEvaluation(ctx, p)
	if err != nil {
		return nil, err
	}
	findings := smart.LintEvaluation(p, ev)
	for i := range findings {
		findings[i].File = m.relative(findings[i].File)
	}
	return findings, nil
}

// lintEvaluation evaluates the ingested data for the rules that judge it
// (M004, A003 at the current n, T003), or returns nil to lint the plan
// alone. The lint needs no data, so it neither makes a store nor evaluates
// one that holds no source yet.
func (m *Main) lintEvaluation(ctx context.Context, p *impact.Project) (*impact.Evaluation, error) {
	if _, err := os.Stat(m.dbPath(p.Dir)); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return nil, err
	}
	sources, err := db.Sources(ctx)
	if err != nil {
		return nil, err
	}
	if len(sources) == 0 {
		return nil, nil
	}
	return metrics.Evaluate(ctx, db, p, metrics.Options{Now: m.Now, Version: Version, GoalsOnly: true})
}

// relative returns path relative to the folder the command runs in, as a
// compiler names files, unless it lies outside it.
func (m *Main) relative(path string) string {
	rel, err := filepath.Rel(m.Dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

// printFindings writes one compiler-style line per finding in lang,
//
//	impact.yaml:12:5: error M001 [indicator x]: …
//
// and a closing count, the line in its severity's colour on a terminal.
func printFindings(w io.Writer, p *impact.Project, findings []impact.Finding, colour bool, lang string) {
	for _, f := range findings {
		line := msg(lang, "lint."+f.Severity+"."+subjectKind(p, f.Subject), f.File, f.Line, f.Column, f.Rule, f.Subject, f.Message)
		if colour {
			c := text.FgYellow
			if f.Severity == impact.SeverityError {
				c = text.FgRed
			}
			line = c.Sprint(line)
		}
		fmt.Fprintln(w, line)
	}
	errs, warnings := smart.Count(findings)
	if errs+warnings == 0 {
		fmt.Fprintln(w, msg(lang, "lint.none"))
		return
	}
	fmt.Fprintln(w, msgCounts(lang, "lint.count", errs, warnings))
}

// subjectKind says what a finding is about: an indicator, a node or an
// assumption.
func subjectKind(p *impact.Project, subject string) string {
	if _, ok := p.Indicator(subject); ok {
		return "indicator"
	}
	if _, ok := p.Node(subject); ok {
		return "node"
	}
	return "assumption"
}
