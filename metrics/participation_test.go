package metrics_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// MustOpenReportStore opens an empty store in a temporary folder and closes
// it when the test ends.
func MustOpenReportStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "impact.duckdb"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// pseudonym returns a pseudonym for a short test name: its first eight
// bytes as the pseudonym's 64 bits, so that names sort as their
// pseudonyms do.
func pseudonym(name string) string {
	var bits [8]byte
	copy(bits[:], name)
	return store.ParticipantText(binary.BigEndian.Uint64(bits[:]))
}

// MustLoadRows loads rows of one kind as the file path, as ingest would: one
// transaction, one row per line from line 2, then the rejects.
func MustLoadRows(t testing.TB, db *store.DB, path, kind string, rows [][]any, rejects ...impact.RejectRow) {
	t.Helper()
	ctx := context.Background()
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: path, Kind: kind, Hash: "sha-" + path, Now: time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("BeginLoad(%s): %v", path, err)
	}
	defer load.Rollback()
	for i, row := range rows {
		if slices.Contains(store.Tables[kind], "participant") {
			row = append([]any{pseudonym(row[0].(string))}, row[1:]...)
		}
		if err := load.Append(i+2, row...); err != nil {
			t.Fatalf("Append(%s line %d): %v", path, i+2, err)
		}
	}
	for _, r := range rejects {
		if err := load.Reject(r.Line, r.Column, r.Reason); err != nil {
			t.Fatalf("Reject(%s line %d): %v", path, r.Line, err)
		}
	}
	n := int64(len(rows))
	if err := load.Commit(n+int64(len(rejects)), n, int64(len(rejects))); err != nil {
		t.Fatalf("Commit(%s): %v", path, err)
	}
}

// reportDate returns a date in 2025 as the store keeps it.
func reportDate(month, day int) time.Time {
	return time.Date(2025, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// people returns the ids p01 … pNN from first to last.
func people(first, last int) []string {
	var ids []string
	for i := first; i <= last; i++ {
		ids = append(ids, fmt.Sprintf("p%02d", i))
	}
	return ids
}

// loadParticipationStore loads a small project: twelve registered people,
// three meetups (the last after the as-of date), a workshop with two
// people, an impact day with ten and a job market with eight.
func loadParticipationStore(t testing.TB) *store.DB {
	t.Helper()
	db := MustOpenReportStore(t)
	var register [][]any
	for i, id := range people(1, 12) {
		register = append(register, []any{id, "unga_vuxna", []string{"female", "male"}[i%2], 2000 + i, "vt25", reportDate(1, 1)})
	}
	MustLoadRows(t, db, "data/deltagare.csv", "participants", register)

	var m1, m2, w1, m3 [][]any
	for i, id := range people(1, 8) {
		m1 = append(m1, []any{id, "m1", "meetup", reportDate(1, 10), nil, i + 1}) // contacts 1 … 8
	}
	for i, id := range people(1, 6) {
		var contacts any
		if i < 4 {
			contacts = 2 // two people did not answer the question
		}
		m2 = append(m2, []any{id, "m2", "meetup", reportDate(2, 10), nil, contacts})
	}
	for _, id := range people(9, 10) {
		w1 = append(w1, []any{id, "w1", "workshop", reportDate(3, 1), nil, nil})
	}
	for _, id := range people(1, 12) {
		m3 = append(m3, []any{id, "m3", "meetup", reportDate(12, 1), nil, nil})
	}
	MustLoadRows(t, db, "data/m1.csv", "attendance", m1)
	MustLoadRows(t, db, "data/m2.csv", "attendance", m2)
	MustLoadRows(t, db, "data/w1.csv", "attendance", w1)
	MustLoadRows(t, db, "data/m3.csv", "attendance", m3)

	var answers [][]any
	for _, id := range people(1, 10) {
		for item := 1; item <= 7; item++ {
			answers = append(answers, []any{id, "e1", reportDate(1, 22), "pre", fmt.Sprintf("swemwbs_%d", item), 3.0})
		}
	}
	MustLoadRows(t, db, "data/e1.xlsx", "responses", answers)

	var market [][]any
	for i, id := range people(1, 7) {
		market = append(market, []any{id, "j1", reportDate(4, 10), "Stålverket", i < 6, i < 5, i < 3})
	}
	market = append(market,
		[]any{"p07", "j1", reportDate(4, 10), "Vården", false, false, false},
		[]any{"p11", "j1", reportDate(4, 10), "Vården", true, true, true}, // never at a meetup
	)
	MustLoadRows(t, db, "data/j1.csv", "jobmarket", market)
	return db
}

func TestParticipation(t *testing.T) {
	db := loadParticipationStore(t)
	p := &impact.Project{Sources: []impact.Source{
		{File: "data/m1.csv", Kind: "attendance", Event: &impact.Event{ID: "m1", Kind: "meetup", Name: "Träff 1"}},
		{File: "data/e1.xlsx", Kind: "responses", Event: &impact.Event{ID: "e1", Kind: "impact_day", Name: "Effektmätningsdag 1"}},
	}}
	asOf := impact.Date{Time: reportDate(11, 30)}
	part := participationBothWays(t, db, p, asOf, 5)

	t.Run("events", func(t *testing.T) {
		type want struct {
			id, kind, name, date string
			attendees            *int
			contacts             *float64
		}
		wants := []want{
			{"m1", "meetup", "Träff 1", "2025-01-10", impact.Int(8), impact.Float(4.5)},
			{"e1", "impact_day", "Effektmätningsdag 1", "2025-01-22", impact.Int(10), nil},
			{"m2", "meetup", "", "2025-02-10", impact.Int(6), impact.Float(2)},
			{"w1", "workshop", "", "2025-03-01", nil, nil}, // two people: suppressed
			{"j1", "job_market", "", "2025-04-10", impact.Int(8), nil},
		}
		if got, want := len(part.Events), len(wants); got != want {
			t.Fatalf("%d events, want %d (m3 is after the as-of date): %+v", got, want, part.Events)
		}
		for i, w := range wants {
			e := part.Events[i]
			if e.ID != w.id || e.Kind != w.kind || e.Name != w.name || e.Date.String() != w.date {
				t.Errorf("event %d = %s %s %q %s, want %s %s %q %s", i, e.ID, e.Kind, e.Name, e.Date, w.id, w.kind, w.name, w.date)
			}
			if got, want := fmtInt(e.Attendees), fmtInt(w.attendees); got != want {
				t.Errorf("%s attendees = %s, want %s", e.ID, got, want)
			}
			if got, want := fmtFloat(e.NewContacts), fmtFloat(w.contacts); got != want {
				t.Errorf("%s new contacts = %s, want %s", e.ID, got, want)
			}
		}
	})

	t.Run("people and repeat attendance", func(t *testing.T) {
		// p01–p06: m1, e1, m2, j1; p07: m1, e1, j1; p08: m1, e1;
		// p09, p10: e1, w1; p11: j1. Three small groups hide each other.
		if got, want := fmtInt(part.Participants), "11"; got != want {
			t.Errorf("participants = %s, want %s", got, want)
		}
		want := "1:-, 2:-, 3:-, 4:6"
		got := ""
		for i, r := range part.Repeat {
			if i > 0 {
				got += ", "
			}
			got += fmt.Sprintf("%d:%s", r.Events, fmtInt(r.People))
		}
		if got != want {
			t.Errorf("repeat = %s, want %s", got, want)
		}
	})

	t.Run("funnel", func(t *testing.T) {
		// Meetup p01–p08; of them at the market p01–p07 (p11 never came
		// to a meetup); interview p01–p06; offer p01–p05; hired three.
		want := []struct {
			step       string
			n          string
			conversion string
		}{
			{"meetup", "8", "-"},
			{"job_market", "7", "0.875"},
			{"interview", "6", "0.857"},
			{"offer", "5", "0.833"},
			{"hired", "-", "-"},
		}
		if got := len(part.Funnel); got != len(want) {
			t.Fatalf("funnel has %d steps, want %d", got, len(want))
		}
		for i, w := range want {
			s := part.Funnel[i]
			if s.Step != w.step || fmtInt(s.N) != w.n || fmtFloat(s.Conversion) != w.conversion {
				t.Errorf("step %d = %s n=%s conversion=%s, want %s n=%s conversion=%s",
					i, s.Step, fmtInt(s.N), fmtFloat(s.Conversion), w.step, w.n, w.conversion)
			}
		}
	})

	t.Run("no as-of date counts everything", func(t *testing.T) {
		all := participationBothWays(t, db, p, impact.Date{}, 5)
		if got, want := len(all.Events), 6; got != want {
			t.Errorf("%d events without an as-of date, want %d", got, want)
		}
		if got, want := fmtInt(all.Participants), "12"; got != want {
			t.Errorf("participants = %s, want %s", got, want)
		}
	})
}

func TestParticipationEmptyStore(t *testing.T) {
	part := participationBothWays(t, MustOpenReportStore(t), &impact.Project{}, impact.Date{}, 5)
	if len(part.Events) != 0 || part.Participants != nil || len(part.Repeat) != 0 {
		t.Errorf("empty store gives %+v", part)
	}
	for _, s := range part.Funnel {
		if s.N != nil || s.Conversion != nil {
			t.Errorf("empty store: funnel step %s = %s (%s), want suppressed", s.Step, fmtInt(s.N), fmtFloat(s.Conversion))
		}
	}
}

func TestSuppressCounts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts []int
		want   string
	}{
		{"none small", []int{12, 7, 30}, "12 7 30"},
		{"one small hides the next smallest", []int{12, 3, 30, 8}, "12 - 30 -"},
		{"ties hide the first", []int{9, 2, 9}, "- - 9"},
		{"two small hide each other", []int{12, 3, 4}, "12 - -"},
		{"zero is shown", []int{0, 12, 7}, "0 12 7"},
		{"zero does not take the secondary", []int{0, 2, 12, 7}, "0 - 12 -"},
		{"all small", []int{1, 2}, "- -"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			for i, n := range metrics.SuppressCounts(tc.counts, 5) {
				if i > 0 {
					got += " "
				}
				got += fmtInt(n)
			}
			if got != tc.want {
				t.Errorf("SuppressCounts(%v) = %s, want %s", tc.counts, got, tc.want)
			}
		})
	}
}

func TestCountSuppressed(t *testing.T) {
	ev := &impact.Evaluation{
		Indicators: []impact.Result{{Disaggregation: []impact.Group{{Suppressed: true}, {Suppressed: false}, {Suppressed: true}}}},
		Participation: &impact.Participation{
			Events:       []impact.EventSummary{{Attendees: impact.Int(8)}, {}},
			Participants: impact.Int(11),
			Repeat:       []impact.RepeatCount{{Events: 1}, {Events: 2, People: impact.Int(9)}},
			Funnel:       []impact.FunnelStep{{Step: "meetup", N: impact.Int(8)}, {Step: "hired"}},
		},
	}
	if got, want := metrics.CountSuppressed(ev), 5; got != want {
		t.Errorf("CountSuppressed = %d, want %d", got, want)
	}
}

// fmtInt shows a count, or "-" for a suppressed one.
func fmtInt(n *int) string {
	if n == nil {
		return "-"
	}
	return fmt.Sprint(*n)
}

// fmtFloat shows a figure to three decimals, or "-" for none.
func fmtFloat(x *float64) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("%.3g", *x)
}

// TestParticipationManyEvents: with more events than one 64-bit set holds,
// each person is counted at each of their events and by the number of
// them, across the boundary between the sets.
func TestParticipationManyEvents(t *testing.T) {
	db := MustOpenReportStore(t)
	const events = 70
	// p01 comes to every event, p02 to those past the 64th, p03 to the
	// 64th and the 65th.
	for i := 1; i <= events; i++ {
		rows := [][]any{{"p01", fmt.Sprintf("m%02d", i), "meetup", reportDate(1, 1).AddDate(0, 0, i), nil, nil}}
		if i > 64 {
			rows = append(rows, []any{"p02", fmt.Sprintf("m%02d", i), "meetup", reportDate(1, 1).AddDate(0, 0, i), nil, nil})
		}
		if i == 64 || i == 65 {
			rows = append(rows, []any{"p03", fmt.Sprintf("m%02d", i), "meetup", reportDate(1, 1).AddDate(0, 0, i), nil, nil})
		}
		MustLoadRows(t, db, fmt.Sprintf("data/m%02d.csv", i), "attendance", rows)
	}
	part := participationBothWays(t, db, &impact.Project{}, impact.Date{Time: reportDate(11, 30)}, 1)
	if got, want := len(part.Events), events; got != want {
		t.Fatalf("%d events; want %d", got, want)
	}
	for i, e := range part.Events {
		want := 1
		if i+1 > 64 {
			want++
		}
		if i+1 == 64 || i+1 == 65 {
			want++
		}
		if e.Attendees == nil || *e.Attendees != want {
			t.Errorf("event %s: attendees %v; want %d", e.ID, e.Attendees, want)
		}
	}
	if part.Participants == nil || *part.Participants != 3 {
		t.Fatalf("participants %v; want 3", part.Participants)
	}
	byEvents := map[int]int{}
	for _, r := range part.Repeat {
		if r.People != nil {
			byEvents[r.Events] = *r.People
		}
	}
	for k, want := range map[int]int{70: 1, 6: 1, 2: 1} {
		if byEvents[k] != want {
			t.Errorf("people at %d events: %d; want %d (all: %v)", k, byEvents[k], want, byEvents)
		}
	}
}
