package impact

import (
	"fmt"
	"time"
)

// Project is one collaboration plan: the contents of a project folder's
// impact.yaml, with defaults applied and references checked by Load.
type Project struct {
	Version        int            `yaml:"version"`
	Info           Info           `yaml:"project"`
	TargetGroups   []TargetGroup  `yaml:"target_groups"`
	TheoryOfChange TheoryOfChange `yaml:"theory_of_change"`
	Instruments    []Instrument   `yaml:"instruments"`
	Indicators     []Indicator    `yaml:"indicators"`
	Costs          []Cost         `yaml:"costs"`
	Value          *ValueModel    `yaml:"value"`
	Memo           *Memo          `yaml:"memo"`
	Sources        []Source       `yaml:"sources"`
	// KPIs names the Kolada key figures the reports show, with their title
	// and unit, and the municipalities to compare with (memo.md).
	KPIs []KPIInfo `yaml:"kpi"`

	// ParticipantID and CostCategoryList say how exports are read (exports.md).
	ParticipantID    *ParticipantIDRule `yaml:"participant_id"`
	CostCategoryList []CostCategory     `yaml:"cost_categories"`

	// Dir is the project folder; File the path of its impact.yaml.
	Dir  string `yaml:"-"`
	File string `yaml:"-"`
	// Warnings are problems that do not stop the project from loading,
	// such as a deadline outside the project period.
	Warnings []Problem `yaml:"-"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Info holds the project's identity and the settings every output obeys.
type Info struct {
	ID           string       `yaml:"id"`
	Name         string       `yaml:"name"`
	Description  string       `yaml:"description"`
	Municipality Municipality `yaml:"municipality"`
	Period       Period       `yaml:"period"`
	Language     string       `yaml:"language"`
	Currency     string       `yaml:"currency"`
	// Confidence is the confidence level of every interval (default 0.95).
	Confidence float64 `yaml:"confidence"`
	// MinCell is the smallest group shown in any output (default 5).
	MinCell int `yaml:"min_cell"`
	// MinN is the smallest n at which a sampled goal is judged (default 5).
	MinN     int       `yaml:"min_n"`
	Partners []Partner `yaml:"partners"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Municipality names the municipality and its official code (in Sweden the
// four-digit Kolada/SCB code, such as "2582" for Boden).
type Municipality struct {
	Name string `yaml:"name"`
	Code string `yaml:"code"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Period is the span of the collaboration, both ends included.
type Period struct {
	Start Date `yaml:"start"`
	End   Date `yaml:"end"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Contains reports whether d falls within the period. An open end (a zero
// date) does not restrict.
func (p Period) Contains(d Date) bool {
	if !p.Start.IsZero() && d.Before(p.Start) {
		return false
	}
	if !p.End.IsZero() && p.End.Before(d) {
		return false
	}
	return true
}

// Partner is one party of the collaboration.
type Partner struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	Role string `yaml:"role"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// PartnerRoles lists the roles a partner may have.
var PartnerRoles = []string{"facilitator", "municipality", "social_entrepreneur", "private_actor", "asf", "employer", "region", "other"}

// TargetGroup is a group of people the collaboration is for (a målgrupp).
type TargetGroup struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// TheoryOfChange is the förändringsteori: the problem, the vision, and a
// directed graph from activities through outputs and outcomes to impact.
type TheoryOfChange struct {
	Problem     string       `yaml:"problem"`
	Vision      string       `yaml:"vision"`
	Nodes       []Node       `yaml:"nodes"`
	Assumptions []Assumption `yaml:"assumptions"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Levels of the theory of change, from the bottom up.
const (
	LevelActivity = "activity"
	LevelOutput   = "output"
	LevelOutcome  = "outcome"
	LevelImpact   = "impact"
)

// Levels lists the theory-of-change levels in order: an edge may only go
// from a level to the same or a later one.
var Levels = []string{LevelActivity, LevelOutput, LevelOutcome, LevelImpact}

// LevelRank returns the position of level in Levels, or -1.
func LevelRank(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return -1
}

// Node is one box of the theory of change.
type Node struct {
	ID          string   `yaml:"id"`
	Level       string   `yaml:"level"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Responsible string   `yaml:"responsible"`
	Horizon     string   `yaml:"horizon"`
	From        []string `yaml:"from"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Horizons lists the time horizons an outcome may name.
var Horizons = []string{"short", "medium", "long"}

// Assumption is a condition the theory of change relies on; About names
// the nodes it concerns.
type Assumption struct {
	ID    string   `yaml:"id"`
	Text  string   `yaml:"text"`
	About []string `yaml:"about"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Instrument is a survey scale answered on impact-measurement days.
type Instrument struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Builtin string   `yaml:"builtin"`
	Items   []string `yaml:"items"`
	Scale   Scale    `yaml:"scale"`
	Reverse []string `yaml:"reverse"`
	// Score is how items combine into a respondent's score: "sum" or "mean".
	Score string `yaml:"score"`
	// Labels are the words of each answer value; Texts the wording of the
	// items that give one (exports.md).
	Labels Labels              `yaml:"labels"`
	Texts  map[string]ItemText `yaml:"-"`
	// LicenceGranted says the project holds the instrument's licence, so
	// that a report may say it is used with permission (memo.md).
	LicenceGranted bool `yaml:"licence_granted"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Scale is the range of answers to each item of an instrument.
type Scale struct {
	Min float64 `yaml:"min"`
	Max float64 `yaml:"max"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Indicator is one SMART goal: what is measured, from where to where, by when.
type Indicator struct {
	ID           string    `yaml:"id"`
	Name         string    `yaml:"name"`
	Description  string    `yaml:"description"`
	Node         string    `yaml:"node"`
	TargetGroup  string    `yaml:"target_group"`
	Measure      *Measure  `yaml:"measure"`
	Baseline     *Baseline `yaml:"baseline"`
	Target       *float64  `yaml:"target"`
	Direction    string    `yaml:"direction"`
	Deadline     *Date     `yaml:"deadline"`
	Frequency    string    `yaml:"frequency"`
	Responsible  string    `yaml:"responsible"`
	ExpectedN    *int      `yaml:"expected_n"`
	Disaggregate []string  `yaml:"disaggregate"`
	Policy       string    `yaml:"policy"`
	KPI          string    `yaml:"kpi"`
	Unit         string    `yaml:"unit"`

	// Compare names the people the indicator is compared with (compare.go).
	Compare *Compare `yaml:"compare"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Directions of a goal.
const (
	Increase = "increase"
	Decrease = "decrease"
)

// Frequencies at which an indicator is measured.
var Frequencies = []string{"per_event", "monthly", "quarterly", "once"}

// Dimensions lists the participant attributes an indicator may be
// disaggregated by.
var Dimensions = []string{"gender", "target_group", "cohort"}

// Baseline is where an indicator stood before the collaboration, with the
// date and source that make it checkable.
type Baseline struct {
	Value  float64 `yaml:"value"`
	Date   *Date   `yaml:"date"`
	Source string  `yaml:"source"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Measure says how an indicator's value is computed from one source table.
type Measure struct {
	Kind        string      `yaml:"kind"`
	Source      string      `yaml:"source"`
	Distinct    string      `yaml:"distinct"`
	Where       Filter      `yaml:"where"`
	Success     Filter      `yaml:"success"`
	Instrument  string      `yaml:"instrument"`
	Wave        string      `yaml:"wave"`
	Pre         string      `yaml:"pre"`
	Post        string      `yaml:"post"`
	Column      string      `yaml:"column"`
	Numerator   *MeasureRef `yaml:"numerator"`
	Denominator *MeasureRef `yaml:"denominator"`
	Per         string      `yaml:"per"`
	Activities  []string    `yaml:"activities"`
	// KPI, Municipality and Gender name the Kolada series a measure of
	// kind kpi follows (memo.md): the key figure, the municipality's code
	// (default the project's) and the gender, T (default), K or M.
	KPI          string `yaml:"kpi"`
	Municipality string `yaml:"municipality"`
	Gender       string `yaml:"gender"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Measure kinds.
const (
	KindCount        = "count"
	KindProportion   = "proportion"
	KindMean         = "mean"
	KindPairedChange = "paired_change"
	KindRatio        = "ratio"
	KindCostPer      = "cost_per"
	// KindKPI follows a Kolada key figure: a census, exact, judged on its
	// latest year at or before the as-of date (memo.md).
	KindKPI = "kpi"
)

// MeasureKinds lists every kind of measure.
var MeasureKinds = []string{KindCount, KindProportion, KindMean, KindPairedChange, KindRatio, KindCostPer, KindKPI}

// KPIGenders lists the genders of a Kolada series: T total, K women, M men.
var KPIGenders = []string{"T", "K", "M"}

// Sampled reports whether a measure kind estimates from a sample and so
// carries an interval and a test; the others are census figures.
func Sampled(kind string) bool {
	return kind == KindProportion || kind == KindMean || kind == KindPairedChange
}

// MeasureRef is the numerator or denominator of a ratio: either the id of
// a count indicator or an inline count measure.
type MeasureRef struct {
	Indicator string
	Measure   *Measure
	Pos       Pos
}

// Filter restricts a source's rows: each column must match its condition.
type Filter map[string]Condition

// Condition is what a column must hold: one of Values, or a date or number
// within From and To (both included).
type Condition struct {
	Values []string
	From   string
	To     string
	Pos    Pos
}

// Cost is one line of cost, budgeted or actual.
type Cost struct {
	Date     *Date    `yaml:"date"`
	Activity string   `yaml:"activity"`
	Partner  string   `yaml:"partner"`
	Category string   `yaml:"category"`
	Hours    *float64 `yaml:"hours"`
	Rate     *float64 `yaml:"rate"`
	Amount   *float64 `yaml:"amount"`
	Kind     string   `yaml:"kind"`
	Note     string   `yaml:"note"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// CostCategories lists the categories a cost may have.
var CostCategories = []string{"staff", "venue", "material", "travel", "catering", "marketing", "other"}

// CostKinds lists budget and actual.
var CostKinds = []string{"budget", "actual"}

// Total returns the cost's amount, or hours × rate where no amount is given.
func (c Cost) Total() float64 {
	if c.Amount != nil {
		return *c.Amount
	}
	if c.Hours != nil && c.Rate != nil {
		return *c.Hours * *c.Rate
	}
	return 0
}

// ValueModel is the social-return-on-investment model: financial proxies
// for outcomes, adjusted and discounted.
type ValueModel struct {
	DiscountRate float64 `yaml:"discount_rate"`
	Proxies      []Proxy `yaml:"proxies"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Proxy values the successes of one indicator.
type Proxy struct {
	Indicator       string `yaml:"indicator"`
	ValuePerOutcome Range  `yaml:"value_per_outcome"`
	Source          string `yaml:"source"`
	Deadweight      Range  `yaml:"deadweight"`
	Attribution     Range  `yaml:"attribution"`
	Displacement    Range  `yaml:"displacement"`
	DropOff         Range  `yaml:"drop_off"`
	DurationYears   int    `yaml:"duration_years"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Range is an uncertain parameter: low, mid and high. A plain number in the
// project file sets all three.
type Range struct {
	Low  float64 `yaml:"low"`
	Mid  float64 `yaml:"mid"`
	High float64 `yaml:"high"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Memo holds what the funding memo (tjänsteutlåtande) needs beyond the data.
type Memo struct {
	Body       string    `yaml:"body"`
	CaseNumber string    `yaml:"case_number"`
	Subject    string    `yaml:"subject"`
	Proposal   *Proposal `yaml:"proposal"`
	Author     *Author   `yaml:"author"`

	// Decision is what the memo proposes: continue, continue_with_changes
	// or end; empty leaves the choice to the officer (memo.md).
	Decision string `yaml:"decision"`
	// Changes are what changes under continue_with_changes.
	Changes []string `yaml:"changes"`
	// SendTo lists who receives the decision (Beslutet skickas till).
	SendTo []string `yaml:"send_to"`
	// Approver is who signs beside the author (the head of department).
	Approver *Author `yaml:"approver"`
	// WorkshopDate is the date of the learning workshop that prepared the
	// case.
	WorkshopDate *Date `yaml:"workshop_date"`
	// Template is the municipality's Word template, relative to
	// impact.yaml, whose styles, page setup, header and footer the .docx
	// memo takes.
	Template string `yaml:"template"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// The decisions a memo can propose.
const (
	DecisionContinue            = "continue"
	DecisionContinueWithChanges = "continue_with_changes"
	DecisionEnd                 = "end"
)

// Decisions lists the decisions of memo.decision.
var Decisions = []string{DecisionContinue, DecisionContinueWithChanges, DecisionEnd}

// KPIInfo is a Kolada key figure as the project names it: its title and
// unit where no Kolada metadata file is loaded, and the municipalities to
// compare with ("0000" is the country).
type KPIInfo struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Unit    string   `yaml:"unit"`
	Compare []string `yaml:"compare"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Proposal is the continuation the memo proposes.
type Proposal struct {
	From       *Date   `yaml:"from"`
	To         *Date   `yaml:"to"`
	AnnualCost float64 `yaml:"annual_cost"`
	Financing  string  `yaml:"financing"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Author is who writes the memo.
type Author struct {
	Name  string `yaml:"name"`
	Title string `yaml:"title"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Source is one data file and how to read it.
type Source struct {
	File       string            `yaml:"file"`
	Kind       string            `yaml:"kind"`
	Event      *Event            `yaml:"event"`
	Wave       string            `yaml:"wave"`
	Columns    map[string]string `yaml:"columns"`
	Sheet      string            `yaml:"sheet"`
	DateFormat string            `yaml:"date_format"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Event is an event's metadata given in a source entry rather than in columns.
type Event struct {
	ID   string `yaml:"id"`
	Kind string `yaml:"kind"`
	Date *Date  `yaml:"date"`
	Name string `yaml:"name"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// EventKinds lists the kinds of event.
var EventKinds = []string{"impact_day", "meetup", "job_market", "workshop", "other"}

// Waves lists the survey waves of responses.
var Waves = []string{"pre", "post", "followup", "single"}

// Date is a calendar date without a time of day.
type Date struct{ time.Time }

// DateLayout is the ISO layout of dates in the project file.
const DateLayout = "2006-01-02"

// ParseDate parses an ISO date (YYYY-MM-DD).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, for example 2025-03-12", s)
	}
	return Date{t}, nil
}

// String returns the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Instrument returns the instrument with the given id.
func (p *Project) Instrument(id string) (*Instrument, bool) {
	for i := range p.Instruments {
		if p.Instruments[i].ID == id {
			return &p.Instruments[i], true
		}
	}
	return nil, false
}

// Indicator returns the indicator with the given id.
func (p *Project) Indicator(id string) (*Indicator, bool) {
	for i := range p.Indicators {
		if p.Indicators[i].ID == id {
			return &p.Indicators[i], true
		}
	}
	return nil, false
}

// Node returns the theory-of-change node with the given id.
func (p *Project) Node(id string) (*Node, bool) {
	for i := range p.TheoryOfChange.Nodes {
		if p.TheoryOfChange.Nodes[i].ID == id {
			return &p.TheoryOfChange.Nodes[i], true
		}
	}
	return nil, false
}

// Partner returns the partner with the given id.
func (p *Project) Partner(id string) (*Partner, bool) {
	for i := range p.Info.Partners {
		if p.Info.Partners[i].ID == id {
			return &p.Info.Partners[i], true
		}
	}
	return nil, false
}
