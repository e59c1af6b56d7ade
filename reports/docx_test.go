package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact/reports"
)

// The Word template of the tests, testdata/reports/mall.docx, is
// mall.fodt saved as .docx by LibreOffice (soffice --headless --convert-to
// docx), with its heading style's id renamed Rubrik1 as a Swedish Word
// names it: a header, a footer, margins of its own and body text to drop.
var templatePath = filepath.Join(goldenDir, "mall.docx")

// MustConvertDOCX opens a Word document in LibreOffice headless and prints
// it to PDF, as an officer's office suite would open it; it fails the test
// when LibreOffice cannot.
func MustConvertDOCX(t *testing.T, docx []byte) []byte {
	t.Helper()
	soffice := MustHaveTool(t, lookPath("soffice"), "apt-get install -y libreoffice-writer-nogui")
	dir := t.TempDir()
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	// A profile of its own, so that parallel runs do not share a lock.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice did not print the document: %v\n%s", err, out)
	}
	return pdf
}

// MustWellFormedParts checks that every XML part of a Word file parses,
// and returns the parts by name.
func MustWellFormedParts(t *testing.T, docx []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = data
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				}
				break
			}
		}
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("the first part is %s, want [Content_Types].xml", zr.File[0].Name)
	}
	return parts
}

// imagePPI reads the resolution of every image of a PDF with pdfimages.
func imagePPI(t *testing.T, pdf []byte) []int {
	t.Helper()
	tool := MustHaveTool(t, lookPath("pdfimages"), "apt-get install -y poppler-utils")
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	var ppi []int
	for _, line := range strings.Split(string(out), "\n")[2:] {
		fields := strings.Fields(line)
		if len(fields) < 14 {
			continue
		}
		x, _ := strconv.Atoi(fields[12])
		ppi = append(ppi, x)
	}
	return ppi
}

// numbered finds a numbered list item in the text LibreOffice printed.
var numbered = regexp.MustCompile(`(?m)^\s*1\.\s+Kommunstyrelsen beslutar att samverkan`)

// TestDOCX writes the memo and the workshop report as Word documents,
// opens them in LibreOffice and reads their text back: the headings (as
// Word heading styles), the numbered decisions, a table, the plots at
// print resolution and the officer's highlighted paragraphs; and the same
// input gives the same bytes.
func TestDOCX(t *testing.T) {
	pdftotext := MustHaveTool(t, lookPath("pdftotext"), "apt-get install -y poppler-utils")
	in := exampleInput(t, "sv")
	docx, err := reports.RenderDOCX(reports.DocMemo, in)
	if err != nil {
		t.Fatal(err)
	}
	again, err := reports.RenderDOCX(reports.DocMemo, exampleInput(t, "sv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(docx, again) {
		t.Error("the same input gives a different Word file")
	}
	parts := MustWellFormedParts(t, docx)
	body := string(parts["word/document.xml"])
	for _, h := range []string{"Förslag till beslut", "Ärendets beredning", "Konsekvenser för barn", "Beslutet skickas till", "Underskrift"} {
		if !strings.Contains(body, `<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">`+h+`</w:t>`) {
			t.Errorf("%q is not a Heading 1 paragraph", h)
		}
	}
	if !regexp.MustCompile(`<w:highlight w:val="yellow"/></w:rPr><w:t xml:space="preserve">Handläggaren skriver: </w:t>`).MatchString(body) {
		t.Error("the officer's paragraphs are not highlighted")
	}
	pdf := MustConvertDOCX(t, docx)
	text := pdfText(t, pdftotext, pdf, false)
	for _, want := range []string{"Tjänsteutlåtande", "Förslag till beslut", "Sammanfattning", "Jämställdhet", "Handläggaren skriver:",
		"Unika deltagare på nätverksträffar", "Underlag framtaget med impact 0.1.0-test"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Word memo, printed by LibreOffice, lacks %q", want)
		}
	}
	if n := len(numbered.FindAllString(text, -1)); n < 3 {
		t.Errorf("found %d numbered decisions starting with 1., want one per option (3)", n)
	}
	if !strings.Contains(text, "Resultat") || !strings.Contains(body, "<w:tbl>") || !strings.Contains(body, "<w:tblHeader/>") {
		t.Error("the goal board is not a Word table with a header row")
	}
	ppi := imagePPI(t, pdf)
	if len(ppi) == 0 {
		t.Fatal("the Word memo has no image")
	}
	for _, x := range ppi {
		if x < 200 {
			t.Errorf("an image is printed at %d ppi, want 200 or more", x)
		}
	}

	t.Run("workshop", func(t *testing.T) {
		docx, err := reports.RenderDOCX(reports.DocWorkshop, exampleInput(t, "en"))
		if err != nil {
			t.Fatal(err)
		}
		MustWellFormedParts(t, docx)
		pdf := MustConvertDOCX(t, docx)
		if got := len(imagePPI(t, pdf)); got < 5 {
			t.Errorf("the Word workshop report has %d images, want the plots", got)
		}
		if text := pdfText(t, pdftotext, pdf, false); !strings.Contains(text, "Goal board") {
			t.Error("the Word workshop report lacks its goal board")
		}
	})
}

// TestDOCXTemplate fills the municipality's template: its header, footer,
// margins and heading style stay, its body text goes; memo.template and
// --template (Input.Template) both work, and a template that cannot be
// read is a clear error.
func TestDOCXTemplate(t *testing.T) {
	pdftotext := MustHaveTool(t, lookPath("pdftotext"), "apt-get install -y poppler-utils")
	abs, err := filepath.Abs(templatePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, how := range []string{"--template", "memo.template"} {
		t.Run(how, func(t *testing.T) {
			in := exampleInput(t, "sv")
			if how == "--template" {
				in.Template = abs
			} else {
				rel, err := filepath.Rel(in.Project.Dir, abs)
				if err != nil {
					t.Fatal(err)
				}
				in.Project.Memo.Template = filepath.ToSlash(rel)
			}
			docx, err := reports.RenderDOCX(reports.DocMemo, in)
			if err != nil {
				t.Fatal(err)
			}
			parts := MustWellFormedParts(t, docx)
			body := string(parts["word/document.xml"])
			if !strings.Contains(body, `<w:pStyle w:val="Rubrik1"/></w:pPr><w:r><w:t xml:space="preserve">Förslag till beslut</w:t>`) {
				t.Error("the headings do not take the template's heading style (Rubrik1)")
			}
			if !strings.Contains(body, `w:left="1701"`) || !strings.Contains(body, `<w:headerReference w:type="default"`) {
				t.Error("the template's page setup and header reference are not kept")
			}
			text := pdfText(t, pdftotext, MustConvertDOCX(t, docx), false)
			for _, want := range []string{"BODENS KOMMUN · Kommunledningsförvaltningen · TJÄNSTEUTLÅTANDE", "Mallens sidfot", "Förslag till beslut"} {
				if !strings.Contains(text, want) {
					t.Errorf("the memo in the template lacks %q", want)
				}
			}
			if strings.Contains(text, "Mallens brödtext") || strings.Contains(text, "Mallens rubrik") {
				t.Error("the template's body text is still in the memo")
			}
		})
	}
	t.Run("--template wins over memo.template", func(t *testing.T) {
		in := exampleInput(t, "sv")
		in.Project.Memo.Template = "mallar/finns-inte.docx"
		in.Template = abs
		if _, err := reports.RenderDOCX(reports.DocMemo, in); err != nil {
			t.Errorf("with both, memo.template was read: %v", err)
		}
		in.Template = ""
		if _, err := reports.RenderDOCX(reports.DocMemo, in); err == nil || !strings.Contains(err.Error(), "memo.template: cannot read the Word template") {
			t.Errorf("err = %v, want one that names memo.template", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		in := exampleInput(t, "sv")
		in.Template = filepath.Join(t.TempDir(), "finns-inte.docx")
		_, err := reports.RenderDOCX(reports.DocMemo, in)
		if err == nil || !strings.Contains(err.Error(), "--template: cannot read the Word template") {
			t.Errorf("err = %v, want one that names --template and the file", err)
		}
	})
	t.Run("not a Word file", func(t *testing.T) {
		in := exampleInput(t, "sv")
		in.Template = filepath.Join(goldenDir, "mall.fodt")
		_, err := reports.RenderDOCX(reports.DocMemo, in)
		if err == nil || !strings.Contains(err.Error(), "Word template: it is not a Word file") {
			t.Errorf("err = %v, want one that says it is not a Word file", err)
		}
	})
}
