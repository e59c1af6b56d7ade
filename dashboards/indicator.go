package dashboards

import (
	"net/http"
	"slices"

	"github.com/go-chi/chi/v5"
	"github.com/joiningforces/impact"
)

// indicatorPage is what an indicator's page shows beside its result.
type indicatorPage struct {
	Result      impact.Result
	Description string
	Confidence  *float64
	MinCell     int
	// Sentence is the result in one plain sentence; Method how it was
	// computed.
	Sentence, Method string
	Findings         []impact.Finding
	Assumptions      []impact.Assumption
}

// handleIndicator shows one indicator: its figures, plot, forecast,
// disaggregation, the assumptions of its node, lint findings and method.
func (s *Server) handleIndicator(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	p, err := s.pageFor(w, r, "goals", "goals.title")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, ok := p.Eval.Result(id)
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	data := indicatorPage{Result: *res, Confidence: impact.Float(p.Eval.Confidence), MinCell: p.Eval.MinCell}
	if data.MinCell <= 0 {
		data.MinCell = 5
	}
	if ind, ok := s.project.Indicator(id); ok {
		data.Description = ind.Description
	}
	for _, f := range p.Eval.Findings {
		if f.Subject == id {
			data.Findings = append(data.Findings, f)
		}
	}
	for _, a := range s.project.TheoryOfChange.Assumptions {
		if slices.Contains(a.About, res.Node) {
			data.Assumptions = append(data.Assumptions, a)
		}
	}
	data.Sentence = p.resultSentence(*res)
	data.Method = p.methodSentence(*res)
	p.Title = res.Name
	p.Data = data
	s.render(w, r, http.StatusOK, "indicator.html", p)
}

// resultSentence says the result in words a municipal officer reads
// without training, with its n and interval.
func (p *page) resultSentence(r impact.Result) string {
	conf := dash
	if p.Eval != nil {
		conf = percent(p.Eval.Confidence, 0, p.Lang)
	}
	switch {
	case r.Status == impact.StatusNoData:
		return p.T("sentence.no_data")
	case r.Suppressed:
		return p.T("sentence.suppressed", p.Suppressed())
	case r.Estimate == nil:
		return p.T("sentence.no_estimate", p.Int(r.N))
	case r.CILow != nil && r.CIHigh != nil:
		return p.T("sentence.interval", p.Estimate(r), p.Int(r.N), p.value(r.Kind, *r.CILow), p.value(r.Kind, *r.CIHigh), conf, p.Target(r))
	default:
		return p.T("sentence.census", p.Estimate(r), p.Target(r))
	}
}

// methodSentence says in one plain sentence how the figure was computed.
func (p *page) methodSentence(r impact.Result) string {
	switch r.Kind {
	case impact.KindProportion, impact.KindMean, impact.KindPairedChange, impact.KindCount, impact.KindRatio, impact.KindCostPer, impact.KindKPI:
		return p.T("method." + r.Kind)
	}
	return p.T("method.other")
}

// Dimension names a disaggregation dimension.
func (p *page) Dimension(d string) string {
	if slices.Contains(impact.Dimensions, d) {
		return p.T("dim." + d)
	}
	return d
}

// GroupName names a group: a gender in words, a target group by its
// name in the project file, a target group or cohort missing from the
// register ("unknown") in words, anything else as it is.
func (p *page) GroupName(dimension, group string) string {
	switch dimension {
	case "gender":
		if slices.Contains([]string{"female", "male", "other", "unknown"}, group) {
			return p.T("gender." + group)
		}
	case "target_group":
		for _, tg := range p.Project.TargetGroups {
			if tg.ID == group && tg.Name != "" {
				return tg.Name
			}
		}
	}
	if group == "unknown" && (dimension == "target_group" || dimension == "cohort") {
		return p.T("group.unknown")
	}
	return group
}

// Severity names a lint finding's severity.
func (p *page) Severity(sev string) string {
	if sev == impact.SeverityError || sev == impact.SeverityWarning {
		return p.T("severity." + sev)
	}
	return sev
}

// SeriesValue writes one point of an indicator's series.
func (p *page) SeriesValue(kind string, x float64) string { return p.value(kind, x) }
