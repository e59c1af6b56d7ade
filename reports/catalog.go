package reports

import "slices"

// messages is one language's catalogue: a key to a fmt format whose
// arguments are text the printer has already formatted (numbers, dates,
// names). Formats use explicit argument indices (%[2]s) where a language
// needs another word order.
type messages map[string]string

// catalogs holds every language reports are written in. A test checks
// that each has the same keys.
var catalogs = map[string]messages{
	"sv": catalogSV,
	"en": catalogEN,
}

// Languages lists the languages with a catalogue, sorted.
func Languages() []string {
	langs := make([]string, 0, len(catalogs))
	for lang := range catalogs {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	return langs
}
