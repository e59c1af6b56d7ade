package store

import (
	"strconv"
	"sync/atomic"
)

// nameSeq numbers the temporary objects that loads create on their
// connections.
var nameSeq atomic.Int64

// uniqueName returns prefix with a number no other name of this process
// has. Two loads run at once on two connections (ingest.Files), and
// DuckDB refuses an Arrow view whose name a view of another open
// transaction had, even a temporary one on another connection.
func uniqueName(prefix string) string {
	return prefix + "_" + strconv.FormatInt(nameSeq.Add(1), 10)
}
