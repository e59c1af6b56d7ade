package store_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// TestCollectAnswers stores answers as collect.md says: once per key, a
// second answer of a person replacing the first, a person not on the
// register added to it, the data hash moving, and a closed collection
// refusing.
func TestCollectAnswers(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	c, err := db.OpenCollection(ctx, store.Collection{Event: "dag-3", Token: "tok", Wave: "post", Instruments: []string{"jobbtro"}, EventKind: "impact_day", Date: day})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenCollection(ctx, c); impact.ErrorCode(err) != impact.ECONFLICT {
		t.Fatalf("opening an open collection again: %v, want a conflict", err)
	}
	hash0, _ := db.DataHash(ctx)
	note := func(n int) string { return fmt.Sprintf("%d answers replaced an earlier one", n) }
	save := func(key, who string, v float64) store.Saved {
		t.Helper()
		s, err := db.SaveAnswer(ctx, store.Answer{Key: key, Event: "dag-3", Participant: who, Items: []string{"jt1", "jt2"},
			Values: []float64{v, math.NaN()}, At: day.Add(10 * time.Hour), ReplacedNote: note})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := save("k1", pseudonym("p1"), 4); s.Duplicate || s.Replaced || s.Registered {
		t.Errorf("first answer: %+v", s)
	}
	if s := save("k1", pseudonym("p1"), 4); !s.Duplicate {
		t.Errorf("the same key twice: %+v, want a duplicate", s)
	}
	if s := save("k2", pseudonym("p1"), 2); !s.Replaced {
		t.Errorf("a second answer of p1: %+v, want replaced", s)
	}
	save("k3", pseudonym("p2"), 5)
	var rows, sum float64
	if err := db.QueryRow(ctx, `SELECT count(*), sum(value) FROM responses WHERE item = 'jt1'`).Scan(&rows, &sum); err != nil {
		t.Fatal(err)
	}
	if rows != 2 || sum != 7 {
		t.Errorf("responses for jt1: %v rows summing to %v, want 2 and 7", rows, sum)
	}
	n, err := db.CollectCount(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.CollectCount{Answered: 2, Unregistered: 2, Registered: 0, Answers: 3, Replaced: 1}); n != want {
		t.Errorf("CollectCount = %+v, want %+v", n, want)
	}
	notes, _ := db.Notes(ctx)
	if len(notes) != 1 || notes[0].Note != "1 answers replaced an earlier one" {
		t.Errorf("notes = %+v", notes)
	}
	if hash1, _ := db.DataHash(ctx); hash1 == hash0 {
		t.Error("the data hash did not move with the answers")
	}
	if err := db.CloseCollection(ctx, "dag-3", day); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveAnswer(ctx, store.Answer{Key: "k4", Event: "dag-3", Participant: pseudonym("p3"), At: day}); err != store.ErrCollectionClosed {
		t.Errorf("an answer to a closed collection: %v", err)
	}
	got, found, err := db.CollectionByToken(ctx, "tok")
	if err != nil || !found || got.Open() || got.Wave != "post" {
		t.Errorf("CollectionByToken = %+v, %v, %v", got, found, err)
	}
}
