package smart

import (
	"testing"

	"github.com/joiningforces/impact/i18n"
)

// TestEveryRuleHasAMessage checks that each lint rule has its message, or
// its variants, in the catalogue of every language the lint speaks.
func TestEveryRuleHasAMessage(t *testing.T) {
	for _, lang := range i18n.LanguagesOf(i18n.Lint) {
		for _, r := range Rules {
			if i18n.Has(i18n.Lint, lang, r.Code) {
				continue
			}
			found := false
			for _, key := range i18n.Keys(i18n.Lint, lang) {
				if len(key) > 5 && key[:5] == r.Code+"." {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: rule %s has no message", lang, r.Code)
			}
		}
	}
}
