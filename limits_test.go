package impact_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/joiningforces/impact"
)

// specExample is the project file of project-file.md.
func specExample(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/project/spec-example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// replaceOnce replaces old in s once, and fails when s does not hold it.
func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("the spec example no longer holds %q; update the test", old)
	}
	return strings.Replace(s, old, new, 1)
}

// parseError parses a project file and returns its error message, failing
// unless it is refused as invalid (exit 2).
func parseError(t *testing.T, src string) string {
	t.Helper()
	_, err := impact.Parse("impact.yaml", []byte(src))
	if err == nil || impact.ExitCode(err) != 2 {
		t.Fatalf("Parse: %v, want an invalid project file", err)
	}
	return impact.ErrorMessage(err)
}

// TestHugeProjectFile: a 50 MB impact.yaml is refused before it is parsed,
// with a message that says why.
func TestHugeProjectFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, impact.ProjectFileName)
	var b strings.Builder
	b.WriteString(specExample(t))
	b.WriteString("# padding\n")
	for b.Len() < 50<<20 {
		b.WriteString("# a comment line that a generator could repeat without end, to make the file large\n")
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := impact.Load(dir)
	msg := impact.ErrorMessage(err)
	if impact.ExitCode(err) != 2 || !strings.Contains(msg, "more than the 4 MiB a project file may be") {
		t.Fatalf("Load of a 50 MB file: exit %d, %.300s", impact.ExitCode(err), msg)
	}
}

// TestTooManyIndicators: more than MaxIndicators indicators are refused
// with one line that says how many and what to do.
func TestTooManyIndicators(t *testing.T) {
	var extra strings.Builder
	for i := 0; i < impact.MaxIndicators; i++ {
		fmt.Fprintf(&extra, "  - {id: extra_%d, name: Extra, node: o1, measure: {kind: count, source: attendance}, target: 1, deadline: 2025-06-30}\n", i)
	}
	src := replaceOnce(t, specExample(t), "indicators:\n", "indicators:\n"+extra.String())
	msg := parseError(t, src)
	if !strings.Contains(msg, fmt.Sprintf("%d indicators, more than the %d", impact.MaxIndicators+3, impact.MaxIndicators)) || strings.Count(msg, "\n") > 0 {
		t.Fatalf("message: %.400s", msg)
	}
}

// TestHostileWhere: aliases that repeat a wrong value under where: give
// each message once; aliases nested to expand past a million values are
// refused with one message, quickly and in little memory.
func TestHostileWhere(t *testing.T) {
	laughs := `measure:
      kind: count
      source: attendance
      where:
        event_kind: &a [{x: 1}, {x: 1}, {x: 1}]
        gender: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        target_group: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        cohort: [*c, *c, *c, *c, *c, *c, *c, *c, *c]`
	src := replaceOnce(t, specExample(t), "measure: {kind: count, source: attendance, distinct: participant, where: {event_kind: meetup}}", laughs)
	msg := parseError(t, src)
	lines := strings.Split(msg, "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			t.Errorf("a message is given more than once: %s", l)
		}
		seen[l] = true
	}
	t.Logf("%d lines:\n%s", len(lines), msg)

	// Ten levels of ten aliases each: 10^10 values if expanded.
	var bomb strings.Builder
	bomb.WriteString("measure:\n      kind: count\n      source: attendance\n      where:\n        l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&bomb, "        l%d: &l%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				bomb.WriteString(", ")
			}
			fmt.Fprintf(&bomb, "*l%d", i-1)
		}
		bomb.WriteString("]\n")
	}
	msg = parseError(t, replaceOnce(t, specExample(t), "measure: {kind: count, source: attendance, distinct: participant, where: {event_kind: meetup}}", strings.TrimSuffix(bomb.String(), "\n")))
	if len(msg) > 20000 {
		t.Errorf("the message of an alias bomb is %d bytes", len(msg))
	}
}

// TestIDsAreIDs: an id with markup, spaces or dots is refused, in the
// project file and in a source's event.
func TestIDsAreIDs(t *testing.T) {
	for _, tc := range []struct{ old, new, key string }{
		{"id: meetup_participants", "id: '<script>alert(1)</script>'", "indicators[0].id"},
		{"id: meetup_participants", "id: meetup.participants", "indicators[0].id"},
		{"event: {id: impact-day-1,", "event: {id: 'dag 1 <b>',", "sources[0].event.id"},
	} {
		msg := parseError(t, replaceOnce(t, specExample(t), tc.old, tc.new))
		if !strings.Contains(msg, tc.key) || !strings.Contains(msg, "only letters, digits, _ and -") {
			t.Errorf("%s: %s", tc.new, msg)
		}
	}
	for _, id := range []string{"natverkstraff-4", "träff_1", "A1"} {
		if !impact.ValidID(id) {
			t.Errorf("%q is refused", id)
		}
	}
}

// TestSourceOutsideTheProject: a relative path out of the project folder is
// refused; an absolute path is the user's own choice.
func TestSourceOutsideTheProject(t *testing.T) {
	for _, file := range []string{"../../../../etc/passwd", "data/../../secret.csv", ".."} {
		msg := parseError(t, replaceOnce(t, specExample(t), "file: data/effektmatning-mars.xlsx", "file: "+file))
		if !strings.Contains(msg, "leads out of the project folder") {
			t.Errorf("%s: %s", file, msg)
		}
	}
	if _, err := impact.Parse("impact.yaml", []byte(replaceOnce(t, specExample(t), "file: data/effektmatning-mars.xlsx", "file: /srv/data/effektmatning.xlsx"))); err != nil {
		t.Errorf("an absolute path: %v", err)
	}
}

// TestLongValuesAreClipped: a 100,000-character value in the project file
// is shown at most MaxShown characters long in its message.
func TestLongValuesAreClipped(t *testing.T) {
	long := strings.Repeat("x", 100_000)
	msg := parseError(t, replaceOnce(t, specExample(t), "direction: increase", "direction: "+long))
	if len(msg) > 600 || !strings.Contains(msg, "…") {
		t.Fatalf("%d bytes: %.600s", len(msg), msg)
	}
	if got := impact.Clip(strings.Repeat("å", 200)); len([]rune(got)) != impact.MaxShown {
		t.Errorf("Clip gives %d characters, want %d", len([]rune(got)), impact.MaxShown)
	}
}

// TestDiskFullMessage: ENOSPC, wrapped or in DuckDB's words, is exit 4 and
// "the disk is full", never an internal error to report.
func TestDiskFullMessage(t *testing.T) {
	for _, err := range []error{
		fmt.Errorf("write reports/workshop.html.tmp: %w", syscall.ENOSPC),
		impact.Errorf(impact.EINTERNAL, "store x: cannot load: IO Error: Could not write file \"x.wal\": No space left on device; run again with IMPACT_DEBUG=1 and report it"),
	} {
		msg := impact.ErrorMessage(err)
		if impact.ExitCode(err) != 4 || !strings.HasPrefix(msg, "the disk is full: ") || strings.Contains(msg, "report it") || strings.Contains(msg, "bug") {
			t.Errorf("exit %d: %s", impact.ExitCode(err), msg)
		}
	}
}

// TestOwnListsAreWhole: the engine's own lists in a message (the keys
// allowed here) are not cut like a value from the file.
func TestOwnListsAreWhole(t *testing.T) {
	msg := parseError(t, replaceOnce(t, specExample(t), "direction: increase", "zzzzzz: increase"))
	_, list, ok := strings.Cut(msg, "the keys here are: ")
	if !ok || len(list) <= impact.MaxShown || strings.Contains(list, "…") {
		t.Fatalf("%s", msg)
	}
}
