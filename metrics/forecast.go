package metrics

import (
	"math"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/stats"
)

// forecast extends an indicator's series to its deadline (statistics.md):
// for a goal measured over time (frequency not once) with a deadline and at
// least 3 measurement points on or before the as-of date, the least-squares
// line of the value on time in days, and its value with the prediction
// interval at the deadline. It is on track when that value reaches the
// target. Without enough points, or with points that fix no line, there is
// no forecast (nil), never a guess. A deadline on or before the as-of
// date has passed: what was reached is measured, not forecast (memo.md),
// so it has no forecast either, in every output.
func (e *evaluator) forecast(ind *impact.Indicator, series []impact.Point) *impact.Forecast {
	if !measuredOverTime(ind) || ind.Deadline == nil || !e.asOf.Before(*ind.Deadline) {
		return nil
	}
	var t, y []float64
	for _, p := range series {
		if !e.asOf.Before(p.Date) {
			t = append(t, days(p.Date))
			y = append(y, p.Value)
		}
	}
	if len(t) < 3 {
		return nil
	}
	pred, err := stats.PredictOLS(t, y, days(*ind.Deadline), e.conf)
	if err != nil {
		return nil
	}
	for _, x := range []float64{pred.Fit, pred.Interval.Low, pred.Interval.High} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
	}
	direction := ind.Direction
	if direction == "" {
		direction = impact.Increase
	}
	return &impact.Forecast{
		At:      *ind.Deadline,
		Value:   pred.Fit,
		PILow:   pred.Interval.Low,
		PIHigh:  pred.Interval.High,
		OnTrack: ind.Target != nil && reaches(pred.Fit, *ind.Target, direction),
		Points:  len(t),
	}
}

// days is a date as the number of days since 1970-01-01, R's
// as.numeric(as.Date(x)).
func days(d impact.Date) float64 {
	return float64(d.Unix()) / 86400
}
