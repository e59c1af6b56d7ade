package dashboards

import "github.com/joiningforces/impact/i18n"

// languages lists the languages of the user interface, in the order the
// language switch shows them.
var languages = []string{"sv", "en", "lv"}

// t returns the message of key in lang, formatted with args. A key the
// catalogue lacks comes back as itself, which a test forbids for every key
// the templates and handlers use.
func t(lang, key string, args ...any) string {
	if !i18n.Has(i18n.Dashboards, lang, key) {
		lang = "en"
	}
	if !i18n.Has(i18n.Dashboards, lang, key) {
		return key
	}
	return i18n.Sprintf(i18n.Dashboards, lang, key, args...)
}
