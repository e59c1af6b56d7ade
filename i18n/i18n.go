// Package i18n is the one catalogue of every message a person reads from
// impact, in every language it speaks, on golang.org/x/text: language
// matching (sv-FI reads Swedish), the catalogue itself (message/catalog),
// CLDR numbers and percentages (a decimal comma and a no-break space in
// Swedish and Latvian) and CLDR plural forms (Latvian has three).
//
// Messages are grouped in domains, one per part of the program that writes
// for people (the reports, the dashboard, the lint, the command line), so
// that a key means one thing in one place. Text that comes from the project
// file or the data never passes through here: it is an argument, shown as
// written.
package i18n

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
	"golang.org/x/text/number"
)

// Domain names a part of the program whose messages share one set of keys.
type Domain string

// The domains of the catalogue.
const (
	Reports    Domain = "reports"
	Dashboards Domain = "dashboards"
	Lint       Domain = "lint"
	CLI        Domain = "cli"
	Ingest     Domain = "ingest"
	Help       Domain = "help"
	Format     Domain = "format"
	// Project is the project loader: what is wrong with impact.yaml.
	Project Domain = "project"
	// Evaluate is evaluate's refusals: a measure that cannot be computed
	// as written, a store that cannot be read.
	Evaluate Domain = "evaluate"
)

// Languages lists the languages impact speaks, sorted; the first of
// preference order is Default.
var Languages = []string{"en", "lv", "sv"}

// Default is the language of a project that names none.
const Default = "sv"

// sources holds every message per domain and language as written in this
// package's files: the keys a test compares across languages.
var sources = map[Domain]map[string]map[string]string{
	Reports:    {"sv": reportsSV, "en": reportsEN, "lv": reportsLV},
	Dashboards: dashboardsCatalogue,
	Lint:       lintCatalogue,
	CLI:        cliCatalogue,
	Ingest:     ingestCatalogue,
	Help:       helpCatalogue,
	Format:     formatCatalogue,
	Project:    projectCatalogue,
	Evaluate:   evaluateCatalogue,
}

var (
	tags    = map[string]language.Tag{"sv": language.Swedish, "en": language.English, "lv": language.Latvian}
	matcher = language.NewMatcher([]language.Tag{language.Swedish, language.English, language.Latvian})
	// printers write numbers in each language's style, without messages.
	printers = map[string]*message.Printer{}
	// catalogues holds each domain's printers, built on its first message
	// with arguments: building every domain's catalogue took 11 ms of the
	// start of every command, of which most use one or two.
	catalogues = map[Domain]*catalogue{}
)

// catalogue is one domain's messages as golang.org/x/text formats them:
// every message under "domain:key", English where a language lacks one.
type catalogue struct {
	once     sync.Once
	printers map[string]*message.Printer
}

func init() {
	for lang, tag := range tags {
		printers[lang] = message.NewPrinter(tag)
	}
	for domain := range sources {
		catalogues[domain] = &catalogue{}
	}
}

// messagePrinter returns the printer of domain's messages in lang (English
// for a language impact does not speak), building the domain's catalogue
// the first time.
func messagePrinter(domain Domain, lang string) *message.Printer {
	c := catalogues[domain]
	c.once.Do(func() {
		builder := catalog.NewBuilder(catalog.Fallback(language.English))
		for lang, msgs := range sources[domain] {
			for key, msg := range msgs {
				if err := builder.SetString(tags[lang], string(domain)+":"+key, msg); err != nil {
					panic(fmt.Sprintf("i18n: %s %s %s: %v", domain, lang, key, err))
				}
			}
		}
		c.printers = map[string]*message.Printer{}
		for lang, tag := range tags {
			c.printers[lang] = message.NewPrinter(tag, message.Catalog(builder))
		}
	})
	if p, ok := c.printers[lang]; ok {
		return p
	}
	return c.printers["en"]
}

// Match returns the language impact speaks that serves a language tag
// best ("sv-FI" → "sv", "lv-LV" → "lv"), and false when none does.
func Match(tag string) (string, bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return "", false
	}
	_, i, conf := matcher.Match(t)
	if conf == language.No {
		return "", false
	}
	return []string{"sv", "en", "lv"}[i], true
}

// Known reports whether lang is a language impact speaks, as written in a
// project file or after --lang.
func Known(lang string) bool { return slices.Contains(Languages, lang) }

// Choose returns the language of one command: flag when given, else the
// project's, else Default; a tag such as sv-FI is matched. It refuses a
// language impact does not speak.
func Choose(flag, project string) (string, error) {
	lang := flag
	if lang == "" {
		lang = project
	}
	if lang == "" {
		return Default, nil
	}
	if Known(lang) {
		return lang, nil
	}
	if m, ok := Match(lang); ok {
		return m, nil
	}
	return "", fmt.Errorf("the language %q is not known; use %s", lang, strings.Join(Languages, ", "))
}

func printer(lang string) *message.Printer {
	if p, ok := printers[lang]; ok {
		return p
	}
	return printers["en"]
}

// Lookup returns the message of key in domain and lang as written in the
// catalogue, unformatted, and whether it is there.
func Lookup(domain Domain, lang, key string) (string, bool) {
	msg, ok := sources[domain][lang][key]
	return msg, ok
}

// Has reports whether the catalogue has key in domain and lang.
func Has(domain Domain, lang, key string) bool {
	_, ok := Lookup(domain, lang, key)
	return ok
}

// Sprintf formats the message of key in domain and lang with args through
// the catalogue's printer, which writes numbers in the language's style.
// A key the language lacks comes back as [key], which tests look for.
func Sprintf(domain Domain, lang, key string, args ...any) string {
	if !Has(domain, lang, key) {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		// A message without arguments is shown as written, %% and all,
		// as the catalogues were written for.
		return sources[domain][lang][key]
	}
	return messagePrinter(domain, lang).Sprintf(message.Key(string(domain)+":"+key, ""), args...)
}

// PluralForm returns the CLDR plural category of n in lang: "zero", "one"
// or "other" (Latvian uses all three: 0, 10–20 and 30 … are zero; 1, 21,
// 31 … but not 11 are one).
func PluralForm(lang string, n int) string {
	switch plural.Cardinal.MatchPlural(tags[lang], n, 0, 0, 0, 0) {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// Plural returns the message of key.FORM for n, FORM the plural category of
// n in lang, falling back to key.other when the language writes that
// category like the others.
func Plural(domain Domain, lang, key string, n int, args ...any) string {
	return Sprintf(domain, lang, pluralKey(domain, lang, key, n), args...)
}

// pluralKey is the key of the plural form of key for n in lang.
func pluralKey(domain Domain, lang, key string, n int) string {
	form := key + "." + PluralForm(lang, n)
	if !Has(domain, lang, form) {
		form = key + ".other"
	}
	return form
}

// Number formats x with the given decimals in lang's CLDR style ("1 234,5"
// with a no-break space in Swedish and Latvian, "1,234.5" in English) and a
// true minus sign. A figure that rounds to zero has no sign: "−0" would read
// as a negative result.
func Number(lang string, x float64, decimals int) string {
	// strconv rounds the exact value of x; the digits then only get their
	// marks, so every language shows the same rounding.
	plain := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(plain, ".")
	var b strings.Builder
	if x < 0 && strings.Trim(plain, "0.") != "" {
		b.WriteString("−")
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	b.WriteString(printer(lang).Sprint(number.Decimal(w)))
	if frac != "" {
		b.WriteString(DecimalMark(lang))
		b.WriteString(frac)
	}
	return b.String()
}

// DecimalMark is lang's CLDR decimal separator: "," in Swedish and
// Latvian, "." in English. Whatever writes a figure outside Number (the
// lint's quoted values, the CSV dialect of an export) asks it here.
func DecimalMark(lang string) string {
	if m, ok := decimalMarks.Load(lang); ok {
		return m.(string)
	}
	s := printer(lang).Sprint(number.Decimal(1.5, number.Scale(1)))
	m := strings.Trim(s, "15")
	decimalMarks.Store(lang, m)
	return m
}

// decimalMarks keeps DecimalMark's answer per language.
var decimalMarks sync.Map

// Percent formats a share (0.456) as a percentage in lang's CLDR style:
// "45,6 %" in Swedish, "45,6%" in Latvian, "45.6%" in English.
func Percent(lang string, share float64, decimals int) string {
	return Sprintf(Format, lang, "percent", Number(lang, share*100, decimals))
}

// Money formats an amount without decimals with the currency's sign or word
// in lang: "12 500 kr", "€12,500", "12 500 €".
func Money(lang string, amount float64, currency string) string {
	unit := currency
	if u, ok := Lookup(Format, lang, "currency."+currency); ok {
		unit = u
	}
	return Sprintf(Format, lang, "money", Number(lang, amount, 0), unit)
}

// Date formats a day in lang: 2025-11-30 in Swedish, 30 November 2025 in
// English, 2025. gada 30. novembris in Latvian. Each month is a whole
// message, never a month name pasted into a pattern.
func Date(lang string, d time.Time) string {
	if d.IsZero() {
		return "–"
	}
	return Sprintf(Format, lang, "date."+strconv.Itoa(int(d.Month())),
		strconv.Itoa(d.Year()), strconv.Itoa(d.Day()), fmt.Sprintf("%02d", d.Day()))
}

// Speaks reports whether domain has a catalogue in lang.
func Speaks(domain Domain, lang string) bool {
	_, ok := sources[domain][lang]
	return ok
}

// LanguagesOf lists the languages domain has a catalogue in, sorted.
func LanguagesOf(domain Domain) []string {
	var langs []string
	for _, lang := range Languages {
		if Speaks(domain, lang) {
			langs = append(langs, lang)
		}
	}
	return langs
}

// Keys lists the keys of domain in lang, sorted.
func Keys(domain Domain, lang string) []string {
	return slices.Sorted(maps.Keys(sources[domain][lang]))
}

// Domains lists the domains of the catalogue, sorted.
func Domains() []Domain {
	return slices.Sorted(maps.Keys(sources))
}
