package metrics_test

import (
	"context"
	"math"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
)

// kpiProject is a project with goals that follow Kolada key figures
// (measure kind kpi): the municipality's total, its women, and a key figure
// with no figure loaded.
const kpiProject = `version: 1
project:
  id: kpi
  municipality: {name: Boden, code: "2582"}
  period: {start: 2024-01-01, end: 2025-12-31}
theory_of_change:
  nodes:
    - {id: i1, level: impact, name: Fler i arbete}
indicators:
  - id: neet
    name: Unga som varken arbetar eller studerar
    node: i1
    measure: {kind: kpi, kpi: N00914}
    baseline: {value: 14.0, date: 2020-12-31}
    target: 11
    direction: decrease
  - id: neet_women
    name: Unga kvinnor som varken arbetar eller studerar
    node: i1
    measure: {kind: kpi, kpi: N00914, gender: K}
    baseline: {value: 12.0, date: 2018-12-31}
    target: 9
    direction: decrease
  - id: missing
    name: Ett nyckeltal utan siffror
    node: i1
    measure: {kind: kpi, kpi: N99999}
    target: 5
`

// TestKPIMeasure follows a key figure: the latest year at or before the
// as-of date, exact (no interval, no n), the change since the baseline's
// year from the loaded figure (or from the baseline value where that year
// is not loaded), no data where the key figure has none.
func TestKPIMeasure(t *testing.T) {
	p, err := impact.Parse("impact.yaml", []byte(kpiProject))
	if err != nil {
		t.Fatal(err)
	}
	db := MustOpenReportStore(t)
	figures := map[int]float64{2019: 11.2, 2020: 14.6, 2021: 12.9, 2022: 12.1, 2023: 12.3, 2024: 10.8}
	var rows [][]any
	for year := 2019; year <= 2024; year++ {
		rows = append(rows,
			[]any{"N00914", "2582", int64(year), "T", figures[year]},
			[]any{"N00914", "0000", int64(year), "T", 9.0},
			[]any{"N00914", "2582", int64(year), "K", figures[year] - 1},
		)
	}
	rows = append(rows, []any{"N00914", "2582", int64(2025), "T", nil})
	MustLoadRows(t, db, "data/kolada.json", "kpi", rows)
	for _, tc := range []struct {
		asOf   string
		year   int
		status impact.Status
	}{
		{"2025-11-30", 2024, impact.StatusMet},    // 2025 has no figure: 2024 stands
		{"2023-06-30", 2023, impact.StatusNotMet}, // 2024 lies after the as-of date
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			ev, err := metrics.Evaluate(context.Background(), db, p, metrics.Options{AsOf: MustDate(t, tc.asOf), GoalsOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			r, _ := ev.Result("neet")
			if r.Period == nil || *r.Period != tc.year || r.Estimate == nil || *r.Estimate != figures[tc.year] {
				t.Fatalf("neet: %v in %v, want %v in %d", fmtFloat(r.Estimate), fmtInt(r.Period), figures[tc.year], tc.year)
			}
			if r.CILow != nil || r.CIHigh != nil || r.N != nil || r.PValue != nil {
				t.Errorf("neet: a census figure with an interval, n or p-value: %+v", r)
			}
			if r.Status != tc.status {
				t.Errorf("neet: status %s, want %s", r.Status, tc.status)
			}
			if want := figures[tc.year] - figures[2020]; r.Change == nil || math.Abs(*r.Change-want) > 1e-12 || fmtInt(r.BaselinePeriod) != "2020" {
				t.Errorf("neet: change %s since %s, want %v since 2020", fmtFloat(r.Change), fmtInt(r.BaselinePeriod), want)
			}
			if len(r.Series) != tc.year-2018 {
				t.Errorf("neet: %d points, want the years 2019 to %d", len(r.Series), tc.year)
			}
			w, _ := ev.Result("neet_women")
			// 2018 is not loaded: the change is from the baseline value.
			if want := figures[tc.year] - 1 - 12.0; w.Change == nil || math.Abs(*w.Change-want) > 1e-12 {
				t.Errorf("neet_women: change %s, want %v from the baseline value", fmtFloat(w.Change), want)
			}
			m, _ := ev.Result("missing")
			if m.Status != impact.StatusNoData || m.Estimate != nil {
				t.Errorf("missing: status %s estimate %s, want no_data", m.Status, fmtFloat(m.Estimate))
			}
		})
	}
}
