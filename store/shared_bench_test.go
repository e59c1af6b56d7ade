package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

// benchStore returns the store the benchmarks of Shared read:
// IMPACT_BENCH_STORE when set (a copy of a real project's store, such as
// one of a million participants made with impact-synth and impact ingest),
// else a small store of its own.
func benchStore(b *testing.B) string {
	if path := os.Getenv("IMPACT_BENCH_STORE"); path != "" {
		return path
	}
	path := filepath.Join(b.TempDir(), "impact.duckdb")
	db := MustOpen(b, path)
	mustLoadParticipants(b, db, "data/people.csv", "h1", 1000)
	db.Close()
	return path
}

// BenchmarkSharedUseDataHash is what impact serve pays to read the data
// hash when another process has written: open the store, hash the ingest
// log, close it.
func BenchmarkSharedUseDataHash(b *testing.B) {
	shared := store.NewShared(benchStore(b), store.Options{})
	ctx := context.Background()
	for b.Loop() {
		err := shared.Use(ctx, 0, func(db *store.DB) error {
			_, err := db.DataHash(ctx)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSharedChanges is what impact serve pays per page to learn that
// nothing changed: two stat calls.
func BenchmarkSharedChanges(b *testing.B) {
	shared := store.NewShared(benchStore(b), store.Options{})
	ctx := context.Background()
	if err := shared.Use(ctx, 0, func(*store.DB) error { return nil }); err != nil {
		b.Fatal(err)
	}
	first := shared.Changes()
	for b.Loop() {
		if shared.Changes() != first {
			b.Fatal("the store changed while nobody wrote")
		}
	}
}

// BenchmarkSharedSnapshot is what impact serve pays, holding the store,
// before an evaluation after a change: a checkpoint and a copy of the
// file, then opening the copy for reading.
func BenchmarkSharedSnapshot(b *testing.B) {
	path := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		shared := store.NewShared(path, store.Options{})
		err := shared.Snapshot(ctx, 0, func(*store.DB) error { return nil })
		shared.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
}
