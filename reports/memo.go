package reports

import (
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/joiningforces/impact"
)

// memo builds the draft tjänsteutlåtande: the memo an officer adapts and
// files so that the municipality can decide on continued funding
// (memo.md). Headings follow Swedish municipal practice, from Ärende to the
// signature; what only the officer can write is a marked paragraph, never
// left out and never invented; the proposal follows memo.decision and,
// without one, sets out the three options. The method notes go in an
// appendix so the body stays free of statistics.
func (r *reporter) memo() *document {
	pr := r.pr
	d := r.newDocument(DocMemo)
	m := r.p.Memo
	if m == nil {
		m = &impact.Memo{}
	}
	if m.Subject != "" {
		d.Subtitle = m.Subject
	} else {
		d.Subtitle = pr.T("memo.subject", r.projectName())
	}
	d.Cover = []block{facts{Items: nonEmpty(
		fact{pr.T("memo.municipality"), r.p.Info.Municipality.Name},
		fact{pr.T("memo.date"), pr.Date(impact.Date{Time: r.generatedAt()})},
		fact{pr.T("memo.case_number"), orPlaceholder(pr, m.CaseNumber, "placeholder.case_number")},
		fact{pr.T("memo.author"), r.author(m)},
		fact{pr.T("memo.to"), r.body(m)},
	)}}

	arende := &section{ID: "arende", Title: pr.T("memo.h.arende")}
	arende.add(para{Text: pr.T("memo.arende", r.projectName(), r.p.Info.Municipality.Name, r.entrepreneurs()) + " " + r.periodSentence()})

	proposal := &section{ID: "forslag", Title: pr.T("memo.h.forslag")}
	if m.Decision == "" {
		proposal.add(r.toOfficer(pr.T("memo.choose")))
		for i, decision := range impact.Decisions {
			proposal.Sub = append(proposal.Sub, (&section{
				ID:    "forslag-" + decision,
				Title: pr.T("memo.option", pr.Int(i+1), pr.T("memo.option."+decision)),
			}).add(list{Ordered: true, Items: r.decisions(m, decision), Class: "decisions"}))
		}
	} else {
		proposal.add(list{Ordered: true, Items: r.decisions(m, m.Decision), Class: "decisions"})
	}

	summary := &section{ID: "sammanfattning", Title: pr.T("memo.h.sammanfattning")}
	summary.add(r.goalCounts()...)
	if c := r.ev.Costs; c != nil {
		summary.add(para{Text: r.costSentence()})
	}
	if s := r.sroiSentences(); len(s) > 0 && r.ev.Value != nil && r.ev.Value.SROIMid != nil {
		summary.add(para{Text: s[0]})
	}
	summary.add(r.proposalBlock(m))

	background := &section{ID: "bakgrund", Title: pr.T("memo.h.bakgrund")}
	if tc := r.p.TheoryOfChange; tc.Problem != "" {
		background.add(para{Text: tc.Problem})
	}
	if len(r.p.TargetGroups) > 0 {
		var groups []string
		for _, tg := range r.p.TargetGroups {
			groups = append(groups, tg.Name)
		}
		background.add(para{Text: pr.T("memo.target_groups", joinWords(pr, groups))})
	}
	if kpi := r.kpiSentences(); len(kpi) > 0 {
		background.add(para{Text: strings.Join(kpi, " ")})
		if fig, ok := r.kpiFigure(); ok {
			background.add(fig)
		}
		background.add(para{Text: pr.T("memo.kolada_source"), Class: "note"})
	}
	background.add(para{Text: r.collaborationSentence()})
	if tc := r.p.TheoryOfChange; tc.Vision != "" {
		background.add(para{Text: pr.T("memo.vision", tc.Vision)})
	}

	preparation := &section{ID: "beredning", Title: pr.T("memo.h.beredning")}
	preparation.add(r.preparation(m)...)

	results := &section{ID: "resultat", Title: pr.T("memo.h.resultat")}
	results.add(para{Text: pr.T("memo.results_intro", pr.Date(r.ev.AsOf))}, r.goalBoard("memo-goals"))
	var items []string
	for _, res := range r.results() {
		// The comparison's words name the comparison group plainly and call
		// a difference an effect only when the design is randomised.
		sentences := append(r.resultSentences(res), r.comparisonWords(res)...)
		items = append(items, r.name(res)+": "+strings.Join(sentences, " "))
	}
	results.add(list{Items: items})
	var missed []string
	for _, res := range r.results() {
		switch res.Status {
		case impact.StatusNotMet, impact.StatusLikelyNotMet, impact.StatusInsufficientData, impact.StatusNoData:
			missed = append(missed, r.name(res)+" ("+pr.Status(res.Status)+")")
		}
	}
	if len(missed) > 0 {
		results.add(para{Text: pr.T("memo.not_achieved")}, list{Items: missed})
	} else {
		results.add(para{Text: pr.T("memo.all_achieved")})
	}

	economy := &section{ID: "ekonomi", Title: pr.T("memo.h.ekonomi")}
	if r.ev.Costs != nil {
		economy.add(r.costFacts())
	} else {
		economy.add(para{Text: pr.T("cost.none")})
	}
	for _, sentence := range r.sroiSentences() {
		economy.add(para{Text: sentence})
	}
	economy.add(r.proposalBlock(m))
	if m.Decision != impact.DecisionEnd {
		economy.add(para{Text: pr.T("memo.financing_intro")}, list{Items: r.financingForms(m)})
	}

	children := &section{ID: "barn", Title: pr.T("memo.h.barn")}
	children.add(r.toOfficer(r.childrenDraft()))

	equality := &section{ID: "jamstalldhet", Title: pr.T("memo.h.jamstalldhet")}
	equality.add(r.genderResults()...)
	equality.add(r.toOfficer(pr.T("memo.equality_draft")))

	assessment := &section{ID: "bedomning", Title: pr.T("memo.h.bedomning")}
	assessment.add(r.toOfficer(pr.T("memo.assessment_draft")))

	basis := &section{ID: "beslutsunderlag", Title: pr.T("memo.h.underlag")}
	basis.add(list{Items: r.decisionBasis()})

	sendTo := &section{ID: "skickas-till", Title: pr.T("memo.h.skickas")}
	if len(m.SendTo) > 0 {
		sendTo.add(list{Items: m.SendTo})
	} else {
		sendTo.add(r.toOfficer(pr.T("memo.send_to_draft")))
	}

	signature := &section{ID: "underskrift", Title: pr.T("memo.h.underskrift")}
	signature.add(r.signature(m.Author, "placeholder.author_name"), r.signature(m.Approver, "placeholder.approver_name"))

	appendix := &section{ID: "bilaga-metod", Title: pr.T("memo.h.metod"), NewPage: true}
	for _, key := range []string{"appendix.confidence", "appendix.proportion", "appendix.mean", "appendix.paired", "appendix.census", "appendix.status", "appendix.small_cells", "appendix.sroi"} {
		appendix.add(para{Text: pr.T(key, pr.Conf(), pr.Int(pr.minCell), pr.Int(r.minN()))})
	}
	if r.usesSWEMWBS() {
		appendix.add(para{Text: pr.T("method.swemwbs", swemwbsNotice)})
	}
	d.Sections = []*section{arende, proposal, summary, background, preparation, results, economy, children, equality, assessment, basis, sendTo, signature, appendix}
	return d
}

// toOfficer is a marked paragraph for what only the officer can write.
func (r *reporter) toOfficer(text string) officer {
	return officer{Label: r.pr.T("officer.writes"), Text: text}
}

// periodSentence says when the collaboration runs, in the tense the dates
// give: a period that ends after the as-of date is running, one that ended
// ran.
func (r *reporter) periodSentence() string {
	pd := r.p.Info.Period
	if pd.End.IsZero() || r.ev.AsOf.Before(pd.End) {
		return r.pr.T("memo.period.running", r.period())
	}
	return r.pr.T("memo.period.ended", r.period())
}

// goalCounts are Sammanfattning's plain counts: how many goals were met,
// not met, uncertain and without data (memo.md), then each goal not met by
// name.
func (r *reporter) goalCounts() []block {
	pr := r.pr
	var met, notMet, uncertain, noData, noTarget int
	var named []string
	for _, res := range r.results() {
		switch res.Status {
		case impact.StatusMet:
			met++
		case impact.StatusNotMet:
			notMet++
			named = append(named, r.name(res))
		case impact.StatusLikelyNotMet:
			uncertain++
			named = append(named, r.name(res))
		case impact.StatusLikelyMet:
			uncertain++
		case impact.StatusNoData, impact.StatusInsufficientData:
			noData++
		default:
			noTarget++
		}
	}
	text := pr.Plural("memo.counts", len(r.results()), pr.Int(len(r.results())), pr.Int(met), pr.Int(notMet), pr.Int(uncertain), pr.Int(noData))
	if noTarget > 0 {
		text += " " + pr.T("memo.counts.no_target", pr.Int(noTarget))
	}
	out := []block{para{Text: text}}
	if len(named) > 0 {
		out = append(out, para{Text: pr.T("memo.not_met_named", strings.Join(named, "; "))})
	} else {
		out = append(out, para{Text: pr.T("memo.none_not_met")})
	}
	return out
}

// proposalBlock says in one paragraph what is proposed; without a decision
// it is the officer's to write.
func (r *reporter) proposalBlock(m *impact.Memo) block {
	pr := r.pr
	switch m.Decision {
	case impact.DecisionContinue:
		return para{Text: r.proposalSentence(m)}
	case impact.DecisionContinueWithChanges:
		return para{Text: r.proposalSentence(m) + " " + pr.T("memo.proposal_changes", joinWords(pr, m.Changes))}
	case impact.DecisionEnd:
		return para{Text: pr.T("memo.proposal_end", pr.Date(r.p.Info.Period.End))}
	}
	return r.toOfficer(pr.T("memo.proposal_open"))
}

// preparation is Ärendets beredning: who prepared the case, with whom, and
// the learning workshop where the results were discussed.
func (r *reporter) preparation(m *impact.Memo) []block {
	pr := r.pr
	var partners []string
	for _, pt := range r.p.Info.Partners {
		partners = append(partners, pt.Name)
	}
	who := pr.T("placeholder.author_name")
	if m.Author != nil && m.Author.Name != "" {
		who = m.Author.Name
	}
	out := []block{para{Text: pr.T("memo.prepared", who, joinWords(pr, partners))}}
	if m.WorkshopDate != nil {
		out = append(out, para{Text: pr.T("memo.workshop", pr.Date(*m.WorkshopDate))})
	} else {
		out = append(out, r.toOfficer(pr.T("memo.workshop_draft")))
	}
	return out
}

// childrenDraft is the child-rights paragraph for the officer: what to
// write, then the share of participants under 18 at the start of the
// project period, among those with a known birth year, and that number.
func (r *reporter) childrenDraft() string {
	pr := r.pr
	a := r.ev.Ages
	if a == nil || a.Known == nil || *a.Known == 0 {
		return pr.T("memo.children_draft")
	}
	if a.Under18 == nil {
		return pr.T("memo.children_draft") + " " + pr.T("memo.children_masked", pr.Count(a.Known), pr.Fewer())
	}
	share := float64(*a.Under18) / float64(*a.Known)
	return pr.T("memo.children_draft") + " " + pr.T("memo.children_share", pr.Percent(share, 0), pr.Count(a.Known))
}

// genderResults are the goals' results for women and men, where the
// evaluation shows them (not suppressed).
func (r *reporter) genderResults() []block {
	pr := r.pr
	var items []string
	for _, res := range r.results() {
		var parts []string
		for _, g := range res.Disaggregation {
			if g.Dimension != "gender" || g.Suppressed || g.Estimate == nil {
				continue
			}
			parts = append(parts, pr.T("memo.gender_group", groupName(pr, r.p, g), pr.Value(res, *g.Estimate), pr.Count(g.N)))
		}
		if len(parts) > 0 {
			items = append(items, r.name(res)+": "+strings.Join(parts, "; "))
		}
	}
	if len(items) == 0 {
		return []block{para{Text: pr.T("memo.gender_none")}}
	}
	return []block{para{Text: pr.T("memo.gender_intro")}, list{Items: items}}
}

// signature is one signer: name and title, one line each, or a marked line
// for the officer to fill.
func (r *reporter) signature(a *impact.Author, placeholder string) block {
	if a == nil || a.Name == "" {
		return r.toOfficer(r.pr.T(placeholder))
	}
	out := lines{Class: "signature", Lines: []string{a.Name}}
	if a.Title != "" {
		out.Lines = append(out.Lines, a.Title)
	}
	return out
}

// generatedAt is the time the document is dated with.
func (r *reporter) generatedAt() time.Time {
	if !r.in.GeneratedAt.IsZero() {
		return r.in.GeneratedAt.UTC()
	}
	return r.ev.GeneratedAt.UTC()
}

// orPlaceholder returns s, or a bracketed placeholder for the writer to fill.
func orPlaceholder(pr *printer, s, key string) string {
	if strings.TrimSpace(s) != "" {
		return s
	}
	return pr.T(key)
}

// author names who writes the memo, or a placeholder.
func (r *reporter) author(m *impact.Memo) string {
	if m.Author == nil || m.Author.Name == "" {
		return r.pr.T("placeholder.author")
	}
	if m.Author.Title != "" {
		return m.Author.Name + ", " + m.Author.Title
	}
	return m.Author.Name
}

// body names who decides, or a placeholder.
func (r *reporter) body(m *impact.Memo) string {
	return orPlaceholder(r.pr, m.Body, "placeholder.body")
}

// entrepreneurs names the social entrepreneurs (and work-integration
// social enterprises) of the collaboration.
func (r *reporter) entrepreneurs() string {
	var names []string
	for _, pt := range r.p.Info.Partners {
		if pt.Role == "social_entrepreneur" || pt.Role == "asf" {
			names = append(names, pt.Name)
		}
	}
	if len(names) == 0 {
		return r.pr.T("placeholder.entrepreneur")
	}
	return joinWords(r.pr, names)
}

// period formats the project's period.
func (r *reporter) period() string {
	pd := r.p.Info.Period
	return r.pr.T("fmt.period", r.pr.Date(pd.Start), r.pr.Date(pd.End))
}

// proposalDates formats the proposed period's start and end, or placeholders.
func (r *reporter) proposalDates(m *impact.Memo) (from, to string) {
	from, to = r.pr.T("placeholder.date"), r.pr.T("placeholder.date")
	if m.Proposal != nil {
		if m.Proposal.From != nil {
			from = r.pr.Date(*m.Proposal.From)
		}
		if m.Proposal.To != nil {
			to = r.pr.Date(*m.Proposal.To)
		}
	}
	return from, to
}

// financingKey returns the catalogue key of a financing form, or "".
func financingKey(financing string) string {
	switch strings.ToLower(strings.TrimSpace(financing)) {
	case "iop", "idéburet offentligt partnerskap":
		return "financing.iop"
	case "grant", "bidrag", "föreningsbidrag":
		return "financing.grant"
	case "procurement", "upphandling", "lou":
		return "financing.procurement"
	case "social_outcome_contract", "sociala utfallskontrakt", "social outcome contract":
		return "financing.outcome_contract"
	}
	return ""
}

// financingPhrase says how the continuation is financed, in words that fit
// a decision.
func (r *reporter) financingPhrase(m *impact.Memo) string {
	if m.Proposal == nil || m.Proposal.Financing == "" {
		return r.pr.T("placeholder.financing")
	}
	if key := financingKey(m.Proposal.Financing); key != "" {
		return r.pr.T(key + ".phrase")
	}
	return m.Proposal.Financing
}

// annualCost formats the proposed annual cost, or a placeholder.
func (r *reporter) annualCost(m *impact.Memo) string {
	if m.Proposal == nil || m.Proposal.AnnualCost == 0 {
		return r.pr.T("placeholder.amount")
	}
	return r.pr.Money(m.Proposal.AnnualCost)
}

// decisions are the numbered proposals for decision of one choice
// (continue, continue_with_changes or end), each one action in a full
// sentence that can be copied into the minutes on its own.
func (r *reporter) decisions(m *impact.Memo, decision string) []string {
	pr := r.pr
	from, to := r.proposalDates(m)
	body := r.body(m)
	switch decision {
	case impact.DecisionEnd:
		return []string{
			pr.T("decision.end", body, r.projectName(), r.entrepreneurs(), pr.Date(r.p.Info.Period.End)),
			pr.T("decision.end_learning", body, r.projectName()),
		}
	case impact.DecisionContinueWithChanges:
		changes := pr.T("placeholder.changes")
		if len(m.Changes) > 0 {
			changes = joinWords(pr, m.Changes)
		}
		return []string{
			pr.T("decision.continue_changes", body, r.projectName(), r.entrepreneurs(), from, to, changes),
			pr.T("decision.finance", body, r.annualCost(m), from, to, r.financingPhrase(m), r.entrepreneurs()),
			pr.T("decision.follow_up", body, r.projectName(), to),
		}
	}
	return []string{
		pr.T("decision.continue", body, r.projectName(), r.entrepreneurs(), from, to),
		pr.T("decision.finance", body, r.annualCost(m), from, to, r.financingPhrase(m), r.entrepreneurs()),
		pr.T("decision.follow_up", body, r.projectName(), to),
	}
}

// proposalSentence says what is proposed and what it costs a year.
func (r *reporter) proposalSentence(m *impact.Memo) string {
	from, to := r.proposalDates(m)
	return r.pr.T("memo.proposal", from, to, r.annualCost(m), r.financingPhrase(m))
}

// costSentence says what the collaboration cost, per participant where the
// participants are enough to show.
func (r *reporter) costSentence() string {
	pr := r.pr
	c := r.ev.Costs
	total := pr.Money(c.Total)
	if c.Basis == "budget" {
		total = pr.T("cost.total_budget", total)
	}
	if c.PerParticipant != nil && c.Participants != nil && *c.Participants >= pr.minCell {
		return pr.T("memo.cost_per_participant", total, pr.Money(*c.PerParticipant), pr.Count(c.Participants))
	}
	return pr.T("memo.cost", total)
}

// collaborationSentence names the partners and their roles.
func (r *reporter) collaborationSentence() string {
	var parts []string
	for _, pt := range r.p.Info.Partners {
		parts = append(parts, pt.Name+" ("+r.role(pt.Role)+")")
	}
	return r.pr.T("memo.partners", joinWords(r.pr, parts))
}

// financingForms lists the funding forms that fit, marking the proposed one.
func (r *reporter) financingForms(m *impact.Memo) []string {
	pr := r.pr
	proposed := ""
	if m.Proposal != nil {
		proposed = financingKey(m.Proposal.Financing)
	}
	var items []string
	for _, key := range []string{"financing.grant", "financing.procurement", "financing.iop"} {
		item := pr.T(key + ".describe")
		if key == proposed {
			item += " " + pr.T("financing.proposed")
		}
		items = append(items, item)
	}
	return items
}

// decisionBasis lists the documents and data the decision rests on: this
// memo, the workshop report, the quality report and each data source by
// what it is ("Närvarolista, Nätverksträff 3, 24 rader, inläst
// 2025-05-06"); the paths are in the quality report.
func (r *reporter) decisionBasis() []string {
	pr := r.pr
	items := []string{
		pr.T("basis.memo", pr.Date(impact.Date{Time: r.generatedAt()})),
		pr.T("basis.workshop", r.projectName(), pr.Date(r.ev.AsOf)),
		pr.T("basis.quality", pr.Date(r.ev.AsOf)),
	}
	if q := r.ev.Quality; q != nil {
		for _, src := range q.Sources {
			items = append(items, pr.Plural("basis.source", int(src.Loaded), r.sourceName(src), pr.Int(int(src.Loaded)), pr.Date(impact.Date{Time: src.IngestedAt})))
		}
	}
	return items
}

// sourceName names an ingested file by what it holds: its kind, and the
// event or wave its entry in impact.yaml gives, never its path.
func (r *reporter) sourceName(src impact.SourceLog) string {
	pr := r.pr
	name := capitalise(r.kindName(src.Kind))
	entry := r.sourceEntry(src.Path)
	if entry == nil {
		return name
	}
	switch {
	case entry.Event != nil && entry.Event.Name != "":
		name = pr.T("basis.event", name, entry.Event.Name)
	case entry.Event != nil && entry.Event.Date != nil:
		name = pr.T("basis.event", name, pr.Date(*entry.Event.Date))
	}
	return name
}

// sourceEntry finds the project's source entry of an ingested path: the
// entry of that path, or else the one entry of the same file name (a path
// recorded from another folder), never a guess between two.
func (r *reporter) sourceEntry(path string) *impact.Source {
	var byName *impact.Source
	names := 0
	for i := range r.p.Sources {
		s := &r.p.Sources[i]
		if s.File == path {
			return s
		}
		if filepath.Base(filepath.FromSlash(s.File)) == filepath.Base(filepath.FromSlash(path)) {
			byName = s
			names++
		}
	}
	if names == 1 {
		return byName
	}
	return nil
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, c := range s {
		return string(unicode.ToUpper(c)) + s[i+utf8.RuneLen(c):]
	}
	return s
}
