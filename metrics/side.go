package metrics

import (
	"fmt"
	"time"

	"github.com/joiningforces/impact"
)

// sideSections fills in the sections of ev that do not depend on the
// measures: participation, the Kolada series with the ages, and data
// quality, one after the other, each under the memory cap and run again
// without it should it outgrow it (capped). Participation's pass over the
// people also counts what data quality needs per person (passExtras), so
// that quality does not group the same rows by person again.
//
// They were tried at the same time as the measure statement, on
// connections of their own, as DuckDB keeps about 1.4 of 2 cores busy on
// one statement. Measured with evaluate --json of the generator's
// projects on 2 cores shared with other work (load average 6-20), each
// way and the binary that runs them after the measures alternating,
// median wall and CPU (user+sys) seconds of each against the runs of the
// other it alternated with (rounds in brackets):
//
//	                            1,000,000 participants    2,000,000
//	three connections, at once  15.2, 8.8 against 12.9, 7.7 (9)   32.2, 21.1 against 30.3, 20.1 (3)
//	one, in turn                10.3, 7.9 against 10.3, 7.7 (6)   18.0, 18.7 against 15.9, 17.7 (3)
//
// Beside the measure statement they share its cap and its threads on a
// machine whose cores are busy already, and spill and wait as much as they
// gain, for more CPU: they stay after it. The document was the same byte
// for byte either way.
func (e *evaluator) sideSections(ev *impact.Evaluation) error {
	var counted *qualityCounts
	steps := []struct {
		name string
		run  func() error
	}{
		{"participation", func() (err error) {
			ev.Participation, counted, err = e.participation()
			return err
		}},
		{"kpis and ages", func() (err error) {
			if ev.KPIs, err = KPIs(e.ctx, e.db, e.p); err != nil {
				return err
			}
			if ev.Ages, err = ages(e.ctx, e.db, e.p, e.asOf, e.minCell, e.registerUnique); err != nil {
				return err
			}
			ev.KPIMeta, err = KPIMetadata(e.ctx, e.db)
			return err
		}},
		{"quality", func() (err error) {
			ev.Quality, err = quality(e.ctx, e.db, e.minCell, e.registerUnique, counted)
			return err
		}},
	}
	for _, step := range steps {
		start := time.Now()
		if err := e.capped(step.run); err != nil {
			return err
		}
		e.trace(step.name, time.Since(start))
	}
	return nil
}

// participation summarises participation and, in the same pass over the
// people, counts the response rates' respondents (when there are at most
// maxPassSlots days and waves and maxItemBits items; otherwise a query of
// their own does) and the people seen but not registered, for quality.
func (e *evaluator) participation() (*impact.Participation, *qualityCounts, error) {
	events, slots, err := eventsAndSlots(e.ctx, e.db, e.p, asOfLimit(e.asOf), e.registerUnique)
	if err != nil {
		return nil, nil, err
	}
	// Everyone seen in the data is in the register, the store may know
	// (store.EveryoneRegistered): then the pass need not count those who
	// are not.
	registered, err := e.db.EveryoneRegistered(e.ctx)
	if err != nil {
		return nil, nil, e.storeError("read the participant register", err)
	}
	extras := &passExtras{seen: !registered, events: events}
	if len(slots) <= maxPassSlots {
		items, bits, ok, err := answeredItems(e.ctx, e.db)
		if err != nil {
			return nil, nil, fmt.Errorf("quality: count the response rates: %w", err)
		}
		if ok {
			extras.slots, extras.items, extras.itemBits = slots, items, bits
		}
	}
	part, counts, err := participation(e.ctx, e.db, e.p, e.asOf, e.minCell, extras)
	if err != nil {
		return nil, nil, err
	}
	e.attendees = counts.attendees
	if extras.slots == nil {
		if err := countRespondents(e.ctx, e.db, slots); err != nil {
			return nil, nil, fmt.Errorf("quality: count the response rates: %w", err)
		}
	}
	return part, &qualityCounts{slots: slots, unregistered: counts.unregistered}, nil
}
