package dashboards

import (
	"net/http"
	"slices"

	"github.com/joiningforces/impact"
)

// goalBoard is what the goal board shows beside the evaluation itself.
type goalBoard struct {
	Confidence *float64
	Summary    []statusCount
	Levels     []tocLevel
	Reports    []reportLinks
}

// statusCount is how many goals have one status.
type statusCount struct {
	Status impact.Status
	Count  int
}

// tocLevel is one level of the theory of change with its nodes.
type tocLevel struct {
	ID, Title string
	Nodes     []tocNode
}

// tocNode is one box of the theory of change and the indicators that
// measure it. Measured is false for an outcome no indicator measures: a
// gap in the plan that the workshop should see.
type tocNode struct {
	ID, Name   string
	Measured   bool
	Indicators []tocIndicator
}

// tocIndicator is an indicator's name and status on its node.
type tocIndicator struct {
	ID, Name string
	Status   impact.Status
}

// reportLinks are the formats of one report.
type reportLinks struct {
	Title   string
	Formats []reportLink
}

// reportLink is one report in one format.
type reportLink struct {
	Name, Link string
}

// handleGoalBoard shows every goal's status with its evidence, the theory
// of change marked with those statuses, the Kolada background and the
// reports.
func (s *Server) handleGoalBoard(w http.ResponseWriter, r *http.Request) {
	p, err := s.pageFor(w, r, "goals", "goals.title")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ev := p.Eval
	board := goalBoard{Confidence: impact.Float(ev.Confidence)}
	for _, st := range impact.Statuses {
		n := 0
		for _, res := range ev.Indicators {
			if res.Status == st {
				n++
			}
		}
		if n > 0 {
			board.Summary = append(board.Summary, statusCount{Status: st, Count: n})
		}
	}
	for _, level := range impact.Levels {
		lv := tocLevel{ID: level, Title: p.T("level." + level)}
		for _, node := range s.project.TheoryOfChange.Nodes {
			if node.Level != level {
				continue
			}
			tn := tocNode{ID: node.ID, Name: node.Name}
			if tn.Name == "" {
				tn.Name = node.ID
			}
			for _, res := range ev.Indicators {
				if res.Node == node.ID {
					tn.Indicators = append(tn.Indicators, tocIndicator{ID: res.ID, Name: res.Name, Status: res.Status})
				}
			}
			// Only an outcome without indicators is a gap: activities and
			// impacts are often left unmeasured on purpose.
			tn.Measured = len(tn.Indicators) > 0 || level != impact.LevelOutcome
			lv.Nodes = append(lv.Nodes, tn)
		}
		if len(lv.Nodes) > 0 {
			board.Levels = append(board.Levels, lv)
		}
	}
	for _, doc := range reportDocs {
		links := reportLinks{Title: p.T("report." + doc)}
		for _, format := range reportFormats {
			links.Formats = append(links.Formats, reportLink{Name: p.T("format." + format), Link: p.Link("/reports/" + doc + "." + format)})
		}
		board.Reports = append(board.Reports, links)
	}
	p.Data = board
	p.Collect = s.liveCollections(r)
	s.render(w, r, http.StatusOK, "goalboard.html", p)
}

// ForecastText says where an indicator is heading by its deadline: the
// forecast with its prediction interval and whether that reaches the target.
func (p *page) ForecastText(r impact.Result) string {
	f := r.Forecast
	if f == nil {
		return p.T("no_forecast")
	}
	track := p.T("forecast.off_track")
	if f.OnTrack {
		track = p.T("forecast.on_track")
	}
	return p.T("forecast.text", p.value(r.Kind, f.Value), p.value(r.Kind, f.PILow), p.value(r.Kind, f.PIHigh), f.At.String(), track)
}

// KPIGender names Kolada's gender codes (T, K, M); any other value is
// shown as it is.
func (p *page) KPIGender(code string) string {
	if slices.Contains([]string{"T", "K", "M"}, code) {
		return p.T("kpi.gender." + code)
	}
	return code
}
