package smart

import (
	"math"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/stats"
)

// achievable checks that a goal asks for a change in its own direction
// (A001), asks for any change at all (A002), and asks for one that the
// number of people measured can show (A003).
func (l *linter) achievable(ind *impact.Indicator) {
	baseline, ok := baselineValue(ind)
	if !ok || ind.Target == nil {
		return
	}
	target := *ind.Target
	pos := at(ind.Keys, ind.Pos, "target")
	if key, _ := l.impossible(ind.Measure, target); ind.Measure == nil || key != "" {
		// M003 has said what is wrong with the target; judging how hard it
		// is to reach would only add noise.
		return
	}
	switch {
	case ind.Direction == impact.Decrease && target > baseline:
		l.report("A001.decrease", pos, ind.ID, written(target), written(baseline))
		return
	case ind.Direction != impact.Decrease && target < baseline:
		l.report("A001.increase", pos, ind.ID, written(target), written(baseline))
		return
	case target == baseline:
		l.report("A002", pos, ind.ID, written(baseline))
		return
	}
	d, reason := detect(l.p, ind, l.data, l.conf)
	switch reason {
	case detectUnknownN:
		l.report("A003.unknown", ind.Pos, ind.ID, l.unit(ind, d.Change))
	case detectOK:
		if d.Detectable() {
			return
		}
		if !d.NFromData {
			pos = at(ind.Keys, ind.Pos, "expected_n")
		}
		people := message(l.lang, "A003.n.expected", d.N)
		if d.NFromData {
			people = message(l.lang, "A003.n.data", d.N)
			if minCell := l.p.Info.MinCell; d.N < minCell {
				// A finding is read aloud in the workshop: the small-cell
				// rule holds here as in every output.
				people = message(l.lang, "A003.n.few", minCell)
			}
		}
		fix := message(l.lang, "A003.fix")
		if needed := d.neededN(); needed > 0 {
			fix = message(l.lang, "A003.fix.needed", needed)
		}
		if math.IsInf(d.MinDetectable, 1) {
			l.report("A003.never", pos, ind.ID, people, percent(l.lang, d.Confidence), percent(l.lang, stats.DetectionPower), l.unit(ind, d.Change), fix)
			return
		}
		l.report("A003", pos, ind.ID, people, percent(l.lang, d.Confidence), percent(l.lang, stats.DetectionPower), l.unit(ind, d.MinDetectable), l.unit(ind, d.Change), fix)
	}
}

// baselineValue returns the goal's baseline. A paired change without one
// starts from no change.
func baselineValue(ind *impact.Indicator) (float64, bool) {
	if ind.Baseline != nil {
		return ind.Baseline.Value, true
	}
	if ind.Measure != nil && ind.Measure.Kind == impact.KindPairedChange {
		return 0, true
	}
	return 0, false
}

// unit writes a change in the measure's unit: percentage points for a
// proportion, the measure's own unit otherwise.
func (l *linter) unit(ind *impact.Indicator, change float64) string {
	if ind.Measure != nil && ind.Measure.Kind == impact.KindProportion {
		return message(l.lang, "A003.unit.prop", figure(l.lang, 100*change, 1))
	}
	return message(l.lang, "A003.unit.mean", figure(l.lang, change, 2))
}

// Detection is what A003 judges for a sampled goal: the smallest change in
// the goal's direction that a one-sided test at the project's confidence
// finds with 80 % power, beside the change the goal asks for.
type Detection struct {
	// Kind is the measure's kind: proportion, mean or paired_change.
	Kind string
	// N is the number of people (pairs) the judgement rests on; NFromData
	// is true when it is the current n of the data, false when it is the
	// plan's expected_n.
	N         int
	NFromData bool
	// Baseline is the value the change is measured from.
	Baseline float64
	// SD is the standard deviation behind a mean or paired change (0 for a
	// proportion); SDFromData is true when the data gave it, false when it
	// was taken from the instrument's scale (a quarter of the score's range).
	SD         float64
	SDFromData bool
	// Confidence is the project's confidence level.
	Confidence float64
	// Change is the change the goal asks for, |target − baseline|.
	Change float64
	// MinDetectable is the smallest change that can be shown at N, or +Inf
	// when no change in the goal's direction can be.
	MinDetectable float64

	alternative stats.Alternative
}

// Detectable reports whether the change asked for can be shown at N.
func (d Detection) Detectable() bool { return d.MinDetectable <= d.Change }

// DetectableChange returns the Detection behind A003 for an indicator, as
// the lint computes it; ok is false where A003 does not apply: a census
// measure, a goal without target or baseline, one whose target is not a
// change in its direction, or one for which neither the data nor the plan
// gives the number of people or (for a mean of a column) the spread.
func DetectableChange(p *impact.Project, ind *impact.Indicator, data *Data) (d Detection, ok bool) {
	conf := p.Info.Confidence
	if !(conf > 0 && conf < 1) {
		conf = impact.DefaultConfidence
	}
	d, reason := detect(p, ind, data, conf)
	return d, reason == detectOK
}

// Outcomes of detect.
const (
	detectOK = iota
	detectNotApplicable
	detectUnknownN
)

// detect computes the Detection of a sampled goal at confidence conf.
//
// The n is the current n when the data has one, except that a goal not yet
// due whose expected_n is larger is judged at expected_n: the plan says more
// people are coming, and a warning that disappears as they are measured
// would only be noise. Without data it is expected_n.
//
// The standard deviation of a mean or paired change is the data's when the
// data has one. Otherwise it is a quarter of the range of the instrument's
// score (range/4, the spread of a score whose range covers about four
// standard deviations; 7 points for SWEMWBS's 7–35 metric score, 1 for a
// mean of 1–5 items). For a paired change the same figure is used for the
// spread of the differences, which is what it is when the pre and post
// scores correlate 0.5. A mean of a data column has no scale, so without
// data it has no A003.
func detect(p *impact.Project, ind *impact.Indicator, data *Data, conf float64) (Detection, int) {
	m := ind.Measure
	if m == nil || !impact.Sampled(m.Kind) || ind.Target == nil {
		return Detection{}, detectNotApplicable
	}
	baseline, ok := baselineValue(ind)
	if !ok {
		return Detection{}, detectNotApplicable
	}
	d := Detection{Kind: m.Kind, Baseline: baseline, Confidence: conf, alternative: stats.Greater}
	change := *ind.Target - baseline
	if ind.Direction == impact.Decrease {
		d.alternative = stats.Less
		change = -change
	}
	if !(change > 0) {
		return Detection{}, detectNotApplicable
	}
	d.Change = change

	o, known := data.observed(ind.ID)
	// The spread first: where there is none to be had, asking for
	// expected_n would not help.
	if m.Kind == impact.KindProportion {
		if baseline < 0 || baseline > 1 {
			return Detection{}, detectNotApplicable
		}
	} else {
		switch {
		case known && o.SD != nil && *o.SD > 0 && !math.IsInf(*o.SD, 0):
			d.SD, d.SDFromData = *o.SD, true
		default:
			in, ok := p.Instrument(m.Instrument)
			if !ok || m.Instrument == "" {
				return Detection{}, detectNotApplicable
			}
			low, high, ok := scoreRange(in)
			if !ok {
				return Detection{}, detectNotApplicable
			}
			d.SD = (high - low) / 4
		}
	}
	switch {
	case known && o.HasData && o.N > 0 && (o.Due || ind.ExpectedN == nil || *ind.ExpectedN <= o.N):
		d.N, d.NFromData = o.N, true
	case ind.ExpectedN != nil && *ind.ExpectedN > 0:
		d.N = *ind.ExpectedN
	default:
		return d, detectUnknownN
	}
	d.MinDetectable = d.at(d.N)
	return d, detectOK
}

// at returns the minimum detectable change with n people, +Inf when none
// can be shown (one person for a t test, or a proportion that cannot move
// far enough).
func (d Detection) at(n int) float64 {
	var mdc float64
	var err error
	if d.Kind == impact.KindProportion {
		mdc, err = stats.MinDetectableProportion(d.Baseline, n, d.Confidence, d.alternative)
	} else {
		mdc, err = stats.MinDetectableMean(n, d.SD, d.Confidence)
	}
	if err != nil {
		return math.Inf(1)
	}
	return mdc
}

// maxNeeded bounds the search for the number of people needed: a plan that
// needs more asks for a change too small to be worth naming a number for.
const maxNeeded = 1_000_000

// neededN returns the smallest number of people at which the change asked
// for can be shown, or 0 when it is more than maxNeeded. The minimum
// detectable change falls as n grows, so doubling then halving finds it.
func (d Detection) neededN() int {
	if d.Detectable() {
		return d.N
	}
	low, high := d.N, max(2*d.N, 2)
	for d.at(high) > d.Change {
		low, high = high, 2*high
		if low > maxNeeded {
			return 0
		}
	}
	for high-low > 1 {
		mid := low + (high-low)/2
		if d.at(mid) <= d.Change {
			high = mid
		} else {
			low = mid
		}
	}
	return high
}
