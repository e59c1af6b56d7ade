package impact

import "unicode/utf8"

// MaxShown is the most characters of a value from a file or a command line
// that a message shows: enough to recognise it, never a wall of text.
const MaxShown = 80

// Clip returns s cut to MaxShown characters, with "…" where it was cut, so
// that a 10 MB cell or a hostile project-file value echoed in an error
// keeps the line readable.
func Clip(s string) string {
	return ClipTo(s, MaxShown)
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
