package impact

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// validator checks a decoded project for what the project-file spec
// requires, applies the defaults, and collects problems and warnings.
type validator struct {
	p        *Project
	file     string
	problems []Problem
	warnings []Problem
}

func (v *validator) errorf(pos Pos, key, format string, args ...any) {
	s := say(Clip(key), format, clipArgs(format, args)...)
	v.problems = append(v.problems, Problem{File: v.file, Pos: pos, Key: key, Message: s.String(), said: s})
}

func (v *validator) warnf(pos Pos, key, format string, args ...any) {
	s := say(Clip(key), format, clipArgs(format, args)...)
	v.warnings = append(v.warnings, Problem{File: v.file, Pos: pos, Key: key, Message: s.String(), said: s})
}

// at returns the position of key in keys, or of the mapping when the key
// is absent.
func at(keys map[string]Pos, pos Pos, key string) Pos {
	if p, ok := keys[key]; ok {
		return p
	}
	return pos
}

var idPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

func (v *validator) run() {
	p := v.p
	if _, ok := p.Keys["version"]; !ok {
		v.errorf(Pos{1, 1}, "version", "missing; put version: 1 at the top of the file")
	} else if p.Version != 1 {
		v.errorf(p.Keys["version"], "version", "%d is not a version this impact reads; write version: 1", p.Version)
	}
	v.info()
	v.targetGroups()
	v.theoryOfChange()
	v.instruments()
	v.indicators()
	v.costs()
	v.value()
	v.memo()
	v.sources()
	v.validateExports()
	v.kpis()
}

func (v *validator) info() {
	in := &v.p.Info
	if _, ok := v.p.Keys["project"]; !ok {
		v.errorf(Pos{1, 1}, "project", "missing; add a project: section with at least id:")
		return
	}
	switch {
	case in.ID == "":
		v.errorf(at(in.Keys, in.Pos, "id"), "project.id", "missing; give the project an id of lower-case letters, digits and -, such as boden-2025")
	case !idPattern.MatchString(in.ID):
		v.errorf(at(in.Keys, in.Pos, "id"), "project.id", "%q may hold only lower-case letters a-z, digits and -; for example %q", in.ID, SuggestID(in.ID))
	}
	if _, ok := in.Keys["confidence"]; !ok {
		in.Confidence = DefaultConfidence
	} else if in.Confidence <= 0.5 || in.Confidence >= 1 {
		v.errorf(in.Keys["confidence"], "project.confidence", "%g is not a confidence level; use a share between 0.5 and 1, such as 0.95", in.Confidence)
	}
	if _, ok := in.Keys["min_cell"]; !ok {
		in.MinCell = DefaultMinCell
	} else if in.MinCell < 1 {
		v.errorf(in.Keys["min_cell"], "project.min_cell", "%d is too small; groups smaller than min_cell are hidden, so use at least 1 (5 is usual)", in.MinCell)
	}
	if _, ok := in.Keys["min_n"]; !ok {
		in.MinN = DefaultMinN
	} else if in.MinN < 2 {
		v.errorf(in.Keys["min_n"], "project.min_n", "%d is too small; no interval can be drawn from fewer than 2 answers, so use at least 2 (5 is usual)", in.MinN)
	}
	if in.Language == "" {
		in.Language = DefaultLanguage
	} else if !slices.Contains(Languages, in.Language) {
		v.errorf(in.Keys["language"], "project.language", "%q is not a language impact speaks; use one of %s", in.Language, strings.Join(Languages, ", "))
	}
	if in.Currency == "" {
		in.Currency = DefaultCurrency
	}
	if pe := in.Period; !pe.Start.IsZero() && !pe.End.IsZero() && pe.End.Before(pe.Start) {
		v.errorf(at(pe.Keys, pe.Pos, "end"), "project.period.end", "%s is before the start %s; swap them", pe.End, pe.Start)
	}
	seen := map[string]bool{}
	for i, pa := range in.Partners {
		key := fmt.Sprintf("project.partners[%d]", i)
		v.checkID(pa.ID, pa.Keys, pa.Pos, key, "partner", seen)
		if pa.Role != "" && !slices.Contains(PartnerRoles, pa.Role) {
			v.errorf(at(pa.Keys, pa.Pos, "role"), key+".role", "%q is not a known role%s; use one of %s", pa.Role, didYouMean(pa.Role, PartnerRoles), strings.Join(PartnerRoles, ", "))
		}
	}
}

// SuggestID turns a name into a usable project id: lower case a-z, digits
// and -, with å, ä and ö written as a and o. impact init names a new
// project by its folder with it, and the loader suggests it for a bad id.
func SuggestID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == 'å', r == 'ä':
			b.WriteRune('a')
		case r == 'ö':
			b.WriteRune('o')
		default:
			b.WriteRune('-')
		}
	}
	if id := strings.Trim(b.String(), "-"); id != "" {
		return id
	}
	return "project"
}

func didYouMean(s string, candidates []string) any {
	if n := Nearest(s, candidates); n != "" {
		return say("", " (did you mean %q?)", n)
	}
	return ""
}

// checkID checks that an entry has an id, that the id is usable in
// references and that no other entry of its kind has it.
func (v *validator) checkID(id string, keys map[string]Pos, pos Pos, key, what string, seen map[string]bool) {
	switch {
	case id == "":
		v.errorf(pos, key, "this %s has no id; add id: with a short name to refer to it by", word(what))
	case !ValidID(id):
		v.errorf(at(keys, pos, "id"), key+".id", "%q may hold only letters, digits, _ and -, at most %d characters", id, MaxIDLength)
	case seen[id]:
		v.errorf(at(keys, pos, "id"), key+".id", "another %s already has the id %q; give each a different id", word(what), id)
	}
	seen[id] = true
}

// columnOf names a column of the data kind as the thing an id names.
func columnOf(kind string) *saying { return say("", "%s column", kind) }

// thing is what an id names, for a message: a word, or a phrase such as
// columnOf's.
func thing(what any) any {
	if s, ok := what.(string); ok {
		return word(s)
	}
	return what
}

// ref checks that id names one of the known ids; what is the kind of thing
// it names, a word or a phrase.
func (v *validator) ref(id string, known []string, pos Pos, key string, what any) bool {
	if id == "" || slices.Contains(known, id) {
		return true
	}
	if len(known) == 0 {
		v.errorf(pos, key, "%q names a %s, but the project has none; add it or remove %s", id, thing(what), key)
		return false
	}
	v.errorf(pos, key, "no %s is called %q%s; known: %s", thing(what), id, didYouMean(id, known), strings.Join(known, ", "))
	return false
}

func (v *validator) oneOf(value string, allowed []string, pos Pos, key, what string) bool {
	if value == "" || slices.Contains(allowed, value) {
		return true
	}
	v.errorf(pos, key, "%q is not a known %s%s; use one of %s", value, word(what), didYouMean(value, allowed), strings.Join(allowed, ", "))
	return false
}

func (v *validator) partnerIDs() []string {
	var ids []string
	for _, pa := range v.p.Info.Partners {
		ids = append(ids, pa.ID)
	}
	return ids
}

func (v *validator) nodeIDs() []string {
	var ids []string
	for _, n := range v.p.TheoryOfChange.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func (v *validator) targetGroups() {
	seen := map[string]bool{}
	for i, tg := range v.p.TargetGroups {
		v.checkID(tg.ID, tg.Keys, tg.Pos, fmt.Sprintf("target_groups[%d]", i), "target group", seen)
	}
}

func (v *validator) theoryOfChange() {
	toc := &v.p.TheoryOfChange
	seen := map[string]bool{}
	nodes, partners := v.nodeIDs(), v.partnerIDs()
	for i, n := range toc.Nodes {
		key := fmt.Sprintf("theory_of_change.nodes[%d]", i)
		v.checkID(n.ID, n.Keys, n.Pos, key, "node", seen)
		if n.Level == "" {
			v.errorf(n.Pos, key+".level", "node %q has no level; use one of %s", n.ID, strings.Join(Levels, ", "))
		} else {
			v.oneOf(n.Level, Levels, at(n.Keys, n.Pos, "level"), key+".level", "level")
		}
		v.oneOf(n.Horizon, Horizons, at(n.Keys, n.Pos, "horizon"), key+".horizon", "horizon")
		v.ref(n.Responsible, partners, at(n.Keys, n.Pos, "responsible"), key+".responsible", "partner")
		for _, from := range n.From {
			if !v.ref(from, nodes, at(n.Keys, n.Pos, "from"), key+".from", "node") {
				continue
			}
			src, _ := v.p.Node(from)
			if r, s := LevelRank(n.Level), LevelRank(src.Level); r >= 0 && s > r {
				v.errorf(at(n.Keys, n.Pos, "from"), key+".from",
					"the edge from %s %q down to %s %q goes against the theory of change, which runs activity → output → outcome → impact; turn it around or change a level",
					src.Level, from, n.Level, n.ID)
			}
			if from == n.ID {
				v.errorf(at(n.Keys, n.Pos, "from"), key+".from", "node %q leads to itself; remove %q from its from: list", n.ID, from)
			}
		}
	}
	if len(v.problems) == 0 {
		if cycle := findCycle(toc.Nodes); cycle != nil {
			n, _ := v.p.Node(cycle[0])
			v.errorf(at(n.Keys, n.Pos, "from"), "theory_of_change.nodes", "the nodes form a circle (%s); a theory of change must lead from activities to impact without returning, so remove one of these edges",
				strings.Join(append(cycle, cycle[0]), " → "))
		}
	}
	seenAs := map[string]bool{}
	for i, a := range toc.Assumptions {
		key := fmt.Sprintf("theory_of_change.assumptions[%d]", i)
		if a.ID != "" {
			v.checkID(a.ID, a.Keys, a.Pos, key, "assumption", seenAs)
		}
		for _, about := range a.About {
			v.ref(about, nodes, at(a.Keys, a.Pos, "about"), key+".about", "node")
		}
	}
}

// findCycle returns the node ids of one cycle in the graph of from-edges,
// in edge order, or nil when there is none.
func findCycle(nodes []Node) []string {
	from := map[string][]string{}
	for _, n := range nodes {
		from[n.ID] = n.From
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	var path []string
	var visit func(id string) []string
	visit = func(id string) []string {
		state[id] = onPath
		path = append(path, id)
		for _, next := range from[id] {
			switch state[next] {
			case onPath:
				i := slices.Index(path, next)
				cycle := slices.Clone(path[i:])
				slices.Reverse(cycle)
				return cycle
			case unseen:
				if c := visit(next); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[id] = done
		return nil
	}
	for _, n := range nodes {
		if state[n.ID] == unseen {
			if c := visit(n.ID); c != nil {
				return c
			}
		}
	}
	return nil
}

// swemwbsItems are the item ids of the built-in SWEMWBS instrument.
var swemwbsItems = []string{"swemwbs_1", "swemwbs_2", "swemwbs_3", "swemwbs_4", "swemwbs_5", "swemwbs_6", "swemwbs_7"}

// Builtins lists the instruments the engine knows by name.
var Builtins = []string{"swemwbs"}

func (v *validator) instruments() {
	seen := map[string]bool{}
	for i := range v.p.Instruments {
		in := &v.p.Instruments[i]
		key := fmt.Sprintf("instruments[%d]", i)
		v.checkID(in.ID, in.Keys, in.Pos, key, "instrument", seen)
		if in.Builtin != "" {
			if !v.oneOf(in.Builtin, Builtins, at(in.Keys, in.Pos, "builtin"), key+".builtin", "built-in instrument") {
				continue
			}
			for _, k := range []string{"items", "scale", "reverse", "score", "labels"} {
				if pos, ok := in.Keys[k]; ok {
					v.errorf(pos, key+"."+k, "the built-in instrument %s fixes its %s; remove %s: or drop builtin: and describe the instrument yourself", in.Builtin, k, k)
				}
			}
			if in.Name == "" {
				in.Name = "SWEMWBS"
			}
			in.Items = slices.Clone(swemwbsItems)
			in.Scale = Scale{Min: 1, Max: 5}
			in.Score = "swemwbs"
			in.Texts, in.Labels = SwemwbsTexts(), SwemwbsLabels()
			continue
		}
		if len(in.Items) == 0 {
			v.errorf(in.Pos, key+".items", "instrument %q lists no items; add items: [item1, item2, …] with the column names of its questions", in.ID)
		}
		seenItem := map[string]bool{}
		for _, item := range in.Items {
			if seenItem[item] {
				v.errorf(at(in.Keys, in.Pos, "items"), key+".items", "the item %q is listed twice", item)
			}
			seenItem[item] = true
		}
		if _, ok := in.Keys["scale"]; !ok {
			v.errorf(in.Pos, key+".scale", "instrument %q has no scale; add scale: {min: 1, max: 5} with the lowest and highest answer", in.ID)
		} else if in.Scale.Min >= in.Scale.Max {
			v.errorf(in.Keys["scale"], key+".scale", "min %g is not below max %g", in.Scale.Min, in.Scale.Max)
		}
		for _, r := range in.Reverse {
			v.ref(r, in.Items, at(in.Keys, in.Pos, "reverse"), key+".reverse", "item")
		}
		if in.Score == "" {
			in.Score = "sum"
		} else {
			v.oneOf(in.Score, []string{"sum", "mean"}, at(in.Keys, in.Pos, "score"), key+".score", "way to score")
		}
	}
}

func (v *validator) indicators() {
	seen := map[string]bool{}
	var ids []string
	for _, ind := range v.p.Indicators {
		ids = append(ids, ind.ID)
	}
	nodes, partners := v.nodeIDs(), v.partnerIDs()
	var groups []string
	for _, tg := range v.p.TargetGroups {
		groups = append(groups, tg.ID)
	}
	period := v.p.Info.Period
	for i := range v.p.Indicators {
		ind := &v.p.Indicators[i]
		key := fmt.Sprintf("indicators[%d]", i)
		v.checkID(ind.ID, ind.Keys, ind.Pos, key, "indicator", seen)
		if ind.ID != "" {
			key = fmt.Sprintf("indicators[%d] (%s)", i, ind.ID)
		}
		if ind.Name == "" {
			v.errorf(ind.Pos, key+".name", "missing; give the goal a name people will recognise")
		}
		v.ref(ind.Node, nodes, at(ind.Keys, ind.Pos, "node"), key+".node", "node")
		v.ref(ind.TargetGroup, groups, at(ind.Keys, ind.Pos, "target_group"), key+".target_group", "target group")
		v.ref(ind.Responsible, partners, at(ind.Keys, ind.Pos, "responsible"), key+".responsible", "partner")
		if ind.Direction == "" {
			ind.Direction = Increase
		} else {
			v.oneOf(ind.Direction, []string{Increase, Decrease}, at(ind.Keys, ind.Pos, "direction"), key+".direction", "direction")
		}
		v.oneOf(ind.Frequency, Frequencies, at(ind.Keys, ind.Pos, "frequency"), key+".frequency", "frequency")
		for _, dim := range ind.Disaggregate {
			v.oneOf(dim, Dimensions, at(ind.Keys, ind.Pos, "disaggregate"), key+".disaggregate", "dimension")
		}
		if ind.ExpectedN != nil && *ind.ExpectedN < 1 {
			v.errorf(at(ind.Keys, ind.Pos, "expected_n"), key+".expected_n", "%d is not a number of people; give the planned number measured, at least 1", *ind.ExpectedN)
		}
		if ind.Deadline != nil && !period.Contains(*ind.Deadline) {
			v.warnf(at(ind.Keys, ind.Pos, "deadline"), key+".deadline", "%s is outside the project period %s to %s; move it inside or extend the period", ind.Deadline, period.Start, period.End)
		}
		if ind.Measure == nil {
			v.errorf(ind.Pos, key+".measure", "missing; say how the goal is measured, for example measure: {kind: count, source: attendance}")
			continue
		}
		v.measure(ind.Measure, key+".measure", ids, ind.ID)
		v.compare(ind, key, groups)
	}
}

// defaultSource is the table a measure kind reads when none is named.
func defaultSource(m *Measure) string {
	switch {
	case m.Kind == KindPairedChange, m.Kind == KindMean && m.Instrument != "":
		return "responses"
	case m.Kind == KindKPI:
		return "kpi"
	}
	return ""
}

func (v *validator) measure(m *Measure, key string, indicatorIDs []string, self string) {
	pos := func(k string) Pos { return at(m.Keys, m.Pos, k) }
	if m.Kind == "" {
		v.errorf(m.Pos, key+".kind", "missing; use one of %s", strings.Join(MeasureKinds, ", "))
		return
	}
	if !v.oneOf(m.Kind, MeasureKinds, pos("kind"), key+".kind", "kind of measure") {
		return
	}
	if m.Source == "" {
		m.Source = defaultSource(m)
	}
	var kind DataKind
	needsSource := m.Kind != KindRatio && m.Kind != KindCostPer
	if needsSource {
		if m.Source == "" {
			v.errorf(m.Pos, key+".source", "missing; name the data the %s is counted from: %s", m.Kind, strings.Join(KindNames(), ", "))
			return
		}
		var ok bool
		if kind, ok = LookupKind(m.Source); !ok {
			v.ref(m.Source, KindNames(), pos("source"), key+".source", "kind of data")
			return
		}
	}
	columns := kind.ColumnNames()
	if m.Source == "responses" {
		columns = append(columns, "score")
	}
	checkFilter := func(f Filter, k string) {
		for _, col := range sortedKeys(f) {
			v.ref(col, columns, f[col].Pos, key+"."+k+"."+col, columnOf(m.Source))
		}
	}
	checkFilter(m.Where, "where")
	switch m.Kind {
	case KindCount:
		if m.Distinct != "" {
			v.ref(m.Distinct, columns, pos("distinct"), key+".distinct", columnOf(m.Source))
		}
	case KindProportion:
		if len(m.Success) == 0 {
			v.errorf(m.Pos, key+".success", "missing; say what counts as a success, for example success: {status: [employed, studying]}")
		}
		checkFilter(m.Success, "success")
	case KindMean:
		switch {
		case m.Instrument == "" && m.Column == "":
			v.errorf(m.Pos, key, "a mean needs instrument: (a survey scale) or column: (a numeric column of %s)", m.Source)
		case m.Instrument != "" && m.Column != "":
			v.errorf(pos("column"), key+".column", "give instrument: or column:, not both")
		case m.Column != "":
			if v.ref(m.Column, columns, pos("column"), key+".column", columnOf(m.Source)) {
				if c, _ := kind.Column(m.Column); c.Type != TypeInt && c.Type != TypeNumber {
					v.errorf(pos("column"), key+".column", "%q does not hold numbers, so it has no mean; pick a numeric column", m.Column)
				}
			}
		}
		v.instrumentRef(m, key)
		v.oneOf(m.Wave, Waves, pos("wave"), key+".wave", "wave")
	case KindPairedChange:
		if m.Instrument == "" {
			v.errorf(m.Pos, key+".instrument", "missing; a paired change compares an instrument's scores, so name it")
		}
		v.instrumentRef(m, key)
		if m.Pre == "" {
			m.Pre = "pre"
		}
		if m.Post == "" {
			m.Post = "post"
		}
		v.oneOf(m.Pre, Waves, pos("pre"), key+".pre", "wave")
		v.oneOf(m.Post, Waves, pos("post"), key+".post", "wave")
		if m.Pre == m.Post {
			v.errorf(pos("post"), key+".post", "pre and post are both %q; a change needs two different waves", m.Pre)
		}
	case KindRatio:
		for _, part := range []struct {
			name string
			ref  *MeasureRef
		}{{"numerator", m.Numerator}, {"denominator", m.Denominator}} {
			if part.ref == nil {
				v.errorf(m.Pos, key+"."+part.name, "missing; a ratio needs a numerator and a denominator, each a count measure or a count indicator's id")
				continue
			}
			if part.ref.Indicator != "" {
				if v.ref(part.ref.Indicator, indicatorIDs, part.ref.Pos, key+"."+part.name, "indicator") {
					other, _ := v.p.Indicator(part.ref.Indicator)
					if part.ref.Indicator == self {
						v.errorf(part.ref.Pos, key+"."+part.name, "the indicator refers to itself")
					} else if other.Measure != nil && other.Measure.Kind != KindCount {
						v.errorf(part.ref.Pos, key+"."+part.name, "%q is a %s, but a ratio divides counts; name a count indicator or write a count measure here", part.ref.Indicator, other.Measure.Kind)
					}
				}
				continue
			}
			if part.ref.Measure.Kind != KindCount {
				v.errorf(part.ref.Pos, key+"."+part.name+".kind", "a ratio divides counts, so its %s must have kind: count", part.name)
				continue
			}
			v.measure(part.ref.Measure, key+"."+part.name, indicatorIDs, self)
		}
	case KindKPI:
		v.kpiMeasure(m, key)
	case KindCostPer:
		if m.Per == "" {
			v.errorf(m.Pos, key+".per", "missing; name the indicator whose count or successes the cost is divided by")
		} else if m.Per == self {
			v.errorf(pos("per"), key+".per", "the indicator refers to itself; name another indicator")
		} else {
			v.ref(m.Per, indicatorIDs, pos("per"), key+".per", "indicator")
		}
		for _, a := range m.Activities {
			v.ref(a, v.nodeIDs(), pos("activities"), key+".activities", "node")
		}
	}
}

func (v *validator) instrumentRef(m *Measure, key string) {
	// The built-in SWEMWBS is usable without declaring it (exports.md).
	if _, declared := v.p.Instrument("swemwbs"); m.Instrument == "swemwbs" && !declared {
		v.p.Instruments = append(v.p.Instruments, BuiltinSwemwbs())
	}
	var ids []string
	for _, in := range v.p.Instruments {
		ids = append(ids, in.ID)
	}
	v.ref(m.Instrument, ids, at(m.Keys, m.Pos, "instrument"), key+".instrument", "instrument")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (v *validator) costs() {
	nodes, partners := v.nodeIDs(), v.partnerIDs()
	for i, c := range v.p.Costs {
		key := fmt.Sprintf("costs[%d]", i)
		pos := func(k string) Pos { return at(c.Keys, c.Pos, k) }
		v.ref(c.Activity, nodes, pos("activity"), key+".activity", "node")
		v.ref(c.Partner, partners, pos("partner"), key+".partner", "partner")
		v.oneOf(c.Category, v.p.Categories(), pos("category"), key+".category", "cost category")
		if c.Kind == "" {
			v.errorf(c.Pos, key+".kind", "missing; say whether the cost is budget or actual")
		} else {
			v.oneOf(c.Kind, CostKinds, pos("kind"), key+".kind", "kind of cost")
		}
		if c.Amount == nil && (c.Hours == nil || c.Rate == nil) {
			v.errorf(c.Pos, key, "give amount:, or hours: and rate: (the amount is then hours × rate)")
		}
		for _, f := range []struct {
			name string
			val  *float64
		}{{"amount", c.Amount}, {"hours", c.Hours}, {"rate", c.Rate}} {
			if f.val != nil && *f.val < 0 {
				v.errorf(pos(f.name), key+"."+f.name, "%g is negative; costs are written as positive figures", *f.val)
			}
		}
	}
}

func (v *validator) value() {
	vm := v.p.Value
	if vm == nil {
		return
	}
	if vm.DiscountRate < 0 || vm.DiscountRate >= 1 {
		v.errorf(at(vm.Keys, vm.Pos, "discount_rate"), "value.discount_rate", "%g is not a yearly rate; write it as a share, such as 0.035 for 3.5 %%", vm.DiscountRate)
	}
	var ids []string
	for _, ind := range v.p.Indicators {
		ids = append(ids, ind.ID)
	}
	for i := range vm.Proxies {
		px := &vm.Proxies[i]
		key := fmt.Sprintf("value.proxies[%d]", i)
		if px.Indicator == "" {
			v.errorf(px.Pos, key+".indicator", "missing; name the indicator whose successes this proxy values")
		} else if v.ref(px.Indicator, ids, at(px.Keys, px.Pos, "indicator"), key+".indicator", "indicator") {
			ind, _ := v.p.Indicator(px.Indicator)
			if ind.Measure != nil && ind.Measure.Kind != KindProportion && ind.Measure.Kind != KindCount {
				v.errorf(at(px.Keys, px.Pos, "indicator"), key+".indicator", "%q is a %s; only the successes of a proportion or a count can be valued", px.Indicator, ind.Measure.Kind)
			}
		}
		if _, ok := px.Keys["value_per_outcome"]; !ok {
			v.errorf(px.Pos, key+".value_per_outcome", "missing; give what one outcome is worth per year, as a number or {low, mid, high}")
		}
		v.rangeOrder(px.ValuePerOutcome, px.Keys, px.Pos, key+".value_per_outcome", false)
		for _, r := range []struct {
			name string
			r    Range
		}{{"deadweight", px.Deadweight}, {"attribution", px.Attribution}, {"displacement", px.Displacement}, {"drop_off", px.DropOff}} {
			v.rangeOrder(r.r, px.Keys, px.Pos, key+"."+r.name, true)
		}
		if _, ok := px.Keys["duration_years"]; !ok {
			px.DurationYears = 1
		} else if px.DurationYears < 1 || px.DurationYears > 50 {
			v.errorf(px.Keys["duration_years"], key+".duration_years", "%d is not a number of years the value lasts; use 1 to 50", px.DurationYears)
		}
	}
}

func (v *validator) rangeOrder(r Range, keys map[string]Pos, pos Pos, key string, share bool) {
	p := at(keys, pos, key[strings.LastIndex(key, ".")+1:])
	if r.Low > r.Mid || r.Mid > r.High {
		v.errorf(p, key, "low %g, mid %g and high %g are not in order; low ≤ mid ≤ high", r.Low, r.Mid, r.High)
	}
	if share && (r.Low < 0 || r.High > 1) {
		v.errorf(p, key, "is a share and must lie between 0 and 1 (0.3 for 30 %%)")
	}
	if !share && r.Low < 0 {
		v.errorf(p, key, "%g is negative; a value per outcome is a positive amount", r.Low)
	}
}

func (v *validator) memo() {
	m := v.p.Memo
	if m != nil {
		v.memoDecision(m)
	}
	if m == nil || m.Proposal == nil {
		return
	}
	pr := m.Proposal
	if pr.From != nil && pr.To != nil && pr.To.Before(*pr.From) {
		v.errorf(at(pr.Keys, pr.Pos, "to"), "memo.proposal.to", "%s is before from %s; swap them", pr.To, pr.From)
	}
	if pr.AnnualCost < 0 {
		v.errorf(at(pr.Keys, pr.Pos, "annual_cost"), "memo.proposal.annual_cost", "%g is negative; give the yearly cost as a positive amount", pr.AnnualCost)
	}
}

func (v *validator) sources() {
	seen := map[string]bool{}
	for i, s := range v.p.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		pos := func(k string) Pos { return at(s.Keys, s.Pos, k) }
		if s.File == "" {
			v.errorf(s.Pos, key+".file", "missing; give the data file's path, relative to impact.yaml")
		} else if seen[s.File] {
			v.errorf(pos("file"), key+".file", "%s is listed twice; list each file once", s.File)
		}
		seen[s.File] = true
		if s.Kind == "" {
			v.errorf(s.Pos, key+".kind", "missing; say what the file holds: %s", strings.Join(KindNames(), ", "))
			continue
		}
		if !v.ref(s.Kind, KindNames(), pos("kind"), key+".kind", "kind of data") {
			continue
		}
		v.oneOf(s.Wave, Waves, pos("wave"), key+".wave", "wave")
		if s.Event != nil {
			v.oneOf(s.Event.Kind, EventKinds, at(s.Event.Keys, s.Event.Pos, "kind"), key+".event.kind", "kind of event")
			if s.Event.ID != "" && !ValidID(s.Event.ID) {
				v.errorf(at(s.Event.Keys, s.Event.Pos, "id"), key+".event.id", "%q may hold only letters, digits, _ and -, at most %d characters", s.Event.ID, MaxIDLength)
			}
		}
		v.sourceInside(s, key)
		kind, _ := LookupKind(s.Kind)
		allowed := append(kind.ColumnNames(), "drop")
		if s.Kind == "responses" {
			for _, in := range v.p.Instruments {
				allowed = append(allowed, in.Items...)
			}
		}
		for _, header := range sortedKeys(s.Columns) {
			v.ref(s.Columns[header], allowed, pos("columns"), key+".columns."+header, columnOf(s.Kind))
		}
	}
}

// memoDecision checks memo.decision and the changes it takes.
func (v *validator) memoDecision(m *Memo) {
	if m.Decision == "" {
		return
	}
	if !v.oneOf(m.Decision, Decisions, at(m.Keys, m.Pos, "decision"), "memo.decision", "decision") {
		return
	}
	if m.Decision == DecisionContinueWithChanges && len(m.Changes) == 0 {
		v.errorf(at(m.Keys, m.Pos, "decision"), "memo.changes", "missing; continue_with_changes needs the changes, such as changes: [\"Jobbmarknaden flyttas till våren\"]")
	}
	if m.Decision != DecisionContinueWithChanges && len(m.Changes) > 0 {
		v.errorf(at(m.Keys, m.Pos, "changes"), "memo.changes", "is given but decision is %s; write decision: continue_with_changes or remove changes", m.Decision)
	}
}

// kpis checks the kpi: entries: an id each, listed once, and municipality
// codes to compare with.
func (v *validator) kpis() {
	seen := map[string]bool{}
	for i, k := range v.p.KPIs {
		key := fmt.Sprintf("kpi[%d]", i)
		if k.ID == "" {
			v.errorf(k.Pos, key+".id", "missing; give the Kolada key figure's id, such as N00914")
			continue
		}
		if seen[k.ID] {
			v.errorf(at(k.Keys, k.Pos, "id"), key+".id", "%s is listed twice; list each key figure once", k.ID)
		}
		seen[k.ID] = true
		for _, code := range k.Compare {
			if !municipalityCode.MatchString(code) {
				v.errorf(at(k.Keys, k.Pos, "compare"), key+".compare", "%q is not a municipality code; write the four digits in quotes, such as \"0000\" for the country", code)
			}
		}
	}
}

// municipalityCode is a Kolada municipality code: four digits ("0000" is
// the country).
var municipalityCode = regexp.MustCompile(`^\d{4}$`)

// kpiMeasure checks a measure of kind kpi: the key figure it follows, the
// municipality (the project's by default) and the gender.
func (v *validator) kpiMeasure(m *Measure, key string) {
	pos := func(k string) Pos { return at(m.Keys, m.Pos, k) }
	if m.Source != "kpi" {
		v.errorf(pos("source"), key+".source", "a kpi measure reads Kolada figures; leave source: out or write source: kpi")
	}
	if m.KPI == "" {
		v.errorf(m.Pos, key+".kpi", "missing; name the Kolada key figure to follow, such as kpi: N00914")
	}
	if m.Municipality == "" && v.p.Info.Municipality.Code == "" {
		v.errorf(m.Pos, key+".municipality", "missing; give the municipality's code, such as municipality: \"2582\", or project.municipality.code")
	} else if m.Municipality != "" && !municipalityCode.MatchString(m.Municipality) {
		v.errorf(pos("municipality"), key+".municipality", "%q is not a municipality code; write the four digits in quotes, such as \"2582\"", m.Municipality)
	}
	v.oneOf(m.Gender, KPIGenders, pos("gender"), key+".gender", "Kolada gender (T total, K women, M men)")
}
