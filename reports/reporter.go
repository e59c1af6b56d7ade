package reports

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// swemwbsNotice is the copyright line every report that shows SWEMWBS
// results carries, as its licence asks.
const swemwbsNotice = "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008"

// reporter builds the documents of one input: the project, its evaluation
// and the printer of the language.
type reporter struct {
	in Input
	p  *impact.Project
	ev *impact.Evaluation
	pr *printer
}

// newDocument returns a document with its title, colophon and notices.
func (r *reporter) newDocument(name string) *document {
	pr := r.pr
	version := r.in.Version
	if version == "" {
		version = r.ev.Version
	}
	generated := r.in.GeneratedAt
	if generated.IsZero() {
		generated = r.ev.GeneratedAt
	}
	hash := r.ev.DataHash
	if hash == "" {
		hash = pr.T("none")
	}
	d := &document{
		Name:     name,
		Lang:     pr.lang,
		Title:    pr.T(docTitleKey(name)),
		Subtitle: r.projectName(),
		// The colophon at the end, not a line on every page (memo.md).
		Footer: []string{
			pr.T("colophon", version, pr.Date(r.ev.AsOf), checksum(hash)),
			pr.T("footer.hash", hash),
			pr.T("footer.generated", pr.Time(generated)),
		},
	}
	if r.usesSWEMWBS() {
		// The licence is stated; that it was granted only when the
		// project says so (instruments[].licence_granted).
		key := "notice.swemwbs"
		if r.swemwbsLicensed() {
			key = "notice.swemwbs.granted"
		}
		d.Notices = append(d.Notices, pr.T(key, swemwbsNotice))
	}
	return d
}

// shortHash returns the first twelve characters of a hash, enough to tell
// two data sets apart in a page footer.
func shortHash(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// projectName returns the project's name, or its id.
func (r *reporter) projectName() string {
	if r.p.Info.Name != "" {
		return r.p.Info.Name
	}
	if r.ev.Name != "" {
		return r.ev.Name
	}
	return r.p.Info.ID
}

// usesSWEMWBS reports whether any indicator with a result is measured with
// the built-in SWEMWBS instrument.
func (r *reporter) usesSWEMWBS() bool {
	for _, ind := range r.p.Indicators {
		if r.isSWEMWBS(ind.ID) {
			return true
		}
	}
	return false
}

// isSWEMWBS reports whether an indicator is measured with SWEMWBS.
func (r *reporter) isSWEMWBS(id string) bool {
	ind, ok := r.p.Indicator(id)
	if !ok || ind.Measure == nil || ind.Measure.Instrument == "" {
		return false
	}
	inst, ok := r.p.Instrument(ind.Measure.Instrument)
	return ok && inst.Builtin == "swemwbs"
}

// partnerName names a partner by its id.
func (r *reporter) partnerName(id string) string {
	if pt, ok := r.p.Partner(id); ok && pt.Name != "" {
		return pt.Name
	}
	return id
}

// nodeName names a theory-of-change node by its id.
func (r *reporter) nodeName(id string) string {
	if n, ok := r.p.Node(id); ok && n.Name != "" {
		return n.Name
	}
	return id
}

// targetGroupName names a target group by its id.
func (r *reporter) targetGroupName(id string) string {
	for _, tg := range r.p.TargetGroups {
		if tg.ID == id && tg.Name != "" {
			return tg.Name
		}
	}
	return id
}

// role names a partner's role in words.
func (r *reporter) role(role string) string {
	if key := "role." + role; r.pr.Has(key) {
		return r.pr.T(key)
	}
	return role
}

// results returns the results in the project's order of indicators, with
// the indicator of each (nil for a result the project does not name).
func (r *reporter) results() []*impact.Result {
	out := make([]*impact.Result, 0, len(r.ev.Indicators))
	for i := range r.ev.Indicators {
		out = append(out, &r.ev.Indicators[i])
	}
	return out
}

// indicator returns the project's indicator of a result, or an empty one.
func (r *reporter) indicator(id string) *impact.Indicator {
	if ind, ok := r.p.Indicator(id); ok {
		return ind
	}
	return &impact.Indicator{ID: id}
}

// name returns a result's name, or its id.
func (r *reporter) name(res *impact.Result) string {
	if res.Name != "" {
		return res.Name
	}
	return res.ID
}

// deadline formats a result's deadline, saying when it has not passed.
func (r *reporter) deadline(res *impact.Result) string {
	if res.Deadline == nil {
		return r.pr.T("none")
	}
	if res.Due {
		return r.pr.Date(*res.Deadline)
	}
	return r.pr.T("board.not_due", r.pr.Date(*res.Deadline))
}

// target formats a result's target with its direction: "at least 40 %".
func (r *reporter) target(res *impact.Result) string {
	if res.Target == nil {
		return r.pr.T("none")
	}
	return r.pr.T("target."+direction(res), r.pr.Value(res, *res.Target))
}

// direction returns the direction of a goal, increase unless it says decrease.
func direction(res *impact.Result) string {
	if res.Direction == impact.Decrease {
		return impact.Decrease
	}
	return impact.Increase
}

// interval formats a result's interval, empty for census figures and for
// figures hidden under min_cell.
func (r *reporter) interval(res *impact.Result) string {
	if r.pr.maskedPeople(r.p, res) || res.CILow == nil || res.CIHigh == nil {
		return r.pr.T("none")
	}
	return r.pr.Interval(res, res.CILow, res.CIHigh)
}

// goalBoard is the table of every goal: name, status as symbol and word,
// result, interval, target, n and deadline. Its cells name their field so
// that a test can hold every figure against the evaluation.
func (r *reporter) goalBoard(id string) table {
	pr := r.pr
	t := table{
		ID:    id,
		Head:  []string{pr.T("board.goal"), pr.T("board.status"), pr.T("board.result"), pr.T("board.interval", pr.Conf()), pr.T("board.target"), pr.T("board.n"), pr.T("board.deadline")},
		Align: "llrrrrl",
	}
	for _, res := range r.results() {
		t.Rows = append(t.Rows, row{Key: res.ID, Cells: []cell{
			{Text: r.name(res), Field: "name"},
			{Text: pr.Status(res.Status), Field: "status"},
			{Text: pr.Estimate(r.p, res), Field: "estimate"},
			{Text: r.interval(res), Field: "interval"},
			{Text: r.target(res), Field: "target"},
			{Text: pr.N(res), Field: "n"},
			{Text: r.deadline(res), Field: "deadline"},
		}})
	}
	return t
}

// statusSummary is the paragraph that sums up the goal board: how many
// goals have each status, then the goals that were not reached by name.
func (r *reporter) statusSummary() []block {
	pr := r.pr
	counts := map[impact.Status]int{}
	for _, res := range r.ev.Indicators {
		counts[res.Status]++
	}
	var parts []string
	for _, s := range impact.Statuses {
		if n := counts[s]; n > 0 {
			parts = append(parts, pr.Plural("summary.status."+string(s), n, pr.Int(n)))
		}
	}
	blocks := []block{para{Text: pr.Plural("summary.goals", len(r.ev.Indicators), pr.Int(len(r.ev.Indicators)), joinWords(pr, parts))}}
	for _, group := range []struct {
		key      string
		statuses []impact.Status
	}{
		{"summary.reached", []impact.Status{impact.StatusMet, impact.StatusLikelyMet}},
		{"summary.not_reached", []impact.Status{impact.StatusNotMet, impact.StatusLikelyNotMet}},
		{"summary.unknown", []impact.Status{impact.StatusInsufficientData, impact.StatusNoData}},
	} {
		var names []string
		for _, res := range r.results() {
			for _, s := range group.statuses {
				if res.Status == s {
					names = append(names, r.name(res))
				}
			}
		}
		if len(names) > 0 {
			blocks = append(blocks, para{Text: pr.T(group.key, strings.Join(names, "; "))})
		}
	}
	return blocks
}

// joinWords joins items as a sentence of the printer's language does:
// "a, b and c".
func joinWords(pr *printer, items []string) string { return i18n.List(pr.lang, items) }

// proportionKey is the key of a share's sentence, and the name of the
// target group the sentence names, when the result is about one: the
// sentence has a whole form that names the group ("… of the 60 people
// measured in the target group Unga vuxna reached this"), so that each
// language words it, rather than a clause passed in as an argument.
func (r *reporter) proportionKey(key string, res *impact.Result) (string, string) {
	if res.TargetGroup != "" {
		return key + "_group", r.targetGroupName(res.TargetGroup)
	}
	return key, ""
}

// sentence formats the first sentence of a result as one message: closed by
// its goal when it has a target ("…; the goal was at least 40 %."), by a
// full stop when not. Each key has a form for either direction of the goal,
// so that every language words the whole sentence.
func (r *reporter) sentence(res *impact.Result, key string, args ...any) string {
	key, args = r.withGoal(res, key, args)
	return r.pr.T(key, args...)
}

// countedSentence is sentence for a key in the plural form of the number
// of people or answers the result rests on: Latvian declines the noun by
// the number ("Tam 21 cilvēkam", "Tiem 90 cilvēkiem").
func (r *reporter) countedSentence(res *impact.Result, key string, args ...any) string {
	key, args = r.withGoal(res, key, args)
	n := 0
	if res.N != nil {
		n = *res.N
	}
	return r.pr.Plural(key, n, args...)
}

// withGoal returns the key and arguments of a result's sentence with its
// goal, when it has a target.
func (r *reporter) withGoal(res *impact.Result, key string, args []any) (string, []any) {
	if res.Target == nil {
		return key, args
	}
	return key + ".goal_" + direction(res), append(args, r.pr.Value(res, *res.Target))
}

// resultSentences are the plain-language sentences of one result, with its
// n and its interval: what was measured, how sure we are, against which goal.
func (r *reporter) resultSentences(res *impact.Result) []string {
	pr := r.pr
	switch {
	case res.Status == impact.StatusNoData || (res.Estimate == nil && !pr.maskedPeople(r.p, res)):
		return []string{r.sentence(res, "sentence.no_data")}
	case pr.maskedPeople(r.p, res):
		if res.Status == impact.StatusInsufficientData {
			return []string{r.sentence(res, "sentence.too_few", pr.Fewer(), pr.Int(r.minN()))}
		}
		return []string{r.sentence(res, "sentence.masked", pr.Fewer())}
	case res.Status == impact.StatusInsufficientData:
		return []string{r.sentence(res, "sentence.insufficient", r.people(res.N), pr.Int(r.minN()))}
	}
	est := pr.Value(res, *res.Estimate)
	var out []string
	hasCI := res.CILow != nil && res.CIHigh != nil
	switch res.Kind {
	case impact.KindProportion:
		successes := pr.T("none")
		if res.Successes != nil {
			successes = pr.Int(*res.Successes)
		}
		if hasCI {
			key, group := r.proportionKey("sentence.proportion", res)
			out = append(out, r.countedSentence(res, key, pr.Value(res, *res.CILow), pr.Value(res, *res.CIHigh), pr.N(res), group, pr.Conf(), r.people(res.Successes), est))
		} else {
			key, group := r.proportionKey("sentence.proportion_point", res)
			out = append(out, r.countedSentence(res, key, successes, pr.N(res), group, est))
		}
	case impact.KindMean:
		if hasCI {
			out = append(out, r.countedSentence(res, "sentence.mean", est, pr.N(res), pr.Conf(), pr.Value(res, *res.CILow), pr.Value(res, *res.CIHigh)))
		} else {
			out = append(out, r.countedSentence(res, "sentence.mean_point", est, pr.N(res)))
		}
	case impact.KindPairedChange:
		way := "rose"
		if *res.Estimate < 0 {
			way = "fell"
		}
		size := pr.Num(abs(*res.Estimate), decimals(res))
		if hasCI {
			out = append(out, r.countedSentence(res, "sentence.paired."+way, pr.N(res), size, pr.Conf(), pr.Value(res, *res.CILow), pr.Value(res, *res.CIHigh)))
		} else {
			out = append(out, r.countedSentence(res, "sentence.paired_point."+way, pr.N(res), size))
		}
		if res.NPre != nil && res.NPost != nil && res.Attrition != nil {
			out = append(out, pr.T("sentence.attrition", pr.Count(res.NPre), pr.Count(res.NPost), pr.Percent(*res.Attrition, 0)))
		}
		out = append(out, r.attritionWords(res)...)
	case impact.KindCount:
		unit := r.countUnit(res)
		out = append(out, r.sentence(res, "sentence.count", est, unit))
	case impact.KindCostPer:
		out = append(out, r.sentence(res, "sentence.cost_per", est))
	case impact.KindKPI:
		out = append(out, r.kpiResultSentence(res))
	default:
		out = append(out, r.sentence(res, "sentence.ratio", est))
	}
	if f := res.Forecast; f != nil {
		track := "sentence.forecast.off_track"
		if f.OnTrack {
			track = "sentence.forecast.on_track"
		}
		out = append(out, pr.T("sentence.forecast", pr.Date(f.At), pr.Value(res, f.Value), pr.Value(res, f.PILow), pr.Value(res, f.PIHigh), pr.Conf()), pr.T(track))
	}
	return out
}

// people writes a number of people with its noun in the plural form of the
// number ("1 person", "12 people"; Latvian 21 cilvēks, 12 cilvēku), under
// min_cell as "fewer than 5", and a dash when there is none.
func (r *reporter) people(n *int) string {
	if n == nil {
		return r.pr.T("none")
	}
	// "fewer than 5" counts as 5.
	form := *n
	if form > 0 && form < r.pr.minCell {
		form = r.pr.minCell
	}
	return r.pr.Plural("people.count", form, r.pr.Count(n))
}

// countUnit names what a count counts: people, employers, events or rows.
func (r *reporter) countUnit(res *impact.Result) string {
	ind := r.indicator(res.ID)
	distinct := ""
	if ind.Measure != nil {
		distinct = ind.Measure.Distinct
	}
	if distinct == "" {
		distinct = "rows"
	}
	if key := "unit." + distinct; r.pr.Has(key + ".other") {
		return r.pr.Plural(key, int(math.Round(*res.Estimate)))
	}
	return distinct
}

// minN returns the project's min_n.
func (r *reporter) minN() int {
	if r.p.Info.MinN > 0 {
		return r.p.Info.MinN
	}
	return impact.DefaultMinN
}

// abs returns the absolute value of x.
func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// methodSentence says in one plain sentence how a result was measured.
func (r *reporter) methodSentence(res *impact.Result) string {
	key := "method." + res.Kind
	if !r.pr.Has(key) {
		key = "method.other"
	}
	return r.pr.T(key, r.pr.Conf())
}

// disaggregationTable is a result's groups: n, estimate and interval, or
// "fewer than 5" for a suppressed group.
func (r *reporter) disaggregationTable(res *impact.Result) (table, bool) {
	pr := r.pr
	if len(res.Disaggregation) == 0 {
		return table{}, false
	}
	t := table{
		Caption: pr.T("groups.caption", r.name(res)),
		Head:    []string{pr.T("groups.group"), pr.T("board.n"), pr.T("board.result"), pr.T("board.interval", pr.Conf())},
		Align:   "lrrr",
	}
	for _, g := range res.Disaggregation {
		label := groupLabel(pr, r.p, g)
		if g.Suppressed || g.N == nil || (*g.N > 0 && *g.N < pr.minCell) {
			n := pr.Fewer()
			if g.Withheld {
				n = pr.T("withheld")
				t.Caption = pr.T("groups.caption.with_note", r.name(res)) + " " + pr.T("withheld.note", pr.Int(pr.minCell))
			}
			t.Rows = append(t.Rows, row{Key: res.ID + "/" + g.Dimension + "/" + g.Group, Class: "suppressed", Cells: []cell{
				{Text: label, Field: "group"}, {Text: n, Field: "n"}, {Text: pr.T("none"), Field: "estimate"}, {Text: pr.T("none"), Field: "interval"},
			}})
			continue
		}
		t.Rows = append(t.Rows, row{Key: res.ID + "/" + g.Dimension + "/" + g.Group, Cells: []cell{
			{Text: label, Field: "group"},
			{Text: pr.Count(g.N), Field: "n"},
			{Text: pr.ValuePtr(res, g.Estimate), Field: "estimate"},
			{Text: pr.Interval(res, g.CILow, g.CIHigh), Field: "interval"},
		}})
	}
	return t, true
}

// indicatorFigure is the plot of one indicator.
func (r *reporter) indicatorFigure(res *impact.Result) figure {
	pr := r.pr
	return figure{
		Name:    "indicator-" + fileName(res.ID),
		Caption: pr.T("figure.indicator", r.name(res)),
		Alt:     strings.Join(r.resultSentences(res), " "),
		Render: func(format string) ([]byte, error) {
			return indicatorPlot(r.p, r.ev, res.ID, pr.lang, format, false)
		},
	}
}

// pairedFigure is the plot of a paired change's pairs, when it has pairs
// that may be shown: each person's score before and after, and the
// distribution of the changes.
func (r *reporter) pairedFigure(res *impact.Result) (figure, bool) {
	pr := r.pr
	if len(shownPairs(pr, r.p, res)) == 0 {
		return figure{}, false
	}
	alt := pr.T("figure.pairs_alt", pr.ValuePtr(res, res.Estimate))
	if res.Target != nil {
		alt += " " + pr.T("figure.pairs_alt_target", pr.Value(res, *res.Target))
	}
	return figure{
		Name:    "pairs-" + fileName(res.ID),
		Caption: pr.T("figure.pairs", r.name(res)),
		Alt:     alt,
		Render: func(format string) ([]byte, error) {
			return pairedPlot(r.p, r.ev, res.ID, pr.lang, format)
		},
	}, true
}

// fileName keeps the characters of an id that are safe in a file name.
func fileName(id string) string {
	return strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_':
			return c
		}
		return '-'
	}, id)
}

// findingsFor returns the lint findings about a subject (an indicator or a
// node id).
func (r *reporter) findingsFor(subject string) []string {
	var out []string
	for _, f := range r.ev.Findings {
		if f.Subject == subject {
			out = append(out, r.findingText(f))
		}
	}
	return out
}

// findingText formats a lint finding on one line.
func (r *reporter) findingText(f impact.Finding) string {
	return fmt.Sprintf("%s (%s): %s", f.Rule, r.pr.T("severity."+f.Severity), f.Message)
}

// kpiLatest returns the latest year with a figure of a series.
func kpiLatest(s *impact.KPISeries) (impact.KPIPoint, bool) {
	if s == nil {
		return impact.KPIPoint{}, false
	}
	for i := len(s.Points) - 1; i >= 0; i-- {
		if s.Points[i].Value != nil {
			return s.Points[i], true
		}
	}
	return impact.KPIPoint{}, false
}

// kpiSentences say what Kolada shows for each key figure, by its title
// and in its unit: the municipality's latest figure and, where the national
// series is loaded, the country's for the same year.
func (r *reporter) kpiSentences() []string {
	pr := r.pr
	var out []string
	for _, panel := range kpiPanels(r.p, r.ev) {
		ours, ok := kpiLatest(panel.municipality)
		if !ok {
			continue
		}
		title, _ := kpiInfo(r.p, r.ev, panel.kpi)
		name := pr.T("kpi.untitled", panel.kpi)
		if title != "" {
			name = pr.T("kpi.titled", inSentence(title), panel.kpi)
		}
		sentence := pr.T("kpi.latest", name, municipalityName(pr, r.p, r.ev), r.kpiValue(panel.kpi, *ours.Value), fmt.Sprint(ours.Period))
		if panel.country != nil {
			for _, pt := range panel.country.Points {
				if pt.Period == ours.Period && pt.Value != nil {
					sentence += " " + pr.T("kpi.country_same_year", r.kpiValue(panel.kpi, *pt.Value))
				}
			}
		}
		var group []string
		for _, s := range panel.compare {
			for _, pt := range s.Points {
				if pt.Period == ours.Period && pt.Value != nil {
					group = append(group, pr.T("kpi.compare_one", s.Municipality, r.kpiValue(panel.kpi, *pt.Value)))
				}
			}
		}
		if len(group) > 0 {
			sentence += " " + pr.T("kpi.compare_same_year", joinWords(pr, group))
		}
		if panel.indicator != nil {
			sentence += " " + pr.T("kpi.linked", r.name(panel.indicator))
		}
		out = append(out, sentence)
	}
	return out
}

// kpiValue formats a key figure's value in its unit: a percent sign for
// Kolada's percentages, the unit's own word otherwise.
func (r *reporter) kpiValue(id string, x float64) string {
	pr := r.pr
	_, unit := kpiInfo(r.p, r.ev, id)
	switch strings.ToLower(strings.TrimSpace(unit)) {
	case "":
		return pr.Num(x, 1)
	case "%", "procent", "percent", "andel", "andel (%)":
		return pr.Points(x, 1)
	}
	return pr.Num(x, 1) + "\u00a0" + unit
}

// kpiFigure is the Kolada plot, when there are figures; its caption says
// "compared with the country" only where the national series is loaded.
func (r *reporter) kpiFigure() (figure, bool) {
	panels := kpiPanels(r.p, r.ev)
	if len(panels) == 0 {
		return figure{}, false
	}
	pr := r.pr
	caption := pr.T("figure.kolada_alone", municipalityName(pr, r.p, r.ev))
	if hasCountry(panels) {
		caption = pr.T("figure.kolada", municipalityName(pr, r.p, r.ev))
	}
	return figure{
		Name:    "kolada",
		Caption: caption,
		Alt:     strings.Join(r.kpiSentences(), " "),
		Render: func(format string) ([]byte, error) {
			return KPIPlot(r.p, r.ev, pr.lang, format)
		},
	}, true
}

// costFacts are the headline costs: total (saying when it is the budget),
// budget, actual, per participant and per outcome of each valued indicator.
func (r *reporter) costFacts() facts {
	pr := r.pr
	c := r.ev.Costs
	f := facts{}
	if c == nil {
		return f
	}
	total := pr.Money(c.Total)
	if c.Basis == "budget" {
		total = pr.T("cost.total_budget", total)
	}
	// No budget loaded is said, not printed as 0 kr (memo.md).
	budget, actual := pr.T("cost.no_budget"), pr.T("cost.no_actual")
	if r.hasCostKind("budget") {
		budget = pr.Money(c.Budget)
	}
	if r.hasCostKind("actual") {
		actual = pr.Money(c.Actual)
	}
	f.Items = append(f.Items,
		fact{pr.T("cost.total"), total},
		fact{pr.T("cost.budget"), budget},
		fact{pr.T("cost.actual"), actual},
	)
	if c.Participants != nil {
		f.Items = append(f.Items, fact{pr.T("cost.participants"), pr.Count(c.Participants)})
	}
	if c.PerParticipant != nil && c.Participants != nil && *c.Participants >= pr.minCell {
		f.Items = append(f.Items, fact{pr.T("cost.per_participant"), pr.Money(*c.PerParticipant)})
	}
	for _, id := range r.valuedIndicators() {
		if v := c.PerOutcome[id]; v != nil {
			name := id
			if res, ok := r.ev.Result(id); ok {
				name = r.name(res)
			}
			f.Items = append(f.Items, fact{pr.T("cost.per_outcome", name), pr.Money(*v)})
		}
	}
	return f
}

// valuedIndicators lists the indicators with a value proxy, in the value
// model's order, then any other the cost summary has a per-outcome cost of.
func (r *reporter) valuedIndicators() []string {
	var ids []string
	if r.p.Value != nil {
		for _, px := range r.p.Value.Proxies {
			ids = append(ids, px.Indicator)
		}
	}
	return ids
}

// sroiSentences say what the social return is, in plain words: the range,
// the middle figure, the chance it exceeds the cost and the break-even.
func (r *reporter) sroiSentences() []string {
	pr := r.pr
	v := r.ev.Value
	if v == nil || v.SROIMid == nil {
		return []string{pr.T("sroi.none")}
	}
	var out []string
	if v.SROIP05 != nil && v.SROIP95 != nil {
		out = append(out, pr.T("sroi.sentence", pr.Num(*v.SROIP05, 1), pr.Num(*v.SROIP95, 1), pr.Money(1), pr.Num(*v.SROIMid, 1)))
	} else {
		out = append(out, pr.T("sroi.sentence_mid", pr.Num(*v.SROIMid, 1), pr.Money(1)))
	}
	if v.ProbSROIAbove1 != nil {
		out = append(out, pr.T("sroi.prob", pr.Percent(*v.ProbSROIAbove1, 0)))
	}
	if v.BreakEvenOutcomes != nil {
		sentence := pr.T("sroi.break_even", pr.Plain(*v.BreakEvenOutcomes, 1))
		for _, id := range r.valuedIndicators() {
			if res, ok := r.ev.Result(id); ok && res.Successes != nil {
				sentence = pr.T("sroi.break_even_achieved", pr.Plain(*v.BreakEvenOutcomes, 1), pr.Count(res.Successes))
				break
			}
		}
		out = append(out, sentence)
	}
	return out
}

// sroiFigures are the SROI plot and its tornado chart, when there is a
// value model.
func (r *reporter) sroiFigures() []block {
	pr := r.pr
	v := r.ev.Value
	if v == nil || v.SROIMid == nil {
		return nil
	}
	blocks := []block{figure{
		Name:    "sroi",
		Caption: pr.T("figure.sroi"),
		Alt:     strings.Join(r.sroiSentences(), " "),
		Render:  func(format string) ([]byte, error) { return SROIPlot(r.ev, pr.lang, format) },
	}}
	if len(v.Sensitivity) > 0 {
		blocks = append(blocks, figure{
			Name:    "tornado",
			Caption: pr.T("figure.tornado"),
			Alt:     pr.T("figure.tornado_alt"),
			Render:  func(format string) ([]byte, error) { return TornadoPlot(r.ev, pr.lang, format) },
		})
	}
	return blocks
}

// costTable is every cost line: activity, partner, category, budget and
// actual, then the totals of the cost summary.
func (r *reporter) costTable() (table, bool) {
	pr := r.pr
	c := r.ev.Costs
	if c == nil || len(c.Lines) == 0 {
		return table{}, false
	}
	t := table{
		ID:    "costs",
		Head:  []string{pr.T("cost.activity"), pr.T("cost.partner"), pr.T("cost.category"), pr.T("cost.budget"), pr.T("cost.actual")},
		Align: "lllrr",
	}
	for _, line := range c.Lines {
		category := line.Category
		if key := "category." + line.Category; pr.Has(key) {
			category = pr.T(key)
		}
		activity := pr.T("cost.no_activity")
		if line.Activity != "" {
			activity = r.nodeName(line.Activity)
		}
		t.Rows = append(t.Rows, row{Cells: cells(activity, r.partnerName(line.Partner), category, pr.Money(line.Budget), pr.Money(line.Actual))})
	}
	t.Rows = append(t.Rows, row{Class: "total", Cells: cells(pr.T("cost.sum"), "", "", pr.Money(c.Budget), pr.Money(c.Actual))})
	return t, true
}

// costFigure is the plot of budget against actual.
func (r *reporter) costFigure() figure {
	pr := r.pr
	return figure{
		Name:    "costs",
		Caption: pr.T("figure.costs"),
		Alt:     pr.T("figure.costs_alt", pr.Money(r.ev.Costs.Budget), pr.Money(r.ev.Costs.Actual)),
		Render:  func(format string) ([]byte, error) { return ProjectCostPlot(r.p, r.ev, pr.lang, format) },
	}
}

// tocFigure is the theory-of-change graph with a text alternative that
// names every node and its statuses.
func (r *reporter) tocFigure() figure {
	pr := r.pr
	var alt []string
	for _, n := range r.p.TheoryOfChange.Nodes {
		var statuses []string
		for _, ind := range r.p.Indicators {
			if ind.Node == n.ID {
				if res, ok := r.ev.Result(ind.ID); ok {
					statuses = append(statuses, pr.T("status."+string(res.Status)))
				}
			}
		}
		text := pr.T("level."+n.Level+".named", n.Name)
		if len(statuses) > 0 {
			text = pr.T("figure.toc_node", text, strings.Join(statuses, ", "))
		}
		alt = append(alt, text)
	}
	return figure{
		Name:    "theory-of-change",
		Caption: pr.T("figure.toc"),
		Alt:     strings.Join(alt, "; "),
		Render: func(format string) ([]byte, error) {
			return theoryOfChange(r.p, r.ev, pr.lang, format)
		},
	}
}

// eventName names an event by its name, or its id.
func (r *reporter) eventName(id string) string {
	if r.ev.Participation != nil {
		for _, e := range r.ev.Participation.Events {
			if e.ID == id && e.Name != "" {
				return e.Name
			}
		}
	}
	for _, s := range r.p.Sources {
		if s.Event != nil && s.Event.ID == id && s.Event.Name != "" {
			return s.Event.Name
		}
	}
	if id == "" {
		return r.pr.T("none")
	}
	return id
}

// checksum is the short form of the data hash the colophon names.
func checksum(hash string) string {
	if len(hash) > 8 {
		return hash[:8]
	}
	return hash
}

// swemwbsLicensed reports whether the project says it holds the licence of
// every SWEMWBS instrument it uses.
func (r *reporter) swemwbsLicensed() bool {
	found := false
	for _, in := range r.p.Instruments {
		if in.Builtin == "swemwbs" || strings.EqualFold(in.ID, "swemwbs") {
			if !in.LicenceGranted {
				return false
			}
			found = true
		}
	}
	return found
}

// hasCostKind reports whether any cost of a kind (budget or actual) was
// loaded: a budget of 0 kr and no budget are not the same.
func (r *reporter) hasCostKind(kind string) bool {
	c := r.ev.Costs
	if c == nil {
		return false
	}
	for _, l := range c.Lines {
		if kind == "budget" && l.Budget != 0 || kind == "actual" && l.Actual != 0 {
			return true
		}
	}
	if kind == "budget" {
		return c.Budget != 0
	}
	return c.Actual != 0
}

// kpiResultSentence says where a goal that follows a Kolada key figure
// stands, as one sentence: the figure of its latest year, in the key
// figure's unit, the change since the baseline's year, and the goal.
func (r *reporter) kpiResultSentence(res *impact.Result) string {
	pr := r.pr
	ind := r.indicator(res.ID)
	id := ""
	if ind != nil && ind.Measure != nil {
		id = ind.Measure.KPI
	}
	value := r.kpiValue(id, *res.Estimate)
	year := pr.T("none")
	if res.Period != nil {
		year = fmt.Sprint(*res.Period)
	}
	name := pr.T("kpi.untitled", id)
	if title, _ := kpiInfo(r.p, r.ev, id); title != "" {
		name = pr.T("kpi.titled", inSentence(title), id)
	}
	switch {
	case res.Change == nil:
		return r.sentence(res, "sentence.kpi", name, value, year)
	case res.BaselinePeriod == nil:
		return r.sentence(res, "sentence.kpi_change_baseline", name, value, year, pr.Signed(*res.Change, 1))
	}
	return r.sentence(res, "sentence.kpi_change", name, value, year, pr.Signed(*res.Change, 1), fmt.Sprint(*res.BaselinePeriod))
}

// inSentence lower-cases a title's first letter for use inside a sentence
// ("Enligt Kolada var invånare 20–25 år …"), unless the title starts with
// an abbreviation (two capitals).
func inSentence(title string) string {
	runes := []rune(title)
	if len(runes) < 2 || !unicode.IsUpper(runes[0]) || unicode.IsUpper(runes[1]) {
		return title
	}
	runes[0] = unicode.ToLower(runes[0])
	return string(runes)
}
