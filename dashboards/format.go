package dashboards

import (
	"math"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// The dashboards compute no figure: these functions only write the
// evaluation's numbers the way a reader of each language expects them
// (Swedish: 1 234,5 and 45 %; English: 1,234.5 and 45%).

// dash stands for a figure that does not exist.
const dash = "–"

// formatNumber writes x with the given decimals, grouped in thousands, in
// lang's CLDR style: a no-break space, so that a number never breaks across
// lines, and a decimal comma in Swedish and Latvian.
func formatNumber(x float64, decimals int, lang string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return dash
	}
	return i18n.Number(lang, x, decimals)
}

// percent writes a share (0.452) as a percentage: 45 % in Swedish, 45% in
// English and Latvian.
func percent(x float64, decimals int, lang string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return dash
	}
	return i18n.Percent(lang, x, decimals)
}

// formatBytes writes a size for a person: 50 MB.
func formatBytes(n int64, lang string) string {
	const mb = 1 << 20
	if n >= mb {
		return formatNumber(float64(n)/mb, 0, lang) + "\u00a0MB"
	}
	return formatNumber(float64(n)/1024, 0, lang) + "\u00a0kB"
}

// value writes one figure of an indicator in the unit of its kind: a share
// as a percentage, a mean with one decimal, a count whole, a cost in the
// project's currency.
func (p *page) value(kind string, x float64) string {
	switch kind {
	case impact.KindProportion:
		return percent(x, 0, p.Lang)
	case impact.KindMean, impact.KindPairedChange:
		return formatNumber(x, 1, p.Lang)
	case impact.KindCount:
		return formatNumber(x, 0, p.Lang)
	case impact.KindCostPer:
		return p.Money(x)
	case impact.KindKPI:
		return formatNumber(x, 1, p.Lang)
	default:
		return formatNumber(x, 2, p.Lang)
	}
}

// Value writes an optional figure of an indicator, or a dash.
func (p *page) Value(kind string, x *float64) string {
	if x == nil {
		return dash
	}
	return p.value(kind, *x)
}

// Estimate writes an indicator's estimate.
func (p *page) Estimate(r impact.Result) string {
	if r.Suppressed {
		return p.Suppressed()
	}
	return p.Value(r.Kind, r.Estimate)
}

// ResultInterval writes an indicator's interval, or a dash when it has none
// or rests on fewer people than min_cell.
func (p *page) ResultInterval(r impact.Result) string {
	if r.Suppressed {
		return dash
	}
	return p.Interval(r.Kind, r.CILow, r.CIHigh)
}

// ResultN writes an indicator's n, or "fewer than 5" when it rests on
// fewer people than min_cell.
func (p *page) ResultN(r impact.Result) string {
	if r.Suppressed {
		return p.Suppressed()
	}
	return p.Int(r.N)
}

// Target writes an indicator's target, or that it has none.
func (p *page) Target(r impact.Result) string {
	if r.Target == nil {
		return p.T("no_target")
	}
	return p.value(r.Kind, *r.Target)
}

// Interval writes an interval as "31–60 %", or a dash when there is none.
func (p *page) Interval(kind string, low, high *float64) string {
	if low == nil || high == nil {
		return dash
	}
	return p.value(kind, *low) + " – " + p.value(kind, *high)
}

// Int writes an optional count, or a dash.
func (p *page) Int(n *int) string {
	if n == nil {
		return dash
	}
	return formatNumber(float64(*n), 0, p.Lang)
}

// Count writes a count that is suppressed (nil) under the small-cell rule
// as "fewer than 5", never as a number.
func (p *page) Count(n *int) string {
	if n == nil {
		return p.Suppressed()
	}
	return formatNumber(float64(*n), 0, p.Lang)
}

// Shown writes a count that may be hidden: "withheld" for one hidden
// although it is min_cell or more (so that a smaller one cannot be
// recovered), "fewer than 5" for a small one (memo.md).
func (p *page) Shown(n *int, withheld bool) string {
	if n == nil && withheld {
		return p.T("withheld")
	}
	return p.Count(n)
}

// Suppressed is the text of a hidden small cell.
func (p *page) Suppressed() string {
	minCell := 5
	if p.Eval != nil && p.Eval.MinCell > 0 {
		minCell = p.Eval.MinCell
	}
	return p.T("suppressed", minCell)
}

// Num writes an optional plain number with the given decimals.
func (p *page) Num(x *float64, decimals int) string {
	if x == nil {
		return dash
	}
	return formatNumber(*x, decimals, p.Lang)
}

// Share writes an optional share or probability as a percentage.
func (p *page) Share(x *float64) string {
	if x == nil {
		return dash
	}
	return percent(*x, 0, p.Lang)
}

// PValue writes a p-value with three decimals, or "< 0.001".
func (p *page) PValue(x *float64) string {
	if x == nil {
		return dash
	}
	if *x < 0.001 {
		return "< " + formatNumber(0.001, 3, p.Lang)
	}
	return formatNumber(*x, 3, p.Lang)
}

// Money writes an amount in the project's currency, whole.
func (p *page) Money(x float64) string {
	currency := p.Project.Info.Currency
	if p.Eval != nil && p.Eval.Costs != nil && p.Eval.Costs.Currency != "" {
		currency = p.Eval.Costs.Currency
	}
	if currency == "" {
		currency = "SEK"
	}
	n := formatNumber(x, 0, p.Lang)
	if p.Lang == "sv" && currency == "SEK" {
		return n + "\u00a0kr"
	}
	return n + "\u00a0" + currency
}

// MoneyPtr writes an optional amount, or a dash.
func (p *page) MoneyPtr(x *float64) string {
	if x == nil {
		return dash
	}
	return p.Money(*x)
}

// Ratio writes an SROI ratio, "2,4 : 1" in Swedish, "2.4 : 1" in English.
func (p *page) Ratio(x *float64) string {
	if x == nil {
		return dash
	}
	return formatNumber(*x, 1, p.Lang) + "\u00a0:\u00a01"
}

// Date writes a date in the page's language, as the reports do:
// 2025-11-30, 30 November 2025, 2025. gada 30. novembris.
func (p *page) Date(d impact.Date) string {
	if d.IsZero() {
		return dash
	}
	return i18n.Date(p.Lang, d.Time)
}

// DatePtr writes an optional date.
func (p *page) DatePtr(d *impact.Date) string {
	if d == nil {
		return dash
	}
	return p.Date(*d)
}

// Time writes a moment in local time to the minute, in the page's
// language.
func (p *page) Time(t time.Time) string {
	if t.IsZero() {
		return dash
	}
	return i18n.DateTime(p.Lang, t.Local())
}

// Plain writes a whole number.
func (p *page) Plain(n int64) string { return formatNumber(float64(n), 0, p.Lang) }

// statusView is a status as the pages show it: symbol and word, and a
// class for colour that is never the only sign.
type statusView struct {
	Class, Symbol, Word string
}

// Status returns how to show a status.
func (p *page) Status(st impact.Status) statusView {
	return statusView{Class: "status-" + strings.ReplaceAll(string(st), "_", "-"), Symbol: st.Symbol(), Word: p.T("status." + string(st))}
}
