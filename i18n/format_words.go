package i18n

import (
	"strconv"
	"time"
)

// List joins items as a sentence of lang does: "a and b", "a, b and c", by
// the language's patterns for two items and for the items before the last
// two (CLDR's list patterns), each a whole message of the format domain.
func List(lang string, items []string) string {
	n := len(items)
	switch n {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	text := Sprintf(Format, lang, "list.two", items[n-2], items[n-1])
	for i := n - 3; i >= 0; i-- {
		text = Sprintf(Format, lang, "list.middle", items[i], text)
	}
	return text
}

// MonthYear names a month with its year, short, as a time axis labels it:
// "jan 2025", "Jan 2025", "2025. g. janv.". Each month is a whole message.
func MonthYear(lang string, d time.Time) string {
	return Sprintf(Format, lang, "month."+strconv.Itoa(int(d.Month())), strconv.Itoa(d.Year()))
}

// DateTime formats a moment to the minute, as it is given (local or UTC):
// "2025-11-30 14:05", "30 November 2025, 14:05",
// "2025. gada 30. novembris, plkst. 14:05".
func DateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return Date(lang, t)
	}
	return Sprintf(Format, lang, "datetime", Date(lang, t), t.Format("15:04"))
}

// DateTimeUTC formats a moment in UTC to the minute, saying so, as a
// document's colophon dates itself: "2025-11-30 14:05 UTC",
// "30 November 2025, 14:05 UTC", "2025. gada 30. novembris, plkst. 14:05 (UTC)".
func DateTimeUTC(lang string, t time.Time) string {
	if t.IsZero() {
		return Date(lang, t)
	}
	t = t.UTC()
	return Sprintf(Format, lang, "datetime.utc", Date(lang, t), t.Format("15:04"))
}

// CurrencyUnit is the sign or word of a currency in lang, as Money writes
// it ("kr", "SEK", "€"), or the currency's code when the language has none.
func CurrencyUnit(lang, currency string) string {
	if u, ok := Lookup(Format, lang, "currency."+currency); ok {
		return u
	}
	return currency
}
