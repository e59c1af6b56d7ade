package metrics_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/joiningforces/impact"
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

// TestRegisterQualityOrCounted evaluates the example with a second
// register file that names a person twice, gives a new person every
// attribute of a registered one (both possible duplicates) and registers
// one without target group: with the counts the store keeps of the
// register, the evaluation and the data-quality report alone are the same
// as when they count after a change the store has no fact for. A wrong
// fact shows in the document, so the document is read from it.
func TestRegisterQualityOrCounted(t *testing.T) {
	ctx := context.Background()
	p, db := MustIngestExample(t)
	var (
		person, twin, lone string
		gender, group      string
		year               int
		cohort             string
		start              time.Time
	)
	if err := db.QueryRow(ctx, `SELECT printf('%016x', participant), printf('%016x', participant + 1), printf('%016x', participant + 2),
		gender, target_group, birth_year, cohort, start_date FROM participants
		WHERE gender IS NOT NULL AND target_group IS NOT NULL AND birth_year IS NOT NULL AND cohort IS NOT NULL AND start_date IS NOT NULL
		ORDER BY participant LIMIT 1`).Scan(&person, &twin, &lone, &gender, &group, &year, &cohort, &start); err != nil {
		t.Fatal(err)
	}
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/igen.csv", Kind: "participants", Hash: "h", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{
		{person, group, gender, year, cohort, start.AddDate(0, 0, 1)},
		{twin, group, gender, year, cohort, start},
		{lone, nil, "female", 1990, nil, nil},
	} {
		if err := load.Append(i+2, row...); err != nil {
			t.Fatal(err)
		}
	}
	if err := load.Commit(3, 3, 0); err != nil {
		t.Fatal(err)
	}
	asOf := MustDate(t, "2025-12-31")
	evaluate := func() (*impact.Quality, string) {
		ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{AsOf: asOf, Now: func() time.Time { return asOf.Time }})
		if err != nil {
			t.Fatal(err)
		}
		alone, err := metrics.Quality(ctx, db, p, p.Info.MinCell)
		if err != nil {
			t.Fatal(err)
		}
		// Suppressed cells are the whole evaluation's (Quality leaves them).
		alone.SuppressedCells = ev.Quality.SuppressedCells
		sameJSON(t, "the data-quality report alone and in the evaluation", alone, ev.Quality)
		doc, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		return ev.Quality, string(doc)
	}
	keptQuality, kept := evaluate()
	if _, known, err := db.RegisterQuality(ctx); err != nil || !known {
		t.Fatalf("the store does not know its register's counts (%v)", err)
	}
	if keptQuality.PossibleDuplicates < 2 || keptQuality.WithoutAttributes < 1 {
		t.Fatalf("possible duplicates %d and without attributes %d; the added register file makes at least 2 and 1",
			keptQuality.PossibleDuplicates, keptQuality.WithoutAttributes)
	}

	// A wrong fact is what the evaluation shows.
	if _, err := db.Exec(ctx, `UPDATE register_facts SET possible_duplicates = possible_duplicates + 1, incomplete = incomplete + 2`); err != nil {
		t.Fatal(err)
	}
	wrong, _ := evaluate()
	if wrong.PossibleDuplicates != keptQuality.PossibleDuplicates+1 || wrong.WithoutAttributes != keptQuality.WithoutAttributes+2 {
		t.Errorf("with a fact 1 and 2 too high, possible duplicates %d and without attributes %d, want %d and %d",
			wrong.PossibleDuplicates, wrong.WithoutAttributes, keptQuality.PossibleDuplicates+1, keptQuality.WithoutAttributes+2)
	}

	// A change recorded without its fact.
	if _, err := db.Exec(ctx, `INSERT INTO register_writes (source_id) VALUES (NULL)`); err != nil {
		t.Fatal(err)
	}
	if _, known, err := db.RegisterQuality(ctx); err != nil || known {
		t.Fatalf("the store knows its register's counts after a change without a fact (%v)", err)
	}
	if _, counted := evaluate(); counted != kept {
		t.Errorf("the evaluation with the store's counts differs from the one that counts:\n%s\nwant\n%s", kept, counted)
	}
}

// TestUnregisteredFactOrCounted evaluates the example, whose data names
// only registered people, then with a job-market file naming two people
// the register lacks. Each is evaluated with what the store keeps of who
// is registered (store.EveryoneRegistered) and again with no fact of it,
// when the pass counts: both give the same evaluation. A fact that says
// everyone is registered when two are not shows in the document, so the
// evaluation reads it.
func TestUnregisteredFactOrCounted(t *testing.T) {
	ctx := context.Background()
	p, db := MustIngestExample(t)
	asOf := MustDate(t, "2025-12-31")
	evaluate := func() (*impact.Quality, string) {
		t.Helper()
		ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{AsOf: asOf, Now: func() time.Time { return asOf.Time }})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		return ev.Quality, string(doc)
	}
	// counted evaluates after the facts are gone, and puts them back.
	counted := func() string {
		t.Helper()
		if _, err := db.Exec(ctx, `CREATE TEMP TABLE kept AS SELECT * FROM unregistered_facts; DELETE FROM unregistered_facts`); err != nil {
			t.Fatal(err)
		}
		if known, err := db.EveryoneRegistered(ctx); err != nil || known {
			t.Fatalf("without facts the store knows everyone is registered (%v)", err)
		}
		_, doc := evaluate()
		if _, err := db.Exec(ctx, `INSERT INTO unregistered_facts SELECT * FROM kept; DROP TABLE kept`); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	if known, err := db.EveryoneRegistered(ctx); err != nil || !known {
		t.Fatalf("the example: EveryoneRegistered = %v (%v), want true", known, err)
	}
	registered, kept := evaluate()
	if doc := counted(); doc != kept {
		t.Errorf("everyone registered: the evaluation with the store's fact differs from the one that counts:\n%s\nwant\n%s", kept, doc)
	}

	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/jobb-extra.csv", Kind: "jobmarket", Hash: "h", Now: asOf.Time})
	if err != nil {
		t.Fatal(err)
	}
	for i, who := range []string{"00000000000000a1", "00000000000000a2", "00000000000000a1"} {
		if err := load.Append(i+2, who, "jobbmarknad-extra", asOf.Time, nil, false, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := load.Commit(3, 3, 0); err != nil {
		t.Fatal(err)
	}
	if known, err := db.EveryoneRegistered(ctx); err != nil || known {
		t.Fatalf("with two unregistered: EveryoneRegistered = %v (%v), want false", known, err)
	}
	missing, kept := evaluate()
	if missing.WithoutAttributes != registered.WithoutAttributes+2 {
		t.Errorf("two unregistered: %d without attributes, want %d", missing.WithoutAttributes, registered.WithoutAttributes+2)
	}
	if doc := counted(); doc != kept {
		t.Errorf("two unregistered: the evaluation with the store's facts differs from the one that counts:\n%s\nwant\n%s", kept, doc)
	}

	// A wrong fact is what the evaluation shows.
	if _, err := db.Exec(ctx, `UPDATE unregistered_facts SET unregistered = 0`); err != nil {
		t.Fatal(err)
	}
	if wrong, _ := evaluate(); wrong.WithoutAttributes != registered.WithoutAttributes {
		t.Errorf("with facts that say everyone is registered, %d without attributes, want %d", wrong.WithoutAttributes, registered.WithoutAttributes)
	}
}

// TestMissingValuesKeptOrCounted reads the example's data-quality report
// with the counts of missing values the store keeps of its files, and
// again after they are gone, when it scans the tables: both report the
// same. Counts one too high show in the report, so it reads them.
func TestMissingValuesKeptOrCounted(t *testing.T) {
	ctx := context.Background()
	p, db := MustIngestExample(t)
	quality := func() *impact.Quality {
		t.Helper()
		q, err := metrics.Quality(ctx, db, p, p.Info.MinCell)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	known, err := db.MissingCounts(ctx)
	if err != nil || len(known) != len(store.Kinds) {
		t.Fatalf("the example's store keeps the counts of %d kinds (%v), want %d", len(known), err, len(store.Kinds))
	}
	kept := quality()
	if _, err := db.Exec(ctx, `UPDATE missing_facts SET counts = list_transform(counts, x -> x + 1)`); err != nil {
		t.Fatal(err)
	}
	wrong := quality()
	for i, m := range wrong.Missing {
		if m.Missing != kept.Missing[i].Missing+int64(len(factSources(t, db, m.Table))) {
			t.Errorf("with counts one too high per file, %s.%s has %d missing, want %d more than %d", m.Table, m.Column, m.Missing, len(factSources(t, db, m.Table)), kept.Missing[i].Missing)
		}
	}
	if _, err := db.Exec(ctx, `DELETE FROM missing_facts`); err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "the report from the store's counts and from scanning", kept, quality())
}

// factSources lists the sources the store keeps counts of a kind of.
func factSources(t *testing.T, db *store.DB, kind string) []int64 {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT source_id FROM missing_facts WHERE kind = ?`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}
