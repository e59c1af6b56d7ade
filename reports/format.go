package reports

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// printer turns the Evaluation's numbers and the catalogue's messages into
// the text of one language. Every figure a document shows goes through it,
// so the goal-board test can format a figure exactly as the report does.
type printer struct {
	lang     string
	minCell  int
	conf     float64
	currency string
}

// newPrinter returns the printer for a language (the project's when lang
// is empty), refusing a language without a catalogue. The project may be
// nil, as when a dashboard asks for one plot of an evaluation.
func newPrinter(lang string, p *impact.Project, ev *impact.Evaluation) (*printer, error) {
	if lang == "" && p != nil {
		lang = p.Info.Language
	}
	if lang == "" {
		lang = impact.DefaultLanguage
	}
	if !i18n.Speaks(i18n.Reports, lang) {
		return nil, refuse(impact.EINVALID, nil, "refuse.lang", lang)
	}
	pr := &printer{lang: lang, minCell: ev.MinCell, conf: ev.Confidence}
	if p != nil {
		pr.currency = p.Info.Currency
	}
	if pr.minCell == 0 {
		pr.minCell = impact.DefaultMinCell
	}
	if pr.conf == 0 {
		pr.conf = impact.DefaultConfidence
	}
	if ev.Costs != nil && ev.Costs.Currency != "" {
		pr.currency = ev.Costs.Currency
	}
	if pr.currency == "" {
		pr.currency = impact.DefaultCurrency
	}
	return pr, nil
}

// T returns the message key formatted with args. A key missing from the
// catalogue shows as [key], which the tests look for.
func (pr *printer) T(key string, args ...any) string {
	if !pr.Has(key) {
		return "[" + key + "]"
	}
	return tidy(i18n.Sprintf(i18n.Reports, pr.lang, key, args...))
}

// Plural returns the message key in the plural form of n in the printer's
// language (key.one, key.other, and key.zero in Latvian), formatted with
// args.
func (pr *printer) Plural(key string, n int, args ...any) string {
	if !pr.Has(key + ".other") {
		return "[" + key + "]"
	}
	return tidy(i18n.Plural(i18n.Reports, pr.lang, key, n, args...))
}

// tidy cleans a formatted message: a message may leave out an argument its
// key is called with (one language needs it, the other not), which fmt
// would append, and a name that ends in a full stop ("ek. för.") at the end
// of a sentence would give two.
func tidy(text string) string {
	if i := strings.Index(text, "%!(EXTRA "); i >= 0 {
		text = text[:i]
	}
	if strings.HasSuffix(text, "..") && !strings.HasSuffix(text, "...") {
		text = text[:len(text)-1]
	}
	return text
}

// Has reports whether the catalogue has key, for optional messages such as
// a translation of a financing form.
func (pr *printer) Has(key string) bool {
	return i18n.Has(i18n.Reports, pr.lang, key)
}

// Num formats x with the given decimals, the language's decimal mark and
// digit grouping, and a true minus sign.
func (pr *printer) Num(x float64, decimals int) string {
	return i18n.Number(pr.lang, x, decimals)
}

// Plain formats x with at most the given decimals, dropping trailing
// zeros: 19 rather than 19,0, but 18,7.
func (pr *printer) Plain(x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	_, frac, _ := strings.Cut(s, ".")
	return pr.Num(x, len(frac))
}

// Signed formats x as Num does, with a plus sign on a positive figure, for
// changes.
func (pr *printer) Signed(x float64, decimals int) string {
	s := pr.Num(x, decimals)
	if x > 0 && strings.Trim(strconv.FormatFloat(x, 'f', decimals, 64), "0.") != "" {
		return "+" + s
	}
	return s
}

// Int formats a whole number.
func (pr *printer) Int(n int) string { return pr.Num(float64(n), 0) }

// Percent formats a share (0.45) as a percentage in the language's CLDR
// style, as the dashboard does: "45 %", "45%".
func (pr *printer) Percent(x float64, decimals int) string {
	return i18n.Percent(pr.lang, x, decimals)
}

// Points formats a figure already in percent (12.3, as a key figure gives
// it) as a percentage: "12,3 %".
func (pr *printer) Points(x float64, decimals int) string {
	return i18n.Sprintf(i18n.Format, pr.lang, "percent", pr.Num(x, decimals))
}

// CurrencyUnit is the word or sign of the project's currency: "kr".
func (pr *printer) CurrencyUnit() string {
	return i18n.CurrencyUnit(pr.lang, pr.currency)
}

// Money formats an amount in the project's currency, without decimals, in
// the language's style: "14 631 kr", "SEK 14,631", "14 631 €".
func (pr *printer) Money(x float64) string {
	return i18n.Money(pr.lang, x, pr.currency)
}

// Date formats a date as the language writes it: 2025-11-30, 30 November
// 2025, 2025. gada 30. novembris.
func (pr *printer) Date(d impact.Date) string {
	if d.IsZero() {
		return pr.T("none")
	}
	return i18n.Date(pr.lang, d.Time)
}

// Time formats a moment in UTC, as the footer shows it.
func (pr *printer) Time(t time.Time) string {
	return i18n.DateTimeUTC(pr.lang, t)
}

// Conf formats the confidence level ("95 %").
func (pr *printer) Conf() string { return pr.Percent(pr.conf, 0) }

// Fewer is the text of a suppressed count: "fewer than 5".
func (pr *printer) Fewer() string { return pr.T("suppressed", pr.Int(pr.minCell)) }

// Count formats a count of people: nil (suppressed) and any count under
// min_cell read "fewer than 5", never a number.
func (pr *printer) Count(n *int) string {
	if n == nil || (*n > 0 && *n < pr.minCell) {
		return pr.Fewer()
	}
	return pr.Int(*n)
}

// Shown formats a count of people that may be suppressed: "withheld" for
// one hidden although it is min_cell or more (so that a smaller one cannot
// be recovered), "fewer than 5" otherwise. A count of 5 or more never reads
// "fewer than 5" (memo.md).
func (pr *printer) Shown(n *int, withheld bool) string {
	if n == nil && withheld {
		return pr.T("withheld")
	}
	return pr.Count(n)
}

// Status formats a status as its symbol and word, never by colour alone.
func (pr *printer) Status(s impact.Status) string {
	return pr.T("status.marked", s.Symbol(), pr.T("status."+string(s)))
}

// decimals returns how many decimals the figures of a mean or change need:
// two for scores (3.28 on a 1–5 scale), fewer for larger numbers.
func decimals(r *impact.Result) int {
	largest := 0.0
	for _, x := range []*float64{r.Estimate, r.CILow, r.CIHigh, r.Target, r.Baseline} {
		if x != nil && math.Abs(*x) > largest {
			largest = math.Abs(*x)
		}
	}
	switch {
	case largest >= 1000:
		return 0
	case largest >= 100:
		return 1
	}
	return 2
}

// Value formats one figure of an indicator in its kind's unit: a share as
// a percentage, a mean to two decimals, a change with its sign, a count as
// a whole number, a cost as money.
func (pr *printer) Value(r *impact.Result, x float64) string {
	switch r.Kind {
	case impact.KindProportion:
		return pr.Percent(x, 0)
	case impact.KindMean:
		return pr.Num(x, decimals(r))
	case impact.KindPairedChange:
		return pr.Signed(x, decimals(r))
	case impact.KindCount:
		return pr.Num(x, 0)
	case impact.KindCostPer:
		return pr.Money(x)
	case impact.KindKPI:
		return pr.Num(x, 1)
	}
	return pr.Num(x, decimals(r))
}

// ValuePtr formats a figure that may be missing.
func (pr *printer) ValuePtr(r *impact.Result, x *float64) string {
	if x == nil {
		return pr.T("none")
	}
	return pr.Value(r, *x)
}

// Interval formats an interval: "33 % to 58 %".
func (pr *printer) Interval(r *impact.Result, low, high *float64) string {
	if low == nil || high == nil {
		return pr.T("none")
	}
	return pr.T("fmt.interval", pr.Value(r, *low), pr.Value(r, *high))
}

// maskedPeople reports whether an indicator's figures must be hidden
// because they rest on fewer people than min_cell: a sampled goal with a
// small n, or a count of people under min_cell. The evaluation should have
// hidden them already; the report checks again, because a leak in print
// cannot be taken back.
func (pr *printer) maskedPeople(p *impact.Project, r *impact.Result) bool {
	if r.Suppressed {
		return true
	}
	if r.N != nil && *r.N > 0 && *r.N < pr.minCell {
		return true
	}
	if r.Successes != nil && *r.Successes > 0 && *r.Successes < pr.minCell && r.Kind != impact.KindProportion {
		return true
	}
	if r.Kind == impact.KindCount && r.Estimate != nil && *r.Estimate > 0 && *r.Estimate < float64(pr.minCell) && countsPeople(p, r.ID) {
		return true
	}
	return false
}

// countsPeople reports whether a count indicator counts people (rows or
// distinct participants) rather than employers or events.
func countsPeople(p *impact.Project, id string) bool {
	if p == nil {
		return true
	}
	ind, ok := p.Indicator(id)
	if !ok || ind.Measure == nil {
		return true
	}
	return ind.Measure.Distinct == "" || ind.Measure.Distinct == "participant"
}

// Estimate formats an indicator's estimate, or "fewer than 5" when it rests
// on too few people.
func (pr *printer) Estimate(p *impact.Project, r *impact.Result) string {
	if pr.maskedPeople(p, r) {
		return pr.Fewer()
	}
	return pr.ValuePtr(r, r.Estimate)
}

// N formats an indicator's n, hidden under min_cell.
func (pr *printer) N(r *impact.Result) string {
	if r.N == nil {
		return pr.T("none")
	}
	return pr.Count(r.N)
}

// refuse is an error of code, with its cause, whose message is key of the
// reports' catalogue with args, kept to be said in the reader's language:
// the command's on the terminal, the page's on the board.
func refuse(code string, cause error, key string, args ...any) *impact.Error {
	return impact.Said(code, cause, i18n.Keep(i18n.Reports, "en", key, args...))
}
