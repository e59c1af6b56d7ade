package dashboards

import (
	"net/http"
	"slices"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// handleParticipation shows who came to what: the funnel from meetup to
// job, the events with their attendance, and how many came back.
func (s *Server) handleParticipation(w http.ResponseWriter, r *http.Request) {
	p, err := s.pageFor(w, r, "participation", "part.title")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "participation.html", p)
}

// funnelSteps are the steps of the funnel that the catalogue names.
var funnelSteps = []string{"meetup", "job_market", "interview", "offer", "hired"}

// Step names a step of the funnel.
func (p *page) Step(step string) string {
	if slices.Contains(funnelSteps, step) {
		// The names the funnel's plot gives its bars, so that the table
		// beside it reads the same.
		return i18n.Sprintf(i18n.Reports, p.Lang, "funnel."+step)
	}
	return step
}

// EventKind names a kind of event.
func (p *page) EventKind(kind string) string {
	if slices.Contains(impact.EventKinds, kind) {
		return p.T("event." + kind)
	}
	return kind
}

// Wave names a survey wave.
func (p *page) Wave(wave string) string {
	if slices.Contains(impact.Waves, wave) {
		return p.T("wave." + wave)
	}
	return wave
}
