package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/schollz/progressbar/v3"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
)

// ingestFlags are the options of impact ingest.
type ingestFlags struct {
	kind, event, eventKind, date, wave string
	skipInvalid, dryRun                bool
}

// hasMetadata reports whether the command line describes a FILE's data
// itself (--kind, --event, --event-kind, --date or --wave).
func (f ingestFlags) hasMetadata() bool {
	return f.kind != "" || f.event != "" || f.eventKind != "" || f.date != "" || f.wave != ""
}

func ingestCommand() command {
	var f ingestFlags
	return command{
		Name:    "ingest",
		Example: "impact ingest\nimpact ingest data/natverkstraff-4.csv --kind attendance --event natverkstraff-4 --event-kind meetup --date 2025-10-02",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&f.kind, "kind", "", m.helpText("flag.ingest.kind", strings.Join(impact.KindNames(), ", ")))
			fs.StringVar(&f.event, "event", "", m.helpText("flag.ingest.event"))
			fs.StringVar(&f.eventKind, "event-kind", "", m.helpText("flag.ingest.event-kind", strings.Join(impact.EventKinds, ", ")))
			m.langFlag(fs)
			fs.StringVar(&f.date, "date", "", m.helpText("flag.ingest.date"))
			fs.StringVar(&f.wave, "wave", "", m.helpText("flag.ingest.wave", strings.Join(impact.Waves, ", ")))
			fs.BoolVar(&f.skipInvalid, "skip-invalid", false, m.helpText("flag.ingest.skip-invalid"))
			fs.BoolVar(&f.dryRun, "dry-run", false, m.helpText("flag.ingest.dry-run"))
			return func(ctx context.Context, args []string) error {
				return m.runIngest(ctx, args, f)
			}
		},
	}
}

func (m *Main) runIngest(ctx context.Context, files []string, f ingestFlags) error {
	p, err := m.loadProject()
	if err != nil {
		return err
	}
	sources, err := m.selectSources(p, files, f)
	if err != nil {
		return err
	}
	_, err = m.ingestSources(ctx, p, sources, f)
	return err
}

// selectSources returns the sources to ingest: every source of the
// project, or those FILEs name, with the command line's flags applied.
func (m *Main) selectSources(p *impact.Project, files []string, f ingestFlags) ([]impact.Source, error) {
	if len(files) == 0 {
		if f.hasMetadata() {
			return nil, m.usageError("usage.ingest.metadata")
		}
		if len(p.Sources) == 0 {
			return nil, m.usageError("usage.ingest.no_sources", p.File)
		}
		return p.Sources, nil
	}
	var date *impact.Date
	if f.date != "" {
		d, err := impact.ParseDate(f.date)
		if err != nil {
			return nil, m.usageError("usage.date", f.date)
		}
		date = &d
	}
	if f.kind != "" {
		if _, ok := impact.LookupKind(f.kind); !ok {
			if near := impact.Nearest(f.kind, impact.KindNames()); near != "" {
				return nil, m.usageError("usage.ingest.kind.near", f.kind, near, strings.Join(impact.KindNames(), ", "))
			}
			return nil, m.usageError("usage.ingest.kind", f.kind, strings.Join(impact.KindNames(), ", "))
		}
	}
	var sources []impact.Source
	for _, file := range files {
		abs := m.abs(file)
		src, found := impact.Source{}, false
		for _, s := range p.Sources {
			if filepath.Clean(filepath.Join(p.Dir, filepath.FromSlash(s.File))) == filepath.Clean(abs) {
				src, found = s, true
				break
			}
		}
		if !found {
			// A file named on the command line is the command line's
			// mistake, not impact.yaml's: say so where the person looks.
			if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
				return nil, &impact.Error{Code: impact.ENOTFOUND, Message: msg(m.language(), "ingest.no_file", file, abs)}
			}
			if f.kind == "" {
				return nil, m.usageError("usage.ingest.not_source", file, p.File)
			}
			src.File = abs
			if rel, err := filepath.Rel(p.Dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
				src.File = filepath.ToSlash(rel)
			}
		}
		if f.kind != "" {
			src.Kind = f.kind
		}
		if f.event != "" || f.eventKind != "" || date != nil {
			e := impact.Event{}
			if src.Event != nil {
				e = *src.Event
			}
			if f.event != "" {
				e.ID = f.event
			}
			if f.eventKind != "" {
				e.Kind = f.eventKind
			}
			if date != nil {
				e.Date = date
			}
			src.Event = &e
		}
		if f.wave != "" {
			src.Wave = f.wave
		}
		sources = append(sources, src)
	}
	return sources, nil
}

// ingestSources ingests the sources (two at a time, as ingest.Files does)
// and prints a table of what each did, in their order. A refused file does
// not stop the others; the error returned names every refused file
// (EDATA), or the rejected rows (EFOUND).
func (m *Main) ingestSources(ctx context.Context, p *impact.Project, sources []impact.Source, f ingestFlags) ([]ingest.Result, error) {
	defer m.ingestGC()()
	secret, err := ingest.LoadSecret(p.Dir, m.Getenv)
	if err != nil {
		return nil, err
	}
	var db *store.DB
	if !f.dryRun || fileExists(m.dbPath(p.Dir)) {
		// A dry run opens an existing store to tell what is already
		// ingested, but makes none.
		if db, err = m.openStore(ctx, p.Dir); err != nil {
			return nil, err
		}
	}
	progress := &progressReporter{w: m.Stderr, on: m.stderrIsTerminal()}
	in := ingest.New(p, db, ingest.Options{
		Secret: secret, SkipInvalid: f.skipInvalid, DryRun: f.dryRun,
		Now: m.Now, Progress: progress.update,
	})
	var results []ingest.Result
	var refusals []error
	var rejected, rejectedFiles int64
	var fatal error
	// The files load two at a time (ingest.Files); their results come in
	// the project's order, the progress bar shows the first not done.
	var shown sync.Mutex
	showing := 0
	if len(sources) > 0 {
		progress.start(sources[0].File)
	}
	in.Files(ctx, sources, func(i int, done, total int64) {
		shown.Lock()
		defer shown.Unlock()
		if i == showing {
			progress.update(done, total)
		}
	}, func(i int, res ingest.Result, err error) bool {
		shown.Lock()
		progress.finish()
		if showing = i + 1; showing < len(sources) {
			progress.start(sources[showing].File)
		}
		shown.Unlock()
		if fatal != nil {
			// A file loaded beside the one that failed may have been
			// committed before the stop: the table shows it.
			if err == nil {
				results = append(results, res)
			}
			return false
		}
		if err != nil {
			switch impact.ErrorCode(err) {
			case impact.EDATA, impact.EINVALID, impact.ENOTFOUND:
				refusals = append(refusals, err)
				res.Format = "refused"
				results = append(results, res)
				return true
			}
			fatal = err
			return false
		}
		results = append(results, res)
		if res.Rejected > 0 {
			rejected += res.Rejected
			rejectedFiles++
		}
		return true
	})
	if fatal != nil {
		m.printIngestTable(results, f)
		return results, fatal
	}
	m.printIngestTable(results, f)
	switch {
	case len(refusals) == 1:
		return results, refusals[0]
	case len(refusals) > 1:
		code := impact.ErrorCode(refusals[0])
		messages := make([]string, len(refusals))
		for i, e := range refusals {
			messages[i] = impact.ErrorMessage(e)
			if impact.ErrorCode(e) == impact.EDATA {
				code = impact.EDATA
			}
		}
		return results, &impact.Error{Code: code, Message: msgCount(m.language(), "ingest.not_loaded", len(refusals), len(refusals), strings.Join(messages, "\n")), Err: errors.Join(refusals...)}
	case rejected > 0:
		key := "ingest.kept"
		if f.dryRun {
			key = "ingest.dry"
		}
		return results, &impact.Error{Code: impact.EFOUND, Message: msgCounts(m.language(), key, int(rejected), int(rejectedFiles))}
	}
	return results, nil
}

// printIngestTable prints one row per file: what was read, loaded,
// rejected or skipped, and why a file loaded before was read again.
func (m *Main) printIngestTable(results []ingest.Result, f ingestFlags) {
	if len(results) == 0 {
		return
	}
	lang := m.language()
	t := newTable(m.Stdout, m.isTerminal())
	t.AppendHeader(table.Row{msg(lang, "ingest.file"), msg(lang, "ingest.kind"), msg(lang, "ingest.read"), msg(lang, "ingest.loaded"),
		msg(lang, "ingest.rejected"), msg(lang, "ingest.skipped"), msg(lang, "ingest.note")})
	for _, r := range results {
		skipped, note := "", ""
		switch {
		case r.Format == "refused":
			note = msg(lang, "ingest.refused")
		case r.Skipped:
			skipped, note = msg(lang, "ingest.yes"), msg(lang, "ingest.already")
		case r.DryRun:
			note = msg(lang, "ingest.dry_run")
		case r.Change == ingest.SettingsChanged:
			// The same bytes read another way: say so, or the user who
			// corrected a mapping would wonder why an unchanged file loaded.
			note = msg(lang, "ingest.settings")
			if f.hasMetadata() {
				note = msg(lang, "ingest.settings_flags")
			}
		case r.Change == ingest.SettingsUnknown:
			note = msg(lang, "ingest.settings_unknown")
		case r.Replaced:
			note = msg(lang, "ingest.replaced")
		}
		if r.Format == "refused" {
			t.AppendRow(table.Row{r.File, r.Kind, "", "", "", "", note})
			continue
		}
		t.AppendRow(table.Row{r.File, r.Kind, r.Read, r.Loaded, r.Rejected, skipped, note})
	}
	t.Render()
	// The notes of each file: what ingest did that a person should see
	// (summary rows not loaded, headers matched by their text …).
	for _, r := range results {
		for _, n := range r.Notes {
			fmt.Fprintln(m.Stdout, n.Format(r.File))
		}
	}
	if f.dryRun {
		fmt.Fprintln(m.Stdout, msg(lang, "ingest.dry_run_done"))
	}
}

// stderrIsTerminal reports whether stderr is a terminal, where progress shows.
func (m *Main) stderrIsTerminal() bool {
	f, ok := m.Stderr.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// progressReporter shows a progress bar on a terminal for a file that
// takes more than a second; nothing otherwise.
type progressReporter struct {
	w     io.Writer
	on    bool
	file  string
	began time.Time
	bar   *progressbar.ProgressBar
}

func (p *progressReporter) start(file string) {
	p.file, p.began, p.bar = file, time.Now(), nil
}

// update is ingest's Progress callback.
func (p *progressReporter) update(done, total int64) {
	if !p.on {
		return
	}
	if p.bar == nil {
		if time.Since(p.began) < time.Second {
			return
		}
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.file),
			progressbar.OptionThrottle(100 * time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
		}
		if total > 0 {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else {
			opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSetItsString("rows"))
		}
		p.bar = progressbar.NewOptions64(total, opts...)
	}
	p.bar.Set64(done)
}

func (p *progressReporter) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}

// Ingest streams its files through short-lived rows: its live heap stays
// at a few tens of MB, and with Go's default GOGC of 100 the collector ran
// every few MB allocated, for 15 % of the CPU of a 1,000,000-row wide
// survey file. ingestGC lets the heap grow to five times what is live,
// under a soft limit of ingestHeapLimit, for the time of the ingest, unless
// GOGC or GOMEMLIMIT say otherwise; it returns what restores the settings.
// Measured on that file, alternating, medians of 4 (2 cores): 2.56 s and
// 4.19 s of CPU against 2.85 s and 4.85 s, at a peak RSS of 322 MB against
// 263 MB.
func (m *Main) ingestGC() (restore func()) {
	if m.Getenv("GOGC") != "" || m.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(ingestGCPercent)
	limit := debug.SetMemoryLimit(ingestHeapLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// ingestGCPercent and ingestHeapLimit are the collector's settings while
// ingesting (ingestGC).
const (
	ingestGCPercent = 400
	ingestHeapLimit = 512 << 20
)
