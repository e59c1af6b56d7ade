package ingest_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/synth"
)

// ingestRun is what a run over a project's files gave: each file's result
// and error, then the store's tables, its notes and its forms.
func ingestRun(t *testing.T, p *impact.Project, twoAtATime bool) string {
	t.Helper()
	db := MustOpen(t, p)
	defer db.Close()
	in := ingest.New(p, db, ingest.Options{Secret: secret, Now: func() time.Time { return day }})
	var out strings.Builder
	say := func(res ingest.Result, err error) {
		res.Settings = ""
		fmt.Fprintf(&out, "%+v\n", res)
		if err != nil {
			fmt.Fprintf(&out, "error %s: %s\n", impact.ErrorCode(err), impact.ErrorMessage(err))
		}
	}
	if twoAtATime {
		var mu sync.Mutex
		next := 0
		in.Files(context.Background(), p.Sources, nil, func(i int, res ingest.Result, err error) bool {
			mu.Lock()
			defer mu.Unlock()
			if i != next {
				t.Errorf("file %d reported after file %d", i, next-1)
			}
			next++
			say(res, err)
			return true
		})
	} else {
		for _, src := range p.Sources {
			say(in.File(context.Background(), src))
		}
	}
	out.WriteString(MustDump(t, db))
	notes, err := db.Notes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		fmt.Fprintf(&out, "%+v\n", n)
	}
	out.WriteString(query(t, db, `SELECT id, items FROM forms ORDER BY id`))
	return out.String()
}

// exampleProject generates the bundled example in a new folder and loads it.
func exampleProject(t *testing.T) *impact.Project {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFilesAsOneByOne: loading a project's files two at a time leaves the
// store exactly as loading them one by one does (every table, source id,
// note and form), and reports the same results and errors in the same
// order: on the example project, and on the fixtures with a register in
// the middle, a list carrying attributes on either side of it, two survey
// files sharing a form, a refused file and a file read twice.
func TestFilesAsOneByOne(t *testing.T) {
	example := func() *impact.Project { return exampleProject(t) }
	files := fixtureFiles(t)
	for name, data := range dumpExtraFiles {
		files[name] = data
	}
	files["data/lista-fore.csv"] = []byte("Deltagare;Kön;Nya kontakter\nBD-0001;Man;1\nBD-0009;Kvinna;2\n")
	files["data/lista-efter.csv"] = []byte("Deltagare;Kön;Födelseår;Nya kontakter\nBD-0001;Man;1999;1\nBD-0003;Kvinna;2001;2\nBD-0010;M;1990;0\n")
	files["data/trasig.csv"] = []byte("participant,new_contacts\nBD-0001,abc\nBD-0002,3\n")
	list := func(file, event string) string {
		return fmt.Sprintf("  - {file: %s, kind: attendance, event: {id: %s, kind: meetup, date: 2025-03-01}}\n", file, event)
	}
	sources := list("data/lista-fore.csv", "m1") + fixtureSources + list("data/trasig.csv", "m2") +
		list("data/lista-efter.csv", "m3") + dumpExtraSources
	fixtures := func() *impact.Project {
		p := MustProject(t, sources, files)
		// The first list once more, for another event, as a command line
		// naming it again would: it replaces its first read.
		again := p.Sources[0]
		again.Event = &impact.Event{ID: "m4", Kind: "meetup", Date: again.Event.Date}
		p.Sources = append(p.Sources, again)
		return p
	}
	for name, project := range map[string]func() *impact.Project{"example": example, "fixtures": fixtures} {
		one, two := ingestRun(t, project(), false), ingestRun(t, project(), true)
		if one != two {
			t.Errorf("%s: two at a time differs from one by one: %s", name, firstDifference(two, one))
		}
		if name == "fixtures" && !strings.Contains(one, "error data: data/trasig.csv") {
			t.Errorf("%s: no file was refused:\n%s", name, one)
		}
	}
}
