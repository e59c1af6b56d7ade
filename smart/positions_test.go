package smart_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/smart"
)

// TestPositions lints a file with comments, flow style over several lines
// and an anchor merged into another goal, and checks that every finding
// points at the right key: the text at its line and column.
func TestPositions(t *testing.T) {
	p := MustLoad(t, "positions.yaml")
	text, err := os.ReadFile(filepath.Join("..", "testdata", "smart", "positions.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	want := []struct {
		rule    string
		line    int
		column  int
		subject string
		// token is the text the position points at.
		token string
	}{
		{"R004", 11, 7, "a1", "{id: a1"},
		{"R001", 19, 5, "first", "&goal"},
		// The measure is an alias: its source is where the anchor wrote it.
		{"M004", 23, 35, "first", "source: attendance"},
		{"M004", 23, 35, "second", "source: attendance"},
		{"M004", 23, 35, "third", "source: attendance"},
		{"A001", 26, 5, "first", "target: 5"},
		// A merged key points at the anchor's text.
		{"T002", 28, 5, "first", "deadline: 2026-06-30"},
		{"T002", 28, 5, "second", "deadline: 2026-06-30"},
		{"R001", 30, 5, "second", "<<: *goal"},
		// A key written beside the merge wins, with its own position.
		{"M003", 33, 5, "second", "target: -2"},
		{"A001", 34, 62, "third", "target: 3"},
		{"T001", 37, 5, "fourth", "{id: fourth"},
		{"M004", 40, 8, "fourth", "source: attendance}"},
	}
	findings := smart.Lint(p, nil)
	if len(findings) != len(want) {
		t.Errorf("%d findings, want %d:\n%s", len(findings), len(want), dump(findings))
	}
	for i, f := range findings {
		if i >= len(want) {
			break
		}
		w := want[i]
		if f.Rule != w.rule || f.Line != w.line || f.Column != w.column || f.Subject != w.subject {
			t.Errorf("finding %d is %s at %d:%d [%s], want %s at %d:%d [%s]", i, f.Rule, f.Line, f.Column, f.Subject, w.rule, w.line, w.column, w.subject)
			continue
		}
		if at := lines[f.Line-1][f.Column-1:]; !strings.HasPrefix(at, w.token) {
			t.Errorf("%s [%s] points at %q, want %q", f.Rule, f.Subject, at, w.token)
		}
	}
}
