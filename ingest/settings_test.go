package ingest_test

import (
	"maps"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

// listSource is an attendance list whose column Kontakter is mapped to
// new_contacts, and its file with a Roll column that can be mapped too.
const listSource = "  - {file: data/lista.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-02-20}, columns: {Kontakter: new_contacts, Roll: drop}}\n"

var listFile = map[string][]byte{"data/lista.csv": []byte("Deltagare,Kontakter,Roll\nBD-1,2,volunteer\nBD-2,3,\n")}

// TestSettingsChangeReadsAgain: the same file read with another columns:
// map is read again and its rows replaced in place; the same settings
// again are a no-op.
func TestSettingsChangeReadsAgain(t *testing.T) {
	p := MustProject(t, listSource, listFile)
	db := MustOpen(t, p)
	first := MustIngest(t, p, db)[0]
	if first.Replaced || first.Change != ingest.NoChange || first.Settings == "" {
		t.Fatalf("first ingest: %+v", first)
	}
	if got, want := query(t, db, "SELECT count(*), count(role), sum(new_contacts) FROM attendance"), "2|0|5"; got != want {
		t.Fatalf("first ingest: attendance %s, want %s", got, want)
	}
	sourceID := query(t, db, "SELECT id FROM sources")

	// The user corrects the mapping: Roll is the role, not to be dropped.
	src := p.Sources[0]
	src.Columns = map[string]string{"Kontakter": "new_contacts", "Roll": "role"}
	second, err := ingestFile(t, p, db, src, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if second.Skipped || !second.Replaced || second.Change != ingest.SettingsChanged || second.Loaded != 2 {
		t.Fatalf("settings changed: %+v, want read again, replacing the earlier rows", second)
	}
	if second.Settings == first.Settings {
		t.Fatal("another columns: map has the same settings")
	}
	if got, want := query(t, db, "SELECT count(*), count(role), sum(new_contacts), count(DISTINCT source_id) FROM attendance"), "2|1|5|1"; got != want {
		t.Fatalf("after the new mapping: attendance %s, want %s", got, want)
	}
	if got, want := query(t, db, "SELECT id, settings FROM sources"), sourceID+"|"+second.Settings; got != want {
		t.Fatalf("sources %s, want %s", got, want)
	}

	before := MustDump(t, db)
	third, err := ingestFile(t, p, db, src, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !third.Skipped || third.Change != ingest.NoChange || third.Loaded != 2 {
		t.Fatalf("same settings again: %+v, want skipped", third)
	}
	if MustDump(t, db) != before {
		t.Fatal("a skipped ingest changed the store")
	}

	// Back to the first mapping: read again, as first.
	fourth := MustIngest(t, p, db)[0]
	if fourth.Skipped || fourth.Change != ingest.SettingsChanged || fourth.Settings != first.Settings {
		t.Fatalf("back to the first mapping: %+v", fourth)
	}
	if got, want := query(t, db, "SELECT count(*), count(role) FROM attendance"), "2|0"; got != want {
		t.Fatalf("back to the first mapping: attendance %s, want %s", got, want)
	}
}

// TestSettingsChangeDryRun says a file would be read again and writes
// nothing.
func TestSettingsChangeDryRun(t *testing.T) {
	p := MustProject(t, listSource, listFile)
	db := MustOpen(t, p)
	MustIngest(t, p, db)
	before := MustDump(t, db)
	src := p.Sources[0]
	src.Wave = "" // no effect on attendance, and not a change: same settings
	if res, err := ingestFile(t, p, db, src, ingest.Options{DryRun: true}); err != nil || !res.Skipped {
		t.Fatalf("same settings, dry run: %+v, %v; want skipped", res, err)
	}
	src.Event = &impact.Event{ID: "m2", Kind: "meetup", Date: src.Event.Date}
	res, err := ingestFile(t, p, db, src, ingest.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped || !res.DryRun || res.Change != ingest.SettingsChanged || res.Loaded != 2 {
		t.Fatalf("another event, dry run: %+v", res)
	}
	if MustDump(t, db) != before {
		t.Fatal("a dry run changed the store")
	}
}

// TestSettingsUnknownReadsOnce: a source recorded without settings (by
// an impact before schema version 3) is read once more, whatever its
// content, and then skipped.
func TestSettingsUnknownReadsOnce(t *testing.T) {
	p := MustProject(t, listSource, listFile)
	db := MustOpen(t, p)
	MustIngest(t, p, db)
	if _, err := db.Exec(t.Context(), `UPDATE sources SET settings = NULL`); err != nil {
		t.Fatal(err)
	}
	again := MustIngest(t, p, db)[0]
	if again.Skipped || !again.Replaced || again.Change != ingest.SettingsUnknown {
		t.Fatalf("no recorded settings: %+v, want read again", again)
	}
	if got, want := query(t, db, "SELECT settings FROM sources"), again.Settings; got != want {
		t.Fatalf("recorded settings %s, want %s", got, want)
	}
	if third := MustIngest(t, p, db)[0]; !third.Skipped {
		t.Fatalf("after the settings were recorded: %+v, want skipped", third)
	}
}

// TestSettingsFingerprint: every part of a source entry that decides the
// rows is in the fingerprint, and nothing else.
func TestSettingsFingerprint(t *testing.T) {
	p := MustProject(t, "", nil)
	date := func(s string) *impact.Date {
		d, err := impact.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	base := impact.Source{
		File: "data/a.xlsx", Kind: "responses", Wave: "pre", Sheet: "Blad1", DateFormat: "DD/MM/YYYY",
		Event:   &impact.Event{ID: "m1", Kind: "meetup", Date: date("2025-02-20"), Name: "Träff 1"},
		Columns: map[string]string{"Fråga 1": "swemwbs_1", "Namn": "drop"},
	}
	settingsOf := func(t *testing.T, p *impact.Project, src impact.Source) string {
		t.Helper()
		s, err := ingest.SettingsOf(p, src)
		if err != nil {
			t.Fatal(err)
		}
		if len(s) != 64 {
			t.Fatalf("settings %q is not a hex SHA-256", s)
		}
		return s
	}
	want := settingsOf(t, p, base)
	with := func(change func(*impact.Source)) impact.Source {
		src := base
		e := *base.Event
		src.Event = &e
		src.Columns = maps.Clone(base.Columns)
		change(&src)
		return src
	}
	for _, tc := range []struct {
		name string
		src  impact.Source
	}{
		{"kind", with(func(s *impact.Source) { s.Kind = "attendance" })},
		{"wave", with(func(s *impact.Source) { s.Wave = "post" })},
		{"sheet", with(func(s *impact.Source) { s.Sheet = "Blad2" })},
		{"date_format", with(func(s *impact.Source) { s.DateFormat = "YYYY-MM-DD" })},
		{"event id", with(func(s *impact.Source) { s.Event.ID = "m2" })},
		{"event kind", with(func(s *impact.Source) { s.Event.Kind = "workshop" })},
		{"event date", with(func(s *impact.Source) { s.Event.Date = date("2025-02-21") })},
		{"no event", with(func(s *impact.Source) { s.Event = nil })},
		{"a column mapped elsewhere", with(func(s *impact.Source) { s.Columns["Fråga 1"] = "swemwbs_2" })},
		{"a column no longer mapped", with(func(s *impact.Source) { delete(s.Columns, "Namn") })},
		{"a column more", with(func(s *impact.Source) { s.Columns["Kommentar"] = "drop" })},
	} {
		t.Run(tc.name+" changes it", func(t *testing.T) {
			if settingsOf(t, p, tc.src) == want {
				t.Fatalf("%s did not change the settings", tc.name)
			}
		})
	}
	for _, tc := range []struct {
		name string
		src  impact.Source
	}{
		{"the event's name", with(func(s *impact.Source) { s.Event.Name = "Första träffen" })},
		{"the file's position in impact.yaml", with(func(s *impact.Source) { s.Pos = impact.Pos{Line: 40} })},
		{"the same map built again", with(func(s *impact.Source) {
			s.Columns = map[string]string{"Namn": "drop"}
			s.Columns["Fråga 1"] = "swemwbs_1"
		})},
	} {
		t.Run(tc.name+" does not", func(t *testing.T) {
			if got := settingsOf(t, p, tc.src); got != want {
				t.Fatalf("%s changed the settings", tc.name)
			}
		})
	}
	t.Run("an answer's label changes it", func(t *testing.T) {
		relabelled := MustProject(t, "", nil)
		for i := range relabelled.Instruments {
			in := &relabelled.Instruments[i]
			in.Labels = impact.Labels{1: {"Aldrig", "Never"}}
			before := settingsOf(t, relabelled, base)
			in.Labels = impact.Labels{1: {"Sällan", "Rarely"}}
			if settingsOf(t, relabelled, base) == before {
				t.Fatalf("a new label of instrument %s did not change the settings", in.ID)
			}
			return
		}
		t.Skip("the project has no instrument")
	})
	t.Run("an empty event is no event", func(t *testing.T) {
		a := with(func(s *impact.Source) { s.Event = nil })
		b := with(func(s *impact.Source) { s.Event = &impact.Event{} })
		if settingsOf(t, p, a) != settingsOf(t, p, b) {
			t.Fatal("an empty event and none differ")
		}
	})
	t.Run("an instrument's items change a responses file only", func(t *testing.T) {
		other := *p
		other.Instruments = append([]impact.Instrument(nil), p.Instruments...)
		last := &other.Instruments[len(other.Instruments)-1]
		last.Items = append(append([]string(nil), last.Items...), "jt4")
		if settingsOf(t, &other, base) == want {
			t.Fatal("a new item did not change the settings of a responses file")
		}
		list := with(func(s *impact.Source) { s.Kind = "attendance" })
		if settingsOf(t, &other, list) != settingsOf(t, p, list) {
			t.Fatal("a new item changed the settings of an attendance file")
		}
	})
}
