package reports

import (
	"fmt"

	"github.com/joiningforces/impact"
)

// quality builds the data-quality report: the ingest log with every
// rejected row and its reason, missing values per column and per
// indicator, response rates per impact-measurement day, attrition between
// waves, possible duplicates, participants without attributes, suppressed
// cells and the personal-data checks that ran.
func (r *reporter) quality() *document {
	pr := r.pr
	d := r.newDocument(DocQuality)
	d.Cover = []block{facts{Items: nonEmpty(
		fact{pr.T("cover.municipality"), r.p.Info.Municipality.Name},
		fact{pr.T("cover.as_of"), pr.Date(r.ev.AsOf)},
		fact{pr.T("footer.hash_label"), r.ev.DataHash},
	)}}
	q := r.ev.Quality
	if q == nil {
		d.Sections = []*section{{ID: "quality", Title: pr.T("quality.title"), Blocks: []block{para{Text: pr.T("quality.none")}}}}
		return d
	}

	log := &section{ID: "ingest-log", Title: pr.T("quality.log")}
	if len(q.Sources) == 0 {
		log.add(para{Text: pr.T("quality.no_sources")})
	} else {
		log.add(para{Text: pr.T("quality.log_intro")}, r.sourcesTable(true))
	}

	rejects := &section{ID: "rejects", Title: pr.T("quality.rejects")}
	anyRejects := false
	for _, src := range q.Sources {
		if len(src.Rejects) == 0 {
			continue
		}
		anyRejects = true
		t := table{Caption: src.Path, Head: []string{pr.T("reject.line"), pr.T("reject.column"), pr.T("reject.reason")}, Align: "rll"}
		for _, rj := range src.Rejects {
			line := pr.T("reject.whole_file")
			if rj.Line > 0 {
				line = fmt.Sprint(rj.Line)
			}
			column := rj.Column
			if column == "" {
				column = pr.T("none")
			}
			t.Rows = append(t.Rows, row{Cells: cells(line, column, rj.Reason)})
		}
		rejects.add(t)
	}
	if !anyRejects {
		rejects.add(para{Text: pr.T("quality.no_rejects")})
	}

	notes := r.notesSection()

	missing := &section{ID: "missing", Title: pr.T("quality.missing")}
	t := table{ID: "missing-columns", Caption: pr.T("missing.columns"), Head: []string{pr.T("missing.table"), pr.T("missing.column"), pr.T("missing.missing"), pr.T("missing.rows")}, Align: "llrr"}
	for _, m := range q.Missing {
		if m.Missing == 0 {
			continue
		}
		t.Rows = append(t.Rows, row{Key: m.Table + "." + m.Column, Cells: cells(r.kindName(m.Table), m.Column, pr.Int(int(m.Missing)), pr.Int(int(m.Rows)))})
	}
	if len(t.Rows) > 0 {
		missing.add(t, para{Text: pr.T("missing.others_complete"), Class: "note"})
	} else {
		missing.add(para{Text: pr.T("missing.none")})
	}
	missing.add(r.indicatorCoverage())

	rates := &section{ID: "response-rates-section", Title: pr.T("quality.response")}
	if len(q.ResponseRates) > 0 {
		rates.add(para{Text: pr.T("response.intro")}, r.responseRateTable())
	} else {
		rates.add(para{Text: pr.T("response.none")})
	}
	if t, ok := r.attritionTable(); ok {
		rates.add(para{Text: pr.T("attrition.intro")}, t)
	}

	people := &section{ID: "people", Title: pr.T("quality.people")}
	people.add(
		para{Text: pr.T("quality.duplicates", pr.Int(q.PossibleDuplicates))},
		para{Text: pr.T("quality.without_attributes", pr.Int(q.WithoutAttributes))},
	)

	cellsSection := &section{ID: "suppressed", Title: pr.T("quality.suppressed")}
	cellsSection.add(para{Text: pr.T("quality.suppressed_intro", pr.Int(q.SuppressedCells), pr.Fewer())})
	var hidden []string
	for _, res := range r.results() {
		for _, g := range res.Disaggregation {
			if g.Suppressed {
				hidden = append(hidden, r.name(res)+": "+groupLabel(pr, r.p, g)+" – "+pr.Fewer())
			}
		}
	}
	if len(hidden) > 0 {
		cellsSection.add(list{Items: hidden})
	}

	checks := &section{ID: "checks", Title: pr.T("quality.checks")}
	if len(q.Checks) == 0 {
		checks.add(para{Text: pr.T("quality.no_checks")})
	} else {
		var items []string
		for _, c := range q.Checks {
			if key := "check." + c; pr.Has(key) {
				items = append(items, pr.T(key))
			} else {
				items = append(items, c)
			}
		}
		checks.add(list{Items: items})
	}
	d.Sections = []*section{log, rejects, notes, missing, rates, people, cellsSection, checks}
	numberSections(d.Sections)
	return d
}

// notesSection lists what ingest noted about each file, one line
// FILE:LINE: what each.
func (r *reporter) notesSection() *section {
	pr := r.pr
	s := &section{ID: "notes", Title: pr.T("quality.notes")}
	var items []string
	for _, src := range r.ev.Quality.Sources {
		for _, n := range src.Notes {
			items = append(items, n.FormatIn(pr.lang, src.Path))
		}
	}
	if len(items) == 0 {
		s.add(para{Text: pr.T("quality.no_notes")})
		return s
	}
	s.add(para{Text: pr.T("quality.notes_intro")}, list{Items: items})
	return s
}

// kindName names a kind of data (a table) in words.
func (r *reporter) kindName(kind string) string {
	if key := "kind." + kind; r.pr.Has(key) {
		return r.pr.T(key)
	}
	return kind
}

// indicatorCoverage is how many people each indicator rests on against
// how many the plan expected.
func (r *reporter) indicatorCoverage() table {
	pr := r.pr
	t := table{ID: "missing-indicators", Caption: pr.T("missing.indicators"), Head: []string{pr.T("board.goal"), pr.T("board.n"), pr.T("missing.expected"), pr.T("board.status")}, Align: "lrrl"}
	for _, res := range r.results() {
		if !impact.Sampled(res.Kind) {
			continue
		}
		expected := pr.T("none")
		if ind := r.indicator(res.ID); ind.ExpectedN != nil {
			expected = pr.Int(*ind.ExpectedN)
		}
		t.Rows = append(t.Rows, row{Key: res.ID, Cells: []cell{
			{Text: r.name(res), Field: "name"},
			{Text: pr.N(res), Field: "n"},
			{Text: expected, Field: "expected"},
			{Text: pr.Status(res.Status), Field: "status"},
		}})
	}
	return t
}

// attritionTable is the attrition between the waves of every paired goal.
func (r *reporter) attritionTable() (table, bool) {
	pr := r.pr
	t := table{ID: "attrition", Head: []string{pr.T("board.goal"), pr.T("attrition.pre"), pr.T("attrition.post"), pr.T("attrition.both"), pr.T("attrition.rate")}, Align: "lrrrr"}
	for _, res := range r.results() {
		if res.Kind != impact.KindPairedChange {
			continue
		}
		rate := pr.T("none")
		if res.Attrition != nil && !pr.maskedPeople(r.p, res) {
			rate = pr.Percent(*res.Attrition, 0)
		}
		pre, post := pr.T("none"), pr.T("none")
		if res.NPre != nil {
			pre = pr.Count(res.NPre)
		}
		if res.NPost != nil {
			post = pr.Count(res.NPost)
		}
		t.Rows = append(t.Rows, row{Key: res.ID, Cells: cells(r.name(res), pre, post, pr.N(res), rate)})
	}
	return t, len(t.Rows) > 0
}
