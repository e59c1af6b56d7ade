package stats_test

import (
	"errors"
	"testing"

	"github.com/joiningforces/impact/stats"
)

func TestMinDetectableProportion(t *testing.T) {
	cases := MustReadGolden(t, "powerprop.csv")
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			delta, err := stats.MinDetectableProportion(c.Float(t, "p0"), c.Int(t, "n"), c.Float(t, "conf"), c.Alternative(t, "alternative"))
			if err != nil {
				t.Fatal(err)
			}
			worst.Check(t, "delta", delta, c.Float(t, "delta"), exactTol)
		})
	}
}

func TestMinDetectableMean(t *testing.T) {
	cases := MustReadGolden(t, "powert.csv")
	// R fails on both: for n = 1 it finds no root, for sd = 0 its search
	// interval sd·[1e-7, 1e7] is empty.
	expected := map[string]error{
		"n=1/sd=1/conf=0.95/one.sample": stats.ErrTooFew,
		"n=10/sd=0/conf=0.95/paired":    stats.ErrConstant,
	}
	MustNameCases(t, cases, expected)
	worst := MustTrackWorst(t)
	for _, c := range cases {
		t.Run(c["case"], func(t *testing.T) {
			delta, err := stats.MinDetectableMean(c.Int(t, "n"), c.Float(t, "sd"), c.Float(t, "conf"))
			if !MustMatchError(t, c, err, expected) {
				return
			}
			// R's delta comes from its own root finder on its own
			// noncentral t, both approximations: the spec allows 1e-6.
			worst.Check(t, "delta", delta, c.Float(t, "delta"), approxTol)
		})
	}
}

func TestMinDetectableRefuses(t *testing.T) {
	if _, err := stats.MinDetectableProportion(0.5, 0, 0.95, stats.Greater); !errors.Is(err, stats.ErrTooFew) {
		t.Fatalf("n = 0: error = %v, want ErrTooFew", err)
	}
	if _, err := stats.MinDetectableProportion(0.5, 10, 0.95, stats.TwoSided); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("two-sided: error = %v, want ErrDomain", err)
	}
	if _, err := stats.MinDetectableMean(10, -1, 0.95); !errors.Is(err, stats.ErrDomain) {
		t.Fatalf("negative sd: error = %v, want ErrDomain", err)
	}
}
