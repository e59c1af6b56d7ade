package main

import (
	"cmp"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// MustEvaluateTyped runs impact evaluate --json on a case and reads it back
// into an Evaluation, as a tool reading the JSON would.
func MustEvaluateTyped(t *testing.T, dir, dbPath string, args ...string) *impact.Evaluation {
	t.Helper()
	r := MustRun(t, dir, append([]string{"--project", dir, "--db", dbPath, "evaluate", "--json"}, args...)...)
	var ev impact.Evaluation
	if err := json.Unmarshal([]byte(r.stdout), &ev); err != nil {
		t.Fatalf("the JSON does not decode into an Evaluation: %v", err)
	}
	return &ev
}

// TestEvaluatePairs checks the pairs behind the paired changes of the
// golden case "paired": as many as participants with both waves, each
// distinct pair once with its count, sorted by
// (pre, post), and the mean of their changes is R's estimate. With min_cell
// raised above a goal's n, that goal is suppressed and carries no pairs.
func TestEvaluatePairs(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "evaluate", "paired"))
	if err != nil {
		t.Fatal(err)
	}
	estimates := map[string]float64{}
	var asOf []string
	for _, x := range MustReadExpected(t, dir) {
		if x.subject == "evaluation" && x.field == "as_of" {
			asOf = []string{"--as-of", x.value}
		}
		if x.field == "estimate" && !strings.Contains(x.subject, "/") {
			if estimates[x.subject], err = strconv.ParseFloat(x.value, 64); err != nil {
				t.Fatal(err)
			}
		}
	}
	ev := MustEvaluateTyped(t, dir, MustLoadCase(t, dir), asOf...)
	paired := 0
	for _, r := range ev.Indicators {
		if r.Kind != impact.KindPairedChange {
			if r.Pairs != nil {
				t.Errorf("%s (%s) has pairs", r.ID, r.Kind)
			}
			continue
		}
		paired++
		t.Run(r.ID, func(t *testing.T) {
			if r.N == nil || *r.N < ev.MinCell {
				t.Fatalf("n = %s, want at least min_cell %d for this test", fmtN(r.N), ev.MinCell)
			}
			if got, want := impact.CountPairs(r.Pairs), *r.N; got != want {
				t.Fatalf("%d pairs, want n = %d", got, want)
			}
			if !slices.IsSortedFunc(r.Pairs, func(a, b impact.Pair) int {
				return cmp.Or(cmp.Compare(a.Pre, b.Pre), cmp.Compare(a.Post, b.Post))
			}) {
				t.Errorf("the pairs are not sorted by (pre, post): %v", r.Pairs)
			}
			var sum float64
			for i, p := range r.Pairs {
				sum += (p.Post - p.Pre) * float64(p.N)
				if i > 0 && r.Pairs[i-1].Pre == p.Pre && r.Pairs[i-1].Post == p.Post {
					t.Errorf("the pair %v is listed twice, not counted", p)
				}
			}
			mean := sum / float64(*r.N)
			want, ok := estimates[r.ID]
			if !ok {
				t.Fatalf("expected.csv has no estimate of %s", r.ID)
			}
			if e := math.Abs(mean-want) / math.Abs(want); e > exactTol {
				t.Errorf("mean of post − pre = %.17g, R's estimate %.17g (relative error %.3g)", mean, want, e)
			}
			if r.Estimate == nil || math.Abs(mean-*r.Estimate) > 1e-12*math.Abs(mean) {
				t.Errorf("mean of post − pre = %.17g, the result's estimate %v", mean, r.Estimate)
			}
		})
	}
	if paired == 0 {
		t.Fatal("the case has no paired change")
	}

	t.Run("suppressed", func(t *testing.T) {
		// calm_change rests on 5 people: with min_cell 6 it is suppressed,
		// while wellbeing (9 people) still shows its pairs.
		raised := t.TempDir()
		yaml, err := os.ReadFile(filepath.Join(dir, "impact.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(yaml), "min_cell: 3", "min_cell: 6", 1)
		if text == string(yaml) {
			t.Fatal("impact.yaml of the paired case no longer says min_cell: 3")
		}
		if err := os.WriteFile(filepath.Join(raised, "impact.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(raised, "data"), os.DirFS(filepath.Join(dir, "data"))); err != nil {
			t.Fatal(err)
		}
		ev := MustEvaluateTyped(t, raised, MustLoadCase(t, raised), asOf...)
		for id, suppressed := range map[string]bool{"calm_change": true, "calm_in_2025": true, "wellbeing": false} {
			r, ok := ev.Result(id)
			if !ok {
				t.Fatalf("no result %s", id)
			}
			if r.Suppressed != suppressed {
				t.Fatalf("%s: suppressed = %v, want %v (n %s, min_cell %d)", id, r.Suppressed, suppressed, fmtN(r.N), ev.MinCell)
			}
			if got, want := len(r.Pairs) > 0, !suppressed; got != want {
				t.Errorf("%s: %d pairs, suppressed %v", id, len(r.Pairs), suppressed)
			}
		}
	})
}

// fmtN writes an n that may be null.
func fmtN(n *int) string {
	if n == nil {
		return "null"
	}
	return strconv.Itoa(*n)
}
