package dashboards

import "github.com/joiningforces/impact"

// forViewers returns the evaluation as the viewers of the dashboards may
// read it (statistics.md, "Who sees what"): an indicator that rests on
// fewer than min_cell people keeps its name, goal and status but none of
// its figures, which are null next to `suppressed: true`, exactly as the
// pages show "fewer than 5" in their place. Its cost per outcome goes too,
// since the cost divided by it gives the successes back. The evaluation
// itself is shared by every page and is never changed: the indicators are
// copied.
func forViewers(ev *impact.Evaluation) *impact.Evaluation {
	if ev == nil {
		return nil
	}
	hidden := map[string]bool{}
	for _, r := range ev.Indicators {
		if r.Suppressed {
			hidden[r.ID] = true
		}
	}
	if len(hidden) == 0 {
		return ev
	}
	out := *ev
	out.Indicators = make([]impact.Result, len(ev.Indicators))
	for i, r := range ev.Indicators {
		out.Indicators[i] = resultForViewers(r)
	}
	if ev.Costs != nil {
		costs := *ev.Costs
		costs.PerOutcome = make(map[string]*float64, len(ev.Costs.PerOutcome))
		for id, v := range ev.Costs.PerOutcome {
			if hidden[id] {
				v = nil
			}
			costs.PerOutcome[id] = v
		}
		out.Costs = &costs
	}
	return &out
}

// resultForViewers is one indicator's result for the viewers: a result
// under min_cell with every figure null, its groups suppressed, and no
// series, forecast or pairs (each of them would tell its n or its values).
func resultForViewers(r impact.Result) impact.Result {
	if !r.Suppressed {
		return r
	}
	r.N, r.Successes, r.NPre, r.NPost, r.Attrition = nil, nil, nil, nil, nil
	r.Estimate, r.CILow, r.CIHigh, r.CIExactLow, r.CIExactHigh, r.SD = nil, nil, nil, nil, nil, nil
	r.PValue, r.PAdjusted, r.ProbTargetMet, r.PValueZero, r.WilcoxonP, r.EffectSize = nil, nil, nil, nil, nil, nil
	r.Forecast, r.Series, r.Pairs = nil, nil, nil
	// The comparison's difference from the hidden estimate would give it
	// back, and the attrition test tells the scores of its people.
	r.AttritionTest, r.Comparison = nil, nil
	groups := make([]impact.Group, len(r.Disaggregation))
	for i, g := range r.Disaggregation {
		groups[i] = impact.Group{Dimension: g.Dimension, Group: g.Group, Suppressed: true}
	}
	if r.Disaggregation == nil {
		groups = nil
	}
	r.Disaggregation = groups
	return r
}
