package impact

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestPairJSON checks that a pair is written as [pre, post, n] and read
// back the same, that an older [pre, post] reads as one participant, and
// that a pair of another length or with a count that is no whole number
// of at least 1 is refused.
func TestPairJSON(t *testing.T) {
	pairs := []Pair{{Pre: 17.43, Post: 21.54, N: 3}, {Pre: 20, Post: 19.25, N: 1}}
	data, err := json.Marshal(pairs)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), "[[17.43,21.54,3],[20,19.25,1]]"; got != want {
		t.Fatalf("JSON %s, want %s", got, want)
	}
	var back []Pair
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back, pairs) {
		t.Errorf("read back %v, want %v", back, pairs)
	}
	if got, want := CountPairs(back), 4; got != want {
		t.Errorf("CountPairs = %d, want %d", got, want)
	}
	var old Pair
	if err := json.Unmarshal([]byte("[18.59,23.21]"), &old); err != nil {
		t.Fatal(err)
	}
	if want := (Pair{Pre: 18.59, Post: 23.21, N: 1}); old != want {
		t.Errorf("[pre, post] read as %v, want %v", old, want)
	}
	for _, bad := range []string{"[1]", "[1,2,3,4]", "[1,2,0]", "[1,2,1.5]"} {
		var p Pair
		if err := json.Unmarshal([]byte(bad), &p); err == nil {
			t.Errorf("%s was read as %v, want an error", bad, p)
		}
	}
}
