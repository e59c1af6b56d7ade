// Package reports writes the three documents of an evaluation (the
// workshop report, the funding memo and the data-quality report) in
// Swedish or English, as one self-contained HTML file, as Markdown with PNG
// plots beside it, or as PDF printed by headless Chromium, and draws the
// plots that the documents and the dashboards share.
//
// Reports compute no figure of their own: every number comes from the
// impact.Evaluation, formatted by the language's message catalogue, so that
// a report, the JSON and the dashboard can never disagree. Text comes from
// the catalogues too (catalog_sv.go, catalog_en.go), never from branches on
// the language. The same Input gives the same bytes: nothing depends on map
// order, random ids or the clock.
package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/joiningforces/impact"
)

// The documents.
const (
	// DocWorkshop is the report for the learning and closing workshops.
	DocWorkshop = "workshop"
	// DocMemo is the draft tjänsteutlåtande, the funding-continuation memo.
	DocMemo = "memo"
	// DocQuality is the data-quality report.
	DocQuality = "quality"
)

// Docs lists the documents in the order help and the demo show them.
var Docs = []string{DocWorkshop, DocMemo, DocQuality}

// Formats lists the output formats: html (one self-contained file), md
// (Markdown with a folder of PNG plots beside it), pdf and docx (Word).
var Formats = []string{"html", "md", "pdf", "docx"}

// Input is everything a document is made from. Project and Evaluation are
// required; Lang defaults to the project's language; Version is the
// engine's version and GeneratedAt the time printed in the footer (the
// caller fixes it from SOURCE_DATE_EPOCH for reproducible builds).
type Input struct {
	Project     *impact.Project
	Evaluation  *impact.Evaluation
	Lang        string
	Version     string
	GeneratedAt time.Time
	// Template is the path of a Word template (.docx or .dotx) whose
	// styles, page setup, header and footer a docx document takes; empty
	// takes the memo's memo.template, relative to impact.yaml.
	Template string
}

// build checks the input and builds the document model of doc.
func build(doc string, in Input) (*document, error) {
	if in.Project == nil || in.Evaluation == nil {
		return nil, impact.Errorf(impact.EINTERNAL, "reports: %s needs a project and its evaluation; this is a bug in impact, report it", doc)
	}
	pr, err := newPrinter(in.Lang, in.Project, in.Evaluation)
	if err != nil {
		return nil, err
	}
	r := &reporter{in: in, p: in.Project, ev: in.Evaluation, pr: pr}
	switch doc {
	case DocWorkshop:
		return r.workshop(), nil
	case DocMemo:
		return r.memo(), nil
	case DocQuality:
		return r.quality(), nil
	}
	return nil, refuse(impact.EINVALID, nil, "refuse.doc", doc, strings.Join(Docs, ", "))
}

// RenderHTML returns doc as one self-contained HTML file: inline CSS, the
// plots as inline SVG, the fonts as data URLs, and a Content-Security-Policy
// that forbids every request, so that the file opens the same offline, in an
// e-mail or on a file share, and prints on A4.
func RenderHTML(doc string, in Input) ([]byte, error) {
	d, err := build(doc, in)
	if err != nil {
		return nil, err
	}
	return renderHTML(d)
}

// RenderMarkdown returns doc as Markdown and its plots as PNG files, keyed
// by the relative path the Markdown refers to them by (a folder named
// DOC_files beside the Markdown file).
func RenderMarkdown(doc string, in Input) (md []byte, images map[string][]byte, err error) {
	d, err := build(doc, in)
	if err != nil {
		return nil, nil, err
	}
	return renderMarkdown(d, doc+"_files")
}

// Write renders doc in format ("html", "md" or "pdf") into outPath,
// creating its folder, and returns the paths of every file it wrote: for
// Markdown the .md file and the PNG plots in a folder named after it
// (workshop.md and workshop_files/).
func Write(ctx context.Context, doc, format, outPath string, in Input) ([]string, error) {
	if !slices.Contains(Formats, format) {
		return nil, refuse(impact.EINVALID, nil, "refuse.format", format)
	}
	if err := os.MkdirAll(filepath.Dir(outPath), 0o755); err != nil {
		return nil, refuse(impact.EINVALID, err, "refuse.folder_of", outPath, err)
	}
	var (
		content []byte
		images  map[string][]byte
		err     error
	)
	switch format {
	case "html":
		content, err = RenderHTML(doc, in)
	case "pdf":
		content, err = RenderPDF(ctx, doc, in)
	case "docx":
		content, err = RenderDOCX(doc, in)
	case "md":
		var d *document
		if d, err = build(doc, in); err == nil {
			base := strings.TrimSuffix(filepath.Base(outPath), filepath.Ext(outPath))
			content, images, err = renderMarkdown(d, base+"_files")
		}
	}
	if err != nil {
		return nil, err
	}
	written := []string{outPath}
	if err := writeFile(outPath, content); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(images))
	for name := range images {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		path := filepath.Join(filepath.Dir(outPath), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, refuse(impact.EINVALID, err, "refuse.folder", filepath.Dir(path), err)
		}
		if err := writeFile(path, images[name]); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// writeFile writes a file through a temporary name and a rename, so that a
// reader (a browser refreshing, a dashboard) never sees half a report.
func writeFile(path string, content []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		// A full disk leaves a short or empty temporary file: remove it.
		os.Remove(tmp)
		return refuse(impact.EINVALID, err, "refuse.write", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return refuse(impact.EINVALID, err, "refuse.rename", path, err)
	}
	return nil
}

// docTitleKey returns the catalogue key of a document's title.
func docTitleKey(doc string) string { return fmt.Sprintf("doc.%s.title", doc) }

// RenderDOCX returns doc as a Word document (Office Open XML) that Word
// and LibreOffice open without repair: real headings, numbered decisions,
// Word tables, plots as PNG at print resolution and the officer's
// paragraphs highlighted. With a template (Input.Template, or the memo's
// memo.template) the document takes the template's styles, page setup,
// header and footer and drops its body text.
func RenderDOCX(doc string, in Input) ([]byte, error) {
	d, err := build(doc, in)
	if err != nil {
		return nil, err
	}
	template, err := readTemplate(doc, in)
	if err != nil {
		return nil, err
	}
	return renderDOCX(d, template)
}

// readTemplate reads the Word template: --template, or for the memo
// memo.template relative to impact.yaml; nil without one.
func readTemplate(doc string, in Input) ([]byte, error) {
	path, key := in.Template, "--template"
	if path == "" && doc == DocMemo && in.Project.Memo != nil && in.Project.Memo.Template != "" {
		path, key = in.Project.Memo.Template, "memo.template"
		if !filepath.IsAbs(path) {
			path = filepath.Join(in.Project.Dir, filepath.FromSlash(path))
		}
	}
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, refuse(impact.EINVALID, err, "refuse.template_read", key, path, oneLine(err.Error()))
	}
	return data, nil
}
