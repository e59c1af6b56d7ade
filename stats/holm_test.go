package stats_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestHolm(t *testing.T) {
	cases := MustReadGolden(t, "holm.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			p := c.Floats(t, "p")
			before := slices.Clone(p)
			want := c.Floats(t, "adjusted")
			got, err := stats.Holm(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d adjusted values, R has %d", len(got), len(want))
			}
			for i := range want {
				if got, want := math.IsNaN(got[i]), math.IsNaN(want[i]); got != want {
					t.Fatalf("index %d: NaN is %v, R's NA is %v", i, got, want)
				}
				worst.Check(t, "adjusted", got[i], want[i], exactTol)
			}
			if !slices.EqualFunc(p, before, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
				t.Fatalf("Holm modified its input: %v, was %v", p, before)
			}
		})
	}
}

func TestHolmRefusesImpossiblePValues(t *testing.T) {
	if _, err := stats.Holm([]float64{0.2, 1.5}); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("error = %v, want ErrDomain", err)
	}
}
