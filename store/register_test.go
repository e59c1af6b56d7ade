package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/store"
)

// TestRegisterStageFirstValues stages more lines than a batch holds, each
// person on two lines (the second giving another gender and a cohort), and
// one person whose every line agrees with the register: the comparison
// gives each other person once, in the order of their first line, with
// each attribute's first value and its line.
func TestRegisterStageFirstValues(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/reg.csv", Kind: "participants", Hash: "r"})
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Append(2, pseudonym("known"), "unga_vuxna", "female", 1990, "A", day); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(1, 1, 0); err != nil {
		t.Fatal(err)
	}
	stage, err := db.StageRegister(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer stage.Close()
	text := func(s string) *string { return &s }
	const people = 10000
	line := 1
	for i := range people {
		id := store.ParticipantText(uint64(people - i))
		line++
		if err := stage.Add(line, id, [4]*string{nil, text("female"), nil, nil}); err != nil {
			t.Fatal(err)
		}
		line++
		if err := stage.Add(line, id, [4]*string{nil, text("male"), nil, text("A")}); err != nil {
			t.Fatal(err)
		}
	}
	line++
	if err := stage.Add(line, pseudonym("known"), [4]*string{text("unga_vuxna"), text("female"), text("1990"), text("A")}); err != nil {
		t.Fatal(err)
	}
	known, err := stage.Diff()
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != people {
		t.Fatalf("%d people differ from the register, want %d", len(known), people)
	}
	for i, k := range known {
		first := 2 + 2*i
		want := fmt.Sprintf("%s line %d: [ female  A] at [0 %d 0 %d], in register false", store.ParticipantText(uint64(people-i)), first, first, first+1)
		got := fmt.Sprintf("%s line %d: %v at %v, in register %v", k.Participant, k.Line, k.File, k.FileLines, k.InRegister)
		if got != want {
			t.Fatalf("person %d: %s\nwant %s", i, got, want)
		}
	}
}
