package smart

import (
	"math"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// measurable checks that a goal can be measured against: a target (M001),
// a checkable baseline (M002), a target the measure can produce (M003), and
// data to measure it with (M004).
func (l *linter) measurable(ind *impact.Indicator) {
	m := ind.Measure
	if ind.Target == nil {
		l.report("M001", at(ind.Keys, ind.Pos, "target"), ind.ID)
	}
	l.baseline(ind)
	if m == nil {
		return
	}
	if ind.Target != nil {
		l.reachable(ind, m, *ind.Target)
	}
	l.ingested(ind, m)
}

// baseline reports M002 for a goal without a baseline, or with one that
// gives no date or source. A paired change needs neither: its baseline is
// the pre wave, measured in the data itself, and no change (0) is the
// natural starting point.
func (l *linter) baseline(ind *impact.Indicator) {
	if ind.Measure != nil && ind.Measure.Kind == impact.KindPairedChange {
		return
	}
	b := ind.Baseline
	if b == nil {
		l.report("M002.none", at(ind.Keys, ind.Pos, "baseline"), ind.ID)
		return
	}
	var missing string
	switch {
	case b.Date == nil && strings.TrimSpace(b.Source) == "":
		missing = "M002.both"
	case b.Date == nil:
		missing = "M002.date"
	case strings.TrimSpace(b.Source) == "":
		missing = "M002.source"
	default:
		return
	}
	l.report("M002.incomplete", at(ind.Keys, ind.Pos, "baseline"), ind.ID, message(l.lang, missing), written(b.Value))
}

// nonNegativeColumns are the numeric columns of the data kinds whose values
// cannot be below zero, so neither can their mean.
var nonNegativeColumns = []string{"new_contacts", "hours", "rate", "amount", "months_after", "birth_year"}

// reachable reports M003 when the target lies outside what the measure can
// produce.
func (l *linter) reachable(ind *impact.Indicator, m *impact.Measure, target float64) {
	if key, args := l.impossible(m, target); key != "" {
		l.report(key, at(ind.Keys, ind.Pos, "target"), ind.ID, args...)
	}
}

// impossible returns the catalogue key and arguments of the M003 message
// when the measure cannot produce target, and "" when it can.
func (l *linter) impossible(m *impact.Measure, target float64) (key string, args []any) {
	switch m.Kind {
	case impact.KindProportion:
		if target < 0 || target > 1 {
			return "M003.proportion", []any{written(target)}
		}
	case impact.KindCount, impact.KindRatio, impact.KindCostPer:
		if target < 0 {
			return "M003.negative", []any{message(l.lang, "kind."+m.Kind), written(target)}
		}
	case impact.KindMean:
		if in, ok := l.p.Instrument(m.Instrument); ok && m.Instrument != "" {
			if low, high, ok := scoreRange(in); ok && (target < low || target > high) {
				return "M003.score", []any{in.ID, written(low), written(high), written(target)}
			}
		} else if slices.Contains(nonNegativeColumns, m.Column) && target < 0 {
			return "M003.negative", []any{message(l.lang, "kind.mean_of", m.Column), written(target)}
		}
	case impact.KindPairedChange:
		if in, ok := l.p.Instrument(m.Instrument); ok {
			if low, high, ok := scoreRange(in); ok && math.Abs(target) > high-low {
				return "M003.change", []any{in.ID, written(high - low), written(target)}
			}
		}
	}
	return "", nil
}

// scoreRange returns the lowest and highest score a respondent can have on
// the instrument.
func scoreRange(in *impact.Instrument) (low, high float64, ok bool) {
	if in.Builtin == "swemwbs" || in.Score == "swemwbs" {
		// The published metric score of SWEMWBS (statistics.md).
		return 7, 35, true
	}
	if !(in.Scale.Min < in.Scale.Max) {
		return 0, 0, false
	}
	if in.Score == "mean" {
		return in.Scale.Min, in.Scale.Max, true
	}
	items := float64(len(in.Items))
	if items == 0 {
		return 0, 0, false
	}
	return items * in.Scale.Min, items * in.Scale.Max, true
}

// ingested reports M004 when the data holds nothing for the measure yet.
func (l *linter) ingested(ind *impact.Indicator, m *impact.Measure) {
	if o, ok := l.data.observed(ind.ID); ok && o.HasData {
		return
	}
	pos := at(ind.Keys, ind.Pos, "measure")
	for _, k := range []string{"instrument", "column", "source"} {
		if p, ok := m.Keys[k]; ok {
			pos = p
			break
		}
	}
	key := "M004.empty"
	if l.data == nil {
		key = "M004.none"
	}
	l.report(key, pos, ind.ID, l.describeSource(m))
}

// describeSource names the data a measure reads, for M004: the source with
// the instrument or column, the sources of a ratio's counts, or the costs.
func (l *linter) describeSource(m *impact.Measure) string {
	switch {
	case m.Kind == impact.KindCostPer:
		return message(l.lang, "source.costs_per")
	case m.Kind == impact.KindRatio:
		var sources []string
		for _, part := range []*impact.MeasureRef{m.Numerator, m.Denominator} {
			var src string
			switch {
			case part == nil:
			case part.Measure != nil:
				src = part.Measure.Source
			case part.Indicator != "":
				if other, ok := l.p.Indicator(part.Indicator); ok && other.Measure != nil {
					src = other.Measure.Source
				}
			}
			if src != "" && !slices.Contains(sources, src) {
				sources = append(sources, src)
			}
		}
		return strings.Join(sources, message(l.lang, "kind.list.and"))
	case m.Instrument != "":
		return m.Source + " (" + m.Instrument + ")"
	case m.Column != "":
		return m.Source + " (" + m.Column + ")"
	}
	return m.Source
}
