// Package metrics evaluates the measures of a project in DuckDB: it plans
// the SQL that turns every measure into counts, values and pairs, reads them
// back in few statements, and hands them to package stats for the intervals,
// tests and Monte Carlo draws. Each result carries its n, its interval and
// its method, with small cells suppressed, as the spec's statistics.md
// defines them.
package metrics
