package store

import (
	"database/sql/driver"
	"math/rand/v2"
	"testing"
)

// TestLineTrackerCount tracks lines of two groups and finds the ones that
// name a participant twice: the pseudonym 0 (whose hash is the table's
// free mark) once and twice, a repeat among 100,000 random pseudonyms
// and none, participants whose bits differ only where a partition's slot
// is not taken from, and 20,000 whose low 40 bits are all 0.
func TestLineTrackerCount(t *testing.T) {
	random := rand.New(rand.NewPCG(1, 2))
	many := make([]uint64, 100_000)
	for i := range many {
		many[i] = random.Uint64()
	}
	// Pseudonyms whose low 40 bits are all 0, as a test's names give.
	names := make([]uint64, 20_000)
	for i := range names {
		names[i] = uint64(i+1) << 40
	}
	for _, c := range []struct {
		name   string
		people []uint64
		once   bool
	}{
		{"none", nil, true},
		{"0 once", []uint64{0, 1}, true},
		{"0 twice", []uint64{0, 5, 0}, false},
		{"many, each once", many, true},
		{"many, one again", append(append([]uint64{}, many...), many[76_543]), false},
		{"high bits alike", []uint64{1 << 63, 1<<63 | 1, 1 << 62, 1<<63 | 1}, false},
		{"names, each once", names, true},
		{"names, one again", append(append([]uint64{}, names...), names[12_345]), false},
	} {
		tr := &lineTracker{answers: true}
		other := []driver.Value{uint64(7), "dag-1", nil, "pre", int32(2), nil}
		tr.track(other)
		for _, p := range c.people {
			tr.track([]driver.Value{p, "dag-1", nil, "post", int32(1), nil})
			tr.track(other) // a line of another group between
		}
		tr.count()
		if got := tr.groups[lineGroup{form: 1, wave: "post"}]; len(c.people) > 0 {
			if got == nil {
				t.Errorf("%s: no group of the lines", c.name)
			} else if got.once != c.once || len(got.hashes) != len(c.people) {
				t.Errorf("%s: once %v of %d lines; want once %v of %d", c.name, got.once, len(got.hashes), c.once, len(c.people))
			}
		}
		if other := tr.groups[lineGroup{form: 2, wave: "pre"}]; other.once != (len(c.people) == 0) {
			t.Errorf("%s: the other group, one participant on %d lines: once %v", c.name, len(other.hashes), other.once)
		}
	}
}
