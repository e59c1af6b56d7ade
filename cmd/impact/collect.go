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
		Args:    "open|close|status [--event ID] [--wave W] [--instrument I]... [--addr HOST:PORT]",
		Summary: "answers straight from phones on an impact-measurement day, through impact serve",
		Help: "Opens, closes and shows the collections of an impact-measurement day: a form that impact serve\n" +
			"offers at http://ADDR/c/TOKEN, which the participants open on their phones from a QR code.\n" +
			"  open    a collection for an event, its wave and its instruments; prints the link and writes\n" +
			"          the QR code (.impact/collect/EVENT.png and .svg) and a printable A4 page\n" +
			"          (.impact/collect/EVENT-poster.html, also served at /c/TOKEN/poster)\n" +
			"  close   ends the collection of --event: later answers get a page saying it is closed\n" +
			"  status  every collection (or --event's) with its answers against the event's register\n" +
			"An event not in impact.yaml is made as an ingest source's event is: --event-name, --event-kind\n" +
			"(default impact_day) and --date (default today). Answers are stored as impact ingest stores a\n" +
			"survey: the participant id pseudonymised at once, one transaction per answer, a second answer of\n" +
			"a person in the same wave replacing the first. --addr is the address the phones reach impact\n" +
			"serve at; serve on that address (with the viewer and editor tokens off loopback).",
		Example: "impact collect open --event effektmatning-3 --wave post --instrument swemwbs --instrument jobbtro --addr 192.168.1.20:8080",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&f.event, "event", "", "the event's `ID`")
			fs.StringVar(&f.eventName, "event-name", "", "the event's `NAME`, for a new event")
			fs.StringVar(&f.eventKind, "event-kind", "", "the event's `KIND`, for a new event (default impact_day)")
			fs.StringVar(&f.date, "date", "", "the event's `DATE` (YYYY-MM-DD), for a new event (default today)")
			fs.StringVar(&f.wave, "wave", "", "the `WAVE` the answers belong to, such as pre or post")
			fs.Var(&f.instruments, "instrument", "an `INSTRUMENT` the form asks; repeat it for more")
			fs.StringVar(&f.addr, "addr", dashboards.DefaultAddr, "the `HOST:PORT` phones reach impact serve at, for the link and the QR code")
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usageError("impact collect needs one of open, close or status; for example impact collect status")
				}
				switch args[0] {
				case "open":
					return m.collectOpen(ctx, f)
				case "close":
					return m.collectClose(ctx, f)
				case "status":
					return m.collectStatus(ctx, f)
				}
				return usageError("%q is not an action of impact collect; use open, close or status", args[0])
			}
		},
	}
}

// collectOpen opens a collection and writes its QR code and poster.
func (m *Main) collectOpen(ctx context.Context, f collectFlags) error {
	if f.event == "" || f.wave == "" || len(f.instruments) == 0 {
		return usageError("impact collect open needs --event, --wave and at least one --instrument; for example impact collect open --event effektmatning-3 --wave post --instrument swemwbs")
	}
	req := dashboards.OpenRequest{Event: f.event, EventName: f.eventName, EventKind: f.eventKind, Wave: f.wave, Instruments: f.instruments, Now: m.Now()}
	if f.date != "" {
		d, err := impact.ParseDate(f.date)
		if err != nil {
			return usageError("--date %q: write it as YYYY-MM-DD", f.date)
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
	fmt.Fprintf(m.Stdout, "Collection of %s open (wave %s: %s).\nLink: %s\n", c.Event, c.Wave, strings.Join(c.Instruments, ", "), link)
	for _, path := range written {
		fmt.Fprintf(m.Stdout, "Wrote %s\n", m.relative(path))
	}
	fmt.Fprintf(m.Stdout, "Run impact serve --addr %s so that phones reach the form; close it with impact collect close --event %s.\n", f.addr, c.Event)
	if local, err := dashboards.IsLoopback(f.addr); err == nil && local {
		fmt.Fprintf(m.Stderr, "impact: the link %s reaches only this computer, not the participants' phones; for the day, open the collection again with --addr set to this computer's address on the room's network, such as --addr 192.168.1.20:8080\n", link)
	}
	return nil
}

// collectClose closes a collection.
func (m *Main) collectClose(ctx context.Context, f collectFlags) error {
	if f.event == "" {
		return usageError("impact collect close needs --event ID")
	}
	_, db, err := m.collectStore(ctx)
	if err != nil {
		return err
	}
	if err := db.CloseCollection(ctx, f.event, m.Now()); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Collection of %s closed; later answers get a page saying so.\n", f.event)
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
	tw.AppendHeader(table.Row{"event", "wave", "instruments", "state", "answered", "registered", "not on register", "replaced", "link"})
	shown := 0
	for _, c := range list {
		if f.event != "" && c.Event != f.event {
			continue
		}
		n, err := db.CollectCount(ctx, c)
		if err != nil {
			return err
		}
		state, link := "open", dashboards.CollectLink(f.addr, c.Token)
		if !c.Open() {
			state, link = "closed", ""
		}
		tw.AppendRow(table.Row{c.Event, c.Wave, strings.Join(c.Instruments, ", "), state, n.Answered, n.Registered, n.Unregistered, n.Replaced, link})
		shown++
	}
	if shown == 0 {
		if f.event != "" {
			return impact.Errorf(impact.ENOTFOUND, "event %s has no collection; open one with impact collect open --event %s --wave W --instrument I", f.event, f.event)
		}
		fmt.Fprintln(m.Stdout, "No collection yet; open one with impact collect open --event ID --wave W --instrument I.")
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
