package reports

import (
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// TestResultSentenceWhole checks that a result's first sentence is one
// message in every language: closed by its goal, in the goal's direction,
// when it has a target, by a full stop when not, and with a count's unit
// in the plural form of the count (Latvian: 1 cilvēks, 2 cilvēki, 10 cilvēku).
func TestResultSentenceWhole(t *testing.T) {
	target := 40.0
	count := func(n float64, direction string, target *float64) *impact.Result {
		return &impact.Result{ID: "reached", Kind: impact.KindCount, Status: impact.StatusNoTarget, Estimate: &n, Target: target, Direction: direction}
	}
	// A count of people under min_cell is not shown: the small counts
	// are of employers.
	cases := []struct {
		lang, distinct string
		res            *impact.Result
		want           string
	}{
		{"sv", "participant", count(12, impact.Increase, &target), "Räkningen visar 12 personer; målet var minst 40."},
		{"sv", "event", count(1, impact.Increase, nil), "Räkningen visar 1 träff."},
		{"en", "employer", count(1, impact.Increase, nil), "The count is 1 employer."},
		{"en", "participant", count(12, impact.Decrease, &target), "The count is 12 people; the goal was at most 40."},
		{"lv", "employer", count(1, impact.Increase, nil), "Skaits ir 1 darba devējs."},
		{"lv", "employer", count(2, impact.Increase, &target), "Skaits ir 2 darba devēji; mērķis bija vismaz 40."},
		{"lv", "participant", count(10, impact.Decrease, &target), "Skaits ir 10 cilvēku; mērķis bija ne vairāk kā 40."},
		{"lv", "participant", count(21, impact.Increase, nil), "Skaits ir 21 cilvēks."},
	}
	for _, c := range cases {
		p := &impact.Project{Indicators: []impact.Indicator{{ID: "reached", Measure: &impact.Measure{Distinct: c.distinct}}}}
		ev := &impact.Evaluation{Indicators: []impact.Result{*c.res}}
		pr, err := newPrinter(c.lang, p, ev)
		if err != nil {
			t.Fatal(err)
		}
		r := &reporter{p: p, ev: ev, pr: pr}
		got := r.resultSentences(c.res)
		if len(got) == 0 || got[0] != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.want)
		}
		if strings.Contains(strings.Join(got, " "), "[") {
			t.Errorf("%s: a key is missing: %q", c.lang, got)
		}
	}
}

// TestPeopleInThePluralOfTheirNumber checks the number of people a result
// rests on, with its noun: Latvian 21 cilvēks, 2 cilvēki, 12 cilvēku, and
// "fewer than 5" in the plural of 5 even when the hidden number is 1.
func TestPeopleInThePluralOfTheirNumber(t *testing.T) {
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"lv", 21, "21 cilvēks"}, {"lv", 22, "22 cilvēki"}, {"lv", 12, "12 cilvēku"}, {"lv", 1, "mazāk nekā 5 cilvēki"},
		{"en", 1, "fewer than 5 people"}, {"en", 31, "31 people"}, {"sv", 6, "6 personer"},
	}
	for _, c := range cases {
		ev := &impact.Evaluation{}
		pr, err := newPrinter(c.lang, &impact.Project{}, ev)
		if err != nil {
			t.Fatal(err)
		}
		r := &reporter{p: &impact.Project{}, ev: ev, pr: pr}
		if got := r.people(&c.n); got != c.want {
			t.Errorf("%s %d: got %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

// TestLatvianDeclinesByTheNumber checks that a Latvian result sentence
// takes the singular after 21, 31 … (but not 11) people or answers:
// "Tam 21 cilvēkam", "21 atbildē", "No 21 izmērītā cilvēka".
func TestLatvianDeclinesByTheNumber(t *testing.T) {
	mean, low, high := 3.2, 3.0, 3.4
	cases := []struct {
		n    int
		kind string
		want string
	}{
		{21, impact.KindMean, "Vidējā vērtība 21 atbildē bija 3,20"},
		{11, impact.KindMean, "Vidējā vērtība 11 atbildēs bija 3,20"},
		{31, impact.KindPairedChange, "Tam 31 cilvēkam, kas atbildēja gan pirms, gan pēc,"},
		{30, impact.KindPairedChange, "Tiem 30 cilvēkiem, kas atbildēja gan pirms, gan pēc,"},
		{41, impact.KindProportion, "No 41 izmērītā cilvēka to sasniedza"},
		{40, impact.KindProportion, "No 40 izmērītajiem cilvēkiem to sasniedza"},
	}
	for _, c := range cases {
		n := c.n
		res := &impact.Result{ID: "x", Kind: c.kind, Status: impact.StatusMet, N: &n, Estimate: &mean, CILow: &low, CIHigh: &high}
		if c.kind == impact.KindProportion {
			share, lo, hi, k := 0.5, 0.4, 0.6, c.n/2
			res.Estimate, res.CILow, res.CIHigh, res.Successes = &share, &lo, &hi, &k
		}
		p := &impact.Project{Indicators: []impact.Indicator{{ID: "x"}}}
		ev := &impact.Evaluation{Indicators: []impact.Result{*res}}
		pr, err := newPrinter("lv", p, ev)
		if err != nil {
			t.Fatal(err)
		}
		r := &reporter{p: p, ev: ev, pr: pr}
		if got := r.resultSentences(res); len(got) == 0 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s n = %d: got %q, want it to start %q", c.kind, c.n, got, c.want)
		}
	}
}
