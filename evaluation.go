package impact

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/joiningforces/impact/i18n"
)

// Evaluation is every indicator's result, status and forecast, the costs
// and the social value of one project at one as-of date. It is computed once
// (package metrics) and rendered many times: the terminal table, the JSON of
// impact evaluate, the reports and the dashboards all read this value and
// compute no figure of their own, so they cannot disagree.
type Evaluation struct {
	Project     string    `json:"project"`
	Name        string    `json:"name"`
	AsOf        Date      `json:"as_of"`
	Confidence  float64   `json:"confidence"`
	MinCell     int       `json:"min_cell"`
	GeneratedAt time.Time `json:"generated_at"`
	// DataHash is the SHA-256 of the ingested sources, in a stable order.
	DataHash string `json:"data_hash"`
	// Version is the version of the engine that computed the evaluation.
	Version    string        `json:"version"`
	Indicators []Result      `json:"indicators"`
	Costs      *CostSummary  `json:"costs"`
	Value      *ValueSummary `json:"value"`
	// Findings are the SMART lint's findings on the plan.
	Findings []Finding `json:"findings"`
	// Participation is who came to what: events, attendance and the funnel.
	Participation *Participation `json:"participation,omitempty"`
	// KPIs are the Kolada key figures loaded for comparison.
	KPIs []KPISeries `json:"kpis,omitempty"`
	// Quality is the data-quality picture behind every figure.
	Quality *Quality `json:"quality,omitempty"`
	// Ages is how many participants were under 18 at the start of the
	// project, for the memo's child-rights paragraph.
	Ages *Ages `json:"ages,omitempty"`
	// KPIMeta are the titles and units of the Kolada key figures, from the
	// Kolada metadata files loaded (kind kpi_meta).
	KPIMeta []KPIMeta `json:"kpi_meta,omitempty"`
}

// KPIMeta is a Kolada key figure's title and unit (Kolada /v3/kpi/{id}).
type KPIMeta struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Unit  string `json:"unit,omitempty"`
}

// Ages counts participants with a known birth year and those of them under
// 18 at the start of the project period. Both follow the small-cell rule:
// nil where shown they would give a group under min_cell away.
type Ages struct {
	Known   *int `json:"known"`
	Under18 *int `json:"under_18"`
}

// Participation summarises attendance over the project's events and the
// path from meetup to job. Every count under min_cell is suppressed (nil).
type Participation struct {
	Events []EventSummary `json:"events"`
	// Participants is the number of distinct people who attended any event.
	Participants *int `json:"participants"`
	// Repeat counts people by the number of events they attended.
	Repeat []RepeatCount `json:"repeat"`
	// Funnel is meetup → job market → interview → offer → hired.
	Funnel []FunnelStep `json:"funnel"`
}

// EventSummary is one event with its number of attendees or respondents.
type EventSummary struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Date      Date   `json:"date"`
	Name      string `json:"name,omitempty"`
	Attendees *int   `json:"attendees"`
	// NewContacts is the mean number of new contacts reported, where asked.
	NewContacts *float64 `json:"new_contacts,omitempty"`
}

// RepeatCount is how many people attended a given number of events.
type RepeatCount struct {
	Events int  `json:"events"`
	People *int `json:"people"`
	// Withheld is true when People is hidden although it is min_cell or
	// more, so that a smaller hidden group cannot be recovered from the
	// total: it reads "withheld", never "fewer than 5" (memo.md).
	Withheld bool `json:"withheld,omitempty"`
}

// FunnelStep is one step of the participation funnel and the share of the
// previous step that reached it.
type FunnelStep struct {
	Step       string   `json:"step"`
	N          *int     `json:"n"`
	Conversion *float64 `json:"conversion"`
}

// KPISeries is one Kolada key figure for one municipality and gender over
// the years loaded.
type KPISeries struct {
	KPI          string     `json:"kpi"`
	Municipality string     `json:"municipality"`
	Gender       string     `json:"gender"`
	Points       []KPIPoint `json:"points"`
}

// KPIPoint is a key figure's value in one year; Value is nil where Kolada
// has no figure (suppressed or missing), never zero.
type KPIPoint struct {
	Period int      `json:"period"`
	Value  *float64 `json:"value"`
}

// Quality is what the data-quality report shows: the ingest log, missing
// values, response rates, attrition, possible duplicates and the checks
// that ran.
type Quality struct {
	Sources []SourceLog `json:"sources"`
	// Missing counts empty values per table and column.
	Missing []MissingCount `json:"missing"`
	// ResponseRates are per impact-measurement day and wave.
	ResponseRates []ResponseRate `json:"response_rates"`
	// PossibleDuplicates counts participant pseudonyms that look like the
	// same person entered twice (same attributes, different ids).
	PossibleDuplicates int `json:"possible_duplicates"`
	// WithoutAttributes counts participants seen in events but missing
	// from the participant register, or without gender or target group.
	WithoutAttributes int `json:"without_attributes"`
	// SuppressedCells counts the cells hidden by the small-cell rule.
	SuppressedCells int `json:"suppressed_cells"`
	// Checks names the personal-data checks that ran at ingest.
	Checks []string `json:"checks"`
}

// SourceLog is one ingested file with its counts and its rejected rows.
type SourceLog struct {
	Path       string      `json:"path"`
	Kind       string      `json:"kind"`
	Hash       string      `json:"hash"`
	IngestedAt time.Time   `json:"ingested_at"`
	Read       int64       `json:"rows_read"`
	Loaded     int64       `json:"rows_loaded"`
	Rejected   int64       `json:"rows_rejected"`
	Rejects    []RejectRow `json:"rejects,omitempty"`
	// Notes are what ingest noted about the file (exports.md).
	Notes []NoteRow `json:"notes,omitempty"`
}

// NoteRow is one note of ingest about a file: a summary row not loaded, a
// header matched by its text, a column dropped, a register conflict.
type NoteRow struct {
	// Line is the file's line, 0 for the whole file.
	Line int    `json:"line"`
	Note string `json:"note"`
	// Said is the note as its message, for FormatIn; nil for a note kept
	// as plain text.
	Said *i18n.Kept `json:"-"`
}

// Format writes the note as FILE:LINE: what, or FILE: what.
func (n NoteRow) Format(file string) string {
	if n.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", file, n.Line, n.Note)
	}
	return file + ": " + n.Note
}

// FormatIn is Format with the note said in lang when it was kept as its
// message; a note kept as plain text is shown as written.
func (n NoteRow) FormatIn(lang, file string) string {
	if n.Said != nil {
		n.Note = n.Said.In(lang)
	}
	return n.Format(file)
}

// RejectRow is one row that ingest refused, with its reason.
type RejectRow struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// MissingCount is the number of empty values of one column of one table.
type MissingCount struct {
	Table   string `json:"table"`
	Column  string `json:"column"`
	Missing int64  `json:"missing"`
	Rows    int64  `json:"rows"`
}

// ResponseRate is how many of an event's attendees or registered people
// answered a wave of its survey.
type ResponseRate struct {
	Event       string   `json:"event"`
	Wave        string   `json:"wave"`
	Respondents *int     `json:"respondents"`
	Complete    *int     `json:"complete"`
	Rate        *float64 `json:"rate"`
	// CompleteWithheld is true when Complete is hidden although it is
	// min_cell or more, because the incomplete answers (Respondents −
	// Complete) are fewer: it reads "withheld", never "fewer than 5".
	CompleteWithheld bool `json:"complete_withheld,omitempty"`
}

// Result returns the result of the indicator with the given id.
func (e *Evaluation) Result(id string) (*Result, bool) {
	for i := range e.Indicators {
		if e.Indicators[i].ID == id {
			return &e.Indicators[i], true
		}
	}
	return nil, false
}

// Status is the judgement of a goal on the evidence at the as-of date.
type Status string

// Statuses of a goal (statistics.md).
const (
	StatusNoData           Status = "no_data"
	StatusInsufficientData Status = "insufficient_data"
	StatusMet              Status = "met"
	StatusLikelyMet        Status = "likely_met"
	StatusLikelyNotMet     Status = "likely_not_met"
	StatusNotMet           Status = "not_met"
	StatusNoTarget         Status = "no_target"
)

// Statuses lists every status from best to worst evidence of success, then
// those that cannot be judged.
var Statuses = []Status{StatusMet, StatusLikelyMet, StatusLikelyNotMet, StatusNotMet, StatusInsufficientData, StatusNoData, StatusNoTarget}

// Symbol returns a sign for the status that does not rely on colour, so
// that status is never shown by colour alone.
func (s Status) Symbol() string {
	switch s {
	case StatusMet:
		return "✔"
	case StatusLikelyMet:
		return "◔"
	case StatusLikelyNotMet:
		return "◑"
	case StatusNotMet:
		return "✘"
	case StatusInsufficientData:
		return "…"
	case StatusNoData:
		return "∅"
	default:
		return "?"
	}
}

// Judged reports whether the status is a judgement of the goal rather than
// a statement that it cannot be judged.
func (s Status) Judged() bool {
	switch s {
	case StatusMet, StatusLikelyMet, StatusLikelyNotMet, StatusNotMet:
		return true
	}
	return false
}

// Result is one indicator's measured value with its uncertainty and its
// judgement against the goal. Pointer fields are null in JSON where they do
// not apply to the measure's kind or cannot be computed; they are never NaN.
type Result struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Node        string `json:"node"`
	Kind        string `json:"kind"`
	TargetGroup string `json:"target_group,omitempty"`

	N         *int     `json:"n"`
	Successes *int     `json:"successes,omitempty"`
	NPre      *int     `json:"n_pre,omitempty"`
	NPost     *int     `json:"n_post,omitempty"`
	Attrition *float64 `json:"attrition,omitempty"`

	Estimate    *float64 `json:"estimate"`
	CILow       *float64 `json:"ci_low"`
	CIHigh      *float64 `json:"ci_high"`
	CIMethod    string   `json:"ci_method,omitempty"`
	CIExactLow  *float64 `json:"ci_exact_low,omitempty"`
	CIExactHigh *float64 `json:"ci_exact_high,omitempty"`
	// SD is the standard deviation of the values (or of the paired
	// differences) behind a mean or paired change.
	SD *float64 `json:"sd,omitempty"`

	Baseline  *float64 `json:"baseline"`
	Target    *float64 `json:"target"`
	Direction string   `json:"direction"`
	Deadline  *Date    `json:"deadline"`
	Due       bool     `json:"due"`

	PValue        *float64 `json:"p_value"`
	PAdjusted     *float64 `json:"p_adjusted"`
	ProbTargetMet *float64 `json:"prob_target_met"`
	PValueZero    *float64 `json:"p_value_zero,omitempty"`
	WilcoxonP     *float64 `json:"wilcoxon_p,omitempty"`
	EffectSize    *float64 `json:"effect_size,omitempty"`

	// Suppressed is true when the result rests on fewer than min_cell
	// people. The JSON keeps its figures, as statistics.md fixes them for
	// goals with too little data; every output meant for people (the
	// terminal table, the reports, the dashboards) shows "fewer than
	// min_cell" in place of its n and figures, as for a small group.
	Suppressed bool `json:"suppressed"`

	Status         Status    `json:"status"`
	Forecast       *Forecast `json:"forecast"`
	Disaggregation []Group   `json:"disaggregation"`
	// Series holds the measurement points over time (per event, month or
	// quarter) that the forecast and the plots use.
	Series []Point `json:"series,omitempty"`
	// Pairs are the scores of a paired change as a histogram: each
	// distinct (Pre, Post) pair once, with N, the number of participants
	// with those scores in both waves, for the plots of pre against post
	// and of the distribution of change. Their size grows with the number
	// of distinct scores, never with the number of people. They carry no
	// identifier and are sorted by (Pre, Post). They are filled only for
	// a paired_change result that is not Suppressed and whose n is at
	// least the project's min_cell: a few people's scores must not be
	// shown one by one.
	Pairs []Pair `json:"pairs,omitempty"`

	// Period is the Kolada year a kpi result stands at: the latest with a
	// figure at or before the as-of date. Change is its difference from
	// the baseline period's figure (BaselinePeriod, the year of the
	// baseline's date), or from the baseline value where that year has
	// no figure loaded (memo.md).
	Period         *int     `json:"period,omitempty"`
	BaselinePeriod *int     `json:"baseline_period,omitempty"`
	Change         *float64 `json:"change,omitempty"`
	// AttritionTest compares the pre-wave scores of those who answered
	// both waves of a paired change with those who answered before only;
	// nil unless both groups have at least min_n people.
	AttritionTest *AttritionTest `json:"attrition_test,omitempty"`
	// Comparison holds the figures of the comparison group of an
	// indicator with compare:, and the difference from them.
	Comparison *Comparison `json:"comparison,omitempty"`
}

// Pair is a score before (Pre) and after (Post) in a paired change and
// the number of participants (N) who had them; Post − Pre is their
// change. In JSON a pair is the array [pre, post, n], which keeps an
// evaluation of many participants small; [pre, post] is read as one
// participant.
type Pair struct {
	Pre, Post float64
	N         int
}

// Count returns the number of participants of the pair: N, and 1 for a
// pair that does not say.
func (p Pair) Count() int {
	return max(p.N, 1)
}

// CountPairs returns the number of participants behind the pairs.
func CountPairs(pairs []Pair) int {
	n := 0
	for _, p := range pairs {
		n += p.Count()
	}
	return n
}

// MarshalJSON writes the pair as [pre, post, n].
func (p Pair) MarshalJSON() ([]byte, error) {
	return json.Marshal([3]float64{p.Pre, p.Post, float64(p.Count())})
}

// UnmarshalJSON reads a pair written by MarshalJSON, or an older
// [pre, post], so that an evaluation read back from its JSON holds the
// same pairs.
func (p *Pair) UnmarshalJSON(data []byte) error {
	var all []float64
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	if len(all) != 2 && len(all) != 3 {
		return fmt.Errorf("a pair is [pre, post, n], not %d numbers", len(all))
	}
	p.Pre, p.Post, p.N = all[0], all[1], 1
	if len(all) == 3 {
		if all[2] < 1 || all[2] != math.Trunc(all[2]) {
			return fmt.Errorf("the n of a pair is a whole number of at least 1, not %v", all[2])
		}
		p.N = int(all[2])
	}
	return nil
}

// Forecast is the value an indicator is expected to reach at its deadline,
// from a straight line through its measurement points so far.
type Forecast struct {
	At      Date    `json:"at"`
	Value   float64 `json:"value"`
	PILow   float64 `json:"pi_low"`
	PIHigh  float64 `json:"pi_high"`
	OnTrack bool    `json:"on_track"`
	Points  int     `json:"points"`
}

// Point is one measurement of an indicator over time.
type Point struct {
	Date  Date    `json:"date"`
	Label string  `json:"label,omitempty"`
	Value float64 `json:"value"`
	N     *int    `json:"n,omitempty"`
}

// Group is an indicator's result within one group of a disaggregation
// dimension. A suppressed group (fewer than min_cell people, or hidden so
// that a suppressed neighbour cannot be recovered) carries no figures.
type Group struct {
	Dimension  string   `json:"dimension"`
	Group      string   `json:"group"`
	N          *int     `json:"n"`
	Estimate   *float64 `json:"estimate"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	Suppressed bool     `json:"suppressed"`
	// Withheld is true for a group suppressed although it has min_cell
	// people or more, so that a smaller suppressed group cannot be
	// recovered from the total (statistics.md's secondary suppression): it
	// reads "withheld", never "fewer than 5" (memo.md).
	Withheld bool `json:"withheld,omitempty"`
}

// CostSummary is what the collaboration cost, and per participant and outcome.
type CostSummary struct {
	Currency string  `json:"currency"`
	Total    float64 `json:"total"`
	// Basis is "actual", or "budget" when no actual cost is recorded.
	Basis          string              `json:"basis"`
	Budget         float64             `json:"budget"`
	Actual         float64             `json:"actual"`
	Participants   *int                `json:"participants"`
	PerParticipant *float64            `json:"per_participant"`
	PerOutcome     map[string]*float64 `json:"per_outcome"`
	Lines          []CostLine          `json:"lines,omitempty"`
}

// CostLine is the budget and actual cost of one activity, partner and
// category.
type CostLine struct {
	Activity string  `json:"activity"`
	Partner  string  `json:"partner"`
	Category string  `json:"category"`
	Budget   float64 `json:"budget"`
	Actual   float64 `json:"actual"`
}

// ValueSummary is the social return on investment with its uncertainty.
type ValueSummary struct {
	SROIMid           *float64      `json:"sroi_mid"`
	SROIMedian        *float64      `json:"sroi_median"`
	SROIP05           *float64      `json:"sroi_p05"`
	SROIP95           *float64      `json:"sroi_p95"`
	ProbSROIAbove1    *float64      `json:"prob_sroi_above_1"`
	BreakEvenOutcomes *float64      `json:"break_even_outcomes"`
	PresentValue      *float64      `json:"present_value"`
	Sensitivity       []Sensitivity `json:"sensitivity"`
	Draws             int           `json:"draws"`
}

// Sensitivity is the SROI with one parameter at its low and at its high
// value, the others at mid: one bar of a tornado chart.
type Sensitivity struct {
	Parameter string  `json:"parameter"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
}

// Finding is one result of the SMART lint: a rule broken at a place in the
// project file, about an indicator or a node, with what to do.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Subject  string `json:"subject"`
	Message  string `json:"message"`
}

// Severities of a finding.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// MarshalJSON writes the date as "YYYY-MM-DD", the form every date of the
// JSON outputs has. Without it the embedded time.Time's MarshalJSON would
// win over MarshalText and write a timestamp ("2025-11-30T00:00:00Z").
func (d Date) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date written by MarshalJSON, so that an evaluation
// read back from its JSON holds the same dates.
func (d *Date) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Float returns a pointer to x, or nil when x is NaN or infinite, so that
// a figure that cannot be computed is null in JSON rather than invalid.
func Float(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// Int returns a pointer to n.
func Int(n int) *int { return &n }
