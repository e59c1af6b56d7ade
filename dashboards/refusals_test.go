package dashboards_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// refusalIn is the catalogue's refusal key with args in lang, as a page
// shows it; in Swedish and Latvian it must not be the English text.
func refusalIn(t *testing.T, lang, key string, args ...any) string {
	t.Helper()
	return refusalOf(t, i18n.Dashboards, lang, key, args...)
}

// refusalOf is refusalIn of a key of domain.
func refusalOf(t *testing.T, domain i18n.Domain, lang, key string, args ...any) string {
	t.Helper()
	said := i18n.Sprintf(domain, lang, key, args...)
	if lang != "en" && said == i18n.Sprintf(domain, "en", key, args...) {
		t.Fatalf("%s has no %s text of its own: %q", key, lang, said)
	}
	return said
}

// filePart is one file of an upload form.
type filePart struct {
	name    string
	content []byte
}

// uploadThrough posts an upload form through a real server in lang: the
// form is read first, for its CSRF field and cookie, as a browser does.
func uploadThrough(t *testing.T, base, lang string, files []filePart, fields map[string]string) (int, string) {
	t.Helper()
	client := phone(t)
	status, form := answerOf(t)(client.Get(base + "/ingest?lang=" + lang))
	if status != http.StatusOK {
		t.Fatalf("GET /ingest: %d\n%s", status, form)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("csrf", csrfOf(t, form))
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for _, f := range files {
		part, err := w.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(f.content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return answerOf(t)(client.Post(base+"/ingest?lang="+lang, w.FormDataContentType(), &body))
}

// answerOf returns a function that reads the answer of a request: its
// status and its body.
func answerOf(t *testing.T) func(*http.Response, error) (int, string) {
	return func(res *http.Response, err error) (int, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
}

// TestUploadRefusalsInThePageLanguage: every refusal of the upload form is
// said in the page's language (sv, en, lv), through a real server.
func TestUploadRefusalsInThePageLanguage(t *testing.T) {
	f := newFixture(t, options{})
	srv := httptest.NewServer(f.handler)
	t.Cleanup(srv.Close)
	src := sourceOfKind(t, f.project, "attendance")
	name := path.Base(src.File)
	csv := []byte("participant_id;date\nBD-0001;2025-06-12\n")
	for _, c := range []struct {
		kind   string
		files  []filePart
		fields map[string]string
		key    string
		args   []any
	}{
		{"no file", nil, map[string]string{"kind": "attendance"}, "refuse.no_file", nil},
		{"two files", []filePart{{"a.csv", csv}, {"b.csv", csv}}, nil, "refuse.many_files", nil},
		{"bad name", []filePart{{"a;b.csv", csv}}, nil, "refuse.file_name", []any{"a;b.csv"}},
		{"bad format", []filePart{{"data.pdf", csv}}, nil, "refuse.file_format", []any{"data.pdf", ".csv, .tsv, .txt, .xlsx, .json"}},
		{"kind mismatch", []filePart{{name, csv}}, map[string]string{"kind": "costs"}, "refuse.kind_mismatch", []any{src.File, "attendance", "costs"}},
		{"no kind", []filePart{{"nytt.csv", csv}}, nil, "refuse.no_kind", []any{"nytt.csv"}},
		{"bad date", []filePart{{"nytt.csv", csv}}, map[string]string{"kind": "attendance", "event": "dag-1", "date": "12/06/2025"}, "refuse.date", []any{"12/06/2025"}},
	} {
		for _, lang := range []string{"sv", "en", "lv"} {
			t.Run(c.kind+"/"+lang, func(t *testing.T) {
				status, page := uploadThrough(t, srv.URL, lang, c.files, c.fields)
				if status != http.StatusBadRequest {
					t.Fatalf("status %d, want 400\n%s", status, page)
				}
				if want := escapeHTML(refusalIn(t, lang, c.key, c.args...)); !strings.Contains(page, want) {
					t.Fatalf("the page lacks %q:\n%s", want, page)
				}
				if !strings.Contains(page, `<html lang="`+lang+`"`) {
					t.Errorf("the page is not in %s", lang)
				}
			})
		}
	}
}

// TestUploadBesideBrokenProjectInThePageLanguage: the refusal of an upload
// beside an impact.yaml that no longer loads, and the project file's own
// problems under it, are said in the page's language.
func TestUploadBesideBrokenProjectInThePageLanguage(t *testing.T) {
	f := newFixture(t, options{})
	srv := httptest.NewServer(f.handler)
	t.Cleanup(srv.Close)
	src := sourceOfKind(t, f.project, "attendance")
	project, err := os.ReadFile(f.project.File)
	if err != nil {
		t.Fatal(err)
	}
	// A confidence written as a percentage: a problem the loader says in
	// every language.
	broken := strings.Replace(string(project), "confidence: 0.95", "confidence: 95", 1)
	if broken == string(project) {
		t.Fatal("the example has no confidence line to break")
	}
	if err := os.WriteFile(f.project.File, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, loadErr := impact.Load(f.project.Dir)
	if loadErr == nil {
		t.Fatal("the broken impact.yaml loads")
	}
	for _, lang := range []string{"sv", "en", "lv"} {
		t.Run(lang, func(t *testing.T) {
			status, page := uploadThrough(t, srv.URL, lang, []filePart{{path.Base(src.File), []byte("x")}}, nil)
			if status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400\n%s", status, page)
			}
			first, _, _ := strings.Cut(refusalIn(t, lang, "refuse.project_broken", ""), "\n")
			if !strings.Contains(page, escapeHTML(first)) {
				t.Errorf("the page lacks %q:\n%s", first, page)
			}
			problems := impact.ErrorMessage(impact.SayIn(loadErr, lang))
			if lang != "en" && problems == impact.ErrorMessage(impact.SayIn(loadErr, "en")) {
				t.Fatalf("the loader says its problem in English in %s: %s", lang, problems)
			}
			pageHasLines(t, page, impact.Errorf(impact.EINVALID, "%s", problems))
		})
	}
}

// TestCollectRefusalsInThePageLanguage: the refusals of the collection
// pages (a date that is not one, an instrument impact.yaml has not, a
// collection whose instrument impact.yaml no longer has) are said in the
// page's language.
func TestCollectRefusalsInThePageLanguage(t *testing.T) {
	f := newCollectFixture(t, collectOptions{})
	gone, err := f.db.OpenCollection(context.Background(), store.Collection{
		Event: "dag-gone", Token: "token-of-a-gone-instrument-0000", Wave: "post",
		Instruments: []string{"borta"}, EventKind: "impact_day", Date: fixedNow, OpenedAt: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	instruments := "swemwbs, jobbtro"
	for _, lang := range []string{"sv", "en", "lv"} {
		client := phone(t)
		_, page := answerOf(t)(client.Get(f.srv.URL + "/collect?lang=" + lang))
		csrf := csrfOf(t, page)
		for _, c := range []struct {
			kind string
			form url.Values
			key  string
			args []any
		}{
			{"date", url.Values{"event": {"dag-9"}, "date": {"1 december"}, "wave": {"pre"}, "instrument": {"jobbtro"}}, "refuse.date", []any{"1 december"}},
			{"wave", url.Values{"event": {"dag-9"}, "instrument": {"jobbtro"}}, "refuse.no_wave", nil},
			{"instrument", url.Values{"event": {"dag-9"}, "wave": {"pre"}, "instrument": {"nope"}}, "refuse.instrument", []any{"nope", instruments}},
			{"event id", url.Values{"event": {"dag 9"}, "wave": {"pre"}, "instrument": {"jobbtro"}}, "refuse.event_id", []any{"dag 9"}},
		} {
			t.Run(c.kind+"/"+lang, func(t *testing.T) {
				c.form.Set("csrf", csrf)
				status, body := f.send(t, client, "/collect/open?lang="+lang, c.form)
				if status != http.StatusBadRequest {
					t.Fatalf("status %d, want 400\n%s", status, body)
				}
				if want := escapeHTML(refusalIn(t, lang, c.key, c.args...)); !strings.Contains(body, want) {
					t.Fatalf("the page lacks %q:\n%s", want, body)
				}
			})
		}
		t.Run("already open/"+lang, func(t *testing.T) {
			form := url.Values{"csrf": {csrf}, "event": {f.c.Event}, "wave": {"pre"}, "instrument": {"jobbtro"}}
			status, body := f.send(t, client, "/collect/open?lang="+lang, form)
			if status != http.StatusConflict {
				t.Fatalf("status %d, want 409\n%s", status, body)
			}
			if want := escapeHTML(refusalOf(t, i18n.CLI, lang, "refuse.collect.open", f.c.Event, f.c.Wave, f.c.Event)); !strings.Contains(body, want) {
				t.Fatalf("the page lacks %q:\n%s", want, body)
			}
		})
		t.Run("gone instrument/"+lang, func(t *testing.T) {
			status, body := answerOf(t)(client.Get(f.srv.URL + "/c/" + gone.Token + "?lang=" + lang))
			if status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400\n%s", status, body)
			}
			if want := escapeHTML(refusalIn(t, lang, "refuse.form_instrument", "dag-gone", "borta")); !strings.Contains(body, want) {
				t.Fatalf("the page lacks %q:\n%s", want, body)
			}
		})
	}
}

// TestIngestRefusalInThePageLanguage: ingest's own refusal of an uploaded
// file is said in the page's language, not only in the project's.
func TestIngestRefusalInThePageLanguage(t *testing.T) {
	f := newFixture(t, options{realStore: true})
	srv := httptest.NewServer(f.handler)
	t.Cleanup(srv.Close)
	csv := []byte("participant,date,months_after,status\nBD-0001,2025-07-01,6,arbete\nBD-0002,31/02/2025,6,arbete\n")
	for _, c := range []struct{ lang, refused, cell string }{
		{"en", "data/uploads/extra.csv: refused, nothing was loaded: 1 row is invalid", `data/uploads/extra.csv:3: column "date": "31/02/2025" is not a date; write it as YYYY-MM-DD`},
		{"sv", "data/uploads/extra.csv: avvisad, inget lästes in: 1 rad är ogiltig", `data/uploads/extra.csv:3: kolumn "date": "31/02/2025" är inget datum; skriv det som ÅÅÅÅ-MM-DD`},
		{"lv", "data/uploads/extra.csv: noraidīts, nekas netika ielādēts: 1 rinda nav derīga", `data/uploads/extra.csv:3: kolonna "date": "31/02/2025" nav datums; rakstiet to formā GGGG-MM-DD`},
	} {
		t.Run(c.lang, func(t *testing.T) {
			status, page := uploadThrough(t, srv.URL, c.lang, []filePart{{"extra.csv", csv}}, map[string]string{"kind": "followups"})
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", status, page)
			}
			for _, want := range []string{c.refused, c.cell} {
				if !strings.Contains(page, escapeHTML(want)) {
					t.Errorf("the page lacks %q:\n%s", want, page)
				}
			}
		})
	}
}
