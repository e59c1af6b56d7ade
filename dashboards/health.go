package dashboards

import "net/http"

// handleHealth answers a liveness check: the process is up and serving.
// It needs no token and reads nothing, so that a monitor can poll it.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
}
