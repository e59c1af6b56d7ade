package reports_test

import (
	"flag"
	"path/filepath"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// update rewrites the golden files (testdata/reports) from the current output.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/reports")

// goldenDir holds the golden plots and documents.
var goldenDir = filepath.Join("..", "testdata", "reports")

// generatedAt is the fixed time of every test report.
var generatedAt = time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)

// MustExampleProject loads the bundled example project (Boden).
func MustExampleProject(t testing.TB) *impact.Project {
	t.Helper()
	p, err := impact.Load(filepath.Join("..", "testdata", "example"))
	if err != nil {
		t.Fatalf("load the example project: %v", err)
	}
	return p
}

// exampleInput is the example project with the fixture evaluation.
func exampleInput(t testing.TB, lang string) reports.Input {
	t.Helper()
	return reports.Input{Project: MustExampleProject(t), Evaluation: exampleEvaluation(), Lang: lang, Version: "0.1.0-test", GeneratedAt: generatedAt}
}

// date parses an ISO date.
func date(s string) impact.Date {
	d, err := impact.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// datePtr returns a pointer to a parsed date.
func datePtr(s string) *impact.Date {
	d := date(s)
	return &d
}

// forecastEvaluation is the example evaluated earlier, on 2025-05-31,
// while the meetups' deadline (2025-06-30) still lies ahead: the only kind
// of evaluation that carries a forecast.
func forecastEvaluation() *impact.Evaluation {
	ev := exampleEvaluation()
	ev.AsOf = date("2025-05-31")
	r, _ := ev.Result("meetup_participants")
	r.Forecast = &impact.Forecast{At: date("2025-06-30"), Value: 135.2, PILow: 110.4, PIHigh: 160.0, OnTrack: true, Points: 3}
	return ev
}

// f and n make pointers for the fixture.
func f(x float64) *float64 { return &x }
func n(x int) *int         { return &x }

// exampleEvaluation is a hand-built evaluation of the example project, as
// metrics.Evaluate gives it at 2025-11-30, with the figures of the
// example's designed story (synth/story_test.go): some goals met, some not,
// one with too few people. It carries every section a report reads, so
// the report tests do not depend on the evaluation code. The accompanying
// gender groups "other" and "unknown" are under min_cell and suppressed.
func exampleEvaluation() *impact.Evaluation {
	genderSuppressed := []impact.Group{
		{Dimension: "gender", Group: "other", Suppressed: true},
		{Dimension: "gender", Group: "unknown", Suppressed: true},
	}
	lines := []impact.CostLine{
		{Activity: "a1", Partner: "nyavagar", Category: "material", Budget: 6000, Actual: 7450.5},
		{Activity: "a1", Partner: "nyavagar", Category: "staff", Budget: 63350, Actual: 61200},
		{Activity: "a1", Partner: "nyavagar", Category: "venue", Budget: 19500, Actual: 18000},
		{Activity: "a2", Partner: "industri", Category: "other", Budget: 15000, Actual: 0},
		{Activity: "a2", Partner: "industri", Category: "venue", Budget: 45000, Actual: 42000},
		{Activity: "a3", Partner: "rfc", Category: "staff", Budget: 72000, Actual: 71500},
		{Activity: "a4", Partner: "kommun", Category: "material", Budget: 25000, Actual: 27690},
		{Activity: "a4", Partner: "kommun", Category: "staff", Budget: 70000, Actual: 67200},
		{Activity: "", Partner: "nyavagar", Category: "travel", Budget: 90000, Actual: 100000},
	}
	var budget, actual float64
	for _, l := range lines {
		budget += l.Budget
		actual += l.Actual
	}
	return &impact.Evaluation{
		Project:     "boden-2025",
		Name:        "Samlad kraft för framtidens Boden",
		AsOf:        date("2025-11-30"),
		Confidence:  0.95,
		MinCell:     5,
		GeneratedAt: generatedAt,
		DataHash:    "9f2c4e1a7b3d5f60812a4c6e8b0d2f4163a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3",
		Version:     "0.1.0-test",
		Indicators: []impact.Result{
			{
				ID: "meetup_participants", Name: "Unika deltagare på nätverksträffar", Node: "o1", Kind: "count",
				N: n(123), Estimate: f(123), Baseline: f(0), Target: f(110), Direction: "increase",
				Deadline: datePtr("2025-06-30"), Due: true, Status: impact.StatusMet,
				Disaggregation: append([]impact.Group{
					{Dimension: "gender", Group: "female", N: n(61), Estimate: f(61)},
					{Dimension: "gender", Group: "male", N: n(58), Estimate: f(58)},
				}, append(genderSuppressed,
					impact.Group{Dimension: "target_group", Group: "unga_vuxna", N: n(101), Estimate: f(101)},
					impact.Group{Dimension: "target_group", Group: "medfoljande", N: n(22), Estimate: f(22)},
				)...),
				Series: []impact.Point{
					{Date: date("2024-12-05"), Value: 41, N: n(41)},
					{Date: date("2025-02-20"), Value: 88, N: n(73)},
					{Date: date("2025-05-15"), Value: 123, N: n(63)},
				},
			},
			{
				ID: "medfoljande_reached", Name: "Medföljande som kommit till minst en nätverksträff", Node: "o3", Kind: "count", TargetGroup: "medfoljande",
				N: n(22), Estimate: f(22), Baseline: f(0), Target: f(36), Direction: "increase",
				Deadline: datePtr("2025-06-30"), Due: true, Status: impact.StatusNotMet,
				Series: []impact.Point{
					{Date: date("2024-12-05"), Value: 6},
					{Date: date("2025-02-20"), Value: 15},
					{Date: date("2025-05-15"), Value: 22},
				},
			},
			{
				ID: "new_contacts_mean", Name: "Nya kontakter per deltagare och träff", Node: "s2", Kind: "mean",
				N: n(177), Estimate: f(2.780), CILow: f(2.535), CIHigh: f(3.024), CIMethod: "t", SD: f(1.64),
				Baseline: f(1.5), Target: f(2.5), Direction: "increase", Deadline: datePtr("2025-06-30"), Due: true,
				PValue: f(0.0125), PAdjusted: f(0.0625), ProbTargetMet: f(0.987), Status: impact.StatusMet,
				Series: []impact.Point{
					{Date: date("2024-12-05"), Value: 2.50, N: n(41)},
					{Date: date("2025-02-20"), Value: 2.90, N: n(73)},
					{Date: date("2025-05-15"), Value: 2.85, N: n(63)},
				},
			},
			{
				ID: "employers_at_market", Name: "Arbetsgivare på jobbmarknaden", Node: "o2", Kind: "count",
				N: n(16), Estimate: f(16), Baseline: f(8), Target: f(12), Direction: "increase",
				Deadline: datePtr("2025-04-30"), Due: true, Status: impact.StatusMet,
			},
			{
				ID: "job_interviews", Name: "Unga vuxna som fått minst en anställningsintervju", Node: "o2", Kind: "count", TargetGroup: "unga_vuxna",
				N: n(40), Estimate: f(40), Baseline: f(0), Target: f(28), Direction: "increase",
				Deadline: datePtr("2025-04-30"), Due: true, Status: impact.StatusMet,
			},
			{
				ID: "hire_rate", Name: "Anställningar per intervju på jobbmarknaden", Node: "o2", Kind: "ratio",
				Estimate: f(10.0 / 59), Baseline: f(0.15), Target: f(0.25), Direction: "increase",
				Deadline: datePtr("2025-06-30"), Due: true, Status: impact.StatusNotMet,
			},
			{
				ID: "wellbeing_change", Name: "Förändring i psykiskt välbefinnande (SWEMWBS)", Node: "s1", Kind: "paired_change",
				N: n(90), NPre: n(110), NPost: n(131), Attrition: f(0.1818),
				Estimate: f(2.624), CILow: f(1.838), CIHigh: f(3.409), CIMethod: "paired_t", SD: f(3.74),
				Baseline: f(0), Target: f(1.5), Direction: "increase", Deadline: datePtr("2025-09-30"), Due: true,
				PValue: f(0.0029), PAdjusted: f(0.0174), ProbTargetMet: f(0.997), PValueZero: f(1.2e-9), WilcoxonP: f(2.1e-8), EffectSize: f(0.70),
				Status: impact.StatusMet,
				Pairs:  wellbeingPairs,
				Disaggregation: append([]impact.Group{
					{Dimension: "gender", Group: "female", N: n(48), Estimate: f(2.9), CILow: f(1.8), CIHigh: f(4.0)},
					{Dimension: "gender", Group: "male", N: n(39), Estimate: f(2.3), CILow: f(1.1), CIHigh: f(3.5)},
				}, append(genderSuppressed,
					impact.Group{Dimension: "target_group", Group: "unga_vuxna", N: n(71), Estimate: f(2.5), CILow: f(1.6), CIHigh: f(3.4)},
					impact.Group{Dimension: "target_group", Group: "medfoljande", N: n(19), Estimate: f(3.1), CILow: f(1.4), CIHigh: f(4.8)},
				)...),
			},
			{
				ID: "jobbtro_post", Name: "Tro på att hitta jobb efter insatsen", Node: "s3", Kind: "mean", TargetGroup: "unga_vuxna",
				N: n(102), Estimate: f(3.284), CILow: f(3.148), CIHigh: f(3.421), CIMethod: "t", SD: f(0.69),
				Baseline: f(3.0), Target: f(3.8), Direction: "increase", Deadline: datePtr("2025-09-30"), Due: true,
				PValue: f(1), PAdjusted: f(1), ProbTargetMet: f(0), Status: impact.StatusNotMet,
			},
			{
				ID: "work_or_study_6m", Name: "Andel unga vuxna i arbete eller studier 6 månader efter jobbmarknaden", Node: "s4", Kind: "proportion", TargetGroup: "unga_vuxna",
				N: n(60), Successes: n(27), Estimate: f(0.45), CILow: f(0.3311), CIHigh: f(0.5749), CIMethod: "wilson",
				CIExactLow: f(0.3213), CIExactHigh: f(0.5839),
				Baseline: f(0.25), Target: f(0.40), Direction: "increase", Deadline: datePtr("2025-11-30"), Due: true,
				PValue: f(0.2664), PAdjusted: f(1), ProbTargetMet: f(0.7806), Status: impact.StatusLikelyMet,
				Disaggregation: append([]impact.Group{
					{Dimension: "gender", Group: "female", N: n(31), Estimate: f(0.516), CILow: f(0.349), CIHigh: f(0.680)},
					{Dimension: "gender", Group: "male", N: n(26), Estimate: f(0.385), CILow: f(0.224), CIHigh: f(0.574)},
				}, genderSuppressed...),
			},
			{
				// Two people followed up: the evaluation reports n, the
				// reports must show "fewer than 5" and no estimate.
				ID: "medfoljande_work_3m", Name: "Andel medföljande i arbete, studier eller praktik 3 månader efter jobbmarknaden", Node: "s4", Kind: "proportion", TargetGroup: "medfoljande",
				N: n(2), Successes: n(1), Estimate: f(0.5), CILow: f(0.0945), CIHigh: f(0.9055), CIMethod: "wilson",
				Baseline: f(0.30), Target: f(0.40), Direction: "increase", Deadline: datePtr("2025-08-31"), Due: true,
				Status: impact.StatusInsufficientData,
			},
			{
				ID: "cost_per_meetup_participant", Name: "Kostnad per deltagare på nätverksträffarna", Node: "o1", Kind: "cost_per",
				Estimate: f(594.39), Baseline: f(1200), Target: f(700), Direction: "decrease",
				Deadline: datePtr("2025-06-30"), Due: true, Status: impact.StatusMet,
				Series: []impact.Point{
					{Date: date("2024-12-31"), Value: 820},
					{Date: date("2025-03-31"), Value: 655},
					{Date: date("2025-06-30"), Value: 594.39},
				},
			},
			{
				ID: "cost_per_work_or_study", Name: "Kostnad per ung vuxen i arbete eller studier", Node: "s4", Kind: "cost_per",
				Estimate: f(14631.13), Baseline: f(25000), Target: f(11000), Direction: "decrease",
				Deadline: datePtr("2025-11-30"), Due: true, Status: impact.StatusNotMet,
			},
		},
		Costs: &impact.CostSummary{
			Currency: "SEK", Total: actual, Basis: "actual", Budget: budget, Actual: actual,
			Participants: n(123), PerParticipant: f(actual / 123),
			PerOutcome: map[string]*float64{"work_or_study_6m": f(actual / 27)},
			Lines:      lines,
		},
		Value: &impact.ValueSummary{
			SROIMid: f(1.42), SROIMedian: f(1.38), SROIP05: f(0.71), SROIP95: f(2.35), ProbSROIAbove1: f(0.79),
			BreakEvenOutcomes: f(19.0), PresentValue: f(560980), Draws: 10000,
			Sensitivity: []impact.Sensitivity{
				{Parameter: "work_or_study_6m.value_per_outcome", Low: 0.89, High: 2.13},
				{Parameter: "work_or_study_6m.deadweight", Low: 1.66, High: 1.07},
				{Parameter: "work_or_study_6m.attribution", Low: 1.85, High: 0.99},
				{Parameter: "work_or_study_6m.displacement", Low: 1.42, High: 1.42},
				{Parameter: "work_or_study_6m.drop_off", Low: 1.42, High: 1.42},
			},
		},
		Findings: []impact.Finding{
			{Rule: "M002", Severity: "warning", File: "impact.yaml", Line: 83, Column: 5, Subject: "employers_at_market", Message: "Utgångsvärdet saknar källa; lägg till baseline.source."},
			{Rule: "R001", Severity: "warning", File: "impact.yaml", Line: 94, Column: 5, Subject: "job_interviews", Message: "Målet saknar koppling till styrdokument eller nyckeltal; lägg till policy eller kpi."},
			{Rule: "A003", Severity: "warning", File: "impact.yaml", Line: 169, Column: 5, Subject: "medfoljande_work_3m", Message: "Med 15 personer kan bara en ökning på minst 33 procentenheter upptäckas, men målet är en ökning på 10; öka expected_n eller sänk kravet."},
			{Rule: "R003", Severity: "warning", File: "impact.yaml", Line: 58, Column: 7, Subject: "s5", Message: "Inget mål mäter Medföljande trivs och vill stanna i Boden; lägg till en indikator."},
		},
		Participation: &impact.Participation{
			Events: []impact.EventSummary{
				{ID: "natverkstraff-1", Kind: "meetup", Date: date("2024-12-05"), Name: "Nätverksträff 1: Välkommen till Boden", Attendees: n(41), NewContacts: f(2.5)},
				{ID: "effektmatning-1", Kind: "impact_day", Date: date("2025-01-22"), Name: "Effektmätningsdag 1", Attendees: n(110)},
				{ID: "natverkstraff-2", Kind: "meetup", Date: date("2025-02-20"), Name: "Nätverksträff 2: Vägar till jobb", Attendees: n(73), NewContacts: f(2.9)},
				{ID: "jobbmarknad-2025", Kind: "job_market", Date: date("2025-04-10"), Name: "Jobbmarknad Boden", Attendees: n(64)},
				{ID: "natverkstraff-3", Kind: "meetup", Date: date("2025-05-15"), Name: "Nätverksträff 3: Sommarjobb och föreningsliv", Attendees: n(63)},
				{ID: "workshop-juni", Kind: "workshop", Date: date("2025-06-10"), Name: "Lärandeworkshop för deltagare"},
				{ID: "effektmatning-2", Kind: "impact_day", Date: date("2025-09-17"), Name: "Effektmätningsdag 2", Attendees: n(131)},
			},
			Participants: n(168),
			Repeat: []impact.RepeatCount{
				{Events: 1, People: n(58)}, {Events: 2, People: n(47)}, {Events: 3, People: n(33)},
				{Events: 4, People: n(21)}, {Events: 5}, {Events: 6},
			},
			Funnel: []impact.FunnelStep{
				{Step: "meetup", N: n(123)},
				{Step: "job_market", N: n(52), Conversion: f(52.0 / 123)},
				{Step: "interview", N: n(38), Conversion: f(38.0 / 52)},
				{Step: "offer", N: n(14), Conversion: f(14.0 / 38)},
				{Step: "hired"},
			},
		},
		KPIs: []impact.KPISeries{
			{KPI: "N00914", Municipality: "2582", Gender: "T", Points: []impact.KPIPoint{
				{Period: 2019, Value: f(11.2)}, {Period: 2020, Value: f(14.6)}, {Period: 2021, Value: f(12.9)},
				{Period: 2022, Value: f(12.1)}, {Period: 2023}, {Period: 2024, Value: f(11.4)},
			}},
			{KPI: "N00914", Municipality: "2582", Gender: "K", Points: []impact.KPIPoint{
				{Period: 2019, Value: f(9.8)}, {Period: 2020}, {Period: 2021, Value: f(11.5)},
			}},
			{KPI: "N00914", Municipality: "0000", Gender: "T", Points: []impact.KPIPoint{
				{Period: 2019, Value: f(9.8)}, {Period: 2020, Value: f(11.9)}, {Period: 2021, Value: f(10.7)},
				{Period: 2022, Value: f(10.2)}, {Period: 2023, Value: f(10.0)}, {Period: 2024, Value: f(9.9)},
			}},
		},
		Quality: &impact.Quality{
			Sources: []impact.SourceLog{
				{Path: "data/deltagare.csv", Kind: "participants", Hash: "1b7e0c5d9a2f4e6b8c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b", IngestedAt: time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC), Read: 200, Loaded: 200},
				{Path: "data/effektmatning-1-januari.xlsx", Kind: "responses", Hash: "2c8f1d6e0b3a5f7c9d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c", IngestedAt: time.Date(2025, 11, 28, 9, 0, 1, 0, time.UTC), Read: 1210, Loaded: 1210},
				{Path: "data/natverkstraff-2-februari.csv", Kind: "attendance", Hash: "3d9a2e7f1c4b6a8d0e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d", IngestedAt: time.Date(2025, 11, 28, 9, 0, 2, 0, time.UTC), Read: 74, Loaded: 73, Rejected: 1,
					Rejects: []impact.RejectRow{{Line: 7, Column: "new_contacts", Reason: "\"många\" är inget tal; skriv ett heltal, till exempel 3"}}},
				{Path: "data/kolada-N00914.json", Kind: "kpi", Hash: "4e0b3f8a2d5c7b9e1f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e", IngestedAt: time.Date(2025, 11, 28, 9, 0, 3, 0, time.UTC), Read: 36, Loaded: 36},
			},
			Missing: []impact.MissingCount{
				{Table: "participants", Column: "participant", Missing: 0, Rows: 200},
				{Table: "participants", Column: "cohort", Missing: 12, Rows: 200},
				{Table: "attendance", Column: "new_contacts", Missing: 63, Rows: 177},
				{Table: "responses", Column: "value", Missing: 37, Rows: 2310},
			},
			ResponseRates: []impact.ResponseRate{
				{Event: "effektmatning-1", Wave: "pre", Respondents: n(110), Complete: n(104), Rate: f(0.55)},
				{Event: "effektmatning-2", Wave: "post", Respondents: n(131), Complete: n(126), Rate: f(0.655)},
				// 44 answered, 41 completely: the 3 incomplete would be
				// given away, so the 41 are withheld.
				{Event: "effektmatning-2", Wave: "followup", Respondents: n(44), CompleteWithheld: true, Rate: f(0.22)},
			},
			PossibleDuplicates: 2,
			WithoutAttributes:  7,
			SuppressedCells:    11,
			Checks:             []string{"pseudonymised", "personal_columns", "personnummer"},
		},
	}
}

// wellbeingPairs are the 90 SWEMWBS scores before and after of the
// example's data at 2025-11-30, as metrics.Evaluate gives them: sorted by
// (pre, post), their changes average 2.624, the fixture's estimate.
var wellbeingPairs = pairsOf([][2]float64{
	{7, 17.98}, {9.51, 7}, {11.25, 13.33}, {11.25, 15.32}, {11.25, 16.36}, {14.75, 17.43}, {14.75, 17.43},
	{15.32, 14.75}, {15.32, 15.32}, {15.32, 16.36}, {15.32, 18.59}, {15.32, 24.11}, {15.84, 12.4}, {15.84, 13.33},
	{15.84, 15.32}, {15.84, 16.88}, {15.84, 17.43}, {15.84, 20.73}, {15.84, 21.54}, {15.84, 24.11}, {16.36, 15.32},
	{16.36, 15.84}, {16.36, 19.98}, {16.36, 23.21}, {16.88, 19.98}, {16.88, 24.11}, {17.43, 20.73}, {17.43, 21.54},
	{17.43, 21.54}, {17.43, 24.11}, {17.98, 18.59}, {17.98, 19.25}, {17.98, 19.25}, {17.98, 19.98}, {17.98, 20.73},
	{17.98, 21.54}, {17.98, 22.35}, {17.98, 23.21}, {18.59, 16.88}, {18.59, 16.88}, {18.59, 18.59}, {18.59, 19.25},
	{18.59, 19.25}, {18.59, 19.98}, {18.59, 21.54}, {18.59, 23.21}, {18.59, 23.21}, {18.59, 28.13}, {18.59, 28.13},
	{19.25, 16.36}, {19.25, 19.25}, {19.25, 23.21}, {19.25, 25.03}, {19.98, 19.25}, {19.98, 19.98}, {19.98, 20.73},
	{19.98, 23.21}, {19.98, 26.02}, {19.98, 28.13}, {19.98, 30.7}, {19.98, 30.7}, {20.73, 19.25}, {20.73, 26.02},
	{21.54, 18.59}, {21.54, 19.98}, {21.54, 22.35}, {21.54, 22.35}, {21.54, 22.35}, {21.54, 23.21}, {21.54, 24.11},
	{21.54, 26.02}, {21.54, 29.31}, {22.35, 23.21}, {22.35, 24.11}, {22.35, 29.31}, {23.21, 18.59}, {23.21, 21.54},
	{23.21, 24.11}, {23.21, 27.03}, {24.11, 24.11}, {24.11, 25.03}, {24.11, 32.55}, {25.03, 26.02}, {25.03, 32.55},
	{26.02, 22.35}, {26.02, 28.13}, {26.02, 29.31}, {27.03, 32.55}, {29.31, 35}, {30.7, 22.35},
})

// pairsOf makes pairs of one participant each from [pre, post] arrays.
func pairsOf(list [][2]float64) []impact.Pair {
	pairs := make([]impact.Pair, len(list))
	for i, p := range list {
		pairs[i] = impact.Pair{Pre: p[0], Post: p[1]}
	}
	return pairs
}
