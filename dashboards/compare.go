package dashboards

import (
	"math"

	"github.com/joiningforces/impact"
)

// The indicator page's attrition test and comparison group
// (statistics.md, "Who dropped out, and compared with whom"). A difference
// from a comparison group is called an effect only when the groups were
// drawn by lot.

// Difference writes a difference in the unit of an indicator's kind,
// signed: a share's in percentage points.
func (p *page) Difference(kind string, x *float64) string {
	if x == nil {
		return dash
	}
	sign := ""
	if *x > 0 {
		sign = "+"
	}
	if kind == impact.KindProportion {
		return p.T("cmp.points", sign+formatNumber(*x*100, 0, p.Lang))
	}
	return sign + p.value(kind, *x)
}

// DifferenceInterval writes the interval of a difference.
func (p *page) DifferenceInterval(kind string, low, high *float64) string {
	if low == nil || high == nil {
		return dash
	}
	return p.T("cmp.interval", p.Difference(kind, low), p.Difference(kind, high))
}

// ComparisonName names the comparison people: a cohort as the register
// writes it, or a target group by its name in the project file.
func (p *page) ComparisonName(c *impact.Comparison) string {
	if c.Cohort != "" {
		return p.T("cmp.cohort", c.Cohort)
	}
	return p.GroupName("target_group", c.TargetGroup)
}

// AttritionText says what an attrition test found: in words when those who
// answered only before differed (p < 1 − conf), and that no such
// difference was shown otherwise.
func (p *page) AttritionText(a *impact.AttritionTest) string {
	conf := impact.DefaultConfidence
	if p.Eval != nil && p.Eval.Confidence > 0 {
		conf = p.Eval.Confidence
	}
	if !a.Differs(conf) {
		return p.T("att.no_difference")
	}
	size := formatNumber(math.Abs(a.Difference), 1, p.Lang)
	if a.Difference < 0 {
		return p.T("att.higher", size)
	}
	return p.T("att.lower", size)
}
