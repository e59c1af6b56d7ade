package dashboards

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
)

// handleAPIEvaluation answers the same JSON document as `impact evaluate
// --json`, at ?as_of= (default today). The one difference is in the bytes,
// not the values: <, > and & inside strings are written as \u003c, \u003e
// and \u0026, so that text from the data can never be read as markup.
func (s *Server) handleAPIEvaluation(w http.ResponseWriter, r *http.Request) {
	_, ev, err := s.evaluated(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, ev)
}

// handleAPIIndicator answers one indicator's result as JSON.
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
	writeJSON(w, http.StatusOK, res)
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
