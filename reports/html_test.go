package reports_test

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// urlAttributes are the attributes through which a page can make a
// request. xmlns and xmlns:xlink name namespaces and are never fetched.
var urlAttributes = map[string]bool{
	"src": true, "href": true, "xlink:href": true, "action": true, "formaction": true,
	"poster": true, "srcset": true, "data": true, "background": true, "cite": true,
	"manifest": true, "ping": true, "codebase": true, "longdesc": true, "usemap": true,
}

// cssURL finds url(...) and @import in CSS.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")\s]*)|@import`)

// localURL reports whether a URL stays inside the document: empty, a
// fragment, or a data URL.
func localURL(u string) bool {
	u = strings.TrimSpace(u)
	return u == "" || strings.HasPrefix(u, "#") || strings.HasPrefix(strings.ToLower(u), "data:")
}

// TestHTMLSelfContained parses every HTML report and finds no reference to
// any other address: no src, href or similar attribute, no url() in CSS and
// no @import that leaves the file, no script, no link element, and no
// http(s) address at all except in the SVG namespace declarations. The
// page's own Content-Security-Policy forbids requests too.
func TestHTMLSelfContained(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for _, doc := range reports.Docs {
			t.Run(doc+"."+lang, func(t *testing.T) {
				page, err := reports.RenderHTML(doc, exampleInput(t, lang))
				if err != nil {
					t.Fatal(err)
				}
				z := html.NewTokenizer(bytes.NewReader(page))
				inStyle, csp := false, false
				for {
					tt := z.Next()
					if tt == html.ErrorToken {
						break
					}
					switch tt {
					case html.StartTagToken, html.SelfClosingTagToken:
						tok := z.Token()
						switch tok.Data {
						case "script", "link", "iframe", "object", "embed", "base":
							t.Errorf("the page has a <%s> element", tok.Data)
						case "style":
							inStyle = true
						}
						for _, a := range tok.Attr {
							key := a.Key
							if a.Namespace != "" {
								key = a.Namespace + ":" + a.Key
							}
							if key == "xmlns" || strings.HasPrefix(key, "xmlns:") {
								continue
							}
							if urlAttributes[key] && !localURL(a.Val) {
								t.Errorf("<%s %s=%q> refers to another address", tok.Data, key, a.Val)
							}
							if strings.Contains(strings.ToLower(a.Val), "http://") || strings.Contains(strings.ToLower(a.Val), "https://") {
								t.Errorf("<%s %s=%q> holds an address", tok.Data, key, a.Val)
							}
							if key == "style" {
								checkCSS(t, a.Val)
							}
							if key == "http-equiv" && strings.EqualFold(a.Val, "Content-Security-Policy") {
								csp = true
							}
						}
					case html.EndTagToken:
						if z.Token().Data == "style" {
							inStyle = false
						}
					case html.TextToken:
						if inStyle {
							checkCSS(t, string(z.Text()))
						}
					}
				}
				if err := z.Err(); err != nil && err.Error() != "EOF" {
					t.Fatalf("the page does not parse: %v", err)
				}
				if !csp {
					t.Errorf("the page has no Content-Security-Policy")
				}
			})
		}
	}
}

// checkCSS reports url() and @import that leave the document.
func checkCSS(t *testing.T, css string) {
	t.Helper()
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		if strings.EqualFold(m[0], "@import") {
			t.Errorf("the CSS has an @import")
			continue
		}
		if !localURL(m[1]) {
			t.Errorf("the CSS refers to %q", m[1])
		}
	}
}

// boardRow is one row of the goal board as the HTML shows it, by field.
type boardRow map[string]string

// goalBoard finds the table with the given id and returns its rows by
// indicator id.
func goalBoard(t *testing.T, page []byte, id string) map[string]boardRow {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var table *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" && attr(n, "id") == id {
			table = n
		}
		for c := n.FirstChild; c != nil && table == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if table == nil {
		t.Fatalf("no table #%s", id)
	}
	rows := map[string]boardRow{}
	var walk func(n *html.Node, row boardRow)
	walk = func(n *html.Node, row boardRow) {
		if n.Type == html.ElementNode && n.Data == "tr" && attr(n, "data-key") != "" {
			row = boardRow{}
			rows[attr(n, "data-key")] = row
		}
		if n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th") && row != nil && attr(n, "data-field") != "" {
			row[attr(n, "data-field")] = textOf(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, row)
		}
	}
	walk(table, nil)
	return rows
}

// attr returns an attribute of a node.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text inside a node.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// locale is how a language writes numbers and words in the goal board; the
// test's own oracle, written apart from the catalogues.
type locale struct {
	decimal, group string
	fewer          string
	none           string
	atLeast        string
	atMost         string
	interval       string
	dateLayout     string
	statuses       map[impact.Status]string
}

var locales = map[string]locale{
	"sv": {decimal: ",", group: "\u00a0", fewer: "färre än 5", none: "–", atLeast: "minst ", atMost: "högst ", interval: " till ", dateLayout: "2006-01-02",
		statuses: map[impact.Status]string{impact.StatusMet: "Uppnått", impact.StatusLikelyMet: "Troligen uppnått", impact.StatusLikelyNotMet: "Troligen inte uppnått", impact.StatusNotMet: "Inte uppnått", impact.StatusInsufficientData: "För lite data", impact.StatusNoData: "Inga data"}},
	"en": {decimal: ".", group: ",", fewer: "fewer than 5", none: "–", atLeast: "at least ", atMost: "at most ", interval: " to ", dateLayout: "2 January 2006",
		statuses: map[impact.Status]string{impact.StatusMet: "Met", impact.StatusLikelyMet: "Likely met", impact.StatusLikelyNotMet: "Likely not met", impact.StatusNotMet: "Not met", impact.StatusInsufficientData: "Too little data", impact.StatusNoData: "No data"}},
}

// parsed is a figure read back from the report: its value and the
// precision it was written with.
type parsed struct {
	value float64
	step  float64
}

// parseFigure reads a figure as the report writes it ("45 %", "2,78",
// "+1,84", "14 631 kr", "SEK 14,631", "−0,5") back into a number, scaled
// for percentages, with the rounding step of its last digit.
func parseFigure(l locale, s string) (parsed, error) {
	s = strings.TrimSpace(s)
	scale := 1.0
	if strings.HasSuffix(s, "%") {
		scale = 0.01
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "SEK"), "kr"))
	s = strings.Trim(s, "\u00a0 ")
	s = strings.ReplaceAll(s, l.group, "")
	s = strings.ReplaceAll(s, "−", "-")
	s = strings.TrimPrefix(s, "+")
	s = strings.ReplaceAll(s, l.decimal, ".")
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return parsed{}, fmt.Errorf("%q is not a figure", s)
	}
	step := 1.0
	if _, frac, ok := strings.Cut(s, "."); ok {
		step = math.Pow(10, -float64(len(frac)))
	}
	return parsed{value: x * scale, step: step * scale}, nil
}

// sameFigure reports whether a written figure is the evaluation's value
// rounded as written.
func sameFigure(p parsed, want float64) bool {
	return math.Abs(p.value-want) <= p.step/2+1e-9
}

// TestGoalBoardFigures holds every figure of the goal board, in the
// workshop report and the memo, in both languages, against the evaluation:
// status word and symbol, estimate, interval, target with its direction, n
// and deadline. Figures resting on fewer than min_cell people must read
// "fewer than 5".
func TestGoalBoardFigures(t *testing.T) {
	ev := exampleEvaluation()
	for lang, l := range locales {
		for doc, table := range map[string]string{reports.DocWorkshop: "goal-board", reports.DocMemo: "memo-goals"} {
			t.Run(doc+"."+lang, func(t *testing.T) {
				page, err := reports.RenderHTML(doc, exampleInput(t, lang))
				if err != nil {
					t.Fatal(err)
				}
				rows := goalBoard(t, page, table)
				if len(rows) != len(ev.Indicators) {
					t.Fatalf("the board has %d goals, the evaluation %d", len(rows), len(ev.Indicators))
				}
				for i := range ev.Indicators {
					r := &ev.Indicators[i]
					row, ok := rows[r.ID]
					if !ok {
						t.Errorf("%s is not on the board", r.ID)
						continue
					}
					checkBoardRow(t, l, r, row)
				}
			})
		}
	}
}

// checkBoardRow checks one row of the goal board.
func checkBoardRow(t *testing.T, l locale, r *impact.Result, row boardRow) {
	t.Helper()
	if got, want := row["name"], r.Name; got != want {
		t.Errorf("%s name = %q, want %q", r.ID, got, want)
	}
	if got, want := row["status"], r.Status.Symbol()+"\u00a0"+l.statuses[r.Status]; got != want {
		t.Errorf("%s status = %q, want %q", r.ID, got, want)
	}
	masked := r.N != nil && *r.N < 5
	// The estimate.
	switch {
	case masked:
		if row["estimate"] != l.fewer || row["n"] != l.fewer || row["interval"] != l.none {
			t.Errorf("%s rests on %d people but shows estimate %q, n %q, interval %q", r.ID, *r.N, row["estimate"], row["n"], row["interval"])
		}
	case r.Estimate == nil:
		if row["estimate"] != l.none {
			t.Errorf("%s has no estimate but shows %q", r.ID, row["estimate"])
		}
	default:
		checkFigure(t, l, r.ID+" estimate", row["estimate"], *r.Estimate)
	}
	// The interval.
	if !masked {
		if r.CILow == nil {
			if row["interval"] != l.none {
				t.Errorf("%s has no interval but shows %q", r.ID, row["interval"])
			}
		} else {
			low, high, ok := strings.Cut(row["interval"], l.interval)
			if !ok {
				t.Errorf("%s interval %q is not written as a range", r.ID, row["interval"])
			} else {
				checkFigure(t, l, r.ID+" interval low", low, *r.CILow)
				checkFigure(t, l, r.ID+" interval high", high, *r.CIHigh)
			}
		}
	}
	// The target, with the word of its direction.
	prefix := l.atLeast
	if r.Direction == impact.Decrease {
		prefix = l.atMost
	}
	if target, ok := strings.CutPrefix(row["target"], prefix); !ok {
		t.Errorf("%s target %q does not start with %q", r.ID, row["target"], prefix)
	} else {
		checkFigure(t, l, r.ID+" target", target, *r.Target)
	}
	// n.
	if !masked {
		if r.N == nil || r.Kind == impact.KindRatio || r.Kind == impact.KindCostPer {
			if r.N == nil && row["n"] != l.none {
				t.Errorf("%s has no n but shows %q", r.ID, row["n"])
			}
		} else if p, err := parseFigure(l, row["n"]); err != nil || p.value != float64(*r.N) {
			t.Errorf("%s n = %q, want %d", r.ID, row["n"], *r.N)
		}
	}
	// The deadline.
	if d, err := time.Parse(l.dateLayout, row["deadline"]); err != nil || !d.Equal(r.Deadline.Time) {
		t.Errorf("%s deadline = %q, want %s", r.ID, row["deadline"], r.Deadline)
	}
}

// checkFigure parses a written figure and compares it with the evaluation's.
func checkFigure(t *testing.T, l locale, what, text string, want float64) {
	t.Helper()
	p, err := parseFigure(l, text)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	if !sameFigure(p, want) {
		t.Errorf("%s = %q (%g), want %g rounded to %g", what, text, p.value, want, p.step)
	}
}
