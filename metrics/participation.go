package metrics

import (
	"context"
	"fmt"
	"sort"
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

// eventsQuery lists every event of the three tables that record one, with
// its kind, first date and mean new contacts, up to the as-of date.
// Responses without an event id belong to no event and are left out; their
// kind is impact_day unless the project says otherwise. They are read from
// answers, one row per answered line: the responses view would unnest every
// line into its answers only for them to be counted once.
const eventsQuery = `
SELECT event, min(kind), min("date"), avg(new_contacts)
FROM (
    SELECT event, event_kind AS kind, "date", new_contacts FROM attendance
    UNION ALL
    SELECT event, 'impact_day', "date", NULL FROM answers WHERE event IS NOT NULL AND len("values") > 0
    UNION ALL
    SELECT event, 'job_market', "date", NULL FROM jobmarket
)
WHERE "date" IS NULL OR "date" <= ?
GROUP BY event
ORDER BY min("date") NULLS LAST, event`

// passExtras is what participation's part of the pass over the people counts for data quality, as
// well as participation.
type passExtras struct {
	// slots are the days and waves of the response rates; the pass fills
	// in their respondents and complete answers. items is the set of a
	// line's answered items (a formCases expression on the answers row a).
	slots []rateSlot
	items string
	// seen asks for the number of people seen in the data and missing
	// from the register (unregistered in peopleCounts).
	seen bool
}

// maxPassSlots is the most days and waves the pass counts: each is an
// aggregate over every row, so more are counted by a query of their own.
const maxPassSlots = 8

// stepBits is the number of bits the funnel's steps take in a person's set
// of bits, one per step from the meetup (bit 0) to hired (bit 4).
const stepBits = 5

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
	events, err := participationEvents(ctx, db, p, until)
	if err != nil {
		return nil, nil, err
	}
	b := &batch{}
	var counts *peopleCounts
	planPeople(b, events, until, extras, &counts)
	e := &evaluator{ctx: ctx, db: db, p: p, trace: func(string, time.Duration) {}}
	if err := e.runBatch(b, b.people().ctes(false, "")); err != nil {
		return nil, nil, fmt.Errorf("participation: count the people: %w", err)
	}
	return summarise(events, counts, minCell), counts, nil
}

// summarise makes the participation section of the events and the counts
// of their people.
func summarise(events []eventRow, counts *peopleCounts, minCell int) *impact.Participation {
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
	return part
}

// eventRow is an event as eventsQuery reads it, before suppression.
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
}

// planPeople adds to the pass over the people (pass.go) what each person
// did, as one set of bits: the steps of the funnel they took up to the
// as-of date in the first stepBits bits, then the events they came to up
// to that date, one bit each, in 64-bit words e0, e1… (each the bit_or of
// the rows' bits in that word). Its sections count over the people: per
// event, per number of events, and per step; with extras, also what they
// ask (the slots' counts are filled in place). *out holds the counts once
// the batch has run.
//
// Sets of bits rather than distinct counts do what three group-bys on the
// pseudonyms did before: the people at each event, the events of each
// person, and the funnel. One aggregate for all of it, rather than one per
// step and per word, takes 0.6 of the CPU at a million people.
//
// The same pass counts for data quality (passExtras): the answered items
// of each person per day and wave of the response rates, and, with the
// follow-ups, everyone seen in the data, for those missing from the
// register. A pass of their own would group the same rows by person once
// more.
func planPeople(b *batch, events []eventRow, until time.Time, extras *passExtras, out **peopleCounts) {
	pass := b.people()
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	limit := sqlDate(impact.Date{Time: until})
	// Responses without an event id belong to no event and are left out
	// of participation itself; quality's counts read every answered line.
	lines := `a.event IS NOT NULL AND len(a."values") > 0`
	if extras != nil {
		lines = `len(a."values") > 0`
	}
	attendance, answers, jobmarket := pass.branch("attendance", "attendance", "r"), pass.branch("answers", "answers", "a"), pass.branch("jobmarket", "jobmarket", "r")
	// A row's event bit (its event's place after the steps' bits; NULL
	// for an event not listed: the event ids are the store's, quoted),
	// whether it counts at the as-of date, and its funnel steps, once per
	// row.
	type row struct{ bit, counts, steps string }
	rowOf := func(br *passBranch, condition, steps string) row {
		a := br.alias
		r := row{
			bit:    pass.inner(br, fmt.Sprintf("nullif(list_position(%s, %s.event), 0) - 1 + %d", sqlList(ids), a, stepBits), ""),
			counts: pass.condition(br, fmt.Sprintf(`%[1]s AND (%[2]s."date" IS NULL OR %[2]s."date" <= %[3]s)`, condition, a, limit)),
		}
		if steps != "" {
			r.steps = pass.inner(br, fmt.Sprintf(`CASE WHEN %s."date" <= %s THEN CAST(%s AS UBIGINT) ELSE CAST(0 AS UBIGINT) END`, a, limit, steps), "")
		}
		return r
	}
	rows := map[*passBranch]row{
		attendance: rowOf(attendance, "TRUE", "CASE WHEN r.event_kind = 'meetup' THEN 1 ELSE 0 END"),
		answers:    rowOf(answers, lines, ""),
		jobmarket:  rowOf(jobmarket, "TRUE", "2 + CASE WHEN r.interview THEN 4 ELSE 0 END + CASE WHEN r.offer THEN 8 ELSE 0 END + CASE WHEN r.hired THEN 16 ELSE 0 END"),
	}
	bits := stepBits + len(events)
	words := (bits + 63) / 64
	var total []string
	for w := range words {
		word := fmt.Sprintf("e%d", w)
		for _, br := range []*passBranch{attendance, answers, jobmarket} {
			// The row's bit in word w, if it falls there, and its steps
			// in the first word. The shift is a UBIGINT by a UBIGINT:
			// DuckDB shifts a UBIGINT by a BIGINT in HUGEINT, and the
			// group-by then carried 128-bit sets.
			r := rows[br]
			set := fmt.Sprintf("CASE WHEN %[1]s AND %[2]s BETWEEN %[3]d AND %[4]d THEN CAST(1 AS UBIGINT) << CAST(%[2]s - %[3]d AS UBIGINT) ELSE CAST(0 AS UBIGINT) END",
				r.counts, r.bit, 64*w, 64*w+63)
			if w == 0 && r.steps != "" {
				set += " | " + r.steps
			}
			pass.or(br, word, set)
		}
		// The number of events leaves the steps out.
		events := word
		if w == 0 {
			events = fmt.Sprintf("(e0 & CAST(%d AS UBIGINT))", ^uint64(1<<stepBits-1))
		}
		total = append(total, "coalesce(bit_count("+events+"), 0)")
	}
	has := func(bit int) string {
		return fmt.Sprintf("e%d & CAST(%d AS UBIGINT) <> 0", bit/64, uint64(1)<<(bit%64))
	}
	listed := func(section string, counts []string) string {
		if len(counts) == 0 {
			return ""
		}
		return selectSection(section, "", "", "", "unnest(range("+fmt.Sprint(len(counts))+"))", "unnest(counts)",
			"FROM (SELECT ["+strings.Join(counts, ", ")+"] AS counts FROM pp)")
	}
	var perEvent, taken, steps []string
	for i := range events {
		perEvent = append(perEvent, "count(*) FILTER (WHERE "+has(stepBits+i)+")")
	}
	for i := range stepBits {
		steps = append(steps, has(i))
		taken = append(taken, "count(*) FILTER (WHERE "+strings.Join(steps, " AND ")+")")
	}
	counted := strings.Join(total, " + ")
	sections := []string{
		selectSection("repeat", "", "", "", counted, "count(*)", "FROM pp WHERE "+counted+" > 0 GROUP BY "+counted),
		listed("funnel", taken),
	}
	if len(perEvent) > 0 {
		sections = append(sections, listed("event", perEvent))
	}
	unregistered := ""
	if extras != nil {
		if len(extras.slots) > 0 {
			place, _ := slotPlaces(extras.slots)
			// The line's slot when it counts, and its answered items,
			// once per line.
			slot := pass.inner(answers, "CASE WHEN "+lines+" THEN "+place+" END", "")
			items := pass.inner(answers, extras.items, "")
			var respondents, complete []string
			for i, s := range extras.slots {
				set := pass.aggregate("bit_or(" + pass.column(answers, fmt.Sprintf("CASE WHEN %s = %d THEN %s END", slot, i+1, items)) + ")")
				respondents = append(respondents, "count("+set+")")
				complete = append(complete, fmt.Sprintf("count(*) FILTER (WHERE bit_count(%s) = %d)", set, s.items))
			}
			sections = append(sections, listed("respondents", respondents), listed("complete", complete))
		}
		if extras.seen {
			seen := pass.newFlag()
			pass.setFlag(attendance, seen, "TRUE")
			pass.setFlag(answers, seen, pass.condition(answers, lines))
			pass.setFlag(jobmarket, seen, "TRUE")
			pass.setFlag(pass.branch("followups", "followups", "r"), seen, "TRUE")
			pass.unregistered = true
			unregistered = "count(*) FILTER (WHERE " + hasFlag(seen) + " AND p_unregistered)"
			sections = append(sections, selectSection("unregistered", "", "", "", "0", unregistered, "FROM pp"))
		}
	}
	b.plan("participation", nil, sections, func(rows []aggregate) {
		c := &peopleCounts{atEvent: make([]int64, len(events)), funnel: make([]int64, stepBits)}
		var most int64
		byEvents := map[int64]int64{}
		for _, a := range rows {
			k, n := int64(a.value), a.n
			switch a.section {
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
			}
		}
		for k := int64(1); k <= most; k++ {
			c.byEvents = append(c.byEvents, byEvents[k])
		}
		*out = c
	})
}

// asOfLimit returns the last date whose rows count: asOf, or far in the
// future when no as-of date is given.
func asOfLimit(asOf impact.Date) time.Time {
	if asOf.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return asOf.Time
}

// participationEvents reads the events and names them from the project's
// source entries.
func participationEvents(ctx context.Context, db *store.DB, p *impact.Project, until time.Time) ([]eventRow, error) {
	rows, err := db.Query(ctx, eventsQuery, until)
	if err != nil {
		return nil, fmt.Errorf("participation: read the events: %w", err)
	}
	defer rows.Close()
	var events []eventRow
	for rows.Next() {
		var (
			e    eventRow
			date *time.Time
		)
		if err := rows.Scan(&e.ID, &e.Kind, &date, &e.contacts); err != nil {
			return nil, fmt.Errorf("participation: read the events: %w", err)
		}
		if date != nil {
			e.Date = impact.Date{Time: date.UTC()}
		}
		if ev := sourceEvent(p, e.ID); ev != nil {
			e.Name = ev.Name
			// The project's own word for the kind wins over the default
			// the query gives responses and job-market rows.
			if ev.Kind != "" {
				e.Kind = ev.Kind
			}
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("participation: read the events: %w", err)
	}
	return events, nil
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
