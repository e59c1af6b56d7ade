package ingest

import (
	"context"
	"sync"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// filesAtOnce is how many files Files loads at the same time: two, one per
// core of the machine size the engine is built for. Each file reads on one
// goroutine and appends on another, and DuckDB inserts its batches on
// threads of its own, so a third file would only wait.
const filesAtOnce = 2

// Files ingests sources as File does each, two at a time where they do not
// depend on each other, and hands each file's result and error to report
// in the order of sources, as soon as it and every file before it are
// done. When report returns false the files not yet done are cancelled:
// each is rolled back, or was committed whole before the stop.
//
// What the store holds afterwards is what File gives source by source:
// each file is its own transaction; the source ids are taken in the order
// of sources (a file reserves its id once the one before it has); a
// participant register (kind participants) is loaded alone, so that a
// list after it compares its attributes with it and a list before it
// never does; two survey files never load at once, so that a form they
// share is recorded once; and a file named twice is read after its first
// read is done.
// progress, when not nil, is called as Options.Progress is, with the
// index of the file.
func (in *Ingester) Files(ctx context.Context, sources []impact.Source, progress func(i int, done, total int64), report func(i int, res Result, err error) bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type outcome struct {
		res Result
		err error
	}
	outcomes := make([]outcome, len(sources))
	done := make([]chan struct{}, len(sources))
	turns := make([]chan struct{}, len(sources)+1)
	turns[0] = make(chan struct{})
	close(turns[0])
	for i := range sources {
		done[i] = make(chan struct{})
		turns[i+1] = make(chan struct{})
	}
	// A file takes a slot to work and gives it up while it waits for the
	// files it depends on, so that a file after it may work meanwhile.
	slots := make(chan struct{}, filesAtOnce)
	// At most twice as many files are open, waiting or working.
	open := make(chan struct{}, 2*filesAtOnce)
	go func() {
		for i, src := range sources {
			open <- struct{}{}
			var waitFor []chan struct{}
			for j := range i {
				switch dependsOn(in, src, sources[j]) {
				case beforeReading:
					<-done[j]
				case beforeLoading:
					waitFor = append(waitFor, done[j])
				}
			}
			slots <- struct{}{}
			w := *in
			w.pseudonyms = NewPseudonymiser(in.opts.Secret)
			w.turn = &loadTurn{before: turns[i], mine: turns[i+1], slots: slots, waitFor: waitFor}
			if progress != nil {
				w.opts.Progress = func(d, t int64) { progress(i, d, t) }
			}
			go func() {
				defer func() { <-open }()
				defer func() { <-slots }()
				defer close(done[i])
				defer w.turn.pass()
				if ctx.Err() != nil {
					// Stopped before it began: nothing of it is read.
					_, rel := w.paths(src.File)
					outcomes[i] = outcome{Result{File: rel, Kind: src.Kind}, impact.Errorf(impact.EINTERNAL, "%s: ingest was interrupted; nothing of the file was written", rel)}
					return
				}
				res, err := w.File(ctx, src)
				outcomes[i] = outcome{res, err}
			}()
		}
	}()
	for i := range sources {
		<-done[i]
		if !report(i, outcomes[i].res, outcomes[i].err) {
			cancel()
		}
	}
}

// dependence is what a file waits for of an earlier one.
type dependence int

const (
	// independent files run at once.
	independent dependence = iota
	// beforeLoading: the file is read and checked, and takes its source
	// id, but begins its load only once the earlier file is done.
	beforeLoading
	// beforeReading: the file is read only once the earlier file is done
	// (the same path: whether to skip it depends on the earlier load).
	beforeReading
)

// dependsOn says what a source waits for of an earlier one (see Files).
func dependsOn(in *Ingester, src, earlier impact.Source) dependence {
	_, a := in.paths(src.File)
	_, b := in.paths(earlier.File)
	switch {
	case a == b:
		return beforeReading
	case src.Kind == "participants" || earlier.Kind == "participants":
		return beforeLoading
	case src.Kind == "responses" && earlier.Kind == "responses":
		return beforeLoading
	}
	return independent
}

// loadTurn orders the loads of a run of Files: a load begins (and takes
// its source id) only after the file before it began its own or ended
// without one. A nil loadTurn, as File alone has, never waits.
type loadTurn struct {
	before <-chan struct{}
	mine   chan struct{}
	once   sync.Once
	// slots are the run's slots, of which the file holds one; waitFor
	// are the files done before its load begins.
	slots   chan struct{}
	waitFor []chan struct{}
}

// beginLoad begins a file's load. In a run of Files it first reserves
// the file's source id in its turn, then waits, its slot given up, for
// the files it depends on.
func (in *Ingester) beginLoad(ctx context.Context, info store.LoadInfo) (*store.Load, error) {
	if t := in.turn; t != nil {
		t.wait()
		id, err := in.db.ReserveSourceID(ctx, info.Path)
		t.pass()
		if err != nil {
			return nil, err
		}
		info.ID = id
		if len(t.waitFor) > 0 {
			<-t.slots
			for _, done := range t.waitFor {
				<-done
			}
			t.slots <- struct{}{}
		}
	}
	return in.db.BeginLoad(ctx, info)
}

// wait blocks until the file before has begun its load or ended.
func (t *loadTurn) wait() {
	if t != nil {
		<-t.before
	}
}

// pass lets the next file begin its load, once the file before has.
func (t *loadTurn) pass() {
	if t != nil {
		t.once.Do(func() {
			<-t.before
			close(t.mine)
		})
	}
}
