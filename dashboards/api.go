package dashboards

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
)

// handleAPIEvaluation answers the same JSON document as `impact evaluate
// --json`, at ?as_of= (default today), with the figures of an indicator
// under min_cell null (forViewers): the API is read by other people than
// the analyst. In the bytes, <, > and & inside strings are written as
// \u003c, \u003e and \u0026, so that text from the data can never be read
// as markup.
func (s *Server) handleAPIEvaluation(w http.ResponseWriter, r *http.Request) {
	_, ev, err := s.evaluated(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err := s.evals.apiBody(ev)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSONBody(w, http.StatusOK, body)
}

// handleAPIIndicator answers one indicator's result as JSON, under the
// same small-cell rule as the whole evaluation.
func (s *Server) handleAPIIndicator(w http.ResponseWriter, r *http.Request) {
	_, ev, err := s.evaluated(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, ok := ev.Result(chi.URLParam(r, "id"))
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, resultForViewers(*res))
}

// handleAPIPlot sends one indicator's plot as SVG.
func (s *Server) handleAPIPlot(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutSuffix(chi.URLParam(r, "file"), ".svg")
	if !ok {
		s.fail(w, r, errNotFound)
		return
	}
	v, ev, err := s.evaluated(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, ok := ev.Result(id); !ok {
		s.fail(w, r, errNotFound)
		return
	}
	if s.cfg.Renderer == nil {
		s.fail(w, r, errNoRenderer)
		return
	}
	svg, err := s.cfg.Renderer.IndicatorPlot(ev, id, v.Lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeSVG(w, r, svg)
}
