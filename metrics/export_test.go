package metrics

import (
	"context"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// SideSections runs the sections that do not depend on the measures
// (participation, KPIs and ages, data quality) alone, under a memory cap
// of opts.MemoryLimit bytes, and returns them in an evaluation that holds
// nothing else.
func SideSections(ctx context.Context, db *store.DB, p *impact.Project, opts Options) (*impact.Evaluation, error) {
	e, _ := newEvaluator(ctx, db, p, opts)
	if err := e.prepare(); err != nil {
		return nil, err
	}
	if opts.MemoryLimit > 0 {
		memory, err := db.LimitMemory(ctx, opts.MemoryLimit)
		if err != nil {
			return nil, err
		}
		defer memory.Release()
		e.memory = memory
	}
	ev := &impact.Evaluation{}
	if err := e.sideSections(ev); err != nil {
		return nil, err
	}
	return ev, nil
}
