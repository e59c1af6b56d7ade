package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/reports"
)

// languages are the languages a refusal is checked in.
var languages = []string{"sv", "en", "lv"}

// saysIn fails the test unless r refused with exit code 2 and printed the
// message of key in domain and lang with args, said in a language of its
// own (not English) for sv and lv.
func saysIn(t *testing.T, r result, domain i18n.Domain, lang, key string, args ...any) {
	t.Helper()
	exitSays(t, r, 2, domain, lang, key, args...)
}

// exitSays is saysIn with the exit code the refusal must have.
func exitSays(t *testing.T, r result, code int, domain i18n.Domain, lang, key string, args ...any) {
	t.Helper()
	want := i18n.Sprintf(domain, lang, key, args...)
	if lang != "en" && want == i18n.Sprintf(domain, "en", key, args...) {
		t.Fatalf("%s has no %s text of its own: %q", key, lang, want)
	}
	if r.code != code {
		t.Errorf("exit %d, want %d\n%s", r.code, code, r.stderr)
	}
	if !strings.Contains(r.stderr, "impact: "+want+"\n") {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

// TestServeRefusalsInTheCommandLanguage: serve's refusals of its address
// and tokens are said in the command's language.
func TestServeRefusalsInTheCommandLanguage(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	MustRun(t, root, "init", dir)
	tokens := filepath.Join(dir, filepath.FromSlash(dashboards.TokensFile))
	writeTokens := func(t *testing.T, text string, mode os.FileMode) {
		t.Helper()
		os.Remove(tokens)
		if err := os.WriteFile(tokens, []byte(text), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(tokens, mode); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range languages {
		how := i18n.Sprintf(i18n.Dashboards, lang, "refuse.tokens_how", dashboards.ViewTokenEnv, dashboards.EditTokenEnv, dashboards.TokensFile)
		t.Run("no tokens/"+lang, func(t *testing.T) {
			os.Remove(tokens)
			r := run(t, dir, "serve", "--addr", "0.0.0.0:0", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.not_loopback", "0.0.0.0:0", how)
		})
		t.Run("not host:port/"+lang, func(t *testing.T) {
			r := run(t, dir, "serve", "--addr", "nonsense", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.addr", "nonsense")
		})
		t.Run("short token/"+lang, func(t *testing.T) {
			writeTokens(t, "view=short\nedit=also-short\n", 0o600)
			r := run(t, dir, "serve", "--addr", "192.0.2.10:8080", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.short_token", dashboards.MinTokenLength, how)
		})
		t.Run("same tokens/"+lang, func(t *testing.T) {
			writeTokens(t, "view=one-token-0123456789abcdef\nedit=one-token-0123456789abcdef\n", 0o600)
			r := run(t, dir, "serve", "--addr", "192.0.2.10:8080", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.same_tokens", how)
		})
		t.Run("tokens others read/"+lang, func(t *testing.T) {
			writeTokens(t, "view=view-token-0123456789abcdef\nedit=edit-token-0123456789abcdef\n", 0o644)
			r := run(t, dir, "serve", "--addr", "192.0.2.10:8080", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.tokens_mode", tokens, os.FileMode(0o644), tokens)
		})
		t.Run("tokens line/"+lang, func(t *testing.T) {
			writeTokens(t, "view-token-0123456789abcdef\n", 0o600)
			r := run(t, dir, "serve", "--addr", "192.0.2.10:8080", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.tokens_line", tokens, 1)
		})
	}
}

// TestExportAndCollectRefusalsInTheCommandLanguage: export's and collect's
// refusals are said in the command's language, as is an unknown language
// in the project's.
func TestExportAndCollectRefusalsInTheCommandLanguage(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "demo")
	MustRun(t, root, "init", "--example", dir)
	// A file where the export's folder would be.
	blocked := filepath.Join(dir, "blocked")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(blocked, "export")
	mkdirErr := os.MkdirAll(out, 0o755)
	if mkdirErr == nil {
		t.Fatal("a folder could be made under a file")
	}
	collectDir := filepath.Join(dir, ".impact", "collect")
	if err := os.WriteFile(collectDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	collectErr := os.MkdirAll(collectDir, 0o700)
	for _, lang := range languages {
		t.Run("export folder/"+lang, func(t *testing.T) {
			r := run(t, dir, "export", "--format", "csv", "--out", out, "--lang", lang)
			saysIn(t, r, i18n.CLI, lang, "refuse.export.mkdir", out, mkdirErr)
		})
		t.Run("collect event id/"+lang, func(t *testing.T) {
			r := run(t, dir, "collect", "open", "--event", "dag 3", "--wave", "post", "--instrument", "swemwbs", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.event_id", "dag 3")
		})
		t.Run("collect folder/"+lang, func(t *testing.T) {
			event := "dag-" + lang
			r := run(t, dir, "collect", "open", "--event", event, "--wave", "post", "--instrument", "swemwbs", "--lang", lang)
			saysIn(t, r, i18n.Dashboards, lang, "refuse.collect_mkdir", collectDir, collectErr)
			// The collection was opened before its poster failed.
			r = run(t, dir, "collect", "open", "--event", event, "--wave", "post", "--instrument", "swemwbs", "--lang", lang)
			exitSays(t, r, 5, i18n.CLI, lang, "refuse.collect.open", event, "post", event)
		})
		t.Run("collect none/"+lang, func(t *testing.T) {
			r := run(t, dir, "collect", "close", "--event", "nope", "--lang", lang)
			saysIn(t, r, i18n.CLI, lang, "refuse.collect.none", "nope", "nope")
		})
		t.Run("unknown language/"+lang, func(t *testing.T) {
			project := filepath.Join(root, "p"+lang)
			MustRun(t, root, "init", project, "--lang", lang)
			r := run(t, project, "evaluate", "--lang", "xx")
			saysIn(t, r, i18n.CLI, lang, "refuse.lang", "xx", strings.Join(i18n.Languages, ", "))
		})
	}
}

// TestReportRefusalsInTheReaderLanguage: the refusals of the reports are
// said in the command's language on the terminal, and in the page's in
// the board's JSON error bodies, whose status and code stay as they were.
func TestReportRefusalsInTheReaderLanguage(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "demo")
	MustRun(t, root, "init", "--example", dir)
	notWord := filepath.Join(dir, "mall.docx")
	if err := os.WriteFile(notWord, []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, zipErr := zip.NewReader(bytes.NewReader([]byte("not a zip")), int64(len("not a zip")))
	blocked := filepath.Join(dir, "blocked")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(blocked, "workshop.html")
	mkdirErr := os.MkdirAll(blocked, 0o755)
	for _, lang := range languages {
		t.Run("template/"+lang, func(t *testing.T) {
			r := run(t, dir, "report", "memo", "--format", "docx", "--template", notWord, "--lang", lang)
			saysIn(t, r, i18n.Reports, lang, "refuse.template_zip", zipErr)
		})
		t.Run("folder/"+lang, func(t *testing.T) {
			r := run(t, dir, "report", "workshop", "--out", out, "--lang", lang)
			saysIn(t, r, i18n.Reports, lang, "refuse.folder_of", out, mkdirErr)
		})
		t.Run("no chromium/"+lang, func(t *testing.T) {
			missing := filepath.Join(dir, "no-chromium")
			t.Setenv(reports.ChromiumEnv, missing)
			r := run(t, dir, "report", "workshop", "--format", "pdf", "--lang", lang)
			exitSays(t, r, 4, i18n.Reports, lang, "refuse.chromium_env", reports.ChromiumEnv, missing)
		})
	}
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url == "" {
		t.Fatalf("serve did not start:\n%s", s.stderr)
	}
	for _, c := range []struct {
		plot, key string
		args      []any
	}{
		{"kpi", "refuse.no_kpi", []any{"Bodens kommun"}},
	} {
		for _, lang := range languages {
			t.Run(c.plot+"/"+lang, func(t *testing.T) {
				res, err := http.Get(s.url + "/plots/" + c.plot + ".svg?lang=" + lang)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var body struct {
					Error struct {
						Status  int    `json:"status"`
						Code    string `json:"code"`
						Message string `json:"message"`
					} `json:"error"`
				}
				if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
					t.Fatal(err)
				}
				if res.StatusCode != http.StatusNotFound || body.Error.Status != http.StatusNotFound || body.Error.Code != impact.ENOTFOUND {
					t.Fatalf("status %d, body %+v; want 404 not_found", res.StatusCode, body.Error)
				}
				want := i18n.Sprintf(i18n.Reports, lang, c.key, c.args...)
				if lang != "en" && want == i18n.Sprintf(i18n.Reports, "en", c.key, c.args...) {
					t.Fatalf("%s has no %s text of its own", c.key, lang)
				}
				if body.Error.Message != want {
					t.Errorf("message %q, want %q", body.Error.Message, want)
				}
			})
		}
	}
}

// TestServeSaysWhoMayComeInInTheCommandLanguage: the line serve prints
// when it starts says who may use it in the command's language.
func TestServeSaysWhoMayComeInInTheCommandLanguage(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "p")
	MustRun(t, root, "init", dir)
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			s := startServe(t, dir, nil, "--addr", "127.0.0.1:0", "--lang", lang)
			if s.url == "" {
				t.Fatalf("serve did not start:\n%s", s.stderr)
			}
			if err := s.stop(); err != nil {
				t.Fatal(err)
			}
			want := i18n.Sprintf(i18n.Dashboards, lang, "access.loopback")
			if lang != "en" && want == i18n.Sprintf(i18n.Dashboards, "en", "access.loopback") {
				t.Fatalf("access.loopback has no %s text of its own", lang)
			}
			if !strings.Contains(s.stdout.String(), want) {
				t.Errorf("serve's first line lacks %q:\n%s", want, s.stdout)
			}
		})
	}
}

// TestServeUploadRefusalInThePageLanguage: serve's upload page says
// ingest's refusal in the page's language, here Latvian beside a Swedish
// project.
func TestServeUploadRefusalInThePageLanguage(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "demo")
	MustRun(t, root, "init", "--example", dir)
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url == "" {
		t.Fatalf("serve did not start:\n%s", s.stderr)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	res, err := client.Get(s.url + "/ingest?lang=lv")
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csrf := regexp.MustCompile(`name="csrf" value="([^"]*)"`).FindSubmatch(form)
	if csrf == nil {
		t.Fatalf("the upload form has no CSRF field:\n%s", form)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", string(csrf[1]))
	w.WriteField("kind", "followups")
	part, _ := w.CreateFormFile("file", "extra.csv")
	part.Write([]byte("participant,date,months_after,status\nBD-0001,2025-07-01,6,arbete\nBD-0002,31/02/2025,6,arbete\n"))
	w.Close()
	res, err = client.Post(s.url+"/ingest?lang=lv", w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422\n%s", res.StatusCode, page)
	}
	want := html.EscapeString(`data/uploads/extra.csv:3: kolonna "date": "31/02/2025" nav datums; rakstiet to formā GGGG-MM-DD`)
	if !strings.Contains(string(page), want) {
		t.Errorf("the page lacks %q:\n%s", want, page)
	}
}
