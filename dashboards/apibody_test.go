package dashboards

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/joiningforces/impact"
)

// TestAPIBodiesEncodeOnce checks that the body of an evaluation is
// encoded once and then reused, that it is the evaluation as viewers may
// see it, that another evaluation gets its own body, and that only the
// last maxAPIBodies are kept.
func TestAPIBodiesEncodeOnce(t *testing.T) {
	var c apiBodies
	evs := make([]*impact.Evaluation, maxAPIBodies+1)
	for i := range evs {
		evs[i] = &impact.Evaluation{MinCell: 5, Indicators: []impact.Result{{ID: "x", Kind: impact.KindCount, N: impact.Int(i + 1)}}}
	}
	first, err := c.get(evs[0])
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.MarshalIndent(forViewers(evs[0]), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, append(want, '\n')) {
		t.Fatalf("body\n%s\nwant\n%s", first, want)
	}
	again, _ := c.get(evs[0])
	if &again[0] != &first[0] {
		t.Error("the same evaluation was encoded twice")
	}
	other, _ := c.get(evs[1])
	if bytes.Equal(other, first) {
		t.Error("another evaluation got the same body")
	}
	for _, ev := range evs {
		if _, err := c.get(ev); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.list) != maxAPIBodies {
		t.Errorf("%d bodies kept, want %d", len(c.list), maxAPIBodies)
	}
	if c.list[0].ev == evs[0] {
		t.Error("the least recently used body was kept")
	}
}
