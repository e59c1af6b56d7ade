package metrics

import (
	"context"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// SideSections runs the sections that run beside the measures
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
	side := e.startSide()
	if err := side.wait(); err != nil {
		return nil, err
	}
	return &impact.Evaluation{Participation: side.participation, KPIs: side.kpis, Ages: side.ages, KPIMeta: side.kpiMeta, Quality: side.quality}, nil
}
