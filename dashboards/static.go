package dashboards

import (
	"io/fs"
	"mime"
	"net/http"
	"path"

	"github.com/go-chi/chi/v5"
)

// handleStatic serves an embedded asset by name (only the stylesheet for
// now); there is no listing of the folder.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if name != path.Base(name) {
		s.fail(w, r, errNotFound)
		return
	}
	body, err := fs.ReadFile(staticFS, "static/"+name)
	if err != nil {
		s.fail(w, r, errNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	// The stylesheet changes only with the binary.
	h.Set("Cache-Control", "public, max-age=3600")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
