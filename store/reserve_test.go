package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

// TestReserveSourceID: ids reserved for two new paths are theirs whatever
// order their loads begin in; a path loaded before keeps its id; an id
// reserved and never used is not given again.
func TestReserveSourceID(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	mustLoadParticipants(t, db, "data/a.csv", "h1", 1)
	reserve := func(path string) int64 {
		t.Helper()
		id, err := db.ReserveSourceID(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	a, b, c, lost := reserve("data/a.csv"), reserve("data/b.csv"), reserve("data/c.csv"), reserve("data/lost.csv")
	if a != 1 || b != 2 || c != 3 || lost != 4 {
		t.Fatalf("reserved ids a %d, b %d, c %d, lost %d; want 1, 2, 3, 4", a, b, c, lost)
	}
	for _, l := range []struct {
		path string
		id   int64
	}{{"data/c.csv", c}, {"data/b.csv", b}, {"data/a.csv", a}} {
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: l.path, Kind: "attendance", Hash: "h2", Now: day, ID: l.id})
		if err != nil {
			t.Fatal(err)
		}
		if load.SourceID() != l.id {
			t.Errorf("%s loads as source %d, want %d", l.path, load.SourceID(), l.id)
		}
		if err := load.Commit(0, 0, 0); err != nil {
			t.Fatal(err)
		}
	}
	if got := reserve("data/d.csv"); got != 5 {
		t.Errorf("the next new path reserves %d, want 5", got)
	}
}
