package metrics

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/stats"
	"github.com/joiningforces/impact/store"
)

// Options tunes Evaluate.
type Options struct {
	// AsOf is the date the evidence is judged at: rows dated after it are
	// ignored and a goal is due when its deadline is on or before it. The
	// zero date means today (by Now).
	AsOf impact.Date
	// Now is the clock behind generated_at and the default as-of date;
	// time.Now when nil.
	Now func() time.Time
	// Version is the engine's version, recorded in the evaluation.
	Version string
	// GoalsOnly leaves out the participation, Kolada series and data
	// quality (nil in the evaluation): the sections that only the reports,
	// the dashboards and the JSON show, and that cost a scan of every
	// table. The goal table of impact evaluate and the lint use it.
	GoalsOnly bool
	// MemoryLimit caps DuckDB's memory during the evaluation, in bytes;
	// zero sizes the cap from the statements (memory.go).
	MemoryLimit int64
	// Trace, when set, is told how long each step took: "prepare" (what
	// the SQL depends on), "measure" (the one statement that measures every
	// indicator in the store), then each indicator by its id (its
	// statistics in Go, with those of the indicators it depends on when
	// they come later in the file), "costs", "value", "participation",
	// "kpis and ages" (the Kolada series and ages) and "quality" (data
	// quality). Benchmarks use it.
	// A statement that outgrew the memory cap and ran again without it
	// is told as "memory cap lifted", with the time of the failed run.
	Trace func(step string, took time.Duration)
}

// Evaluate measures every indicator of the project on the data in db as it
// stood at opts.AsOf, judges each goal, forecasts those measured over time,
// and sums up costs and social value: the one Evaluation that every output
// renders. The heavy work (filters, the latest row per participant, scores,
// pairs, group-bys) runs in DuckDB; only histograms of the values that the
// statistics need come back.
//
// A measure without data is not an error: its result has status no_data.
// Errors are a project the store cannot answer (a where value of the wrong
// type, an unknown instrument) with code EINVALID, and a failing store with
// code EINTERNAL.
func Evaluate(ctx context.Context, db *store.DB, p *impact.Project, opts Options) (*impact.Evaluation, error) {
	e, now := newEvaluator(ctx, db, p, opts)
	ev, err := e.evaluate(opts, now)
	if e.memory != nil {
		if rerr := e.memory.Release(); rerr != nil && err == nil {
			return nil, rerr
		}
	}
	return ev, err
}

// newEvaluator sets up the evaluator of Evaluate, and returns it with the
// clock of opts.
func newEvaluator(ctx context.Context, db *store.DB, p *impact.Project, opts Options) (*evaluator, func() time.Time) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	asOf := opts.AsOf
	if asOf.IsZero() {
		asOf = Today(now)
	}
	e := &evaluator{
		ctx:      ctx,
		db:       db,
		p:        p,
		asOf:     asOf,
		conf:     orDefault(p.Info.Confidence, impact.DefaultConfidence),
		minN:     orDefaultInt(p.Info.MinN, impact.DefaultMinN),
		minCell:  orDefaultInt(p.Info.MinCell, impact.DefaultMinCell),
		outcomes: map[string]*outcome{},
		pending:  map[string]*pending{},
	}
	trace := opts.Trace
	if trace == nil {
		trace = func(string, time.Duration) {}
	}
	e.trace = trace
	return e, now
}

// evaluate is Evaluate's work, once the evaluator is set up.
func (e *evaluator) evaluate(opts Options, now func() time.Time) (*impact.Evaluation, error) {
	ctx, db, p, asOf, trace := e.ctx, e.db, e.p, e.asOf, e.trace
	start := time.Now()
	if err := e.prepare(); err != nil {
		return nil, err
	}
	trace("prepare", time.Since(start))
	hash, err := db.DataHash(ctx)
	if err != nil {
		return nil, err
	}
	ev := &impact.Evaluation{
		Project:     p.Info.ID,
		Name:        p.Info.Name,
		AsOf:        asOf,
		Confidence:  e.conf,
		MinCell:     e.minCell,
		GeneratedAt: now().UTC().Truncate(time.Second),
		DataHash:    hash,
		Version:     opts.Version,
		Indicators:  make([]impact.Result, 0, len(p.Indicators)),
		Findings:    []impact.Finding{},
	}
	// Every indicator's SQL goes into one statement; then each result is
	// made from its figures, in the order of the project file.
	b := &batch{}
	for i := range p.Indicators {
		if err := e.plan(b, &p.Indicators[i]); err != nil {
			return nil, err
		}
	}
	if opts.GoalsOnly {
		// Otherwise participation's pass over the people counts them.
		b.plan("attendees", nil, []string{selectSection("count", "", "'attendees'", "", "", "count(DISTINCT participant)",
			`FROM attendance WHERE "date" <= `+sqlDate(e.asOf))}, func(rows []aggregate) {
			for _, a := range rows {
				e.attendees = a.n
			}
		})
	}
	shared := []string{e.peopleCTE()}
	if e.eventDates != "" {
		shared = append(shared, "event_dates AS "+e.eventDates)
	}
	respondents, err := e.respondentCTEs()
	if err != nil {
		return nil, err
	}
	shared = append(shared, respondents...)
	if err := e.limitMemory(b, opts.MemoryLimit); err != nil {
		return nil, err
	}
	start = time.Now()
	if err := e.runBatch(b, shared); err != nil {
		return nil, err
	}
	trace("measure", time.Since(start))
	for i := range p.Indicators {
		o, err := e.outcome(p.Indicators[i].ID)
		if err != nil {
			return nil, err
		}
		ev.Indicators = append(ev.Indicators, o.result)
	}
	for i := range ev.Indicators {
		SuppressSmallResult(&ev.Indicators[i], p.Indicators[i].Measure, e.minCell)
	}
	if err := adjustHolm(ev.Indicators); err != nil {
		return nil, err
	}
	if !opts.GoalsOnly {
		// The costs are shared among the attendees, whom participation
		// counts.
		if err := e.sideSections(ev); err != nil {
			return nil, err
		}
	}
	start = time.Now()
	costs, err := e.costSummary()
	if err != nil {
		return nil, err
	}
	ev.Costs = costs
	trace("costs", time.Since(start))
	start = time.Now()
	if ev.Value, err = e.valueSummary(costs); err != nil {
		return nil, err
	}
	trace("value", time.Since(start))
	if !opts.GoalsOnly {
		ev.Quality.SuppressedCells = CountSuppressed(ev)
	}
	return ev, nil
}

// Today returns the calendar date of now() in its own time zone, as the
// default as-of date.
func Today(now func() time.Time) impact.Date {
	t := now()
	return impact.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)}
}

func orDefault(x, def float64) float64 {
	if x == 0 {
		return def
	}
	return x
}

func orDefaultInt(x, def int) int {
	if x == 0 {
		return def
	}
	return x
}

// evaluator holds what every measure of one evaluation needs, and the
// outcomes computed so far, so that an indicator that others refer to
// (the per: of a cost_per, a ratio's part, a valued outcome) is measured once.
type evaluator struct {
	ctx     context.Context
	db      *store.DB
	p       *impact.Project
	asOf    impact.Date
	conf    float64
	minN    int
	minCell int

	// uniquePeople is true when the register names each participant once
	// (at the as-of date), so that no aggregation is needed to join it.
	uniquePeople bool
	// registerUnique is true when the participants table names each
	// participant once (registerUnique), whatever the dates.
	registerUnique bool
	// eventDates is an SQL relation (event, event_date) that dates the
	// responses stored without a date, or "" when every response has one.
	eventDates string

	outcomes map[string]*outcome
	pending  map[string]*pending
	// scorings are the instrument scores the indicators ask for, and
	// respondentsNeedPeople whether any needs the register beside them.
	scorings              []*scoring
	respondentsNeedPeople bool
	// respondentEvents is set when a series needs the event of responses.
	respondentEvents bool
	// maxSourceID is the highest source id in the ingest log.
	maxSourceID int64
	// lines is what the store knows of how often the answers and the
	// follow-ups name a person (store.LineFacts).
	lines store.LineFacts
	// attendees is the number of distinct participants in the attendance
	// lists at the as-of date, for the cost per participant.
	attendees int64
	// book holds the costs, read once by costs().
	book  costBook
	trace func(step string, took time.Duration)

	// scopes limits the people of an indicator with compare: and of its
	// comparison group (compare.go).
	scopes map[*impact.Indicator]peopleScope

	// memory is the evaluation's share of the cap on DuckDB's memory
	// (memory.go), released when it ends.
	memory *store.MemoryCap
}

// outcome is an indicator's result together with the figures other parts
// of the evaluation build on.
type outcome struct {
	result impact.Result
	// successes is what a cost_per divides by and an SROI proxy values:
	// the count of a count, the successes of a proportion, the n of a mean
	// or a paired change; NaN when there is none.
	successes float64
	// counts is the census figure behind a count, kept for the series of a
	// cost_per that divides by it.
	counts *countFigures
	done   bool
}

// prepare reads what every measure's SQL depends on: whether the register
// holds each participant once, and the dates of events for undated answers.
func (e *evaluator) prepare() error {
	// The store keeps both as it writes the register; only when it does
	// not know them are they counted.
	fact, known, err := e.db.RegisterUnique(e.ctx, e.asOf.Time)
	if err != nil {
		return e.storeError("read the participant register", err)
	}
	unique := fact.Unique
	if !known {
		if unique, err = countRegisterUnique(e.ctx, e.db); err != nil {
			return e.storeError("read the participant register", err)
		}
	}
	e.registerUnique, e.uniquePeople = unique, unique
	if known {
		e.uniquePeople = fact.UniqueAsOf
	} else if !unique {
		// Duplicates may all lie after the as-of date.
		var duplicates int64
		err := e.db.QueryRow(e.ctx, `SELECT count(*) - count(DISTINCT participant) FROM participants WHERE start_date IS NULL OR start_date <= `+sqlDate(e.asOf)).Scan(&duplicates)
		if err != nil {
			return e.storeError("read the participant register", err)
		}
		e.uniquePeople = duplicates == 0
	}
	if err := e.db.QueryRow(e.ctx, `SELECT coalesce(max(id), 0) FROM sources`).Scan(&e.maxSourceID); err != nil {
		return e.storeError("read the ingest log", err)
	}
	if e.lines, err = e.db.LineFacts(e.ctx); err != nil {
		return e.storeError("read the responses", err)
	}
	var undated int64
	if err := e.db.QueryRow(e.ctx, `SELECT count(*) FROM answers WHERE "date" IS NULL AND event IS NOT NULL`).Scan(&undated); err != nil {
		return e.storeError("read the responses", err)
	}
	if undated == 0 {
		return nil
	}
	rows, err := e.db.Query(e.ctx, `SELECT event, strftime(min("date"), '%Y-%m-%d') FROM (
		SELECT event, "date" FROM attendance
		UNION ALL SELECT event, "date" FROM jobmarket
		UNION ALL SELECT event, "date" FROM answers WHERE "date" IS NOT NULL AND event IS NOT NULL)
		GROUP BY event ORDER BY event`)
	if err != nil {
		return e.storeError("read the dates of events", err)
	}
	defer rows.Close()
	var values []string
	for rows.Next() {
		var event, date string
		if err := rows.Scan(&event, &date); err != nil {
			return e.storeError("read the dates of events", err)
		}
		values = append(values, "("+sqlString(event)+", DATE '"+date+"')")
	}
	if err := rows.Err(); err != nil {
		return e.storeError("read the dates of events", err)
	}
	if len(values) > 0 {
		e.eventDates = "(SELECT * FROM (VALUES " + strings.Join(values, ", ") + ") t(event, event_date))"
	}
	return nil
}

// outcome measures the indicator with the given id once and remembers it.
func (e *evaluator) outcome(id string) (*outcome, error) {
	if o, ok := e.outcomes[id]; ok {
		if !o.done {
			return nil, e.invalid(impact.Pos{}, "indicator %s depends on itself through per: or a ratio; break the circle", id)
		}
		return o, nil
	}
	ind, ok := e.p.Indicator(id)
	if !ok {
		return nil, e.invalid(impact.Pos{}, "no indicator %q; check the per:, numerator: or indicator: that names it", id)
	}
	o := &outcome{successes: math.NaN()}
	e.outcomes[id] = o
	start := time.Now()
	if err := e.measure(ind, o); err != nil {
		delete(e.outcomes, id)
		return nil, err
	}
	e.trace(id, time.Since(start))
	o.done = true
	return o, nil
}

// measure fills o with the indicator's result.
func (e *evaluator) measure(ind *impact.Indicator, o *outcome) error {
	r := &o.result
	*r = impact.Result{
		ID:             ind.ID,
		Name:           ind.Name,
		Node:           ind.Node,
		TargetGroup:    ind.TargetGroup,
		Target:         ind.Target,
		Direction:      ind.Direction,
		Deadline:       ind.Deadline,
		Disaggregation: []impact.Group{},
	}
	if r.Direction == "" {
		r.Direction = impact.Increase
	}
	if ind.Baseline != nil {
		r.Baseline = impact.Float(ind.Baseline.Value)
	}
	r.Due = ind.Deadline != nil && !e.asOf.Before(*ind.Deadline)
	m := ind.Measure
	if m == nil {
		return e.invalid(ind.Pos, "indicator %s has no measure; say how it is measured", ind.ID)
	}
	r.Kind = m.Kind
	where := e.indicatorKey(ind) + ".measure"
	fig := e.pending[ind.ID]
	if fig == nil {
		fig = &pending{}
	}
	var err error
	switch m.Kind {
	case impact.KindCount:
		err = e.measureCount(ind, o, orEmptyCounts(fig.counts))
	case impact.KindRatio:
		err = e.measureRatio(ind, o, orEmptyCounts(fig.parts[0]), orEmptyCounts(fig.parts[1]))
	case impact.KindCostPer:
		err = e.measureCostPer(ind, o, where)
	case impact.KindProportion:
		err = e.measureProportion(ind, o, orEmptySample(fig.sample))
	case impact.KindMean:
		err = e.measureMean(ind, o, orEmptySample(fig.sample))
	case impact.KindPairedChange:
		err = e.measurePairedChange(ind, o, orEmptySample(fig.sample))
	case impact.KindKPI:
		err = e.measureKPI(ind, o)
	default:
		return e.invalid(m.Pos, "%s.kind: %q is not a kind of measure; use one of %s", where, m.Kind, strings.Join(impact.MeasureKinds, ", "))
	}
	if err != nil {
		return err
	}
	e.measureComparison(ind, r, orEmptySample(fig.sample), fig.comparison)
	r.Forecast = e.forecast(ind, r.Series)
	return nil
}

// pending holds the figures the statement found for one indicator, until
// its result is made from them.
type pending struct {
	counts *countFigures
	parts  [2]*countFigures
	sample *sampleFigures
	// comparison holds the figures of the comparison group (compare:).
	comparison *sampleFigures
}

// plan adds the indicator's SQL to the batch. Cost_per needs none: it
// divides costs by another indicator's figure.
func (e *evaluator) plan(b *batch, ind *impact.Indicator) error {
	m := ind.Measure
	if m == nil {
		return e.invalid(ind.Pos, "indicator %s has no measure; say how it is measured", ind.ID)
	}
	fig := &pending{}
	e.pending[ind.ID] = fig
	where := e.indicatorKey(ind) + ".measure"
	if err := e.planComparison(b, ind, where, fig); err != nil {
		return err
	}
	switch m.Kind {
	case impact.KindCount:
		return e.planCount(b, m, ind.TargetGroup, ind.Disaggregate, ind.Frequency == "per_event", where, &fig.counts)
	case impact.KindRatio:
		return e.planRatio(b, ind, where, &fig.parts)
	case impact.KindProportion:
		return e.planProportion(b, ind, where, &fig.sample)
	case impact.KindMean:
		return e.planMean(b, ind, where, &fig.sample)
	case impact.KindPairedChange:
		return e.planPairedChange(b, ind, where, &fig.sample)
	}
	return nil
}

// orEmptyCounts stands in empty figures for a plan that found no rows.
func orEmptyCounts(c *countFigures) *countFigures {
	if c == nil {
		return &countFigures{groups: map[string]map[string]int64{}}
	}
	return c
}

// orEmptySample stands in empty figures for a plan that found no rows.
func orEmptySample(f *sampleFigures) *sampleFigures {
	if f == nil {
		return parseSample(nil)
	}
	return f
}

// alternative is the one-sided alternative of a goal's direction.
func alternative(direction string) stats.Alternative {
	if direction == impact.Decrease {
		return stats.Less
	}
	return stats.Greater
}

// adjustHolm fills p_adjusted by Holm's method over every result that has a
// p_value.
func adjustHolm(results []impact.Result) error {
	p := make([]float64, len(results))
	for i, r := range results {
		p[i] = math.NaN()
		if r.PValue != nil {
			p[i] = *r.PValue
		}
	}
	adjusted, err := stats.Holm(p)
	if err != nil {
		return holmBug(err)
	}
	for i := range results {
		results[i].PAdjusted = impact.Float(adjusted[i])
	}
	return nil
}

// figure returns a pointer to x, or nil when err says it could not be
// computed: every statistic of this package refuses with an error (too few
// values, no spread, a target outside the scale) where R would give NaN or
// stop, and such a figure is null in the evaluation, never NaN.
func figure(x float64, err error) *float64 {
	if err != nil {
		return nil
	}
	return impact.Float(x)
}
