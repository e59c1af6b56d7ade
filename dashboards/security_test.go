package dashboards_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/ingest"
)

// rawHostile are the hostile texts as they must never appear in a page.
var rawHostile = []string{hostileScript, hostileImg, "<img src=x", "<script>"}

func TestHostileNamesAreEscapedEverywhere(t *testing.T) {
	f := newFixture(t, options{hostile: true, renderer: fakeRenderer{}})
	if !strings.Contains(f.project.Info.Name, "<script>") || !strings.Contains(f.project.Indicators[0].Name, "onerror") {
		t.Fatal("the hostile project is not hostile")
	}
	id := f.project.Indicators[0].ID
	pages := []string{"/", "/?lang=en", "/indicators/" + id, "/participation", "/costs", "/quality", "/ingest", "/nope",
		"/reports/workshop.html", "/reports/memo.html?lang=en"}
	for _, path := range pages {
		t.Run(path, func(t *testing.T) {
			rec := f.get(path, "")
			body := rec.Body.String()
			for _, raw := range rawHostile {
				if strings.Contains(body, raw) {
					t.Errorf("GET %s holds %q unescaped", path, raw)
				}
			}
			if rec.Code == http.StatusOK && path != "/ingest" && !strings.HasPrefix(path, "/reports/") &&
				!strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("GET %s does not show the hostile name escaped", path)
			}
		})
	}
	t.Run("indicator and data texts", func(t *testing.T) {
		body := f.get("/indicators/"+id, "").Body.String()
		if !strings.Contains(body, "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("the indicator's hostile name is not shown escaped")
		}
	})
	t.Run("json", func(t *testing.T) {
		for _, path := range []string{"/api/v1/evaluation", "/api/v1/indicators/" + id} {
			rec := f.get(path, "")
			if got := rec.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
				t.Errorf("%s: Content-Type %q", path, got)
			}
			if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options %q", path, got)
			}
			for _, raw := range []string{"<script>", "<img"} {
				if strings.Contains(rec.Body.String(), raw) {
					t.Errorf("%s holds %q: JSON should escape < and >", path, raw)
				}
			}
			if !strings.Contains(rec.Body.String(), `\u003cimg src=x onerror=alert(1)\u003e`) {
				t.Errorf("%s: the hostile name is missing or not escaped as \\u003c", path)
			}
		}
	})
	t.Run("svg", func(t *testing.T) {
		for _, path := range []string{"/api/v1/plots/" + id + ".svg", "/plots/toc.svg"} {
			rec := f.get(path, "")
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", path, rec.Code)
			}
			for _, raw := range rawHostile {
				if strings.Contains(rec.Body.String(), raw) {
					t.Errorf("%s holds %q unescaped", path, raw)
				}
			}
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
				t.Errorf("%s: policy %q should forbid script", path, csp)
			}
		}
	})
}

func TestUnsafeSVGIsNotSent(t *testing.T) {
	f := newFixture(t, options{hostile: true, renderer: fakeRenderer{unsafe: true}})
	id := f.project.Indicators[0].ID
	for _, path := range []string{"/api/v1/plots/" + id + ".svg", "/plots/toc.svg"} {
		rec := f.get(path, "")
		if rec.Code != http.StatusInternalServerError {
			t.Errorf("%s from a renderer that does not escape: %d, want 500", path, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "<script>") || strings.Contains(rec.Body.String(), "<svg") {
			t.Errorf("%s: the unsafe SVG reached the client:\n%s", path, rec.Body)
		}
	}
	if !strings.Contains(f.log.String(), "svg holds a script element") {
		t.Errorf("the refusal is not in the log:\n%s", f.log)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t, options{renderer: fakeRenderer{}})
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"X-Frame-Options":         "DENY",
	}
	for _, path := range []string{"/", "/costs", "/ingest", "/nope", "/healthz", "/static/style.css", "/api/v1/evaluation"} {
		rec := f.get(path, "")
		for k, v := range want {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("GET %s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
	// No page holds inline script or inline style, which the policy would
	// block anyway.
	for _, path := range []string{"/", "/ingest", "/costs", "/quality", "/participation"} {
		body := f.get(path, "").Body.String()
		for _, bad := range []string{"<script", " style=", "<style", "javascript:", " onclick", "http://", "https://"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s holds %q", path, bad)
			}
		}
	}
}

func TestLoopbackRefusesOtherHosts(t *testing.T) {
	f := newFixture(t, options{})
	for _, host := range []string{"evil.example", "evil.example:8080", "192.168.1.10:8080", "localhost.evil.example"} {
		if rec := f.do(request{path: "/", host: host}); rec.Code != http.StatusForbidden {
			t.Errorf("Host %s on a loopback server: %d, want 403 (DNS rebinding)", host, rec.Code)
		}
	}
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "127.0.0.2"} {
		if rec := f.do(request{path: "/", host: host}); rec.Code != http.StatusOK {
			t.Errorf("Host %s on a loopback server: %d, want 200", host, rec.Code)
		}
	}
}

func TestTokensAreRequiredOffLoopback(t *testing.T) {
	p := MustExample(t)
	base := dashboards.Config{
		Project:  p,
		Evaluate: func(context.Context, impact.Date) (*impact.Evaluation, error) { return nil, nil },
		DataHash: func(context.Context) (string, error) { return "", nil },
	}
	for _, tc := range []struct {
		addr   string
		tokens dashboards.Tokens
		ok     bool
		msg    string
	}{
		{"127.0.0.1:8080", dashboards.Tokens{}, true, ""},
		{"localhost:8080", dashboards.Tokens{}, true, ""},
		{"[::1]:8080", dashboards.Tokens{}, true, ""},
		{"127.1.2.3:9000", dashboards.Tokens{}, true, ""},
		{"0.0.0.0:8080", dashboards.Tokens{}, false, "is not a loopback address"},
		{":8080", dashboards.Tokens{}, false, "is not a loopback address"},
		{"192.0.2.10:8080", dashboards.Tokens{View: viewToken}, false, "editor token are required"},
		{"192.0.2.10:8080", dashboards.Tokens{View: "short", Edit: editToken}, false, "shorter than 16"},
		{"192.0.2.10:8080", dashboards.Tokens{View: editToken, Edit: editToken}, false, "are the same"},
		{"192.0.2.10:8080", dashboards.Tokens{View: viewToken, Edit: editToken}, true, ""},
		{"no-port", dashboards.Tokens{}, false, "is not host:port"},
	} {
		cfg := base
		cfg.Addr, cfg.Tokens = tc.addr, tc.tokens
		_, err := dashboards.New(cfg)
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.addr, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), tc.msg)) {
			t.Errorf("%s %+v: error %v, want one that says %q", tc.addr, tc.tokens, err, tc.msg)
		}
	}
}

func TestLoadTokens(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".impact"), 0o700)
	file := filepath.Join(dir, ".impact", "tokens")
	noEnv := func(string) string { return "" }
	if tok, err := dashboards.LoadTokens(dir, noEnv); err != nil || tok != (dashboards.Tokens{}) {
		t.Errorf("no file: %+v, %v", tok, err)
	}
	os.WriteFile(file, []byte("# tokens\nview = "+viewToken+"\n\nedit="+editToken+"\n"), 0o600)
	tok, err := dashboards.LoadTokens(dir, noEnv)
	if err != nil || tok.View != viewToken || tok.Edit != editToken {
		t.Errorf("file: %+v, %v", tok, err)
	}
	env := func(k string) string {
		return map[string]string{dashboards.ViewTokenEnv: "from-env-view-0123456789"}[k]
	}
	if tok, _ := dashboards.LoadTokens(dir, env); tok.View != "from-env-view-0123456789" || tok.Edit != editToken {
		t.Errorf("the environment should win for the token it sets: %+v", tok)
	}
	os.WriteFile(file, []byte("view "+viewToken+"\n"), 0o600)
	if _, err := dashboards.LoadTokens(dir, noEnv); err == nil || strings.Contains(err.Error(), viewToken) {
		t.Errorf("a bad line: %v; the error must not repeat the line, which may hold a token", err)
	}
	os.WriteFile(file, []byte("view="+viewToken+"\n"), 0o600)
	os.Chmod(file, 0o644)
	if _, err := dashboards.LoadTokens(dir, noEnv); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a file others may read: %v", err)
	}
}

func TestLoginCookie(t *testing.T) {
	for _, tls := range []bool{false, true} {
		f := newFixture(t, options{public: true, tls: tls})
		form := f.do(request{path: "/login"})
		cookies := form.Result().Cookies()
		body := url.Values{"csrf": {csrfOf(t, form.Body.String())}, "token": {editToken}, "next": {"/costs"}}
		rec := f.do(request{method: http.MethodPost, path: "/login", contentType: "application/x-www-form-urlencoded", body: strings.NewReader(body.Encode()), cookies: cookies})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/costs" {
			t.Fatalf("login: %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		var session *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == "impact_session" {
				session = c
			}
		}
		if session == nil {
			t.Fatal("no session cookie")
		}
		if !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Secure != tls {
			t.Errorf("session cookie HttpOnly=%v SameSite=%v Secure=%v, want true, Strict, %v", session.HttpOnly, session.SameSite, session.Secure, tls)
		}
		if strings.Contains(session.Value, editToken) {
			t.Errorf("the cookie holds the token itself")
		}
		if rec := f.do(request{path: "/costs", cookies: []*http.Cookie{session}}); rec.Code != http.StatusOK {
			t.Errorf("GET /costs with the session: %d", rec.Code)
		}
		// A forged or altered session is no session.
		forged := *session
		forged.Value = strings.Replace(session.Value, session.Value[:2], "AA", 1)
		if rec := f.do(request{path: "/costs", cookies: []*http.Cookie{&forged}}); rec.Code != http.StatusSeeOther {
			t.Errorf("GET /costs with an altered session: %d, want 303 to the login", rec.Code)
		}
	}
}

func TestLoginRefusals(t *testing.T) {
	f := newFixture(t, options{public: true})
	form := f.do(request{path: "/login"})
	cookies := form.Result().Cookies()
	csrf := csrfOf(t, form.Body.String())
	post := func(values url.Values, cookies []*http.Cookie) *http.Response {
		return f.do(request{method: http.MethodPost, path: "/login", contentType: "application/x-www-form-urlencoded", body: strings.NewReader(values.Encode()), cookies: cookies}).Result()
	}
	if res := post(url.Values{"csrf": {csrf}, "token": {"wrong-token-0123456789abcdef"}}, cookies); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", res.StatusCode)
	}
	if res := post(url.Values{"token": {editToken}}, cookies); res.StatusCode != http.StatusForbidden {
		t.Errorf("login without its CSRF token: %d, want 403", res.StatusCode)
	}
	if res := post(url.Values{"csrf": {csrf}, "token": {editToken}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("login without the CSRF cookie: %d, want 403", res.StatusCode)
	}
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		res := post(url.Values{"csrf": {csrf}, "token": {editToken}, "next": {next}}, cookies)
		if got := res.Header.Get("Location"); got != "/" {
			t.Errorf("next=%q sends the visitor to %q, want /", next, got)
		}
	}
	if strings.Contains(f.log.String(), editToken) || strings.Contains(f.log.String(), "wrong-token") {
		t.Errorf("a token reached the log:\n%s", f.log)
	}
}

func TestCSRF(t *testing.T) {
	f := newFixture(t, options{public: true})
	cookies := f.session(editToken)
	form := f.do(request{path: "/ingest", cookies: cookies})
	cookies = append(cookies, form.Result().Cookies()...)
	csrf := csrfOf(t, form.Body.String())
	upload := func(fields map[string]string, cookies []*http.Cookie, header map[string]string) int {
		body, ct := multipartUpload(t, "narvaro.csv", []byte("deltagare\nBD-1\n"), fields)
		return f.do(request{method: http.MethodPost, path: "/ingest", body: body, contentType: ct, cookies: cookies, header: header}).Code
	}
	if got := upload(map[string]string{"kind": "attendance"}, cookies, nil); got != http.StatusForbidden {
		t.Errorf("upload without its CSRF token: %d, want 403", got)
	}
	if got := upload(map[string]string{"kind": "attendance", "csrf": "AAAA" + csrf[4:]}, cookies, nil); got != http.StatusForbidden {
		t.Errorf("upload with a wrong CSRF token: %d, want 403", got)
	}
	// A token of another session is worthless.
	other := f.session(editToken)
	otherForm := f.do(request{path: "/ingest", cookies: other})
	if got := upload(map[string]string{"kind": "attendance", "csrf": csrfOf(t, otherForm.Body.String())}, cookies, nil); got != http.StatusForbidden {
		t.Errorf("upload with another session's CSRF token: %d, want 403", got)
	}
	if got := upload(map[string]string{"kind": "attendance", "csrf": csrf}, cookies, map[string]string{"Sec-Fetch-Site": "cross-site"}); got != http.StatusForbidden {
		t.Errorf("upload sent from another site: %d, want 403", got)
	}
	if got := upload(map[string]string{"kind": "attendance", "csrf": csrf}, cookies, nil); got != http.StatusOK {
		t.Errorf("upload with its CSRF token: %d, want 200", got)
	}
	logout := f.do(request{method: http.MethodPost, path: "/logout", contentType: "application/x-www-form-urlencoded", body: strings.NewReader(""), cookies: cookies})
	if logout.Code != http.StatusForbidden {
		t.Errorf("logout without its CSRF token: %d, want 403", logout.Code)
	}

	// A loopback server has no login, and so needs CSRF tokens all the
	// more: any web page could post to 127.0.0.1.
	lo := newFixture(t, options{})
	body, ct := multipartUpload(t, "narvaro.csv", []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"})
	if rec := lo.do(request{method: http.MethodPost, path: "/ingest", body: body, contentType: ct}); rec.Code != http.StatusForbidden {
		t.Errorf("loopback upload without a CSRF token: %d, want 403", rec.Code)
	}
	if rec := lo.upload(nil, "narvaro.csv", []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"}); rec.Code != http.StatusOK {
		t.Errorf("loopback upload with its CSRF token: %d, want 200\n%s", rec.Code, rec.Body)
	}
}

func TestUploadLimit(t *testing.T) {
	f := newFixture(t, options{maxUpload: 1 << 10})
	big := bytes.Repeat([]byte("deltagare;datum\nBD-1;2025-01-01\n"), 100)
	rec := f.upload(nil, "stor.csv", big, map[string]string{"kind": "attendance"})
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("upload over the limit: %d, want 413", rec.Code)
	}
	if !strings.Contains(rec.Body.String(), "Filen är för stor") || !strings.Contains(rec.Body.String(), "1\u00a0kB") {
		t.Errorf("the 413 page does not say what the limit is:\n%s", rec.Body)
	}
	entries, _ := os.ReadDir(filepath.Join(f.project.Dir, ".impact", "uploads"))
	if len(entries) != 0 {
		t.Errorf("a refused upload left %d entries behind", len(entries))
	}

	// The default limit is 50 MB; a body that says it is larger is refused
	// before it is read.
	d := newFixture(t, options{})
	req := request{method: http.MethodPost, path: "/ingest", body: strings.NewReader("x"), contentType: "multipart/form-data; boundary=x"}
	if r := d.do(req); r.Code != http.StatusForbidden {
		// Without a CSRF cookie the post is refused as a forgery before
		// its body is read.
		t.Errorf("a post without a CSRF cookie: %d, want 403", r.Code)
	}
	hreq := httpRequestWithLength(t, d, 50<<20+1<<20)
	if hreq.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("Content-Length over 50 MB: %d, want 413", hreq.Code)
	}
}

// httpRequestWithLength posts a body that claims n bytes.
func httpRequestWithLength(t *testing.T, f *fixture, n int64) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/ingest", strings.NewReader("x"))
	req.Host = f.host
	req.ContentLength = n
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

func TestUploadNames(t *testing.T) {
	f := newFixture(t, options{})
	for _, name := range []string{"../../impact.yaml", "../.impact/secret", ".hidden.csv", "skript.sh", "a<b>.csv", ".."} {
		rec := f.upload(nil, name, []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"})
		if rec.Code != http.StatusBadRequest {
			t.Errorf("upload named %q: %d, want 400\n%s", name, rec.Code, rec.Body)
		}
	}
	if _, err := os.Stat(filepath.Join(f.project.Dir, "evil.csv")); err == nil {
		t.Errorf("an upload escaped its folder")
	}
	// A folder in the name is dropped: the file lands in data/uploads.
	rec := f.upload(nil, `..\..\evil.csv`, []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "data/uploads/evil.csv") {
		t.Errorf("a name with ..\\: %d\n%s", rec.Code, rec.Body)
	}
	rec = f.upload(nil, "C:\\Users\\x\\narvaro.csv", []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "data/uploads/narvaro.csv") {
		t.Errorf("a Windows path: %d\n%s", rec.Code, rec.Body)
	}
}

// personnummerCSV is an attendance list with a Swedish personal identity
// number in the role column, which ingest must refuse.
const personnummerCSV = "participant,event,event_kind,date,role\nBD-0001,meetup-9,meetup,2025-05-02,deltagare\nBD-0002,meetup-9,meetup,2025-05-02,19811218-9876\n"

func TestUploadWithPersonnummerIsRefused(t *testing.T) {
	f := newFixture(t, options{realStore: true})
	ctx := context.Background()
	for _, src := range f.project.Sources[:2] {
		if _, err := realIngest(f.project, f.db)(ctx, src, dashboards.IngestOptions{}); err != nil {
			t.Fatalf("ingest %s: %v", src.File, err)
		}
	}
	before, err := f.db.DumpTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rec := f.upload(nil, "narvaro-maj.csv", []byte(personnummerCSV), map[string]string{"kind": "attendance", "skip_invalid": "1"})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("upload with a personnummer: %d, want 422\n%s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	if strings.Contains(body, "19811218-9876") || strings.Contains(body, "9876") {
		t.Errorf("the page repeats the personnummer")
	}
	if !strings.Contains(body, "personal identity number") || !strings.Contains(body, "narvaro-maj.csv:3") {
		t.Errorf("the page does not say that line 3 holds a personal identity number:\n%s", body)
	}
	// The message is ingest's own, for the same file at the same path.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data", "uploads"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "uploads", "narvaro-maj.csv"), []byte(personnummerCSV), 0o644)
	other := *f.project
	other.Dir = dir
	secret, _ := ingest.LoadSecret(f.project.Dir, func(string) string { return "" })
	_, want := ingest.New(&other, nil, ingest.Options{Secret: secret, SkipInvalid: true, DryRun: true}).File(ctx, impact.Source{File: "data/uploads/narvaro-maj.csv", Kind: "attendance"})
	if want == nil {
		t.Fatal("ingest itself does not refuse the file")
	}
	pageHasLines(t, body, want)
	after, err := f.db.DumpTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("the store changed although the file was refused")
	}
	if _, err := os.Stat(filepath.Join(f.project.Dir, "data", "uploads", "narvaro-maj.csv")); err == nil {
		t.Errorf("the refused file was left in the project")
	}
}

func TestUploadReplacesASource(t *testing.T) {
	f := newFixture(t, options{realStore: true})
	ctx := context.Background()
	costs := sourceOfKind(t, f.project, "costs")
	original, err := os.ReadFile(filepath.Join(f.project.Dir, costs.File))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := realIngest(f.project, f.db)(ctx, costs, dashboards.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	// A broken correction is refused and the original stays in place.
	rec := f.upload(nil, filepath.Base(costs.File), []byte("Datum;Belopp;Typ\n2025-01-01;tio;actual\n"), nil)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("a broken correction: %d, want 422\n%s", rec.Code, rec.Body)
	}
	if now, _ := os.ReadFile(filepath.Join(f.project.Dir, costs.File)); !bytes.Equal(now, original) {
		t.Errorf("a refused correction replaced the source file")
	}
	// A good one replaces the source's rows.
	fixed := append(append([]byte{}, original...), []byte("2025-06-01;a1;nyavagar;venue;;;1000,00;actual;Extra lokal\n")...)
	rec = f.upload(nil, filepath.Base(costs.File), fixed, nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), costs.File) {
		t.Fatalf("a correction: %d\n%s", rec.Code, rec.Body)
	}
	if now, _ := os.ReadFile(filepath.Join(f.project.Dir, costs.File)); !bytes.Equal(now, fixed) {
		t.Errorf("the correction is not in place")
	}
	matches, _ := filepath.Glob(filepath.Join(f.project.Dir, "data", ".impact-backup-*"))
	if len(matches) != 0 {
		t.Errorf("backups left behind: %v", matches)
	}
}

// escapeHTML escapes a line as html/template does in text.
func escapeHTML(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;")
	return r.Replace(s)
}
