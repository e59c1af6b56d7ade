package metrics_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// TestRegisterFactOrCounted evaluates the example with registers that
// name people twice: from a start date after the as-of date (the people
// up to then are each named once), and without a start date. Each is
// evaluated with what the store keeps of the register and again after
// a change the store has no fact for, when the evaluation counts: both
// give the same evaluation.
func TestRegisterFactOrCounted(t *testing.T) {
	ctx := context.Background()
	early, late := MustDate(t, "2025-06-30"), MustDate(t, "2025-12-31")
	for _, start := range []any{time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), nil} {
		p, db := MustIngestExample(t)
		var person string
		if err := db.QueryRow(ctx, `SELECT printf('%016x', min(participant)) FROM participants`).Scan(&person); err != nil {
			t.Fatal(err)
		}
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/igen.csv", Kind: "participants", Hash: "h", Now: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if err := load.Append(2, person, nil, "female", 1990, nil, start); err != nil {
			t.Fatal(err)
		}
		if err := load.Commit(1, 1, 0); err != nil {
			t.Fatal(err)
		}
		evaluate := func() map[string]string {
			docs := map[string]string{}
			for _, asOf := range []string{early.String(), late.String()} {
				ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{AsOf: MustDate(t, asOf), Now: func() time.Time { return late.Time }})
				if err != nil {
					t.Fatal(err)
				}
				doc, err := json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
				docs[asOf] = string(doc)
			}
			return docs
		}
		kept := evaluate()
		if _, known, err := db.RegisterUnique(ctx, early.Time); err != nil || !known {
			t.Fatalf("the store does not know its register (%v)", err)
		}
		// A change recorded without its fact.
		if _, err := db.Exec(ctx, `INSERT INTO register_writes (source_id) VALUES (NULL)`); err != nil {
			t.Fatal(err)
		}
		if _, known, err := db.RegisterUnique(ctx, early.Time); err != nil || known {
			t.Fatalf("the store knows its register after a change without a fact (%v)", err)
		}
		counted := evaluate()
		for asOf, doc := range kept {
			if counted[asOf] != doc {
				t.Errorf("start %v, as of %s: the evaluation with the store's fact differs from the one that counts:\n%s\nwant\n%s", start, asOf, doc, counted[asOf])
			}
		}
	}
}
