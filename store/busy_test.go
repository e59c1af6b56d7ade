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
