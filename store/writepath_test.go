package store

import "testing"

// UseAppender makes every Load of the test use the DuckDB Appender, the
// write path of a build without the duckdb_arrow tag, until the test ends.
// Tests and benchmarks use it to compare both paths in one run.
func UseAppender(tb testing.TB) {
	tb.Helper()
	useWriter(tb, newAppenderWriter)
}

// useWriter sets the write path of every Load until the test ends.
func useWriter(tb testing.TB, w newRowWriter) {
	before := newWriter
	newWriter = w
	tb.Cleanup(func() { newWriter = before })
}

// TrackLinesUpTo makes every Load of the test count the facts of its
// answers and follow-ups in Go for up to n lines, and in SQL beyond
// (linefacts.go), until the test ends.
func TrackLinesUpTo(tb testing.TB, n int) {
	before := maxTrackedLines
	maxTrackedLines = n
	tb.Cleanup(func() { maxTrackedLines = before })
}
