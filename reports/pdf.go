package reports

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/joiningforces/impact"
)

// ChromiumEnv names the environment variable that points at a Chromium or
// Chrome binary when none is found on the PATH.
const ChromiumEnv = "IMPACT_CHROMIUM"

// chromiumNames are the names Chromium and Chrome go by on Linux, macOS
// (through a symlink) and in containers, the fastest to print first:
// Chromium's headless shell (Debian's chromium-headless-shell) is the
// browser without its windows, and starts in a third of the time. The
// workshop report of the example printed in 2.1–2.2 s with it against
// 4.2–4.8 s with the full chromium, side by side on one loaded machine
// (start 0.3–0.4 s against 0.9–1.2 s, printing 0.6–0.9 s against
// 1.5–2.2 s); both printed the same 18 tagged pages.
var chromiumNames = []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// FindChromium returns the path of a Chromium (or Chrome) binary: the one
// IMPACT_CHROMIUM names, else the first of chromiumNames on the PATH, else
// /usr/bin/chromium. Without one it returns an error that says how to
// install it.
func FindChromium() (string, error) {
	if path := os.Getenv(ChromiumEnv); path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", refuse(impact.EINTERNAL, nil, "refuse.chromium_env", ChromiumEnv, path)
		}
		return path, nil
	}
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	return "", refuse(impact.EINTERNAL, nil, "refuse.no_chromium", ChromiumEnv)
}

// RenderPDF returns doc as PDF: the HTML report printed on A4 by headless
// Chromium, with the page number and the footer line at the foot of every
// page. Chromium runs with no network features and a fresh profile, and
// the page's policy forbids every request, so nothing leaves the machine.
func RenderPDF(ctx context.Context, doc string, in Input) ([]byte, error) {
	d, err := build(doc, in)
	if err != nil {
		return nil, err
	}
	content, err := renderHTML(d)
	if err != nil {
		return nil, err
	}
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	generated := in.GeneratedAt
	if generated.IsZero() {
		generated = in.Evaluation.GeneratedAt
	}
	pdf, err := printHTML(ctx, exe, content)
	if err != nil {
		return nil, err
	}
	return fixPDFDates(pdf, generated), nil
}

// printHTML loads content into a blank page of a new headless Chromium and
// prints it.
func printHTML(ctx context.Context, exe string, content []byte) ([]byte, error) {
	profile, err := os.MkdirTemp("", "impact-chromium-")
	if err != nil {
		return nil, refuse(impact.EINTERNAL, err, "refuse.chromium_profile", err, os.TempDir())
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("no-pings", true),
	)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()

	var pdf []byte
	err = chromedp.Do(browserCtx,
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
			if err != nil {
				return err
			}
			_, err = cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{
				FrameID: tree.FrameTree.Frame.ID,
				HTML:    string(content),
			})
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			// The fonts are data URLs, decoded after the document is set;
			// printing before they are ready would use a fallback font.
			_, err := chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)(ctx, t)
			return err
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			yes, no := true, false
			res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{
				PaperWidth:          8.27,
				PaperHeight:         11.69,
				PreferCSSPageSize:   &yes,
				PrintBackground:     &yes,
				DisplayHeaderFooter: &yes,
				HeaderTemplate:      "<span></span>",
				FooterTemplate:      footerTemplate(),
				GenerateTaggedPDF:   &yes,
				Landscape:           &no,
			})
			pdf = res.Data
			return err
		}),
	)
	if err != nil {
		return nil, refuse(impact.EINTERNAL, err, "refuse.chromium_print", exe, oneLine(err.Error()))
	}
	return pdf, nil
}

// footerTemplate is the foot of every printed page: the page number only.
// The version and data hash are in the colophon at the end (memo.md).
// Chromium renders it apart from the page, so it carries its own style.
func footerTemplate() string {
	return `<div style="width:100%;margin:0 17mm;font-family:'Liberation Sans',Arial,sans-serif;font-size:7px;color:#555;text-align:right"><span class="pageNumber"></span>&#8201;/&#8201;<span class="totalPages"></span></div>`
}

// oneLine folds a multi-line message into one line.
func oneLine(s string) string {
	return string(bytes.Join(bytes.Fields([]byte(s)), []byte(" ")))
}

// pdfDate matches the creation and modification dates Chromium writes into
// the PDF's information dictionary.
var pdfDate = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}[^)]*\)`)

// fixPDFDates replaces the dates Chromium stamps into the PDF with the
// generation time, so that the same input prints to the same bytes.
func fixPDFDates(pdf []byte, at time.Time) []byte {
	stamp := at.UTC().Format("20060102150405")
	return pdfDate.ReplaceAllFunc(pdf, func(m []byte) []byte {
		name := pdfDate.FindSubmatch(m)[1]
		// Keep the length, so the cross-reference offsets stay right.
		replacement := fmt.Sprintf("/%s (D:%s+00'00')", name, stamp)
		if len(replacement) > len(m) {
			return m
		}
		return []byte(replacement + string(bytes.Repeat([]byte(" "), len(m)-len(replacement))))
	})
}
