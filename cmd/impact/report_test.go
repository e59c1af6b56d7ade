package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// exampleWithReportsData makes the example project and ingests its data.
func exampleWithReportsData(t *testing.T) string {
	t.Helper()
	dir := exampleProject(t)
	MustRun(t, dir, "ingest")
	return dir
}

// runWithEnv runs impact in-process like run, with an environment and a
// clock of its own.
func runWithEnv(t *testing.T, dir string, env map[string]string, now time.Time, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := NewMain()
	m.Stdout, m.Stderr, m.Stdin = &stdout, &stderr, strings.NewReader("")
	m.Dir = dir
	m.Getenv = func(key string) string { return env[key] }
	m.Now = func() time.Time { return now }
	err := m.Run(context.Background(), args)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		m.printError(err)
	}
	return result{stdout.String(), stderr.String(), err, impact.ExitCode(err)}
}

func TestReport(t *testing.T) {
	dir := exampleWithReportsData(t)

	t.Run("every document as HTML in the default place", func(t *testing.T) {
		for _, doc := range reports.Docs {
			r := MustRun(t, dir, "report", doc, "--as-of", "2025-11-30")
			want := filepath.Join("reports", doc+".html")
			// The example speaks Swedish.
			if !strings.Contains(r.stdout, "Skrev "+want) {
				t.Errorf("impact report %s says %q, want it to name %s", doc, r.stdout, want)
			}
			page, err := os.ReadFile(filepath.Join(dir, want))
			if err != nil {
				t.Fatal(err)
			}
			for _, text := range []string{"<!DOCTYPE html>", "Samlad kraft för framtidens Boden", "2025-11-30", Version} {
				if !bytes.Contains(page, []byte(text)) {
					t.Errorf("%s lacks %q", want, text)
				}
			}
		}
	})

	t.Run("Markdown in English with its plots beside it", func(t *testing.T) {
		r := MustRun(t, dir, "report", "workshop", "--format", "md", "--lang", "en", "--as-of", "2025-11-30", "--out", "out/ws.md")
		if !strings.Contains(r.stdout, "plots in "+filepath.Join("out", "ws_files")) {
			t.Errorf("output does not name the folder of plots:\n%s", r.stdout)
		}
		md, err := os.ReadFile(filepath.Join(dir, "out", "ws.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(md, []byte("## 1. Goal board")) {
			t.Errorf("the English Markdown lacks its goal board")
		}
		plots, err := filepath.Glob(filepath.Join(dir, "out", "ws_files", "*.png"))
		if err != nil || len(plots) < 10 {
			t.Errorf("%d plots beside the Markdown (%v)", len(plots), err)
		}
	})

	t.Run("the same data, as-of and SOURCE_DATE_EPOCH give the same bytes", func(t *testing.T) {
		env := map[string]string{"SOURCE_DATE_EPOCH": "1764579600"} // 2025-12-01 09:00 UTC
		var pages [][]byte
		for i, now := range []time.Time{time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC), time.Date(2026, 2, 9, 17, 30, 0, 0, time.UTC)} {
			out := filepath.Join("repro", string(rune('a'+i))+".html")
			r := runWithEnv(t, dir, env, now, "report", "memo", "--as-of", "2025-11-30", "--out", out)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			page, err := os.ReadFile(filepath.Join(dir, out))
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, page)
		}
		if !bytes.Equal(pages[0], pages[1]) {
			t.Errorf("two reports of the same input at different times differ")
		}
		if !bytes.Contains(pages[0], []byte("2025-12-01 09:00 UTC")) {
			t.Errorf("the footer does not carry the time of SOURCE_DATE_EPOCH")
		}
		r := runWithEnv(t, dir, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, time.Now(), "report", "memo")
		if r.code != 2 || !strings.Contains(r.stderr, "SOURCE_DATE_EPOCH") {
			t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d, %q", r.code, r.stderr)
		}
	})

	t.Run("Word in the municipality's template", func(t *testing.T) {
		template, err := filepath.Abs(filepath.Join("..", "..", "testdata", "reports", "mall.docx"))
		if err != nil {
			t.Fatal(err)
		}
		MustRun(t, dir, "report", "memo", "--format", "docx", "--template", template, "--as-of", "2025-11-30")
		docx, err := os.ReadFile(filepath.Join(dir, "reports", "memo.docx"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
		if err != nil {
			t.Fatalf("reports/memo.docx is not a Word file: %v", err)
		}
		var header bool
		for _, f := range zr.File {
			header = header || f.Name == "word/header1.xml"
		}
		if !header {
			t.Error("the memo in the template lacks the template's header")
		}
		r := run(t, dir, "report", "memo", "--format", "docx", "--template", "finns-inte.docx")
		// The example speaks Swedish, and so does its refusal.
		if r.code != 2 || !strings.Contains(r.stderr, "--template: kan inte läsa Word-mallen") {
			t.Errorf("a missing template: exit %d, %q", r.code, r.stderr)
		}
	})

	t.Run("PDF in Chromium", func(t *testing.T) {
		if _, err := reports.FindChromium(); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI must have Chromium: %v", err)
			}
			t.Skip(err)
		}
		MustRun(t, dir, "report", "quality", "--format", "pdf", "--as-of", "2025-11-30")
		pdf, err := os.ReadFile(filepath.Join(dir, "reports", "quality.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("reports/quality.pdf is not a PDF")
		}
	})

	t.Run("usage errors", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"report"}, "needs one document"},
			{[]string{"report", "worksop"}, "did you mean workshop"},
			{[]string{"report", "memo", "quality"}, "needs one document"},
			{[]string{"report", "memo", "--format", "odt"}, `--format "odt"`},
			{[]string{"report", "memo", "--template", "mall.docx"}, "--template is a Word template and needs --format docx"},
			{[]string{"report", "memo", "--lang", "fi"}, `--lang "fi"`},
			{[]string{"report", "memo", "--as-of", "30/11/2025"}, "--as-of"},
		} {
			// --lang en first: a case's own --lang comes after it.
			r := run(t, dir, append([]string{tc.args[0], "--lang", "en"}, tc.args[1:]...)...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("impact %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tc.args, " "), r.code, r.stderr, tc.want)
			}
		}
	})
}

func TestReportHelp(t *testing.T) {
	r := MustRun(t, t.TempDir(), "help", "report")
	for _, want := range []string{"workshop", "memo", "quality", "--format", "--lang", "--as-of", "--out", "SOURCE_DATE_EPOCH", "apt-get install -y chromium"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("impact help report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestDemoWritesReports(t *testing.T) {
	root := t.TempDir()
	r := MustRun(t, root, "demo", "--out", "demo")
	for _, lang := range []string{"sv", "en"} {
		for _, doc := range reports.Docs {
			path := filepath.Join("demo", "reports", doc+"."+lang+".html")
			if !strings.Contains(r.stdout, path) {
				t.Errorf("the demo does not name %s:\n%s", path, r.stdout)
			}
			if _, err := os.Stat(filepath.Join(root, path)); err != nil {
				t.Error(err)
			}
		}
	}
}
