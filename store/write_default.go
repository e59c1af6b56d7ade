//go:build !duckdb_arrow

package store

// defaultWriter is the Appender: this build has no Arrow interface (it is
// compiled only with the build tag duckdb_arrow). See the package doc.
var defaultWriter newRowWriter = newAppenderWriter
