package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/joiningforces/impact/store"
)

// TestMigrateParticipantsToNumbers carries a version-7 store, whose
// pseudonyms are text, over to numbers: every stored table reads exactly
// as before (the dump shows the pseudonyms' text), the data hash stays, each
// participant column is a UBIGINT, and each number is its pseudonym's 64
// bits, the largest and the smallest included.
func TestMigrateParticipantsToNumbers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	old, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:7]})
	if err != nil {
		t.Fatal(err)
	}
	top, zero, p1 := "ffffffffffffffff", "0000000000000000", pseudonym("p1")
	rows := map[string][][]any{
		"participants": {{top, "youth", "female", 2001, "spring", day}, {zero, nil, nil, nil, nil, nil}},
		"attendance":   {{p1, "dag-1", "meetup", day, "participant", 2}, {top, "dag-1", "meetup", day, nil, nil}},
		"responses":    {{p1, "dag-1", day, "pre", "jt1", 4.0}, {top, "dag-1", day, "pre", "jt1", nil}},
		"jobmarket":    {{zero, "fair-1", day, "Boden kommun", true, false, nil}},
		"followups":    {{p1, day, 6, "employed"}},
	}
	for _, kind := range []string{"participants", "attendance", "responses", "jobmarket", "followups"} {
		load, err := old.BeginLoad(ctx, store.LoadInfo{Path: "data/" + kind + ".csv", Kind: kind, Hash: "h-" + kind, Now: day})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows[kind] {
			if err := load.Append(i+2, row...); err != nil {
				t.Fatalf("%s line %d: %v", kind, i+2, err)
			}
		}
		if err := load.Commit(int64(len(rows[kind])), int64(len(rows[kind])), 0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := old.OpenCollection(ctx, store.Collection{Event: "dag-3", Token: "tok", Wave: "post", Instruments: []string{"jobbtro"}, EventKind: "impact_day", Date: day}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.SaveAnswer(ctx, store.Answer{Key: "k1", Event: "dag-3", Participant: top, Items: []string{"jt1"}, Values: []float64{3}, At: day.Add(10 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	collected := queryRows(t, old, `SELECT "key", participant FROM collect_answers`)
	db := MustMigrateUnchanged(t, old, 8)
	if got := queryRows(t, db, `SELECT "key", printf('%016x', participant) FROM collect_answers`); got != collected {
		t.Fatalf("collect_answers after migration = %q, want %q", got, collected)
	}
	got := queryRows(t, db, `SELECT table_name, data_type FROM information_schema.columns
		WHERE column_name = 'participant' ORDER BY table_name`)
	want := "answers UBIGINT\nattendance UBIGINT\ncollect_answers UBIGINT\nfollowups UBIGINT\njobmarket UBIGINT\nparticipants UBIGINT\nresponses UBIGINT\n"
	if got != want {
		t.Fatalf("participant columns after migration:\n%swant\n%s", got, want)
	}
	got = queryRows(t, db, `SELECT participant::VARCHAR FROM participants ORDER BY participant`)
	if want := "0\n18446744073709551615\n"; got != want {
		t.Fatalf("the register's numbers = %q, want %q", got, want)
	}
	// A pseudonym with its high bit set, which database/sql cannot pass
	// as a uint64, is collected into the migrated store.
	if _, err := db.SaveAnswer(ctx, store.Answer{Key: "k2", Event: "dag-3", Participant: top, Items: []string{"jt1"}, Values: []float64{4}, At: day.Add(11 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got = queryRows(t, db, `SELECT printf('%016x', participant), value FROM responses WHERE item = 'jt1' AND wave = 'post'`)
	if want := top + " 4\n"; got != want {
		t.Fatalf("the collected answer = %q, want %q", got, want)
	}
}

// TestParticipantNumber reads a pseudonym's 16 hex characters as its 64
// bits and back, and refuses anything else.
func TestParticipantNumber(t *testing.T) {
	for _, text := range []string{"0000000000000000", "00000000000000ab", "8000000000000000", "ffffffffffffffff"} {
		n, err := store.ParticipantNumber(text)
		if err != nil {
			t.Fatalf("ParticipantNumber(%q): %v", text, err)
		}
		if got := store.ParticipantText(n); got != text {
			t.Errorf("ParticipantText(ParticipantNumber(%q)) = %q", text, got)
		}
	}
	for _, bad := range []string{"", "p1", "ab", "FFFFFFFFFFFFFFFF0", "000000000000000g", "+000000000000001"} {
		if _, err := store.ParticipantNumber(bad); err == nil {
			t.Errorf("ParticipantNumber(%q) took a text that is no pseudonym", bad)
		}
	}
}
