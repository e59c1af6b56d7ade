package dashboards

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/joiningforces/impact"
)

// TestAPIBodyEncodedOnce checks that the body of a cached evaluation is
// encoded once and then reused, that it is the evaluation as viewers may
// see it, that another evaluation gets its own body, and that an
// evaluation the cache no longer holds is encoded without being kept.
func TestAPIBodyEncodedOnce(t *testing.T) {
	c := newEvaluations()
	evs := make([]*impact.Evaluation, 3)
	for i := range evs {
		evs[i] = &impact.Evaluation{MinCell: 5, Indicators: []impact.Result{{ID: "x", Kind: impact.KindCount, N: impact.Int(i + 1)}}}
	}
	for i, ev := range evs[:2] {
		e := &evalEntry{done: make(chan struct{}), ev: ev}
		close(e.done)
		c.entries[evalKey{hash: "h", asOf: string(rune('a' + i))}] = e
	}
	first, err := c.apiBody(evs[0])
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
	again, _ := c.apiBody(evs[0])
	if &again[0] != &first[0] {
		t.Error("the same evaluation was encoded twice")
	}
	other, _ := c.apiBody(evs[1])
	if bytes.Equal(other, first) {
		t.Error("another evaluation got the same body")
	}
	gone1, _ := c.apiBody(evs[2])
	gone2, _ := c.apiBody(evs[2])
	if !bytes.Equal(gone1, gone2) || &gone1[0] == &gone2[0] {
		t.Error("an evaluation out of the cache should be encoded for each request, the same each time")
	}
}
