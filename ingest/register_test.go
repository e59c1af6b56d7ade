package ingest_test

import (
	"strings"
	"testing"

	"github.com/joiningforces/impact/ingest"
)

// TestRegisterConflictsInOrder: every conflict of a list with the register
// is one note at the line that gave the attribute, person by person in the
// order the list first gave each an attribute, attribute by attribute in
// the register's order; the fills are counted; a dry run says the same
// without writing; an agreeing person gives no note.
func TestRegisterConflictsInOrder(t *testing.T) {
	register := "Deltagar-ID;Målgrupp;Kön;Födelseår;Kohort\n" +
		"BD-1;unga_vuxna;Kvinna;1990;A\n" +
		"BD-2;medfoljande;Man;1985;B\n" +
		"BD-3;unga_vuxna;;;\n" +
		"BD-5;unga_vuxna;Kvinna;2000;A\n"
	list := "Deltagare;Kön;Födelseår;Kohort;Målgrupp;Nya kontakter\n" +
		"BD-1;Man;;;;1\n" + // line 2: gender conflict
		"BD-2;Man;1986;B;unga_vuxna;1\n" + // line 3: birth year and target group conflict
		"BD-1;;1991;C;;2\n" + // line 4: BD-1's birth year and cohort conflict
		"BD-3;Kvinna;1999;D;medfoljande;0\n" + // line 5: target group conflict, three fills
		"BD-4;Man;2001;;;3\n" + // line 6: unknown to the register: two fills
		"BD-5;Kvinna;2000;A;unga_vuxna;1\n" + // line 7: agrees
		"BD-1;Kvinna;1990;A;medfoljande;1\n" // line 8: BD-1's first target group, a conflict
	p := mustExportsProject(t, "", "  - {file: data/reg.csv, kind: participants}\n  - {file: data/list.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-03-01}}\n",
		map[string]string{"data/reg.csv": register, "data/list.csv": list})
	db := MustOpen(t, p)
	if _, err := ingestFile(t, p, db, source(t, p, "data/reg.csv"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"data/list.csv:8: deltagarregistret har ett annat värde för målgrupp för den här personen; registrets värde gäller",
		"data/list.csv:2: deltagarregistret har ett annat värde för kön för den här personen; registrets värde gäller",
		"data/list.csv:4: deltagarregistret har ett annat värde för födelseår för den här personen; registrets värde gäller",
		"data/list.csv:4: deltagarregistret har ett annat värde för kohort för den här personen; registrets värde gäller",
		"data/list.csv:3: deltagarregistret har ett annat värde för målgrupp för den här personen; registrets värde gäller",
		"data/list.csv:3: deltagarregistret har ett annat värde för födelseår för den här personen; registrets värde gäller",
		"data/list.csv:5: deltagarregistret har ett annat värde för målgrupp för den här personen; registrets värde gäller",
		"data/list.csv: 2 personer fick sitt värde för kön i deltagarregistret från den här filen",
		"data/list.csv: 2 personer fick sitt värde för födelseår i deltagarregistret från den här filen",
		"data/list.csv: 1 person fick sitt värde för kohort i deltagarregistret från den här filen",
	}, "\n")
	for _, dry := range []bool{true, false} {
		res, err := ingestFile(t, p, db, source(t, p, "data/list.csv"), ingest.Options{DryRun: dry})
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for _, n := range res.Notes {
			notes = append(notes, n.Format(res.File))
		}
		if got := strings.Join(notes, "\n"); got != want {
			t.Errorf("dry run %v: notes\n%s\nwant\n%s", dry, got, want)
		}
	}
	got := query(t, db, `SELECT r.line, r.target_group, r.gender, r.birth_year, r.cohort FROM participants r
		JOIN sources s ON s.id = r.source_id WHERE s.kind = 'attendance' ORDER BY r.line`)
	if want := "5|NULL|female|1999|D\n6|NULL|male|2001|NULL"; got != want {
		t.Errorf("register rows from the list:\n%s\nwant\n%s", got, want)
	}
}
