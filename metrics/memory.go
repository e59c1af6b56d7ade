package metrics

// An evaluation caps DuckDB's memory, so that a store of twice the people
// takes twice the time but not twice the memory: without a cap DuckDB
// holds every hash table and intermediate result in memory up to 80 % of
// the machine's, and evaluate --json of 2,000,000 participants peaked at
// 1.56 GB against 0.81 GB for 1,000,000. With the cap the statements spill
// to a temporary folder beside the store when they need more.
//
// The cap is memoryBase, plus memoryPerSection for each section of the
// largest statement on each of DuckDB's threads: every section has its own
// group-by, whose tables DuckDB allocates per thread, and so a statement of
// 250 sections (1,500 indicators) needs more than 700 MB even on the
// example's few rows. Measured with evaluate --json of impact-synth's
// projects on 2 threads (27 sections in the largest statement, so a cap of
// 620 MiB):
//
//	                          no cap                capped
//	1,000,000 participants    0.81 GB, 6.2 s CPU    0.70 GB, 6.5 s CPU
//	2,000,000 participants    1.56 GB, 12.8 s CPU   0.77 GB, 14.1 s CPU
//
// Should a statement still run out of memory under the cap (a shape of
// project not measured here), it runs once more without it.
const (
	memoryBase       = 512 << 20
	memoryPerSection = 2 << 20
)

// limitMemory caps DuckDB's memory for the statements of the batch and
// what follows them (participation and data quality), and remembers how
// to lift the cap again.
// A limit other than zero is the cap itself.
func (e *evaluator) limitMemory(b *batch, limit int64) error {
	if limit > 0 {
		lift, err := e.db.LimitMemory(e.ctx, limit)
		e.liftMemory = lift
		return err
	}
	largest := 0
	for _, sections := range b.statements() {
		largest = max(largest, len(sections))
	}
	threads, err := e.db.Threads(e.ctx)
	if err != nil {
		return err
	}
	lift, err := e.db.LimitMemory(e.ctx, memoryBase+int64(largest*max(threads, 1))*memoryPerSection)
	if err != nil {
		return err
	}
	e.liftMemory = lift
	return nil
}
