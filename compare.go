package impact

import "strings"

// Compare names the comparison group of an indicator (compare: in the
// project file, statistics.md "Who dropped out, and compared with whom"):
// the people of a cohort, or of a target group, of the participant
// register who did not take part. Their figures are measured as the
// indicator's and left out of its own.
type Compare struct {
	// Cohort is the register's cohort of the comparison people, written as
	// the register writes it (free text, such as "Jämförelse 2025").
	Cohort string `yaml:"cohort"`
	// TargetGroup is the target group of the comparison people.
	TargetGroup string `yaml:"target_group"`
	// Design is how the comparison people were chosen: DesignObservational
	// (the default) or DesignRandomised. Only a randomised difference may
	// be called an effect.
	Design string `yaml:"design"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Designs of a comparison.
const (
	DesignObservational = "observational"
	DesignRandomised    = "randomised"
)

// Group returns the attribute of the register ("cohort" or "target_group")
// and the value that the comparison people have.
func (c *Compare) Group() (attribute, value string) {
	if c.Cohort != "" {
		return "cohort", c.Cohort
	}
	return "target_group", c.TargetGroup
}

// Comparison is an indicator's figures for its comparison group and the
// difference from them (statistics.md): the indicator's people minus the
// comparison, with the interval at the project's confidence and the
// two-sided p-value of prop.test (correct = FALSE) for a proportion, and of
// Welch's t.test for a mean or the changes of a paired change. A group
// under min_cell is Suppressed with every value null; under min_n the
// p-value and the difference's interval are null.
type Comparison struct {
	Cohort      string `json:"cohort,omitempty"`
	TargetGroup string `json:"target_group,omitempty"`
	Design      string `json:"design"`

	N          *int     `json:"n"`
	Estimate   *float64 `json:"estimate"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	Difference *float64 `json:"difference"`
	DiffLow    *float64 `json:"diff_low"`
	DiffHigh   *float64 `json:"diff_high"`
	PValue     *float64 `json:"p_value"`
	Suppressed bool     `json:"suppressed"`
}

// Randomised reports whether the difference may be read as an effect.
func (c *Comparison) Randomised() bool { return c != nil && c.Design == DesignRandomised }

// AttritionTest compares the pre-wave scores of the people who answered
// both waves of a paired change with those who answered the pre wave only
// (statistics.md): Welch's t.test(pre_both, pre_only), two-sided. A
// difference well below zero says the weaker left, and the change may be
// overstated.
type AttritionTest struct {
	NBoth      int      `json:"n_both"`
	NOnly      int      `json:"n_only"`
	MeanBoth   float64  `json:"mean_both"`
	MeanOnly   float64  `json:"mean_only"`
	Difference float64  `json:"difference"`
	DiffLow    *float64 `json:"diff_low"`
	DiffHigh   *float64 `json:"diff_high"`
	PValue     *float64 `json:"p_value"`
}

// Differs tells whether those who answered only before differed from those
// who answered both times at confidence conf (p < 1 − conf): the one rule
// by which every output says so in words.
func (a *AttritionTest) Differs(conf float64) bool {
	return a != nil && a.PValue != nil && *a.PValue < 1-conf
}

// compare checks an indicator's compare: one of cohort: and target_group:,
// a known target group other than the indicator's own, a known design, and a
// measure that estimates from people (proportion, mean, paired_change).
func (v *validator) compare(ind *Indicator, key string, groups []string) {
	c := ind.Compare
	if c == nil {
		return
	}
	key += ".compare"
	pos := func(k string) Pos { return at(c.Keys, c.Pos, k) }
	switch {
	case c.Cohort == "" && c.TargetGroup == "":
		v.errorf(c.Pos, key, "names no one; give cohort: or target_group: of the people to compare with")
	case c.Cohort != "" && c.TargetGroup != "":
		v.errorf(pos("target_group"), key, "has both cohort: and target_group:; keep the one that names the comparison people")
	case c.TargetGroup != "":
		if v.ref(c.TargetGroup, groups, pos("target_group"), key+".target_group", "target group") && c.TargetGroup == ind.TargetGroup {
			v.errorf(pos("target_group"), key+".target_group", "%q is the indicator's own target group; compare with another one", c.TargetGroup)
		}
	}
	if c.Design == "" {
		c.Design = DesignObservational
	} else {
		v.oneOf(c.Design, []string{DesignObservational, DesignRandomised}, pos("design"), key+".design", "design")
	}
	if m := ind.Measure; m != nil && m.Kind != KindProportion && m.Kind != KindMean && m.Kind != KindPairedChange {
		v.errorf(c.Pos, key, "a %s has no comparison group; compare a proportion, mean or paired_change (%s)", m.Kind,
			strings.Join([]string{KindProportion, KindMean, KindPairedChange}, ", "))
	}
}
