package reports_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact/reports"
)

// MustHaveTool returns the path of a tool the PDF tests need. Without it
// the test is skipped on a developer's machine, but fails in CI (CI=true),
// where .ci/run installs Chromium and poppler-utils.
func MustHaveTool(t *testing.T, find func() (string, error), install string) string {
	t.Helper()
	path, err := find()
	if err == nil {
		return path
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatalf("%v; CI must have it: %s", err, install)
	}
	t.Skipf("%v; install it with: %s", err, install)
	return ""
}

// lookPath finds a command on the PATH.
func lookPath(name string) func() (string, error) {
	return func() (string, error) { return exec.LookPath(name) }
}

// pdfText extracts a PDF's text with pdftotext, with -layout keeping each
// table row on one line.
func pdfText(t *testing.T, tool string, pdf []byte, layout bool) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8", in, "-"}
	if layout {
		args = append([]string{"-layout"}, args...)
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pageCount reads the number of pages from the PDF's page tree.
var pageCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)`)

// TestPDF prints reports in real headless Chromium and checks that each
// PDF has pages, carries every goal's name in its text, shows suppressed
// groups only as "fewer than 5", and is the same bytes when printed again.
func TestPDF(t *testing.T) {
	MustHaveTool(t, reports.FindChromium, "apt-get install -y chromium")
	pdftotext := MustHaveTool(t, lookPath("pdftotext"), "apt-get install -y poppler-utils")
	ctx := context.Background()
	ev := exampleEvaluation()
	for _, tc := range []struct{ doc, lang string }{
		{reports.DocWorkshop, "sv"}, {reports.DocWorkshop, "en"}, {reports.DocMemo, "sv"}, {reports.DocQuality, "en"},
	} {
		t.Run(tc.doc+"."+tc.lang, func(t *testing.T) {
			pdf, err := reports.RenderPDF(ctx, tc.doc, exampleInput(t, tc.lang))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
			}
			m := pageCount.FindSubmatch(pdf)
			if m == nil {
				t.Fatalf("the PDF has no page tree")
			}
			pages, _ := strconv.Atoi(string(m[1]))
			if pages < 2 {
				t.Errorf("the PDF has %d pages", pages)
			}
			text := strings.Join(strings.Fields(pdfText(t, pdftotext, pdf, false)), " ")
			if tc.doc != reports.DocQuality {
				for _, r := range ev.Indicators {
					if !strings.Contains(text, r.Name) {
						t.Errorf("the PDF text lacks the goal %q", r.Name)
					}
				}
			}
			s := suppressedLabels[tc.lang]
			for _, line := range strings.Split(pdfText(t, pdftotext, pdf, true), "\n") {
				for _, label := range s.labels {
					if strings.Contains(line, label) && !noNumberBut(line, s.fewer) {
						t.Errorf("a suppressed group shows a number in the PDF: %q", strings.TrimSpace(line))
					}
				}
			}
			if tc.doc == reports.DocQuality {
				again, err := reports.RenderPDF(ctx, tc.doc, exampleInput(t, tc.lang))
				if err != nil {
					t.Fatal(err)
				}
				// Chromium does not promise the same bytes twice (font
				// subsets and object order may move on a busy machine), so
				// the two prints must read the same, page for page.
				if !bytes.Equal(pdf, again) {
					if a, b := pdfText(t, pdftotext, pdf, true), pdfText(t, pdftotext, again, true); a != b {
						t.Errorf("two prints of the same input read differently:\n%s\n---\n%s", a, b)
					}
					if a, b := pageCount.FindSubmatch(pdf), pageCount.FindSubmatch(again); b == nil || !bytes.Equal(a[1], b[1]) {
						t.Errorf("two prints of the same input have different page counts")
					}
				}
			}
		})
	}
}

// TestFindChromiumNamed checks that IMPACT_CHROMIUM pointing nowhere is an
// error that says how to install Chromium, in one line.
func TestFindChromiumNamed(t *testing.T) {
	t.Setenv(reports.ChromiumEnv, filepath.Join(t.TempDir(), "no-chromium"))
	_, err := reports.FindChromium()
	if err == nil {
		t.Fatal("no error for a Chromium that does not exist")
	}
	if msg := err.Error(); !strings.Contains(msg, "apt-get install -y chromium") || strings.Contains(msg, "\n") {
		t.Errorf("error %q does not say in one line how to install Chromium", msg)
	}
}
