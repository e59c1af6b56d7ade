package metrics

import "testing"

// TestPackBits checks the layout of a person's bits for every number of
// steps and events, days and waves, and items up to a few words: every bit
// has one owner, no set crosses a word, the steps and events start the
// first word, the sets come in order, and no word is left empty.
func TestPackBits(t *testing.T) {
	for bits := stepBits; bits <= 140; bits++ {
		for slots := 0; slots <= maxPassSlots; slots++ {
			for _, items := range []int{1, 2, 7, 11, 31, 32, 33, 62, 63, 64} {
				p := packBits(bits, slots, items)
				owner := make([]int, 64*p.words)
				for b := range bits {
					owner[b] = -1
				}
				if p.eventWords != (bits+63)/64 {
					t.Fatalf("bits %d: %d event words", bits, p.eventWords)
				}
				last := bits - 1
				for i, f := range p.slots {
					if items+1 > 64 {
						if f.word != -1 {
							t.Fatalf("bits %d, %d items: slot %d packed at %v, want its own aggregate", bits, items, i, f)
						}
						continue
					}
					if f.offset < 0 || f.offset+items+1 > 64 {
						t.Fatalf("bits %d, slots %d, items %d: slot %d at %v crosses its word", bits, slots, items, i, f)
					}
					start := 64*f.word + f.offset
					if start <= last {
						t.Fatalf("bits %d, slots %d, items %d: slot %d at %v is not after bit %d", bits, slots, items, i, f, last)
					}
					for b := start; b <= start+items; b++ {
						if owner[b] != 0 {
							t.Fatalf("bits %d, slots %d, items %d: bit %d is slot %d's and %d's", bits, slots, items, b, i, owner[b])
						}
						owner[b] = i + 1
					}
					last = start + items
				}
				if want := max((bits+63)/64, last/64+1); p.words != want {
					t.Fatalf("bits %d, slots %d, items %d: %d words, want %d", bits, slots, items, p.words, want)
				}
			}
		}
	}
}
