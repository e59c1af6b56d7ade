package dashboards_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
)

// stubResolver maps host names to addresses, as /etc/hosts or DNS would.
type stubResolver map[string][]string

func (r stubResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	ips, ok := r[host]
	if !ok {
		return nil, errors.New("no such host")
	}
	var out []netip.Addr
	for _, ip := range ips {
		out = append(out, netip.MustParseAddr(ip))
	}
	return out, nil
}

// TestLoopbackNamesAreResolved: a *.localhost name mapped off loopback is a
// network address and needs the tokens; a name is loopback only when every
// address it resolves to is.
func TestLoopbackNamesAreResolved(t *testing.T) {
	p := MustExample(t)
	resolver := stubResolver{
		"dash.localhost":  {"192.0.2.2"},
		"localhost":       {"127.0.0.1", "::1"},
		"board.localhost": {"127.0.0.1"},
		"mixed.localhost": {"127.0.0.1", "192.0.2.2"},
		"empty.localhost": {},
	}
	for _, tc := range []struct {
		addr     string
		loopback bool
		msg      string
	}{
		{"dash.localhost:18080", false, "is not a loopback address"},
		{"mixed.localhost:18080", false, "is not a loopback address"},
		{"empty.localhost:18080", false, "is not a loopback address"},
		{"nowhere.localhost:18080", false, "does not resolve"},
		{"localhost:18080", true, ""},
		{"board.localhost:18080", true, ""},
		{"127.0.0.1:18080", true, ""},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			srv, err := dashboards.New(dashboards.Config{
				Project: p, Addr: tc.addr, Resolver: resolver, Log: &syncBuffer{},
				Evaluate: func(context.Context, impact.Date) (*impact.Evaluation, error) { return nil, nil },
				DataHash: func(context.Context) (string, error) { return "", nil },
			})
			if tc.loopback {
				if err != nil || srv.Public() {
					t.Fatalf("New: %v (public %v), want a loopback server", err, srv != nil && srv.Public())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("New without tokens: %v, want an error that says %q", err, tc.msg)
			}
			got, err := dashboards.LoopbackAddr(context.Background(), tc.addr, resolver)
			if got {
				t.Errorf("LoopbackAddr = true (%v)", err)
			}
		})
	}
}

// TestLogoutEndsTheSession: after a logout, a copy of the session cookie
// taken before it is refused.
func TestLogoutEndsTheSession(t *testing.T) {
	f := newFixture(t, options{public: true})
	cookies := f.session(viewToken)
	page := f.do(request{path: "/", cookies: cookies})
	if page.Code != http.StatusOK {
		t.Fatalf("GET / in the session: %d", page.Code)
	}
	logout := f.do(request{method: http.MethodPost, path: "/logout", contentType: "application/x-www-form-urlencoded",
		body: strings.NewReader(url.Values{"csrf": {csrfOf(t, page.Body.String())}}.Encode()), cookies: cookies})
	if logout.Code != http.StatusSeeOther {
		t.Fatalf("logout: %d\n%s", logout.Code, logout.Body)
	}
	// The copied cookie, sent as before the logout.
	if rec := f.do(request{path: "/api/v1/evaluation", cookies: cookies}); rec.Code != http.StatusUnauthorized {
		t.Errorf("the API with a logged-out cookie: %d, want 401", rec.Code)
	}
	if rec := f.do(request{path: "/", cookies: cookies}); rec.Code != http.StatusSeeOther {
		t.Errorf("a page with a logged-out cookie: %d, want 303 to the login", rec.Code)
	}
	// Another session of the same token is not touched.
	if rec := f.do(request{path: "/", cookies: f.session(viewToken)}); rec.Code != http.StatusOK {
		t.Errorf("a new session after the logout: %d, want 200", rec.Code)
	}
}

// TestHealthz: /healthz shows no version to a visitor without a token, and
// answers 503 "not ready" when the store cannot be read.
func TestHealthz(t *testing.T) {
	p := MustExample(t)
	storeErr := error(nil)
	srv, err := dashboards.New(dashboards.Config{
		Project: p, Addr: publicAddr, Tokens: dashboards.Tokens{View: viewToken, Edit: editToken}, Version: "v9.9.9-secret", Log: &syncBuffer{},
		Evaluate: func(context.Context, impact.Date) (*impact.Evaluation, error) { return nil, nil },
		DataHash: func(context.Context) (string, error) { return "h", storeErr },
	})
	if err != nil {
		t.Fatal(err)
	}
	get := func() (int, map[string]string) {
		req := loopbackRequest("/healthz")
		req.Host = publicAddr
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("/healthz: %v\n%s", err, rec.Body)
		}
		if strings.Contains(rec.Body.String(), "v9.9.9") {
			t.Errorf("/healthz shows the version: %s", rec.Body)
		}
		return rec.Code, body
	}
	if code, body := get(); code != http.StatusOK || body["status"] != "ok" {
		t.Errorf("/healthz on a readable store: %d %v", code, body)
	}
	storeErr = errors.New("IO Error: the file is truncated")
	if code, body := get(); code != http.StatusServiceUnavailable || body["status"] != "not ready" {
		t.Errorf("/healthz on a store it cannot read: %d %v, want 503 not ready", code, body)
	}
}

// TestUploadStaysInItsFolder: an upload named with ../ is saved under
// .impact/uploads by its bare name, never beside or above the project.
func TestUploadStaysInItsFolder(t *testing.T) {
	f := newFixture(t, options{})
	for _, name := range []string{"../../evil.csv", `..\..\evil.csv`, "/tmp/evil.csv"} {
		rec := f.upload(nil, name, []byte("deltagare\nBD-1\n"), map[string]string{"kind": "attendance"})
		if rec.Code != http.StatusOK {
			t.Errorf("upload %s: %d", name, rec.Code)
		}
		for _, outside := range []string{filepath.Join(f.project.Dir, "..", "evil.csv"), filepath.Join(f.project.Dir, "..", "..", "evil.csv"), filepath.Join(f.project.Dir, "evil.csv")} {
			if _, err := os.Stat(outside); err == nil {
				t.Errorf("upload %s wrote %s", name, outside)
			}
		}
	}
}

// TestUploadZipBomb: a 1.6 MB workbook that unpacks to 1.2 GB is refused
// by the upload form as by impact ingest, before it is unpacked.
func TestUploadZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses a gigabyte")
	}
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for i := 0; i < 1200; i++ {
		w.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, options{realStore: true})
	// The refusal speaks the project's language, Swedish.
	rec := f.upload(nil, "bomb.xlsx", bomb.Bytes(), map[string]string{"kind": "participants"})
	t.Logf("a %.1f MB upload: %d", float64(bomb.Len())/1e6, rec.Code)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "packas upp till mer än 1 GiB") {
		t.Fatalf("upload of a zip bomb: %d\n%.2000s", rec.Code, rec.Body)
	}
}
