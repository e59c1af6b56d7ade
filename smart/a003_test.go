package smart_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/smart"
)

// a003Tol is the spec's tolerance where R itself approximates (its root
// finders): the lint's minimum detectable change equals R's to 1e-6.
const a003Tol = 1e-6

// a003Case is one row of testdata/smart/a003.csv, written by a003.R.
type a003Case struct {
	name, kind, sdSource, direction string
	n                               int
	sd, conf, baseline, delta       float64
}

// MustReadA003 reads the golden values of A003.
func MustReadA003(t *testing.T) []a003Case {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "smart", "a003.csv"))
	if err != nil {
		t.Fatalf("open golden values (Rscript testdata/smart/a003.R): %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	number := func(s string) float64 {
		if s == "" {
			return 0
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("a003.csv: %v", err)
		}
		return x
	}
	var cases []a003Case
	for _, r := range records[1:] {
		cases = append(cases, a003Case{name: r[0], kind: r[1], sdSource: r[2], n: int(number(r[3])), sd: number(r[4]),
			conf: number(r[5]), baseline: number(r[6]), direction: r[7], delta: number(r[8])})
	}
	if len(cases) < 60 {
		t.Fatalf("a003.csv has %d cases, want at least 60", len(cases))
	}
	return cases
}

// project returns the one-goal project of the case, asking for a change of
// the given size in the goal's direction, and the data it is judged on.
// Cases with the SD from the data are judged at the data's n (the goal is
// due); those with the SD from a scale, before any data, at expected_n.
// Proportions alternate between the two.
func (c a003Case) project(t *testing.T, i int, change float64) (*impact.Project, *smart.Data) {
	t.Helper()
	target := c.baseline + change
	if c.direction == impact.Decrease {
		target = c.baseline - change
	}
	var measure string
	switch {
	case c.kind == "proportion":
		measure = "{kind: proportion, source: followups, success: {status: employed}}"
	case c.kind == "mean" && c.sdSource == "data":
		measure = "{kind: mean, source: attendance, column: new_contacts}"
	case c.kind == "mean":
		measure = "{kind: mean, instrument: " + c.sdSource + ", wave: post}"
	case c.sdSource == "data":
		// A scale wide enough that no target of the cases leaves it.
		measure = "{kind: paired_change, instrument: wide}"
	default:
		measure = "{kind: paired_change, instrument: " + c.sdSource + "}"
	}
	fromData := c.sdSource == "data" || c.kind == "proportion" && i%2 == 0
	expected := ""
	if !fromData {
		expected = fmt.Sprintf("    expected_n: %d\n", c.n)
	}
	text := fmt.Sprintf(`version: 1
project: {id: a003, language: en, confidence: %.17g}
instruments:
  - {id: swemwbs, builtin: swemwbs}
  - {id: mean5, name: Mean of 1-5, items: [m1, m2, m3], scale: {min: 1, max: 5}, score: mean}
  - {id: sum4x5, name: Sum of four 1-5, items: [s1, s2, s3, s4], scale: {min: 1, max: 5}, score: sum}
  - {id: wide, name: Wide, items: [w1, w2, w3, w4, w5, w6, w7, w8, w9, w10], scale: {min: 0, max: 10}}
indicators:
  - id: goal
    name: The goal
    measure: %s
    baseline: {value: %.17g, date: 2024-12-31, source: R}
    target: %.17g
    direction: %s
%s`, c.conf, measure, c.baseline, target, c.direction, expected)
	p, err := impact.Parse("impact.yaml", []byte(text))
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if !fromData {
		return p, nil
	}
	result := impact.Result{ID: "goal", Kind: c.kind, N: impact.Int(c.n), Status: impact.StatusLikelyMet, Due: true}
	if c.kind != "proportion" {
		result.SD = impact.Float(c.sd)
	}
	return p, smart.FromEvaluation(&impact.Evaluation{Indicators: []impact.Result{result}})
}

// TestA003AgreesWithR drives every golden case through the lint: the
// minimum detectable change it computes equals R's, and it warns exactly
// when the change asked for is smaller than that.
func TestA003AgreesWithR(t *testing.T) {
	worst, worstCase := 0.0, ""
	kinds := map[string]int{}
	for i, c := range MustReadA003(t) {
		kinds[c.kind+"/"+c.sdSource]++
		t.Run(c.name, func(t *testing.T) {
			p, data := c.project(t, i, c.delta)
			d, ok := smart.DetectableChange(p, &p.Indicators[0], data)
			if !ok {
				t.Fatalf("A003 does not apply")
			}
			if got, want := d.N, c.n; got != want {
				t.Errorf("n = %d, want %d", got, want)
			}
			if c.kind != "proportion" {
				if got, want := d.SDFromData, c.sdSource == "data"; got != want {
					t.Errorf("SD from data = %v, want %v", got, want)
				}
				if got, want := d.SD, c.sd; got != want {
					t.Errorf("SD = %v, want %v", got, want)
				}
			}
			rel := math.Abs(d.MinDetectable-c.delta) / c.delta
			if rel > worst {
				worst, worstCase = rel, c.name
			}
			if rel > a003Tol {
				t.Errorf("minimum detectable change = %.17g, R says %.17g (relative error %.3g)", d.MinDetectable, c.delta, rel)
			}

			// Just below what can be seen, the lint warns; just above, it does not.
			for _, step := range []struct {
				factor float64
				warn   bool
			}{{1 - a003Tol, true}, {1 + a003Tol, false}} {
				p, data := c.project(t, i, c.delta*step.factor)
				findings := smart.Lint(p, data)
				i := slices.IndexFunc(findings, func(f impact.Finding) bool { return f.Rule == "A003" })
				if got := i >= 0; got != step.warn {
					t.Errorf("change %.9g × R's: A003 = %v, want %v\n%s", step.factor, got, step.warn, dump(findings))
					continue
				}
				if i < 0 {
					continue
				}
				// The message gives both numbers, in the measure's unit.
				mdc, asked := fmt.Sprintf("%.2f", c.delta), fmt.Sprintf("%.2f", c.delta*step.factor)
				if c.kind == "proportion" {
					mdc, asked = fmt.Sprintf("%.1f percentage points", 100*c.delta), fmt.Sprintf("%.1f percentage points", 100*c.delta*step.factor)
				}
				if msg := findings[i].Message; !strings.Contains(msg, "is "+mdc) || !strings.Contains(msg, "a change of "+asked) {
					t.Errorf("message %q does not give %s and %s", msg, mdc, asked)
				}
			}
		})
	}
	t.Logf("max relative error vs R: %.3g (%s)", worst, worstCase)
	for _, kind := range []string{"mean/data", "paired_change/data", "mean/swemwbs", "paired_change/swemwbs", "mean/mean5", "paired_change/sum4x5", "proportion/"} {
		if kinds[kind] == 0 {
			t.Errorf("no golden case of %s", kind)
		}
	}
}
