// Package dashboards is the web face of impact (`impact serve`): a small
// chi server that shows everyone at a weekly check-in or a strategic
// meeting the same live picture of the goals. It renders pages on the
// server with html/template, embeds every asset, needs no JavaScript, and
// computes no figure of its own: every page, plot, report and API answer
// reads one *impact.Evaluation, cached by data hash and as-of date.
//
// On a loopback address nobody logs in; on any other address the server
// refuses to start without a viewer token and an editor token, and every
// request must carry one (Authorization: Bearer, or the cookie that the
// login form sets). Editors may upload data files, which are checked and
// loaded exactly as `impact ingest` does.
//
//	srv, err := dashboards.New(dashboards.Config{Project: p, Addr: "127.0.0.1:8080", Evaluate: …, DataHash: db.DataHash})
//	...
//	err = srv.ListenAndServe(ctx, nil) // until ctx is cancelled
package dashboards

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

// DefaultAddr is where `impact serve` listens unless told otherwise: the
// loopback address, so that nothing is exposed by accident.
const DefaultAddr = "127.0.0.1:8080"

// DefaultMaxUpload is the largest data file the upload form accepts, in bytes.
const DefaultMaxUpload = 50 << 20

// EvaluateFunc computes the evaluation of the project on the data in the
// store at the as-of date (package metrics). It must honour ctx.
type EvaluateFunc func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error)

// IngestFunc loads one data file into the store exactly as `impact ingest`
// does (package ingest): the same checks, the same messages, one
// transaction.
type IngestFunc func(ctx context.Context, src impact.Source, opts IngestOptions) (ingest.Result, error)

// IngestOptions are the switches of `impact ingest` that the upload form
// offers.
type IngestOptions struct {
	// SkipInvalid loads the valid rows and keeps the others in the rejects.
	SkipInvalid bool
	// DryRun checks every row and writes nothing.
	DryRun bool
	// Lang is the language of the page, which ingest's refusals and notes
	// are said in (Project.SpeakingIn).
	Lang string
}

// Renderer draws the plots and writes the documents (package reports).
// Everything it returns is engine output, but the text inside came from
// the project file and the data, so it must be escaped; the server checks
// every SVG for script before it sends it all the same.
type Renderer interface {
	// IndicatorPlot draws one indicator's plot as SVG.
	IndicatorPlot(ev *impact.Evaluation, id, lang string) ([]byte, error)
	// Plot draws one plot of the whole evaluation as SVG; name is one of
	// PlotNames.
	Plot(p *impact.Project, ev *impact.Evaluation, name, lang string) ([]byte, error)
	// Report writes a document (workshop, memo or quality) in a format
	// (html, md or pdf).
	Report(ctx context.Context, doc, format string, in ReportInput) ([]byte, error)
}

// PlotNames lists the plots of the whole evaluation that the pages show:
// the theory of change with status marks, the participation funnel,
// budget against actual cost, the SROI distribution, the tornado chart of
// its assumptions, and the Kolada key figures.
var PlotNames = []string{"toc", "funnel", "costs", "sroi", "tornado", "kpi"}

// ReportInput is what a document is made from.
type ReportInput struct {
	Project     *impact.Project
	Evaluation  *impact.Evaluation
	Lang        string
	Version     string
	GeneratedAt time.Time
}

// Config is what a Server is made of. Project, Evaluate and DataHash are
// required; the rest have defaults.
type Config struct {
	// Project is the loaded project file.
	Project *impact.Project
	// Addr is the address to listen on (DefaultAddr when empty). It decides
	// the access rules: loopback needs no login, any other address tokens.
	Addr string
	// Tokens are the viewer and editor tokens (see LoadTokens); both are
	// required unless Addr is a loopback address.
	Tokens Tokens
	// TLS says that the server is reached over HTTPS (its cookies are
	// then Secure). ListenAndServe serves TLS when CertFile and KeyFile
	// are set.
	TLS               bool
	CertFile, KeyFile string

	// Evaluate computes an evaluation; DataHash fingerprints the data in
	// the store (store.DB.DataHash), the key of the cache.
	Evaluate EvaluateFunc
	DataHash func(ctx context.Context) (string, error)
	// Ingest loads an uploaded file; without it the upload page says that
	// this server cannot load data.
	Ingest IngestFunc
	// Renderer draws plots and reports; without it the pages show their
	// tables only and the report routes answer 503.
	Renderer Renderer

	// Version is the engine's version, shown in the footer.
	Version string
	// Now is the clock (time.Now when nil): the default as-of date.
	Now func() time.Time
	// MaxUpload is the largest upload in bytes (DefaultMaxUpload when 0).
	MaxUpload int64
	// Log receives one line per request and the details of internal
	// errors (os.Stderr when nil); never personal data or tokens.
	Log io.Writer
	// PageTimeout bounds a page or API request, LongTimeout a report or an
	// upload (30 s and 5 min when 0).
	PageTimeout, LongTimeout time.Duration

	// Resolver resolves a name in Addr (the system's when nil): the server
	// is loopback only when every address of the name is.
	Resolver Resolver
	// MaxConns and MaxConnsPerAddr cap the connections held at once, in
	// all and from one client address (DefaultMaxConns and
	// DefaultMaxConnsPerAddr when 0).
	MaxConns, MaxConnsPerAddr int

	// Collect gives the forms of an impact-measurement day (collect.md)
	// the store; without it the server offers no form. Secret keys the
	// pseudonyms of their participants; FormRate is the answers a minute
	// one address may send (DefaultFormRate when 0).
	Collect  CollectFunc
	Secret   []byte
	FormRate int
}

// Server is the dashboards' HTTP server. Its handler is safe for
// concurrent use.
type Server struct {
	cfg     Config
	project *impact.Project
	// public is true when the server listens on a non-loopback address
	// and so demands a token on every request.
	public bool
	// key signs sessions and CSRF tokens. It is made anew for every
	// process, so a restart logs everybody out: nothing to store or leak.
	key    []byte
	router chi.Router
	evals  *evaluations
	// reports caches rendered documents by data hash, as-of, language,
	// document and format.
	reports *reportCache
	// pages caches rendered pages; csrfMark stands for the CSRF token in
	// them until render puts in the request's own.
	pages    pageCache
	csrfMark string
	log      *logger
	// uploads counts the uploads, to name a state of the data whose hash
	// could not be read.
	uploads atomic.Int64

	// revoked are the sessions ended by a logout.
	revoked revokedSessions
	// logins limits the login attempts of each address.
	logins loginLimiter
	// projectFile serialises the column-matching step's writes to
	// impact.yaml.
	projectFile sync.Mutex

	// collectMu lets one answer at a time into the store; forms limits
	// the answers of each address.
	collectMu sync.Mutex
	forms     loginLimiter
	live      liveCache
}

// New checks the configuration and returns a Server. It refuses a
// non-loopback address without both tokens.
func New(cfg Config) (*Server, error) {
	if cfg.Project == nil || cfg.Evaluate == nil || cfg.DataHash == nil {
		return nil, errors.New("dashboards: Config needs Project, Evaluate and DataHash")
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.PageTimeout <= 0 {
		cfg.PageTimeout = 30 * time.Second
	}
	if cfg.LongTimeout <= 0 {
		cfg.LongTimeout = 5 * time.Minute
	}
	if cfg.FormRate <= 0 {
		cfg.FormRate = DefaultFormRate
	}
	if cfg.CertFile != "" || cfg.KeyFile != "" {
		if cfg.CertFile == "" || cfg.KeyFile == "" {
			return nil, refuse(impact.EINVALID, "refuse.cert_key")
		}
		cfg.TLS = true
	}
	loopback, err := LoopbackAddr(context.Background(), cfg.Addr, cfg.Resolver)
	if err != nil {
		return nil, err
	}
	if !loopback {
		if err := cfg.Tokens.check(cfg.Addr); err != nil {
			return nil, err
		}
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("dashboards: no randomness for the session key: %w", err)
	}
	mark := make([]byte, 16)
	if _, err := rand.Read(mark); err != nil {
		return nil, fmt.Errorf("dashboards: no randomness for the CSRF mark: %w", err)
	}
	s := &Server{
		csrfMark: "csrf-mark-" + hex.EncodeToString(mark),
		cfg:      cfg,
		project:  cfg.Project,
		public:   !loopback,
		key:      key,
		evals:    newEvaluations(),
		reports:  newReportCache(32),
		log:      &logger{w: cfg.Log},
		forms:    loginLimiter{burst: float64(cfg.FormRate), every: time.Minute / time.Duration(cfg.FormRate)},
	}
	s.router = s.routes()
	return s, nil
}

// Public reports whether the server demands tokens (it listens on a
// non-loopback address).
func (s *Server) Public() bool { return s.public }

// Handler returns the server's router with every middleware.
func (s *Server) Handler() http.Handler { return s.router }

// routes builds the router: middleware first, then one route per page and
// resource of dashboards.md.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(middleware.GetHead)
	r.Use(middleware.RequestID)
	r.Use(s.logRequests)
	r.Use(middleware.Recoverer)
	r.Use(s.securityHeaders)
	r.Use(s.checkHost)
	r.Use(s.crossOrigin)
	r.Use(s.authenticate)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, errNotFound) })
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, errMethod) })

	// Open to all: liveness for monitors, the stylesheet the login page
	// needs, and the login itself.
	r.Get("/healthz", s.handleHealth)
	r.Get("/static/{name}", s.handleStatic)
	s.collectRoutes(r)
	r.Group(func(r chi.Router) {
		r.Use(withTimeout(s.cfg.PageTimeout))
		r.Get("/login", s.handleLoginForm)
		r.With(s.limitLogin).Post("/login", s.handleLogin)
		r.Post("/logout", s.handleLogout)
	})

	r.Group(func(r chi.Router) {
		r.Use(s.require(roleViewer))
		r.Group(func(r chi.Router) {
			r.Use(withTimeout(s.cfg.PageTimeout))
			r.Get("/", s.handleGoalBoard)
			r.Get("/indicators/{id}", s.handleIndicator)
			r.Get("/participation", s.handleParticipation)
			r.Get("/costs", s.handleCosts)
			r.Get("/quality", s.handleQuality)
			r.Get("/plots/{file}", s.handlePlot)
			r.Get("/api/v1/evaluation", s.handleAPIEvaluation)
			r.Get("/api/v1/indicators/{id}", s.handleAPIIndicator)
			r.Get("/api/v1/plots/{file}", s.handleAPIPlot)
		})
		r.Group(func(r chi.Router) {
			r.Use(withTimeout(s.cfg.LongTimeout), longDeadlines(s.cfg.LongTimeout))
			r.Get("/reports/{file}", s.handleReport)
		})
	})
	r.Group(func(r chi.Router) {
		r.Use(s.require(roleEditor))
		r.Use(withTimeout(s.cfg.LongTimeout), longDeadlines(s.cfg.LongTimeout))
		r.Get("/ingest", s.handleIngestForm)
		r.Post("/ingest", s.handleIngest)
		r.Post("/ingest/columns", s.handleIngestColumns)
		s.collectEditorRoutes(r)
	})
	return r
}

// withTimeout bounds the context of a request. The handlers pass it on to
// the evaluation and the renderer, and answer a deadline through fail; unlike
// chi's Timeout this writes nothing itself, so no answer is written twice.
func withTimeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// Warm computes the evaluation at today's date, so that the first visitor
// does not wait for it.
func (s *Server) Warm(ctx context.Context) error {
	s.evals.store.RLock()
	err := s.evals.refreshHash(ctx, s.cfg.DataHash)
	s.evals.store.RUnlock()
	if err != nil {
		return err
	}
	_, err = s.evaluation(ctx, s.today())
	return err
}

// ListenAndServe listens on the configured address and serves until ctx
// is cancelled (Ctrl-C in `impact serve`), then shuts down gracefully:
// requests in flight, an upload among them, may finish within 15 seconds.
// ready, when not nil, is called with the address actually listened on.
func (s *Server) ListenAndServe(ctx context.Context, ready func(addr net.Addr)) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return refuse(impact.EINVALID, "refuse.listen", s.cfg.Addr, err)
	}
	if !s.public && !boundLoopback(ln.Addr()) {
		ln.Close()
		return refuse(impact.EINVALID, "refuse.bound", s.cfg.Addr, ln.Addr())
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	// Short timeouts for every request (limits.go); uploads and reports,
	// which need minutes, get theirs from longDeadlines. The per-route
	// timeouts bound the work itself.
	ln = limitConns(ln, s.cfg.MaxConns, s.cfg.MaxConnsPerAddr)
	srv := &http.Server{
		Handler:           s.router,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      s.cfg.PageTimeout + writeGrace,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
		ErrorLog:          nil,
	}
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		var err error
		if s.cfg.CertFile != "" {
			err = srv.ServeTLS(ln, s.cfg.CertFile, s.cfg.KeyFile)
		} else {
			err = srv.Serve(ln)
		}
		if !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	select {
	case err := <-errc:
		return impact.Errorf(impact.EINTERNAL, "serve: %v", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	wg.Wait()
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "serve: requests still running after 15 s were cut off: %v", err)
	}
	return nil
}

// today is the default as-of date: the date of the clock, in local time.
func (s *Server) today() impact.Date {
	now := s.cfg.Now()
	y, m, d := now.Date()
	return impact.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}
