package reports

import (
	"testing"

	"github.com/joiningforces/impact"
)

// TestDrawnPairs checks what the slope chart draws from the counted
// pairs: a line per person while they are few, and past maxPeopleDrawn a
// line per distinct pair, the more people the darker, so that the lines
// drawn do not grow with the number of people.
func TestDrawnPairs(t *testing.T) {
	few := []impact.Pair{{Pre: 20, Post: 21, N: 3}, {Pre: 22, Post: 19, N: 1}}
	drawn, alpha := drawnPairs(few)
	if len(drawn) != 4 || alpha != nil {
		t.Fatalf("%d lines (opacities %v) for 4 people, want one each", len(drawn), alpha)
	}
	for i, want := range []impact.Pair{{Pre: 20, Post: 21, N: 1}, {Pre: 20, Post: 21, N: 1}, {Pre: 20, Post: 21, N: 1}, {Pre: 22, Post: 19, N: 1}} {
		if drawn[i] != want {
			t.Errorf("line %d is %v, want %v", i, drawn[i], want)
		}
	}
	many := []impact.Pair{{Pre: 20, Post: 21, N: 400_000}, {Pre: 22, Post: 19, N: 100}, {Pre: 7, Post: 35, N: 1}}
	drawn, alpha = drawnPairs(many)
	if len(drawn) != len(many) || len(alpha) != len(many) {
		t.Fatalf("%d lines, %d opacities for %d distinct pairs of 400,101 people, want one each", len(drawn), len(alpha), len(many))
	}
	if !(alpha[0] > alpha[1] && alpha[1] > alpha[2] && alpha[2] > 0 && alpha[0] <= 1) {
		t.Errorf("opacities %v, want them falling with the count, within (0, 1]", alpha)
	}
}
