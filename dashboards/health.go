package dashboards

import (
	"context"
	"net/http"
	"time"
)

// healthTimeout bounds the read behind a health check.
const healthTimeout = 5 * time.Second

// handleHealth answers a readiness check: 200 {"status": "ok"} when the
// process serves and can read its store, 503 {"status": "not ready"} when
// it cannot (a truncated or unreadable store), so that a monitor sees what
// a visitor of / would. It needs no token, so it tells nothing more: not the
// version, not the cause (which goes to the log).
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if err := s.Ready(ctx); err != nil {
		s.log.printf("serve: /healthz: not ready: %v", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Ready reports whether the server can read its store: it reads the data
// hash, as every page does first. `impact serve` calls it before it
// listens and refuses to start on a store it cannot read.
func (s *Server) Ready(ctx context.Context) error {
	// No lock against an upload: a health check must answer while one
	// runs, and the store serves a reader beside its writer.
	_, err := s.cfg.DataHash(ctx)
	return err
}
