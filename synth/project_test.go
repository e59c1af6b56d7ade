package synth_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/joiningforces/impact"
)

// The project file as far as these tests read it. The decoder is strict
// (KnownFields), so a key the spec does not know fails the test: the
// example must load with the real loader, which refuses unknown keys.
type projectFile struct {
	Version int `yaml:"version"`
	Project struct {
		ID           string            `yaml:"id"`
		Name         string            `yaml:"name"`
		Municipality map[string]string `yaml:"municipality"`
		Period       struct{ Start, End string }
		Language     string `yaml:"language"`
		Currency     string `yaml:"currency"`
		Confidence   float64
		MinCell      int `yaml:"min_cell"`
		MinN         int `yaml:"min_n"`
		Partners     []struct{ ID, Name, Role string }
	}
	TargetGroups []struct{ ID, Name string } `yaml:"target_groups"`
	Theory       struct {
		Problem, Vision string
		Nodes           []struct {
			ID, Level, Name, Responsible, Horizon string
			From                                  []string
		}
		Assumptions []struct {
			ID, Text string
			About    []string
		}
	} `yaml:"theory_of_change"`
	Instruments []struct {
		ID, Builtin, Name, Score string
		Items                    []item
		Reverse                  []string
		Labels                   map[int][]string
		Scale                    struct{ Min, Max int }
	}
	Indicators []indicator
	Costs      []struct {
		Activity, Partner, Category, Kind, Date string
		Hours, Rate, Amount                     float64
	}
	Value struct {
		DiscountRate float64 `yaml:"discount_rate"`
		Proxies      []struct {
			Indicator       string
			ValuePerOutcome map[string]float64 `yaml:"value_per_outcome"`
			Source          string
			Deadweight      map[string]float64
			Attribution     map[string]float64
			Displacement    float64
			DropOff         float64 `yaml:"drop_off"`
			DurationYears   int     `yaml:"duration_years"`
		}
	}
	Memo struct {
		Body       string
		CaseNumber string `yaml:"case_number"`
		Proposal   struct {
			From, To   string
			AnnualCost float64 `yaml:"annual_cost"`
			Financing  string
		}
		Author       struct{ Name, Title string }
		Approver     struct{ Name, Title string }
		WorkshopDate string   `yaml:"workshop_date"`
		SendTo       []string `yaml:"send_to"`
	}
	Sources []source
}

type indicator struct {
	ID, Name, Node string
	TargetGroup    string `yaml:"target_group"`
	Measure        measure
	Baseline       yaml.Node
	Target         *float64
	Direction      string
	Deadline       string
	Frequency      string
	Responsible    string
	ExpectedN      int      `yaml:"expected_n"`
	Disaggregate   []string `yaml:"disaggregate"`
	Policy, KPI    string
	Compare        map[string]string
}

type measure struct {
	Kind, Source, Distinct, Instrument, Pre, Post, Wave, Column, Per string
	Where                                                            map[string]any
	Success                                                          map[string][]string
	Numerator, Denominator                                           *measure
	Activities                                                       []string
}

type source struct {
	File    string
	Kind    string
	Event   *struct{ ID, Kind, Date, Name string }
	Wave    string
	Columns map[string]string
}

// item is an instrument item: a plain id, or {id, text: {sv, en}}.
type item struct {
	ID   string
	Text map[string]string
}

// UnmarshalYAML reads either form of an item.
func (i *item) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		i.ID = n.Value
		return nil
	}
	type plain item
	return n.Decode((*plain)(i))
}

// loadProject reads and strictly decodes dir/impact.yaml.
func loadProject(t *testing.T, dir string) *projectFile {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "impact.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	var p projectFile
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("impact.yaml: %v", err)
	}
	return &p
}

// TestProjectFile checks what the loader will check, and what the example
// promises: every reference resolves, the graph goes upwards, every measure
// kind of the spec is used, dates fall in the period.
func TestProjectFile(t *testing.T) {
	dir := generate(t, defaultOptions())
	p := loadProject(t, dir)

	if got, want := p.Project.Municipality["code"], "2582"; got != want {
		t.Errorf("municipality code = %q, want %q", got, want)
	}
	if p.Project.Language != "sv" || p.Project.Currency != "SEK" {
		t.Errorf("language, currency = %q, %q; want sv, SEK", p.Project.Language, p.Project.Currency)
	}
	inPeriod := func(date string) bool { return date >= p.Project.Period.Start && date <= p.Project.Period.End }

	partners := map[string]bool{}
	roles := map[string]bool{}
	for _, pa := range p.Project.Partners {
		partners[pa.ID] = true
		roles[pa.Role] = true
	}
	for _, role := range []string{"facilitator", "municipality", "social_entrepreneur", "private_actor"} {
		if !roles[role] {
			t.Errorf("no partner with role %s", role)
		}
	}
	groups := map[string]bool{}
	for _, g := range p.TargetGroups {
		groups[g.ID] = true
	}

	rank := map[string]int{"activity": 0, "output": 1, "outcome": 2, "impact": 3}
	level := map[string]string{}
	for _, n := range p.Theory.Nodes {
		if _, dup := level[n.ID]; dup {
			t.Errorf("node %s: duplicate id", n.ID)
		}
		if _, ok := rank[n.Level]; !ok {
			t.Errorf("node %s: level %q", n.ID, n.Level)
		}
		level[n.ID] = n.Level
	}
	levels := map[string]int{}
	for _, n := range p.Theory.Nodes {
		levels[n.Level]++
		if n.Responsible != "" && !partners[n.Responsible] {
			t.Errorf("node %s: unknown partner %s", n.ID, n.Responsible)
		}
		for _, from := range n.From {
			l, ok := level[from]
			if !ok {
				t.Errorf("node %s: from unknown node %s", n.ID, from)
			} else if rank[l] >= rank[n.Level] {
				t.Errorf("node %s (%s): edge from %s (%s) is not from a lower level", n.ID, n.Level, from, l)
			}
		}
	}
	if len(p.Theory.Nodes) < 10 || len(levels) != 4 {
		t.Errorf("theory of change: %d nodes over levels %v; want ≥ 10 over all four", len(p.Theory.Nodes), levels)
	}
	if len(p.Theory.Assumptions) < 3 {
		t.Errorf("%d assumptions, want ≥ 3", len(p.Theory.Assumptions))
	}
	for _, a := range p.Theory.Assumptions {
		for _, n := range a.About {
			if _, ok := level[n]; !ok {
				t.Errorf("assumption %s: about unknown node %s", a.ID, n)
			}
		}
	}

	instruments := map[string]bool{}
	for _, in := range p.Instruments {
		instruments[in.ID] = true
		for _, r := range in.Reverse {
			if !slices.ContainsFunc(in.Items, func(i item) bool { return i.ID == r }) {
				t.Errorf("instrument %s: reverse item %s is not an item", in.ID, r)
			}
		}
	}
	sourceKinds := map[string]bool{}
	for _, s := range p.Sources {
		sourceKinds[s.Kind] = true
		if _, err := os.Stat(filepath.Join(dir, s.File)); err != nil {
			t.Errorf("source %s: %v", s.File, err)
		}
		if s.Event != nil && !inPeriod(s.Event.Date) {
			t.Errorf("source %s: event date %s outside the period", s.File, s.Event.Date)
		}
	}

	indicators := map[string]bool{}
	for _, in := range p.Indicators {
		indicators[in.ID] = true
	}
	kinds := map[string]bool{}
	var checkMeasure func(id string, m *measure)
	checkMeasure = func(id string, m *measure) {
		kinds[m.Kind] = true
		if m.Source != "" && !sourceKinds[m.Source] {
			t.Errorf("indicator %s: no source of kind %s", id, m.Source)
		}
		if m.Instrument != "" && !instruments[m.Instrument] {
			t.Errorf("indicator %s: unknown instrument %s", id, m.Instrument)
		}
		if m.Per != "" && !indicators[m.Per] {
			t.Errorf("indicator %s: per unknown indicator %s", id, m.Per)
		}
		for _, a := range m.Activities {
			if level[a] != "activity" {
				t.Errorf("indicator %s: %s is not an activity", id, a)
			}
		}
		for _, sub := range []*measure{m.Numerator, m.Denominator} {
			if sub != nil {
				if sub.Kind != "count" {
					t.Errorf("indicator %s: ratio part of kind %s, want count", id, sub.Kind)
				}
				checkMeasure(id, sub)
			}
		}
	}
	for _, in := range p.Indicators {
		if in.Name == "" || in.Measure.Kind == "" {
			t.Errorf("indicator %s: no name or measure", in.ID)
		}
		if _, ok := level[in.Node]; !ok {
			t.Errorf("indicator %s: unknown node %s", in.ID, in.Node)
		}
		if !partners[in.Responsible] {
			t.Errorf("indicator %s: unknown partner %s", in.ID, in.Responsible)
		}
		if in.TargetGroup != "" && !groups[in.TargetGroup] {
			t.Errorf("indicator %s: unknown target group %s", in.ID, in.TargetGroup)
		}
		if !inPeriod(in.Deadline) {
			t.Errorf("indicator %s: deadline %s outside the period", in.ID, in.Deadline)
		}
		if in.Direction != "increase" && in.Direction != "decrease" {
			t.Errorf("indicator %s: direction %q", in.ID, in.Direction)
		}
		checkMeasure(in.ID, &in.Measure)
	}
	if len(p.Indicators) < 8 {
		t.Errorf("%d indicators, want ≥ 8", len(p.Indicators))
	}
	for _, k := range []string{"count", "proportion", "mean", "paired_change", "ratio", "cost_per"} {
		if !kinds[k] {
			t.Errorf("no indicator measures with kind %s", k)
		}
	}
	for _, c := range p.Costs {
		if level[c.Activity] != "activity" || !partners[c.Partner] {
			t.Errorf("cost %+v: unknown activity or partner", c)
		}
	}
	for _, px := range p.Value.Proxies {
		if !indicators[px.Indicator] {
			t.Errorf("value proxy: unknown indicator %s", px.Indicator)
		}
	}
	if p.Memo.Body == "" || p.Memo.Proposal.Financing != "IOP" || p.Memo.Author.Name == "" {
		t.Errorf("memo %+v: want body, IOP financing and author", p.Memo)
	}
	for _, kind := range []string{"participants", "attendance", "responses", "jobmarket", "followups", "costs", "kpi"} {
		if !sourceKinds[kind] {
			t.Errorf("no source of kind %s", kind)
		}
	}
}

// TestExampleLoadsWithTheLoader runs the project's own loader on the
// committed example: it must load without an error, whatever the light
// check above misses.
func TestExampleLoadsWithTheLoader(t *testing.T) {
	p, err := impact.Load(exampleDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range p.Warnings {
		t.Errorf("load warning: %v", w)
	}
}
