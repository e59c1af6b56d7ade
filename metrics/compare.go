package metrics

import (
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/stats"
)

// Who dropped out, and compared with whom (statistics.md): the attrition
// test of a paired change, and the figures of an indicator's comparison
// group with the difference from them.

// peopleScope is the part of the register an indicator's figures may
// include: the people whose attribute has value (include), or everyone
// else (an indicator with compare: leaves its comparison people out).
type peopleScope struct {
	attribute, value string
	include          bool
}

// peopleScope returns the SQL condition on a participant column that
// keeps the people an indicator's figures may include, or "" for everyone.
func (e *evaluator) peopleScope(ind *impact.Indicator, column string) string {
	s, ok := e.scopes[ind]
	if !ok {
		return ""
	}
	in := " IN "
	if !s.include {
		in = " NOT IN "
	}
	return column + in + "(SELECT participant FROM people WHERE " + sqlIdent(s.attribute) + " = " + sqlString(s.value) + ")"
}

// sampled reports whether a measure estimates from a sample of people,
// the measures that may have a comparison group.
func sampled(m *impact.Measure) bool {
	return m != nil && (m.Kind == impact.KindProportion || m.Kind == impact.KindMean || m.Kind == impact.KindPairedChange)
}

// planComparison plans the measure of an indicator's comparison group,
// and leaves the comparison people out of the indicator's own plan, which
// must come after it. Only sampled measures have a comparison.
func (e *evaluator) planComparison(b *batch, ind *impact.Indicator, where string, fig *pending) error {
	c := ind.Compare
	if c == nil || !sampled(ind.Measure) {
		return nil
	}
	if e.scopes == nil {
		e.scopes = map[*impact.Indicator]peopleScope{}
	}
	attribute, value := c.Group()
	e.scopes[ind] = peopleScope{attribute: attribute, value: value}
	// The comparison people are measured as the indicator's, once, without
	// groups or series, and within their own target group when that is
	// what names them.
	other := *ind
	other.TargetGroup, other.Disaggregate, other.Frequency, other.Compare = "", nil, "once", nil
	if attribute == "target_group" {
		other.TargetGroup = value
	}
	e.scopes[&other] = peopleScope{attribute: attribute, value: value, include: true}
	where += " (compare)"
	switch ind.Measure.Kind {
	case impact.KindProportion:
		return e.planProportion(b, &other, where, &fig.comparison)
	case impact.KindMean:
		return e.planMean(b, &other, where, &fig.comparison)
	}
	return e.planPairedChange(b, &other, where, &fig.comparison)
}

// measureComparison fills the comparison of an indicator whose own result
// r has been measured from own: the comparison group's n, estimate and
// interval by the indicator's method, and the difference with its
// interval and p-value (prop.test without correction for a proportion,
// Welch's t test for a mean and for the changes of a paired change).
func (e *evaluator) measureComparison(ind *impact.Indicator, r *impact.Result, own, other *sampleFigures) {
	c := ind.Compare
	if c == nil || !sampled(ind.Measure) {
		return
	}
	other = orEmptySample(other)
	cmp := &impact.Comparison{Cohort: c.Cohort, TargetGroup: c.TargetGroup, Design: c.Design}
	if cmp.Design == "" {
		cmp.Design = impact.DesignObservational
	}
	r.Comparison = cmp
	var n int
	var test func() (stats.TwoSampleResult, error)
	switch ind.Measure.Kind {
	case impact.KindProportion:
		var k int
		n, k = countOf(other.all)
		ownN, ownK := countOf(own.all)
		if n > 0 {
			cmp.Estimate = impact.Float(float64(k) / float64(n))
			if ci, err := stats.Wilson(k, n, e.conf); err == nil {
				cmp.CILow, cmp.CIHigh = impact.Float(ci.Low), impact.Float(ci.High)
			}
		}
		if n > 0 && ownN > 0 {
			cmp.Difference = impact.Float(float64(ownK)/float64(ownN) - float64(k)/float64(n))
		}
		test = func() (stats.TwoSampleResult, error) { return stats.TwoProportions(ownK, ownN, k, n, e.conf) }
		if ownN < e.minN {
			test = nil
		}
	case impact.KindMean, impact.KindPairedChange:
		x, y := expand(own.all), expand(other.all)
		if ind.Measure.Kind == impact.KindPairedChange {
			y = expand(changes(other.pairs))
		}
		n = len(y)
		if n > 0 {
			cmp.Estimate = impact.Float(stats.Mean(y))
			if len(x) > 0 {
				cmp.Difference = impact.Float(stats.Mean(x) - *cmp.Estimate)
			}
		}
		if ci, err := stats.TInterval(y, e.conf); err == nil {
			cmp.CILow, cmp.CIHigh = impact.Float(ci.Low), impact.Float(ci.High)
		}
		test = func() (stats.TwoSampleResult, error) { return stats.WelchTTest(x, y, e.conf) }
		if len(x) < e.minN {
			test = nil
		}
	}
	cmp.N = impact.Int(n)
	if n < e.minCell {
		*cmp = impact.Comparison{Cohort: cmp.Cohort, TargetGroup: cmp.TargetGroup, Design: cmp.Design, Suppressed: true}
		return
	}
	if n < e.minN || test == nil {
		return
	}
	if d, err := test(); err == nil {
		cmp.DiffLow, cmp.DiffHigh, cmp.PValue = impact.Float(d.Low), impact.Float(d.High), impact.Float(d.P)
	} else if ind.Measure.Kind == impact.KindProportion {
		// No one, or everyone, in both groups succeeded: the interval
		// stands, the test has nothing to test.
		cmp.DiffLow, cmp.DiffHigh = impact.Float(d.Low), impact.Float(d.High)
	}
}

// attritionTest compares the pre-wave scores of those with both waves
// (the pairs) with those of the pre wave only: Welch's
// t.test(pre_both, pre_only). It is nil when either group has fewer than
// min_n people.
func (e *evaluator) attritionTest(f *sampleFigures) *impact.AttritionTest {
	var both int64
	for _, p := range f.pairs {
		both += p.n
	}
	preBoth := make([]float64, 0, both)
	for _, p := range f.pairs {
		for range p.n {
			preBoth = append(preBoth, p.pre)
		}
	}
	preOnly := expand(f.preOnly)
	if len(preBoth) < e.minN || len(preOnly) < e.minN {
		return nil
	}
	a := &impact.AttritionTest{NBoth: len(preBoth), NOnly: len(preOnly), MeanBoth: stats.Mean(preBoth), MeanOnly: stats.Mean(preOnly)}
	a.Difference = a.MeanBoth - a.MeanOnly
	if t, err := stats.WelchTTest(preBoth, preOnly, e.conf); err == nil {
		a.DiffLow, a.DiffHigh, a.PValue = impact.Float(t.Low), impact.Float(t.High), impact.Float(t.P)
	}
	return a
}

// andWhere returns " WHERE condition", or "" for no condition.
func andWhere(condition string) string {
	if condition == "" {
		return ""
	}
	return " WHERE " + condition
}

// andAlso returns " AND condition", or "" for no condition.
func andAlso(condition string) string {
	if condition == "" {
		return ""
	}
	return " AND " + condition
}
