package dashboards_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
	"github.com/joiningforces/impact/synth"
)

// Tokens of the tests' network servers.
const (
	viewToken = "view-token-0123456789abcdef"
	editToken = "edit-token-0123456789abcdef"
	// publicAddr is a documentation address (TEST-NET-1): a server
	// configured with it demands tokens, and the tests reach it only
	// through httptest, never over the network.
	publicAddr   = "192.0.2.10:8080"
	loopbackHost = "127.0.0.1:8080"
)

// Hostile texts from the project file and the data: both must come out
// escaped on every page, in every SVG and in the JSON.
const (
	hostileScript = `<script>alert(1)</script>`
	hostileImg    = `"><img src=x onerror=alert(1)>`
)

// fixedNow is the tests' clock.
var fixedNow = time.Date(2025, 11, 30, 10, 0, 0, 0, time.UTC)

// MustExample writes the bundled example project (Samlad kraft för
// framtidens Boden, in Swedish) with a secret into a new folder and loads it.
func MustExample(t testing.TB) *impact.Project {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	return mustSecretAndLoad(t, dir)
}

func mustSecretAndLoad(t testing.TB, dir string) *impact.Project {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, ".impact"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".impact", "secret"), []byte("test-secret-of-the-dashboards\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatalf("the project does not load: %v", err)
	}
	return p
}

// MustHostileExample is the example project with hostile names in the
// project file: the project's name, an indicator's, a node's, a partner's
// and an assumption's.
func MustHostileExample(t testing.TB) *impact.Project {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, impact.ProjectFileName)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	quoted := "'" + hostileImg + "'"
	for _, r := range []struct{ from, to string }{
		{"name: Samlad kraft för framtidens Boden", "name: " + hostileScript},
		{"name: Unika deltagare på nätverksträffar", "name: " + quoted},
		{"name: Nätverksträffar,", "name: '" + hostileScript + "',"},
		{"name: Nya Vägar Norr ek. för.,", "name: '" + hostileImg + "',"},
		{`text: "Arbetsgivarna kommer till jobbmarknaden och har jobb som passar målgruppen."`, "text: '" + hostileScript + hostileImg + "'"},
	} {
		if !strings.Contains(text, r.from) {
			t.Fatalf("the example's impact.yaml no longer holds %q; update the test", r.from)
		}
		text = strings.Replace(text, r.from, r.to, 1)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return mustSecretAndLoad(t, dir)
}

// fakeEvaluation is an evaluation of the project with a result of every
// kind and status, a suppressed group, a forecast, costs, value,
// participation, quality and findings, and text from the data in every
// place data can put it (marked with mark, a hostile text in security
// tests). The dashboards compute nothing, so any evaluation will do.
func fakeEvaluation(p *impact.Project, asOf impact.Date, mark string) *impact.Evaluation {
	statuses := []impact.Status{impact.StatusMet, impact.StatusLikelyMet, impact.StatusLikelyNotMet, impact.StatusNotMet, impact.StatusInsufficientData, impact.StatusNoData}
	ev := &impact.Evaluation{
		Project: p.Info.ID, Name: p.Info.Name, AsOf: asOf, Confidence: 0.95, MinCell: 5,
		GeneratedAt: fixedNow, DataHash: strings.Repeat("ab", 32), Version: "test",
	}
	for i, ind := range p.Indicators {
		kind := impact.KindCount
		if ind.Measure != nil {
			kind = ind.Measure.Kind
		}
		r := impact.Result{
			ID: ind.ID, Name: ind.Name, Node: ind.Node, Kind: kind, TargetGroup: ind.TargetGroup,
			Target: ind.Target, Direction: ind.Direction, Deadline: ind.Deadline,
			Status: statuses[i%len(statuses)], N: impact.Int(42 + i),
		}
		if ind.Baseline != nil {
			r.Baseline = impact.Float(ind.Baseline.Value)
		}
		target := 1.0
		if ind.Target != nil {
			target = *ind.Target
		}
		r.Estimate = impact.Float(target * (0.8 + 0.1*float64(i%4)))
		if impact.Sampled(kind) {
			r.CILow, r.CIHigh = impact.Float(*r.Estimate*0.8), impact.Float(*r.Estimate*1.2)
			r.PValue, r.PAdjusted, r.ProbTargetMet = impact.Float(0.03), impact.Float(0.09), impact.Float(0.74)
			r.CIMethod = map[string]string{impact.KindProportion: "wilson", impact.KindMean: "t", impact.KindPairedChange: "paired_t"}[kind]
		}
		if kind == impact.KindPairedChange {
			r.NPre, r.NPost, r.Attrition = impact.Int(60), impact.Int(50), impact.Float(0.25)
			r.PValueZero, r.WilcoxonP, r.EffectSize = impact.Float(0.0004), impact.Float(0.002), impact.Float(0.62)
		}
		r.Disaggregation = []impact.Group{
			{Dimension: "gender", Group: "female", N: impact.Int(20), Estimate: r.Estimate, CILow: r.CILow, CIHigh: r.CIHigh},
			{Dimension: "gender", Group: "male", N: impact.Int(19), Estimate: r.Estimate},
			{Dimension: "gender", Group: "other", Suppressed: true},
			{Dimension: "cohort", Group: mark, N: impact.Int(7), Estimate: r.Estimate},
		}
		if ind.Frequency != "once" && ind.Deadline != nil {
			r.Series = []impact.Point{
				{Date: impact.Date{Time: asOf.AddDate(0, -3, 0)}, Label: mark, Value: target * 0.3, N: impact.Int(12)},
				{Date: impact.Date{Time: asOf.AddDate(0, -2, 0)}, Value: target * 0.5},
				{Date: impact.Date{Time: asOf.AddDate(0, -1, 0)}, Value: target * 0.7},
			}
			r.Forecast = &impact.Forecast{At: *ind.Deadline, Value: target * 1.05, PILow: target * 0.8, PIHigh: target * 1.3, OnTrack: true, Points: 3}
		}
		ev.Indicators = append(ev.Indicators, r)
	}
	ev.Costs = &impact.CostSummary{
		Currency: "SEK", Total: 412000, Basis: "actual", Budget: 450000, Actual: 412000,
		Participants: impact.Int(80), PerParticipant: impact.Float(5150),
		PerOutcome: map[string]*float64{p.Indicators[0].ID: impact.Float(21684)},
		Lines:      []impact.CostLine{{Activity: mark, Partner: "nyavagar", Category: "staff", Budget: 100000, Actual: 90000}},
	}
	ev.Value = &impact.ValueSummary{
		SROIMid: impact.Float(2.4), SROIMedian: impact.Float(2.3), SROIP05: impact.Float(1.1), SROIP95: impact.Float(4.0),
		ProbSROIAbove1: impact.Float(0.97), BreakEvenOutcomes: impact.Float(8), PresentValue: impact.Float(988800), Draws: 10000,
		Sensitivity: []impact.Sensitivity{{Parameter: mark, Low: 2.9, High: 1.8}},
	}
	ev.Findings = []impact.Finding{{Rule: "S001", Severity: impact.SeverityWarning, File: "impact.yaml", Line: 3, Subject: p.Indicators[0].ID, Message: "finding about " + mark}}
	ev.Participation = &impact.Participation{
		Events:       []impact.EventSummary{{ID: "meetup-1", Kind: "meetup", Date: asOf, Name: mark, Attendees: impact.Int(31), NewContacts: impact.Float(2.4)}, {ID: "meetup-2", Kind: "meetup", Date: asOf}},
		Participants: impact.Int(80),
		Repeat:       []impact.RepeatCount{{Events: 1, People: impact.Int(40)}, {Events: 4, People: nil}},
		Funnel:       []impact.FunnelStep{{Step: "meetup", N: impact.Int(80)}, {Step: "job_market", N: impact.Int(40), Conversion: impact.Float(0.5)}, {Step: "hired", N: nil}},
	}
	ev.KPIs = []impact.KPISeries{{KPI: "N00914", Municipality: "2582", Gender: "T", Points: []impact.KPIPoint{{Period: 2023, Value: impact.Float(81.2)}, {Period: 2024}}}}
	ev.Quality = &impact.Quality{
		Sources: []impact.SourceLog{{Path: "data/" + mark + ".csv", Kind: "attendance", Hash: "00", IngestedAt: fixedNow, Read: 10, Loaded: 9, Rejected: 1,
			Rejects: []impact.RejectRow{{Line: 3, Column: mark, Reason: "the value " + mark + " is not a date"}}}},
		Missing: []impact.MissingCount{{Table: "participants", Column: "gender", Missing: 3, Rows: 200}},
		ResponseRates: []impact.ResponseRate{{Event: mark, Wave: "pre", Respondents: impact.Int(60), Complete: impact.Int(58), Rate: impact.Float(0.8)},
			// 44 answered, 41 completely: the 3 incomplete would be given
			// away, so the 41 are withheld, as metrics leaves them.
			{Event: mark, Wave: "post", Respondents: impact.Int(44), CompleteWithheld: true, Rate: impact.Float(0.6)}},
		Checks: []string{"pseudonymised", "personnummer"},
	}
	return ev
}

// fakeRenderer draws tiny SVGs that carry the indicator's or project's
// name, escaped as package reports must escape it, and tiny documents.
type fakeRenderer struct {
	// unsafe makes the SVGs carry the names unescaped, as a broken
	// renderer would.
	unsafe bool
}

func (f fakeRenderer) svg(text string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="400" viewBox="0 0 720 400"><rect width="720" height="400" fill="#eef"/><text x="10" y="30">`)
	if f.unsafe {
		b.WriteString(text)
	} else {
		xml.EscapeText(&b, []byte(text))
	}
	b.WriteString(`</text></svg>`)
	return b.Bytes()
}

func (f fakeRenderer) IndicatorPlot(ev *impact.Evaluation, id, lang string) ([]byte, error) {
	r, ok := ev.Result(id)
	if !ok {
		return nil, impact.Errorf(impact.ENOTFOUND, "no indicator %s", id)
	}
	return f.svg(r.Name), nil
}

func (f fakeRenderer) Plot(p *impact.Project, ev *impact.Evaluation, name, lang string) ([]byte, error) {
	return f.svg(p.Info.Name + " " + name), nil
}

func (f fakeRenderer) Report(ctx context.Context, doc, format string, in dashboards.ReportInput) ([]byte, error) {
	var b bytes.Buffer
	switch format {
	case "html":
		b.WriteString("<!doctype html><html><body><h1>")
		xml.EscapeText(&b, []byte(in.Project.Info.Name+" "+doc+" "+in.Lang))
		b.WriteString("</h1></body></html>")
	case "md":
		fmt.Fprintf(&b, "# %s %s %s\n", in.Project.Info.Name, doc, in.Lang)
	case "pdf":
		b.WriteString("%PDF-1.4\n% fake\n")
	}
	return b.Bytes(), nil
}

// fixture is a server on a project with fakes or real parts, and what the
// tests need to reach it.
type fixture struct {
	t       testing.TB
	project *impact.Project
	server  *dashboards.Server
	handler http.Handler
	log     *syncBuffer
	db      *store.DB
	// host is the Host header of requests: a loopback name for a
	// loopback server.
	host string
}

// options of a fixture.
type options struct {
	public    bool
	hostile   bool
	renderer  dashboards.Renderer
	maxUpload int64
	// realStore opens a store and wires the real ingest; evaluate, when
	// set, replaces the fake evaluation.
	realStore bool
	evaluate  func(db *store.DB, p *impact.Project) dashboards.EvaluateFunc
	tls       bool
	// slow makes the evaluation wait until its context ends; pageTimeout
	// bounds a page.
	slow        bool
	pageTimeout time.Duration
}

// syncBuffer is a buffer for the server's log that tests read while the
// server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newFixture makes a server on the example project.
func newFixture(t testing.TB, o options) *fixture {
	t.Helper()
	f := &fixture{t: t, log: &syncBuffer{}, host: loopbackHost}
	if o.hostile {
		f.project = MustHostileExample(t)
	} else {
		f.project = MustExample(t)
	}
	mark := "Höstgruppen"
	if o.hostile {
		mark = hostileScript + hostileImg
	}
	cfg := dashboards.Config{
		Project:   f.project,
		Addr:      "127.0.0.1:8080",
		Version:   "test",
		Now:       func() time.Time { return fixedNow },
		Log:       f.log,
		MaxUpload: o.maxUpload,
		Renderer:  o.renderer,
		TLS:       o.tls,
		Evaluate: func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
			return fakeEvaluation(f.project, asOf, mark), nil
		},
		DataHash:    func(context.Context) (string, error) { return "fake", nil },
		PageTimeout: o.pageTimeout,
	}
	if o.slow {
		cfg.Evaluate = func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(time.Minute):
				return fakeEvaluation(f.project, asOf, mark), nil
			}
		}
	}
	if o.public {
		cfg.Addr = publicAddr
		cfg.Tokens = dashboards.Tokens{View: viewToken, Edit: editToken}
		f.host = publicAddr
	}
	if o.realStore {
		f.db = MustOpenStore(t, f.project)
		cfg.DataHash = f.db.DataHash
		cfg.Ingest = realIngest(f.project, f.db)
		if o.evaluate != nil {
			cfg.Evaluate = o.evaluate(f.db, f.project)
		}
	} else {
		cfg.Ingest = func(ctx context.Context, src impact.Source, opts dashboards.IngestOptions) (ingest.Result, error) {
			return ingest.Result{File: src.File, Kind: src.Kind, Read: 3, Loaded: 3, DryRun: opts.DryRun}, nil
		}
	}
	srv, err := dashboards.New(cfg)
	if err != nil {
		t.Fatalf("dashboards.New: %v", err)
	}
	f.server, f.handler = srv, srv.Handler()
	return f
}

// MustOpenStore opens a new store for the project.
func MustOpenStore(t testing.TB, p *impact.Project) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(p.Dir, ".impact", "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// realIngest is the ingest of `impact ingest`, as cmd/impact wires it.
func realIngest(p *impact.Project, db *store.DB) dashboards.IngestFunc {
	return func(ctx context.Context, src impact.Source, opts dashboards.IngestOptions) (ingest.Result, error) {
		secret, err := ingest.LoadSecret(p.Dir, func(string) string { return "" })
		if err != nil {
			return ingest.Result{}, err
		}
		return ingest.New(p.SpeakingIn(opts.Lang), db, ingest.Options{Secret: secret, SkipInvalid: opts.SkipInvalid, DryRun: opts.DryRun, Now: func() time.Time { return fixedNow }}).File(ctx, src)
	}
}

// request is one request of a test.
type request struct {
	method, path string
	body         io.Reader
	contentType  string
	header       map[string]string
	cookies      []*http.Cookie
	host         string
}

// do sends a request through the server's router.
func (f *fixture) do(r request) *httptest.ResponseRecorder {
	f.t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	req := httptest.NewRequest(r.method, r.path, r.body)
	req.Host = f.host
	if r.host != "" {
		req.Host = r.host
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	for _, c := range r.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

// get sends a GET with an optional bearer token.
func (f *fixture) get(path, token string) *httptest.ResponseRecorder {
	f.t.Helper()
	r := request{path: path}
	if token != "" {
		r.header = map[string]string{"Authorization": "Bearer " + token}
	}
	return f.do(r)
}

// session logs in through the form with a token and returns the cookies
// a browser would then hold.
func (f *fixture) session(token string) []*http.Cookie {
	f.t.Helper()
	form := f.do(request{path: "/login"})
	if form.Code != http.StatusOK {
		f.t.Fatalf("GET /login: %d", form.Code)
	}
	cookies := form.Result().Cookies()
	csrf := csrfOf(f.t, form.Body.String())
	rec := f.do(request{method: http.MethodPost, path: "/login", contentType: "application/x-www-form-urlencoded",
		body: strings.NewReader(url.Values{"csrf": {csrf}, "token": {token}, "next": {"/"}}.Encode()), cookies: cookies})
	if rec.Code != http.StatusSeeOther {
		f.t.Fatalf("POST /login: %d\n%s", rec.Code, rec.Body)
	}
	return append(cookies, rec.Result().Cookies()...)
}

var csrfPattern = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

// csrfOf returns the CSRF token of the first form of a page.
func csrfOf(t testing.TB, page string) string {
	t.Helper()
	m := csrfPattern.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page has no CSRF field:\n%s", page)
	}
	return m[1]
}

// multipartUpload builds an upload form with a file and fields.
func multipartUpload(t testing.TB, name string, content []byte, fields map[string]string) (io.Reader, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &body, w.FormDataContentType()
}

// upload gets the upload form with cookies (a browser's), then posts a
// file with the form's CSRF token and fields.
func (f *fixture) upload(cookies []*http.Cookie, name string, content []byte, fields map[string]string) *httptest.ResponseRecorder {
	f.t.Helper()
	form := f.do(request{path: "/ingest", cookies: cookies})
	if form.Code != http.StatusOK {
		f.t.Fatalf("GET /ingest: %d\n%s", form.Code, form.Body)
	}
	cookies = append(cookies, form.Result().Cookies()...)
	all := map[string]string{"csrf": csrfOf(f.t, form.Body.String())}
	for k, v := range fields {
		all[k] = v
	}
	body, ct := multipartUpload(f.t, name, content, all)
	return f.do(request{method: http.MethodPost, path: "/ingest", body: body, contentType: ct, cookies: cookies})
}
