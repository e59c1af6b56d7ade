package stats_test

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact/stats"
)

// The tolerances of the spec: results equal R's to 1e-9 relative error, or
// 1e-6 where R itself approximates.
const (
	exactTol  = 1e-9
	approxTol = 1e-6
)

// goldenCase is one row of a golden CSV written by testdata/stats/golden.R.
type goldenCase map[string]string

// MustReadGolden reads testdata/stats/name, one map of column to text per row.
func MustReadGolden(t *testing.T, name string) []goldenCase {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "stats", name))
	if err != nil {
		t.Fatalf("open golden values (run `make golden`): %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	if len(records) < 31 {
		t.Fatalf("%s has %d cases, want at least 30", name, len(records)-1)
	}
	header := records[0]
	cases := make([]goldenCase, 0, len(records)-1)
	for _, record := range records[1:] {
		c := goldenCase{}
		for i, column := range header {
			c[column] = record[i]
		}
		cases = append(cases, c)
	}
	return cases
}

// Float returns the number in column, NaN for R's NA.
func (c goldenCase) Float(t *testing.T, column string) float64 {
	t.Helper()
	text, ok := c[column]
	if !ok {
		t.Fatalf("golden case %q has no column %q", c["case"], column)
	}
	if text == "NA" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		t.Fatalf("golden case %q, column %q: %v", c["case"], column, err)
	}
	return v
}

// Floats returns the ";"-separated numbers in column.
func (c goldenCase) Floats(t *testing.T, column string) []float64 {
	t.Helper()
	var values []float64
	for _, text := range strings.Split(c[column], ";") {
		if text == "NA" {
			values = append(values, math.NaN())
			continue
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			t.Fatalf("golden case %q, column %q: %v", c["case"], column, err)
		}
		values = append(values, v)
	}
	return values
}

// Int returns the whole number in column.
func (c goldenCase) Int(t *testing.T, column string) int {
	t.Helper()
	v := c.Float(t, column)
	if v != math.Trunc(v) {
		t.Fatalf("golden case %q, column %q: %v is not a whole number", c["case"], column, v)
	}
	return int(v)
}

// Alternative returns the alternative named in column.
func (c goldenCase) Alternative(t *testing.T, column string) stats.Alternative {
	t.Helper()
	for _, alt := range []stats.Alternative{stats.TwoSided, stats.Greater, stats.Less} {
		if alt.String() == c[column] {
			return alt
		}
	}
	t.Fatalf("golden case %q: unknown alternative %q", c["case"], c[column])
	return 0
}

// relativeError is |got − want| / |want|, the absolute error where R's value
// is exactly zero, 0 when both are the same infinity or both NaN, and +Inf
// when only one of them is NaN or infinite.
func relativeError(got, want float64) float64 {
	switch {
	case got == want, math.IsNaN(got) && math.IsNaN(want):
		return 0
	case math.IsNaN(got), math.IsNaN(want), math.IsInf(got, 0), math.IsInf(want, 0):
		return math.Inf(1)
	case want == 0:
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// worstError keeps the largest relative error of a method across its
// subtests and reports it when the test ends (see `go test -v`).
type worstError struct {
	err  float64
	what string
}

// MustTrackWorst returns a worstError that logs itself when t ends.
func MustTrackWorst(t *testing.T) *worstError {
	t.Helper()
	w := &worstError{}
	t.Cleanup(func() { t.Logf("max relative error vs R: %.3g (%s)", w.err, w.what) })
	return w
}

// Check fails t when got is further than tol (relative) from R's want.
func (w *worstError) Check(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	e := relativeError(got, want)
	if e > w.err {
		w.err, w.what = e, t.Name()+" "+what
	}
	if e > tol {
		t.Errorf("%s = %.17g, R says %.17g (relative error %.3g > %g)", what, got, want, e, tol)
	}
}

// MustMatchError checks err against the outcome R had for c. A case in
// expected must fail with that sentinel; R refused it, or R's answer is NaN
// or infinite where this package deliberately refuses. Every other case must
// succeed, and a case R refused must be in expected. It reports whether the
// values should be compared.
func MustMatchError(t *testing.T, c goldenCase, err error, expected map[string]error) bool {
	t.Helper()
	want, refused := expected[c["case"]]
	if c["error"] != "" && !refused {
		t.Fatalf("R refused this case (%q) but the test expects no error", c["error"])
	}
	if refused {
		if !errors.Is(err, want) {
			t.Fatalf("error = %v, want %v (R: %q)", err, want, c["error"])
		}
		return false
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	return true
}

// MustNameCases fails t when a name in expected is not a case of cases, so
// that a renamed case cannot silently drop its expectation.
func MustNameCases(t *testing.T, cases []goldenCase, expected map[string]error) {
	t.Helper()
	names := map[string]bool{}
	for _, c := range cases {
		names[c["case"]] = true
	}
	for name := range expected {
		if !names[name] {
			t.Fatalf("expected outcome for %q, which is no golden case", name)
		}
	}
}

// nan returns a NaN for the tests of refused input.
func nan() float64 { return math.NaN() }
