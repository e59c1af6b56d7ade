package impact_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
)

// FuzzParse checks the project-file loader on any bytes: a project or an
// invalid-project error (exit 2) whose lines are short and each given
// once, never a panic, an internal error or a hang on aliases.
func FuzzParse(f *testing.F) {
	for _, file := range []string{"testdata/project/spec-example.yaml", "testdata/example/impact.yaml"} {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("version: 1\nproject: {id: x, name: X}\nindicators:\n  - id: '<script>'\n    measure: {kind: count, where: {a: &a [*a]}}\n"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nindicators: [*b, *b]\n"))
	f.Add([]byte("sources:\n  - {file: ../../etc/passwd, kind: participants}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p *impact.Project
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			p, err = impact.Parse("impact.yaml", data)
		}()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("Parse hangs on %q", data)
		}
		if err == nil {
			if p == nil {
				t.Fatal("no project and no error")
			}
			return
		}
		msg := impact.ErrorMessage(err)
		if code := impact.ErrorCode(err); code != impact.EINVALID {
			t.Fatalf("code %s: %s", code, msg)
		}
		seen := map[string]bool{}
		for _, line := range strings.Split(msg, "\n") {
			if len([]rune(line)) > 1100 {
				t.Fatalf("a line of %d characters: %.200s…", len([]rune(line)), line)
			}
			if seen[line] {
				t.Fatalf("a message twice: %s", line)
			}
			seen[line] = true
		}
	})
}
