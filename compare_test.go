package impact_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// withCompare is base with a mean indicator whose compare: is given.
func withCompare(compare string) string {
	return base + "  - id: m\n    name: M\n    node: s1\n    measure: {kind: mean, instrument: tro}\n    compare: " + compare + "\n"
}

func TestCompare(t *testing.T) {
	p := MustParse(t, withCompare("{cohort: Jämförelse 2025}"))
	c := p.Indicators[1].Compare
	if c == nil {
		t.Fatal("compare: was not read")
	}
	if got, want := c.Design, impact.DesignObservational; got != want {
		t.Errorf("design = %q, want %q (the default)", got, want)
	}
	if attribute, value := c.Group(); attribute != "cohort" || value != "Jämförelse 2025" {
		t.Errorf("group = %s %s, want cohort Jämförelse 2025", attribute, value)
	}
	p = MustParse(t, strings.Replace(base, "target_groups:\n", "target_groups:\n  - {id: others, name: Andra}\n", 1)+
		"  - id: m\n    name: M\n    node: s1\n    measure: {kind: mean, instrument: tro}\n    compare: {target_group: others, design: randomised}\n")
	if c := p.Indicators[1].Compare; c.TargetGroup != "others" || c.Design != impact.DesignRandomised {
		t.Errorf("compare = %+v, want target group others, randomised", c)
	}
}

func TestCompareValidation(t *testing.T) {
	for _, tc := range []struct {
		name, src, pos, message string
	}{
		{"names no one", withCompare("{design: randomised}"), "28:14", "compare: names no one; give cohort: or target_group:"},
		{"both", withCompare("{cohort: c, target_group: young}"), "28:26", "has both cohort: and target_group:"},
		{"unknown target group", withCompare("{target_group: yuong}"), "28:15", `no target group is called "yuong" (did you mean "young"?)`},
		{"own target group", strings.Replace(withCompare("{target_group: young}"), "    name: M\n", "    name: M\n    target_group: young\n", 1), "29:15", "is the indicator's own target group"},
		{"bad design", withCompare("{cohort: c, design: random}"), "28:26", `"random" is not a known design; use one of observational, randomised`},
		{"count", base + "  - id: c\n    name: C\n    measure: {kind: count, source: attendance}\n    compare: {cohort: c}\n", "27:14", "a count has no comparison group"},
		{"unknown key", withCompare("{cohort: c, desing: randomised}"), "28:26", `unknown key "desing"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := impact.Parse("impact.yaml", []byte(tc.src))
			var pe *impact.ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ProblemsError", err)
			}
			// The first problem, at the place named, in the words given.
			if got := pe.Problems[0].String(); !strings.HasPrefix(got, "impact.yaml:"+tc.pos+": ") || !strings.Contains(got, tc.message) {
				t.Errorf("problem = %q, want it at %s and to contain %q", got, tc.pos, tc.message)
			}
		})
	}
}
