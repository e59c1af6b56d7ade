package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// lockedBuffer is an output stream that a test reads while a server writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// served is an impact serve running in-process.
type served struct {
	url            string
	stdout, stderr *lockedBuffer
	stop           func() error
}

var servingLine = regexp.MustCompile(` (https?://\S+/) `)

// startServe runs impact serve in dir with env as its environment until
// stop, which cancels it as Ctrl-C would and returns its error.
func startServe(t *testing.T, dir string, env map[string]string, args ...string) *served {
	t.Helper()
	s := &served{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	m := NewMain()
	m.Stdout, m.Stderr, m.Stdin = s.stdout, s.stderr, strings.NewReader("")
	m.Dir = dir
	m.Getenv = func(k string) string { return env[k] }
	m.Now = func() time.Time { return time.Date(2025, 11, 30, 12, 0, 0, 0, time.UTC) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		err := m.Run(ctx, append([]string{"serve"}, args...))
		if cerr := m.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	var once sync.Once
	var stopErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("impact serve did not stop within 30 s of Ctrl-C")
			}
		})
		return stopErr
	}
	t.Cleanup(func() { s.stop() })
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m := servingLine.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = strings.TrimSuffix(m[1], "/")
			return s
		}
		select {
		case err := <-done:
			done <- err
			return s
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("impact serve did not start:\n%s", s.stderr)
	return s
}

// get fetches a path of the server.
func (s *served) get(t *testing.T, path string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{Timeout: 2 * time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(body)
}

// exampleWithData makes the example project in a new folder and ingests
// its data.
func exampleWithData(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "boden")
	MustRun(t, root, "init", "--example", dir)
	MustRun(t, dir, "ingest")
	return dir
}

func TestServeRefusesANetworkAddressWithoutTokens(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	MustRun(t, root, "init", dir)
	for _, addr := range []string{"0.0.0.0:0", ":8080", "192.0.2.10:8080"} {
		r := run(t, dir, "serve", "--addr", addr, "--lang", "en")
		if r.code != 2 || !strings.Contains(r.stderr, "is not a loopback address") || !strings.Contains(r.stderr, "IMPACT_VIEW_TOKEN") {
			t.Errorf("serve --addr %s without tokens: exit %d\n%s", addr, r.code, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".impact", "impact.duckdb")); err == nil {
		t.Errorf("a server that may not start opened the store")
	}
	// Tokens that are too short or alike are refused too.
	os.WriteFile(filepath.Join(dir, ".impact", "tokens"), []byte("view=short\nedit=also-short\n"), 0o600)
	if r := run(t, dir, "serve", "--addr", "192.0.2.10:8080", "--lang", "en"); r.code != 2 || !strings.Contains(r.stderr, "shorter than 16") {
		t.Errorf("short tokens: exit %d\n%s", r.code, r.stderr)
	}
	os.Chmod(filepath.Join(dir, ".impact", "tokens"), 0o644)
	if r := run(t, dir, "serve", "--addr", "192.0.2.10:8080"); r.code != 2 || !strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("a tokens file others may read: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, dir, "serve", "--addr", "nonsense", "--lang", "en"); r.code != 2 || !strings.Contains(r.stderr, "is not host:port") {
		t.Errorf("a bad address: exit %d\n%s", r.code, r.stderr)
	}
}

func TestServeWithTokensGetsPastTheCheck(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	MustRun(t, root, "init", dir)
	// 192.0.2.10 belongs to no interface here, so the listen fails: the
	// server got past the token check without sending anything anywhere.
	env := map[string]string{"IMPACT_VIEW_TOKEN": "view-token-0123456789abcdef", "IMPACT_EDIT_TOKEN": "edit-token-0123456789abcdef"}
	s := startServe(t, dir, env, "--addr", "192.0.2.10:8080")
	err := s.stop()
	if err == nil || !strings.Contains(err.Error(), "cannot listen on 192.0.2.10:8080") {
		t.Errorf("serve on a foreign address with tokens: %v\n%s", err, s.stderr)
	}
}

func TestServeOnLoopback(t *testing.T) {
	dir := exampleWithData(t)
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url == "" {
		t.Fatalf("impact serve did not start:\n%s", s.stderr)
	}
	// The example speaks Swedish, and so does serve.
	if !strings.Contains(s.stdout.String(), i18n.Sprintf(i18n.Dashboards, "sv", "access.loopback")) {
		t.Errorf("serve does not say who may come in:\n%s", s.stdout)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	id := p.Indicators[0].ID
	for _, tc := range []struct{ path, contentType string }{
		{"/healthz", "application/json; charset=utf-8"},
		{"/", "text/html; charset=utf-8"},
		{"/indicators/" + id, "text/html; charset=utf-8"},
		{"/participation", "text/html; charset=utf-8"},
		{"/costs", "text/html; charset=utf-8"},
		{"/quality", "text/html; charset=utf-8"},
		{"/ingest", "text/html; charset=utf-8"},
		{"/api/v1/evaluation", "application/json; charset=utf-8"},
		{"/api/v1/indicators/" + id, "application/json; charset=utf-8"},
		{"/api/v1/plots/" + id + ".svg", "image/svg+xml"},
		{"/plots/toc.svg", "image/svg+xml"},
		{"/plots/costs.svg", "image/svg+xml"},
		{"/plots/sroi.svg", "image/svg+xml"},
		{"/plots/tornado.svg", "image/svg+xml"},
		{"/reports/workshop.html", "text/html; charset=utf-8"},
		{"/reports/memo.md?lang=en", "text/markdown; charset=utf-8"},
	} {
		code, header, body := s.get(t, tc.path, nil)
		if code != http.StatusOK || header.Get("Content-Type") != tc.contentType {
			t.Errorf("GET %s: %d %q, want 200 %q\n%.400s", tc.path, code, header.Get("Content-Type"), tc.contentType, body)
		}
	}
	// The API answers what impact evaluate --json answers.
	_, _, body := s.get(t, "/api/v1/evaluation?as_of=2025-11-30", nil)
	var served impact.Evaluation
	if err := json.Unmarshal([]byte(body), &served); err != nil {
		t.Fatal(err)
	}
	// The funnel and the key figures are drawn when the evaluation has them.
	for name, has := range map[string]bool{"funnel": served.Participation != nil, "kpi": len(served.KPIs) > 0} {
		want := http.StatusNotFound
		if has {
			want = http.StatusOK
		}
		if code, _, body := s.get(t, "/plots/"+name+".svg", nil); code != want {
			t.Errorf("GET /plots/%s.svg: %d, want %d\n%.300s", name, code, want, body)
		}
	}
	r := run(t, dir, "evaluate", "--as-of", "2025-11-30", "--json")
	var cli impact.Evaluation
	if err := json.Unmarshal([]byte(r.stdout), &cli); r.code == 0 && err == nil {
		if len(served.Indicators) != len(cli.Indicators) || served.DataHash != cli.DataHash {
			t.Errorf("the API and impact evaluate --json disagree: %d indicators, hash %s; %d, %s", len(served.Indicators), served.DataHash, len(cli.Indicators), cli.DataHash)
		}
		for i := range cli.Indicators {
			a, b := served.Indicators[i], cli.Indicators[i]
			// The API shows no figure of an indicator under min_cell;
			// impact evaluate --json keeps them, marked.
			if b.Suppressed {
				if !a.Suppressed || a.Estimate != nil || a.N != nil {
					t.Errorf("indicator %s under min_cell: the API shows n %v, estimate %v", b.ID, a.N, a.Estimate)
				}
				b.Estimate = nil
			}
			if a.ID != b.ID || a.Status != b.Status || (a.Estimate == nil) != (b.Estimate == nil) || (a.Estimate != nil && *a.Estimate != *b.Estimate) {
				t.Errorf("indicator %s: the API says %s, impact evaluate %s", b.ID, a.Status, b.Status)
			}
		}
	} else {
		t.Logf("impact evaluate --json is not there to compare with: exit %d, %v", r.code, err)
	}
	if err := s.stop(); err != nil {
		t.Errorf("serve after Ctrl-C: %v\n%s", err, s.stderr)
	}
	if strings.Contains(s.stderr.String(), "panic") {
		t.Errorf("the log holds a panic:\n%s", s.stderr)
	}
}

func TestServeEscapesHostileNamesThroughTheReports(t *testing.T) {
	dir := exampleWithData(t)
	file := filepath.Join(dir, impact.ProjectFileName)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	const script, img = `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`
	for _, r := range []struct{ from, to string }{
		{"name: Samlad kraft för framtidens Boden", "name: " + script},
		{"name: Unika deltagare på nätverksträffar", "name: '" + img + "'"},
		{"name: Nätverksträffar,", "name: '" + script + "',"},
		{"name: Ökat psykiskt välbefinnande,", "name: '" + img + "',"},
	} {
		if !strings.Contains(text, r.from) {
			t.Fatalf("the example's impact.yaml no longer holds %q; update the test", r.from)
		}
		text = strings.Replace(text, r.from, r.to, 1)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, p := mustServeLoopback(t, dir)
	for _, path := range []string{"/", "/?lang=en", "/indicators/" + p.Indicators[0].ID, "/costs", "/participation", "/quality",
		"/api/v1/plots/" + p.Indicators[0].ID + ".svg", "/plots/toc.svg", "/plots/costs.svg", "/plots/tornado.svg",
		"/reports/workshop.html", "/reports/memo.html?lang=en", "/api/v1/evaluation"} {
		code, _, body := s.get(t, path, nil)
		if code != http.StatusOK {
			t.Errorf("GET %s: %d (a 500 on an SVG means the reports let a hostile name through unescaped)\n%.300s", path, code, body)
			continue
		}
		for _, raw := range []string{script, img, "<img src=x", "<script>alert"} {
			if strings.Contains(body, raw) {
				t.Errorf("GET %s holds %q unescaped", path, raw)
			}
		}
	}
}

func TestServeScreenshotInChromium(t *testing.T) {
	ctx := newChromium(t)
	dir := exampleWithData(t)
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url == "" {
		t.Fatalf("impact serve did not start:\n%s", s.stderr)
	}
	out := artifacts(t)
	p, _ := impact.Load(dir)
	for _, page := range []struct{ name, path string }{
		{"serve-goal-board.png", "/"},
		{"serve-indicator.png", "/indicators/" + p.Indicators[len(p.Indicators)-1].ID},
		{"serve-costs.png", "/costs"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(s.url+page.path), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
			t.Fatalf("%s: %v", page.path, err)
		}
		broken, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length`))
		if err != nil || broken != 0 {
			t.Errorf("%s: %d plots did not load (%v)", page.path, broken, err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(out, page.name)
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", file)
	}
}
