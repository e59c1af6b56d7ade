package reports_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// TestMarkdownGolden renders every document in every language as Markdown
// and compares it with testdata/reports/DOC.LANG.md. Run with -update to
// rewrite the golden files after a deliberate change, and read the diff.
func TestMarkdownGolden(t *testing.T) {
	for _, lang := range []string{"sv", "en", "lv"} {
		for _, doc := range reports.Docs {
			t.Run(doc+"."+lang, func(t *testing.T) {
				md, images, err := reports.RenderMarkdown(doc, exampleInput(t, lang))
				if err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join(goldenDir, doc+"."+lang+".md")
				if *update {
					if err := os.WriteFile(golden, md, 0o644); err != nil {
						t.Fatal(err)
					}
				} else {
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("read the golden file (run go test ./reports -update to make it): %v", err)
					}
					if !bytes.Equal(md, want) {
						out := filepath.Join(t.TempDir(), filepath.Base(golden))
						os.WriteFile(out, md, 0o644)
						t.Errorf("%s differs from the golden file; the new one is %s\n%s", golden, out, firstDifference(string(want), string(md)))
					}
				}
				// Every image the Markdown names is there, and no other.
				named := regexp.MustCompile(`\]\((`+doc+`_files/[^)]+\.png)\)`).FindAllStringSubmatch(string(md), -1)
				if len(named) != len(images) {
					t.Errorf("the Markdown names %d images, the renderer made %d", len(named), len(images))
				}
				for _, m := range named {
					if _, ok := images[m[1]]; !ok {
						t.Errorf("the Markdown names %s, which was not made", m[1])
					}
				}
			})
		}
	}
}

// firstDifference shows the first line where two texts differ.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + wl + "\n  got: " + gl
		}
	}
	return ""
}

// missingMessage matches what the printer shows for a key that a
// catalogue lacks, and fmt's marks for a wrong number of arguments.
var missingMessage = regexp.MustCompile(`\[[a-z_]+\.[a-z_.]+\]|%!`)

// TestCataloguesComplete checks that both languages have the same keys and
// that no document, in any language, shows a missing key or a formatting
// mistake.
func TestCataloguesComplete(t *testing.T) {
	for _, lang := range reports.Languages() {
		for _, doc := range reports.Docs {
			in := exampleInput(t, lang)
			page, err := reports.RenderHTML(doc, in)
			if err != nil {
				t.Fatal(err)
			}
			md, _, err := reports.RenderMarkdown(doc, in)
			if err != nil {
				t.Fatal(err)
			}
			for format, text := range map[string][]byte{"html": page, "md": md} {
				if m := missingMessage.Find(text); m != nil {
					t.Errorf("%s.%s.%s shows %q: a missing catalogue key or argument", doc, lang, format, m)
				}
			}
		}
	}
	if got := reports.Languages(); !slices.Equal(got, []string{"en", "lv", "sv"}) {
		t.Errorf("languages = %v, want [en lv sv]", got)
	}
}

// TestReproducible renders each document twice from equal inputs and
// expects the same bytes, plots included.
func TestReproducible(t *testing.T) {
	for _, doc := range reports.Docs {
		a, err := reports.RenderHTML(doc, exampleInput(t, "sv"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := reports.RenderHTML(doc, exampleInput(t, "sv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same input differ", doc)
		}
		mdA, imgA, err := reports.RenderMarkdown(doc, exampleInput(t, "en"))
		if err != nil {
			t.Fatal(err)
		}
		mdB, imgB, err := reports.RenderMarkdown(doc, exampleInput(t, "en"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(mdA, mdB) || len(imgA) != len(imgB) {
			t.Errorf("%s: two Markdown renders differ", doc)
		}
		for name, img := range imgA {
			if !bytes.Equal(img, imgB[name]) {
				t.Errorf("%s: two renders of %s differ", doc, name)
			}
		}
	}
}

// TestFooter checks the colophon: engine version, data hash, as-of date and
// generation time, in both formats.
func TestFooter(t *testing.T) {
	in := exampleInput(t, "en")
	page, err := reports.RenderHTML(reports.DocMemo, in)
	if err != nil {
		t.Fatal(err)
	}
	md, _, err := reports.RenderMarkdown(reports.DocMemo, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0.1.0-test", in.Evaluation.DataHash, "30 November 2025", "1 December 2025, 09:00 UTC"} {
		if !bytes.Contains(page, []byte(want)) || !bytes.Contains(md, []byte(want)) {
			t.Errorf("the footer lacks %q", want)
		}
	}
}

// TestSWEMWBSNotice checks that every report showing SWEMWBS results carries
// its copyright line, and that one without them does not.
func TestSWEMWBSNotice(t *testing.T) {
	const notice = "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008"
	for _, doc := range reports.Docs {
		md, _, err := reports.RenderMarkdown(doc, exampleInput(t, "sv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(md, []byte(notice)) {
			t.Errorf("%s lacks the SWEMWBS notice", doc)
		}
	}
	in := exampleInput(t, "sv")
	in.Project.Instruments = nil
	md, _, err := reports.RenderMarkdown(reports.DocWorkshop, in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(md, []byte(notice)) {
		t.Errorf("a project without SWEMWBS carries its notice")
	}
}

// TestMemoSections checks the memo's headings in the order Swedish
// municipalities use, numbered self-contained decisions, and the Kolada
// source line.
func TestMemoSections(t *testing.T) {
	md, _, err := reports.RenderMarkdown(reports.DocMemo, exampleInput(t, "sv"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	last := -1
	for _, heading := range []string{"## Ärende", "## Förslag till beslut", "## Sammanfattning", "## Bakgrund", "## Resultat och värde", "## Ekonomiska konsekvenser", "## Bedömning", "## Beslutsunderlag"} {
		i := strings.Index(text, "\n"+heading+"\n")
		if i < 0 || i < last {
			t.Errorf("heading %q missing or out of order", heading)
		}
		last = i
	}
	for _, want := range []string{
		"1. Kommunstyrelsen beslutar att samverkan Samlad kraft för framtidens Boden med Nya Vägar Norr ek. för. fortsätter från och med 2026-01-01 till och med 2027-12-31.",
		"2. Kommunstyrelsen beslutar att finansiera samverkan med 650 000 kr per år",
		"3. Kommunstyrelsen ger förvaltningen i uppdrag",
		"Källa: Kolada.", "IOP", "upphandling", "Bidrag", "Det här nåddes inte",
		"Deltagarregister, 200 rader, inläst 2025-11-28",
	} {
		if !strings.Contains(text, strings.ReplaceAll(want, " 000 kr", "\u00a0000\u00a0kr")) {
			t.Errorf("the memo lacks %q", want)
		}
	}
	en, _, err := reports.RenderMarkdown(reports.DocMemo, exampleInput(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, heading := range []string{"## Subject", "## Proposed decision", "## Summary", "## Background", "## Results and value", "## Financial implications", "## Assessment", "## Decision basis"} {
		if !bytes.Contains(en, []byte("\n"+heading+"\n")) {
			t.Errorf("the English memo lacks %q", heading)
		}
	}
}

// TestMemoWithoutMemoSection writes placeholders where impact.yaml has no
// memo: section, so the writer sees what to fill in.
func TestMemoWithoutMemoSection(t *testing.T) {
	in := exampleInput(t, "sv")
	in.Project.Memo = nil
	md, _, err := reports.RenderMarkdown(reports.DocMemo, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`\[nämnd\] beslutar`, `\[datum\]`, `\[belopp\]`, `\[diarienummer\]`} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("the memo without a memo: section lacks %s", want)
		}
	}
}

// TestWrite writes each format to disk: Markdown with its folder of plots,
// HTML as one file; and refuses what it does not know.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	in := exampleInput(t, "sv")
	paths, err := reports.Write(context.Background(), reports.DocWorkshop, "md", filepath.Join(dir, "out", "rapport.md"), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 10 || paths[0] != filepath.Join(dir, "out", "rapport.md") {
		t.Fatalf("Write md wrote %v", paths)
	}
	for _, p := range paths[1:] {
		if filepath.Dir(p) != filepath.Join(dir, "out", "rapport_files") {
			t.Errorf("plot %s is not in rapport_files", p)
		}
	}
	md, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(md, []byte("](rapport_files/theory-of-change.png)")) {
		t.Errorf("the Markdown does not refer to its folder of plots")
	}
	paths, err = reports.Write(context.Background(), reports.DocQuality, "html", filepath.Join(dir, "q.html"), in)
	if err != nil || len(paths) != 1 {
		t.Fatalf("Write html: %v %v", paths, err)
	}
	for name, call := range map[string]func() error{
		"format": func() error {
			_, err := reports.Write(context.Background(), reports.DocMemo, "odt", filepath.Join(dir, "m.odt"), in)
			return err
		},
		"document": func() error {
			_, err := reports.Write(context.Background(), "summary", "html", filepath.Join(dir, "s.html"), in)
			return err
		},
		"language": func() error {
			bad := in
			bad.Lang = "fi"
			_, err := reports.Write(context.Background(), reports.DocMemo, "html", filepath.Join(dir, "m.html"), bad)
			return err
		},
	} {
		if err := call(); err == nil || impact.ErrorCode(err) != impact.EINVALID {
			t.Errorf("unknown %s: error %v, want one with code %s", name, err, impact.EINVALID)
		}
	}
}

// TestEmptyEvaluation renders every document for a project with no data
// at all: the sections say so instead of failing.
func TestEmptyEvaluation(t *testing.T) {
	in := exampleInput(t, "en")
	in.Evaluation = &impact.Evaluation{Project: "boden-2025", AsOf: date("2025-01-31"), Confidence: 0.95, MinCell: 5}
	for _, res := range exampleEvaluation().Indicators {
		in.Evaluation.Indicators = append(in.Evaluation.Indicators, impact.Result{ID: res.ID, Name: res.Name, Node: res.Node, Kind: res.Kind, Target: res.Target, Direction: res.Direction, Deadline: res.Deadline, Status: impact.StatusNoData})
	}
	for _, doc := range reports.Docs {
		md, _, err := reports.RenderMarkdown(doc, in)
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if m := missingMessage.Find(md); m != nil {
			t.Errorf("%s shows %q", doc, m)
		}
	}
}
