package metrics_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
)

func TestKPIs(t *testing.T) {
	db := MustOpenReportStore(t)
	MustLoadRows(t, db, "data/kolada-a.json", "kpi", [][]any{
		{"N00914", "2580", 2020, "T", 9.0}, // another municipality: last
		{"N00914", "0000", 2020, "T", 10.5},
		{"N00914", "2582", 2020, "M", 16.1},
		{"N00914", "2582", 2020, "K", nil}, // suppressed by Kolada: nil, never zero
		{"N00914", "2582", 2020, "T", 14.6},
		{"N00914", "2582", 2019, "T", 11.2},
		{"N00914", "0000", 2019, "T", 10.1},
		{"N00914", "2582", 2019, "K", 9.8},
		{"N00914", "2582", 2019, "M", 12.5},
	})
	// A second download that overlaps the first: its 2020 figure wins,
	// and the year appears once.
	MustLoadRows(t, db, "data/kolada-b.json", "kpi", [][]any{
		{"N00914", "2582", 2020, "T", 14.7},
		{"N00914", "2582", 2021, "T", 12.9},
		{"A00001", "2582", 2021, nil, 3.0},
	})
	p := &impact.Project{Info: impact.Info{Municipality: impact.Municipality{Name: "Bodens kommun", Code: "2582"}}}
	series, err := metrics.KPIs(context.Background(), db, p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range series {
		var points []string
		for _, pt := range s.Points {
			points = append(points, fmt.Sprintf("%d=%s", pt.Period, fmtFloat(pt.Value)))
		}
		got = append(got, fmt.Sprintf("%s %s %s: %s", s.KPI, s.Municipality, s.Gender, strings.Join(points, " ")))
	}
	want := []string{
		"A00001 2582 T: 2021=3",
		"N00914 2582 T: 2019=11.2 2020=14.7 2021=12.9",
		"N00914 2582 K: 2019=9.8 2020=-",
		"N00914 2582 M: 2019=12.5 2020=16.1",
		"N00914 0000 T: 2019=10.1 2020=10.5",
		"N00914 2580 T: 2020=9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("KPIs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKPIsEmptyStore(t *testing.T) {
	series, err := metrics.KPIs(context.Background(), MustOpenReportStore(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 0 {
		t.Errorf("empty store gives %d series", len(series))
	}
}
