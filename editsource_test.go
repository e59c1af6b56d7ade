package impact_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

func TestSaveSourceColumnsKeepsComments(t *testing.T) {
	src, err := os.ReadFile("testdata/example/impact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "impact.yaml")
	if err := os.WriteFile(path, src, 0o640); err != nil {
		t.Fatal(err)
	}
	before, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A source of the file gets its columns: replaced; an upload gets a
	// new entry.
	if err := impact.SaveSourceColumns(path, before.Sources[1], []impact.ColumnChoice{{"Deltagare", "participant"}, {"Anteckning", "drop"}}); err != nil {
		t.Fatal(err)
	}
	d, _ := impact.ParseDate("2025-06-12")
	upload := impact.Source{File: "data/uploads/narvaro.csv", Kind: "attendance", Event: &impact.Event{ID: "juni-1", Kind: "meetup", Date: &d}}
	if err := impact.SaveSourceColumns(path, upload, []impact.ColumnChoice{{"Vem", "participant"}, {"Kontakter: nya", "new_contacts"}}); err != nil {
		t.Fatal(err)
	}
	after, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("the saved file does not load: %v", err)
	}
	if got, want := after.Sources[1].Columns["Anteckning"], "drop"; got != want {
		t.Errorf("columns of %s: %v", after.Sources[1].File, after.Sources[1].Columns)
	}
	last := after.Sources[len(after.Sources)-1]
	if last.File != upload.File || last.Columns["Kontakter: nya"] != "new_contacts" || last.Event == nil || last.Event.Date.String() != "2025-06-12" {
		t.Errorf("the new entry is %+v", last)
	}
	if got, want := len(after.Sources), len(before.Sources)+1; got != want {
		t.Errorf("%d sources, want %d", got, want)
	}
	saved, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(src), "\n") {
		if c := strings.TrimSpace(line); strings.HasPrefix(c, "#") && !strings.Contains(string(saved), c) {
			t.Errorf("the comment %q was lost", c)
		}
	}
	// Only the edited entries changed: the blank lines and the folded text
	// stay as they were written.
	if got, want := strings.Count(string(saved), "\n\n"), strings.Count(string(src), "\n\n"); got != want {
		t.Errorf("%d blank lines, want %d", got, want)
	}
	if got, want := len(strings.Split(string(saved), "\n")), len(strings.Split(string(src), "\n"))+4; got != want {
		t.Errorf("%d lines, want %d (one changed, four added)", got, want)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode().Perm())
	}
	// A choice the loader refuses leaves the file as it was.
	if err := impact.SaveSourceColumns(path, upload, []impact.ColumnChoice{{"Vem", "nobody"}}); err == nil || !strings.Contains(err.Error(), "would not load") {
		t.Errorf("an invalid choice: %v", err)
	}
	if again, _ := os.ReadFile(path); string(again) != string(saved) {
		t.Errorf("a refused save changed the file")
	}
}

// TestSaveSourceColumnsFlowEntries: an entry written as {…} keeps the
// comment after it, and one that spans two lines is written whole.
func TestSaveSourceColumnsFlowEntries(t *testing.T) {
	src, err := os.ReadFile("testdata/example/impact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	i := strings.Index(text, "\nsources:\n")
	if i < 0 {
		t.Fatal("the example has no sources: block")
	}
	text = text[:i] + "\nsources:\n" +
		"  - {file: data/a.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-03-01}} # the first meetup\n" +
		"  - {file: data/b.csv, kind: attendance,\n" +
		"     event: {id: m2, kind: meetup,\n" +
		"       date: 2025-04-01}}   # the second\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "impact.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("the test's file does not load: %v", err)
	}
	for _, s := range p.Sources {
		if err := impact.SaveSourceColumns(path, s, []impact.ColumnChoice{{"Vem", "participant"}}); err != nil {
			saved, _ := os.ReadFile(path)
			t.Fatalf("%s: %v\n%s", s.File, err, saved[i:])
		}
	}
	saved, _ := os.ReadFile(path)
	for _, comment := range []string{"} # the first meetup\n", "}   # the second\n"} {
		if !strings.Contains(string(saved), comment) {
			t.Errorf("the comment %q after its entry was lost:\n%s", comment, saved[i:])
		}
	}
	after, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("the saved file does not load: %v\n%s", err, saved[i:])
	}
	for _, s := range after.Sources {
		if s.Columns["Vem"] != "participant" || s.Event == nil || s.Event.ID == "" {
			t.Errorf("%s was saved as %+v", s.File, s)
		}
	}
}
