package metrics_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/metrics"
)

// TestRegisterFilledFromAList checks that the evaluation groups people by
// the register, filled where it has no value by the attributes an
// attendance list carries (exports.md): twelve people, six registered as
// women and six without a gender; the list says Man for those six, and
// Man for one registered woman, whose register value stands. By hand:
// women 6, men 6, unknown 0.
func TestRegisterFilledFromAList(t *testing.T) {
	dir := t.TempDir()
	yaml := `version: 1
project: {id: register-test, name: Test, period: {start: 2025-01-01, end: 2025-12-31}, min_cell: 5}
theory_of_change:
  nodes:
    - {id: a1, level: activity, name: Träffar}
    - {id: o1, level: output, name: Möten, from: [a1]}
indicators:
  - id: people
    name: Deltagare
    node: o1
    measure: {kind: count, source: attendance, distinct: participant}
    baseline: {value: 0, date: 2025-01-01}
    target: 10
    direction: increase
    deadline: 2025-12-31
    disaggregate: [gender]
sources:
  - {file: reg.csv, kind: participants}
  - {file: list.csv, kind: attendance, event: {id: m1, kind: meetup, date: 2025-03-01}}
`
	register, list := "participant;gender\n", "participant;Kön\n"
	for i := 1; i <= 12; i++ {
		gender, listed := "", "Man"
		if i <= 6 {
			gender, listed = "Kvinna", ""
		}
		if i == 1 {
			listed = "Man" // a conflict: the register's Kvinna stands
		}
		register += fmt.Sprintf("P-%02d;%s\n", i, gender)
		list += fmt.Sprintf("P-%02d;%s\n", i, listed)
	}
	for name, content := range map[string]string{"impact.yaml": yaml, "reg.csv": register, "list.csv": list} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, db := MustIngest(t, dir, "register test secret")
	ctx := context.Background()
	ev, err := metrics.Evaluate(ctx, db, p, metrics.Options{AsOf: MustDate(t, "2025-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, g := range ev.Indicators[0].Disaggregation {
		if g.N != nil {
			groups = append(groups, fmt.Sprintf("%s=%d", g.Group, *g.N))
		}
	}
	if got, want := strings.Join(groups, ","), "female=6,male=6"; got != want {
		t.Errorf("groups %s, want %s", got, want)
	}
}
