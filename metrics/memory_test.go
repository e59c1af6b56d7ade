package metrics_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
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
