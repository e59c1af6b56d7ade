package impact

import (
	"fmt"
	"reflect"
	"strings"
)

// KeyDoc explains one key of impact.yaml to a person: what it means, an
// example as written in the file and, when the loader checks the value
// against a list, that list. `impact help project` and `impact schema` are
// made from these entries and from the project's Go types, which the
// loader decodes by the same yaml tags, so the reference cannot drift from
// what the loader accepts.
type KeyDoc struct {
	Doc     string
	Example string
	// Values are the allowed values, when the loader checks them against a list.
	Values []string
}

// keyDocs holds one entry per key, named TYPE.KEY by the Go type that
// holds the key and the key's yaml tag. A new key in a type of the project
// file needs one entry here; TestEveryKeyIsDocumented names a missing one.
var keyDocs = map[string]KeyDoc{
	"Project.version":          {Doc: "The version of the file's format; write 1.", Example: "version: 1"},
	"Project.project":          {Doc: "The project: its id, name, municipality, period, language and partners.", Example: "project:\n  id: boden-2025"},
	"Project.target_groups":    {Doc: "The groups of people the project is for; an indicator's target_group names one.", Example: "target_groups:\n  - {id: young_adults, name: Unga vuxna 18–29 år}"},
	"Project.theory_of_change": {Doc: "The theory of change: the problem, the vision and the graph from activities to impact.", Example: "theory_of_change:\n  problem: Unga vuxna har svårt att få fäste på arbetsmarknaden"},
	"Project.instruments":      {Doc: "The survey scales answered on impact-measurement days.", Example: "instruments:\n  - {id: swemwbs, builtin: swemwbs}"},
	"Project.indicators":       {Doc: "The SMART goals: what is measured, from which data, against which baseline, target and deadline.", Example: "indicators:\n  - id: meetup_participants"},
	"Project.costs":            {Doc: "Costs written in the file; costs can also come from a costs data file.", Example: "costs:\n  - {activity: a1, partner: sfhs, category: staff, hours: 120, rate: 450, kind: budget}"},
	"Project.value":            {Doc: "The social return on investment (SROI) model: how outcomes are valued in money.", Example: "value:\n  discount_rate: 0.035"},
	"Project.memo":             {Doc: "What the funding memo (tjänsteutlåtande) needs beyond the data.", Example: "memo: {body: Kommunstyrelsen}"},
	"Project.sources":          {Doc: "The data files and how to read them; paths are relative to impact.yaml.", Example: "sources:\n  - {file: data/deltagare.csv, kind: participants}"},

	"Info.id":           {Doc: "The project's id: lower-case letters, digits and hyphens. Required.", Example: "id: boden-2025"},
	"Info.name":         {Doc: "The project's name, as reports show it. Quote it when it holds a colon or a comma.", Example: "name: Samlad kraft för framtidens Boden"},
	"Info.description":  {Doc: "A few sentences about the project.", Example: "description: \"Unga vuxna och medföljande möter arbetsgivare.\""},
	"Info.municipality": {Doc: "The municipality the project works in.", Example: "municipality: {name: Boden, code: \"2582\"}"},
	"Info.period":       {Doc: "When the project runs; deadlines should fall inside it.", Example: "period: {start: 2024-11-01, end: 2025-11-30}"},
	"Info.language":     {Doc: "The language of reports and messages.", Example: "language: sv", Values: Languages},
	"Info.currency":     {Doc: "The currency of every amount, as an ISO code.", Example: "currency: SEK"},
	"Info.confidence":   {Doc: "The confidence level of every interval (default 0.95).", Example: "confidence: 0.95"},
	"Info.min_cell":     {Doc: "Groups smaller than this are suppressed in every output (default 5).", Example: "min_cell: 5"},
	"Info.min_n":        {Doc: "Below this many people a sampled goal is \"insufficient data\" (default 5).", Example: "min_n: 5"},
	"Info.partners":     {Doc: "The partners of the collaboration; responsible, partner and costs name them by id.", Example: "partners:\n  - {id: sfhs, name: Sunderby folkhögskola, role: social_entrepreneur}"},

	"Municipality.name": {Doc: "The municipality's name.", Example: "name: Boden"},
	"Municipality.code": {Doc: "The official code; in Sweden the 4-digit Kolada/SCB code. Quote it, so that a leading 0 stays.", Example: "code: \"2582\""},

	"Period.start": {Doc: "The first day of the project.", Example: "start: 2024-11-01"},
	"Period.end":   {Doc: "The last day of the project.", Example: "end: 2025-11-30"},

	"Partner.id":   {Doc: "The partner's id, used by responsible:, partner: and costs.", Example: "id: sfhs"},
	"Partner.name": {Doc: "The partner's name.", Example: "name: Sunderby folkhögskola"},
	"Partner.role": {Doc: "The partner's role in the collaboration.", Example: "role: social_entrepreneur", Values: PartnerRoles},

	"TargetGroup.id":          {Doc: "The group's id, as target_group: and the participants file name it.", Example: "id: young_adults"},
	"TargetGroup.name":        {Doc: "The group's name.", Example: "name: Unga vuxna 18–29 år"},
	"TargetGroup.description": {Doc: "Who belongs to the group.", Example: "description: Folkbokförda i Boden, 18–29 år"},

	"TheoryOfChange.problem":     {Doc: "The problem the project addresses.", Example: "problem: \"Unga vuxna har svårt att få fäste på arbetsmarknaden\""},
	"TheoryOfChange.vision":      {Doc: "The change the project works towards.", Example: "vision: \"Ett Boden där alla kan ta del av industriomställningen.\""},
	"TheoryOfChange.nodes":       {Doc: "The graph: each node an activity, output, outcome or impact, with edges from the nodes that lead to it.", Example: "nodes:\n  - {id: a1, level: activity, name: Nätverksträffar, responsible: sfhs}"},
	"TheoryOfChange.assumptions": {Doc: "What must hold for the graph's arrows to work.", Example: "assumptions:\n  - {id: as1, text: \"Arbetsgivarna deltar\", about: [o1]}"},

	"Node.id":          {Doc: "The node's id; indicators and from: name it.", Example: "id: s1"},
	"Node.level":       {Doc: "The node's level; edges go from a lower level to a higher one.", Example: "level: outcome", Values: Levels},
	"Node.name":        {Doc: "The node's name, as the graph shows it.", Example: "name: Ökat kontaktnät"},
	"Node.description": {Doc: "What the node means.", Example: "description: Deltagarna känner fler arbetsgivare"},
	"Node.responsible": {Doc: "The partner responsible for it, by id.", Example: "responsible: sfhs"},
	"Node.horizon":     {Doc: "For outcomes: when the change is expected.", Example: "horizon: short", Values: Horizons},
	"Node.from":        {Doc: "The ids of the nodes that lead to this one.", Example: "from: [o1]"},

	"Assumption.id":    {Doc: "The assumption's id.", Example: "id: as1"},
	"Assumption.text":  {Doc: "What is assumed.", Example: "text: \"Arbetsgivarna deltar på jobbmarknaden\""},
	"Assumption.about": {Doc: "The ids of the nodes it is about.", Example: "about: [o1]"},

	"Instrument.id":      {Doc: "The instrument's id; measures name it with instrument:.", Example: "id: jobbtro"},
	"Instrument.name":    {Doc: "The instrument's name.", Example: "name: Tro på att hitta jobb"},
	"Instrument.builtin": {Doc: "A built-in instrument with its items, scale and scoring (swemwbs: 7 items, 1–5, raw score 7–35).", Example: "builtin: swemwbs", Values: Builtins},
	"Instrument.items":   {Doc: "The ids of the items (questions), as the columns of the responses name them.", Example: "items: [jt1, jt2, jt3]"},
	"Instrument.scale":   {Doc: "The lowest and highest answer of every item.", Example: "scale: {min: 1, max: 5}"},
	"Instrument.reverse": {Doc: "Reverse-coded items: value' = min + max − value.", Example: "reverse: [jt3]"},
	"Instrument.score":   {Doc: "How items make a score; a respondent missing any item gets no score.", Example: "score: mean", Values: []string{"sum", "mean"}},

	"Instrument.labels": {Doc: "The words of each answer value, one per language (Swedish, then English): a cell holding the words is read as the value.", Example: "labels: {1: [Stämmer inte alls, Not at all true], 5: [Stämmer helt, Completely true]}"},

	"ItemEntry.id":   {Doc: "The item's id, as the columns of the responses name it.", Example: "id: jt1"},
	"ItemEntry.text": {Doc: "The item's wording by language; a survey export's column headed by this text is read as the item.", Example: "text: {sv: \"Jag tror att jag har ett jobb inom ett år\", en: \"I believe I will have a job within a year\"}"},

	"Project.participant_id":  {Doc: "How participant ids are written: a pattern every id must match, with its spaces, dashes, underscores and dots taken out.", Example: "participant_id: {pattern: 'BD\\d{4}'}"},
	"Project.cost_categories": {Doc: "Cost categories beyond staff, venue, material, travel, catering, marketing and other, with the words a costs file may use for them.", Example: "cost_categories:\n  - {id: childcare, name: Barnpassning, synonyms: [barnvakt]}"},

	"ParticipantIDRule.pattern": {Doc: "A regular expression matched, case-insensitively and whole, against each id without separators (so BD-0042 and bd 0042 match BD\\d{4}); an id that does not match refuses its row.", Example: "pattern: 'BD\\d{4}'"},

	"CostCategory.id":       {Doc: "The category's id, as stored.", Example: "id: childcare"},
	"CostCategory.name":     {Doc: "The category's name, as reports show it; a costs file may write it.", Example: "name: Barnpassning"},
	"CostCategory.synonyms": {Doc: "Other words a costs file may write for it.", Example: "synonyms: [barnvakt]"},

	"Scale.min": {Doc: "The lowest answer.", Example: "min: 1"},
	"Scale.max": {Doc: "The highest answer.", Example: "max: 5"},

	"Indicator.id":           {Doc: "The indicator's id. Required.", Example: "id: work_or_study_6m"},
	"Indicator.name":         {Doc: "The goal as people say it. Required.", Example: "name: Andel i arbete eller studier 6 månader efter jobbmarknaden"},
	"Indicator.description":  {Doc: "More about the goal.", Example: "description: Enligt uppföljningssamtal"},
	"Indicator.node":         {Doc: "The theory-of-change node the indicator measures, by id.", Example: "node: s2"},
	"Indicator.target_group": {Doc: "Restricts the people measured to this target group, by id.", Example: "target_group: young_adults"},
	"Indicator.measure":      {Doc: "What is computed, from which data. Required.", Example: "measure: {kind: count, source: attendance, distinct: participant}"},
	"Indicator.baseline":     {Doc: "The value before the project: a number, or {value, date, source}.", Example: "baseline: {value: 0.25, date: 2024-10-31, source: Arbetsförmedlingen}"},
	"Indicator.target":       {Doc: "The value to reach by the deadline, in the measure's unit (a share as 0.40).", Example: "target: 0.40"},
	"Indicator.direction":    {Doc: "Whether the goal is to go above or below the target.", Example: "direction: increase", Values: []string{Increase, Decrease}},
	"Indicator.deadline":     {Doc: "The date by which the target should be reached.", Example: "deadline: 2025-11-30"},
	"Indicator.frequency":    {Doc: "How often the indicator is measured.", Example: "frequency: once", Values: Frequencies},
	"Indicator.responsible":  {Doc: "The partner responsible for the measurement, by id.", Example: "responsible: kommun"},
	"Indicator.expected_n":   {Doc: "The planned number of people measured; the SMART lint checks that it can show the change asked for.", Example: "expected_n: 60"},
	"Indicator.disaggregate": {Doc: "The groups to break the result down by; groups under min_cell are suppressed.", Example: "disaggregate: [gender, target_group]", Values: Dimensions},
	"Indicator.policy":       {Doc: "The municipality's steering document or goal this serves.", Example: "policy: \"Bodens kommun, mål 2: fler unga i egen försörjning\""},
	"Indicator.kpi":          {Doc: "A Kolada key figure to compare against.", Example: "kpi: N00914"},
	"Indicator.unit":         {Doc: "The unit shown beside the figures.", Example: "unit: personer"},

	"Indicator.compare": {Doc: "A comparison group: people of the register's cohort or target group who did not take part, measured the same way; the result gets their figures and the difference, and they leave the indicator's own figures.", Example: "compare: {cohort: \"Jämförelse 2025\"}"},

	"Compare.cohort":       {Doc: "The register's cohort of the comparison people, written as the register writes it.", Example: "cohort: \"Jämförelse 2025\""},
	"Compare.target_group": {Doc: "The target group of the comparison people, by id.", Example: "target_group: medfoljande"},
	"Compare.design":       {Doc: "How the comparison people were chosen: only a randomised difference is called an effect (default observational).", Example: "design: observational", Values: []string{DesignObservational, DesignRandomised}},

	"Baseline.value":  {Doc: "The baseline figure.", Example: "value: 0.25"},
	"Baseline.date":   {Doc: "When the baseline was measured.", Example: "date: 2024-10-31"},
	"Baseline.source": {Doc: "Where the baseline comes from.", Example: "source: \"Arbetsförmedlingen, Boden 2024\""},

	"Measure.kind":        {Doc: "What the measure computes: count (rows or distinct people), proportion (share of people for whom success holds), mean (score or column), paired_change (post − pre per person), ratio (numerator / denominator), cost_per (cost / the count of per:), kpi (a Kolada key figure of the municipality, exact).", Example: "kind: proportion", Values: MeasureKinds},
	"Measure.source":      {Doc: "The kind of data the measure reads.", Example: "source: followups", Values: KindNames()},
	"Measure.distinct":    {Doc: "For count: count distinct values of this column (participant, event, employer) instead of rows.", Example: "distinct: participant"},
	"Measure.where":       {Doc: "Keeps the rows whose columns match: a value, a list of values, or {from, to}.", Example: "where: {months_after: 6, date: {from: 2025-01-01, to: 2025-06-30}}"},
	"Measure.success":     {Doc: "For proportion: what counts as a success, written as where:.", Example: "success: {status: [employed, studying]}"},
	"Measure.instrument":  {Doc: "For mean and paired_change: the instrument whose score is used, by id.", Example: "instrument: swemwbs"},
	"Measure.wave":        {Doc: "For mean: the survey wave.", Example: "wave: post", Values: Waves},
	"Measure.pre":         {Doc: "For paired_change: the wave before.", Example: "pre: pre", Values: Waves},
	"Measure.post":        {Doc: "For paired_change: the wave after.", Example: "post: post", Values: Waves},
	"Measure.column":      {Doc: "For mean: a numeric column of the source instead of an instrument score.", Example: "column: new_contacts"},
	"Measure.numerator":   {Doc: "For ratio: a count indicator's id, or an inline count measure.", Example: "numerator: job_interviews"},
	"Measure.denominator": {Doc: "For ratio: a count indicator's id, or an inline count measure.", Example: "denominator: {source: jobmarket, distinct: participant}"},
	"Measure.per":         {Doc: "For cost_per: the indicator whose count or successes divide the cost.", Example: "per: meetup_participants"},
	"Measure.activities":  {Doc: "For cost_per: only the costs of these activities (node ids); else every actual cost.", Example: "activities: [a1]"},

	"Cost.date":     {Doc: "When the cost arose.", Example: "date: 2025-04-10"},
	"Cost.activity": {Doc: "The activity (a theory-of-change node id) it belongs to.", Example: "activity: a1"},
	"Cost.partner":  {Doc: "The partner that bore it, by id.", Example: "partner: sfhs"},
	"Cost.category": {Doc: "What the money went to: staff, venue, material, travel, catering, marketing, other, or an id of cost_categories.", Example: "category: staff"},
	"Cost.hours":    {Doc: "Hours worked; with rate, instead of amount.", Example: "hours: 120"},
	"Cost.rate":     {Doc: "The cost of an hour, in the project's currency.", Example: "rate: 450"},
	"Cost.amount":   {Doc: "The amount, in the project's currency.", Example: "amount: 18000"},
	"Cost.kind":     {Doc: "Whether it is planned or spent.", Example: "kind: actual", Values: CostKinds},
	"Cost.note":     {Doc: "A note about the cost.", Example: "note: Lokalhyra Folkets hus"},

	"ValueModel.discount_rate": {Doc: "The yearly discount rate of future value.", Example: "discount_rate: 0.035"},
	"ValueModel.proxies":       {Doc: "How each valued outcome is worth money.", Example: "proxies:\n  - indicator: work_or_study_6m"},

	"Proxy.indicator":         {Doc: "The outcome being valued, by indicator id: its successes are counted.", Example: "indicator: work_or_study_6m"},
	"Proxy.value_per_outcome": {Doc: "The value of one outcome per person and year, in the project's currency.", Example: "value_per_outcome: {low: 120000, mid: 200000, high: 300000}"},
	"Proxy.source":            {Doc: "Where the value comes from.", Example: "source: \"Kommunens beräkning\""},
	"Proxy.deadweight":        {Doc: "The share that would have happened anyway.", Example: "deadweight: {low: 0.2, mid: 0.3, high: 0.45}"},
	"Proxy.attribution":       {Doc: "The share owed to others.", Example: "attribution: {low: 0.3, mid: 0.5, high: 0.6}"},
	"Proxy.displacement":      {Doc: "The share that only moved elsewhere.", Example: "displacement: 0.0"},
	"Proxy.drop_off":          {Doc: "The share lost each year after the first.", Example: "drop_off: 0.25"},
	"Proxy.duration_years":    {Doc: "For how many years the outcome lasts.", Example: "duration_years: 3"},

	"Range.low":  {Doc: "The low end of the range.", Example: "low: 0.2"},
	"Range.mid":  {Doc: "The most likely value.", Example: "mid: 0.3"},
	"Range.high": {Doc: "The high end of the range.", Example: "high: 0.45"},

	"Memo.body":        {Doc: "The body the memo goes to.", Example: "body: Kommunstyrelsen"},
	"Memo.case_number": {Doc: "The case number (diarienummer).", Example: "case_number: KS 2025/123"},
	"Memo.subject":     {Doc: "The memo's subject line.", Example: "subject: Fortsatt samverkan med Nya Vägar Norr"},
	"Memo.proposal":    {Doc: "The continuation the memo proposes.", Example: "proposal: {from: 2026-01-01, to: 2026-12-31, annual_cost: 450000}"},
	"Memo.author":      {Doc: "Who writes the memo.", Example: "author: {name: Anna Andersson, title: Utvecklingsstrateg}"},

	"Memo.decision":      {Doc: "What the memo proposes; absent, the memo sets out the three options and the officer chooses. It never proposes continuation by default.", Example: "decision: continue_with_changes", Values: Decisions},
	"Memo.changes":       {Doc: "With continue_with_changes: what changes, written into the proposal.", Example: "changes: [\"Jobbmarknaden flyttas till våren\"]"},
	"Memo.send_to":       {Doc: "Who the decision is sent to (Beslutet skickas till).", Example: "send_to: [Arbetsmarknadsförvaltningen, Nya Vägar Norr ek. för.]"},
	"Memo.approver":      {Doc: "Who approves the memo (the head of department): name and title for the signature block.", Example: "approver: {name: Per Persson, title: Förvaltningschef}"},
	"Memo.workshop_date": {Doc: "The day of the learning workshop where the partners went through the results.", Example: "workshop_date: 2025-11-20"},
	"Memo.template":      {Doc: "The municipality's Word template (.docx), relative to impact.yaml: its styles, page setup, header and footer; --template wins.", Example: "template: mall/tjansteutlatande.docx"},

	"Project.kpi": {Doc: "The Kolada key figures the reports show, with their title and unit, and municipalities to compare with.", Example: "kpi:\n  - {id: N00914, title: \"Andel unga vuxna i arbete eller studier\", unit: procent, compare: [\"0000\"]}"},

	"KPIInfo.id":      {Doc: "The key figure's Kolada id.", Example: "id: N00914"},
	"KPIInfo.title":   {Doc: "Its title, as reports show it (else the title from a kpi_meta file).", Example: "title: Andel unga vuxna i arbete eller studier"},
	"KPIInfo.unit":    {Doc: "Its unit.", Example: "unit: procent"},
	"KPIInfo.compare": {Doc: "Municipality codes to compare with; \"0000\" is the whole country. Quote them, so that a leading 0 stays.", Example: "compare: [\"0000\", \"2580\"]"},

	"Instrument.licence_granted": {Doc: "true when the project holds the instrument's licence, so that reports may say it is used with permission; else they state the licence only.", Example: "licence_granted: true"},

	"Measure.kpi":          {Doc: "For kpi: the Kolada key figure the goal follows, judged on its latest year at or before the as-of date.", Example: "kpi: N00914"},
	"Measure.municipality": {Doc: "For kpi: the municipality's code; quote it.", Example: "municipality: \"0880\""},
	"Measure.gender":       {Doc: "For kpi: the series, T total, K women, M men (default T).", Example: "gender: T", Values: KPIGenders},

	"Proposal.from":        {Doc: "The first day of the proposed continuation.", Example: "from: 2026-01-01"},
	"Proposal.to":          {Doc: "The last day of the proposed continuation.", Example: "to: 2026-12-31"},
	"Proposal.annual_cost": {Doc: "What the continuation costs a year, in the project's currency.", Example: "annual_cost: 450000"},
	"Proposal.financing":   {Doc: "How the continuation is paid for.", Example: "financing: Inom arbetsmarknadsenhetens ram"},

	"Author.name":  {Doc: "The author's name.", Example: "name: Anna Andersson"},
	"Author.title": {Doc: "The author's title.", Example: "title: Utvecklingsstrateg"},

	"Source.file":        {Doc: "The data file, relative to impact.yaml.", Example: "file: data/deltagare.csv"},
	"Source.kind":        {Doc: "The kind of data the file holds.", Example: "kind: participants", Values: KindNames()},
	"Source.event":       {Doc: "The event the file comes from, when its rows do not say.", Example: "event: {id: natverkstraff-1, kind: meetup, date: 2024-12-05}"},
	"Source.wave":        {Doc: "For responses: the survey wave of every row.", Example: "wave: pre", Values: Waves},
	"Source.columns":     {Doc: "The file's headers mapped to the canonical column names, or to drop to leave a column out.", Example: "columns: {\"Deltagar-ID\": participant, \"Fråga 1\": swemwbs_1}"},
	"Source.sheet":       {Doc: "For XLSX: the sheet to read (default the first).", Example: "sheet: Blad1"},
	"Source.date_format": {Doc: "How the file writes dates, when it is not YYYY-MM-DD.", Example: "date_format: DD/MM/YYYY"},

	"Event.id":   {Doc: "The event's id.", Example: "id: natverkstraff-1"},
	"Event.kind": {Doc: "The kind of event.", Example: "kind: meetup", Values: EventKinds},
	"Event.date": {Doc: "The day of the event.", Example: "date: 2024-12-05"},
	"Event.name": {Doc: "The event's name.", Example: "name: \"Nätverksträff 1: Välkommen till Boden\""},
}

// ProjectKey is one key of impact.yaml as the loader accepts it.
type ProjectKey struct {
	// Path is the key's place in the file, lists written as [], such as
	// indicators[].measure.kind.
	Path string
	// Entry is the key's entry in the table of documentation, TYPE.KEY.
	Entry string
	// Type says in words what the value is.
	Type string
	KeyDoc
}

// ProjectKeys lists every key of impact.yaml that the loader accepts, in
// the order of the file, found from the same Go types and yaml tags the
// loader decodes with.
func ProjectKeys() []ProjectKey {
	var keys []ProjectKey
	walkKeys(reflect.TypeOf(Project{}), "", &keys)
	return keys
}

// entryForms are the lists whose entries may be written as a plain value
// or as a mapping of this type: an instrument's item as jt1 or as
// {id: jt1, text: {…}}.
var entryForms = map[string]reflect.Type{
	"Instrument.items": reflect.TypeOf(ItemEntry{}),
}

var (
	dateType       = reflect.TypeOf(Date{})
	measureRefType = reflect.TypeOf(MeasureRef{})
	filterType     = reflect.TypeOf(Filter{})
	conditionType  = reflect.TypeOf(Condition{})
	decoderType    = reflect.TypeOf((*nodeDecoder)(nil)).Elem()
)

// yamlFields returns the fields of a struct that the decoder fills, with
// their keys, as decodeStruct finds them.
func yamlFields(t reflect.Type) (fields []reflect.StructField, names []string) {
	for i := range t.NumField() {
		name := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		fields = append(fields, t.Field(i))
		names = append(names, name)
	}
	return fields, names
}

func walkKeys(t reflect.Type, path string, keys *[]ProjectKey) {
	fields, names := yamlFields(t)
	for i, f := range fields {
		p := joinKey(path, names[i])
		entry := t.Name() + "." + names[i]
		*keys = append(*keys, ProjectKey{Path: p, Entry: entry, Type: typeWords(f.Type), KeyDoc: keyDocs[entry]})
		if form, ok := entryForms[entry]; ok {
			walkKeys(form, p+"[]", keys)
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct && ft != dateType && ft != measureRefType:
			walkKeys(ft, p, keys)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			walkKeys(ft.Elem(), p+"[]", keys)
		}
	}
}

// typeWords says what a value of type t is, in words.
func typeWords(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case dateType:
		return "date, YYYY-MM-DD"
	case measureRefType:
		return "indicator id, or a count measure"
	case filterType:
		return "mapping: column: value, [values] or {from, to}"
	}
	if reflect.PointerTo(t).Implements(decoderType) && t.Kind() == reflect.Struct {
		return typeWordsShort(t)
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int:
		return "whole number"
	case reflect.Float64:
		return "number"
	case reflect.Bool:
		return "true or false"
	case reflect.Struct:
		return "mapping"
	case reflect.Map:
		return "mapping of " + typeWords(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "list of mappings"
		}
		return "list of " + typeWords(t.Elem())
	}
	return fmt.Sprint(t)
}
