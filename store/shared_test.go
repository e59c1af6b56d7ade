package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

func TestSharedSeesWritesOfOthers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	shared := store.NewShared(path, store.Options{})
	ctx := context.Background()
	hash := func() string {
		var h string
		err := shared.Use(ctx, 0, func(db *store.DB) (err error) {
			h, err = db.DataHash(ctx)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first := hash()
	seen := shared.Changes()
	if again := shared.Changes(); again != seen {
		t.Fatalf("Changes moved from %d to %d while nobody wrote", seen, again)
	}
	if hash() != first || shared.Changes() != seen {
		t.Fatalf("reading the store again moved Changes from %d to %d", seen, shared.Changes())
	}

	// Another user of the file (here: this test, between two uses) loads
	// data while the Shared has it closed.
	db := MustOpen(t, path)
	mustLoadParticipants(t, db, "data/people.csv", "h1", 3)
	db.Close()
	if shared.Changes() == seen {
		t.Fatalf("Changes did not move after a load by another user")
	}
	if hash() == first {
		t.Fatalf("the data hash did not move after a load")
	}

	// A load through the Shared itself moves it too.
	seen = shared.Changes()
	err := shared.Use(ctx, 0, func(db *store.DB) error {
		mustLoadParticipants(t, db, "data/more.csv", "h2", 2)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if shared.Changes() == seen {
		t.Fatalf("Changes did not move after a load through the Shared")
	}
}

func TestSharedSnapshotLeavesTheStoreFree(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "impact.duckdb")
	db := MustOpen(t, path)
	mustLoadParticipants(t, db, "data/people.csv", "h1", 3)
	db.Close()

	shared := store.NewShared(path, store.Options{})
	ctx := context.Background()
	read := func() (*store.DB, int64) {
		var snap *store.DB
		var n int64
		err := shared.Snapshot(ctx, 0, func(db *store.DB) error {
			snap = db
			return db.QueryRow(ctx, `SELECT count(*) FROM participants`).Scan(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
		return snap, n
	}
	if _, n := read(); n != 3 {
		t.Fatalf("the snapshot holds %d participants, want 3", n)
	}
	// Reading again without a write reuses the copy: at most one more
	// copy is made, after the checkpoint of the first.
	read()
	second, _ := read()
	if third, _ := read(); third != second {
		t.Fatalf("a snapshot is made again although nobody wrote")
	}

	// While work reads the snapshot, another user opens the store itself
	// and loads data.
	err := shared.Snapshot(ctx, 0, func(*store.DB) error {
		db, err := store.OpenWith(ctx, path, store.Options{})
		if err != nil {
			return err
		}
		defer db.Close()
		mustLoadParticipants(t, db, "data/more.csv", "h2", 2)
		return nil
	})
	if err != nil {
		t.Fatalf("the store was not free while a snapshot was read: %v", err)
	}
	if _, n := read(); n != 5 {
		t.Fatalf("after a load by another user the snapshot holds %d participants, want 5", n)
	}
	shared.Close()
	if left, _ := filepath.Glob(path + ".serve-*"); len(left) != 0 {
		t.Fatalf("Close left the snapshots %v", left)
	}
}
