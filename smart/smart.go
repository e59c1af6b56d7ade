// Package smart judges a collaboration plan the way a compiler judges a
// program. The collaboration guide asks for goals that are specific,
// measurable, achievable, relevant and time-bound, anchored in the
// municipality's steering documents; Lint checks every goal and the theory
// of change against the rules of the spec's smart.md and returns one
// finding per broken rule, with its code, severity, place in impact.yaml,
// subject and one sentence in the project's language that says what to do.
//
// The lint reads what the data says through Data, built from an Evaluation
// (FromEvaluation), so it never queries the store itself and works without
// any data at all.
package smart

import (
	"cmp"
	"slices"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Rule is one check of the lint: its fixed code and severity.
type Rule struct {
	Code     string
	Severity string
}

// Rules lists every rule of the lint in the order of smart.md, so that
// reports and dashboards can explain the codes they show.
var Rules = []Rule{
	{"S001", impact.SeverityError},
	{"S002", impact.SeverityWarning},
	{"S003", impact.SeverityWarning},
	{"M001", impact.SeverityError},
	{"M002", impact.SeverityWarning},
	{"M003", impact.SeverityError},
	{"M004", impact.SeverityWarning},
	{"A001", impact.SeverityError},
	{"A002", impact.SeverityWarning},
	{"A003", impact.SeverityWarning},
	{"R001", impact.SeverityWarning},
	{"R002", impact.SeverityWarning},
	{"R003", impact.SeverityWarning},
	{"R004", impact.SeverityWarning},
	{"T001", impact.SeverityError},
	{"T002", impact.SeverityWarning},
	{"T003", impact.SeverityWarning},
	{"G001", impact.SeverityWarning},
	{"G002", impact.SeverityWarning},
}

// Severity returns the severity of the rule with the given code, or "" for
// a code that is no rule.
func Severity(code string) string {
	for _, r := range Rules {
		if r.Code == code {
			return r.Severity
		}
	}
	return ""
}

// Data is what the ingested data says about each indicator, as far as the
// lint needs it. A nil *Data means that nothing is known: no data has been
// ingested, or the store was not read.
type Data struct {
	// AsOf is the date the evidence was judged at; a zero date when unknown.
	AsOf impact.Date
	// Indicators holds what was observed per indicator id.
	Indicators map[string]Observed
}

// Observed is what the data says about one indicator.
type Observed struct {
	// HasData is true when the measure's source holds rows for it.
	HasData bool
	// N is the current number of people (or pairs) behind a sampled
	// measure; 0 for census measures.
	N int
	// SD is the standard deviation of the values, or of the paired
	// differences, behind a mean or paired change; nil when unknown.
	SD *float64
	// Points is the number of measurement points so far (per event, month
	// or quarter).
	Points int
	// Due is true when the deadline is on or before AsOf.
	Due bool
}

// FromEvaluation returns what an Evaluation says about each indicator, or
// nil for a nil Evaluation.
func FromEvaluation(ev *impact.Evaluation) *Data {
	if ev == nil {
		return nil
	}
	d := &Data{AsOf: ev.AsOf, Indicators: make(map[string]Observed, len(ev.Indicators))}
	for _, r := range ev.Indicators {
		o := Observed{SD: r.SD, Points: len(r.Series), Due: r.Due}
		if r.N != nil {
			o.N = *r.N
		}
		switch r.Status {
		case impact.StatusNoData:
		case impact.StatusNoTarget:
			// A goal without a target is not judged, so its status says
			// nothing about the data; its figures do.
			o.HasData = (r.N != nil && *r.N > 0) || r.Estimate != nil || len(r.Series) > 0
		default:
			o.HasData = true
		}
		d.Indicators[r.ID] = o
	}
	return d
}

// observed returns what is known of the indicator id; ok is false when
// nothing is known (no data, or no result for it).
func (d *Data) observed(id string) (Observed, bool) {
	if d == nil {
		return Observed{}, false
	}
	o, ok := d.Indicators[id]
	return o, ok
}

// Lint checks the plan against every rule and returns the findings in the
// order of their place in the project file. data may be nil: the rules that
// need data then say that there is none yet, and A003 judges the plan by
// expected_n and the instruments' scales.
func Lint(p *impact.Project, data *Data) []impact.Finding {
	l := newLinter(p, data)
	for i := range p.Indicators {
		ind := &p.Indicators[i]
		l.specific(ind)
		l.measurable(ind)
		l.achievable(ind)
		l.relevant(ind)
		l.timeBound(ind)
	}
	l.nodes()
	l.assumptions()
	slices.SortStableFunc(l.findings, func(a, b impact.Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Subject, b.Subject))
	})
	return l.findings
}

// LintEvaluation lints the plan on what the evaluation says and records the
// findings in it (ev.Findings), so that its JSON, the reports and the
// dashboards show them beside the goals they concern. A nil ev lints the
// plan alone.
func LintEvaluation(p *impact.Project, ev *impact.Evaluation) []impact.Finding {
	findings := Lint(p, FromEvaluation(ev))
	if ev != nil {
		ev.Findings = findings
	}
	return findings
}

// Count returns the number of errors and of warnings among findings.
func Count(findings []impact.Finding) (errors, warnings int) {
	for _, f := range findings {
		switch f.Severity {
		case impact.SeverityError:
			errors++
		case impact.SeverityWarning:
			warnings++
		}
	}
	return errors, warnings
}

// linter holds one run of the lint: the project, what the data says, the
// theory-of-change graph and the findings so far.
type linter struct {
	p        *impact.Project
	data     *Data
	lang     string
	conf     float64
	next     map[string][]string // node id → the nodes it leads to
	findings []impact.Finding
}

func newLinter(p *impact.Project, data *Data) *linter {
	// No findings is an empty list, not nil, so that JSON shows [] rather than null.
	l := &linter{p: p, data: data, lang: p.Info.Language, conf: p.Info.Confidence, next: map[string][]string{}, findings: []impact.Finding{}}
	if !i18n.Speaks(i18n.Lint, l.lang) {
		l.lang = impact.DefaultLanguage
	}
	// A project built by hand rather than by Load has no defaults applied.
	if !(l.conf > 0 && l.conf < 1) {
		l.conf = impact.DefaultConfidence
	}
	for _, n := range p.TheoryOfChange.Nodes {
		for _, from := range n.From {
			l.next[from] = append(l.next[from], n.ID)
		}
	}
	return l
}

// report adds a finding of rule at pos about subject, with the message of
// the catalogue entry key (the rule code, or code.variant) filled with args.
func (l *linter) report(key string, pos impact.Pos, subject string, args ...any) {
	code := key[:4]
	l.findings = append(l.findings, impact.Finding{
		Rule:     code,
		Severity: Severity(code),
		File:     l.p.File,
		Line:     pos.Line,
		Column:   pos.Column,
		Subject:  subject,
		Message:  message(l.lang, key, args...),
	})
}

// at returns the position of key in keys, or pos (the entry) when the key
// is not written.
func at(keys map[string]impact.Pos, pos impact.Pos, key string) impact.Pos {
	if p, ok := keys[key]; ok {
		return p
	}
	return pos
}
