package metrics

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/stats"
)

// SROIDraws is the number of Monte Carlo draws behind the SROI's
// uncertainty.
const SROIDraws = 10_000

// ValueProxy is one outcome valued in the SROI model: its number of
// successes S, fixed by the data, and the parameters of its value, each a
// triangular distribution (a plain number is one with low = mid = high).
type ValueProxy struct {
	// Indicator is the id of the valued indicator; it names the proxy's
	// parameters in the sensitivity ("work_or_study_6m.deadweight").
	Indicator string
	// Outcomes is S: the successes of a proportion or the count of a count.
	Outcomes        float64
	ValuePerOutcome stats.Triangular
	Deadweight      stats.Triangular
	Attribution     stats.Triangular
	Displacement    stats.Triangular
	DropOff         stats.Triangular
	// Years is the duration of the value, duration_years.
	Years int
}

// proxyParameter names one parameter of a proxy and reaches it.
type proxyParameter struct {
	name string
	get  func(*ValueProxy) *stats.Triangular
}

// proxyParameters lists the uncertain parameters in the fixed order of
// the draws and of the sensitivity.
var proxyParameters = []proxyParameter{
	{"value_per_outcome", func(p *ValueProxy) *stats.Triangular { return &p.ValuePerOutcome }},
	{"deadweight", func(p *ValueProxy) *stats.Triangular { return &p.Deadweight }},
	{"attribution", func(p *ValueProxy) *stats.Triangular { return &p.Attribution }},
	{"displacement", func(p *ValueProxy) *stats.Triangular { return &p.Displacement }},
	{"drop_off", func(p *ValueProxy) *stats.Triangular { return &p.DropOff }},
}

// presentValue is the spec's PV of S outcomes for the given parameter
// values: Σ_{t=1..years} S·v·(1−dw)·(1−att)·(1−disp)·(1−drop)^(t−1) / (1+r)^t.
func presentValue(outcomes, value, deadweight, attribution, displacement, dropOff float64, years int, rate float64) float64 {
	var pv float64
	for t := 1; t <= years; t++ {
		valueT := outcomes * value * (1 - deadweight) * (1 - attribution) * (1 - displacement) * math.Pow(1-dropOff, float64(t-1))
		pv += valueT / math.Pow(1+rate, float64(t))
	}
	return pv
}

// at returns the proxy's present value with every parameter at the value
// pick chooses.
func (p *ValueProxy) at(rate float64, pick func(stats.Triangular) float64) float64 {
	return presentValue(p.Outcomes, pick(p.ValuePerOutcome), pick(p.Deadweight), pick(p.Attribution),
		pick(p.Displacement), pick(p.DropOff), p.Years, rate)
}

func mid(t stats.Triangular) float64 { return t.Mid }

// SROISeed returns the seed of the Monte Carlo for a project: the FNV-1a
// hash of its id, so that the same project and data always give the same
// figures.
func SROISeed(projectID string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(projectID))
	return h.Sum64()
}

// SROI computes the social return on investment of the proxies against
// cost at the yearly discount rate (statistics.md): sroi_mid with every
// parameter at its mid, the median, 5th and 95th percentiles (R's type 7)
// and P(sroi > 1) of draws Monte Carlo draws in which every parameter is
// drawn from its triangular distribution (seeded by seed, drawn in the
// order of the proxies and, within each, value_per_outcome, deadweight,
// attribution, displacement, drop_off), the sensitivity of sroi to each
// parameter at its low and at its high with the others at mid (in the same
// order), and break_even_outcomes: the number of outcomes, in the observed
// mix of proxies (equal shares when none was observed), at which sroi_mid
// would be 1.
//
// The present value is always given; without a positive cost the ratios
// are null (nil), there is no sensitivity and no draw is made. It fails
// with ErrDomain for a negative number of outcomes or years, or a rate of
// −1 or less.
func SROI(proxies []ValueProxy, rate, cost float64, draws int, seed uint64) (*impact.ValueSummary, error) {
	if !(rate > -1) {
		return nil, fmt.Errorf("%w: discount rate %v", stats.ErrDomain, rate)
	}
	for _, p := range proxies {
		if !(p.Outcomes >= 0) || p.Years < 0 {
			return nil, fmt.Errorf("%w: proxy %s has %v outcomes over %d years", stats.ErrDomain, p.Indicator, p.Outcomes, p.Years)
		}
	}
	v := &impact.ValueSummary{Sensitivity: []impact.Sensitivity{}}
	var pvMid, outcomes float64
	perOutcome := make([]float64, len(proxies))
	for i := range proxies {
		pvMid += proxies[i].at(rate, mid)
		outcomes += proxies[i].Outcomes
		one := proxies[i]
		one.Outcomes = 1
		perOutcome[i] = one.at(rate, mid)
	}
	v.PresentValue = impact.Float(pvMid)
	if !(cost > 0) {
		return v, nil
	}
	v.SROIMid = impact.Float(pvMid / cost)

	// The value of one outcome in the observed mix of proxies; a project
	// with no outcome yet weighs its proxies equally.
	var valueOfOne float64
	for i, p := range proxies {
		weight := 1 / float64(len(proxies))
		if outcomes > 0 {
			weight = p.Outcomes / outcomes
		}
		valueOfOne += weight * perOutcome[i]
	}
	if valueOfOne > 0 {
		v.BreakEvenOutcomes = impact.Float(cost / valueOfOne)
	}

	for i := range proxies {
		for _, param := range proxyParameters {
			swing := func(pick func(stats.Triangular) float64) float64 {
				var pv float64
				for j := range proxies {
					if j != i {
						pv += proxies[j].at(rate, mid)
						continue
					}
					changed := proxies[j]
					t := param.get(&changed)
					*t = stats.Triangular{Low: pick(*t), Mid: pick(*t), High: pick(*t)}
					pv += changed.at(rate, mid)
				}
				return pv / cost
			}
			v.Sensitivity = append(v.Sensitivity, impact.Sensitivity{
				Parameter: proxies[i].Indicator + "." + param.name,
				Low:       swing(func(t stats.Triangular) float64 { return t.Low }),
				High:      swing(func(t stats.Triangular) float64 { return t.High }),
			})
		}
	}

	if draws <= 0 {
		return v, nil
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	sroi := make([]float64, draws)
	above := 0
	for k := range sroi {
		var pv float64
		for i := range proxies {
			p := &proxies[i]
			// The draws are made in a fixed order, one per parameter, so
			// that the same seed gives the same figures.
			value := p.ValuePerOutcome.Rand(rng)
			deadweight := p.Deadweight.Rand(rng)
			attribution := p.Attribution.Rand(rng)
			displacement := p.Displacement.Rand(rng)
			dropOff := p.DropOff.Rand(rng)
			pv += presentValue(p.Outcomes, value, deadweight, attribution, displacement, dropOff, p.Years, rate)
		}
		sroi[k] = pv / cost
		if sroi[k] > 1 {
			above++
		}
	}
	q, err := stats.Quantiles(sroi, []float64{0.5, 0.05, 0.95})
	if err != nil {
		return nil, err
	}
	v.SROIMedian, v.SROIP05, v.SROIP95 = impact.Float(q[0]), impact.Float(q[1]), impact.Float(q[2])
	v.ProbSROIAbove1 = impact.Float(float64(above) / float64(draws))
	v.Draws = draws
	return v, nil
}

// valueSummary values the project's outcomes with its value model, against
// the total cost. It is nil when the project has no value model.
func (e *evaluator) valueSummary(costs *impact.CostSummary) (*impact.ValueSummary, error) {
	vm := e.p.Value
	if vm == nil {
		return nil, nil
	}
	proxies := make([]ValueProxy, 0, len(vm.Proxies))
	for _, px := range vm.Proxies {
		o, err := e.outcome(px.Indicator)
		if err != nil {
			return nil, err
		}
		outcomes := o.successes
		if math.IsNaN(outcomes) {
			outcomes = 0
		}
		proxy := ValueProxy{Indicator: px.Indicator, Outcomes: outcomes, Years: px.DurationYears}
		for _, param := range proxyParameters {
			r := rangeOf(px, param.name)
			t, err := stats.NewTriangular(r.Low, r.Mid, r.High)
			if err != nil {
				return nil, e.invalid(r.Pos, "value.proxies (%s).%s: low %g, mid %g, high %g must be in order, low ≤ mid ≤ high", px.Indicator, param.name, r.Low, r.Mid, r.High)
			}
			*param.get(&proxy) = t
		}
		proxies = append(proxies, proxy)
	}
	cost := math.NaN()
	if costs != nil {
		cost = costs.Total
	}
	v, err := SROI(proxies, vm.DiscountRate, cost, SROIDraws, SROISeed(e.p.Info.ID))
	if err != nil {
		return nil, e.invalid(vm.Pos, "value: the social value cannot be computed: %v", err)
	}
	return v, nil
}

// rangeOf returns the proxy's parameter of the given name.
func rangeOf(px impact.Proxy, name string) impact.Range {
	switch name {
	case "value_per_outcome":
		return px.ValuePerOutcome
	case "deadweight":
		return px.Deadweight
	case "attribution":
		return px.Attribution
	case "displacement":
		return px.Displacement
	}
	return px.DropOff
}
