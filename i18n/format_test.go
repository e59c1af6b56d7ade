package i18n_test

import (
	"testing"
	"time"

	"github.com/joiningforces/impact/i18n"
)

// TestFormats is a table of figures and dates as each language writes
// them: CLDR's decimal comma and no-break space in Swedish and Latvian,
// the true minus sign, percentages, money and the day.
func TestFormats(t *testing.T) {
	day := time.Date(2025, time.November, 30, 0, 0, 0, 0, time.UTC)
	march := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	moment := time.Date(2025, time.November, 30, 14, 5, 59, 0, time.UTC)
	cases := []struct {
		name, lang, got, want string
	}{
		{"number", "sv", i18n.Number("sv", 1234567.891, 2), "1\u00a0234\u00a0567,89"},
		{"number", "lv", i18n.Number("lv", 1234567.891, 2), "1\u00a0234\u00a0567,89"},
		{"number", "en", i18n.Number("en", 1234567.891, 2), "1,234,567.89"},
		{"negative", "sv", i18n.Number("sv", -12.5, 1), "−12,5"},
		{"negative", "en", i18n.Number("en", -12.5, 1), "−12.5"},
		{"rounds to zero", "lv", i18n.Number("lv", -0.04, 1), "0,0"},
		{"four digits", "sv", i18n.Number("sv", 2500, 0), "2\u00a0500"},
		{"percent", "sv", i18n.Percent("sv", 0.456, 1), "45,6\u00a0%"},
		{"percent", "lv", i18n.Percent("lv", 0.456, 1), "45,6%"},
		{"percent", "en", i18n.Percent("en", 0.456, 0), "46%"},
		{"money", "sv", i18n.Money("sv", 125000, "SEK"), "125\u00a0000\u00a0kr"},
		{"money", "lv", i18n.Money("lv", 125000, "EUR"), "125\u00a0000\u00a0€"},
		{"money", "en", i18n.Money("en", 125000, "SEK"), "SEK\u00a0125,000"},
		{"money in another currency", "lv", i18n.Money("lv", 9.6, "NOK"), "10\u00a0NOK"},
		{"date", "sv", i18n.Date("sv", day), "2025-11-30"},
		{"date", "en", i18n.Date("en", day), "30 November 2025"},
		{"date", "lv", i18n.Date("lv", day), "2025. gada 30. novembris"},
		{"date", "lv", i18n.Date("lv", march), "2026. gada 1. marts"},
		{"date", "sv", i18n.Date("sv", march), "2026-03-01"},
		{"moment", "sv", i18n.DateTime("sv", moment), "2025-11-30 14:05"},
		{"moment", "en", i18n.DateTime("en", moment), "30 November 2025, 14:05"},
		{"moment", "lv", i18n.DateTime("lv", moment), "2025. gada 30. novembris, plkst. 14:05"},
		{"moment in UTC", "sv", i18n.DateTimeUTC("sv", moment.In(time.FixedZone("CET", 3600))), "2025-11-30 14:05 UTC"},
		{"moment in UTC", "en", i18n.DateTimeUTC("en", moment), "30 November 2025, 14:05 UTC"},
		{"moment in UTC", "lv", i18n.DateTimeUTC("lv", moment), "2025. gada 30. novembris, plkst. 14:05 (UTC)"},
		{"no moment", "lv", i18n.DateTime("lv", time.Time{}), "–"},
		{"month", "sv", i18n.MonthYear("sv", march), "mar 2026"},
		{"month", "en", i18n.MonthYear("en", march), "Mar 2026"},
		{"month", "lv", i18n.MonthYear("lv", day), "2025. g. nov."},
		{"list of one", "lv", i18n.List("lv", []string{"Liepāja"}), "Liepāja"},
		{"list of two", "sv", i18n.List("sv", []string{"a", "b"}), "a och b"},
		{"list of three", "en", i18n.List("en", []string{"a", "b", "c"}), "a, b and c"},
		{"list of four", "lv", i18n.List("lv", []string{"a", "b", "c", "d"}), "a, b, c un d"},
		{"list keeps a percent sign", "sv", i18n.List("sv", []string{"5 %", "b"}), "5 % och b"},
	}
	for _, c := range cases {
		t.Run(c.name+"/"+c.lang, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		})
	}
}

// TestPluralForms checks CLDR's plural categories: Latvian has a zero
// form for 0, 10–20, 30 …, a one form for 1, 21, 31 … but not 11.
func TestPluralForms(t *testing.T) {
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"sv", 0, "other"}, {"sv", 1, "one"}, {"sv", 2, "other"}, {"sv", 21, "other"},
		{"en", 1, "one"}, {"en", 11, "other"},
		{"lv", 0, "zero"}, {"lv", 1, "one"}, {"lv", 2, "other"}, {"lv", 11, "zero"},
		{"lv", 15, "zero"}, {"lv", 21, "one"}, {"lv", 30, "zero"}, {"lv", 101, "one"}, {"lv", 111, "zero"},
	}
	for _, c := range cases {
		if got := i18n.PluralForm(c.lang, c.n); got != c.want {
			t.Errorf("%s %d: got %s, want %s", c.lang, c.n, got, c.want)
		}
	}
}

// TestMatch checks that a regional tag finds its language and an unknown
// one none.
func TestMatch(t *testing.T) {
	for tag, want := range map[string]string{"sv-FI": "sv", "sv-SE": "sv", "lv-LV": "lv", "en-GB": "en", "en": "en"} {
		if got, ok := i18n.Match(tag); !ok || got != want {
			t.Errorf("Match(%s) = %s, %v; want %s", tag, got, ok, want)
		}
	}
	for _, tag := range []string{"de", "nb", "x!"} {
		if got, ok := i18n.Match(tag); ok {
			t.Errorf("Match(%s) = %s; want none", tag, got)
		}
	}
	if got, err := i18n.Choose("", "sv-FI"); err != nil || got != "sv" {
		t.Errorf("Choose(\"\", sv-FI) = %s, %v", got, err)
	}
	if got, err := i18n.Choose("lv", "sv"); err != nil || got != "lv" {
		t.Errorf("Choose(lv, sv) = %s, %v", got, err)
	}
	if _, err := i18n.Choose("de", "sv"); err == nil {
		t.Error("Choose(de) gave no error")
	}
}
