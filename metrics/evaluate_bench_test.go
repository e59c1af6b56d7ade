package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
	"github.com/joiningforces/impact/synth"
)

// benchCacheVersion names the layout of the cached benchmark store; bump it
// when ingest or the schema changes what a loaded project looks like.
const benchCacheVersion = 2

// benchProject returns the generator's project with opts, ingested into its
// store, and the open store. Generating and ingesting a million participants
// takes about a minute, so the result is kept under os.TempDir, keyed by the
// generator options, and reused by later runs; a marker file written last
// says that the cache is complete.
func benchProject(b *testing.B, opts synth.Options) (*impact.Project, *store.DB) {
	b.Helper()
	seed := opts.Seed
	if seed == 0 {
		seed = synth.DefaultSeed
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("impact-bench-evaluate-v%d-p%d-s%d", benchCacheVersion, opts.Participants, seed))
	ready := filepath.Join(dir, ".impact", "ready")
	dbPath := filepath.Join(dir, ".impact", "impact.duckdb")
	ctx := context.Background()
	if _, err := os.Stat(ready); errors.Is(err, os.ErrNotExist) {
		b.Logf("generating and ingesting %d participants into %s (once; later runs reuse it)", opts.Participants, dir)
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		if err := synth.Generate(dir, opts); err != nil {
			b.Fatal(err)
		}
		p, err := impact.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		db, err := store.Open(ctx, dbPath)
		if err != nil {
			b.Fatal(err)
		}
		in := ingest.New(p, db, ingest.Options{Secret: []byte("benchmark secret")})
		for _, src := range p.Sources {
			if _, err := in.File(ctx, src); err != nil {
				db.Close()
				b.Fatalf("ingest %s: %v", src.File, err)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(ready, []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	p, err := impact.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return p, db
}

// BenchmarkEvaluate evaluates the generator's project with 1,000,000
// participants (about 1.26 million answered questionnaire lines, 13.8
// million answers). "all" is the
// evaluation of every goal, costs and value (what impact evaluate prints),
// with the time of each step per evaluation in ms; "full" adds the
// participation, Kolada series and data quality that the reports and
// dashboards show; "none" is
// the fixed cost of an evaluation without indicators (the register check,
// costs); each other sub-benchmark evaluates the project reduced to one
// indicator and those it depends on, without the value model: the time
// per indicator.
func BenchmarkEvaluate(b *testing.B) {
	p, db := benchProject(b, synth.Options{Participants: 1_000_000})
	asOf, err := impact.ParseDate("2025-11-30")
	if err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return time.Date(2025, 12, 1, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	for _, whole := range []struct {
		name      string
		goalsOnly bool
	}{{"all", true}, {"full", false}} {
		b.Run(whole.name, func(b *testing.B) {
			var steps []string
			took := map[string]time.Duration{}
			opts := metrics.Options{AsOf: asOf, Now: now, GoalsOnly: whole.goalsOnly, Trace: func(step string, d time.Duration) {
				if _, ok := took[step]; !ok {
					steps = append(steps, step)
				}
				took[step] += d
			}}
			for b.Loop() {
				if _, err := metrics.Evaluate(ctx, db, p, opts); err != nil {
					b.Fatal(err)
				}
			}
			for _, step := range steps {
				// A unit has no spaces: "kpis and ages" reports as kpis_and_ages-ms.
				b.ReportMetric(float64(took[step].Microseconds())/1000/float64(b.N), strings.ReplaceAll(step, " ", "_")+"-ms")
			}
		})
	}
	subjects := []string{"none"}
	for _, ind := range p.Indicators {
		subjects = append(subjects, ind.ID)
	}
	for _, id := range subjects {
		b.Run(id, func(b *testing.B) {
			reduced := *p
			reduced.Value = nil
			reduced.Indicators = nil
			if id != "none" {
				keep := dependencies(p, id)
				for _, ind := range p.Indicators {
					if slices.Contains(keep, ind.ID) {
						reduced.Indicators = append(reduced.Indicators, ind)
					}
				}
			}
			for b.Loop() {
				if _, err := metrics.Evaluate(ctx, db, &reduced, metrics.Options{AsOf: asOf, Now: now, GoalsOnly: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// dependencies returns the indicator and those its measure names (per:,
// a ratio's parts), recursively.
func dependencies(p *impact.Project, id string) []string {
	ids := []string{id}
	for i := 0; i < len(ids); i++ {
		ind, ok := p.Indicator(ids[i])
		if !ok || ind.Measure == nil {
			continue
		}
		m := ind.Measure
		for _, ref := range []string{m.Per, refID(m.Numerator), refID(m.Denominator)} {
			if ref != "" && !slices.Contains(ids, ref) {
				ids = append(ids, ref)
			}
		}
	}
	return ids
}

func refID(ref *impact.MeasureRef) string {
	if ref == nil {
		return ""
	}
	return ref.Indicator
}
