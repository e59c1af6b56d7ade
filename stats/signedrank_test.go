package stats_test

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestPairedSignedRankTest(t *testing.T) {
	cases := MustReadGolden(t, "signedrank.csv")
	// R answers NaN (with a warning) when every difference is zero.
	expected := map[string]error{"all-zero": stats.ErrConstant}
	MustNameCases(t, cases, expected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			r, err := stats.PairedSignedRankTest(c.Floats(t, "post"), c.Floats(t, "pre"), c.Alternative(t, "alternative"))
			if !MustMatchError(t, c, err, expected) {
				return
			}
			if got, want := r.Exact, c["exact"] == "TRUE"; got != want {
				t.Fatalf("Exact = %v, R's method is exact: %v", got, want)
			}
			worst.Check(t, "V", r.V, c.Float(t, "statistic"), exactTol)
			worst.Check(t, "p", r.P, c.Float(t, "p_value"), exactTol)
		})
	}
}

func TestSignedRankTestCountsZeros(t *testing.T) {
	r, err := stats.SignedRankTest([]float64{0, 1.5, -0.5, 0, 2}, stats.TwoSided)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.N, 3; got != want {
		t.Fatalf("N = %d, want %d", got, want)
	}
	if got, want := r.Zeros, 2; got != want {
		t.Fatalf("Zeros = %d, want %d", got, want)
	}
	if _, err := stats.SignedRankTest(nil, stats.TwoSided); !errors.Is(err, stats.ErrTooFew) {
		t.Fatalf("no differences: error = %v, want ErrTooFew", err)
	}
}

// BenchmarkSignedRankExact times the exact path at its largest, n = 49.
func BenchmarkSignedRankExact(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	d := make([]float64, 49)
	for i := range d {
		d[i] = rng.NormFloat64() + 0.3
	}
	for b.Loop() {
		r, err := stats.SignedRankTest(d, stats.TwoSided)
		if err != nil || !r.Exact {
			b.Fatalf("exact path not taken: %+v, %v", r, err)
		}
	}
}
