package metrics_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/joiningforces/impact/metrics"
)

// TestEvaluateMemoryCap: an evaluation under a memory cap too small for
// its statement lifts the cap, runs the statement again and gives the
// figures of an evaluation under the default cap; either way the store's
// memory limit is what it was before.
func TestEvaluateMemoryCap(t *testing.T) {
	p, db := MustIngestExample(t)
	ctx := context.Background()
	limit := func() string {
		t.Helper()
		var s string
		if err := db.QueryRow(ctx, `SELECT current_setting('memory_limit')`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	// A limit that DuckDB shows exactly, above the cap of either
	// evaluation.
	if _, err := db.Exec(ctx, `SET memory_limit = '2GiB'`); err != nil {
		t.Fatal(err)
	}
	before := limit()
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
