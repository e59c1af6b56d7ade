package impact

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxShown is the most characters of a value from a file or a command line
// that a message shows: enough to recognise it, never a wall of text.
const MaxShown = 80

// Clip returns s cut to MaxShown characters, with "…" where it was cut,
// and line breaks and other control characters as spaces, so that a 10 MB
// cell or a hostile project-file value echoed in an error keeps the line
// one readable line.
func Clip(s string) string {
	s = ClipTo(s, MaxShown)
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// ClipTo returns s cut to at most n characters, with "…" where it was cut.
func ClipTo(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return s[:i] + "…"
}

// Limits of the project file. A plan of a collaboration has tens of
// indicators; these are two orders of magnitude above, and keep a huge or
// hostile file (61 MB, 400,000 indicators, aliases that expand a thousand
// times) from taking minutes and gigabytes before anyone is told.
const (
	// MaxProjectFileBytes is the largest impact.yaml read.
	MaxProjectFileBytes = 4 << 20
	// MaxIndicators is the most indicators a project may have; 1,500
	// evaluate in 10 to 20 seconds on two cores.
	MaxIndicators = 2000
	// maxDecodedNodes bounds the nodes the decoder visits, aliases
	// followed: a file that expands beyond it is refused.
	maxDecodedNodes = 1_000_000
	// maxProblems is how many problems of a project file are listed
	// before the rest are counted.
	maxProblems = 50
)

// checkProjectSize refuses a project file over MaxProjectFileBytes.
func checkProjectSize(file string, size int64) error {
	if size <= MaxProjectFileBytes {
		return nil
	}
	return Sayf(EINVALID, "%s is %.1f MB, more than the %d MiB a project file may be; it holds the plan (goals, indicators, sources), never data: put data in files listed under sources:", file, float64(size)/1e6, MaxProjectFileBytes>>20)
}

// checkIndicatorCount refuses a project file with more than MaxIndicators
// indicators before any of them is decoded.
func checkIndicatorCount(file string, root *yaml.Node) error {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "indicators" {
			continue
		}
		list := resolve(root.Content[i+1])
		if list.Kind == yaml.SequenceNode && len(list.Content) > MaxIndicators {
			return problemsError(file, []Problem{problemSaid(file, nodePos(list), "indicators",
				"indicators: %d indicators, more than the %d a project may have; measure the goals that matter, or split the plan into several projects", len(list.Content), MaxIndicators)})
		}
	}
	return nil
}

// visit counts a node the decoder reads and reports whether it may go on:
// past maxDecodedNodes (aliases that expand without end) it records one
// problem and stops.
func (d *decoder) visit(n *yaml.Node) bool {
	d.nodes++
	if d.nodes == maxDecodedNodes+1 {
		d.problems = append(d.problems, problemSaid(d.file, nodePos(n), "",
			"the project file expands to more than %d values (anchors and aliases repeated inside each other); write the values out, or use fewer aliases", maxDecodedNodes))
	}
	return d.nodes <= maxDecodedNodes
}

// clipArgs cuts the values a message quotes (the arguments of its %q
// verbs, which are values from the project file) to MaxShown characters:
// a value is shown, never a wall of it. The engine's own lists (%s: the
// keys allowed here, the known ids) stay whole; a line too long even so is
// cut by ErrorMessage.
func clipArgs(format string, args []any) []any {
	arg := 0
	for i := 0; i < len(format) && arg < len(args); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.*", format[i]) >= 0 {
			if format[i] == '*' {
				arg++
			}
			i++
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		if s, ok := args[arg].(string); ok && format[i] == 'q' {
			args[arg] = Clip(s)
		}
		arg++
	}
	return args
}

// uniqueProblems keeps the first of problems with the same place and
// message (a value reached through many aliases is reported once), and at
// most maxProblems of them, with a last line that counts the rest.
func uniqueProblems(file string, problems []Problem) []Problem {
	seen := map[Problem]bool{}
	var out []Problem
	more := 0
	for _, p := range problems {
		key := Problem{File: p.File, Pos: p.Pos, Message: p.Message}
		if seen[key] {
			continue
		}
		seen[key] = true
		if len(out) == maxProblems {
			more++
			continue
		}
		out = append(out, p)
	}
	if more > 0 {
		out = append(out, problemSaid(file, Pos{}, "", "and %d more problems; fix these first", more))
	}
	return out
}

// maxLineChars is the longest line of an error message; longer lines are
// cut in the middle, where the least is lost.
const maxLineChars = 1000

// clipLines cuts every line of a message to maxLineChars characters.
func clipLines(msg string) string {
	if len(msg) <= maxLineChars {
		return msg
	}
	lines := strings.Split(msg, "\n")
	for i, line := range lines {
		if utf8.RuneCountInString(line) > maxLineChars {
			r := []rune(line)
			lines[i] = string(r[:maxLineChars/2]) + " … " + string(r[len(r)-maxLineChars/2+20:])
		}
	}
	return strings.Join(lines, "\n")
}

// MaxIDLength is the longest id of anything in a project: an event, an
// indicator, a node.
const MaxIDLength = 64

// ValidID reports whether s is an id: letters (any alphabet), digits, -
// and _, at most MaxIDLength characters. Ids are referred to, shown and
// used in file names: markup, spaces and dots have no place in them.
func ValidID(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > MaxIDLength {
		return false
	}
	for _, r := range s {
		if r != '-' && r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// sourceInside refuses a source whose relative path leads out of the
// project folder (file: ../../../../etc/passwd): a project file may come
// from someone else, and must not make ingest read files elsewhere on the
// machine behind its user's back. A file elsewhere is named by its
// absolute path, which says so plainly.
func (v *validator) sourceInside(s Source, key string) {
	if s.File == "" || filepath.IsAbs(s.File) || strings.HasPrefix(s.File, "/") {
		return
	}
	clean := filepath.Clean(filepath.FromSlash(s.File))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		v.errorf(at(s.Keys, s.Pos, "file"), key+".file", "%q leads out of the project folder; keep data files inside it (in data/), or name a file elsewhere by its absolute path", s.File)
	}
}

// DiskFull reports whether err comes from a full disk: ENOSPC from Go, or
// DuckDB's "No space left on device" in its text.
func DiskFull(err error) bool {
	return err != nil && (errors.Is(err, syscall.ENOSPC) || strings.Contains(strings.ToLower(err.Error()), "no space left on device"))
}

// diskFullMessage is the one line for a full disk: what happened, where, and
// what to do; nothing of a bug, since none is.
func diskFullMessage(err error, lang string) string {
	where := err.Error()
	for _, tail := range []string{"; run again with IMPACT_DEBUG", "; check the folder", " (run again with IMPACT_DEBUG"} {
		if i := strings.Index(where, tail); i >= 0 {
			where = where[:i]
		}
	}
	return say("", "the disk is full: %s; nothing was left half-written: free some space, or write to another disk, and run again", ClipTo(where, 300)).in(lang)
}

// interruptedMessage is the one line for a command stopped by Ctrl-C or
// SIGTERM.
const interruptedMessage = "stopped by Ctrl-C or a stop signal before the end; what was being written was left out whole (the store keeps its last complete state): run the command again"
