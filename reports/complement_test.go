package reports_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// tableRow is one row of a report's table: its key and its cells by field.
type tableRow struct {
	key    string
	fields map[string]string
}

// tableRows reads every keyed table row of an HTML report.
func tableRows(t *testing.T, page []byte) []tableRow {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var rows []tableRow
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" && attr(n, "data-key") != "" {
			r := tableRow{key: attr(n, "data-key"), fields: map[string]string{}}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && attr(c, "data-field") != "" {
					r.fields[attr(c, "data-field")] = strings.TrimSpace(textOf(c))
				}
			}
			rows = append(rows, r)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return rows
}

// count reads a count cell: its number, or false when it is hidden.
func count(text string) (int, bool) {
	n, err := strconv.Atoi(strings.ReplaceAll(strings.ReplaceAll(text, "\u00a0", ""), " ", ""))
	return n, err == nil
}

// complementEvaluation is the fixture with a dimension whose smallest group
// is suppressed and whose next smallest, of 6 people, is withheld to
// protect it, as metrics.SuppressSmallCells leaves them.
func complementEvaluation() *impact.Evaluation {
	ev := exampleEvaluation()
	r, _ := ev.Result("meetup_participants")
	r.Disaggregation = append(r.Disaggregation,
		impact.Group{Dimension: "cohort", Group: "vt25", N: n(114), Estimate: f(114)},
		impact.Group{Dimension: "cohort", Group: "ht25", Suppressed: true, Withheld: true},
		impact.Group{Dimension: "cohort", Group: "ht24", Suppressed: true},
	)
	return ev
}

// TestNoSuppressedCountGivenAway checks every table of every report in both
// languages for the small-cell rule across a document (memo.md): no count
// under min_cell can be recovered by subtracting two counts shown for the
// same population (respondents and complete answers of one day; a group and
// the other groups of its dimension), and a count hidden although it is
// min_cell or more reads "withheld", never "fewer than 5".
func TestNoSuppressedCountGivenAway(t *testing.T) {
	fewer := map[string]string{"sv": "färre än 5", "en": "fewer than 5"}
	withheld := map[string]string{"sv": "dolt", "en": "withheld"}
	for _, lang := range []string{"sv", "en"} {
		for _, doc := range reports.Docs {
			t.Run(doc+"."+lang, func(t *testing.T) {
				in := exampleInput(t, lang)
				in.Evaluation = complementEvaluation()
				page, err := reports.RenderHTML(doc, in)
				if err != nil {
					t.Fatal(err)
				}
				responses, groups := 0, 0
				dims := map[string][]tableRow{}
				for _, r := range tableRows(t, page) {
					f := r.fields
					if resp, ok := f["respondents"]; ok {
						responses++
						rn, rok := count(resp)
						cn, cok := count(f["complete"])
						if rok && cok && rn-cn > 0 && rn-cn < 5 {
							t.Errorf("%s: %d respondents beside %d complete give %d incomplete away", r.key, rn, cn, rn-cn)
						}
						if r.key == "effektmatning-2/followup" && f["complete"] != withheld[lang] {
							t.Errorf("%s: the 41 complete answers read %q, want %q", r.key, f["complete"], withheld[lang])
						}
					}
					if _, ok := f["group"]; ok && strings.Count(r.key, "/") == 2 {
						groups++
						dim := r.key[:strings.LastIndex(r.key, "/")]
						dims[dim] = append(dims[dim], r)
						if strings.HasSuffix(r.key, "/cohort/ht25") && f["n"] != withheld[lang] {
							t.Errorf("%s: a group of 6 withheld reads %q, want %q", r.key, f["n"], withheld[lang])
						}
					}
					if _, ok := f["people"]; ok {
						if _, ok := f["events"]; ok {
							dims["repeat"] = append(dims["repeat"], r)
						}
					}
				}
				for dim, rows := range dims {
					hidden := 0
					for _, r := range rows {
						if v := r.fields["n"] + r.fields["people"]; v == fewer[lang] || v == withheld[lang] {
							hidden++
						}
					}
					if hidden == 1 {
						t.Errorf("%s: one group alone is hidden; the others and the total give it away", dim)
					}
				}
				if doc != reports.DocMemo && responses == 0 {
					t.Error("no response-rate rows found; the test would check nothing")
				}
				if doc == reports.DocWorkshop && groups == 0 {
					t.Error("no group rows found; the test would check nothing")
				}
			})
		}
	}
}
