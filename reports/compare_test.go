package reports_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// withComparison is the example input with an attrition test on
// wellbeing_change and a comparison group on work_or_study_6m, as
// metrics.Evaluate gives them for the example.
func withComparison(t *testing.T, lang string, cmp impact.Comparison, attritionP float64) reports.Input {
	t.Helper()
	in := exampleInput(t, lang)
	for i := range in.Evaluation.Indicators {
		r := &in.Evaluation.Indicators[i]
		switch r.ID {
		case "wellbeing_change":
			r.AttritionTest = &impact.AttritionTest{NBoth: 90, NOnly: 20, MeanBoth: 19.11, MeanOnly: 17.39, Difference: 1.72,
				DiffLow: f(0.16), DiffHigh: f(3.29), PValue: f(attritionP)}
		case "work_or_study_6m":
			r.Comparison = &cmp
		}
	}
	return in
}

// observed is the example's comparison group: 28 people of the cohort
// Jämförelse 2025, 11 of them in work or studies.
var observed = impact.Comparison{Cohort: "Jämförelse 2025", Design: impact.DesignObservational, N: n(28),
	Estimate: f(0.393), CILow: f(0.236), CIHigh: f(0.576), Difference: f(0.057), DiffLow: f(-0.163), DiffHigh: f(0.278), PValue: f(0.614)}

// MustWorkshop renders the workshop report as Markdown.
func MustWorkshop(t *testing.T, in reports.Input) string {
	t.Helper()
	md, _, err := reports.RenderMarkdown(reports.DocWorkshop, in)
	if err != nil {
		t.Fatal(err)
	}
	return string(md)
}

func TestComparisonWords(t *testing.T) {
	for _, tc := range []struct {
		lang, want, effect string
	}{
		{"sv", "Jämfört med 28 personer i kohorten Jämförelse 2025 som inte deltog: 39\u00a0% (24\u00a0% till 58\u00a0%, 95\u00a0% konfidens). " +
			"Skillnaden, deltagarna minus jämförelsegruppen, är +6 procentenheter (−16 procentenheter till +28 procentenheter, p = 0,614).", "effekten"},
		{"en", "Compared with 28 people in the cohort Jämförelse 2025 who did not take part: 39% (24% to 58%, 95% confidence). " +
			"The difference, participants minus the comparison group, is +6 percentage points (−16 percentage points to +28 percentage points, p = 0.614).", "estimates the effect"},
		// Latvian declines by the number: 6 and 28 procentpunkti, 16 procentpunktu.
		{"lv", "Salīdzinājumā ar 28 cilvēkiem no kohortas Jämförelse 2025, kuri nepiedalījās: 39% (24% līdz 58%, ticamība 95%). " +
			"Atšķirība, dalībnieki mīnus salīdzinājuma grupa, ir +6 procentpunkti (−16 procentpunktu līdz +28 procentpunkti, p = 0,614).", "novērtē dalības ietekmi"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			md := MustWorkshop(t, withComparison(t, tc.lang, observed, 0.032))
			if !strings.Contains(md, tc.want) {
				t.Fatalf("the report lacks %q", tc.want)
			}
			if !strings.Contains(md, "](workshop_files/comparison-work_or_study_6m.png)") {
				t.Error("the report has no comparison plot")
			}
			// An observational difference is never called an effect.
			if strings.Contains(md, tc.effect) {
				t.Errorf("an observational comparison is read as an effect (%q)", tc.effect)
			}
			randomised := observed
			randomised.Design = impact.DesignRandomised
			if md := MustWorkshop(t, withComparison(t, tc.lang, randomised, 0.032)); !strings.Contains(md, tc.effect) {
				t.Errorf("a randomised comparison is not read as an effect (%q)", tc.effect)
			}
		})
	}
}

func TestComparisonSmallGroups(t *testing.T) {
	hidden := impact.Comparison{Cohort: "Jämförelse 2025", Design: impact.DesignObservational, Suppressed: true}
	md := MustWorkshop(t, withComparison(t, "sv", hidden, 0.5))
	if want := "Jämförelsegruppen (kohorten Jämförelse 2025) har färre än 5 personer; dess siffror visas inte."; !strings.Contains(md, want) {
		t.Fatalf("the report lacks %q", want)
	}
	if strings.Contains(md, "comparison-work_or_study_6m") {
		t.Error("a suppressed comparison group is plotted")
	}
	small := observed
	small.N, small.DiffLow, small.DiffHigh, small.PValue = n(5), nil, nil, nil
	md = MustWorkshop(t, withComparison(t, "en", small, 0.5))
	if want := "is +6 percentage points; the groups are too small (under 5) for a range or a test."; !strings.Contains(md, want) {
		t.Fatalf("the report lacks %q", want)
	}
}

func TestAttritionWords(t *testing.T) {
	want := "De som bara svarade före låg 1,72 poäng lägre från början än de som svarade båda gångerna (17,39 mot 19,11, p = 0,032); förändringen kan vara överskattad."
	if md := MustWorkshop(t, withComparison(t, "sv", observed, 0.032)); !strings.Contains(md, want) {
		t.Fatalf("the report lacks %q", want)
	}
	// Not in words when p ≥ 1 − conf.
	if md := MustWorkshop(t, withComparison(t, "sv", observed, 0.2)); regexp.MustCompile(`bara svarade före`).MatchString(md) {
		t.Error("an attrition test with p = 0.2 is told in words")
	}
}

func TestMemoNamesTheComparison(t *testing.T) {
	for _, tc := range []struct{ lang, names, effect string }{
		{"sv", "Jämfört med 28 personer i kohorten Jämförelse 2025 som inte deltog", "effekten"},
		{"en", "Compared with 28 people in the cohort Jämförelse 2025 who did not take part", "estimates the effect"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			md, _, err := reports.RenderMarkdown(reports.DocMemo, withComparison(t, tc.lang, observed, 0.032))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(md), tc.names) {
				t.Errorf("the memo does not name the comparison group (%q)", tc.names)
			}
			if strings.Contains(string(md), tc.effect) {
				t.Errorf("the memo reads an observational comparison as an effect (%q)", tc.effect)
			}
		})
	}
}

// TestComparisonWordsInTheSingular checks that a Latvian comparison group
// of 21 people, and a difference of 1 or 21 points, take the singular.
func TestComparisonWordsInTheSingular(t *testing.T) {
	one := observed
	one.N, one.Difference, one.DiffLow, one.DiffHigh = n(21), f(0.01), f(-0.21), f(0.31)
	md := MustWorkshop(t, withComparison(t, "lv", one, 0.032))
	want := "Salīdzinājumā ar 21 cilvēku no kohortas Jämförelse 2025, kurš nepiedalījās"
	if !strings.Contains(md, want) || !strings.Contains(md, "ir +1 procentpunkts (−21 procentpunkts līdz +31 procentpunkts") {
		t.Errorf("the report lacks %q and the points in the singular:\n%s", want, comparisonLine(md))
	}
}

// comparisonLine is the line of a report that speaks of the comparison.
func comparisonLine(md string) string {
	for _, line := range strings.Split(md, "\n") {
		if strings.Contains(line, "Salīdzinājumā") {
			return line
		}
	}
	return ""
}
