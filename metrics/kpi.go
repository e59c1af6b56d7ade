package metrics

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// CountryCode is the municipality code Kolada gives the whole country.
const CountryCode = "0000"

// kpiQuery reads the Kolada figures in the order of KPIs: by key figure, the
// project's municipality first, then the country, then any other; gender
// T (total), K (women), M (men), then any other; then by year, and within
// a year in the order the figures were loaded.
const kpiQuery = `
SELECT kpi, municipality, coalesce(gender, 'T'), period, value
FROM kpi
ORDER BY kpi,
         CASE municipality WHEN ? THEN 0 WHEN '` + CountryCode + `' THEN 1 ELSE 2 END, municipality,
         CASE coalesce(gender, 'T') WHEN 'T' THEN 0 WHEN 'K' THEN 1 WHEN 'M' THEN 2 ELSE 3 END, coalesce(gender, 'T'),
         period, source_id, line`

// KPIs returns every Kolada key figure loaded into the store, one series per
// key figure, municipality and gender, with one point per year. A year
// whose figure Kolada suppressed or lacks has a nil value, never zero. The
// project's municipality comes before the country (code 0000) and any
// other, so that reports can show "ours, then Sweden" in the stored order.
func KPIs(ctx context.Context, db *store.DB, p *impact.Project) ([]impact.KPISeries, error) {
	code := ""
	if p != nil {
		code = p.Info.Municipality.Code
	}
	rows, err := db.Query(ctx, kpiQuery, code)
	if err != nil {
		return nil, fmt.Errorf("kpi: read the Kolada figures: %w", err)
	}
	defer rows.Close()
	var series []impact.KPISeries
	for rows.Next() {
		var (
			kpi, municipality, gender string
			period                    int
			value                     *float64
		)
		if err := rows.Scan(&kpi, &municipality, &gender, &period, &value); err != nil {
			return nil, fmt.Errorf("kpi: read the Kolada figures: %w", err)
		}
		last := len(series) - 1
		if last < 0 || series[last].KPI != kpi || series[last].Municipality != municipality || series[last].Gender != gender {
			series = append(series, impact.KPISeries{KPI: kpi, Municipality: municipality, Gender: gender})
			last++
		}
		point := impact.KPIPoint{Period: period}
		if value != nil {
			point.Value = impact.Float(*value)
		}
		// A year loaded twice (two downloads that overlap) keeps its
		// last figure rather than appearing twice in a plot.
		if n := len(series[last].Points); n > 0 && series[last].Points[n-1].Period == period {
			if point.Value != nil {
				series[last].Points[n-1] = point
			}
			continue
		}
		series[last].Points = append(series[last].Points, point)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("kpi: read the Kolada figures: %w", err)
	}
	return series, nil
}

// kpiSeriesQuery reads one Kolada series up to a year: the figures of a
// key figure, municipality and gender, by year, the last loaded winning.
const kpiSeriesQuery = `
SELECT period, arg_max(value, source_id::BIGINT * 1000000000 + line) AS value
FROM kpi
WHERE kpi = ? AND municipality = ? AND coalesce(gender, 'T') = ? AND value IS NOT NULL AND period <= ?
GROUP BY period
ORDER BY period`

// measureKPI follows a Kolada key figure (measure kind kpi): the latest
// year with a figure at or before the as-of date is the estimate, a census
// figure, exact, without interval; the change is counted from the
// baseline's year, or from the baseline value where that year is not
// loaded. Its years are its series, for the plots.
func (e *evaluator) measureKPI(ind *impact.Indicator, o *outcome) error {
	r := &o.result
	m := ind.Measure
	municipality := m.Municipality
	if municipality == "" {
		municipality = e.p.Info.Municipality.Code
	}
	gender := m.Gender
	if gender == "" {
		gender = "T"
	}
	rows, err := e.db.Query(e.ctx, kpiSeriesQuery, m.KPI, municipality, gender, e.asOf.Year())
	if err != nil {
		return e.storeError("read the Kolada figures of %s", err, ind.ID)
	}
	defer rows.Close()
	values := map[int]float64{}
	for rows.Next() {
		var (
			period int
			value  float64
		)
		if err := rows.Scan(&period, &value); err != nil {
			return e.storeError("read the Kolada figures of %s", err, ind.ID)
		}
		values[period] = value
		// A year's figure stands at its year's end.
		at := impact.Date{Time: time.Date(period, 12, 31, 0, 0, 0, 0, time.UTC)}
		r.Series = append(r.Series, impact.Point{Date: at, Label: strconv.Itoa(period), Value: value})
		r.Period = impact.Int(period)
		r.Estimate = impact.Float(value)
	}
	if err := rows.Err(); err != nil {
		return e.storeError("read the Kolada figures of %s", err, ind.ID)
	}
	r.Status = censusStatus(r.Estimate != nil, r.Estimate, ind)
	if r.Estimate == nil || ind.Baseline == nil {
		return nil
	}
	if ind.Baseline.Date != nil {
		year := ind.Baseline.Date.Year()
		r.BaselinePeriod = impact.Int(year)
		if v, ok := values[year]; ok {
			r.Change = impact.Float(*r.Estimate - v)
			return nil
		}
	}
	r.Change = impact.Float(*r.Estimate - ind.Baseline.Value)
	return nil
}

// KPIMetadata returns the titles and units of the Kolada key figures whose
// metadata (kind kpi_meta) is loaded, by id; a key figure loaded twice
// keeps the last.
func KPIMetadata(ctx context.Context, db *store.DB) ([]impact.KPIMeta, error) {
	rows, err := db.Query(ctx, `SELECT kpi, arg_max(title, source_id::BIGINT * 1000000000 + line), arg_max(coalesce(unit, ''), source_id::BIGINT * 1000000000 + line)
FROM kpi_meta GROUP BY kpi ORDER BY kpi`)
	if err != nil {
		return nil, fmt.Errorf("kpi: read the Kolada metadata: %w", err)
	}
	defer rows.Close()
	var meta []impact.KPIMeta
	for rows.Next() {
		var m impact.KPIMeta
		if err := rows.Scan(&m.ID, &m.Title, &m.Unit); err != nil {
			return nil, fmt.Errorf("kpi: read the Kolada metadata: %w", err)
		}
		meta = append(meta, m)
	}
	return meta, rows.Err()
}
