package metrics

import (
	"context"
	"sync"
	"time"

	"github.com/joiningforces/impact"
)

// sideSections are the sections of an evaluation that do not depend on
// the measures: participation, the Kolada series with the ages, and data
// quality. They run at the same time as the measure statement, each on a
// connection of its own (DuckDB keeps about 1.4 of 2 cores busy on one
// statement), under the same memory cap, and go into the evaluation in
// the same place as ever.
type sideSections struct {
	wg     sync.WaitGroup
	cancel context.CancelFunc
	// errs are the sections' errors, in the order of the evaluation.
	errs [3]error

	participation *impact.Participation
	kpis          []impact.KPISeries
	ages          *impact.Ages
	kpiMeta       []impact.KPIMeta
	quality       *impact.Quality
}

// startSide starts the side sections; the caller waits for them (wait) or
// stops them (stop).
func (e *evaluator) startSide() *sideSections {
	ctx, cancel := context.WithCancel(e.ctx)
	s := &sideSections{cancel: cancel}
	steps := [len(s.errs)]struct {
		name string
		run  func() error
	}{
		{"participation", func() (err error) {
			s.participation, err = Participation(ctx, e.db, e.p, e.asOf, e.minCell)
			return err
		}},
		{"kpis and ages", func() (err error) {
			if s.kpis, err = KPIs(ctx, e.db, e.p); err != nil {
				return err
			}
			if s.ages, err = ages(ctx, e.db, e.p, e.asOf, e.minCell, e.registerUnique); err != nil {
				return err
			}
			s.kpiMeta, err = KPIMetadata(ctx, e.db)
			return err
		}},
		{"quality", func() (err error) {
			s.quality, err = quality(ctx, e.db, e.minCell, e.registerUnique)
			return err
		}},
	}
	for i, step := range steps {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			start := time.Now()
			s.errs[i] = e.capped(step.run)
			e.trace(step.name, time.Since(start))
		}()
	}
	return s
}

// wait waits for the side sections and returns the first error among
// them in the order of the evaluation.
func (s *sideSections) wait() error {
	s.wg.Wait()
	for _, err := range s.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// stop stops the side sections that still run (after the measures
// failed) and waits for them; on the zero sideSections it does nothing.
func (s *sideSections) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.wg.Wait()
}
