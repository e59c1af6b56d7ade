package metrics

import (
	"time"

	"github.com/joiningforces/impact/store"
)

// An evaluation caps DuckDB's memory, so that a store of twice the people
// takes longer but does not take twice the memory: without a cap DuckDB
// keeps every hash table and intermediate result in memory, up to 80 % of
// the machine's.
//
// The cap is memoryBase, plus memoryPerSection for each section of the
// largest statement on each of DuckDB's threads: every section has its own
// group-by, whose tables DuckDB allocates per thread, and so a statement of
// 250 sections (1,500 indicators) needs more than 700 MB even on the
// example's few rows. Measured with evaluate --json of impact-synth's
// projects, the old binary and this one alternating, three rounds each, on
// 2 threads (24 sections in the largest statement: a cap of 608 MiB) and
// 2 cores shared with other work at a load average of 7-9; peak RSS, then
// user CPU seconds:
//
//	                          no cap                 capped
//	1,000,000 participants    0.76-0.78 GB, 5.6-6.3  0.76-0.78 GB, 5.7-6.3
//	2,000,000 participants    1.42-1.47 GB, 10.6-11.4  0.80-1.06 GB, 13.1-17.2
//
// The peak above the cap is memory DuckDB allocates outside its buffer
// manager, and what the C allocator keeps of what was freed; it varied
// from run to run by 0.25 GB, with or without MALLOC_MMAP_THRESHOLD_ or
// MALLOC_ARENA_MAX.
//
// Should a statement still run out of memory under the cap (a shape of
// project not measured here), it runs once more without it.
const (
	memoryBase       = 512 << 20
	memoryPerSection = 2 << 20
)

// limitMemory caps DuckDB's memory for the statements of the batch and
// what runs beside and after them (participation, KPIs and data quality),
// and keeps the evaluation's share of the cap in e.memory, which Evaluate
// releases. A limit other than zero is the cap itself.
func (e *evaluator) limitMemory(b *batch, limit int64) error {
	if limit <= 0 {
		largest := 0
		for _, sections := range b.statements() {
			largest = max(largest, len(sections))
		}
		threads, err := e.db.Threads(e.ctx)
		if err != nil {
			return err
		}
		limit = memoryBase + int64(largest*max(threads, 1))*memoryPerSection
	}
	memory, err := e.db.LimitMemory(e.ctx, limit)
	if err != nil {
		return err
	}
	e.memory = memory
	return nil
}

// capped runs work, which runs statements under the memory cap; should one
// outgrow it (store.OutgrewCap), the cap is lifted, for every evaluation
// sharing it (the evaluations of serve's pages on one store), and work
// runs once more.
func (e *evaluator) capped(work func() error) error {
	start := time.Now()
	err := work()
	if err == nil || e.memory == nil || !e.memory.Capped() || !store.OutgrewCap(err) {
		return err
	}
	e.trace("memory cap lifted", time.Since(start))
	if err := e.memory.Lift(); err != nil {
		return err
	}
	return work()
}
