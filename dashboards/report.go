package dashboards

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"
)

// The documents and formats of reports.md. A request for anything else,
// a path with ../ among them, is refused before it reaches the renderer.
var (
	reportDocs    = []string{"workshop", "memo", "quality"}
	reportFormats = []string{"html", "md", "pdf"}
)

// reportTypes are the content types of the formats.
var reportTypes = map[string]string{
	"html": "text/html; charset=utf-8",
	"md":   "text/markdown; charset=utf-8",
	"pdf":  "application/pdf",
}

// handleReport makes a report on request: /reports/workshop.pdf?lang=en&as_of=2025-11-30.
// A document once made is kept for the same data, date and language.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	doc, format, ok := strings.Cut(chi.URLParam(r, "file"), ".")
	if !ok || !slices.Contains(reportDocs, doc) || !slices.Contains(reportFormats, format) {
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
	key := reportKey{ev: ev, lang: v.Lang, doc: doc, format: format}
	body, ok := s.reports.get(key)
	if !ok {
		body, err = s.cfg.Renderer.Report(r.Context(), doc, format, ReportInput{
			Project:    s.project,
			Evaluation: ev,
			Lang:       v.Lang,
			Version:    s.cfg.Version,
			// The evaluation's time, so that the same data, date and
			// version give the same document.
			GeneratedAt: ev.GeneratedAt,
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.reports.put(key, body)
	}
	h := w.Header()
	h.Set("Content-Type", reportTypes[format])
	h.Set("Cache-Control", "no-store")
	name := fmt.Sprintf("%s-%s-%s.%s", doc, v.Lang, ev.AsOf.String(), format)
	switch format {
	case "html":
		h.Set("Content-Security-Policy", reportCSP)
		h.Set("Content-Disposition", `inline; filename="`+name+`"`)
	case "pdf":
		h.Set("Content-Disposition", `inline; filename="`+name+`"`)
	default:
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
