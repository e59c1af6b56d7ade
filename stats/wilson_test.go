package stats_test

import (
	"errors"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestWilson(t *testing.T) {
	cases := MustReadGolden(t, "proportion.csv")
	expected := map[string]error{"k=0/n=0": stats.ErrTooFew}
	MustNameCases(t, cases, expected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			ci, err := stats.Wilson(c.Int(t, "k"), c.Int(t, "n"), c.Float(t, "conf"))
			if !MustMatchError(t, c, err, expected) {
				return
			}
			worst.Check(t, "low", ci.Low, c.Float(t, "wilson_low"), exactTol)
			worst.Check(t, "high", ci.High, c.Float(t, "wilson_high"), exactTol)
		})
	}
}

func TestWilsonRefusesImpossibleCounts(t *testing.T) {
	for _, tc := range []struct {
		name string
		k, n int
		conf float64
	}{
		{"k>n", 6, 5, 0.95},
		{"negative-k", -1, 5, 0.95},
		{"conf=1", 2, 5, 1},
		{"conf=0", 2, 5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := stats.Wilson(tc.k, tc.n, tc.conf); !errors.Is(err, stats.ErrDomain) {
				t.Fatalf("error = %v, want ErrDomain", err)
			}
			if _, err := stats.ClopperPearson(tc.k, tc.n, tc.conf); !errors.Is(err, stats.ErrDomain) {
				t.Fatalf("ClopperPearson error = %v, want ErrDomain", err)
			}
		})
	}
}
