package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/reports"
	"github.com/joiningforces/impact/smart"
	"github.com/joiningforces/impact/store"
)

func serveCommand() command {
	var addr, certFile, keyFile string
	var maxUploadMB int64
	var formRate int
	return command{
		Name:    "serve",
		Example: "impact serve --addr 127.0.0.1:8080",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&addr, "addr", dashboards.DefaultAddr, m.helpText("flag.serve.addr"))
			fs.Int64Var(&maxUploadMB, "max-upload", dashboards.DefaultMaxUpload>>20, m.helpText("flag.serve.max-upload"))
			fs.StringVar(&certFile, "cert", "", m.helpText("flag.serve.cert"))
			fs.StringVar(&keyFile, "key", "", m.helpText("flag.serve.key"))
			fs.IntVar(&formRate, "form-rate", dashboards.DefaultFormRate, m.helpText("flag.serve.form-rate"))
			m.langFlag(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.serve.args")
				}
				if maxUploadMB <= 0 {
					return m.usageError("usage.serve.max_upload", maxUploadMB)
				}
				if formRate <= 0 {
					return m.usageError("usage.serve.form_rate", formRate)
				}
				return m.runServe(ctx, serveOptions{addr: addr, certFile: certFile, keyFile: keyFile, maxUpload: maxUploadMB << 20, formRate: formRate})
			}
		},
	}
}

// serveOptions are the flags of impact serve.
type serveOptions struct {
	addr, certFile, keyFile string
	maxUpload               int64
	formRate                int
}

// runServe wires the dashboards to the project, its store, the evaluation,
// ingest and the reports, and serves until ctx is cancelled.
func (m *Main) runServe(ctx context.Context, o serveOptions) error {
	p, err := m.loadProject()
	if err != nil {
		return err
	}
	loopback, err := dashboards.IsLoopback(o.addr)
	if err != nil {
		return err
	}
	// Tokens matter only off loopback. They are checked before the store is
	// opened, so that a server that may not start holds nothing.
	var tokens dashboards.Tokens
	if !loopback {
		if tokens, err = dashboards.LoadTokens(p.Dir, m.Getenv); err != nil {
			return err
		}
		if _, err := dashboards.New(dashboards.Config{Project: p, Addr: o.addr, Tokens: tokens, Evaluate: noEvaluate, DataHash: noDataHash}); err != nil {
			return err
		}
	}
	// The server holds the store only while it works, so that every other
	// command runs beside it (see the package doc of store).
	shared := store.NewShared(m.dbPath(p.Dir), store.Options{Wait: m.Wait})
	if err := shared.Use(ctx, -1, func(*store.DB) error { return nil }); err != nil {
		return err
	}
	defer shared.Close()
	follow := &followedStore{shared: shared}
	cfg := dashboards.Config{
		Project:   p,
		Addr:      o.addr,
		Tokens:    tokens,
		CertFile:  o.certFile,
		KeyFile:   o.keyFile,
		MaxUpload: o.maxUpload,
		Version:   Version,
		Now:       m.Now,
		Log:       m.Stderr,
		DataHash:  follow.DataHash,
		Evaluate: func(ctx context.Context, asOf impact.Date) (ev *impact.Evaluation, err error) {
			// An evaluation reads a copy of the store, which is held only
			// while it is copied: at a million participants it takes seconds.
			err = shared.Snapshot(ctx, -1, func(db *store.DB) error {
				ev, err = smart.Evaluate(ctx, db, p, metrics.Options{AsOf: asOf, Now: m.Now, Version: Version})
				return err
			})
			return ev, err
		},
		Renderer: reportRenderer{},
		// The forms of an impact-measurement day (impact collect).
		Collect:  func(ctx context.Context, work func(*store.DB) error) error { return shared.Use(ctx, -1, work) },
		FormRate: o.formRate,
	}
	if secret, err := ingest.LoadSecret(p.Dir, m.Getenv); err != nil {
		// Without the secret no participant can be pseudonymised, so the
		// upload page says that this server cannot load data.
		fmt.Fprintln(m.Stderr, msg(m.language(), "serve.no_uploads", impact.ErrorMessageIn(err, m.language())))
	} else {
		cfg.Secret = secret
		cfg.Ingest = func(ctx context.Context, src impact.Source, opts dashboards.IngestOptions) (res ingest.Result, err error) {
			err = shared.Use(ctx, -1, func(db *store.DB) error {
				in := ingest.New(p.SpeakingIn(opts.Lang), db, ingest.Options{Secret: secret, SkipInvalid: opts.SkipInvalid, DryRun: opts.DryRun, Now: m.Now})
				res, err = in.File(ctx, src)
				return err
			})
			return res, err
		}
	}
	srv, err := dashboards.New(cfg)
	if err != nil {
		return err
	}
	// A store that cannot be read (truncated, damaged) would make every
	// page fail: refuse to start rather than serve errors.
	if err := srv.Ready(ctx); err != nil {
		return refuse(impact.EINTERNAL, err, "refuse.serve.store", impact.ErrorValue{Err: err})
	}
	if err := srv.Warm(ctx); err != nil {
		// The pages show the error too; serving still lets the user upload
		// the data that may fix it.
		fmt.Fprintln(m.Stderr, msg(m.language(), "serve.evaluation_failed", impact.ErrorMessageIn(err, m.language())))
	}
	scheme := "http"
	if o.certFile != "" {
		scheme = "https"
	}
	return srv.ListenAndServe(ctx, func(a net.Addr) {
		fmt.Fprintln(m.Stdout, msg(m.language(), "serve.serving", p.Info.ID, fmt.Sprintf("%s://%s/", scheme, a), srv.AccessSummary(m.language())))
	})
}

// followedStore reads the data hash of a store that other processes may
// change while serve runs: when the files have not changed since the last
// read (two stat calls) the hash is the one read then; otherwise it opens
// the store and reads it again. A store another process holds at that
// moment keeps the last hash, so the board shows the last complete state
// and follows once the other process is done.
type followedStore struct {
	shared *store.Shared

	mu      sync.Mutex
	hash    string
	known   bool
	changes int
}

// DataHash returns the data hash of the store, for dashboards.Config.
func (f *followedStore) DataHash(ctx context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.known && f.shared.Changes() == f.changes {
		return f.hash, nil
	}
	wait := time.Duration(-1)
	if f.known {
		wait = 0
	}
	var hash string
	var changes int
	err := f.shared.Use(ctx, wait, func(db *store.DB) (err error) {
		changes = f.shared.Changes()
		hash, err = db.DataHash(ctx)
		return err
	})
	if err != nil {
		if f.known && impact.ErrorCode(err) == impact.ECONFLICT {
			return f.hash, nil
		}
		return "", err
	}
	f.hash, f.known, f.changes = hash, true, changes
	return hash, nil
}

func noEvaluate(context.Context, impact.Date) (*impact.Evaluation, error) { return nil, nil }

func noDataHash(context.Context) (string, error) { return "", nil }

// reportRenderer draws the dashboards' plots and documents with package
// reports, so that a page and a report show the same figure the same way.
type reportRenderer struct{}

// IndicatorPlot draws one indicator's plot as SVG.
func (reportRenderer) IndicatorPlot(ev *impact.Evaluation, id, lang string) ([]byte, error) {
	return reports.IndicatorPlot(ev, id, lang, "svg")
}

// Plot draws one of dashboards.PlotNames as SVG.
func (reportRenderer) Plot(p *impact.Project, ev *impact.Evaluation, name, lang string) ([]byte, error) {
	switch name {
	case "toc":
		return reports.TheoryOfChangeSVG(p, ev, lang)
	case "funnel":
		return reports.FunnelPlot(ev, lang, "svg")
	case "costs":
		return reports.ProjectCostPlot(p, ev, lang, "svg")
	case "sroi":
		return reports.SROIPlot(ev, lang, "svg")
	case "tornado":
		return reports.TornadoPlot(ev, lang, "svg")
	case "kpi":
		return reports.KPIPlot(p, ev, lang, "svg")
	}
	return nil, refuse(impact.ENOTFOUND, nil, "refuse.serve.no_plot", name)
}

// Report writes a document; a Markdown report carries its plots inside.
func (reportRenderer) Report(ctx context.Context, doc, format string, in dashboards.ReportInput) ([]byte, error) {
	rin := reports.Input{Project: in.Project, Evaluation: in.Evaluation, Lang: in.Lang, Version: in.Version, GeneratedAt: in.GeneratedAt}
	switch format {
	case "html":
		return reports.RenderHTML(doc, rin)
	case "pdf":
		return reports.RenderPDF(ctx, doc, rin)
	case "md":
		md, images, err := reports.RenderMarkdown(doc, rin)
		if err != nil {
			return nil, err
		}
		return inlineImages(md, images), nil
	}
	return nil, refuse(impact.EINVALID, nil, "refuse.serve.report_format", format)
}

// inlineImages puts the PNG plots of a Markdown report into the document
// as data URLs: over HTTP there is no folder beside the file to hold them.
func inlineImages(md []byte, images map[string][]byte) []byte {
	names := make([]string, 0, len(images))
	for name := range images {
		names = append(names, name)
	}
	// Longest first, so that no name is replaced inside a longer one.
	sort.Slice(names, func(i, j int) bool {
		return len(names[i]) > len(names[j]) || len(names[i]) == len(names[j]) && names[i] < names[j]
	})
	text := string(md)
	for _, name := range names {
		text = strings.ReplaceAll(text, "]("+name+")", "](data:image/png;base64,"+base64.StdEncoding.EncodeToString(images[name])+")")
	}
	return []byte(text)
}
