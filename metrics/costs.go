package metrics

import (
	"cmp"
	"database/sql"
	"math"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// costEntry is one cost, from the costs table or the project file.
type costEntry struct {
	// at is the cost's date, zero when it has none.
	at       impact.Date
	activity string
	partner  string
	category string
	// kind is "budget" or "actual".
	kind   string
	amount float64
}

// costBook is every cost known at the as-of date, and the basis the totals
// use: "actual" when any actual cost is recorded, else "budget".
type costBook struct {
	entries []costEntry
	basis   string
	loaded  bool
}

// costs reads the costs once: the costs table (amount, or hours × rate
// where the amount is empty) and the project file's costs:, both without
// the costs dated after the as-of date. Undated costs are kept: a cost
// without a date is taken to belong to the project as a whole.
func (e *evaluator) costs() (*costBook, error) {
	if e.book.loaded {
		return &e.book, nil
	}
	rows, err := e.db.Query(e.ctx, `SELECT strftime("date", '%Y-%m-%d'), coalesce(activity, ''), coalesce(partner, ''),
		coalesce(category, ''), lower(kind), sum(coalesce(amount, hours * rate, 0))
		FROM costs WHERE "date" IS NULL OR "date" <= `+sqlDate(e.asOf)+`
		GROUP BY ALL ORDER BY ALL`)
	if err != nil {
		return nil, e.storeError("read the costs", err)
	}
	defer rows.Close()
	var book costBook
	for rows.Next() {
		var c costEntry
		var at sql.NullString
		if err := rows.Scan(&at, &c.activity, &c.partner, &c.category, &c.kind, &c.amount); err != nil {
			return nil, e.storeError("read the costs", err)
		}
		if at.Valid {
			if c.at, err = impact.ParseDate(at.String); err != nil {
				return nil, e.storeError("read the costs", err)
			}
		}
		book.entries = append(book.entries, c)
	}
	if err := rows.Err(); err != nil {
		return nil, e.storeError("read the costs", err)
	}
	for _, c := range e.p.Costs {
		entry := costEntry{activity: c.Activity, partner: c.Partner, category: c.Category, kind: strings.ToLower(c.Kind), amount: c.Total()}
		if c.Date != nil {
			if e.asOf.Before(*c.Date) {
				continue
			}
			entry.at = *c.Date
		}
		book.entries = append(book.entries, entry)
	}
	book.basis = "budget"
	for _, c := range book.entries {
		if c.kind == "actual" {
			book.basis = "actual"
			break
		}
	}
	book.loaded = true
	e.book = book
	return &e.book, nil
}

// total returns the cost on the book's basis, of the listed activities
// (all when none is listed), dated on or before upTo (all when upTo is
// zero; undated costs count only then). It is NaN when no such cost is
// recorded at all, so that a missing cost is never taken for a cost of zero.
func (b *costBook) total(activities []string, upTo impact.Date) float64 {
	sum, found := 0.0, false
	for _, c := range b.entries {
		if c.kind != b.basis || (len(activities) > 0 && !slices.Contains(activities, c.activity)) {
			continue
		}
		if !upTo.IsZero() && (c.at.IsZero() || upTo.Before(c.at)) {
			continue
		}
		sum += c.amount
		found = true
	}
	if !found {
		return math.NaN()
	}
	return sum
}

// asCounts returns the dates of the costs on the basis as count figures,
// so that a cost_per series has a point where costs change.
func (b *costBook) asCounts(activities []string) *countFigures {
	c := &countFigures{}
	for _, entry := range b.entries {
		if entry.kind == b.basis && !entry.at.IsZero() && (len(activities) == 0 || slices.Contains(activities, entry.activity)) {
			c.days = append(c.days, entry.at)
		}
	}
	return c
}

// costSummary sums up the costs: the total on the basis, budget and actual,
// per participant (of the distinct participants in the attendance table),
// per outcome of every valued indicator, and the lines by activity, partner
// and category. It is nil when no cost is recorded anywhere.
func (e *evaluator) costSummary() (*impact.CostSummary, error) {
	book, err := e.costs()
	if err != nil {
		return nil, err
	}
	if len(book.entries) == 0 {
		return nil, nil
	}
	s := &impact.CostSummary{
		Currency:   orDefaultString(e.p.Info.Currency, impact.DefaultCurrency),
		Basis:      book.basis,
		PerOutcome: map[string]*float64{},
		Lines:      []impact.CostLine{},
	}
	lines := map[[3]string]*impact.CostLine{}
	for _, c := range book.entries {
		switch c.kind {
		case "budget":
			s.Budget += c.amount
		case "actual":
			s.Actual += c.amount
		}
		key := [3]string{c.activity, c.partner, c.category}
		line := lines[key]
		if line == nil {
			line = &impact.CostLine{Activity: c.activity, Partner: c.partner, Category: c.category}
			lines[key] = line
		}
		switch c.kind {
		case "budget":
			line.Budget += c.amount
		case "actual":
			line.Actual += c.amount
		}
	}
	s.Total = s.Actual
	if book.basis == "budget" {
		s.Total = s.Budget
	}
	for _, line := range lines {
		s.Lines = append(s.Lines, *line)
	}
	slices.SortFunc(s.Lines, func(a, b impact.CostLine) int {
		return cmp.Or(cmp.Compare(a.Activity, b.Activity), cmp.Compare(a.Partner, b.Partner), cmp.Compare(a.Category, b.Category))
	})
	participants := int(e.attendees)
	s.Participants = impact.Int(participants)
	s.PerParticipant = ratio(s.Total, float64(participants))
	if e.p.Value != nil {
		for _, px := range e.p.Value.Proxies {
			o, err := e.outcome(px.Indicator)
			if err != nil {
				return nil, err
			}
			s.PerOutcome[px.Indicator] = ratio(s.Total, o.successes)
		}
	}
	return s, nil
}

func orDefaultString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
