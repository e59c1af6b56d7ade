package stats_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestTriangularQuantile(t *testing.T) {
	cases := MustReadGolden(t, "triangular.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			d, err := stats.NewTriangular(c.Float(t, "low"), c.Float(t, "mid"), c.Float(t, "high"))
			if err != nil {
				t.Fatal(err)
			}
			worst.Check(t, "quantile", d.Quantile(c.Float(t, "u")), c.Float(t, "quantile"), exactTol)
		})
	}
}

// TestTriangularRand checks seeded draws against the distribution: the 5th,
// 50th and 95th sample percentiles of 10,000 draws must lie within four
// standard errors of R's quantiles, the standard error of a sample p-quantile
// being √(p(1−p)/n) / density(quantile).
func TestTriangularRand(t *testing.T) {
	cases := MustReadGolden(t, "triangular.csv")
	const draws = 10000
	for _, c := range cases {
		u := c.Float(t, "u")
		if u != 0.05 && u != 0.5 && u != 0.95 {
			continue
		}
		t.Run(c["case"], func(t *testing.T) {
			low, mid, high := c.Float(t, "low"), c.Float(t, "mid"), c.Float(t, "high")
			d, err := stats.NewTriangular(low, mid, high)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(7, 11))
			x := make([]float64, draws)
			for i := range x {
				x[i] = d.Rand(rng)
				if x[i] < low || x[i] > high {
					t.Fatalf("draw %v outside [%v, %v]", x[i], low, high)
				}
			}
			q, err := stats.Quantiles(x, []float64{u})
			if err != nil {
				t.Fatal(err)
			}
			want := c.Float(t, "quantile")
			density := 2 * (want - low) / ((high - low) * (mid - low))
			if want > mid {
				density = 2 * (high - want) / ((high - low) * (high - mid))
			}
			se := math.Sqrt(u*(1-u)/draws) / density
			if got := q[0]; math.Abs(got-want) > 4*se {
				t.Fatalf("sample %v-quantile = %v, R's quantile %v, more than 4 standard errors (%v) apart", u, got, want, se)
			}
		})
	}
}

func TestTriangularIsRepeatable(t *testing.T) {
	d, err := stats.NewTriangular(0.1, 0.2, 0.4)
	if err != nil {
		t.Fatal(err)
	}
	first, second := rand.New(rand.NewPCG(42, 0)), rand.New(rand.NewPCG(42, 0))
	for i := range 100 {
		if got, want := d.Rand(first), d.Rand(second); got != want {
			t.Fatalf("draw %d: %v and %v from the same seed", i, got, want)
		}
	}
}

func TestTriangularConstant(t *testing.T) {
	d, err := stats.NewTriangular(0.25, 0.25, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 10 {
		if got, want := d.Rand(rng), 0.25; got != want {
			t.Fatalf("draw = %v, want the constant %v", got, want)
		}
	}
	if _, err := stats.NewTriangular(1, 0.5, 2); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("mid below low: error = %v, want ErrDomain", err)
	}
}

// BenchmarkTriangularMonteCarlo times 10,000 draws and their 5th, 50th and
// 95th percentiles, one parameter of the SROI Monte Carlo.
func BenchmarkTriangularMonteCarlo(b *testing.B) {
	d, err := stats.NewTriangular(100, 250, 600)
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, 10000)
	for b.Loop() {
		rng := rand.New(rand.NewPCG(2024, 6))
		for i := range x {
			x[i] = d.Rand(rng)
		}
		if _, err := stats.Quantiles(x, []float64{0.05, 0.5, 0.95}); err != nil {
			b.Fatal(err)
		}
	}
}
