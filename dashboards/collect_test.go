package dashboards_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// collectFixture is a real server on the example project with a real store
// and an open collection for effektmatning-3, wave post, SWEMWBS and
// jobbtro.
type collectFixture struct {
	p   *impact.Project
	db  *store.DB
	log *syncBuffer
	srv *httptest.Server
	c   store.Collection
	// uses counts the server's uses of the store.
	uses atomic.Int64
}

// collectOptions tune a collectFixture.
type collectOptions struct {
	public   bool
	formRate int
	pattern  string
}

func newCollectFixture(t testing.TB, o collectOptions) *collectFixture {
	t.Helper()
	f := &collectFixture{p: MustExample(t), log: &syncBuffer{}}
	if o.pattern != "" {
		f.p.ParticipantID = &impact.ParticipantIDRule{Pattern: o.pattern}
	}
	f.db = MustOpenStore(t, f.p)
	secret, err := os.ReadFile(filepath.Join(f.p.Dir, ".impact", "secret"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := dashboards.Config{
		Project: f.p, Addr: "127.0.0.1:8080", Version: "test", Log: f.log,
		Now:      func() time.Time { return fixedNow },
		Evaluate: countingEvaluate(f.db, f.p),
		DataHash: f.db.DataHash,
		Collect: func(ctx context.Context, work func(*store.DB) error) error {
			f.uses.Add(1)
			return work(f.db)
		},
		Secret:   bytes.TrimSpace(secret),
		FormRate: o.formRate,
	}
	if o.public {
		cfg.Addr = publicAddr
		cfg.Tokens = dashboards.Tokens{View: viewToken, Edit: editToken}
	}
	srv, err := dashboards.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(f.srv.Close)
	f.c, err = dashboards.OpenCollection(context.Background(), f.db, f.p, dashboards.OpenRequest{
		Event: "effektmatning-3", EventName: "Effektmätningsdag 3", Wave: "post",
		Instruments: []string{"swemwbs", "jobbtro"}, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// formURL is the collection's form.
func (f *collectFixture) formURL() string { return f.srv.URL + "/c/" + f.c.Token }

// phone is a client with its own cookies, as one phone is.
func phone(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// openForm loads the form with a phone and returns its CSRF token.
func (f *collectFixture) openForm(t testing.TB, client *http.Client) string {
	t.Helper()
	res, err := client.Get(f.formURL())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET the form: %d\n%s", res.StatusCode, body)
	}
	return csrfOf(t, string(body))
}

// fullAnswer is a complete answer of person id: every SWEMWBS item 4,
// every jobbtro item 3.
func fullAnswer(id, key, csrf string) url.Values {
	v := url.Values{"participant": {id}, "key": {key}, "csrf": {csrf}}
	for i := 1; i <= 7; i++ {
		v.Set(fmt.Sprintf("q.swemwbs.swemwbs_%d", i), "4")
	}
	for i := 1; i <= 4; i++ {
		v.Set(fmt.Sprintf("q.jobbtro.jt%d", i), "3")
	}
	return v
}

// send posts an answer and returns the status and the body.
func (f *collectFixture) send(t *testing.T, client *http.Client, path string, v url.Values) (int, string) {
	t.Helper()
	return answerOf(t)(client.PostForm(f.srv.URL+path, v))
}

// TestAnswerUsesTheStoreOnce: finding the collection and storing the
// answer are one use of the store, so that a phone's answer opens it once.
func TestAnswerUsesTheStoreOnce(t *testing.T) {
	f := newCollectFixture(t, collectOptions{})
	client := phone(t)
	csrf := f.openForm(t, client)
	before := f.uses.Load()
	status, body := f.send(t, client, "/c/"+f.c.Token, fullAnswer("BD-0042", "key-once-00000000001", csrf))
	if status != http.StatusOK {
		t.Fatalf("answer: %d\n%s", status, body)
	}
	if n := f.uses.Load() - before; n != 1 {
		t.Errorf("an answer used the store %d times, want 1", n)
	}
}

// TestCollectAnswerStoredAsIngestStores sends an answer from the form
// without script: it is stored under the collection's source with the day
// it was sent, the id pseudonymised; a second answer of the same person
// replaces the first and the quality note counts it.
func TestCollectAnswerStoredAsIngestStores(t *testing.T) {
	f := newCollectFixture(t, collectOptions{})
	ctx := context.Background()
	client := phone(t)
	csrf := f.openForm(t, client)
	status, body := f.send(t, client, "/c/"+f.c.Token, fullAnswer("BD-0042", "key-first-0000000001", csrf))
	if status != http.StatusOK || !strings.Contains(body, "Dina svar är mottagna.") {
		t.Fatalf("the answer: %d\n%s", status, body)
	}
	second := fullAnswer("bd 0042", "key-second-000000002", csrf)
	second.Set("q.jobbtro.jt1", "5")
	if status, body := f.send(t, client, "/c/"+f.c.Token, second); status != http.StatusOK {
		t.Fatalf("the second answer: %d\n%s", status, body)
	}
	var rows, people int
	var jt1 float64
	var path, date string
	err := f.db.QueryRow(ctx, `SELECT count(*), count(DISTINCT participant), max(value) FILTER (WHERE item = 'jt1'), any_value(s.path), strftime(any_value(r."date"), '%Y-%m-%d')
		FROM responses r JOIN sources s ON s.id = r.source_id`).Scan(&rows, &people, &jt1, &path, &date)
	if err != nil {
		t.Fatal(err)
	}
	if rows != 11 || people != 1 || jt1 != 5 {
		t.Errorf("the store holds %d rows of %d people with jt1 = %v; want 11 rows of 1 person, the second answer's jt1 5", rows, people, jt1)
	}
	if path != "collect:effektmatning-3" || date != "2025-11-30" {
		t.Errorf("provenance %s dated %s; want collect:effektmatning-3 on the day it was sent", path, date)
	}
	notes, err := f.db.Notes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || notes[0].Note != "1 svar ersatte ett tidigare" {
		t.Errorf("the quality notes are %+v; want one saying 1 answer replaced an earlier one", notes)
	}
	ev, err := metrics.Evaluate(ctx, f.db, f.p, metrics.Options{AsOf: impact.Date{Time: fixedNow}, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, log := range ev.Quality.Sources {
		if log.Path == "collect:effektmatning-3" {
			found = true
			if len(log.Notes) != 1 || log.Loaded != 2 {
				t.Errorf("the quality report's entry of the collection: %+v", log)
			}
		}
	}
	if !found {
		t.Error("the quality report does not list the collection")
	}
}

// TestCollectRefusals: each refusal of collect.md with its status and a
// page in the form's language that says what to do, and the headers of
// every page.
func TestCollectRefusals(t *testing.T) {
	f := newCollectFixture(t, collectOptions{pattern: `BD\d{4}`})
	client := phone(t)
	csrf := f.openForm(t, client)
	form := "/c/" + f.c.Token
	outside := fullAnswer("BD0001", "key-outside-00000001", csrf)
	outside.Set("q.jobbtro.jt2", "7")
	noCSRF := fullAnswer("BD0001", "key-nocsrf-000000001", "")
	cases := []struct {
		name, path string
		values     url.Values
		status     int
		lang, want string
	}{
		{"a wrong token", "/c/AAAAAAAAAAAAAAAAAAAAAA", fullAnswer("BD0001", "key-wrong-0000000001", csrf), http.StatusNotFound, "sv", "Den här enkäten finns inte"},
		{"a wrong token, in English", "/c/AAAAAAAAAAAAAAAAAAAAAA?lang=en", fullAnswer("BD0001", "key-wrong-0000000002", csrf), http.StatusNotFound, "en", "This survey does not exist"},
		{"no CSRF token", form, noCSRF, http.StatusForbidden, "sv", "Formuläret var för gammalt"},
		{"a value outside the labels", form, outside, http.StatusUnprocessableEntity, "sv", "Ett svar är inte ett av alternativen (”Jag vet hur jag söker jobb i Boden”)"},
		{"an id outside the pattern", form + "?lang=en", fullAnswer("XY-12", "key-pattern-00000001", csrf), http.StatusUnprocessableEntity, "en", "The participant id is not in the right form"},
		{"a personnummer", form, fullAnswer("19811218-9876", "key-pnr-000000000001", csrf), http.StatusUnprocessableEntity, "sv", "Skriv inte personnummer"},
	}
	for _, c := range cases {
		status, body := f.send(t, client, c.path, c.values)
		if status != c.status || !strings.Contains(body, `<html lang="`+c.lang+`">`) || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d; want %d with a page in %s saying %q\n%s", c.name, status, c.status, c.lang, c.want, body)
		}
	}
	var n int
	if err := f.db.QueryRow(context.Background(), `SELECT count(*) FROM responses`).Scan(&n); err != nil || n != 0 {
		t.Errorf("refused answers left %d rows (%v)", n, err)
	}

	// The body limit: 64 KB.
	big := fullAnswer("BD0001", "key-big-000000000001", csrf)
	big.Set("padding", strings.Repeat("x", 70<<10))
	if status, body := f.send(t, client, form, big); status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "för stort") {
		t.Errorf("a body of 70 KB: %d\n%s", status, body)
	}

	// A closed collection: the form and an answer both say so.
	if err := f.db.CloseCollection(context.Background(), f.c.Event, fixedNow); err != nil {
		t.Fatal(err)
	}
	status, body := f.send(t, client, form, fullAnswer("BD0001", "key-closed-000000001", csrf))
	if status != http.StatusGone || !strings.Contains(body, "Enkäten är stängd") {
		t.Errorf("an answer to a closed collection: %d\n%s", status, body)
	}
	res, err := client.Get(f.formURL() + "?lang=en")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusGone || !strings.Contains(string(page), "The survey is closed") {
		t.Errorf("the form of a closed collection: %d\n%s", res.StatusCode, page)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"} {
		if res.Header.Get(h) == "" {
			t.Errorf("the form's page lacks the header %s", h)
		}
	}
}

// TestCollectRateLimit: an address over --form-rate gets 429 with a page
// that says to wait.
func TestCollectRateLimit(t *testing.T) {
	f := newCollectFixture(t, collectOptions{formRate: 3})
	client := phone(t)
	csrf := f.openForm(t, client)
	var last int
	var body string
	for i := range 4 {
		last, body = f.send(t, client, "/c/"+f.c.Token, fullAnswer(fmt.Sprintf("BD%04d", i), fmt.Sprintf("key-rate-%011d", i), csrf))
	}
	if last != http.StatusTooManyRequests || !strings.Contains(body, "Vänta en minut") {
		t.Errorf("the 4th answer at a rate of 3 a minute: %d\n%s", last, body)
	}
}

// TestCollectPublicFormNeedsOnlyItsToken: on a network address the form
// needs only its collection's token, while every other page still needs
// the viewer or editor token.
func TestCollectPublicFormNeedsOnlyItsToken(t *testing.T) {
	f := newCollectFixture(t, collectOptions{public: true})
	client := phone(t)
	csrf := f.openForm(t, client)
	if status, body := f.send(t, client, "/c/"+f.c.Token, fullAnswer("BD0007", "key-public-000000001", csrf)); status != http.StatusOK {
		t.Errorf("an answer on a network address: %d\n%s", status, body)
	}
	for _, path := range []string{"/", "/collect", "/quality"} {
		res, err := client.Get(f.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("GET %s with the form's cookies only: %d to %s; want the login form", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
}

// TestCollect200AtOnce sends 200 answers at once, and 50 of them twice:
// each is stored exactly once, and the evaluation counts 200 respondents.
func TestCollect200AtOnce(t *testing.T) {
	f := newCollectFixture(t, collectOptions{formRate: 1000})
	ctx := context.Background()
	client := phone(t)
	csrf := f.openForm(t, client)
	var wg sync.WaitGroup
	statuses := make(chan int, 250)
	for i := range 250 {
		n := i % 200
		wg.Go(func() {
			res, err := client.PostForm(f.formURL(), fullAnswer(fmt.Sprintf("BD%04d", n+1), fmt.Sprintf("key-many-%011d", n), csrf))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses <- res.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK {
			t.Errorf("an answer got %d", s)
		}
	}
	var answers, people, rows int
	if err := f.db.QueryRow(ctx, `SELECT (SELECT count(*) FROM collect_answers), (SELECT count(DISTINCT participant) FROM responses), (SELECT count(*) FROM responses)`).Scan(&answers, &people, &rows); err != nil {
		t.Fatal(err)
	}
	if answers != 200 || people != 200 || rows != 200*11 {
		t.Errorf("stored %d answers of %d people in %d rows; want 200 answers of 200 people in 2200 rows", answers, people, rows)
	}
	ev, err := metrics.Evaluate(ctx, f.db, f.p, metrics.Options{AsOf: impact.Date{Time: fixedNow}, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	counted := -1
	for _, r := range ev.Quality.ResponseRates {
		if r.Event == "effektmatning-3" && r.Wave == "post" && r.Respondents != nil {
			counted = *r.Respondents
		}
	}
	if counted != 200 {
		t.Errorf("evaluate counts %d respondents of effektmatning-3 post; want 200 (%+v)", counted, ev.Quality.ResponseRates)
	}
}

// TestCollectNoRawID: after a collection no raw participant id is in the
// database file, the server's log or any export.
func TestCollectNoRawID(t *testing.T) {
	f := newCollectFixture(t, collectOptions{})
	ctx := context.Background()
	client := phone(t)
	csrf := f.openForm(t, client)
	ids := []string{"QZ7731", "QZ7732", "QZ7733"}
	for i, id := range ids {
		if status, body := f.send(t, client, "/c/"+f.c.Token, fullAnswer(id, fmt.Sprintf("key-raw-%012d", i), csrf)); status != http.StatusOK {
			t.Fatalf("answer %d: %d\n%s", i, status, body)
		}
	}
	out := t.TempDir()
	written, err := f.db.Export(ctx, out, "csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(ctx, `CHECKPOINT`); err != nil {
		t.Fatal(err)
	}
	files := append(written, f.db.Path())
	if wal := f.db.Path() + ".wal"; fileExists(wal) {
		files = append(files, wal)
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(id))) {
				t.Errorf("%s holds the raw id %s", filepath.Base(path), id)
			}
		}
	}
	for _, id := range ids {
		if strings.Contains(f.log.String(), id) {
			t.Errorf("the server's log holds the raw id %s", id)
		}
	}
	if strings.Contains(f.log.String(), f.c.Token) {
		t.Error("the server's log holds the collection's token")
	}
	if !strings.Contains(f.log.String(), "POST /c/…") {
		t.Errorf("the log does not show the answers' requests:\n%s", f.log.String())
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestCollectPosterAndLiveCount: the poster carries the QR code and the
// link, and the board and the editors' page show the answers against the
// event's register.
func TestCollectPosterAndLiveCount(t *testing.T) {
	f := newCollectFixture(t, collectOptions{})
	client := phone(t)
	res, err := client.Get(f.formURL() + "/poster")
	if err != nil {
		t.Fatal(err)
	}
	poster, _ := io.ReadAll(res.Body)
	res.Body.Close()
	link := f.formURL()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(poster), link) || !strings.Contains(string(poster), `src="data:image/svg`) ||
		!strings.Contains(string(poster), "size: A4") || !strings.Contains(string(poster), "Effektmätningsdag 3") {
		t.Errorf("the poster: %d\n%s", res.StatusCode, poster)
	}
	csrf := f.openForm(t, client)
	for i := range 3 {
		f.send(t, client, "/c/"+f.c.Token, fullAnswer(fmt.Sprintf("BD%04d", i), fmt.Sprintf("key-live-%011d", i), csrf))
	}
	for _, path := range []string{"/", "/collect"} {
		res, err := client.Get(f.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(page), "3 av 0 anmälda") || !strings.Contains(string(page), "3 som inte stod på listan") {
			t.Errorf("GET %s does not show 3 answers, none on the register:\n%s", path, page)
		}
	}
}

// TestCollectOpenAndCloseOnTheDashboard: an editor opens and closes a
// collection on the page of collections; the form follows.
func TestCollectOpenAndCloseOnTheDashboard(t *testing.T) {
	f := newCollectFixture(t, collectOptions{})
	ctx := context.Background()
	client := phone(t)
	res, err := client.Get(f.srv.URL + "/collect")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csrf := csrfOf(t, string(page))
	status, body := f.send(t, client, "/collect/open", url.Values{"csrf": {csrf}, "event": {"dag-9"}, "event_name": {"Dag 9"}, "date": {"2025-12-01"}, "wave": {"pre"}, "instrument": {"jobbtro"}})
	if status != http.StatusSeeOther {
		t.Fatalf("open on the dashboard: %d\n%s", status, body)
	}
	list, err := f.db.Collections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var opened store.Collection
	for _, c := range list {
		if c.Event == "dag-9" {
			opened = c
		}
	}
	if !opened.Open() || opened.Wave != "pre" || opened.EventName != "Dag 9" || opened.Date.Format("2006-01-02") != "2025-12-01" || len(opened.Token) != 22 {
		t.Fatalf("the opened collection: %+v", opened)
	}
	if status, body := f.send(t, client, "/collect/open", url.Values{"event": {"dag-10"}, "wave": {"pre"}, "instrument": {"jobbtro"}}); status != http.StatusForbidden {
		t.Errorf("open without a CSRF token: %d\n%s", status, body)
	}
	if status, body := f.send(t, client, "/collect/close", url.Values{"csrf": {csrf}, "event": {"dag-9"}}); status != http.StatusSeeOther {
		t.Fatalf("close on the dashboard: %d\n%s", status, body)
	}
	res, err = client.Get(f.srv.URL + "/c/" + opened.Token)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusGone {
		t.Errorf("the form of the closed collection: %d, want 410", res.StatusCode)
	}
}
