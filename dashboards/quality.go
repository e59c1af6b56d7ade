package dashboards

import (
	"net/http"
	"slices"
)

// handleQuality shows the data-quality report: the ingest log with every
// rejected row's reason, the checks that ran, response rates, missing
// values, and the lint findings on the plan.
func (s *Server) handleQuality(w http.ResponseWriter, r *http.Request) {
	p, err := s.pageFor(w, r, "quality", "quality.title")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "quality.html", p)
}

// qualityChecks are the personal-data checks the catalogue names.
var qualityChecks = []string{"pseudonymised", "personal_columns", "personnummer"}

// Check names a personal-data check that ran at ingest.
func (p *page) Check(name string) string {
	if slices.Contains(qualityChecks, name) {
		return p.T("check." + name)
	}
	return name
}
