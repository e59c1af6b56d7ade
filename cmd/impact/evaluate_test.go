package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact/store"
)

// The golden cases of impact evaluate: small hand-made projects under
// testdata/evaluate/CASE (impact.yaml and data/TABLE.csv), and the figures R
// computes for them (expected.csv, written by `Rscript
// testdata/evaluate/make.R` from the repository root). Each test loads the CSVs into a real store with
// store.BeginLoad, runs impact evaluate --json in-process and compares.

// evaluateCases are the folders under testdata/evaluate.
var evaluateCases = []string{"count", "proportion", "mean", "paired", "ratio", "costs", "suppression", "asof", "degenerate", "compare", "compare-90"}

const (
	// exactTol is the spec's tolerance: R's figures to 1e-9 relative.
	exactTol = 1e-9
)

// MustLoadCase loads the data files of a case into a new store and returns
// the store's path. A responses file is wide (one column per item, stored
// as one answers row per line with the items in column order, as ingest
// does) unless it has item and value columns.
func MustLoadCase(t *testing.T, dir string) string {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "impact.duckdb")
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, kind := range store.Kinds {
		path := filepath.Join(dir, "data", kind+".csv")
		content, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(bytes.NewReader(content)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		sum := sha256.Sum256(content)
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/" + kind + ".csv", Kind: kind, Hash: hex.EncodeToString(sum[:]),
			Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		header := records[0]
		columns := store.Tables[kind]
		wide := kind == "responses" && !slices.Contains(header, "item")
		for i, record := range records[1:] {
			line := i + 2
			cell := func(column string) any {
				at := slices.Index(header, column)
				if at < 0 || record[at] == "" {
					return nil
				}
				return mustValue(t, path, line, store.ColumnType(kind, column), record[at])
			}
			if !wide {
				values := make([]any, len(columns))
				for j, column := range columns {
					values[j] = cell(column)
				}
				if err := load.Append(line, values...); err != nil {
					t.Fatal(err)
				}
				continue
			}
			var items []string
			var values []any
			for j, item := range header {
				if slices.Contains(columns, item) {
					continue
				}
				var value any
				if record[j] != "" {
					value = mustValue(t, path, line, "DOUBLE", record[j])
				}
				items, values = append(items, item), append(values, value)
			}
			form, err := load.Form(items)
			if err != nil {
				t.Fatal(err)
			}
			if err := load.Append(line, cell("participant"), cell("event"), cell("date"), cell("wave"), form, values); err != nil {
				t.Fatal(err)
			}
		}
		if err := load.Commit(int64(len(records)-1), int64(len(records)-1), 0); err != nil {
			t.Fatal(err)
		}
	}
	return dbPath
}

// mustValue converts a CSV cell to the Go value of a DuckDB column type.
func mustValue(t *testing.T, path string, line int, columnType, text string) any {
	t.Helper()
	var v any
	var err error
	switch columnType {
	case "INTEGER":
		v, err = strconv.ParseInt(text, 10, 64)
	case "DOUBLE":
		v, err = strconv.ParseFloat(text, 64)
	case "DATE":
		v, err = time.Parse("2006-01-02", text)
	case "BOOLEAN":
		v, err = strconv.ParseBool(text)
	case "UBIGINT":
		// A participant id as a pseudonym: its first eight bytes as the
		// pseudonym's 64 bits, so that ids sort as their pseudonyms do.
		if len(text) > 8 {
			t.Fatalf("%s:%d: participant %q is longer than eight bytes", path, line, text)
		}
		var bits [8]byte
		copy(bits[:], text)
		v = store.ParticipantText(binary.BigEndian.Uint64(bits[:]))
	default:
		v = text
	}
	if err != nil {
		t.Fatalf("%s:%d: %v", path, line, err)
	}
	return v
}

// expectation is one figure R computed: the field of a subject (an
// indicator id; id/dimension/group for a group; id/series/label for a
// measurement point; id/forecast; costs; costs/lines/activity/partner/category;
// value; value/sensitivity/parameter; evaluation) and its value, "NA" for
// null.
type expectation struct {
	subject, field, value string
	tol                   float64
}

// MustReadExpected reads a case's expected.csv.
func MustReadExpected(t *testing.T, dir string) []expectation {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expected.csv"))
	if err != nil {
		t.Fatalf("no golden values (run Rscript testdata/evaluate/make.R): %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var list []expectation
	for _, r := range records[1:] {
		tol, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			t.Fatalf("expected.csv: tolerance %q: %v", r[3], err)
		}
		list = append(list, expectation{subject: r[0], field: r[1], value: r[2], tol: tol})
	}
	return list
}

// find returns the JSON object a subject names in the evaluation.
func find(ev map[string]any, subject string) (map[string]any, bool) {
	parts := strings.Split(subject, "/")
	switch parts[0] {
	case "evaluation":
		return ev, true
	case "costs":
		costs, ok := ev["costs"].(map[string]any)
		if !ok || len(parts) == 1 {
			return costs, ok
		}
		if parts[1] == "per_outcome" {
			perOutcome, ok := costs["per_outcome"].(map[string]any)
			return perOutcome, ok
		}
		if len(parts) != 5 {
			return nil, false
		}
		for _, line := range asList(costs["lines"]) {
			if line["activity"] == parts[2] && line["partner"] == parts[3] && line["category"] == parts[4] {
				return line, true
			}
		}
		return nil, false
	case "value":
		value, ok := ev["value"].(map[string]any)
		if !ok || len(parts) == 1 {
			return value, ok
		}
		if len(parts) != 3 {
			return nil, false
		}
		for _, s := range asList(value["sensitivity"]) {
			if s["parameter"] == parts[2] {
				return s, true
			}
		}
		return nil, false
	}
	for _, r := range asList(ev["indicators"]) {
		if r["id"] != parts[0] {
			continue
		}
		switch {
		case len(parts) == 1:
			return r, true
		case len(parts) == 2 && (parts[1] == "forecast" || parts[1] == "comparison" || parts[1] == "attrition_test"):
			f, ok := r[parts[1]].(map[string]any)
			return f, ok
		case len(parts) != 3:
			return nil, false
		case parts[1] == "series":
			for _, p := range asList(r["series"]) {
				if p["label"] == parts[2] {
					return p, true
				}
			}
		default:
			for _, g := range asList(r["disaggregation"]) {
				if g["dimension"] == parts[1] && g["group"] == parts[2] {
					return g, true
				}
			}
		}
	}
	return nil, false
}

func asList(v any) []map[string]any {
	var list []map[string]any
	items, _ := v.([]any)
	for _, item := range items {
		if m, ok := item.(map[string]any); ok {
			list = append(list, m)
		}
	}
	return list
}

// check compares one figure and reports a mismatch.
func check(t *testing.T, x expectation, got any) {
	t.Helper()
	where := x.subject + "." + x.field
	switch {
	case x.value == "NA":
		if got != nil {
			t.Errorf("%s = %v, want null", where, got)
		}
	case x.value == "TRUE" || x.value == "FALSE":
		if got != (x.value == "TRUE") {
			t.Errorf("%s = %v, want %s", where, got, x.value)
		}
	default:
		want, err := strconv.ParseFloat(x.value, 64)
		if err != nil {
			if got != x.value {
				t.Errorf("%s = %v, want %q", where, got, x.value)
			}
			return
		}
		number, ok := got.(float64)
		if !ok {
			t.Errorf("%s = %v, want %v", where, got, want)
			return
		}
		diff := math.Abs(number - want)
		if want != 0 {
			diff /= math.Abs(want)
		}
		if diff > x.tol {
			t.Errorf("%s = %.17g, want %.17g (R), relative error %.3g > %g", where, number, want, diff, x.tol)
		}
	}
}

// MustEvaluateJSON runs impact evaluate --json on a case and decodes it,
// failing on any number JSON cannot hold.
func MustEvaluateJSON(t *testing.T, dir, dbPath string, args ...string) map[string]any {
	t.Helper()
	r := MustRun(t, dir, append([]string{"--project", dir, "--db", dbPath, "evaluate", "--json"}, args...)...)
	for _, bad := range []string{"NaN", "Inf"} {
		if strings.Contains(r.stdout, bad) {
			t.Fatalf("the JSON holds %s:\n%s", bad, r.stdout)
		}
	}
	var ev map[string]any
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.UseNumber()
	if err := dec.Decode(&ev); err != nil {
		t.Fatalf("the JSON does not decode: %v\n%s", err, r.stdout)
	}
	return normalise(ev).(map[string]any)
}

// normalise turns json.Numbers into float64, checking that each is finite.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalise(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = normalise(x)
		}
		return v
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			panic(err)
		}
		return f
	}
	return v
}

func TestEvaluateGolden(t *testing.T) {
	for _, name := range evaluateCases {
		t.Run(name, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "evaluate", name))
			if err != nil {
				t.Fatal(err)
			}
			expected := MustReadExpected(t, dir)
			var args []string
			for _, x := range expected {
				if x.subject == "evaluation" && x.field == "as_of" {
					args = append(args, "--as-of", x.value)
				}
			}
			ev := MustEvaluateJSON(t, dir, MustLoadCase(t, dir), args...)
			for _, x := range expected {
				object, ok := find(ev, x.subject)
				if !ok {
					if x.value != "NA" {
						t.Errorf("%s: not in the evaluation", x.subject)
					}
					continue
				}
				check(t, x, object[x.field])
			}
		})
	}
}

func TestEvaluateTable(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "evaluate", "proportion"))
	if err != nil {
		t.Fatal(err)
	}
	r := MustRun(t, dir, "--project", dir, "--db", MustLoadCase(t, dir), "evaluate", "--as-of", "2025-09-30", "--lang", "en")
	for _, want := range []string{
		"Goals of golden-proportion as of 2025-09-30 (intervals at 95 % confidence)",
		"ESTIMATE [INTERVAL]",
		"work6", "◔ likely met", "0.538 [0.291, 0.768]", "↑ 0.400", "2025-09-30 (due)",
		"inactive6", "↓ 0.300",
		"few", "… insufficient data",
		"monthly3", "[", "on track",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the table lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("colour codes in output that is not a terminal:\n%s", r.stdout)
	}
}

func TestEvaluateUsage(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "evaluate", "count"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "impact.duckdb")
	for _, tc := range []struct {
		args    []string
		message string
	}{
		{[]string{"evaluate", "--as-of", "2025-13-01"}, `--as-of "2025-13-01" is not a date; write it as YYYY-MM-DD`},
		{[]string{"evaluate", "--as-of", "30/11/2025"}, "is not a date"},
		{[]string{"evaluate", "now"}, "impact evaluate takes no arguments"},
	} {
		r := run(t, dir, append(append([]string{"--project", dir, "--db", db}, tc.args...), "--lang", "en")...)
		if got, want := r.code, 2; got != want {
			t.Errorf("impact %v: exit %d, want %d", tc.args, got, want)
		}
		if !strings.Contains(r.stderr, tc.message) {
			t.Errorf("impact %v: stderr %q lacks %q", tc.args, r.stderr, tc.message)
		}
	}
}

// TestEvaluateEmptyStore evaluates the example project before anything is
// ingested: every goal says no_data (or no_target), none fails, and the
// as-of date is today by the injected clock.
func TestEvaluateEmptyStore(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "example"))
	if err != nil {
		t.Fatal(err)
	}
	ev := MustEvaluateJSON(t, dir, filepath.Join(t.TempDir(), "impact.duckdb"))
	if got, want := ev["as_of"], "2025-03-01"; got != want {
		t.Errorf("as_of = %v, want %v (today by the test's clock)", got, want)
	}
	if got, want := ev["generated_at"], "2025-03-01T12:00:00Z"; got != want {
		t.Errorf("generated_at = %v, want %v", got, want)
	}
	if hash, _ := ev["data_hash"].(string); len(hash) != 64 {
		t.Errorf("data_hash = %q, want a hex SHA-256", hash)
	}
	indicators := asList(ev["indicators"])
	if len(indicators) == 0 {
		t.Fatal("no indicators")
	}
	for _, r := range indicators {
		status := r["status"]
		if status != "no_data" && status != "no_target" {
			t.Errorf("%s: status %v with no data, want no_data", r["id"], status)
		}
		for _, field := range []string{"p_value", "p_adjusted", "prob_target_met", "ci_low", "ci_high", "forecast"} {
			if r[field] != nil {
				t.Errorf("%s: %s = %v with no data, want null", r["id"], field, r[field])
			}
		}
	}
}

// TestEvaluateRepeatable runs the same evaluation twice: the same bytes,
// the Monte Carlo included.
func TestEvaluateRepeatable(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "evaluate", "costs"))
	if err != nil {
		t.Fatal(err)
	}
	db := MustLoadCase(t, dir)
	args := []string{"--project", dir, "--db", db, "evaluate", "--json", "--as-of", "2025-09-30"}
	first, second := MustRun(t, dir, args...), MustRun(t, dir, args...)
	if first.stdout != second.stdout {
		t.Errorf("two runs differ:\n%s\n%s", first.stdout, second.stdout)
	}
}

// TestEvaluateBadWhere: a where value the column cannot hold is an error
// that names the file, line and key and says what to write, exit 2.
func TestEvaluateBadWhere(t *testing.T) {
	dir := t.TempDir()
	project := `version: 1
project: {id: bad-where, name: Bad where}
theory_of_change:
  nodes:
    - {id: o1, level: output, name: Output}
indicators:
  - id: six
    name: Six months on
    node: o1
    measure: {kind: count, source: followups, where: {months_after: six}}
    target: 3
`
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "--db", filepath.Join(t.TempDir(), "impact.duckdb"), "evaluate", "--lang", "en")
	if got, want := r.code, 2; got != want {
		t.Fatalf("exit %d, want %d\n%s", got, want, r.stderr)
	}
	for _, want := range []string{"impact.yaml:10:", "indicators[0] (six).measure.where.months_after", `"six" is not a whole number; write one such as 6`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q lacks %q", r.stderr, want)
		}
	}
}
