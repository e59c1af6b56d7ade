package reports_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/joiningforces/impact/reports"
)

// suppressedLabels are how the fixture's suppressed groups are named, per
// language: the gender groups "other" and "unknown" of every disaggregated
// goal. fewer is the only text a count of them may read.
var suppressedLabels = map[string]struct {
	labels []string
	fewer  string
}{
	"sv": {[]string{"Kön: annat", "Kön: okänt"}, "färre än 5"},
	"en": {[]string{"Gender: other", "Gender: unknown"}, "fewer than 5"},
}

// digit finds a number.
var digit = regexp.MustCompile(`[0-9]`)

// noNumberBut reports whether text, once the allowed phrase and the goals'
// names (which hold digits: "6 månader") are removed, holds no digit.
func noNumberBut(text, allowed string) bool {
	text = strings.ReplaceAll(text, allowed, "")
	for _, r := range exampleEvaluation().Indicators {
		text = strings.ReplaceAll(text, r.Name, "")
	}
	return !digit.MatchString(text)
}

// TestSmallGroupsNeverNumbers checks that a group under min_cell appears
// nowhere as a number, in any format and language: not in a table row, not
// in a plot's labels (the SVG text in HTML), not in Markdown. It checks the
// goal that rests on two people too: its n, estimate and interval never
// show, and neither do "n = 2" or its 50 %.
func TestSmallGroupsNeverNumbers(t *testing.T) {
	for lang, s := range suppressedLabels {
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
			t.Run(doc+"."+lang+".html", func(t *testing.T) {
				checked := 0
				for _, line := range htmlLines(t, page) {
					for _, label := range s.labels {
						if strings.Contains(line, label) {
							checked++
							if !strings.Contains(line, s.fewer) || !noNumberBut(line, s.fewer) {
								t.Errorf("a suppressed group shows a number: %q", line)
							}
						}
					}
				}
				// Six table rows and four plot labels (two goals with groups
				// are drawn as intervals).
				if doc == reports.DocWorkshop && checked < 10 {
					t.Errorf("found the suppressed groups %d times in the workshop report, want at least 10 (tables and plots)", checked)
				}
				checkMaskedGoal(t, lang, page)
			})
			t.Run(doc+"."+lang+".md", func(t *testing.T) {
				for _, line := range strings.Split(string(md), "\n") {
					for _, label := range s.labels {
						if strings.Contains(line, label) && (!strings.Contains(line, s.fewer) || !noNumberBut(line, s.fewer)) {
							t.Errorf("a suppressed group shows a number: %q", line)
						}
					}
				}
				checkMaskedGoal(t, lang, md)
			})
		}
	}
}

// htmlLines returns the text of every table row and every SVG text element
// of a page, each as one line.
func htmlLines(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "tr" || n.Data == "text" || n.Data == "li" || n.Data == "p") {
			lines = append(lines, textOf(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return lines
}

// maskedLeaks are what the goal followed up with two people must never
// show: its n, its count of one, its 50 % and its interval of 9 % to 91 %.
var maskedLeaks = regexp.MustCompile(`n = 2\)|\b1 (av|of) 2\b|(^|[^0-9,.])(50|9|91)[\x{00a0} ]%`)

// checkMaskedGoal checks that the goal followed up with two people never
// shows its count or its share in the text; the plots' share axes have a
// tick at 50 %, so the inline SVG is left out.
func checkMaskedGoal(t *testing.T, lang string, text []byte) {
	t.Helper()
	if m := maskedLeaks.Find(stripSVG(text)); m != nil {
		t.Errorf("the goal resting on two people may leak: %q", m)
	}
	if bytes.Contains(text, []byte("n = 2)")) {
		t.Errorf("a plot shows n = 2")
	}
}

// svgElement matches an inline SVG.
var svgElement = regexp.MustCompile(`(?s)<svg.*?</svg>`)

// stripSVG removes the inline plots from a page.
func stripSVG(page []byte) []byte { return svgElement.ReplaceAll(page, nil) }
