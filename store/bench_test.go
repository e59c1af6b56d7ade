package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

func mustBeginResponses(t testing.TB, db *store.DB, path string) *store.Load {
	t.Helper()
	load, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: path, Kind: "responses", Hash: "h-" + path, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { load.Rollback() })
	return load
}

// BenchmarkLoadResponses appends 1,000,000 long-form responses through one
// Load and commits, replacing the previous iteration's rows, and reports
// rows per second.
func BenchmarkLoadResponses(b *testing.B) {
	const rows = 1_000_000
	db := MustOpen(b, filepath.Join(b.TempDir(), "impact.duckdb"))
	participants := make([]string, rows/7+1)
	for i := range participants {
		participants[i] = fmt.Sprintf("%016x", i*2654435761)
	}
	items := []string{"swemwbs_1", "swemwbs_2", "swemwbs_3", "swemwbs_4", "swemwbs_5", "swemwbs_6", "swemwbs_7"}
	b.ResetTimer()
	for b.Loop() {
		load, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: "data/survey.csv", Kind: "responses", Hash: "h", Now: day})
		if err != nil {
			b.Fatal(err)
		}
		for i := range rows {
			if err := load.Append(i+2, participants[i/7], "meetup-1", day, "pre", items[i%7], float64(i%5+1)); err != nil {
				b.Fatal(err)
			}
		}
		if err := load.Commit(rows, rows, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
