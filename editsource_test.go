package impact_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

func TestSaveSourceColumnsKeepsComments(t *testing.T) {
	src, path, before := mustExampleCopy(t)
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
	after, err := impact.Load(filepath.Dir(path))
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

// TestSaveSourceColumnsErrorsInEveryLanguage checks that what the upload
// page says when the columns cannot be saved is in the reader's language,
// the project file's own problems too, and English before it is said.
func TestSaveSourceColumnsErrorsInEveryLanguage(t *testing.T) {
	src, path, p := mustExampleCopy(t)
	dir := filepath.Dir(path)
	// A column read as a column the kind has not: the file would not load.
	wouldNotLoad := impact.SaveSourceColumns(path, p.Sources[1], []impact.ColumnChoice{{"Deltagare", "no_such_column"}})
	if saved, _ := os.ReadFile(path); string(saved) != string(src) {
		t.Error("a refused save changed the project file")
	}
	list := filepath.Join(dir, "list.yaml")
	if err := os.WriteFile(list, []byte("- a\n- b\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	notMapping := impact.SaveSourceColumns(list, p.Sources[1], nil)
	missing := filepath.Join(dir, "missing.yaml")
	unread := impact.SaveSourceColumns(missing, p.Sources[1], nil)
	known := "participant, event, event_kind, date, role, new_contacts, drop"
	// The problem is framed by its place in the file, as the loader says
	// it: path:line:column: key: problem.
	at := path + `:…columns.Deltagare: `
	for _, tc := range []struct {
		name, lang string
		err        error
		code, want string
	}{
		{"would not load", "en", wouldNotLoad, impact.EINVALID, `the columns cannot be saved: the project file would not load: ` + at + `no attendance column is called "no_such_column"; known: ` + known},
		{"would not load", "sv", wouldNotLoad, impact.EINVALID, `kolumnerna kan inte sparas: projektfilen skulle inte gå att läsa in: ` + at + `kolumn i attendance "no_such_column" finns inte; kända: ` + known},
		{"would not load", "lv", wouldNotLoad, impact.EINVALID, `kolonnas nevar saglabāt: projekta failu pēc tam nevarētu ielādēt: ` + at + `attendance kolonna "no_such_column" neeksistē; zināmie: ` + known},
		{"not a mapping", "en", notMapping, impact.EINVALID, list + ` cannot be edited: it is not a YAML mapping; correct it in an editor`},
		{"not a mapping", "sv", notMapping, impact.EINVALID, list + ` kan inte redigeras: filen är ingen YAML-samling av nycklar (nyckel: värde); rätta den i en textredigerare`},
		{"not a mapping", "lv", notMapping, impact.EINVALID, `failu ` + list + ` nevar rediģēt: tā nav YAML atslēgu kopa (atslēga: vērtība); izlabojiet to teksta redaktorā`},
		{"unreadable", "en", unread, impact.EINTERNAL, `cannot read the project file ` + missing + `: open ` + missing + `: no such file or directory`},
		{"unreadable", "sv", unread, impact.EINTERNAL, `kan inte läsa projektfilen ` + missing + `: open ` + missing + `: no such file or directory`},
		{"unreadable", "lv", unread, impact.EINTERNAL, `nevar nolasīt projekta failu ` + missing + `: open ` + missing + `: no such file or directory`},
	} {
		t.Run(tc.name+"/"+tc.lang, func(t *testing.T) {
			said := impact.SayIn(tc.err, tc.lang)
			if got, want := impact.ErrorCode(said), tc.code; got != want {
				t.Errorf("code %q, want %q", got, want)
			}
			if got := impact.ErrorMessage(said); !matches(got, tc.want) {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if tc.lang == "en" {
				if got := impact.ErrorMessage(tc.err); !matches(got, tc.want) {
					t.Errorf("before it is said: %s", got)
				}
			}
		})
	}
}

// matches tells whether got is want, where "…" in want stands for any text
// (a line and column of the project file, which its edits move).
func matches(got, want string) bool {
	before, after, found := strings.Cut(want, "…")
	if !found {
		return got == want
	}
	return strings.HasPrefix(got, before) && strings.HasSuffix(got[len(before):], after)
}

// mustExampleCopy copies the example's impact.yaml into a folder of its
// own and loads it: it returns the file's text, its path and the project.
func mustExampleCopy(t *testing.T) ([]byte, string, *impact.Project) {
	t.Helper()
	src, err := os.ReadFile("testdata/example/impact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "impact.yaml")
	if err := os.WriteFile(path, src, 0o640); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return src, path, p
}
