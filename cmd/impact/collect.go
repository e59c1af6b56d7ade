package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/store"
)

// instrumentList is the repeatable --instrument flag.
type instrumentList []string

func (l *instrumentList) String() string { return strings.Join(*l, ",") }

func (l *instrumentList) Set(v string) error {
	for _, id := range strings.Split(v, ",") {
		if id = strings.TrimSpace(id); id != "" {
			*l = append(*l, id)
		}
	}
	return nil
}

// collectFlags are the flags of impact collect.
type collectFlags struct {
	event, eventName, eventKind, date, wave, addr string
	instruments                                   instrumentList
}

func collectCommand() command {
	var f collectFlags
	return command{
		Name:    "collect",
		Example: "impact collect open --event effektmatning-3 --wave post --instrument swemwbs --instrument jobbtro --addr 192.168.1.20:8080",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&f.event, "event", "", m.helpText("flag.collect.event"))
			fs.StringVar(&f.eventName, "event-name", "", m.helpText("flag.collect.event-name"))
			fs.StringVar(&f.eventKind, "event-kind", "", m.helpText("flag.collect.event-kind"))
			fs.StringVar(&f.date, "date", "", m.helpText("flag.collect.date"))
			fs.StringVar(&f.wave, "wave", "", m.helpText("flag.collect.wave"))
			fs.Var(&f.instruments, "instrument", m.helpText("flag.collect.instrument"))
			fs.StringVar(&f.addr, "addr", dashboards.DefaultAddr, m.helpText("flag.collect.addr"))
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return m.usageError("usage.collect.action")
				}
				switch args[0] {
				case "open":
					return m.collectOpen(ctx, f)
				case "close":
					return m.collectClose(ctx, f)
				case "status":
					return m.collectStatus(ctx, f)
				}
				return m.usageError("usage.collect.unknown", args[0])
			}
		},
	}
}

// collectOpen opens a collection and writes its QR code and poster.
func (m *Main) collectOpen(ctx context.Context, f collectFlags) error {
	if f.event == "" || f.wave == "" || len(f.instruments) == 0 {
		return m.usageError("usage.collect.open")
	}
	req := dashboards.OpenRequest{Event: f.event, EventName: f.eventName, EventKind: f.eventKind, Wave: f.wave, Instruments: f.instruments, Now: m.Now()}
	if f.date != "" {
		d, err := impact.ParseDate(f.date)
		if err != nil {
			return m.usageError("usage.date", f.date)
		}
		req.Date = d
	}
	p, db, err := m.collectStore(ctx)
	if err != nil {
		return err
	}
	c, err := dashboards.OpenCollection(ctx, db, p, req)
	if err != nil {
		return err
	}
	link := dashboards.CollectLink(f.addr, c.Token)
	written, err := dashboards.WriteCollectFiles(filepath.Join(p.Dir, ".impact", "collect"), p, c, link, p.Info.Language)
	if err != nil {
		return err
	}
	sort.Strings(written)
	lang := m.language()
	fmt.Fprintln(m.Stdout, msg(lang, "collect.opened", c.Event, c.Wave, strings.Join(c.Instruments, ", "), link))
	for _, path := range written {
		fmt.Fprintln(m.Stdout, msg(lang, "wrote", m.relative(path)))
	}
	fmt.Fprintln(m.Stdout, msg(lang, "collect.next", f.addr, c.Event))
	if local, err := dashboards.IsLoopback(f.addr); err == nil && local {
		fmt.Fprintf(m.Stderr, "impact: %s\n", msg(lang, "collect.loopback", link))
	}
	return nil
}

// collectClose closes a collection.
func (m *Main) collectClose(ctx context.Context, f collectFlags) error {
	if f.event == "" {
		return m.usageError("usage.collect.close")
	}
	_, db, err := m.collectStore(ctx)
	if err != nil {
		return err
	}
	if err := db.CloseCollection(ctx, f.event, m.Now()); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, msg(m.language(), "collect.closed", f.event))
	return nil
}

// collectStatus prints every collection with its live count.
func (m *Main) collectStatus(ctx context.Context, f collectFlags) error {
	_, db, err := m.collectStore(ctx)
	if err != nil {
		return err
	}
	list, err := db.Collections(ctx)
	if err != nil {
		return err
	}
	tw := table.NewWriter()
	tw.SetOutputMirror(m.Stdout)
	tw.SetStyle(table.StyleLight)
	lang := m.language()
	tw.AppendHeader(table.Row{msg(lang, "collect.event"), msg(lang, "collect.wave"), msg(lang, "collect.instruments"), msg(lang, "collect.state"),
		msg(lang, "collect.answered"), msg(lang, "collect.registered"), msg(lang, "collect.unregistered"), msg(lang, "collect.replaced"), msg(lang, "collect.link")})
	shown := 0
	for _, c := range list {
		if f.event != "" && c.Event != f.event {
			continue
		}
		n, err := db.CollectCount(ctx, c)
		if err != nil {
			return err
		}
		state, link := msg(lang, "collect.state.open"), dashboards.CollectLink(f.addr, c.Token)
		if !c.Open() {
			state, link = msg(lang, "collect.state.closed"), ""
		}
		tw.AppendRow(table.Row{c.Event, c.Wave, strings.Join(c.Instruments, ", "), state, n.Answered, n.Registered, n.Unregistered, n.Replaced, link})
		shown++
	}
	if shown == 0 {
		if f.event != "" {
			return &impact.Error{Code: impact.ENOTFOUND, Message: msg(lang, "collect.no_event", f.event)}
		}
		fmt.Fprintln(m.Stdout, msg(lang, "collect.none"))
		return nil
	}
	tw.Render()
	return nil
}

// collectStore loads the project and opens its store.
func (m *Main) collectStore(ctx context.Context) (*impact.Project, *store.DB, error) {
	p, err := m.loadProject()
	if err != nil {
		return nil, nil, err
	}
	db, err := m.openStore(ctx, p.Dir)
	if err != nil {
		return nil, nil, err
	}
	return p, db, nil
}
