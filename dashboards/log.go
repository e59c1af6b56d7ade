package dashboards

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// logger writes the request log and internal errors to stderr, one line
// each. It never writes the query string, a header, a form value or the
// client's address: tokens travel in headers and forms, and an address is
// personal data.
type logger struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *logger) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format+"\n", args...)
}

// errorf logs an error that the user only sees as a request id.
func (l *logger) errorf(r *http.Request, err error) {
	l.printf("serve: error in %s %s [%s]: %v", r.Method, logPath(r.URL.Path), middleware.GetReqID(r.Context()), err)
}

// logRequests logs each request when it ends: time, method, path, status,
// size, duration and request id.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		defer func() {
			status := ww.Status()
			if status == 0 {
				status = http.StatusOK
			}
			s.log.printf("serve: %s %s %s %d %dB %s [%s]", start.Format("2006-01-02T15:04:05"), r.Method, logPath(r.URL.Path),
				status, ww.BytesWritten(), time.Since(start).Round(time.Microsecond), middleware.GetReqID(r.Context()))
		}()
		next.ServeHTTP(ww, r)
	})
}
