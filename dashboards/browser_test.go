package dashboards_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/joiningforces/impact"
)

// chromiumPath finds Debian's chromium. Without it the browser tests are
// skipped on a developer's machine and fail in CI, which installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium on PATH; CI must install it (apt-get install -y chromium)")
	}
	t.Skip("no chromium on PATH; apt-get install -y chromium to run the browser tests")
	return ""
}

// browser is a headless Chromium tab and what its console reported.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

// newBrowser starts headless Chromium for one test, bounded in time.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	b := &browser{ctx: ctx}
	// A blocked resource, a policy violation or a script error shows in
	// the console; the pages must cause none.
	messages := chromedp.Console(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
				b.report(m.String())
			}
		}
	}()
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc(); wg.Wait() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

func (b *browser) report(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, msg)
}

// checkConsole fails the test for anything the console reported.
func (b *browser) checkConsole(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser console: %s", p)
	}
}

// do runs steps and fails the test on an error.
func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// submit runs steps that end in a form's submission and waits until the
// page the server answers with has loaded, returning its HTTP status. A
// step after a plain Click would query the page before, which may hold the
// very element it waits for (a second upload's result page follows the
// first's).
func (b *browser) submit(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, steps...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return resp.Status
}

// get runs one action that returns a value and fails the test on an error.
func get[T any](t *testing.T, b *browser, what string, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// artifactDir is where screenshots go: $IMPACT_ARTIFACTS when set, else a
// folder of the test.
func artifactDir(t *testing.T) string {
	if dir := os.Getenv("IMPACT_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// saveScreenshot writes a PNG among the artifacts and logs its path.
func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	path := filepath.Join(artifactDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func TestBrowserGoalBoardAndIndicator(t *testing.T) {
	b := newBrowser(t)
	f := newFixture(t, options{renderer: fakeRenderer{}})
	srv := httptest.NewServer(f.handler)
	defer srv.Close()

	b.do(t, "open the goal board",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("table.board")),
	)
	h1 := get(t, b, "h1", chromedp.Text(chromedp.CSS("h1")))
	lang := get(t, b, "lang", chromedp.Evaluate[string](`document.documentElement.lang`))
	rows := get(t, b, "rows", chromedp.Evaluate[int](`document.querySelectorAll("table.board tbody tr").length`))
	firstStatus := get(t, b, "status", chromedp.Text(chromedp.CSS("table.board tbody tr td .status")))
	badImages := get(t, b, "images", chromedp.Evaluate[int](`[...document.images].filter(i => !i.alt || !i.complete || i.naturalWidth === 0).length`))
	saveScreenshot(t, "goal-board.png", get(t, b, "screenshot", chromedp.FullScreenshot(100)))
	if h1 != "Mål" || lang != "sv" {
		t.Errorf("h1 %q, lang %q; want Mål in Swedish", h1, lang)
	}
	if rows != len(f.project.Indicators) {
		t.Errorf("%d goals on the board, want %d", rows, len(f.project.Indicators))
	}
	if !strings.Contains(firstStatus, "✔") || !strings.Contains(firstStatus, "Uppnått") {
		t.Errorf("the status reads %q; want a symbol and a word", firstStatus)
	}
	if badImages != 0 {
		t.Errorf("%d images without alt text or not loaded", badImages)
	}

	// The first Tab reaches the skip link, which leads to the content.
	b.do(t, "press Tab", chromedp.KeyEvent("\t"))
	focused := get(t, b, "focus", chromedp.Evaluate[string](`document.activeElement.className + "|" + document.activeElement.getAttribute("href")`))
	if focused != "skip|#main" {
		t.Errorf("the first Tab focuses %q, want the skip link", focused)
	}

	// On a phone the page does not scroll sideways; wide tables scroll
	// inside their own region.
	b.do(t, "a phone",
		chromedp.EmulateViewport(375, 740, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("table.board")),
	)
	overflow := get(t, b, "overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	saveScreenshot(t, "goal-board-phone.png", get(t, b, "screenshot", chromedp.CaptureScreenshot()))
	b.do(t, "back to a desktop", chromedp.EmulateViewport(1280, 900))
	if overflow > 0 {
		t.Errorf("on a phone the page is %d px wider than the screen", overflow)
	}

	// The first goal's page, reached by its link.
	b.do(t, "an indicator page",
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("table.board")),
		chromedp.Click(chromedp.CSS("table.board tbody tr th a")),
		chromedp.WaitVisible(chromedp.CSS("#groups-h")),
	)
	location := get(t, b, "location", chromedp.Location())
	indicatorH1 := get(t, b, "h1", chromedp.Text(chromedp.CSS("h1")))
	groups := get(t, b, "groups", chromedp.Text(chromedp.CSS("#groups-caption")))
	headers := get(t, b, "headers", chromedp.Evaluate[int](`document.querySelectorAll("table th[scope]").length`))
	plotLoaded := get(t, b, "plot", chromedp.Evaluate[bool](`(() => { const i = document.querySelector("figure.plot img"); return !!i && i.complete && i.naturalWidth > 0 })()`))
	saveScreenshot(t, "indicator.png", get(t, b, "screenshot", chromedp.FullScreenshot(100)))
	if !strings.HasSuffix(location, "/indicators/"+f.project.Indicators[0].ID) || indicatorH1 != f.project.Indicators[0].Name {
		t.Errorf("the link led to %s titled %q", location, indicatorH1)
	}
	if !strings.Contains(groups, "färre än 5") {
		t.Errorf("the groups table does not say that small groups are hidden: %q", groups)
	}
	if headers == 0 {
		t.Errorf("the indicator's tables have no header cells with scope")
	}
	if !plotLoaded {
		t.Errorf("the indicator's plot did not load under the page's policy")
	}
	b.checkConsole(t)
}

func TestBrowserUploadWithEditorToken(t *testing.T) {
	b := newBrowser(t)
	f := newFixture(t, options{public: true, realStore: true, evaluate: countingEvaluate})
	srv := httptest.NewServer(f.handler)
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "narvaro-juni.csv")
	if err := os.WriteFile(file, []byte("participant,event,event_kind,date,new_contacts\nBD-0001,juni-1,meetup,2025-06-12,2\nBD-0002,juni-1,meetup,2025-06-12,3\nBD-0003,juni-1,meetup,2025-06-12,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	b.do(t, "open the upload page",
		chromedp.Navigate(srv.URL+"/ingest"),
		chromedp.WaitVisible(chromedp.CSS("#token")),
	)
	if location := get(t, b, "location", chromedp.Location()); !strings.Contains(location, "/login?next=%2Fingest") {
		t.Errorf("without a token /ingest leads to %s, want the login form", location)
	}
	b.do(t, "log in through the form",
		chromedp.SendKeys(chromedp.CSS("#token"), editToken),
		chromedp.Submit(chromedp.CSS("#token")),
		chromedp.WaitVisible(chromedp.CSS("form.upload")),
	)
	if location := get(t, b, "location", chromedp.Location()); !strings.HasSuffix(location, "/ingest") {
		t.Errorf("after the login the browser is at %s, want /ingest", location)
	}
	// Every control of the form has a label.
	unlabelled := get(t, b, "labels", chromedp.Evaluate[string](`[...document.querySelectorAll("form.upload input:not([type=hidden]), form.upload select")].filter(e => e.labels.length === 0).map(e => e.name).join(",")`))
	if unlabelled != "" {
		t.Errorf("form controls without a label: %s", unlabelled)
	}
	if status := b.submit(t, "upload a file",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.SetValue(chromedp.CSS("#kind"), "attendance"),
		chromedp.Click(chromedp.CSS("form.upload button[type=submit]")),
	); status != http.StatusOK {
		t.Errorf("the upload answered %d, want 200", status)
	}
	b.do(t, "the result", chromedp.WaitVisible(chromedp.CSS("section.result")))
	heading := get(t, b, "heading", chromedp.Text(chromedp.CSS("#result-h")))
	loaded := get(t, b, "loaded", chromedp.Text(chromedp.CSS("section.result dl div:nth-child(5) dd")))
	saveScreenshot(t, "upload.png", get(t, b, "screenshot", chromedp.FullScreenshot(100)))
	if heading != "Filen är inläst" || loaded != "3" {
		t.Errorf("the result reads %q with %q rows loaded; want the file loaded with 3 rows", heading, loaded)
	}
	var n int
	if err := f.db.QueryRow(context.Background(), `SELECT count(*) FROM attendance`).Scan(&n); err != nil || n != 3 {
		t.Errorf("the store holds %d attendance rows (%v), want 3", n, err)
	}
	b.checkConsole(t)
}

// TestBrowserColumnMatching uploads a list whose columns do not all match:
// the page shows each column with what it is read as, or a choice; the
// choices are saved as the source's columns: in impact.yaml, which still
// loads with every comment, and the file is loaded with them.
func TestBrowserColumnMatching(t *testing.T) {
	b := newBrowser(t)
	f := newFixture(t, options{public: true, realStore: true, evaluate: countingEvaluate})
	srv := httptest.NewServer(f.handler)
	defer srv.Close()
	original, err := os.ReadFile(f.project.File)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "narvaro-juli.csv")
	if err := os.WriteFile(file, []byte("Vem;Nya kontakter;Anteckning\nBD-0001;2;kom sent\nBD-0002;3;\nBD-0003;1;ny\nSumma;6;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(t, "log in",
		chromedp.Navigate(srv.URL+"/ingest"),
		chromedp.WaitVisible(chromedp.CSS("#token")),
		chromedp.SendKeys(chromedp.CSS("#token"), editToken),
		chromedp.Submit(chromedp.CSS("#token")),
		chromedp.WaitVisible(chromedp.CSS("form.upload")),
	)
	if status := b.submit(t, "upload the list",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.SetValue(chromedp.CSS("#kind"), "attendance"),
		chromedp.SetValue(chromedp.CSS("#event"), "juli-1"),
		chromedp.SetValue(chromedp.CSS("#event_kind"), "meetup"),
		chromedp.SetValue(chromedp.CSS("#date"), "2025-07-03"),
		chromedp.Click(chromedp.CSS("form.upload button[type=submit]")),
	); status != http.StatusOK {
		t.Errorf("the upload answered %d, want 200", status)
	}
	b.do(t, "the columns", chromedp.WaitVisible(chromedp.CSS("section.columns")))
	rows := get(t, b, "columns", chromedp.Evaluate[string](`[...document.querySelectorAll("table.columns tbody tr")].map(r => r.querySelector("th").textContent.trim() + "=" + (r.querySelector("select") ? "?" + r.querySelector("select").value : r.querySelector("td").textContent.trim())).join(",")`))
	if want := "Vem=?drop,Nya kontakter=new_contacts,Anteckning=?drop"; rows != want {
		t.Errorf("the columns read %q, want %q", rows, want)
	}
	unlabelled := get(t, b, "labels", chromedp.Evaluate[string](`[...document.querySelectorAll("form.columns select")].filter(e => e.labels.length === 0).map(e => e.name).join(",")`))
	if unlabelled != "" {
		t.Errorf("choices without a label: %s", unlabelled)
	}
	saveScreenshot(t, "columns.png", get(t, b, "screenshot", chromedp.FullScreenshot(100)))
	if status := b.submit(t, "match Vem and save",
		chromedp.SetValue(chromedp.CSS("table.columns tbody tr:nth-child(1) select"), "participant"),
		chromedp.Click(chromedp.CSS("form.columns button[type=submit]")),
	); status != http.StatusOK {
		t.Errorf("saving the columns answered %d, want 200", status)
	}
	b.do(t, "the result", chromedp.WaitVisible(chromedp.CSS("section.result")))
	loaded := get(t, b, "loaded", chromedp.Text(chromedp.CSS("section.result dl div:nth-child(5) dd")))
	if loaded != "3" {
		t.Errorf("%q rows loaded, want 3", loaded)
	}
	if h := get(t, b, "notes heading", chromedp.Text(chromedp.CSS("section.result h3"))); h != "Anteckningar från inläsningen" {
		t.Errorf("the notes are headed %q", h)
	}
	note := get(t, b, "notes", chromedp.Text(chromedp.CSS("section.result ul.notes")))
	if want := `data/uploads/narvaro-juli.csv:5: en summeringsrad ("Summa") lästes inte in`; !strings.Contains(note, want) {
		t.Errorf("the page's notes %q lack %q", note, want)
	}
	saveScreenshot(t, "columns-loaded.png", get(t, b, "screenshot", chromedp.FullScreenshot(100)))
	var n int
	if err := f.db.QueryRow(context.Background(), `SELECT count(*) FROM attendance WHERE event = 'juli-1'`).Scan(&n); err != nil || n != 3 {
		t.Errorf("the store holds %d rows of juli-1 (%v), want 3", n, err)
	}
	// The same list again is read with the saved columns, without the
	// step. The page before is a result page too: submit waits for the
	// server's new page, so the heading read below is the second upload's.
	if status := b.submit(t, "upload the list again",
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Click(chromedp.CSS("form.upload button[type=submit]")),
	); status != http.StatusOK {
		t.Errorf("the second upload answered %d, want 200", status)
	}
	b.do(t, "the second result", chromedp.WaitVisible(chromedp.CSS("section.result")))
	if h := get(t, b, "heading", chromedp.Text(chromedp.CSS("#result-h"))); h != "Samma fil var redan inläst: inget ändrades" {
		t.Errorf("the second upload reads %q", h)
	}
	// impact.yaml reloads, with the new entry and every comment.
	p, err := impact.Load(f.project.Dir)
	if err != nil {
		t.Fatalf("impact.yaml does not load after the save: %v", err)
	}
	last := p.Sources[len(p.Sources)-1]
	if last.File != "data/uploads/narvaro-juli.csv" || last.Columns["Vem"] != "participant" || last.Columns["Anteckning"] != "drop" || last.Event == nil || last.Event.ID != "juli-1" {
		t.Errorf("the saved source is %+v (columns %v)", last, last.Columns)
	}
	saved, _ := os.ReadFile(f.project.File)
	for _, line := range strings.Split(string(original), "\n") {
		if c := strings.TrimSpace(line); strings.HasPrefix(c, "#") && !strings.Contains(string(saved), c) {
			t.Errorf("the comment %q was lost", c)
		}
	}
	b.checkConsole(t)
}
