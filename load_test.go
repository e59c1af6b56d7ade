package impact_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// MustParse parses a project file's content and fails the test on error.
func MustParse(t *testing.T, src string) *impact.Project {
	t.Helper()
	p, err := impact.Parse("impact.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

func TestLoadSpecExample(t *testing.T) {
	p, err := impact.Load("testdata/project/spec-example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Info.ID, "boden-2025"; got != want {
		t.Fatalf("id = %q, want %q", got, want)
	}
	if got, want := len(p.Indicators), 3; got != want {
		t.Fatalf("indicators = %d, want %d", got, want)
	}
	ind, ok := p.Indicator("work_or_study_6m")
	if !ok {
		t.Fatal("work_or_study_6m missing")
	}
	if got, want := ind.Baseline.Value, 0.25; got != want {
		t.Fatalf("baseline = %v, want %v", got, want)
	}
	if got, want := ind.Baseline.Date.String(), "2024-10-31"; got != want {
		t.Fatalf("baseline date = %v, want %v", got, want)
	}
	if got, want := strings.Join(ind.Measure.Success["status"].Values, ","), "employed,studying"; got != want {
		t.Fatalf("success = %v, want %v", got, want)
	}
	if got, want := ind.Keys["target"], (impact.Pos{Line: 65, Column: 5}); got != want {
		t.Fatalf("target at %v, want %v", got, want)
	}
	sw, _ := p.Instrument("swemwbs")
	if got, want := len(sw.Items), 7; got != want {
		t.Fatalf("swemwbs items = %d, want %d", got, want)
	}
	jt, _ := p.Instrument("jobbtro")
	if got, want := jt.Score, "mean"; got != want {
		t.Fatalf("jobbtro score = %q, want %q", got, want)
	}
	px := p.Value.Proxies[0]
	if got, want := px.Displacement, (impact.Range{}); got.Low != want.Low || got.High != want.High {
		t.Fatalf("displacement = %+v", got)
	}
	if got, want := px.DropOff.Mid, 0.25; got != want {
		t.Fatalf("drop_off mid = %v, want %v", got, want)
	}
	pw, _ := p.Indicator("wellbeing_change")
	if got, want := pw.Measure.Pre+"/"+pw.Measure.Post, "pre/post"; got != want {
		t.Fatalf("waves = %s, want %s", got, want)
	}
}

func TestDefaults(t *testing.T) {
	p := MustParse(t, "version: 1\nproject: {id: x}\n")
	if p.Info.Confidence != 0.95 || p.Info.MinCell != 5 || p.Info.MinN != 5 || p.Info.Language != "sv" || p.Info.Currency != "SEK" {
		t.Fatalf("defaults not applied: %+v", p.Info)
	}
}

// base is a small valid project that each broken case changes in one place.
const base = `version: 1
project:
  id: test
  period: {start: 2025-01-01, end: 2025-12-31}
  partners:
    - {id: kommun, name: Kommunen, role: municipality}
target_groups:
  - {id: young, name: Unga}
theory_of_change:
  nodes:
    - {id: a1, level: activity, name: Träffar, responsible: kommun}
    - {id: o1, level: output, name: Möten, from: [a1]}
    - {id: s1, level: outcome, name: Jobb, from: [o1]}
    - {id: i1, level: impact, name: Integration, from: [s1]}
instruments:
  - {id: tro, items: [q1, q2], scale: {min: 1, max: 5}}
indicators:
  - id: n_people
    name: Deltagare
    node: o1
    measure: {kind: count, source: attendance, distinct: participant}
    target: 50
    deadline: 2025-06-30
`

func TestBaseIsValid(t *testing.T) {
	p := MustParse(t, base)
	if len(p.Warnings) != 0 {
		t.Fatalf("warnings: %v", p.Warnings)
	}
}

func TestValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		// pos is "line:column" of the first problem; message a fragment of it.
		pos     string
		message string
	}{
		{"unknown top-level key", base + "indicatorz: []\n", "24:1", `unknown key "indicatorz" in the top level; did you mean "indicators"?`},
		{"unknown nested key", strings.Replace(base, "    target: 50", "    targt: 50", 1), "22:5", `unknown key "targt" in indicators[0]; did you mean "target"?`},
		{"unknown key far from any", base + "zzzzzzzz: 1\n", "24:1", `the keys here are: `},
		{"duplicate key", base + "version: 1\n", "24:1", `the key "version" is written twice`},
		{"missing version", strings.Replace(base, "version: 1\n", "", 1), "1:1", "version: missing"},
		{"wrong version", strings.Replace(base, "version: 1", "version: 7", 1), "1:1", "7 is not a version"},
		{"missing project", strings.Replace(base, "project:\n  id: test\n  period: {start: 2025-01-01, end: 2025-12-31}\n  partners:\n    - {id: kommun, name: Kommunen, role: municipality}\n", "", 1), "1:1", "project: missing"},
		{"missing project id", strings.Replace(base, "  id: test\n", "  name: Test\n", 1), "3:3", "project.id: missing"},
		{"bad project id", strings.Replace(base, "id: test", "id: Boden 2025", 1), "3:3", `"Boden 2025" may hold only lower-case letters`},
		{"bad confidence", strings.Replace(base, "  id: test\n", "  id: test\n  confidence: 95\n", 1), "4:3", "95 is not a confidence level"},
		{"bad min_cell", strings.Replace(base, "  id: test\n", "  id: test\n  min_cell: 0\n", 1), "4:3", "project.min_cell"},
		{"bad language", strings.Replace(base, "  id: test\n", "  id: test\n  language: de\n", 1), "4:3", `"de" is not a language`},
		{"period reversed", strings.Replace(base, "end: 2025-12-31", "end: 2024-12-31", 1), "4:31", "is before the start"},
		{"bad date", strings.Replace(base, "deadline: 2025-06-30", "deadline: 30/06/2025", 1), "23:15", `"30/06/2025" is not a date; write it as YYYY-MM-DD`},
		{"impossible date", strings.Replace(base, "start: 2025-01-01", "start: 2025-02-30", 1), "4:19", `"2025-02-30" is not a date`},
		{"not a number", strings.Replace(base, "target: 50", "target: femtio", 1), "22:13", `target must be a number`},
		{"not a list", strings.Replace(base, "target_groups:\n  - {id: young, name: Unga}", "target_groups: young", 1), "7:16", "target_groups must be a list"},
		{"duplicate partner", strings.Replace(base, "    - {id: kommun, name: Kommunen, role: municipality}\n", "    - {id: kommun, name: Kommunen, role: municipality}\n    - {id: kommun, name: Annan}\n", 1), "7:8", `another partner already has the id "kommun"`},
		{"bad role", strings.Replace(base, "role: municipality", "role: municipalty", 1), "6:36", `"municipalty" is not a known role (did you mean "municipality"?)`},
		{"duplicate node", strings.Replace(base, "{id: o1, level: output", "{id: a1, level: output", 1), "12:8", `another node already has the id "a1"`},
		{"duplicate indicator", base + "  - id: n_people\n    name: Igen\n    measure: {kind: count, source: attendance}\n", "24:5", `another indicator already has the id "n_people"`},
		{"missing indicator id", base + "  - name: Utan id\n    measure: {kind: count, source: attendance}\n", "24:5", "this indicator has no id"},
		{"missing indicator name", base + "  - id: x\n    measure: {kind: count, source: attendance}\n", "24:5", "(x).name: missing"},
		{"missing measure", base + "  - id: x\n    name: X\n", "24:5", "(x).measure: missing"},
		{"unknown node ref", strings.Replace(base, "node: o1", "node: o2", 1), "20:5", `no node is called "o2" (did you mean "o1"?)`},
		{"unknown partner ref", strings.Replace(base, "responsible: kommun", "responsible: komun", 1), "11:48", `no partner is called "komun"`},
		{"unknown target group", strings.Replace(base, "    node: o1\n", "    node: o1\n    target_group: old\n", 1), "21:5", `no target group is called "old"`},
		{"unknown instrument", base + "  - id: m\n    name: M\n    measure: {kind: mean, instrument: tru}\n", "26:27", `no instrument is called "tru" (did you mean "tro"?); known: tro`},
		{"unknown source kind", strings.Replace(base, "source: attendance, distinct", "source: närvaro, distinct", 1), "21:28", `no kind of data is called "närvaro"`},
		{"unknown where column", strings.Replace(base, "distinct: participant}", "distinct: participant, where: {evnt_kind: meetup}}", 1), "21:90", `no attendance column is called "evnt_kind" (did you mean "event_kind"?)`},
		{"unknown indicator in per", base + "  - id: c\n    name: C\n    measure: {kind: cost_per, per: n_peple}\n", "26:31", `no indicator is called "n_peple"`},
		{"unknown indicator in proxy", base + "value:\n  proxies:\n    - {indicator: nope, value_per_outcome: 1000}\n", "26:8", `no indicator is called "nope"`},
		{"unknown node in assumption", strings.Replace(base, "instruments:", "  assumptions:\n    - {id: as1, text: T, about: [x9]}\ninstruments:", 1), "16:26", `no node is called "x9"`},
		{"edge down a level", strings.Replace(base, "{id: o1, level: output, name: Möten, from: [a1]}", "{id: o1, level: output, name: Möten, from: [a1, s1]}", 1), "12:44", `the edge from outcome "s1" down to output "o1"`},
		{"cycle", strings.Replace(strings.Replace(base, "name: Jobb, from: [o1]}", "name: Jobb, from: [o1, s2]}\n    - {id: s2, level: outcome, name: Mer, from: [s1]}", 1), "", "", 1), "14:43", `form a circle (s2 → s1 → s2)`},
		{"bad level", strings.Replace(base, "level: impact", "level: effect", 1), "14:16", `"effect" is not a known level`},
		{"missing level", strings.Replace(base, "level: impact, ", "", 1), "14:7", `has no level`},
		{"bad direction", strings.Replace(base, "    target: 50", "    target: 50\n    direction: up", 1), "23:5", `"up" is not a known direction`},
		{"bad frequency", strings.Replace(base, "    target: 50", "    target: 50\n    frequency: weekly", 1), "23:5", `"weekly" is not a known frequency`},
		{"bad kind", strings.Replace(base, "kind: count, source", "kind: sum, source", 1), "21:15", `"sum" is not a known kind of measure`},
		{"proportion without success", strings.Replace(base, "{kind: count, source: attendance, distinct: participant}", "{kind: proportion, source: followups}", 1), "21:14", "success: missing"},
		{"ratio of a mean", base + "  - id: m\n    name: M\n    measure: {kind: mean, instrument: tro}\n  - id: r\n    name: R\n    measure: {kind: ratio, numerator: m, denominator: n_people}\n", "29:39", `"m" is a mean, but a ratio divides counts`},
		{"cost without amount", base + "costs:\n  - {kind: actual, category: staff}\n", "25:5", "give amount:, or hours: and rate:"},
		{"cost bad category", base + "costs:\n  - {kind: actual, category: food, amount: 10}\n", "25:20", `"food" is not a known cost category`},
		{"range out of order", base + "value:\n  proxies:\n    - {indicator: n_people, value_per_outcome: 1000, deadweight: {low: 0.5, mid: 0.3, high: 0.6}}\n", "26:54", "are not in order"},
		{"share over one", base + "value:\n  proxies:\n    - {indicator: n_people, value_per_outcome: 1000, attribution: 30}\n", "26:54", "is a share and must lie between 0 and 1"},
		{"source without kind", base + "sources:\n  - {file: data/a.csv}\n", "25:5", "sources[0].kind: missing"},
		{"source unknown column", base + "sources:\n  - {file: data/a.csv, kind: attendance, columns: {Namn: deltagare}}\n", "25:42", `no attendance column is called "deltagare"`},
		{"source listed twice", base + "sources:\n  - {file: a.csv, kind: costs}\n  - {file: a.csv, kind: costs}\n", "26:6", "a.csv is listed twice"},
		{"reverse item unknown", strings.Replace(base, "scale: {min: 1, max: 5}}", "scale: {min: 1, max: 5}, reverse: [q3]}", 1), "16:57", `no item is called "q3"`},
		{"instrument without scale", strings.Replace(base, ", scale: {min: 1, max: 5}", "", 1), "16:5", "has no scale"},
		{"yaml syntax", base + "  - id: a: b\n", "24", "this is not valid YAML"},
		{"bad memo decision", base + "memo:\n  decision: fortsätt\n", "25:3", `"fortsätt" is not a known decision`},
		{"changes without decision", base + "memo:\n  decision: continue_with_changes\n", "25:3", "memo.changes: missing"},
		{"changes with continue", base + "memo:\n  decision: continue\n  changes: [Annat]\n", "26:3", "write decision: continue_with_changes"},
		{"kpi measure without kpi", base + "  - id: k\n    name: K\n    measure: {kind: kpi, municipality: \"2582\"}\n", "26:14", "measure.kpi: missing; name the Kolada key figure"},
		{"kpi measure without municipality", base + "  - id: k\n    name: K\n    measure: {kind: kpi, kpi: N00914}\n", "26:14", "give the municipality's code"},
		{"kpi measure bad gender", base + "  - id: k\n    name: K\n    measure: {kind: kpi, kpi: N00914, municipality: \"2582\", gender: W}\n", "26:61", `"W" is not a known Kolada gender`},
		{"kpi without id", base + "kpi:\n  - {title: Andel}\n", "25:5", "kpi[0].id: missing"},
		{"kpi bad compare", base + "kpi:\n  - {id: N00914, compare: [0]}\n", "25:18", `"0" is not a municipality code`},
		{"empty file", "", "1:1", "the project file is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := impact.Parse("impact.yaml", []byte(tc.src))
			if err == nil {
				t.Fatal("Parse succeeded; want an error")
			}
			if got, want := impact.ErrorCode(err), impact.EINVALID; got != want {
				t.Fatalf("code = %q, want %q", got, want)
			}
			var pe *impact.ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ProblemsError", err)
			}
			first := pe.Problems[0]
			if got, want := first.Pos.String(), tc.pos; got != want {
				t.Errorf("position = %s, want %s (%s)", got, want, first)
			}
			if !strings.Contains(first.String(), tc.message) {
				t.Errorf("message = %q, want it to contain %q", first.String(), tc.message)
			}
			if !strings.HasPrefix(first.String(), "impact.yaml:") {
				t.Errorf("message %q does not start with the file name", first.String())
			}
		})
	}
}

func TestDeadlineOutsidePeriodIsAWarning(t *testing.T) {
	p := MustParse(t, strings.Replace(base, "deadline: 2025-06-30", "deadline: 2026-06-30", 1))
	if got, want := len(p.Warnings), 1; got != want {
		t.Fatalf("warnings = %d, want %d", got, want)
	}
	if w := p.Warnings[0]; w.Pos.Line != 23 || !strings.Contains(w.Message, "outside the project period") {
		t.Fatalf("warning = %s", w)
	}
}

func TestAnchorsAndMerges(t *testing.T) {
	src := strings.Replace(base, "    target: 50\n", "    target: 50\n    baseline: &b {value: 10, date: 2024-12-31, source: Räkning}\n", 1) +
		"  - <<: &common {node: s1, deadline: 2025-09-30, direction: increase}\n    id: other\n    name: Annan\n    baseline: *b\n    measure: {kind: count, source: followups}\n    target: 20\n"
	p := MustParse(t, src)
	other, _ := p.Indicator("other")
	if other.Node != "s1" || other.Deadline.String() != "2025-09-30" || other.Baseline.Value != 10 {
		t.Fatalf("merge/alias not applied: node=%q deadline=%s baseline=%+v", other.Node, other.Deadline, other.Baseline)
	}
	if got, want := other.Keys["target"], (impact.Pos{Line: 30, Column: 5}); got != want {
		t.Fatalf("target at %v, want %v", got, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := impact.Load(filepath.Join(t.TempDir(), "nope"))
	if got, want := impact.ErrorCode(err), impact.ENOTFOUND; got != want {
		t.Fatalf("code = %q, want %q (%v)", got, want, err)
	}
	if !strings.Contains(err.Error(), "run impact init") {
		t.Fatalf("message %q does not say what to do", err)
	}
}

func TestFindProjectDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(base), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "data", "raw")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := impact.FindProjectDir(sub)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := filepath.Abs(dir); got != want {
		t.Fatalf("FindProjectDir = %q, want %q", got, want)
	}
	if _, err := impact.FindProjectDir(t.TempDir()); impact.ErrorCode(err) != impact.ENOTFOUND {
		t.Fatalf("err = %v, want not found", err)
	}
}

func TestSuggestID(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Boden 2025", "boden-2025"},
		{"Åsele Kraftsamling!", "asele-kraftsamling"},
		{"Örnsköldsvik", "ornskoldsvik"},
		{"--- ", "project"},
	} {
		if got := impact.SuggestID(tc.name); got != tc.want {
			t.Errorf("SuggestID(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
