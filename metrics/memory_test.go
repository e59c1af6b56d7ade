package metrics_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
	"github.com/joiningforces/impact/synth"
)

// memoryLimit sets DuckDB's memory limit of db to one it shows exactly,
// above the cap of any evaluation of the tests, and returns a function
// that reads the limit, and the limit it set.
func memoryLimit(t *testing.T, db *store.DB) (limit func() string, set string) {
	t.Helper()
	limit = func() string {
		t.Helper()
		var s string
		if err := db.QueryRow(context.Background(), `SELECT current_setting('memory_limit')`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if _, err := db.Exec(context.Background(), `SET memory_limit = '2GiB'`); err != nil {
		t.Fatal(err)
	}
	return limit, limit()
}

// TestEvaluateMemoryCap: an evaluation under a memory cap too small for
// its statement lifts the cap, runs the statement again and gives the
// figures of an evaluation under the default cap; either way the store's
// memory limit is what it was before.
func TestEvaluateMemoryCap(t *testing.T) {
	p, db := MustIngestExample(t)
	ctx := context.Background()
	limit, before := memoryLimit(t, db)
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	evaluate := func(cap int64) (string, []string) {
		t.Helper()
		var steps []string
		ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{
			AsOf: MustDate(t, "2025-11-30"), Now: func() time.Time { return now }, Version: "test", MemoryLimit: cap,
			Trace: func(step string, _ time.Duration) { steps = append(steps, step) },
		})
		if err != nil {
			t.Fatalf("evaluate under a cap of %d bytes: %v", cap, err)
		}
		if got := limit(); got != before {
			t.Fatalf("after evaluate under a cap of %d bytes the memory limit is %s; want %s as before", cap, got, before)
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		return string(out), steps
	}
	lifted := func(steps []string) bool {
		for _, s := range steps {
			if s == "memory cap lifted" {
				return true
			}
		}
		return false
	}
	want, steps := evaluate(0)
	if lifted(steps) {
		t.Fatalf("the default cap was lifted on the example: %v", steps)
	}
	got, steps := evaluate(16 << 20)
	if !lifted(steps) {
		t.Fatalf("a cap of 16 MiB was never lifted: %v", steps)
	}
	if got != want {
		t.Fatalf("under a cap of 16 MiB:\n%s\nunder the default cap:\n%s", got, want)
	}
}

// TestEvaluateMemoryCapOverlapping: two evaluations at once on one store
// handle, as impact serve runs them, the second with a smaller cap and
// ending after the first: while either runs the limit is capped, when
// both have ended it is what it was, and each gives the figures of an
// evaluation alone.
func TestEvaluateMemoryCapOverlapping(t *testing.T) {
	p, db := MustIngestExample(t)
	ctx := context.Background()
	limit, before := memoryLimit(t, db)
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	// evaluate runs one evaluation; once it has measured, it says so on
	// measured and waits for proceed.
	evaluate := func(cap int64, measured chan<- string, proceed <-chan struct{}) (string, error) {
		ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{
			AsOf: MustDate(t, "2025-11-30"), Now: func() time.Time { return now }, Version: "test", MemoryLimit: cap,
			Trace: func(step string, _ time.Duration) {
				if step == "measure" && measured != nil {
					measured <- limit()
					<-proceed
				}
			},
		})
		if err != nil {
			return "", err
		}
		out, err := json.Marshal(ev)
		return string(out), err
	}
	want, err := evaluate(0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		doc string
		err error
	}
	var measured [2]chan string
	var proceed [2]chan struct{}
	var done [2]chan result
	for i, cap := range []int64{1 << 30, 768 << 20} {
		measured[i], proceed[i], done[i] = make(chan string, 1), make(chan struct{}), make(chan result, 1)
		go func() {
			doc, err := evaluate(cap, measured[i], proceed[i])
			done[i] <- result{doc, err}
		}()
		if got := <-measured[i]; got == before {
			t.Fatalf("evaluation %d measured under a limit of %s, the limit before", i+1, got)
		}
	}
	close(proceed[0])
	first := <-done[0]
	if got := limit(); got == before {
		t.Fatalf("the first evaluation ended while the second runs: the limit is %s, the one before", got)
	}
	close(proceed[1])
	second := <-done[1]
	for i, r := range []result{first, second} {
		if r.err != nil {
			t.Fatalf("evaluation %d: %v", i+1, r.err)
		}
		if r.doc != want {
			t.Fatalf("evaluation %d:\n%s\nalone:\n%s", i+1, r.doc, want)
		}
	}
	if got := limit(); got != before {
		t.Fatalf("after both evaluations the memory limit is %s; want %s as before", got, before)
	}
}

// TestSideSectionsMemoryCap: participation, KPIs and ages, and data
// quality, which run after the measure statement, run again without the
// memory cap when one of them outgrows it, and give what they give
// without the cap. The example's tables are too small to outgrow any cap
// DuckDB accepts, so the project is the generator's, of 30,000 people.
func TestSideSectionsMemoryCap(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{Participants: 30_000}); err != nil {
		t.Fatal(err)
	}
	p, db := MustIngest(t, dir, "metrics test secret")
	ctx := context.Background()
	// Without the store's counts of missing values and of the people it
	// has not registered, the sections scan the tables, as they do where
	// a store lacks the counts: under either cap one of their statements
	// then outgrows it. (With them, none of the three needs 4 MB.)
	if _, err := db.Exec(ctx, `DELETE FROM missing_facts; DELETE FROM unregistered_facts; CHECKPOINT`); err != nil {
		t.Fatal(err)
	}
	limit, before := memoryLimit(t, db)
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	opts := metrics.Options{AsOf: MustDate(t, "2025-11-30"), Now: func() time.Time { return now }, Version: "test"}
	want, err := metrics.SideSections(ctx, db, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	// Under either cap a statement of the three outgrows it.
	for _, cap := range []int64{8 << 20, 4 << 20} {
		var steps []string
		opts.MemoryLimit = cap
		opts.Trace = func(step string, _ time.Duration) { steps = append(steps, step) }
		got, err := metrics.SideSections(ctx, db, p, opts)
		if err != nil {
			t.Fatalf("under a cap of %d bytes: %v", cap, err)
		}
		if !slices.Contains(steps, "memory cap lifted") {
			t.Fatalf("a cap of %d bytes was never lifted: %v", cap, steps)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("under a cap of %d bytes the sections differ from those without a cap:\n%+v\n%+v", cap, got, want)
		}
	}
	if got := limit(); got != before {
		t.Fatalf("the memory limit is %s; want %s as before", got, before)
	}
}

// MustIngest loads the project in dir and ingests its sources, pseudonymised
// with secret, into a new store in dir, which closes with the test.
func MustIngest(t *testing.T, dir, secret string) (*impact.Project, *store.DB) {
	t.Helper()
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	in := ingest.New(p, db, ingest.Options{Secret: []byte(secret)})
	for _, src := range p.Sources {
		if _, err := in.File(ctx, src); err != nil {
			t.Fatalf("ingest %s: %v", src.File, err)
		}
	}
	return p, db
}
