package dashboards

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// httpError is a refusal of the server itself, with its status and the
// catalogue key of its message.
type httpError struct {
	status int
	key    string
}

// Error returns the English message, for logs.
func (e *httpError) Error() string { return i18n.Sprintf(i18n.Dashboards, "en", e.key) }

// The server's own refusals.
var (
	errNotFound    = &httpError{http.StatusNotFound, "error.not_found"}
	errMethod      = &httpError{http.StatusMethodNotAllowed, "error.method"}
	errNoToken     = &httpError{http.StatusUnauthorized, "error.no_token"}
	errBadToken    = &httpError{http.StatusUnauthorized, "error.bad_token"}
	errForbidden   = &httpError{http.StatusForbidden, "error.forbidden"}
	errCSRF        = &httpError{http.StatusForbidden, "error.csrf"}
	errCrossOrigin = &httpError{http.StatusForbidden, "error.cross_origin"}
	errHost        = &httpError{http.StatusForbidden, "error.host"}
	errTooLarge    = &httpError{http.StatusRequestEntityTooLarge, "error.too_large"}
	errNoRenderer  = &httpError{http.StatusServiceUnavailable, "error.no_renderer"}
	errNoIngest    = &httpError{http.StatusServiceUnavailable, "error.no_ingest"}
	errTimeout     = &httpError{http.StatusServiceUnavailable, "error.timeout"}
	errUnsafeSVG   = &httpError{http.StatusInternalServerError, "error.unsafe_svg"}
	errInternal    = &httpError{http.StatusInternalServerError, "error.internal"}
	errBadLang     = &httpError{http.StatusBadRequest, "error.lang"}
	errBadAsOf     = &httpError{http.StatusBadRequest, "error.as_of"}
	errBadForm     = &httpError{http.StatusBadRequest, "error.form"}
)

// isMachinePath reports whether a path is read by programs (the API, the
// plots, the liveness check), which get errors as JSON, not as a page.
func isMachinePath(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/plots/") || path == "/healthz"
}

// errorBody is the JSON of an error.
type errorBody struct {
	Error struct {
		Status    int    `json:"status"`
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id,omitempty"`
	} `json:"error"`
}

// fail is the one way a handler answers with an error: it chooses the
// status from the error, logs what a developer needs (never shown to the
// user when the error is internal), and writes the message as JSON for
// programs or as a page, in the request's language, for people.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		// The client went away; nobody reads an answer.
		return
	}
	lang := s.langOf(r)
	status, code, message := http.StatusInternalServerError, impact.EINTERNAL, ""
	var he *httpError
	var me *http.MaxBytesError
	switch {
	case errors.As(err, &he):
		status, code = he.status, he.key
		message = t(lang, he.key)
		if he == errTooLarge {
			message = t(lang, he.key, formatBytes(s.cfg.MaxUpload, lang))
		}
		if he == errInternal || he == errUnsafeSVG {
			s.log.errorf(r, err)
		}
	case errors.As(err, &me):
		status, code = http.StatusRequestEntityTooLarge, errTooLarge.key
		message = t(lang, errTooLarge.key, formatBytes(s.cfg.MaxUpload, lang))
	case errors.Is(err, context.DeadlineExceeded):
		status, code = errTimeout.status, errTimeout.key
		message = t(lang, errTimeout.key)
		s.log.errorf(r, err)
	default:
		code = impact.ErrorCode(err)
		switch code {
		case impact.ENOTFOUND:
			status, message = http.StatusNotFound, impact.ErrorMessageIn(err, lang)
		case impact.EINVALID:
			status, message = http.StatusBadRequest, impact.ErrorMessageIn(err, lang)
		case impact.EDATA, impact.EFOUND:
			status, message = http.StatusUnprocessableEntity, impact.ErrorMessageIn(err, lang)
		case impact.ECONFLICT:
			status, message = http.StatusConflict, impact.ErrorMessageIn(err, lang)
		default:
			// An internal error's text may name files and queries: the
			// log gets it, the user a reference to find it there.
			status, code = http.StatusInternalServerError, impact.EINTERNAL
			message = t(lang, "error.internal")
			s.log.errorf(r, err)
		}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="impact"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	reqID := middleware.GetReqID(r.Context())
	if isMachinePath(r.URL.Path) || r.Method == http.MethodHead {
		var body errorBody
		body.Error.Status, body.Error.Code, body.Error.Message, body.Error.RequestID = status, code, message, reqID
		writeJSON(w, status, body)
		return
	}
	p := s.newPage(w, r, lang, "", t(lang, "error.title", status))
	p.Data = errorPage{Status: status, Message: message, RequestID: reqID}
	s.render(w, r, status, "error.html", p)
}

// errorPage is what the error page shows.
type errorPage struct {
	Status    int
	Message   string
	RequestID string
}

// Lines splits the message into its lines: a refusal lists one problem a line.
func (e errorPage) Lines() []string { return trimLines(e.Message) }

// writeJSON writes v as indented JSON. encoding/json escapes <, > and & in
// strings, so no text from the data can be read as HTML even by a browser
// that ignores the content type.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, `{"error":{"status":500,"code":"internal","message":"cannot write JSON"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
