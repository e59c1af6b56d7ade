package dashboards

import "github.com/joiningforces/impact"

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
	if a.PValue == nil || *a.PValue >= 1-conf {
		return p.T("att.no_difference")
	}
	size := formatNumber(abs(a.Difference), 1, p.Lang)
	if a.Difference < 0 {
		return p.T("att.higher", size)
	}
	return p.T("att.lower", size)
}

// abs returns the absolute value of x.
func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// compareMessages are the texts of this file, added to the catalogue.
var compareMessages = map[string]map[string]string{
	"sv": {
		"att.title":         "Bortfallsanalys",
		"att.n":             "Svarade båda gångerna / bara före",
		"att.means":         "Medel före: båda gångerna / bara före",
		"att.difference":    "Skillnad före (båda minus bara före)",
		"att.lower":         "De som bara svarade före låg %s poäng lägre från början; förändringen kan vara överskattad.",
		"att.higher":        "De som bara svarade före låg %s poäng högre från början; förändringen kan vara underskattad.",
		"att.no_difference": "De som bara svarade före skilde sig inte påvisbart från dem som svarade båda gångerna.",
		"cmp.title":         "Jämförelsegrupp",
		"cmp.p":             "p-värde för skillnaden",
		"cmp.cohort":        "kohorten %s",
		"cmp.points":        "%s procentenheter",
		"cmp.interval":      "%s till %s",
		"cmp.who":           "Jämfört med personer i %s som inte deltog.",
		"cmp.suppressed":    "Jämförelsegruppen har %s personer; dess siffror visas inte.",
		"cmp.n":             "Antal i jämförelsegruppen",
		"cmp.estimate":      "Jämförelsegruppens resultat",
		"cmp.difference":    "Skillnad (deltagare minus jämförelse)",
		"cmp.observational": "Jämförelsegruppen är inte lottad: den kan skilja sig från deltagarna på fler sätt än att den inte deltog, så skillnaden är ingen effekt av samverkan.",
		"cmp.randomised":    "Grupperna lottades, så skillnaden skattar effekten av att delta.",
	},
	"en": {
		"att.title":         "Attrition test",
		"att.n":             "Answered both times / before only",
		"att.means":         "Mean before: both times / before only",
		"att.difference":    "Difference before (both minus before only)",
		"att.lower":         "Those who answered only before started %s points lower; the change may be overstated.",
		"att.higher":        "Those who answered only before started %s points higher; the change may be understated.",
		"att.no_difference": "Those who answered only before did not differ detectably from those who answered both times.",
		"cmp.title":         "Comparison group",
		"cmp.p":             "p-value of the difference",
		"cmp.cohort":        "the cohort %s",
		"cmp.points":        "%s percentage points",
		"cmp.interval":      "%s to %s",
		"cmp.who":           "Compared with people in %s who did not take part.",
		"cmp.suppressed":    "The comparison group has %s people; its figures are not shown.",
		"cmp.n":             "People in the comparison group",
		"cmp.estimate":      "The comparison group's result",
		"cmp.difference":    "Difference (participants minus comparison)",
		"cmp.observational": "The comparison group was not drawn by lot: it may differ from the participants in more ways than not taking part, so the difference is no effect of the collaboration.",
		"cmp.randomised":    "The groups were drawn by lot, so the difference estimates the effect of taking part.",
	},
}

func init() {
	for lang, messages := range compareMessages {
		for key, text := range messages {
			catalogue[lang][key] = text
		}
	}
}
