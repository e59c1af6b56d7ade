package dashboards_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
)

// route is one GET route of dashboards.md with what it answers.
type route struct {
	path, contentType string
	// page is true for a page a person reads, which sends a visitor
	// without a token to the login form rather than answering 401.
	page bool
}

func routes(p *impact.Project) []route {
	id := p.Indicators[0].ID
	return []route{
		{"/", "text/html; charset=utf-8", true},
		{"/indicators/" + id, "text/html; charset=utf-8", true},
		{"/participation", "text/html; charset=utf-8", true},
		{"/costs", "text/html; charset=utf-8", true},
		{"/quality", "text/html; charset=utf-8", true},
		{"/reports/workshop.html?lang=en", "text/html; charset=utf-8", true},
		{"/reports/memo.md", "text/markdown; charset=utf-8", true},
		{"/reports/quality.pdf?lang=sv&as_of=2025-06-30", "application/pdf", true},
		{"/api/v1/evaluation", "application/json; charset=utf-8", false},
		{"/api/v1/indicators/" + id, "application/json; charset=utf-8", false},
		{"/api/v1/plots/" + id + ".svg", "image/svg+xml", false},
		{"/plots/toc.svg", "image/svg+xml", false},
		{"/plots/funnel.svg", "image/svg+xml", false},
	}
}

func TestRoutesOnLoopback(t *testing.T) {
	f := newFixture(t, options{renderer: fakeRenderer{}})
	for _, rt := range routes(f.project) {
		t.Run(rt.path, func(t *testing.T) {
			rec := f.get(rt.path, "")
			if got, want := rec.Code, http.StatusOK; got != want {
				t.Fatalf("GET %s: %d, want %d\n%s", rt.path, got, want, rec.Body)
			}
			if got, want := rec.Header().Get("Content-Type"), rt.contentType; got != want {
				t.Errorf("GET %s: Content-Type %q, want %q", rt.path, got, want)
			}
		})
	}
	for _, tc := range []struct {
		path        string
		status      int
		contentType string
	}{
		{"/healthz", 200, "application/json; charset=utf-8"},
		{"/static/style.css", 200, "text/css; charset=utf-8"},
		{"/ingest", 200, "text/html; charset=utf-8"},
		// Nobody logs in on loopback: the form sends the visitor on.
		{"/login", 303, ""},
		{"/static/nope.css", 404, "text/html; charset=utf-8"},
		{"/nope", 404, "text/html; charset=utf-8"},
		{"/indicators/nope", 404, "text/html; charset=utf-8"},
		{"/api/v1/indicators/nope", 404, "application/json; charset=utf-8"},
		{"/api/v1/plots/nope.svg", 404, "application/json; charset=utf-8"},
		{"/api/v1/plots/" + f.project.Indicators[0].ID + ".png", 404, "application/json; charset=utf-8"},
		{"/plots/secret.svg", 404, "application/json; charset=utf-8"},
		{"/?lang=de", 400, "text/html; charset=utf-8"},
		{"/api/v1/evaluation?as_of=30/11/2025", 400, "application/json; charset=utf-8"},
	} {
		rec := f.get(tc.path, "")
		if rec.Code != tc.status {
			t.Errorf("GET %s: %d, want %d\n%s", tc.path, rec.Code, tc.status, rec.Body)
		}
		if tc.contentType != "" && rec.Header().Get("Content-Type") != tc.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.path, rec.Header().Get("Content-Type"), tc.contentType)
		}
	}
	if rec := f.do(request{method: http.MethodDelete, path: "/"}); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /: %d, want 405", rec.Code)
	}
}

func TestRolesOnNetwork(t *testing.T) {
	f := newFixture(t, options{public: true, renderer: fakeRenderer{}})
	for _, rt := range routes(f.project) {
		t.Run(rt.path, func(t *testing.T) {
			rec := f.get(rt.path, "")
			if rt.page {
				if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login?next=") {
					t.Errorf("no token: %d %q, want 303 to /login", rec.Code, rec.Header().Get("Location"))
				}
			} else if rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("no token: %d (WWW-Authenticate %q), want 401 with a challenge", rec.Code, rec.Header().Get("WWW-Authenticate"))
			}
			if rec := f.get(rt.path, "wrong-token-0123456789abcdef"); rec.Code != http.StatusUnauthorized {
				t.Errorf("wrong token: %d, want 401", rec.Code)
			}
			for _, token := range []string{viewToken, editToken} {
				if rec := f.get(rt.path, token); rec.Code != http.StatusOK {
					t.Errorf("token %s: %d, want 200\n%s", token[:4], rec.Code, rec.Body)
				}
			}
		})
	}
	t.Run("open routes", func(t *testing.T) {
		for _, path := range []string{"/healthz", "/static/style.css", "/login"} {
			if rec := f.get(path, ""); rec.Code != http.StatusOK {
				t.Errorf("GET %s without a token: %d, want 200", path, rec.Code)
			}
		}
	})
	t.Run("upload needs the editor", func(t *testing.T) {
		if rec := f.get("/ingest", ""); rec.Code != http.StatusSeeOther {
			t.Errorf("GET /ingest without a token: %d, want 303", rec.Code)
		}
		if rec := f.get("/ingest", viewToken); rec.Code != http.StatusForbidden {
			t.Errorf("GET /ingest as viewer: %d, want 403", rec.Code)
		}
		if rec := f.get("/ingest", editToken); rec.Code != http.StatusOK {
			t.Errorf("GET /ingest as editor: %d, want 200", rec.Code)
		}
		body, ct := multipartUpload(t, "x.csv", []byte("a,b\n1,2\n"), map[string]string{"kind": "attendance"})
		rec := f.do(request{method: http.MethodPost, path: "/ingest", body: body, contentType: ct, header: map[string]string{"Authorization": "Bearer " + viewToken}})
		if rec.Code != http.StatusForbidden {
			t.Errorf("POST /ingest as viewer: %d, want 403", rec.Code)
		}
		body, ct = multipartUpload(t, "x.csv", []byte("a,b\n1,2\n"), map[string]string{"kind": "attendance"})
		rec = f.do(request{method: http.MethodPost, path: "/ingest", body: body, contentType: ct})
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("POST /ingest without a token: %d, want 401", rec.Code)
		}
		// A bearer token is no ambient credential, so it needs no CSRF token.
		body, ct = multipartUpload(t, "x.csv", []byte("a,b\n1,2\n"), map[string]string{"kind": "attendance"})
		rec = f.do(request{method: http.MethodPost, path: "/ingest", body: body, contentType: ct, header: map[string]string{"Authorization": "Bearer " + editToken}})
		if rec.Code != http.StatusOK {
			t.Errorf("POST /ingest as editor: %d, want 200\n%s", rec.Code, rec.Body)
		}
	})
	t.Run("viewer session", func(t *testing.T) {
		cookies := f.session(viewToken)
		if rec := f.do(request{path: "/", cookies: cookies}); rec.Code != http.StatusOK {
			t.Errorf("GET / with a viewer session: %d", rec.Code)
		} else if strings.Contains(rec.Body.String(), `href="/ingest"`) {
			t.Errorf("a viewer is offered the upload page")
		}
		if rec := f.do(request{path: "/ingest", cookies: cookies}); rec.Code != http.StatusForbidden {
			t.Errorf("GET /ingest with a viewer session: %d, want 403", rec.Code)
		}
	})
	t.Run("editor session uploads", func(t *testing.T) {
		cookies := f.session(editToken)
		rec := f.upload(cookies, "narvaro.csv", []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"})
		if rec.Code != http.StatusOK {
			t.Fatalf("upload with an editor session: %d\n%s", rec.Code, rec.Body)
		}
		if !strings.Contains(rec.Body.String(), "data/uploads/narvaro.csv") {
			t.Errorf("the result does not name where the file went:\n%s", rec.Body)
		}
	})
}

func TestReportNames(t *testing.T) {
	f := newFixture(t, options{renderer: fakeRenderer{}})
	for _, path := range []string{
		"/reports/../../etc/passwd",
		"/reports/..%2F..%2Fetc%2Fpasswd",
		"/reports/..%2F..%2Fimpact.yaml.html",
		"/reports/../impact.yaml",
		"/reports/secret.html",
		"/reports/workshop.exe",
		"/reports/workshop",
		"/reports/workshop.html.pdf",
		"/reports/workshop.html/x",
		"/reports/",
	} {
		rec := f.get(path, "")
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, rec.Code)
		}
	}
	if rec := f.get("/reports/workshop.html?lang=xx", ""); rec.Code != http.StatusBadRequest {
		t.Errorf("unknown language: %d, want 400", rec.Code)
	}
	rec := f.get("/reports/memo.html?lang=en", "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "memo en") {
		t.Fatalf("GET memo.html: %d\n%s", rec.Code, rec.Body)
	}
	if got := rec.Header().Get("Content-Security-Policy"); strings.Contains(got, "script-src") || !strings.Contains(got, "default-src 'none'") {
		t.Errorf("a report's policy should forbid everything but inline style and data images, got %q", got)
	}
}

func TestAPIIsTheEvaluation(t *testing.T) {
	f := newFixture(t, options{})
	rec := f.get("/api/v1/evaluation?as_of=2025-06-30", "")
	var got impact.Evaluation
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("the evaluation JSON does not parse: %v\n%s", err, rec.Body)
	}
	if got.AsOf.String() != "2025-06-30" || len(got.Indicators) != len(f.project.Indicators) {
		t.Errorf("as_of %s with %d indicators, want 2025-06-30 with %d", got.AsOf, len(got.Indicators), len(f.project.Indicators))
	}
	var fields map[string]any
	json.Unmarshal(rec.Body.Bytes(), &fields)
	for _, key := range []string{"project", "as_of", "confidence", "generated_at", "data_hash", "indicators", "costs", "value"} {
		if _, ok := fields[key]; !ok {
			t.Errorf("the evaluation JSON lacks %q", key)
		}
	}
	id := f.project.Indicators[0].ID
	rec = f.get("/api/v1/indicators/"+id, "")
	var res impact.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.ID != id {
		t.Errorf("indicator JSON: %v, id %q", err, res.ID)
	}
}

func TestNoRendererStillShowsTables(t *testing.T) {
	f := newFixture(t, options{})
	rec := f.get("/", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /: %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "<img") {
		t.Errorf("a server without a renderer should not show broken images")
	}
	if rec := f.get("/reports/workshop.html", ""); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("report without a renderer: %d, want 503", rec.Code)
	}
}

func TestLanguage(t *testing.T) {
	f := newFixture(t, options{})
	sv := f.get("/", "").Body.String()
	if !strings.Contains(sv, `<html lang="sv">`) || !strings.Contains(sv, "Hoppa till innehållet") || !strings.Contains(sv, "Uppnått") {
		t.Errorf("the example project is Swedish, so should be the page")
	}
	en := f.get("/?lang=en", "").Body.String()
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "Skip to content") || !strings.Contains(en, "Likely met") {
		t.Errorf("?lang=en should give English")
	}
	// The language and date stay on every link.
	if !strings.Contains(en, `href="/participation?lang=en"`) {
		t.Errorf("links do not keep ?lang=en")
	}
}

func TestHandlersRespectTheTimeout(t *testing.T) {
	f := newFixture(t, options{slow: true, pageTimeout: 50 * time.Millisecond})
	start := time.Now()
	rec := f.get("/", "")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "tog för lång tid") {
		t.Errorf("a page whose evaluation outlives the timeout: %d\n%s", rec.Code, rec.Body)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the page took %s: the evaluation did not get the request's deadline", took)
	}
	if rec := f.get("/api/v1/evaluation", ""); rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"code": "error.timeout"`) {
		t.Errorf("the API under a timeout: %d\n%s", rec.Code, rec.Body)
	}
}

func TestHead(t *testing.T) {
	f := newFixture(t, options{})
	if rec := f.do(request{method: http.MethodHead, path: "/"}); rec.Code != http.StatusOK {
		t.Errorf("HEAD /: %d, want 200", rec.Code)
	}
}
