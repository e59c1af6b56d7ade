package smart_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/smart"
)

// MustLoad loads a project file under testdata/smart.
func MustLoad(t *testing.T, name string) *impact.Project {
	t.Helper()
	p, err := impact.Load(filepath.Join("..", "testdata", "smart", name))
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return p
}

// at is where a finding is expected: line, column and subject.
type at struct {
	line, column int
	subject      string
}

func (a at) String() string { return fmt.Sprintf("%d:%d [%s]", a.line, a.column, a.subject) }

// only returns the places of the findings of one rule, checking on the way
// that each has the rule's severity, the project's file and a message.
func only(t *testing.T, p *impact.Project, findings []impact.Finding, rule, severity string) []at {
	t.Helper()
	var got []at
	for _, f := range findings {
		if f.Rule != rule {
			continue
		}
		if f.Severity != severity {
			t.Errorf("%s at %d:%d has severity %q, want %q", rule, f.Line, f.Column, f.Severity, severity)
		}
		if f.File != p.File {
			t.Errorf("%s at %d:%d names the file %q, want %q", rule, f.Line, f.Column, f.File, p.File)
		}
		if f.Message == "" || strings.HasPrefix(f.Message, rule) {
			t.Errorf("%s at %d:%d has no message of its own: %q", rule, f.Line, f.Column, f.Message)
		}
		got = append(got, at{f.Line, f.Column, f.Subject})
	}
	return got
}

// evaluation builds the Evaluation that the data of a test would give:
// results by indicator id.
func evaluation(asOf string, results ...impact.Result) *impact.Evaluation {
	d, err := impact.ParseDate(asOf)
	if err != nil {
		panic(err)
	}
	return &impact.Evaluation{AsOf: d, Indicators: results}
}

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		file     string
		rule     string
		severity string
		data     *smart.Data
		want     []at
		// message is a part of the first finding's message.
		message string
	}{
		{name: "S001", file: "S001.yaml", rule: "S001", severity: "error",
			want: []at{{4, 5, "visits"}}, message: "add node:"},
		{name: "S002", file: "S002.yaml", rule: "S002", severity: "warning",
			want: []at{{11, 5, "visits"}}, message: "2 target groups (young, movers)"},
		{name: "S003", file: "S003.yaml", rule: "S003", severity: "warning",
			want:    []at{{6, 28, "visits"}, {15, 7, "late_visits"}},
			message: "(meetup, job_market) and the measure picks none; add where: {event_kind: meetup}"},
		{name: "M001", file: "M001.yaml", rule: "M001", severity: "error",
			want: []at{{4, 5, "visits"}}, message: "add target:"},
		{name: "M002", file: "M002.yaml", rule: "M002", severity: "warning",
			want:    []at{{6, 5, "no_baseline"}, {12, 5, "bare_baseline"}, {16, 5, "no_source"}},
			message: "has no baseline"},
		{name: "M003", file: "M003.yaml", rule: "M003", severity: "error",
			want:    []at{{10, 5, "share_in_work"}, {14, 5, "visits"}, {18, 5, "wellbeing"}, {22, 5, "belief_change"}, {26, 5, "contacts"}},
			message: "the target 40 is not a proportion"},
		{name: "M004/no data", file: "M004.yaml", rule: "M004", severity: "warning",
			want:    []at{{8, 28, "visits"}, {14, 7, "contacts"}, {17, 36, "wellbeing"}},
			message: "no data has been ingested yet for attendance"},
		{name: "M004/some data", file: "M004.yaml", rule: "M004", severity: "warning",
			data: smart.FromEvaluation(evaluation("2025-05-01",
				impact.Result{ID: "visits", Kind: "count", Estimate: impact.Float(12), Status: impact.StatusNotMet},
				impact.Result{ID: "wellbeing", Kind: "paired_change", N: impact.Int(0), Status: impact.StatusNoData})),
			want:    []at{{14, 7, "contacts"}, {17, 36, "wellbeing"}},
			message: "the data holds nothing yet for attendance (new_contacts)"},
		{name: "A001", file: "A001.yaml", rule: "A001", severity: "error",
			want:    []at{{8, 5, "visits"}, {14, 5, "cost"}},
			message: "the goal is to increase but the target 40 is below the baseline 50"},
		{name: "A002", file: "A002.yaml", rule: "A002", severity: "warning",
			want: []at{{8, 5, "visits"}}, message: "the target equals the baseline (50)"},
		{name: "A003", file: "A003.yaml", rule: "A003", severity: "warning",
			want:    []at{{11, 5, "few_followed_up"}, {16, 5, "wellbeing"}, {17, 5, "unplanned"}},
			message: "with the 15 people planned (expected_n) the smallest change that can be shown (95% confidence, 80% power) is 30.1 percentage points, but the goal asks for a change of 10.0 percentage points; plan for at least 136 people"},
		{name: "R001", file: "R001.yaml", rule: "R001", severity: "warning",
			want: []at{{4, 5, "visits"}}, message: "or follow the key figure itself with measure: {kind: kpi, kpi: N00914}"},
		{name: "R002", file: "R002.yaml", rule: "R002", severity: "warning",
			want: []at{{12, 5, "visits"}}, message: "the node o1 leads to no impact"},
		{name: "R003", file: "R003.yaml", rule: "R003", severity: "warning",
			want: []at{{6, 7, "s1"}, {8, 7, "i1"}}, message: "no goal measures this outcome; add an indicator with node: s1"},
		{name: "R004", file: "R004.yaml", rule: "R004", severity: "warning",
			want: []at{{9, 7, "a1"}}, message: "add responsible:"},
		{name: "T001", file: "T001.yaml", rule: "T001", severity: "error",
			want: []at{{4, 5, "visits"}}, message: "add deadline:"},
		{name: "T002", file: "T002.yaml", rule: "T002", severity: "warning",
			want:    []at{{10, 5, "visits"}, {14, 5, "early"}},
			message: "the deadline 2026-03-31 is outside the project period 2025-01-01 to 2025-12-31"},
		{name: "T003/plan", file: "T003.yaml", rule: "T003", severity: "warning",
			want: []at{{7, 5, "visits"}, {15, 5, "january"}}, message: "add frequency:"},
		{name: "T003/data", file: "T003.yaml", rule: "T003", severity: "warning",
			// By 15 May four months have ended and three meetups were held.
			data: smart.FromEvaluation(evaluation("2025-05-15",
				impact.Result{ID: "monthly_visits", Kind: "count", Estimate: impact.Float(30), Status: impact.StatusNotMet, Series: make([]impact.Point, 3)},
				impact.Result{ID: "meetup_visits", Kind: "count", Estimate: impact.Float(20), Status: impact.StatusNotMet, Series: make([]impact.Point, 2)},
				impact.Result{ID: "once", Kind: "count", Estimate: impact.Float(20), Status: impact.StatusNotMet})),
			want:    []at{{7, 5, "visits"}, {15, 5, "january"}, {20, 5, "monthly_visits"}, {25, 5, "meetup_visits"}},
			message: "add frequency:"},
		{name: "G001", file: "G001.yaml", rule: "G001", severity: "warning",
			want: []at{{7, 7, "o2"}, {8, 7, "s1"}}, message: "no activity leads to this node"},
		{name: "G002", file: "G002.yaml", rule: "G002", severity: "warning",
			want: []at{{8, 7, "as1"}, {10, 7, "assumptions[2]"}}, message: "add about:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := MustLoad(t, filepath.Join("rules", tc.file))
			if got, want := smart.Severity(tc.rule), tc.severity; got != want {
				t.Fatalf("Severity(%s) = %q, want %q", tc.rule, got, want)
			}
			findings := smart.Lint(p, tc.data)
			got := only(t, p, findings, tc.rule, tc.severity)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("%s findings at %v, want %v\n%s", tc.rule, got, tc.want, dump(findings))
			}
			first := findings[slices.IndexFunc(findings, func(f impact.Finding) bool { return f.Rule == tc.rule })]
			if !strings.Contains(first.Message, tc.message) {
				t.Errorf("message %q lacks %q", first.Message, tc.message)
			}
		})
	}
}

// dump writes findings one per line, for failure messages.
func dump(findings []impact.Finding) string {
	var b strings.Builder
	for _, f := range findings {
		fmt.Fprintf(&b, "  %d:%d %s %s [%s]: %s\n", f.Line, f.Column, f.Severity, f.Rule, f.Subject, f.Message)
	}
	return b.String()
}

func TestMessages(t *testing.T) {
	t.Run("T003/data", func(t *testing.T) {
		p := MustLoad(t, "rules/T003.yaml")
		data := smart.FromEvaluation(evaluation("2025-05-15",
			impact.Result{ID: "monthly_visits", Kind: "count", Estimate: impact.Float(30), Status: impact.StatusNotMet, Series: make([]impact.Point, 3)}))
		findings := smart.Lint(p, data)
		want := "frequency: monthly implies 4 measurement points by 2025-05-15, but the data has 3"
		if !slices.ContainsFunc(findings, func(f impact.Finding) bool { return strings.Contains(f.Message, want) }) {
			t.Errorf("no message says %q:\n%s", want, dump(findings))
		}
	})
	t.Run("A003/mean", func(t *testing.T) {
		p := MustLoad(t, "rules/A003.yaml")
		want := "with the 20 people planned (expected_n) the smallest change that can be shown (95% confidence, 80% power) is 4.04, but the goal asks for a change of 1.50; plan for at least 137 people or ask for a larger change."
		findings := smart.Lint(p, nil)
		if !slices.ContainsFunc(findings, func(f impact.Finding) bool { return f.Message == want }) {
			t.Errorf("no message says %q:\n%s", want, dump(findings))
		}
	})
	t.Run("sv", func(t *testing.T) {
		// Every rule's message in Swedish, with a decimal comma in the
		// figures the lint computes.
		p := MustLoad(t, "rules/A003.yaml")
		p.Info.Language = "sv"
		findings := smart.Lint(p, nil)
		want := "med de 15 personer som planeras (expected_n) är den minsta förändring som kan påvisas (95\u00a0% konfidens, 80\u00a0% styrka) 30,1 procentenheter, men målet begär en förändring på 10,0 procentenheter; planera för minst 136 personer eller begär en större förändring."
		if !slices.ContainsFunc(findings, func(f impact.Finding) bool { return f.Message == want }) {
			t.Errorf("no message says %q:\n%s", want, dump(findings))
		}
	})
	t.Run("percentages", func(t *testing.T) {
		// The confidence and the power are percentages as the reports
		// write them (CLDR): a no-break space before % in Swedish only, a
		// decimal only where the level has one.
		for _, tc := range []struct {
			lang       string
			confidence float64
			want       string
		}{
			{"en", 0.95, "(95% confidence, 80% power)"},
			{"sv", 0.95, "(95\u00a0% konfidens, 80\u00a0% styrka)"},
			{"lv", 0.95, "(95% ticamība, 80% jauda)"},
			{"en", 0.975, "(97.5% confidence, 80% power)"},
			{"sv", 0.975, "(97,5\u00a0% konfidens, 80\u00a0% styrka)"},
			{"lv", 0.975, "(97,5% ticamība, 80% jauda)"},
		} {
			p := MustLoad(t, "rules/A003.yaml")
			p.Info.Language = tc.lang
			p.Info.Confidence = tc.confidence
			findings := smart.Lint(p, nil)
			if !slices.ContainsFunc(findings, func(f impact.Finding) bool { return strings.Contains(f.Message, tc.want) }) {
				t.Errorf("%s at %g: no message says %q:\n%s", tc.lang, tc.confidence, tc.want, dump(findings))
			}
		}
	})
}

func TestEveryRuleSpeaksBothLanguages(t *testing.T) {
	seen := map[string]map[string]bool{"en": {}, "sv": {}}
	for _, rule := range smart.Rules {
		p := MustLoad(t, filepath.Join("rules", rule.Code+".yaml"))
		for _, lang := range []string{"en", "sv"} {
			p.Info.Language = lang
			for _, f := range smart.Lint(p, nil) {
				if f.Rule == rule.Code {
					seen[lang][rule.Code] = true
					if strings.Contains(f.Message, "%!") {
						t.Errorf("%s in %s: badly filled message %q", rule.Code, lang, f.Message)
					}
				}
			}
		}
	}
	for _, rule := range smart.Rules {
		for lang, codes := range seen {
			if !codes[rule.Code] {
				t.Errorf("%s: its minimal project gives no finding in %s", rule.Code, lang)
			}
		}
	}
}

func TestClean(t *testing.T) {
	p := MustLoad(t, "clean.yaml")
	// Every measure has data, three meetups' worth of points where two were
	// held by the as-of date, and a wellbeing change whose SD is known.
	data := smart.FromEvaluation(evaluation("2025-05-01",
		impact.Result{ID: "meetup_participants", Kind: "count", Estimate: impact.Float(41), Status: impact.StatusNotMet, Series: make([]impact.Point, 2)},
		impact.Result{ID: "wellbeing_change", Kind: "paired_change", N: impact.Int(12), SD: impact.Float(4.2), Estimate: impact.Float(2.5), Status: impact.StatusLikelyMet},
		impact.Result{ID: "work_or_study", Kind: "proportion", N: impact.Int(30), Estimate: impact.Float(0.4), Status: impact.StatusLikelyMet},
		impact.Result{ID: "on_assistance", Kind: "proportion", N: impact.Int(3), Estimate: impact.Float(0.33), Status: impact.StatusInsufficientData},
	))
	if findings := smart.Lint(p, data); len(findings) != 0 {
		t.Fatalf("the clean project has findings:\n%s", dump(findings))
	}
	// Without data the only findings say that there is none yet.
	for _, f := range smart.Lint(p, nil) {
		if f.Rule != "M004" {
			t.Errorf("without data: %s at %d:%d [%s]: %s", f.Rule, f.Line, f.Column, f.Subject, f.Message)
		}
	}
}

func TestFindingsAreInFileOrder(t *testing.T) {
	p := MustLoad(t, "rules/A003.yaml")
	findings := smart.Lint(p, nil)
	if !slices.IsSortedFunc(findings, func(a, b impact.Finding) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	}) {
		t.Fatalf("findings are not in file order:\n%s", dump(findings))
	}
	if len(findings) == 0 {
		t.Fatal("no findings")
	}
}

func TestFromEvaluation(t *testing.T) {
	if smart.FromEvaluation(nil) != nil {
		t.Fatal("FromEvaluation(nil) is not nil")
	}
	ev := evaluation("2025-05-01",
		impact.Result{ID: "none", Kind: "count", Status: impact.StatusNoData},
		impact.Result{ID: "few", Kind: "mean", N: impact.Int(3), SD: impact.Float(1.5), Status: impact.StatusInsufficientData, Due: true},
		impact.Result{ID: "untargeted", Kind: "count", Estimate: impact.Float(4), Status: impact.StatusNoTarget},
		impact.Result{ID: "untargeted_empty", Kind: "proportion", N: impact.Int(0), Status: impact.StatusNoTarget},
	)
	d := smart.FromEvaluation(ev)
	if got, want := d.AsOf, ev.AsOf; got != want {
		t.Errorf("AsOf = %v, want %v", got, want)
	}
	for id, want := range map[string]bool{"none": false, "few": true, "untargeted": true, "untargeted_empty": false} {
		if got := d.Indicators[id].HasData; got != want {
			t.Errorf("%s: HasData = %v, want %v", id, got, want)
		}
	}
	if few := d.Indicators["few"]; few.N != 3 || few.SD == nil || *few.SD != 1.5 || !few.Due {
		t.Errorf("few = %+v", few)
	}
}

// TestA003Evidence checks which n and spread A003 judges a goal by.
func TestA003Evidence(t *testing.T) {
	const text = `version: 1
project: {id: evidence, language: en}
indicators:
  - id: contacts
    name: New contacts per meetup
    measure: {kind: mean, source: attendance, column: new_contacts}
    baseline: {value: 1.5, date: 2024-12-31, source: Survey}
    target: 2.5
  - id: in_work
    name: Share in work
    measure: {kind: proportion, source: followups, success: {status: employed}}
    baseline: {value: 0.3, date: 2024-12-31, source: Register}
    target: 0.4
    expected_n: 200
`
	p, err := impact.Parse("impact.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	contacts, inWork := &p.Indicators[0], &p.Indicators[1]
	for _, tc := range []struct {
		name      string
		ind       *impact.Indicator
		result    *impact.Result
		ok        bool
		n         int
		nFromData bool
	}{
		// A mean of a column has no scale to take a spread from.
		{name: "column mean without data", ind: contacts, ok: false},
		{name: "column mean with data", ind: contacts, ok: true, n: 40, nFromData: true,
			result: &impact.Result{ID: "contacts", N: impact.Int(40), SD: impact.Float(2), Status: impact.StatusLikelyMet}},
		// Not yet due: the plan says more people are coming.
		{name: "proportion before the deadline", ind: inWork, ok: true, n: 200, nFromData: false,
			result: &impact.Result{ID: "in_work", N: impact.Int(10), Status: impact.StatusLikelyMet}},
		{name: "proportion when due", ind: inWork, ok: true, n: 10, nFromData: true,
			result: &impact.Result{ID: "in_work", N: impact.Int(10), Status: impact.StatusLikelyMet, Due: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var data *smart.Data
			if tc.result != nil {
				data = smart.FromEvaluation(&impact.Evaluation{Indicators: []impact.Result{*tc.result}})
			}
			d, ok := smart.DetectableChange(p, tc.ind, data)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				for _, f := range smart.Lint(p, data) {
					if f.Rule == "A003" && f.Subject == tc.ind.ID {
						t.Errorf("A003 where it does not apply: %s", f.Message)
					}
				}
				return
			}
			if d.N != tc.n || d.NFromData != tc.nFromData {
				t.Errorf("n = %d (from data %v), want %d (%v)", d.N, d.NFromData, tc.n, tc.nFromData)
			}
		})
	}
}
