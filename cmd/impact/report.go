package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/reports"
	"github.com/joiningforces/impact/smart"
)

func reportCommand() command {
	var format, lang, asOf, out, template string
	return command{
		Name:    "report",
		Example: "impact report memo --format pdf --as-of 2025-11-30",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&format, "format", "html", m.helpText("flag.report.format"))
			fs.StringVar(&template, "template", "", m.helpText("flag.report.template"))
			fs.StringVar(&lang, "lang", "", m.helpText("flag.lang"))
			fs.StringVar(&asOf, "as-of", "", m.helpText("flag.as-of"))
			fs.StringVar(&out, "out", "", m.helpText("flag.report.out"))
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return m.usageError("usage.report.doc", strings.Join(reports.Docs, ", "))
				}
				doc := args[0]
				if !slices.Contains(reports.Docs, doc) {
					if n := impact.Nearest(doc, reports.Docs); n != "" {
						return m.usageError("usage.report.near", doc, n, strings.Join(reports.Docs, ", "))
					}
					return m.usageError("usage.report.unknown", doc, strings.Join(reports.Docs, ", "))
				}
				if !slices.Contains(reports.Formats, format) {
					return m.usageError("usage.report.format", format)
				}
				if template != "" && format != "docx" {
					return m.usageError("usage.report.template")
				}
				if lang != "" && !slices.Contains(reports.Languages(), lang) {
					return m.usageError("usage.lang", lang)
				}
				in, err := m.reportInput(ctx, asOf, lang)
				if err != nil {
					return err
				}
				if template != "" {
					in.Template = m.abs(template)
				}
				path := filepath.Join(in.Project.Dir, "reports", doc+"."+format)
				if out != "" {
					path = m.abs(out)
				}
				written, err := reports.Write(ctx, doc, format, path, in)
				if err != nil {
					return err
				}
				m.printWritten(written)
				return nil
			}
		},
	}
}

// printWritten names the report written, and the folder of its plots.
func (m *Main) printWritten(written []string) {
	fmt.Fprintln(m.Stdout, msg(m.language(), "wrote", m.relative(written[0])))
	if len(written) > 1 {
		fmt.Fprintln(m.Stdout, msgCount(m.language(), "report.plots", len(written)-1, len(written)-1, m.relative(filepath.Dir(written[1]))))
	}
}

// generatedAt returns the time reports are stamped with: SOURCE_DATE_EPOCH
// (seconds since 1970) when set, for reproducible builds, else now.
func (m *Main) generatedAt() (time.Time, error) {
	if epoch := m.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		seconds, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, m.usageError("usage.report.epoch", epoch)
		}
		return time.Unix(seconds, 0).UTC(), nil
	}
	return m.Now().UTC().Truncate(time.Second), nil
}

// reportInput loads the project, evaluates it at asOf and completes the
// evaluation with everything the reports read.
func (m *Main) reportInput(ctx context.Context, asOf, lang string) (reports.Input, error) {
	var date impact.Date
	if asOf != "" {
		var err error
		if date, err = impact.ParseDate(asOf); err != nil {
			return reports.Input{}, m.usageError("usage.as_of", asOf)
		}
	}
	generated, err := m.generatedAt()
	if err != nil {
		return reports.Input{}, err
	}
	// The lint's findings in the report speak the report's language.
	if lang != "" {
		m.LangFlag = lang
	}
	p, err := m.loadProject()
	if err != nil {
		return reports.Input{}, err
	}
	ev, err := m.evaluation(ctx, p, date, generated)
	if err != nil {
		return reports.Input{}, err
	}
	return reports.Input{Project: p, Evaluation: ev, Lang: lang, Version: Version, GeneratedAt: generated}, nil
}

// evaluation evaluates the project for a report, with the report's clock,
// so that SOURCE_DATE_EPOCH also fixes the default as-of date and the
// evaluation's own time stamp.
func (m *Main) evaluation(ctx context.Context, p *impact.Project, asOf impact.Date, generated time.Time) (*impact.Evaluation, error) {
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return nil, err
	}
	return smart.Evaluate(ctx, db, p, metrics.Options{AsOf: asOf, Now: func() time.Time { return generated }, Version: Version})
}

// demoReports is the demo's report step: every document of the demo's one
// evaluation in both languages as HTML, and as PDF when Chromium is found,
// with their paths.
func (m *Main) demoReports(ctx context.Context, p *impact.Project, ev *impact.Evaluation, generated time.Time) error {
	fmt.Fprintf(m.Stdout, "\n%s\n", msg(m.language(), "demo.reports"))
	formats := []string{"html"}
	if _, err := reports.FindChromium(); err == nil {
		formats = append(formats, "pdf")
	} else {
		fmt.Fprintf(m.Stdout, "  %s\n", msg(m.language(), "demo.no_pdf", impact.ErrorMessageIn(err, m.language())))
	}
	for _, lang := range reports.Languages() {
		in := reports.Input{Project: p, Evaluation: ev, Lang: lang, Version: Version, GeneratedAt: generated}
		for _, doc := range reports.Docs {
			for _, format := range formats {
				path := filepath.Join(p.Dir, "reports", doc+"."+lang+"."+format)
				written, err := reports.Write(ctx, doc, format, path, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "  %s\n", m.relative(written[0]))
			}
		}
		// The memo and the workshop report also as Word, for the officer's
		// own template.
		for _, doc := range []string{reports.DocMemo, reports.DocWorkshop} {
			written, err := reports.Write(ctx, doc, "docx", filepath.Join(p.Dir, "reports", doc+"."+lang+".docx"), in)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "  %s\n", m.relative(written[0]))
		}
	}
	return nil
}
