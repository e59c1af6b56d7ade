package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/joiningforces/impact"
)

// newChromium starts headless Chromium for one test, bounded in time. It
// skips the test where there is no Chromium, except in CI, which installs it.
func newChromium(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no chromium on PATH; CI must install it")
		}
		t.Skip("no chromium on PATH")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// artifacts is where screenshots go: $IMPACT_ARTIFACTS, else a folder of
// the test.
func artifacts(t *testing.T) string {
	t.Helper()
	out := os.Getenv("IMPACT_ARTIFACTS")
	if out == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return out
}

// screenshot saves the whole page as a PNG among the artifacts.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	savePNG(t, ctx, filepath.Join(dir, name), chromedp.FullScreenshot(100))
}

// screen saves what the screen shows, scrolled to the element of selector
// when one is given, as a PNG among the artifacts.
func screen(t *testing.T, ctx context.Context, dir, name, selector string) {
	t.Helper()
	if selector != "" {
		if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(selector))); err != nil {
			t.Fatal(err)
		}
	}
	savePNG(t, ctx, filepath.Join(dir, name), chromedp.CaptureScreenshot())
}

func savePNG(t *testing.T, ctx context.Context, file string, capture chromedp.Action[[]byte]) {
	t.Helper()
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)
}

// mustServeLoopback runs impact serve in-process on a free loopback port
// in dir and loads the project it serves.
func mustServeLoopback(t *testing.T, dir string) (*served, *impact.Project) {
	t.Helper()
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url == "" {
		t.Fatalf("impact serve did not start:\n%s", s.stderr)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

// layoutCheck measures, in the browser, what a person on a narrow screen
// would miss: the page wider than the screen, and each element of the
// selectors outside the screen or its text cut off inside its own box.
const layoutCheck = `((selectors) => {
  const width = window.innerWidth;
  const out = {page: document.documentElement.scrollWidth - width, counts: {}, hidden: []};
  for (const sel of selectors) {
    const all = [...document.querySelectorAll(sel)];
    out.counts[sel] = all.length;
    for (const e of all) {
      const b = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      if (b.width <= 0 || b.height <= 0 || b.left < -0.5 || b.right > width + 0.5 ||
          style.visibility === "hidden" || e.scrollWidth > e.clientWidth + 1) {
        out.hidden.push(sel + ": " + e.textContent.trim().slice(0, 40) + " at " + Math.round(b.left) + "–" + Math.round(b.right));
      }
    }
  }
  return JSON.stringify(out);
})(%s)`

type layout struct {
	Page   int            `json:"page"`
	Counts map[string]int `json:"counts"`
	Hidden []string       `json:"hidden"`
}

func measureLayout(t *testing.T, ctx context.Context, selectors ...string) layout {
	t.Helper()
	arg, _ := json.Marshal(selectors)
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(layoutCheck, string(arg))))
	if err != nil {
		t.Fatal(err)
	}
	var l layout
	if err := json.Unmarshal([]byte(raw), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestGoalBoardOnAPhone(t *testing.T) {
	ctx := newChromium(t)
	dir := exampleWithData(t)
	s, p := mustServeLoopback(t, dir)
	out := artifacts(t)
	board := []string{"table.board", "table.board tbody th", "table.board .status",
		"table.board td:nth-of-type(2)", "table.board td:nth-of-type(3)", "table.board td:nth-of-type(4)"}
	for _, width := range []int{390, 320} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 800, chromedp.EmulateScale(2), chromedp.EmulateMobile),
			chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
			t.Fatal(err)
		}
		l := measureLayout(t, ctx, board...)
		if l.Page > 0 {
			t.Errorf("%d px: the goal board is %d px wider than the screen", width, l.Page)
		}
		if got := l.Counts["table.board .status"]; got != len(p.Indicators) {
			t.Errorf("%d px: %d statuses on the board, want one per goal, %d", width, got, len(p.Indicators))
		}
		for _, h := range l.Hidden {
			t.Errorf("%d px: cut off or outside the screen: %s", width, h)
		}
		// The theory of change keeps a readable size and scrolls in its
		// own region; its link opens it alone, to zoom.
		graph, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify((() => {
			const region = document.querySelector("figure.toc .plot-scroll"), img = region.querySelector("img");
			return {img: img.getBoundingClientRect().width, region: region.clientWidth, scrolls: region.scrollWidth > region.clientWidth,
			        zoom: document.querySelector("figure.toc a.zoom").href};
		})())`))
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			Img, Region float64
			Scrolls     bool
			Zoom        string
		}
		json.Unmarshal([]byte(graph), &g)
		if g.Img < 600 || !g.Scrolls {
			t.Errorf("%d px: the graph is drawn %.0f px wide in a region of %.0f px (scrolls: %v); want it readable, scrolling in its region", width, g.Img, g.Region, g.Scrolls)
		}
		if res, err := http.Get(g.Zoom); err != nil || res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/svg+xml" {
			t.Errorf("%d px: the graph's zoom link %s: %v %v", width, g.Zoom, res, err)
		} else {
			res.Body.Close()
		}
		screenshot(t, ctx, out, fmt.Sprintf("phone-%d-goal-board.png", width))
		screen(t, ctx, out, fmt.Sprintf("phone-%d-goal-board-top.png", width), "")
		screen(t, ctx, out, fmt.Sprintf("phone-%d-goal-board-graph.png", width), "figure.toc")
		screen(t, ctx, out, fmt.Sprintf("phone-%d-goal-board-cards.png", width), "table.board tbody tr:nth-child(3)")

		// Every indicator page: nothing wider than the screen, the figures
		// in view.
		for i, ind := range p.Indicators {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"/indicators/"+ind.ID), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
				t.Fatal(err)
			}
			l := measureLayout(t, ctx, "h1", ".status-line .status", "dl.figures dd", "main table")
			if l.Page > 0 {
				t.Errorf("%d px: the page of %s is %d px wider than the screen", width, ind.ID, l.Page)
			}
			for _, h := range l.Hidden {
				t.Errorf("%d px: the page of %s: cut off or outside the screen: %s", width, ind.ID, h)
			}
			if i == len(p.Indicators)-1 {
				screenshot(t, ctx, out, fmt.Sprintf("phone-%d-indicator.png", width))
			}
			if ind.ID == "work_or_study_6m" {
				screen(t, ctx, out, fmt.Sprintf("phone-%d-indicator-top.png", width), "")
				screen(t, ctx, out, fmt.Sprintf("phone-%d-indicator-groups.png", width), "#groups-h")
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
		t.Fatal(err)
	}
	if l := measureLayout(t, ctx, board...); l.Page > 0 || len(l.Hidden) > 0 {
		t.Errorf("on a desktop the board is %d px too wide, with %v cut off", l.Page, l.Hidden)
	}
	screenshot(t, ctx, out, "desktop-goal-board.png")
}
