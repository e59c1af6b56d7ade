package dashboards

import (
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"
)

// handlePlot sends one plot of the whole evaluation (see PlotNames) as
// SVG, for the pages' <img> elements: an SVG loaded as an image never runs
// script, whatever it holds.
func (s *Server) handlePlot(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(chi.URLParam(r, "file"), ".svg")
	if !ok || !slices.Contains(PlotNames, name) {
		s.fail(w, r, errNotFound)
		return
	}
	if s.cfg.Renderer == nil {
		s.fail(w, r, errNoRenderer)
		return
	}
	v, ev, err := s.evaluated(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svg, err := s.cfg.Renderer.Plot(s.project, ev, name, v.Lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeSVG(w, r, svg)
}
