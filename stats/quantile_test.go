package stats_test

import (
	"errors"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestQuantiles(t *testing.T) {
	cases := MustReadGolden(t, "quantile.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			q, err := stats.Quantiles(c.Floats(t, "x"), []float64{c.Float(t, "prob")})
			if err != nil {
				t.Fatal(err)
			}
			worst.Check(t, "quantile", q[0], c.Float(t, "value"), exactTol)
		})
	}
}

func TestQuantilesRefuses(t *testing.T) {
	if _, err := stats.Quantiles(nil, []float64{0.5}); !errors.Is(err, stats.ErrTooFew) {
		t.Fatalf("no values: error = %v, want ErrTooFew", err)
	}
	if _, err := stats.Quantiles([]float64{1, 2}, []float64{1.5}); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("probability 1.5: error = %v, want ErrDomain", err)
	}
}
