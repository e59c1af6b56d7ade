package metrics

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// Funnel steps, from the first meetup to a job, in the order of
// Participation.Funnel.
const (
	FunnelMeetup    = "meetup"
	FunnelJobMarket = "job_market"
	FunnelInterview = "interview"
	FunnelOffer     = "offer"
	FunnelHired     = "hired"
)

// FunnelSteps lists the steps of the participation funnel in order.
var FunnelSteps = []string{FunnelMeetup, FunnelJobMarket, FunnelInterview, FunnelOffer, FunnelHired}

// peopleQuery reads, in one pass over every row that names a person at an
// event, what each person did, as one set of bits (%[1]s are its 64-bit
// words, each the bit_or of the row's bits in that word): the steps of the
// funnel they took up to the as-of date in the first funnel bits, whether
// they came to anything dated up to then (attendedBit; the evaluation's
// attendees, whom the costs are shared among), then the events they came
// to up to that date, one bit each. %[2]s then counts over the people: per
// event, per number of events, per step, and the attendees. %[10]d and
// %[11]d are the steps of a line of an attendance list at a meetup and at
// another kind of event.
//
// Grouping the rows once per person, on sets of bits rather than distinct
// counts, does what three group-bys on the pseudonyms did before: the
// people at each event, the events of each person, and the funnel. One
// aggregate for all of it, rather than one per step and per word, takes
// 0.6 of the CPU at a million people.
//
// Every person's bits are packed into as few 64-bit words as hold them
// (packBits), each one bit_or with no FILTER, and %[9]s unpacks them into
// the sets the counts read: the events' words e0, e1, … and each day and
// wave's answered items r0, r1, …. One aggregate per word rather than one
// per set took 0.9 of the pass's CPU at a million people.
//
// The same pass can count for data quality (passExtras): the answered
// items of each person per day and wave of the response rates (%[5]s is a
// line's day and wave, %[6]s the set of its answered items, %[7]s the
// lines' condition), and, with the follow-ups (%[8]s), everyone seen in the
// data, for those missing from the register. A pass of its own would group
// the same rows by person once more.
const peopleQuery = `
WITH sets AS MATERIALIZED (
    SELECT %[1]s
    FROM (
        SELECT participant, nullif(list_position(%[3]s, event), 0) - 1 + %[4]d AS bit,
               ("date" IS NULL OR "date" <= $1) AS counts,
               CASE WHEN "date" <= $1 THEN steps ELSE 0 END AS steps, slot, items
        FROM (
            SELECT participant, event, "date", CASE WHEN event_kind = 'meetup' THEN %[10]d ELSE %[11]d END AS steps,
                   CAST(NULL AS INTEGER) AS slot, CAST(NULL AS UBIGINT) AS items
            FROM attendance
            UNION ALL
            SELECT participant, event, "date", 0, %[5]s, %[6]s
            FROM answers a WHERE %[7]s
            UNION ALL
            SELECT participant, event, "date",
                   2 + CASE WHEN interview THEN 4 ELSE 0 END + CASE WHEN offer THEN 8 ELSE 0 END + CASE WHEN hired THEN 16 ELSE 0 END,
                   NULL, NULL
            FROM jobmarket%[8]s
        )
    )
    GROUP BY participant
),
people AS (SELECT %[9]s FROM sets)
%[2]s`

// passExtras is what the pass of peopleQuery counts for data quality, as
// well as participation.
type passExtras struct {
	// slots are the days and waves of the response rates; the pass fills
	// in their respondents and complete answers. items is the set of a
	// line's answered items (a formCases expression on the answers row a),
	// whose bits are below itemBits.
	slots    []rateSlot
	items    string
	itemBits int
	// seen asks for the number of people seen in the data and missing
	// from the register (unregistered in peopleCounts).
	seen bool
	// events are the events read already (eventsAndSlots), which
	// participation then does not read again.
	events []eventRow
}

// maxPassSlots is the most days and waves the pass counts: each is an
// aggregate over every row, so more are counted by a query of their own.
const maxPassSlots = 8

// A person's set of bits begins with stepBits bits: the funnel's steps, one
// per step from the meetup (bit 0) to hired (bit 4), then attendedBit.
const (
	funnelBits  = 5
	attendedBit = funnelBits
	stepBits    = funnelBits + 1
)

// Participation summarises who came to what up to asOf: every event with
// its attendees (or respondents, for an impact-measurement day) and mean new
// contacts, the number of distinct people, how many came to one, two or more
// events, and the nested funnel meetup → job market → interview → offer →
// hired with the conversion at each step: each step is a subset of the one
// before, so every conversion is a share of real people who took the
// previous step, never above 100 %.
//
// Every count under minCell is suppressed (nil), and so is every figure
// that would reveal one: the mean new contacts of a suppressed event, the
// conversions next to a suppressed step, and (secondary suppression) the
// next smallest repeat-attendance group when exactly one is hidden, since
// the groups add up to the number of people. A zero asOf means no limit.
func Participation(ctx context.Context, db *store.DB, p *impact.Project, asOf impact.Date, minCell int) (*impact.Participation, error) {
	part, _, err := participation(ctx, db, p, asOf, minCell, nil)
	return part, err
}

// participation is Participation that also counts, in the same pass over
// the people, what extras asks for data quality (when not nil).
func participation(ctx context.Context, db *store.DB, p *impact.Project, asOf impact.Date, minCell int, extras *passExtras) (*impact.Participation, *peopleCounts, error) {
	until := asOfLimit(asOf)
	var (
		events []eventRow
		err    error
	)
	if extras != nil {
		events = extras.events
	} else if events, err = participationEvents(ctx, db, p, until); err != nil {
		return nil, nil, err
	}
	counts, err := countPeople(ctx, db, events, until, extras)
	if err != nil {
		return nil, nil, err
	}
	part := &impact.Participation{Events: make([]impact.EventSummary, len(events))}
	for i, e := range events {
		part.Events[i] = e.EventSummary
		if counts.atEvent[i] >= int64(minCell) {
			part.Events[i].Attendees = impact.Int(int(counts.atEvent[i]))
			part.Events[i].NewContacts = e.contacts
		}
	}
	part.Repeat, part.Participants = repeatAttendance(counts.byEvents, minCell)
	part.Funnel = funnel(counts.funnel, minCell)
	return part, counts, nil
}

// eventRow is an event as eventsAndSlots reads it, before suppression.
type eventRow struct {
	impact.EventSummary
	contacts *float64
}

// peopleCounts are the counts of people that peopleQuery gives: at each
// event (in the order of the events), by the number of events they came
// to (from one), and at each step of the funnel.
type peopleCounts struct {
	atEvent  []int64
	byEvents []int64
	funnel   []int64
	// unregistered is the number of people seen in the data who are
	// missing from the register, when passExtras.seen asks for it.
	unregistered int64
	// attendees is the number of people in the attendance lists on a day
	// up to the as-of date (the evaluation's attendees).
	attendees int64
}

// countPeople counts the people at each event, by their number of events,
// and at each step of the funnel, in one pass; with extras, also what they
// ask (the slots' counts are filled in place).
func countPeople(ctx context.Context, db *store.DB, events []eventRow, until time.Time, extras *passExtras) (*peopleCounts, error) {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	bits := stepBits + len(events)
	slot, items, lines, followups := "NULL", "NULL", `event IS NOT NULL`, ""
	var slots []rateSlot
	itemBits := 0
	if extras != nil {
		lines = `TRUE`
		if len(extras.slots) > 0 {
			slots, itemBits = extras.slots, extras.itemBits
			slot, _ = slotPlaces(slots)
			items = extras.items
		}
	}
	pack := packBits(bits, len(slots), itemBits)
	// Each word's bits of a row: its event's bit, if it falls in the word
	// (the event ids are the store's, quoted; an event that is not listed
	// has no position, and so no bit), its steps in the first word, and
	// its answered items at its day and wave's place, with the bit that
	// says it answered there. Every shift is a UBIGINT by a UBIGINT:
	// DuckDB shifts a UBIGINT by a BIGINT in HUGEINT, and the group-by
	// then carried 128-bit sets.
	var sets, unpack, total []string
	for w := range pack.words {
		var parts []string
		if w < pack.eventWords {
			parts = append(parts, fmt.Sprintf("CASE WHEN counts AND bit BETWEEN %d AND %d THEN CAST(1 AS UBIGINT) << CAST(bit - %d AS UBIGINT) ELSE CAST(0 AS UBIGINT) END", 64*w, 64*w+63, 64*w))
			if w == 0 {
				parts = append(parts, "CAST(steps AS UBIGINT)")
			}
			// The events' bits of the word; the number of events leaves
			// the steps out.
			mask := ^uint64(0)
			if rest := bits - 64*w; rest < 64 {
				mask = uint64(1)<<rest - 1
			}
			counted := mask
			if w == 0 {
				counted &^= uint64(1)<<stepBits - 1
			}
			unpack = append(unpack, fmt.Sprintf("w%d & %s AS e%d", w, ubigint(mask), w))
			total = append(total, fmt.Sprintf("bit_count(e%d & %s)", w, ubigint(counted)))
		}
		var whens []string
		for i, f := range pack.slots {
			if f.word == w {
				whens = append(whens, fmt.Sprintf("WHEN %d THEN coalesce((items << CAST(%d AS UBIGINT)) | %s, CAST(0 AS UBIGINT))", i+1, f.offset+1, ubigint(uint64(1)<<f.offset)))
			}
		}
		if len(whens) > 0 {
			parts = append(parts, "CASE slot "+strings.Join(whens, " ")+" ELSE CAST(0 AS UBIGINT) END")
		}
		sets = append(sets, fmt.Sprintf("bit_or(%s) AS w%d", strings.Join(parts, " | "), w))
	}
	for i, f := range pack.slots {
		if f.word < 0 {
			// Too many items for a word beside the bit that says so.
			sets = append(sets, fmt.Sprintf("bit_or(items) FILTER (WHERE slot = %d) AS x%d", i+1, i))
			unpack = append(unpack, fmt.Sprintf("x%d AS r%d", i, i))
			continue
		}
		unpack = append(unpack, fmt.Sprintf("CASE WHEN w%[1]d & %[2]s <> 0 THEN (w%[1]d >> CAST(%[3]d AS UBIGINT)) & %[4]s END AS r%[5]d",
			f.word, ubigint(uint64(1)<<f.offset), f.offset+1, ubigint(uint64(1)<<itemBits-1), i))
	}
	has := func(bit int) string {
		return fmt.Sprintf("e%d & CAST(%d AS UBIGINT) <> 0", bit/64, uint64(1)<<(bit%64))
	}
	var perEvent []string
	for i := range events {
		perEvent = append(perEvent, "count(*) FILTER (WHERE "+has(stepBits+i)+")")
	}
	if len(perEvent) == 0 {
		perEvent = []string{"0"}
	}
	var taken, steps []string
	for i := range funnelBits {
		steps = append(steps, has(i))
		taken = append(taken, "count(*) FILTER (WHERE "+strings.Join(steps, " AND ")+")")
	}
	counted := strings.Join(total, " + ")
	selects := "SELECT 'repeat' AS section, " + counted + " AS k, count(*) AS n FROM people WHERE " + counted + " > 0 GROUP BY k\n" +
		"UNION ALL SELECT 'event', unnest(range(" + fmt.Sprint(len(perEvent)) + ")), unnest(counts) FROM (SELECT [" + strings.Join(perEvent, ", ") + "] AS counts FROM people)\n" +
		"UNION ALL SELECT 'funnel', unnest(range(" + fmt.Sprint(funnelBits) + ")), unnest(counts) FROM (SELECT [" + strings.Join(taken, ", ") + "] AS counts FROM people)\n" +
		"UNION ALL SELECT 'attendees', 0, count(*) FROM people WHERE " + has(attendedBit)
	if len(slots) > 0 {
		var respondents, complete []string
		for i, s := range slots {
			respondents = append(respondents, fmt.Sprintf("count(r%d)", i))
			complete = append(complete, fmt.Sprintf("count(*) FILTER (WHERE bit_count(r%d) = %d)", i, s.items))
		}
		selects += "\nUNION ALL SELECT 'respondents', unnest(range(" + fmt.Sprint(len(slots)) + ")), unnest(counts) FROM (SELECT [" + strings.Join(respondents, ", ") + "] AS counts FROM people)" +
			"\nUNION ALL SELECT 'complete', unnest(range(" + fmt.Sprint(len(slots)) + ")), unnest(counts) FROM (SELECT [" + strings.Join(complete, ", ") + "] AS counts FROM people)"
	}
	if extras != nil && extras.seen {
		sets = append(sets, "participant")
		unpack = append(unpack, "participant")
		followups = "\n            UNION ALL\n            SELECT participant, NULL, NULL, 0, NULL, NULL FROM followups"
		selects += "\nUNION ALL SELECT 'unregistered', 0, count(*) FROM people WHERE participant NOT IN (SELECT participant FROM participants)"
	}
	rows, err := db.Query(ctx, fmt.Sprintf(peopleQuery, strings.Join(sets, ", "), selects, sqlList(ids), stepBits, slot, items, lines, followups, strings.Join(unpack, ", "), 1|1<<attendedBit, 1<<attendedBit), until)
	if err != nil {
		return nil, fmt.Errorf("participation: count the people: %w", err)
	}
	defer rows.Close()
	c := &peopleCounts{atEvent: make([]int64, len(events)), funnel: make([]int64, funnelBits)}
	var most int64
	byEvents := map[int64]int64{}
	for rows.Next() {
		var section string
		var k, n int64
		if err := rows.Scan(&section, &k, &n); err != nil {
			return nil, fmt.Errorf("participation: count the people: %w", err)
		}
		switch section {
		case "repeat":
			byEvents[k] = n
			most = max(most, k)
		case "event":
			if k < int64(len(events)) {
				c.atEvent[k] = n
			}
		case "funnel":
			c.funnel[k] = n
		case "respondents":
			extras.slots[k].respondents = int(n)
		case "complete":
			extras.slots[k].complete = int(n)
		case "unregistered":
			c.unregistered = n
		case "attendees":
			c.attendees = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("participation: count the people: %w", err)
	}
	for k := int64(1); k <= most; k++ {
		c.byEvents = append(c.byEvents, byEvents[k])
	}
	return c, nil
}

// bitPacking places a person's sets of bits in 64-bit words: the steps and
// events from bit 0 of the first word (eventWords words), then each day and
// wave's answered items, each with a bit before them that says the person
// answered there, in one word (slots; word -1 when they do not fit one).
type bitPacking struct {
	words, eventWords int
	slots             []bitField
}

// bitField is a set's place: its word and its first bit there.
type bitField struct{ word, offset int }

// packBits lays out the bits of the steps and events (bits of them) and of
// slots days and waves of itemBits answered items each.
func packBits(bits, slots, itemBits int) bitPacking {
	p := bitPacking{eventWords: (bits + 63) / 64}
	next := bits
	for range slots {
		width := itemBits + 1
		if width > 64 {
			p.slots = append(p.slots, bitField{word: -1})
			continue
		}
		w, off := next/64, next%64
		if off+width > 64 {
			w, off = w+1, 0
		}
		p.slots = append(p.slots, bitField{word: w, offset: off})
		next = 64*w + off + width
	}
	p.words = max(p.eventWords, (next+63)/64)
	return p
}

// ubigint writes x as an SQL UBIGINT.
func ubigint(x uint64) string {
	return "CAST(" + strconv.FormatUint(x, 10) + " AS UBIGINT)"
}

// asOfLimit returns the last date whose rows count: asOf, or far in the
// future when no as-of date is given.
func asOfLimit(asOf impact.Date) time.Time {
	if asOf.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return asOf.Time
}

// participationEvents reads the events up to until, named from the
// project's source entries: the events of eventsAndSlots, whose days and
// waves of the response rates participation alone does not need.
func participationEvents(ctx context.Context, db *store.DB, p *impact.Project, until time.Time) ([]eventRow, error) {
	unique, err := registerUnique(ctx, db)
	if err != nil {
		return nil, err
	}
	events, _, err := eventsAndSlots(ctx, db, p, until, unique)
	return events, err
}

// nameEvent names an event from the project's source entries.
func nameEvent(p *impact.Project, e eventRow) eventRow {
	if ev := sourceEvent(p, e.ID); ev != nil {
		e.Name = ev.Name
		// The project's own word for the kind wins over the default
		// the query gives responses and job-market rows.
		if ev.Kind != "" {
			e.Kind = ev.Kind
		}
	}
	return e
}

// sourceEvent returns the event metadata a source entry gives for id.
func sourceEvent(p *impact.Project, id string) *impact.Event {
	if p == nil {
		return nil
	}
	for i := range p.Sources {
		if ev := p.Sources[i].Event; ev != nil && ev.ID == id {
			return ev
		}
	}
	return nil
}

// repeatAttendance suppresses the counts of people by their number of
// events (from one; a number nobody has is left out) and sums the people.
func repeatAttendance(byEvents []int64, minCell int) ([]impact.RepeatCount, *int) {
	var (
		buckets []int
		counts  []int
		total   int
	)
	for i, n := range byEvents {
		if n == 0 {
			continue
		}
		buckets = append(buckets, i+1)
		counts = append(counts, int(n))
		total += int(n)
	}
	shown := SuppressCounts(counts, minCell)
	repeat := make([]impact.RepeatCount, len(buckets))
	for i := range buckets {
		repeat[i] = impact.RepeatCount{Events: buckets[i], People: shown[i], Withheld: shown[i] == nil && counts[i] >= minCell}
	}
	var participants *int
	if total >= minCell {
		participants = impact.Int(total)
	}
	return repeat, participants
}

// funnel suppresses the counts of the funnel's steps and adds the
// conversions.
func funnel(counts []int64, minCell int) []impact.FunnelStep {
	steps := make([]impact.FunnelStep, len(FunnelSteps))
	for i, name := range FunnelSteps {
		steps[i].Step = name
		if counts[i] >= int64(minCell) {
			steps[i].N = impact.Int(int(counts[i]))
		}
		// A conversion next to a hidden count would give it away.
		if i > 0 && steps[i].N != nil && steps[i-1].N != nil && counts[i-1] > 0 {
			steps[i].Conversion = impact.Float(float64(counts[i]) / float64(counts[i-1]))
		}
	}
	return steps
}

// SuppressCounts applies the small-cell rule to counts that add up to a
// shown total: a count under minCell becomes nil, and when exactly one is
// hidden the next smallest is hidden too, so that the total cannot give the
// hidden one back. A zero count is a group nobody is in and reveals no one,
// so it is shown.
func SuppressCounts(counts []int, minCell int) []*int {
	shown := make([]*int, len(counts))
	hidden := 0
	for i, n := range counts {
		if n > 0 && n < minCell {
			hidden++
			continue
		}
		shown[i] = impact.Int(n)
	}
	if hidden == 1 {
		// The next smallest shown count; ties go to the first, so the
		// choice is the same on every run.
		order := make([]int, 0, len(counts))
		for i := range counts {
			if shown[i] != nil && counts[i] > 0 {
				order = append(order, i)
			}
		}
		sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] < counts[order[b]] })
		if len(order) > 0 {
			shown[order[0]] = nil
		}
	}
	return shown
}

// CountSuppressed counts the cells an evaluation hides under the small-cell
// rule: suppressed disaggregation groups, and the nil counts of the
// participation summary that stand for people. It is meant for
// Quality.SuppressedCells once the whole evaluation is filled in.
func CountSuppressed(ev *impact.Evaluation) int {
	n := 0
	for _, r := range ev.Indicators {
		for _, g := range r.Disaggregation {
			if g.Suppressed {
				n++
			}
		}
	}
	if part := ev.Participation; part != nil {
		for _, e := range part.Events {
			if e.Attendees == nil {
				n++
			}
		}
		for _, r := range part.Repeat {
			if r.People == nil {
				n++
			}
		}
		for _, s := range part.Funnel {
			if s.N == nil {
				n++
			}
		}
		if part.Participants == nil && len(part.Events) > 0 {
			n++
		}
	}
	return n
}
