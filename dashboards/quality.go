package dashboards

import (
	"net/http"
	"slices"

	"github.com/joiningforces/impact/i18n"
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

// DataKind names a kind of data file in the page's language, or gives it
// as it is when the catalogue has no name for it.
func (p *page) DataKind(kind string) string {
	if i18n.Has(i18n.Dashboards, p.Lang, "kind."+kind) {
		return p.T("kind." + kind)
	}
	return kind
}
