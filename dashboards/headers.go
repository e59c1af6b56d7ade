package dashboards

import "net/http"

// Content security policies. Pages run no script at all, load everything
// from this server, and may not be framed, posted elsewhere or rebased.
const (
	pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
	// An SVG opened on its own is a document that could run script; this
	// policy forbids any, and allows only the inline styles a plot uses.
	svgCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
	// A report is one self-contained file with inline CSS and SVG (see
	// reports.md): styles inline, images as data, still no script.
	reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)

// securityHeaders sets the headers every answer carries. Handlers that
// send an SVG or a report replace the Content-Security-Policy with a
// stricter one of their own.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if s.cfg.TLS {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}
