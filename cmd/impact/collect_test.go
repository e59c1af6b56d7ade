package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var collectLink = regexp.MustCompile(`Link: http://127\.0\.0\.1:8080/c/([A-Za-z0-9_-]{22})\n`)

// TestCollectDay runs an impact-measurement day from the command line: a
// collection opened on the example's second impact day, its QR code and
// poster written, an answer sent to impact serve replacing the person's
// imported answer of the same wave, the status, the close and a later
// answer refused; then no raw id in the store, the log or an export.
func TestCollectDay(t *testing.T) {
	dir := exampleWithData(t)
	open := MustRun(t, dir, "collect", "open", "--event", "effektmatning-2", "--wave", "post", "--instrument", "swemwbs", "--instrument", "jobbtro", "--lang", "en")
	m := collectLink.FindStringSubmatch(open.stdout)
	if m == nil {
		t.Fatalf("collect open prints no link:\n%s", open.stdout)
	}
	token := m[1]
	for _, name := range []string{"effektmatning-2.png", "effektmatning-2.svg", "effektmatning-2-poster.html"} {
		data, err := os.ReadFile(filepath.Join(dir, ".impact", "collect", name))
		if err != nil || len(data) == 0 {
			t.Errorf("collect open did not write %s: %v", name, err)
		}
	}
	poster, _ := os.ReadFile(filepath.Join(dir, ".impact", "collect", "effektmatning-2-poster.html"))
	if !strings.Contains(string(poster), "Effektmätningsdag 2") || !strings.Contains(string(poster), token) {
		t.Errorf("the poster lacks the event's name from impact.yaml or the link:\n%.600s", poster)
	}
	if r := run(t, dir, "collect", "open", "--event", "effektmatning-2", "--wave", "post", "--instrument", "swemwbs", "--lang", "en"); r.code != 5 && r.code != 1 || !strings.Contains(r.stderr, "already open") {
		t.Errorf("opening an open collection again: exit %d\n%s", r.code, r.stderr)
	}

	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	form := s.url + "/c/" + token
	res, err := client.Get(form)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(page))
	if res.StatusCode != http.StatusOK || csrf == nil {
		t.Fatalf("GET the form: %d\n%.500s", res.StatusCode, page)
	}
	_, _, before := s.get(t, "/api/v1/evaluation", nil)
	answer := url.Values{"csrf": {csrf[1]}, "key": {"cli-test-key-0000000001"}, "participant": {"BD-0004"}, "q.jobbtro.jt1": {"1"}, "q.swemwbs.swemwbs_1": {"5"}}
	res, err = client.PostForm(form, answer)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the answer: %d", res.StatusCode)
	}
	// The evaluation follows the answer on its next request.
	_, _, after := s.get(t, "/api/v1/evaluation", nil)
	if hashOf(before) == "" || hashOf(before) == hashOf(after) {
		t.Errorf("the served evaluation's data hash did not move with the answer: %q, %q", hashOf(before), hashOf(after))
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}

	status := MustRun(t, dir, "collect", "status", "--lang", "en")
	if !regexp.MustCompile(`effektmatning-2 .* open .*│ +1 │`).MatchString(status.stdout) {
		t.Errorf("collect status does not show one answer:\n%s", status.stdout)
	}
	// The collected answer replaced BD-0004's imported answer of the wave.
	qpath := filepath.Join(t.TempDir(), "q.md")
	MustRun(t, dir, "report", "quality", "--format", "md", "--out", qpath)
	if q, _ := os.ReadFile(qpath); !strings.Contains(string(q), "1 svar ersatte ett tidigare") {
		t.Errorf("the quality report does not count the replaced answer:\n%s", q)
	}

	MustRun(t, dir, "collect", "close", "--event", "effektmatning-2")
	s = startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	res, err = http.Get(s.url + "/c/" + token)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusGone {
		t.Errorf("the form of a closed collection: %d, want 410", res.StatusCode)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	MustRun(t, dir, "export", "--format", "csv", "--out", out)
	files, _ := filepath.Glob(filepath.Join(out, "*"))
	files = append(files, filepath.Join(dir, ".impact", "impact.duckdb"))
	for _, path := range files {
		data, _ := os.ReadFile(path)
		if strings.Contains(strings.ToLower(string(data)), "bd-0004") || strings.Contains(strings.ToLower(string(data)), "bd0004") {
			t.Errorf("%s holds the raw participant id", path)
		}
	}
	if strings.Contains(s.stderr.String(), "BD-0004") || strings.Contains(s.stderr.String(), token) {
		t.Errorf("the server's log holds the raw id or the token:\n%s", s.stderr)
	}
}

func TestCollectUsage(t *testing.T) {
	dir := exampleWithData(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"collect"}, "needs one of open, close or status"},
		{[]string{"collect", "begin"}, `"begin" is not an action`},
		{[]string{"collect", "open", "--event", "dag-3"}, "needs --event, --wave and at least one --instrument"},
		{[]string{"collect", "open", "--event", "dag-3", "--wave", "post", "--instrument", "nope"}, "impact.yaml has no such instrument"},
		{[]string{"collect", "open", "--event", "dag 3", "--wave", "post", "--instrument", "swemwbs"}, "give the event's id"},
		{[]string{"collect", "close", "--event", "dag-3"}, "has no collection"},
	} {
		r := run(t, dir, append(tc.args, "--lang", "en")...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("impact %s: exit %d\n%s\nwant one line with %q", strings.Join(tc.args, " "), r.code, r.stderr, tc.want)
		}
	}
}

// hashOf reads the data hash of an evaluation's JSON.
func hashOf(body string) string {
	m := regexp.MustCompile(`"data_hash": "([0-9a-f]+)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}
