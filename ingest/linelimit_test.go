package ingest

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLineLimiterBoundary reads lines of exactly MaxLineBytes and one byte
// more through the limiter, whole and in small pieces: the first passes,
// the second is refused with its line number, wherever the reads split it.
func TestLineLimiterBoundary(t *testing.T) {
	ok := strings.Repeat("a", MaxLineBytes)
	for _, tc := range []struct {
		name string
		text string
		line int // 0: no refusal
	}{
		{"at the limit", "x\n" + ok + "\ny\n", 0},
		{"at the limit, no final newline", "x\n" + ok, 0},
		{"one byte over", "x\n" + ok + "b\ny\n", 2},
		{"one byte over at the end", "x\ny\n" + ok + "b", 3},
	} {
		for _, piece := range []int{1, 7, 4096, 1 << 21} {
			l := &lineLimiter{r: iotest.HalfReader(&chunked{s: tc.text, n: piece})}
			_, err := io.Copy(io.Discard, l)
			var se *structureError
			switch {
			case tc.line == 0 && err != nil:
				t.Errorf("%s, reads of %d: %v", tc.name, piece, err)
			case tc.line > 0 && (!errors.As(err, &se) || se.line != tc.line):
				t.Errorf("%s, reads of %d: got %v, want a refusal of line %d", tc.name, piece, err, tc.line)
			}
		}
	}
}

// chunked reads s at most n bytes at a time.
type chunked struct {
	s string
	n int
}

func (c *chunked) Read(p []byte) (int, error) {
	if c.s == "" {
		return 0, io.EOF
	}
	k := min(len(p), c.n, len(c.s))
	copy(p, c.s[:k])
	c.s = c.s[k:]
	return k, nil
}
