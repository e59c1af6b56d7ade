package metrics

import (
	"context"
	"fmt"
	"sort"
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
// its kind, first date, distinct people and mean new contacts, up to the
// as-of date. Responses without an event id belong to no event and are left
// out; their kind is impact_day unless the project says otherwise.
const eventsQuery = `
WITH events AS (
    SELECT event, event_kind AS kind, "date", participant, new_contacts FROM attendance
    UNION ALL
    SELECT event, 'impact_day', "date", participant, NULL FROM responses WHERE event IS NOT NULL
    UNION ALL
    SELECT event, 'job_market', "date", participant, NULL FROM jobmarket
)
SELECT event, min(kind), min("date"), count(DISTINCT participant), avg(new_contacts)
FROM events
WHERE "date" IS NULL OR "date" <= ?
GROUP BY event
ORDER BY min("date") NULLS LAST, event`

// peopleQuery gives, for every person seen at an event up to the as-of
// date, the number of distinct events they came to.
const peopleQuery = `
WITH seen AS (
    SELECT participant, event, "date" FROM attendance
    UNION ALL
    SELECT participant, event, "date" FROM responses WHERE event IS NOT NULL
    UNION ALL
    SELECT participant, event, "date" FROM jobmarket
)
SELECT events, count(*) FROM (
    SELECT participant, count(DISTINCT event) AS events
    FROM seen
    WHERE "date" IS NULL OR "date" <= ?
    GROUP BY participant
)
GROUP BY events
ORDER BY events`

// funnelQuery counts the nested funnel: people at a meetup; of them, those
// at a job market; of those, with an interview; then an offer; then hired.
// Each step is a subset of the one before, so every conversion is a share
// of real people who took the previous step, never above 100 %.
const funnelQuery = `
WITH meetup AS (
    SELECT DISTINCT participant FROM attendance
    WHERE event_kind = 'meetup' AND "date" <= ?
),
market AS (
    SELECT participant,
           bool_or(coalesce(interview, false)) AS interview,
           bool_or(coalesce(offer, false)) AS offer,
           bool_or(coalesce(hired, false)) AS hired
    FROM jobmarket
    WHERE "date" <= ?
    GROUP BY participant
)
SELECT
    (SELECT count(*) FROM meetup),
    count(*),
    count(*) FILTER (WHERE interview),
    count(*) FILTER (WHERE interview AND offer),
    count(*) FILTER (WHERE interview AND offer AND hired)
FROM market JOIN meetup USING (participant)`

// Participation summarises who came to what up to asOf: every event with
// its attendees (or respondents, for an impact-measurement day) and mean new
// contacts, the number of distinct people, how many came to one, two or more
// events, and the nested funnel meetup → job market → interview → offer →
// hired with the conversion at each step.
//
// Every count under minCell is suppressed (nil), and so is every figure
// that would reveal one: the mean new contacts of a suppressed event, the
// conversions next to a suppressed step, and (secondary suppression) the
// next smallest repeat-attendance group when exactly one is hidden, since
// the groups add up to the number of people. A zero asOf means no limit.
func Participation(ctx context.Context, db *store.DB, p *impact.Project, asOf impact.Date, minCell int) (*impact.Participation, error) {
	until := asOfLimit(asOf)
	events, err := participationEvents(ctx, db, p, until, minCell)
	if err != nil {
		return nil, err
	}
	part := &impact.Participation{Events: events}
	if part.Repeat, part.Participants, err = repeatAttendance(ctx, db, until, minCell); err != nil {
		return nil, err
	}
	if part.Funnel, err = funnel(ctx, db, until, minCell); err != nil {
		return nil, err
	}
	return part, nil
}

// asOfLimit returns the last date whose rows count: asOf, or far in the
// future when no as-of date is given.
func asOfLimit(asOf impact.Date) time.Time {
	if asOf.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return asOf.Time
}

// participationEvents reads the events, names them from the project's
// source entries, and suppresses small ones.
func participationEvents(ctx context.Context, db *store.DB, p *impact.Project, until time.Time, minCell int) ([]impact.EventSummary, error) {
	rows, err := db.Query(ctx, eventsQuery, until)
	if err != nil {
		return nil, fmt.Errorf("participation: read the events: %w", err)
	}
	defer rows.Close()
	var events []impact.EventSummary
	for rows.Next() {
		var (
			e        impact.EventSummary
			date     *time.Time
			people   int
			contacts *float64
		)
		if err := rows.Scan(&e.ID, &e.Kind, &date, &people, &contacts); err != nil {
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
		if people >= minCell {
			e.Attendees = impact.Int(people)
			if contacts != nil {
				e.NewContacts = impact.Float(*contacts)
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

// repeatAttendance counts people by the number of events they came to, and
// the people in all.
func repeatAttendance(ctx context.Context, db *store.DB, until time.Time, minCell int) ([]impact.RepeatCount, *int, error) {
	rows, err := db.Query(ctx, peopleQuery, until)
	if err != nil {
		return nil, nil, fmt.Errorf("participation: count repeat attendance: %w", err)
	}
	defer rows.Close()
	var (
		buckets []int
		counts  []int
		total   int
	)
	for rows.Next() {
		var events, people int
		if err := rows.Scan(&events, &people); err != nil {
			return nil, nil, fmt.Errorf("participation: count repeat attendance: %w", err)
		}
		buckets = append(buckets, events)
		counts = append(counts, people)
		total += people
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("participation: count repeat attendance: %w", err)
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
	return repeat, participants, nil
}

// funnel counts the nested funnel and its conversions.
func funnel(ctx context.Context, db *store.DB, until time.Time, minCell int) ([]impact.FunnelStep, error) {
	counts := make([]int, len(FunnelSteps))
	targets := make([]any, len(counts))
	for i := range counts {
		targets[i] = &counts[i]
	}
	if err := db.QueryRow(ctx, funnelQuery, until, until).Scan(targets...); err != nil {
		return nil, fmt.Errorf("participation: count the funnel: %w", err)
	}
	steps := make([]impact.FunnelStep, len(FunnelSteps))
	for i, name := range FunnelSteps {
		steps[i].Step = name
		if counts[i] >= minCell {
			steps[i].N = impact.Int(counts[i])
		}
		// A conversion next to a hidden count would give it away.
		if i > 0 && steps[i].N != nil && steps[i-1].N != nil && counts[i-1] > 0 {
			steps[i].Conversion = impact.Float(float64(counts[i]) / float64(counts[i-1]))
		}
	}
	return steps, nil
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
