package reports

import (
	"strings"
	"time"

	"github.com/joiningforces/impact"
)

// memo builds the draft tjänsteutlåtande: the memo an entrepreneur or an
// officer adapts and submits so that the municipality can decide on
// continued funding. Headings follow Swedish municipal practice (Ärende,
// Förslag till beslut, Sammanfattning, Bakgrund, Resultat och värde,
// Ekonomiska konsekvenser, Bedömning, Beslutsunderlag); the method notes go
// in an appendix so the body stays free of statistics.
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
	arende.add(para{Text: pr.T("memo.arende", r.projectName(), r.p.Info.Municipality.Name, r.entrepreneurs(), r.period())})

	proposal := &section{ID: "forslag", Title: pr.T("memo.h.forslag")}
	proposal.add(list{Ordered: true, Items: r.decisions(m), Class: "decisions"})

	summary := &section{ID: "sammanfattning", Title: pr.T("memo.h.sammanfattning")}
	summary.add(r.statusSummary()[0])
	if c := r.ev.Costs; c != nil {
		summary.add(para{Text: r.costSentence()})
	}
	if s := r.sroiSentences(); len(s) > 0 && r.ev.Value != nil && r.ev.Value.SROIMid != nil {
		summary.add(para{Text: s[0]})
	}
	summary.add(para{Text: r.proposalSentence(m)})

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

	results := &section{ID: "resultat", Title: pr.T("memo.h.resultat")}
	results.add(para{Text: pr.T("memo.results_intro", pr.Date(r.ev.AsOf))}, r.goalBoard("memo-goals"))
	var items []string
	for _, res := range r.results() {
		items = append(items, r.name(res)+": "+strings.Join(r.resultSentences(res), " "))
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
	economy.add(para{Text: r.proposalSentence(m)})
	economy.add(para{Text: pr.T("memo.financing_intro")}, list{Items: r.financingForms(m)})

	assessment := &section{ID: "bedomning", Title: pr.T("memo.h.bedomning")}
	assessment.add(r.statusSummary()...)
	if v := r.ev.Value; v != nil && v.ProbSROIAbove1 != nil {
		assessment.add(para{Text: pr.T("sroi.prob", pr.Percent(*v.ProbSROIAbove1, 0))})
	}
	assessment.add(para{Text: pr.T("memo.assessment_draft"), Class: "placeholder"})

	basis := &section{ID: "beslutsunderlag", Title: pr.T("memo.h.underlag")}
	basis.add(list{Items: r.decisionBasis()})

	appendix := &section{ID: "bilaga-metod", Title: pr.T("memo.h.metod"), NewPage: true}
	for _, key := range []string{"appendix.confidence", "appendix.proportion", "appendix.mean", "appendix.paired", "appendix.census", "appendix.status", "appendix.small_cells", "appendix.sroi"} {
		appendix.add(para{Text: pr.T(key, pr.Conf(), pr.Int(pr.minCell), pr.Int(r.minN()))})
	}
	if r.usesSWEMWBS() {
		appendix.add(para{Text: pr.T("method.swemwbs", swemwbsNotice)})
	}
	d.Sections = []*section{arende, proposal, summary, background, results, economy, assessment, basis, appendix}
	return d
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

// decisions are the numbered proposals for decision, each one action in a
// full sentence that can be copied into the minutes on its own.
func (r *reporter) decisions(m *impact.Memo) []string {
	pr := r.pr
	from, to := r.proposalDates(m)
	body := r.body(m)
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
// memo, the workshop report, the quality report and each data source with
// its date.
func (r *reporter) decisionBasis() []string {
	pr := r.pr
	items := []string{
		pr.T("basis.memo", pr.Date(impact.Date{Time: r.generatedAt()})),
		pr.T("basis.workshop", r.projectName(), pr.Date(r.ev.AsOf)),
		pr.T("basis.quality", pr.Date(r.ev.AsOf)),
	}
	if q := r.ev.Quality; q != nil {
		for _, src := range q.Sources {
			kind := src.Kind
			if key := "kind." + src.Kind; pr.Has(key) {
				kind = pr.T(key)
			}
			items = append(items, pr.T("basis.source", src.Path, kind, pr.Date(impact.Date{Time: src.IngestedAt})))
		}
	}
	return items
}
