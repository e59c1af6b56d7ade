package reports

import "github.com/joiningforces/impact/i18n"

// Languages lists the languages reports are written in, sorted. Their
// messages are in the catalogue of package i18n, under i18n.Reports: keys
// to fmt formats whose arguments are text the printer has already
// formatted (numbers, dates, names), with explicit argument indices
// (%[2]s) where a language needs another word order.
func Languages() []string { return i18n.LanguagesOf(i18n.Reports) }
