package smart

import (
	"context"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// Evaluate is the one way to the Evaluation that every output renders: the
// measures, statistics, costs, value, participation and data quality of
// metrics.Evaluate, judged and then linted here, so that the findings sit
// beside the goals they concern in the JSON, the terminal table, the
// reports and the dashboards alike.
func Evaluate(ctx context.Context, db *store.DB, p *impact.Project, opts metrics.Options) (*impact.Evaluation, error) {
	ev, err := metrics.Evaluate(ctx, db, p, opts)
	if err != nil {
		return nil, err
	}
	LintEvaluation(p, ev)
	return ev, nil
}
