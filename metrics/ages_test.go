package metrics_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
)

// TestAges counts participants under 18 at the start of the project period
// among those with a known birth year, and suppresses what would give a
// small group away: the number under 18, or its complement 18 and over.
func TestAges(t *testing.T) {
	start, _ := impact.ParseDate("2025-01-01")
	p := &impact.Project{Info: impact.Info{Period: impact.Period{Start: start}}}
	asOf, _ := impact.ParseDate("2025-11-30")
	for _, tc := range []struct {
		name                 string
		under, over, unknown int
		wantKnown, wantUnder string
	}{
		{"both shown", 6, 20, 3, "26", "6"},
		{"few under 18", 3, 20, 3, "23", "-"},
		{"few of 18 and over", 20, 2, 0, "22", "-"},
		{"none under 18", 0, 20, 1, "20", "0"},
		{"too few known", 1, 2, 30, "-", "-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenReportStore(t)
			var rows [][]any
			add := func(k int, birth any) {
				for range k {
					rows = append(rows, []any{fmt.Sprintf("p%03d", len(rows)), nil, nil, birth, nil, nil})
				}
			}
			add(tc.under, int64(2009)) // 16 at the start of 2025
			add(tc.over, int64(2007))  // 18 at the start of 2025
			add(tc.unknown, nil)
			MustLoadRows(t, db, "data/deltagare.csv", "participants", rows)
			a, err := metrics.Ages(context.Background(), db, p, asOf, 5)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmtInt(a.Known); got != tc.wantKnown {
				t.Errorf("known = %s, want %s", got, tc.wantKnown)
			}
			if got := fmtInt(a.Under18); got != tc.wantUnder {
				t.Errorf("under 18 = %s, want %s", got, tc.wantUnder)
			}
		})
	}
}
