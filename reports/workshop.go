package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// workshop builds the report for the learning and closing workshops: the
// cover, the goal board, the theory of change, a section per part of the
// theory with each indicator's plot, participation, questions for the
// workshop, cost and value, data quality and the methods.
func (r *reporter) workshop() *document {
	pr := r.pr
	d := r.newDocument(DocWorkshop)
	d.Cover = r.cover()
	board := &section{ID: "goal-board-section", Title: pr.T("workshop.board")}
	board.add(para{Text: pr.T("workshop.board_intro", pr.Date(r.ev.AsOf))}, r.goalBoard("goal-board"))
	board.add(r.statusSummary()...)
	toc := &section{ID: "theory-of-change", Title: pr.T("workshop.toc")}
	if tc := r.p.TheoryOfChange; tc.Problem != "" || tc.Vision != "" {
		toc.add(facts{Items: nonEmpty(fact{pr.T("toc.problem"), tc.Problem}, fact{pr.T("toc.vision"), tc.Vision})})
	}
	toc.add(r.tocFigure(), para{Text: pr.T("toc.legend"), Class: "note"})
	d.Sections = append(d.Sections, board, toc, r.outcomeSections(), r.participationSection(), r.questionsSection(), r.costSection(), r.qualityBrief(), r.methodsSection())
	numberSections(d.Sections)
	return d
}

// numberSections prefixes the chapter titles with their numbers.
func numberSections(sections []*section) {
	for i, s := range sections {
		s.Title = fmt.Sprintf("%d. %s", i+1, s.Title)
	}
}

// nonEmpty keeps the facts that have a value.
func nonEmpty(items ...fact) []fact {
	var out []fact
	for _, f := range items {
		if strings.TrimSpace(f.Value) != "" {
			out = append(out, f)
		}
	}
	return out
}

// cover is the project, the municipality, the period, the as-of date, the
// target groups and the partners with their roles.
func (r *reporter) cover() []block {
	pr := r.pr
	info := r.p.Info
	period := ""
	if !info.Period.Start.IsZero() || !info.Period.End.IsZero() {
		period = pr.T("fmt.period", pr.Date(info.Period.Start), pr.Date(info.Period.End))
	}
	var groups []string
	for _, tg := range r.p.TargetGroups {
		groups = append(groups, tg.Name)
	}
	blocks := []block{facts{Items: nonEmpty(
		fact{pr.T("cover.municipality"), info.Municipality.Name},
		fact{pr.T("cover.period"), period},
		fact{pr.T("cover.as_of"), pr.Date(r.ev.AsOf)},
		fact{pr.T("cover.target_groups"), strings.Join(groups, "; ")},
	)}}
	if len(info.Partners) > 0 {
		t := table{ID: "partners", Caption: pr.T("cover.partners"), Head: []string{pr.T("cover.partner"), pr.T("cover.role")}, Align: "ll"}
		for _, pt := range info.Partners {
			t.Rows = append(t.Rows, row{Cells: cells(pt.Name, r.role(pt.Role))})
		}
		blocks = append(blocks, t)
	}
	if info.Description != "" {
		blocks = append(blocks, para{Text: info.Description})
	}
	return blocks
}

// outcomeSections is a section per theory-of-change node that indicators
// measure, from outputs up to impact (activities last, if measured), each
// with its indicators' sentences, plots, groups and method.
func (r *reporter) outcomeSections() *section {
	pr := r.pr
	s := &section{ID: "results", Title: pr.T("workshop.results"), NewPage: true}
	s.add(para{Text: pr.T("workshop.results_intro")})
	order := []string{impact.LevelOutcome, impact.LevelImpact, impact.LevelOutput, impact.LevelActivity}
	var nodes []impact.Node
	for _, level := range order {
		for _, n := range r.p.TheoryOfChange.Nodes {
			if n.Level == level {
				nodes = append(nodes, n)
			}
		}
	}
	seen := map[string]bool{}
	for _, n := range nodes {
		var results []*impact.Result
		for _, res := range r.results() {
			if res.Node == n.ID {
				results = append(results, res)
			}
		}
		if len(results) == 0 {
			continue
		}
		sub := &section{ID: "node-" + fileName(n.ID), Title: pr.T("level."+n.Level+".named", n.Name)}
		for _, res := range results {
			seen[res.ID] = true
			sub.Sub = append(sub.Sub, r.indicatorSection(res))
		}
		s.Sub = append(s.Sub, sub)
	}
	// Results the theory of change does not place still get a section.
	var loose []*impact.Result
	for _, res := range r.results() {
		if !seen[res.ID] {
			loose = append(loose, res)
		}
	}
	if len(loose) > 0 {
		sub := &section{ID: "node-none", Title: pr.T("workshop.unplaced")}
		for _, res := range loose {
			sub.Sub = append(sub.Sub, r.indicatorSection(res))
		}
		s.Sub = append(s.Sub, sub)
	}
	return s
}

// indicatorSection is one indicator: status, sentences, plot, groups,
// method, findings.
func (r *reporter) indicatorSection(res *impact.Result) *section {
	pr := r.pr
	ind := r.indicator(res.ID)
	s := &section{ID: "indicator-" + fileName(res.ID), Title: r.name(res)}
	line := []string{pr.T("indicator.status", pr.Status(res.Status))}
	if ind.Responsible != "" {
		line = append(line, pr.T("indicator.responsible", r.partnerName(ind.Responsible)))
	}
	if res.Deadline != nil {
		line = append(line, pr.T("indicator.deadline", r.deadline(res)))
	}
	s.add(para{Text: strings.Join(line, " · "), Class: "status"})
	s.add(para{Text: strings.Join(r.resultSentences(res), " ")})
	if ind.Baseline != nil && ind.Baseline.Source != "" {
		s.add(para{Text: pr.T("indicator.baseline_source", pr.ValuePtr(res, res.Baseline), ind.Baseline.Source), Class: "note"})
	}
	s.add(r.indicatorFigure(res))
	s.add(r.comparisonBlocks(res)...)
	if t, ok := r.disaggregationTable(res); ok {
		s.add(t)
	}
	// The pairs after the groups: the table reads with the plot above it,
	// row by row, and in print it fills the page before the pairs, which
	// a page cannot split, move on to the next.
	if f, ok := r.pairedFigure(res); ok {
		s.add(f)
	}
	method := r.methodSentence(res)
	if r.isSWEMWBS(res.ID) {
		method += " " + pr.T("method.swemwbs", swemwbsNotice)
	}
	s.add(para{Text: method, Class: "note"})
	if ind.Policy != "" {
		s.add(para{Text: pr.T("indicator.policy", ind.Policy), Class: "note"})
	}
	if findings := r.findingsFor(res.ID); len(findings) > 0 {
		s.add(para{Text: pr.T("indicator.findings")}, list{Items: findings, Class: "findings"})
	}
	return s
}

// participationSection is the events over time, attendance per event,
// repeat attendance and the funnel with its conversions.
func (r *reporter) participationSection() *section {
	pr := r.pr
	s := &section{ID: "participation", Title: pr.T("workshop.participation")}
	part := r.ev.Participation
	if part == nil || (len(part.Events) == 0 && len(part.Funnel) == 0) {
		return s.add(para{Text: pr.T("participation.none")})
	}
	if part.Participants != nil || len(part.Events) > 0 {
		s.add(para{Text: pr.T("participation.intro", pr.Count(part.Participants), pr.Int(len(part.Events)))})
	}
	if len(part.Events) > 0 {
		s.add(figure{
			Name:    "events",
			Caption: pr.T("figure.events"),
			Alt:     pr.T("figure.events_alt"),
			Render:  func(format string) ([]byte, error) { return EventsPlot(r.ev, pr.lang, format) },
		})
		t := table{ID: "events", Head: []string{pr.T("event.date"), pr.T("event.name"), pr.T("event.kind"), pr.T("event.attendees"), pr.T("event.new_contacts")}, Align: "lllrr"}
		for _, e := range part.Events {
			contacts := pr.T("none")
			if e.NewContacts != nil && e.Attendees != nil {
				contacts = pr.Num(*e.NewContacts, 1)
			}
			t.Rows = append(t.Rows, row{Key: e.ID, Cells: []cell{
				{Text: pr.Date(e.Date), Field: "date"},
				{Text: r.eventName(e.ID), Field: "name"},
				{Text: pr.T("event." + e.Kind), Field: "kind"},
				{Text: pr.Count(e.Attendees), Field: "attendees"},
				{Text: contacts, Field: "new_contacts"},
			}})
		}
		s.add(t)
	}
	if len(part.Repeat) > 0 {
		t := table{ID: "repeat", Caption: pr.T("repeat.caption"), Head: []string{pr.T("repeat.events"), pr.T("repeat.people")}, Align: "rr"}
		for _, rc := range part.Repeat {
			t.Rows = append(t.Rows, row{Key: fmt.Sprint(rc.Events), Cells: []cell{{Text: pr.Int(rc.Events), Field: "events"}, {Text: pr.Shown(rc.People, rc.Withheld), Field: "people"}}})
		}
		s.add(t)
	}
	if len(part.Funnel) > 0 {
		s.add(para{Text: pr.T("funnel.intro")})
		s.add(figure{
			Name:    "funnel",
			Caption: pr.T("figure.funnel"),
			Alt:     r.funnelAlt(),
			Render:  func(format string) ([]byte, error) { return FunnelPlot(r.ev, pr.lang, format) },
		})
		t := table{ID: "funnel", Head: []string{pr.T("funnel.step"), pr.T("funnel.people"), pr.T("funnel.conversion")}, Align: "lrr"}
		for _, step := range part.Funnel {
			conversion := pr.T("none")
			if step.Conversion != nil && step.N != nil {
				conversion = pr.Percent(*step.Conversion, 0)
			}
			t.Rows = append(t.Rows, row{Key: step.Step, Cells: []cell{
				{Text: pr.T("funnel." + step.Step), Field: "step"},
				{Text: pr.Count(step.N), Field: "n"},
				{Text: conversion, Field: "conversion"},
			}})
		}
		s.add(t)
	}
	return s
}

// funnelAlt describes the funnel in words.
func (r *reporter) funnelAlt() string {
	pr := r.pr
	var parts []string
	for _, step := range r.ev.Participation.Funnel {
		parts = append(parts, pr.T("funnel.alt_step", pr.T("funnel."+step.Step), pr.Count(step.N)))
	}
	return strings.Join(parts, "; ")
}

// questionsSection gathers what the workshop should discuss: assumptions
// tied to goals not met or uncertain, goals with too little data, and the
// lint findings on the plan.
func (r *reporter) questionsSection() *section {
	pr := r.pr
	s := &section{ID: "questions", Title: pr.T("workshop.questions")}
	s.add(para{Text: pr.T("questions.intro")})

	var assumptions []string
	for _, a := range r.p.TheoryOfChange.Assumptions {
		var doubtful []string
		for _, res := range r.results() {
			if !slices.Contains(a.About, res.Node) {
				continue
			}
			switch res.Status {
			case impact.StatusMet, impact.StatusNoTarget:
				continue
			}
			doubtful = append(doubtful, r.name(res)+" ("+pr.Status(res.Status)+")")
		}
		if len(doubtful) > 0 {
			// The assumption is quoted inside a question: its own full
			// stop would end the sentence early.
			assumptions = append(assumptions, pr.T("questions.assumption", strings.TrimRight(strings.TrimSpace(a.Text), "."), strings.Join(doubtful, "; ")))
		}
	}
	sub := &section{ID: "questions-assumptions", Title: pr.T("questions.assumptions")}
	if len(assumptions) > 0 {
		sub.add(list{Items: assumptions})
	} else {
		sub.add(para{Text: pr.T("questions.no_assumptions")})
	}
	s.Sub = append(s.Sub, sub)

	var thin []string
	for _, res := range r.results() {
		ind := r.indicator(res.ID)
		switch {
		case res.Status == impact.StatusNoData:
			thin = append(thin, pr.T("questions.no_data", r.name(res)))
		case res.Status == impact.StatusInsufficientData && pr.maskedPeople(r.p, res):
			thin = append(thin, pr.T("questions.too_few", r.name(res), pr.Fewer(), pr.Int(r.minN())))
		case res.Status == impact.StatusInsufficientData:
			thin = append(thin, pr.T("questions.insufficient", r.name(res), pr.N(res), pr.Int(r.minN())))
		case ind.ExpectedN != nil && res.N != nil && *res.N < *ind.ExpectedN:
			thin = append(thin, pr.T("questions.below_expected", r.name(res), pr.N(res), pr.Int(*ind.ExpectedN)))
		}
	}
	sub = &section{ID: "questions-data", Title: pr.T("questions.data")}
	if len(thin) > 0 {
		sub.add(list{Items: thin})
	} else {
		sub.add(para{Text: pr.T("questions.enough_data")})
	}
	s.Sub = append(s.Sub, sub)

	sub = &section{ID: "questions-findings", Title: pr.T("questions.findings")}
	if len(r.ev.Findings) == 0 {
		sub.add(para{Text: pr.T("questions.no_findings")})
	} else {
		t := table{ID: "findings", Head: []string{pr.T("finding.rule"), pr.T("finding.severity"), pr.T("finding.subject"), pr.T("finding.message")}, Align: "llll"}
		for _, f := range r.ev.Findings {
			t.Rows = append(t.Rows, row{Cells: cells(f.Rule, pr.T("severity."+f.Severity), r.subjectName(f.Subject), f.Message)})
		}
		sub.add(t)
	}
	s.Sub = append(s.Sub, sub)
	return s
}

// subjectName names what a finding is about: an indicator or a node.
func (r *reporter) subjectName(subject string) string {
	if res, ok := r.ev.Result(subject); ok {
		return r.name(res)
	}
	if n, ok := r.p.Node(subject); ok && n.Name != "" {
		return n.Name
	}
	return subject
}

// costSection is costs by activity, partner and category, budget against
// actual, per participant and per outcome, and the SROI with its tornado.
func (r *reporter) costSection() *section {
	pr := r.pr
	s := &section{ID: "cost-value", Title: pr.T("workshop.cost")}
	if r.ev.Costs == nil {
		s.add(para{Text: pr.T("cost.none")})
	} else {
		s.add(r.costFacts())
		if t, ok := r.costTable(); ok {
			s.add(t, r.costFigure())
		}
	}
	value := &section{ID: "value", Title: pr.T("workshop.value")}
	for _, sentence := range r.sroiSentences() {
		value.add(para{Text: sentence})
	}
	value.add(r.sroiFigures()...)
	if r.p.Value != nil {
		for _, px := range r.p.Value.Proxies {
			if px.Source != "" {
				value.add(para{Text: pr.T("sroi.proxy_source", r.subjectName(px.Indicator), px.Source), Class: "note"})
			}
		}
	}
	s.Sub = append(s.Sub, value)
	return s
}

// qualityBrief is the data quality in brief: the files behind the figures
// and the response rates, with a pointer to the full report.
func (r *reporter) qualityBrief() *section {
	pr := r.pr
	s := &section{ID: "quality-brief", Title: pr.T("workshop.quality")}
	q := r.ev.Quality
	if q == nil {
		return s.add(para{Text: pr.T("quality.none")})
	}
	s.add(r.sourcesTable(false))
	if len(q.ResponseRates) > 0 {
		s.add(r.responseRateTable())
	}
	s.add(para{Text: pr.T("quality.brief", pr.Int(q.PossibleDuplicates), pr.Int(q.WithoutAttributes), pr.Int(q.SuppressedCells))})
	s.add(para{Text: pr.T("quality.see_report"), Class: "note"})
	return s
}

// methodsSection is the appendix of methods and the statistical details
// behind each goal.
func (r *reporter) methodsSection() *section {
	pr := r.pr
	s := &section{ID: "methods", Title: pr.T("workshop.methods"), NewPage: true}
	for _, key := range []string{"appendix.confidence", "appendix.proportion", "appendix.mean", "appendix.paired", "appendix.census", "appendix.status", "appendix.tests", "appendix.forecast", "appendix.small_cells", "appendix.sroi"} {
		s.add(para{Text: pr.T(key, pr.Conf(), pr.Int(pr.minCell), pr.Int(r.minN()))})
	}
	if r.usesSWEMWBS() {
		s.add(para{Text: pr.T("method.swemwbs", swemwbsNotice)})
	}
	t := table{ID: "statistics", Caption: pr.T("stats.caption"), Head: []string{
		pr.T("board.goal"), pr.T("stats.method"), pr.T("stats.exact"), pr.T("stats.p"), pr.T("stats.p_adjusted"), pr.T("stats.prob"), pr.T("stats.effect"),
	}, Align: "llrrrrr"}
	for _, res := range r.results() {
		masked := pr.maskedPeople(r.p, res)
		exact := pr.T("none")
		if res.CIExactLow != nil && res.CIExactHigh != nil && !masked {
			exact = pr.Interval(res, res.CIExactLow, res.CIExactHigh)
		}
		method := pr.T("stats.census")
		if res.CIMethod != "" {
			method = res.CIMethod
			if key := "ci." + res.CIMethod; pr.Has(key) {
				method = pr.T(key)
			}
		}
		t.Rows = append(t.Rows, row{Key: res.ID, Cells: []cell{
			{Text: r.name(res), Field: "name"},
			{Text: method, Field: "method"},
			{Text: exact, Field: "exact"},
			{Text: r.probability(res.PValue, masked), Field: "p_value"},
			{Text: r.probability(res.PAdjusted, masked), Field: "p_adjusted"},
			{Text: r.probability(res.ProbTargetMet, masked), Field: "prob_target_met"},
			{Text: r.plain(res.EffectSize, masked), Field: "effect_size"},
		}})
	}
	s.add(t)
	return s
}

// probability formats a p-value or probability to three decimals.
func (r *reporter) probability(x *float64, masked bool) string {
	if x == nil || masked {
		return r.pr.T("none")
	}
	if *x < 0.001 {
		return r.pr.T("stats.below", r.pr.Num(0.001, 3))
	}
	return r.pr.Num(*x, 3)
}

// plain formats a figure to two decimals.
func (r *reporter) plain(x *float64, masked bool) string {
	if x == nil || masked {
		return r.pr.T("none")
	}
	return r.pr.Num(*x, 2)
}

// sourcesTable is the ingest log: file, kind, hash, time, rows read,
// loaded and rejected.
func (r *reporter) sourcesTable(withHash bool) table {
	pr := r.pr
	head := []string{pr.T("source.file"), pr.T("source.kind"), pr.T("source.ingested"), pr.T("source.read"), pr.T("source.loaded"), pr.T("source.rejected")}
	align := "lllrrr"
	if withHash {
		head = append(head[:2], append([]string{pr.T("source.hash")}, head[2:]...)...)
		align = "llllrrr"
	}
	t := table{ID: "sources", Head: head, Align: align}
	for _, src := range r.ev.Quality.Sources {
		kind := src.Kind
		if key := "kind." + src.Kind; pr.Has(key) {
			kind = pr.T(key)
		}
		texts := []string{src.Path, kind, pr.Time(src.IngestedAt), pr.Int(int(src.Read)), pr.Int(int(src.Loaded)), pr.Int(int(src.Rejected))}
		if withHash {
			texts = append(texts[:2], append([]string{shortHash(src.Hash)}, texts[2:]...)...)
		}
		t.Rows = append(t.Rows, row{Key: src.Path, Cells: cells(texts...)})
	}
	return t
}

// responseRateTable is the response rate of each impact-measurement day
// and wave.
func (r *reporter) responseRateTable() table {
	pr := r.pr
	t := table{ID: "response-rates", Caption: pr.T("response.caption"), Head: []string{pr.T("response.event"), pr.T("response.wave"), pr.T("response.respondents"), pr.T("response.complete"), pr.T("response.rate")}, Align: "llrrr"}
	for _, rr := range r.ev.Quality.ResponseRates {
		wave := rr.Wave
		if key := "wave." + rr.Wave; pr.Has(key) {
			wave = pr.T(key)
		}
		rate := pr.T("none")
		if rr.Rate != nil && rr.Respondents != nil {
			rate = pr.Percent(*rr.Rate, 0)
		}
		if rr.CompleteWithheld {
			t.Caption = pr.T("response.caption.with_note") + " " + pr.T("withheld.note", pr.Int(pr.minCell))
		}
		t.Rows = append(t.Rows, row{Key: rr.Event + "/" + rr.Wave, Cells: []cell{
			{Text: r.eventName(rr.Event), Field: "event"},
			{Text: wave, Field: "wave"},
			{Text: pr.Count(rr.Respondents), Field: "respondents"},
			{Text: pr.Shown(rr.Complete, rr.CompleteWithheld), Field: "complete"},
			{Text: rate, Field: "rate"},
		}})
	}
	return t
}
