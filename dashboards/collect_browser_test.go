package dashboards_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// fillForm types the id and taps one answer of every question: the fourth
// of SWEMWBS, the third of jobbtro.
func fillForm(t *testing.T, b *browser, id string) {
	t.Helper()
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.WaitVisible(chromedp.CSS("#participant")),
		chromedp.SendKeys(chromedp.CSS("#participant"), id),
	}
	for i := 1; i <= 7; i++ {
		steps = append(steps, chromedp.Click(chromedp.CSS(fmt.Sprintf(`label[for="q.swemwbs.swemwbs_%d-4"]`, i))))
	}
	for i := 1; i <= 4; i++ {
		steps = append(steps, chromedp.Click(chromedp.CSS(fmt.Sprintf(`label[for="q.jobbtro.jt%d-3"]`, i))))
	}
	b.do(t, "fill the form", steps...)
}

// waitStatus waits until the form's status line contains want, and
// returns it; the bound is generous, for a loaded machine.
func waitStatus(t *testing.T, b *browser, want string) string {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	for {
		status := get(t, b, "status", chromedp.Evaluate[string](`document.getElementById("collect-status").textContent`))
		if strings.Contains(status, want) {
			return status
		}
		if time.Now().After(deadline) {
			t.Fatalf("the status line reads %q, never %q", status, want)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// setSlow gives the tab a poor connection: 2 s before each answer begins,
// and 6 KB/s each way (a crowded room's Wi-Fi or a weak 3G cell).
func setSlow() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		if _, err := cdp.Call(ctx, target, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		rules := []*network.Conditions{{Latency: 2000, DownloadThroughput: 6000, UploadThroughput: 6000}}
		_, err := cdp.Call(ctx, target, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: rules})
		return err
	})
}

// setOffline switches the tab's network off or on, as DevTools' network
// emulation does: requests fail, and navigator.onLine and the online and
// offline events follow.
func setOffline(offline bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		if _, err := cdp.Call(ctx, target, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		rules := []*network.Conditions{}
		if offline {
			rules = append(rules, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		}
		if _, err := cdp.Call(ctx, target, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: rules}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, target, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	})
}

// storedAnswers counts the answers in the store and those of one person.
func (f *collectFixture) storedAnswers(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.db.QueryRow(context.Background(), `SELECT count(*) FROM collect_answers`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBrowserCollectOnlineAndOffline fills the form at 390 px in headless
// Chromium: sent online it arrives at once; filled offline it waits in the
// phone's storage, and when the connection returns it arrives, once.
func TestBrowserCollectOnlineAndOffline(t *testing.T) {
	b := newBrowser(t)
	f := newCollectFixture(t, collectOptions{pattern: `BD\d{4}`})
	b.do(t, "a phone 390 px wide", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.do(t, "open the form", chromedp.Navigate(f.formURL()), chromedp.WaitVisible(chromedp.CSS("#collect-form")))

	// The page: its language, no sideways scroll, tap targets of at least
	// 44 × 44 CSS pixels, every control labelled, the licence line, and
	// the note that answers wait on the phone.
	lang := get(t, b, "lang", chromedp.Evaluate[string](`document.documentElement.lang`))
	overflow := get(t, b, "overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	smallest := get(t, b, "targets", chromedp.Evaluate[float64](`Math.min(...[...document.querySelectorAll(".choices label, button.send, #participant")].map(e => { const r = e.getBoundingClientRect(); return Math.min(r.width, r.height) }))`))
	unlabelled := get(t, b, "labels", chromedp.Evaluate[int](`[...document.querySelectorAll("#collect-form input:not([type=hidden])")].filter(e => e.labels.length === 0).length`))
	licence := get(t, b, "licence", chromedp.Text(chromedp.CSS(".licence")))
	note := get(t, b, "note", chromedp.Evaluate[bool](`!document.getElementById("offline-note").hidden`))
	saveScreenshot(t, "collect-form-390.png", get(t, b, "screenshot", chromedp.FullScreenshot(90)))
	if lang != "sv" || overflow > 0 || smallest < 44 || unlabelled != 0 {
		t.Errorf("the form: lang %q, %d px too wide, smallest tap target %.0f px, %d unlabelled controls", lang, overflow, smallest, unlabelled)
	}
	if !strings.Contains(licence, "University of Warwick") || !note {
		t.Errorf("the licence line reads %q; the offline note shows: %v", licence, note)
	}

	// Online: the answer arrives.
	fillForm(t, b, "BD-0101")
	b.do(t, "send", chromedp.Click(chromedp.CSS("button.send")))
	waitStatus(t, b, "Svaren är mottagna")
	if n := f.storedAnswers(t); n != 1 {
		t.Fatalf("after sending online the store holds %d answers, want 1", n)
	}
	b.checkConsole(t)

	// A poor connection: the answer is kept first, then arrives once.
	b.do(t, "a poor connection", setSlow())
	fillForm(t, b, "BD-0103")
	b.do(t, "send on a poor connection", chromedp.Click(chromedp.CSS("button.send")))
	waitStatus(t, b, "Svaren är sparade i telefonen")
	waitStatus(t, b, "Svaren är mottagna")
	if n := f.storedAnswers(t); n != 2 {
		t.Fatalf("after sending on a poor connection the store holds %d answers, want 2", n)
	}

	// Offline: the answer waits on the phone and the page says so.
	b.do(t, "go offline", setOffline(true))
	fillForm(t, b, "BD-0102")
	b.do(t, "send offline", chromedp.Click(chromedp.CSS("button.send")))
	waitStatus(t, b, "väntar i telefonen")
	queued := get(t, b, "queue", chromedp.Evaluate[int](`JSON.parse(localStorage.getItem("impact-collect:`+f.c.Token+`")).length`))
	saveScreenshot(t, "collect-form-offline-390.png", get(t, b, "screenshot", chromedp.CaptureScreenshot()))
	if queued != 1 || f.storedAnswers(t) != 2 {
		t.Fatalf("offline: %d answers wait on the phone and the store holds %d; want 1 and 2", queued, f.storedAnswers(t))
	}

	// Back online: it arrives, once, and the phone forgets it.
	b.do(t, "come back online", setOffline(false))
	waitStatus(t, b, "Svaren är mottagna")
	queued = get(t, b, "queue", chromedp.Evaluate[int](`JSON.parse(localStorage.getItem("impact-collect:`+f.c.Token+`")).length`))
	var answers, people int
	if err := f.db.QueryRow(context.Background(), `SELECT count(*), count(DISTINCT participant) FROM collect_answers`).Scan(&answers, &people); err != nil {
		t.Fatal(err)
	}
	if answers != 3 || people != 3 || queued != 0 {
		t.Errorf("back online: %d answers of %d people stored, %d still on the phone; want 3 of 3 and none", answers, people, queued)
	}

	// A refused answer comes back into the form with the reason.
	fillForm(t, b, "XX-1")
	b.do(t, "send a bad id", chromedp.Click(chromedp.CSS("button.send")))
	status := waitStatus(t, b, "Svaret togs inte emot")
	id := get(t, b, "id", chromedp.Evaluate[string](`document.getElementById("participant").value`))
	if !strings.Contains(status, "rätt form") || id != "XX-1" {
		t.Errorf("a refused answer: the status reads %q and the id field %q", status, id)
	}
}

// TestBrowserCollectWithoutScript sends the form with JavaScript off: a
// plain post, the thank-you page, the answer stored; then the poster.
func TestBrowserCollectWithoutScript(t *testing.T) {
	b := newBrowser(t)
	f := newCollectFixture(t, collectOptions{})
	b.do(t, "a phone 320 px wide, no script",
		chromedp.EmulateViewport(320, 700, chromedp.EmulateScale(2)),
		chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := cdp.Call(ctx, target, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(f.formURL()),
	)
	overflow := get(t, b, "overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if overflow > 0 {
		t.Errorf("at 320 px the form is %d px too wide", overflow)
	}
	fillForm(t, b, "BD-0201")
	b.do(t, "send", chromedp.Click(chromedp.CSS("button.send")), chromedp.WaitVisible(chromedp.CSS("p.done")))
	done := get(t, b, "done", chromedp.Text(chromedp.CSS("p.done")))
	if done != "Dina svar är mottagna." || f.storedAnswers(t) != 1 {
		t.Errorf("without script: the page reads %q and the store holds %d answers", done, f.storedAnswers(t))
	}
	b.do(t, "the poster", chromedp.EmulateViewport(794, 1123), chromedp.Navigate(f.formURL()+"/poster"), chromedp.WaitVisible(chromedp.CSS("img.qr")))
	loaded := get(t, b, "qr", chromedp.Evaluate[bool](`(() => { const i = document.querySelector("img.qr"); return i.complete && i.naturalWidth > 0 })()`))
	shot := get(t, b, "screenshot", chromedp.CaptureScreenshot())
	saveScreenshot(t, "collect-poster.png", shot)
	if !loaded {
		t.Error("the poster's QR code did not load under the page's policy")
	}
	if got := readQR(t, shot); got != f.formURL() {
		t.Errorf("the poster's QR code reads %q, want the form's link %s", got, f.formURL())
	}
	b.checkConsole(t)
}
