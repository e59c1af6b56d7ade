package metrics_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/stats"
	"github.com/joiningforces/impact/store"
)

// MustIngestExample loads the bundled example project and ingests its data
// files into a new store.
func MustIngestExample(t *testing.T) (*impact.Project, *store.DB) {
	t.Helper()
	p, err := impact.Load(filepath.Join("..", "testdata", "example"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	in := ingest.New(p, db, ingest.Options{Secret: []byte("metrics test secret")})
	for _, src := range p.Sources {
		if _, err := in.File(ctx, src); err != nil {
			t.Fatalf("ingest %s: %v", src.File, err)
		}
	}
	return p, db
}

// MustDate parses a date or fails the test.
func MustDate(t *testing.T, s string) impact.Date {
	t.Helper()
	d, err := impact.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestEvaluateExample evaluates the bundled example at the end of its
// period: every goal gets the status the example was designed to show
// (synth's story test computes them its own way), and the figures obey the
// rules every output relies on.
func TestEvaluateExample(t *testing.T) {
	p, db := MustIngestExample(t)
	now := time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC)
	ev, err := metrics.Evaluate(context.Background(), db, p, metrics.Options{
		AsOf: MustDate(t, "2025-11-30"), Now: func() time.Time { return now }, Version: "test",
	})
	if err != nil {
		t.Fatal(err)
	}
	designed := map[string]impact.Status{
		"meetup_participants":         impact.StatusMet,
		"medfoljande_reached":         impact.StatusNotMet,
		"new_contacts_mean":           impact.StatusMet,
		"employers_at_market":         impact.StatusMet,
		"job_interviews":              impact.StatusMet,
		"hire_rate":                   impact.StatusNotMet,
		"wellbeing_change":            impact.StatusMet,
		"jobbtro_post":                impact.StatusNotMet,
		"work_or_study_6m":            impact.StatusLikelyMet,
		"medfoljande_work_3m":         impact.StatusInsufficientData,
		"cost_per_meetup_participant": impact.StatusMet,
		"cost_per_work_or_study":      impact.StatusNotMet,
	}
	if got, want := len(ev.Indicators), len(designed); got != want {
		t.Fatalf("%d results, want %d", got, want)
	}
	for _, r := range ev.Indicators {
		t.Run(r.ID, func(t *testing.T) {
			if got, want := r.Status, designed[r.ID]; got != want {
				t.Errorf("status %s, designed %s", got, want)
			}
			if r.PValue != nil && (r.PAdjusted == nil || *r.PAdjusted < *r.PValue) {
				t.Errorf("p_adjusted %v below p_value %v", r.PAdjusted, *r.PValue)
			}
			if r.PValue == nil && r.PAdjusted != nil {
				t.Errorf("p_adjusted %v without a p_value", *r.PAdjusted)
			}
			if !impact.Sampled(r.Kind) && (r.CILow != nil || r.PValue != nil) {
				t.Errorf("a census figure with an interval or a test")
			}
			if r.Status == impact.StatusInsufficientData && (r.PValue != nil || r.ProbTargetMet != nil) {
				t.Errorf("a test on insufficient data")
			}
			// Only the goal measured on two accompanying family members
			// rests on fewer people than min_cell.
			if got, want := r.Suppressed, r.ID == "medfoljande_work_3m"; got != want {
				t.Errorf("suppressed = %v, want %v (n %v)", got, want, r.N)
			}
			hidden := map[string]int{}
			for _, g := range r.Disaggregation {
				if g.Suppressed {
					hidden[g.Dimension]++
					if g.N != nil || g.Estimate != nil || g.CILow != nil || g.CIHigh != nil {
						t.Errorf("suppressed group %s/%s shows figures", g.Dimension, g.Group)
					}
				} else if g.N == nil || *g.N < p.Info.MinCell {
					t.Errorf("group %s/%s shown with n %v under min_cell %d", g.Dimension, g.Group, g.N, p.Info.MinCell)
				}
			}
			for dim, n := range hidden {
				if n == 1 {
					t.Errorf("dimension %s hides one group only: it can be recovered from the total", dim)
				}
			}
		})
	}
	if ev.Participation == nil || len(ev.Participation.Events) == 0 || ev.Quality == nil || len(ev.Quality.Sources) != len(p.Sources) || len(ev.KPIs) == 0 {
		t.Errorf("participation, data quality or Kolada series missing from the evaluation")
	}
	w, _ := ev.Result("wellbeing_change")
	if w.Attrition == nil || *w.Attrition < 0.15 || *w.Attrition > 0.25 {
		t.Errorf("wellbeing_change attrition %v, designed 0.15–0.25", w.Attrition)
	}
	if ev.Costs == nil || ev.Costs.Basis != "actual" || ev.Costs.Total <= 0 {
		t.Errorf("costs %+v, want an actual total", ev.Costs)
	}
	if ev.Value == nil || ev.Value.SROIMid == nil || ev.Value.Draws != metrics.SROIDraws {
		t.Errorf("value %+v, want an SROI from %d draws", ev.Value, metrics.SROIDraws)
	}
	if got, want := ev.GeneratedAt, now; !got.Equal(want) {
		t.Errorf("generated_at %v, want %v", got, want)
	}
	if _, err := json.Marshal(ev); err != nil {
		t.Errorf("the evaluation does not marshal: %v", err)
	}
}

// TestEvaluateAsOfBeforeData evaluates the example before any event: no
// goal has data, and nothing fails.
func TestEvaluateAsOfBeforeData(t *testing.T) {
	p, db := MustIngestExample(t)
	ev, err := metrics.Evaluate(context.Background(), db, p, metrics.Options{AsOf: MustDate(t, "2024-11-15")})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ev.Indicators {
		if r.Status != impact.StatusNoData {
			t.Errorf("%s: status %s before any data, want no_data", r.ID, r.Status)
		}
		if r.Due {
			t.Errorf("%s: due before its deadline", r.ID)
		}
	}
	if ev.Costs == nil || ev.Costs.Basis != "budget" {
		t.Errorf("costs %+v before any actual cost, want the budget as basis", ev.Costs)
	}
}

func TestSROI(t *testing.T) {
	plain := func(x float64) stats.Triangular { return stats.Triangular{Low: x, Mid: x, High: x} }
	t.Run("plain numbers", func(t *testing.T) {
		// 10 outcomes worth 1000 each for one year, undiscounted: 10,000
		// against a cost of 5,000.
		proxy := metrics.ValueProxy{Indicator: "x", Outcomes: 10, ValuePerOutcome: plain(1000), Deadweight: plain(0),
			Attribution: plain(0), Displacement: plain(0), DropOff: plain(0), Years: 1}
		v, err := metrics.SROI([]metrics.ValueProxy{proxy}, 0, 5000, 100, 1)
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string]*float64{"sroi_mid": v.SROIMid, "median": v.SROIMedian, "p05": v.SROIP05, "p95": v.SROIP95} {
			if got == nil || *got != 2 {
				t.Errorf("%s = %v, want 2", name, got)
			}
		}
		if got, want := *v.BreakEvenOutcomes, 5.0; got != want {
			t.Errorf("break_even_outcomes = %v, want %v", got, want)
		}
		if got, want := *v.ProbSROIAbove1, 1.0; got != want {
			t.Errorf("P(sroi > 1) = %v, want %v", got, want)
		}
		if got, want := len(v.Sensitivity), 5; got != want {
			t.Errorf("%d sensitivity rows, want %d", got, want)
		}
	})
	t.Run("discounting and drop-off", func(t *testing.T) {
		// Σ_{t=1..3} 1·100·0.5^(t−1)/1.1^t.
		proxy := metrics.ValueProxy{Indicator: "x", Outcomes: 1, ValuePerOutcome: plain(100), Deadweight: plain(0),
			Attribution: plain(0), Displacement: plain(0), DropOff: plain(0.5), Years: 3}
		v, err := metrics.SROI([]metrics.ValueProxy{proxy}, 0.1, 100, 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		want := 100/1.1 + 50/(1.1*1.1) + 25/(1.1*1.1*1.1)
		if got := *v.PresentValue; math.Abs(got-want) > 1e-12*want {
			t.Errorf("present value %v, want %v", got, want)
		}
		if v.SROIMedian != nil || v.Draws != 0 {
			t.Errorf("draws made when none were asked for: %+v", v)
		}
	})
	t.Run("seeded", func(t *testing.T) {
		proxy := metrics.ValueProxy{Indicator: "x", Outcomes: 7, ValuePerOutcome: stats.Triangular{Low: 50, Mid: 80, High: 120},
			Deadweight: stats.Triangular{Low: 0.2, Mid: 0.3, High: 0.5}, Attribution: plain(0.5), Displacement: plain(0),
			DropOff: plain(0.25), Years: 3}
		a, _ := metrics.SROI([]metrics.ValueProxy{proxy}, 0.035, 200, metrics.SROIDraws, metrics.SROISeed("boden-2025"))
		b, _ := metrics.SROI([]metrics.ValueProxy{proxy}, 0.035, 200, metrics.SROIDraws, metrics.SROISeed("boden-2025"))
		c, _ := metrics.SROI([]metrics.ValueProxy{proxy}, 0.035, 200, metrics.SROIDraws, metrics.SROISeed("another"))
		if *a.SROIMedian != *b.SROIMedian || *a.SROIP05 != *b.SROIP05 || *a.ProbSROIAbove1 != *b.ProbSROIAbove1 {
			t.Errorf("the same seed gave different figures: %v and %v", *a.SROIMedian, *b.SROIMedian)
		}
		if *a.SROIMedian == *c.SROIMedian {
			t.Errorf("another project's seed gave the same median %v", *a.SROIMedian)
		}
		if !(*a.SROIP05 < *a.SROIMedian && *a.SROIMedian < *a.SROIP95) {
			t.Errorf("percentiles out of order: %v %v %v", *a.SROIP05, *a.SROIMedian, *a.SROIP95)
		}
	})
	t.Run("no cost", func(t *testing.T) {
		proxy := metrics.ValueProxy{Indicator: "x", Outcomes: 3, ValuePerOutcome: plain(10), Years: 1}
		for _, cost := range []float64{0, -1, math.NaN()} {
			v, err := metrics.SROI([]metrics.ValueProxy{proxy}, 0, cost, 100, 1)
			if err != nil {
				t.Fatal(err)
			}
			if v.SROIMid != nil || v.BreakEvenOutcomes != nil || len(v.Sensitivity) != 0 || v.PresentValue == nil {
				t.Errorf("cost %v: %+v, want a present value and nothing else", cost, v)
			}
		}
	})
	t.Run("refused", func(t *testing.T) {
		proxy := metrics.ValueProxy{Indicator: "x", Outcomes: -1, Years: 1}
		if _, err := metrics.SROI([]metrics.ValueProxy{proxy}, 0, 1, 0, 1); !errors.Is(err, stats.ErrDomain) {
			t.Errorf("negative outcomes: err = %v, want ErrDomain", err)
		}
	})
}

func TestSuppressSmallCells(t *testing.T) {
	group := func(name string, n int) impact.Group {
		return impact.Group{Dimension: "gender", Group: name, N: impact.Int(n), Estimate: impact.Float(float64(n))}
	}
	for _, tc := range []struct {
		name   string
		groups []impact.Group
		hidden []bool
	}{
		{"none small", []impact.Group{group("a", 5), group("b", 9)}, []bool{false, false}},
		{"one small hides the next smallest", []impact.Group{group("a", 8), group("b", 7), group("c", 3)}, []bool{false, true, true}},
		{"two small hide nothing more", []impact.Group{group("a", 14), group("b", 2), group("c", 2)}, []bool{false, true, true}},
		{"a tie goes to the first", []impact.Group{group("a", 6), group("b", 6), group("c", 1)}, []bool{true, false, true}},
		{"one group alone", []impact.Group{group("a", 3)}, []bool{true}},
		{"a zero reveals no one", []impact.Group{group("a", 0), group("b", 9), group("c", 12)}, []bool{false, false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before []int
			for _, g := range tc.groups {
				before = append(before, *g.N)
			}
			got := metrics.SuppressSmallCells(tc.groups, 5)
			for i, g := range got {
				if g.Suppressed != tc.hidden[i] {
					t.Errorf("group %s: suppressed %v, want %v", g.Group, g.Suppressed, tc.hidden[i])
				}
				if g.Suppressed && (g.N != nil || g.Estimate != nil) {
					t.Errorf("group %s: suppressed but shows n %v", g.Group, g.N)
				}
				// A group hidden only to protect a smaller one has 5 or
				// more: it is withheld, never "fewer than 5".
				if want := g.Suppressed && before[i] >= 5; g.Withheld != want {
					t.Errorf("group %s: withheld %v, want %v", g.Group, g.Withheld, want)
				}
			}
		})
	}
}

func TestSWEMWBSMetric(t *testing.T) {
	for _, tc := range []struct {
		raw    int
		metric float64
		ok     bool
	}{{7, 7, true}, {21, 19.25, true}, {22, 19.98, true}, {35, 35, true}, {6, 0, false}, {36, 0, false}} {
		got, ok := metrics.SWEMWBSMetric(tc.raw)
		if ok != tc.ok || got != tc.metric {
			t.Errorf("SWEMWBSMetric(%d) = %v, %v; want %v, %v", tc.raw, got, ok, tc.metric, tc.ok)
		}
	}
}
