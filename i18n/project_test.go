package i18n_test

import (
	"testing"

	"github.com/joiningforces/impact/i18n"
)

// TestProjectMessages checks that the loader's messages, keyed by their
// English format, are said in each language with the user's values in
// place, and that English is the key itself with indexed verbs.
func TestProjectMessages(t *testing.T) {
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"en", "unknown key %q in %s; did you mean %q?", []any{"targt", "indicators[0]", "target"}, `unknown key "targt" in indicators[0]; did you mean "target"?`},
		{"sv", "unknown key %q in %s; did you mean %q?", []any{"targt", "indicators[0]", "target"}, `okänd nyckel "targt" i indicators[0]; menade du "target"?`},
		{"lv", "unknown key %q in %s; did you mean %q?", []any{"targt", "indicators[0]", "target"}, `nezināma atslēga "targt" sadaļā indicators[0]; vai domājāt "target"?`},
		{"lv", "no %s is called %q%s; known: %s", []any{"mezgls", "o9", "", "a1, o1"}, `mezgls "o9" neeksistē; zināmie: a1, o1`},
		{"en", "%s is %.1f MB, more than the %d MiB a project file may be; it holds the plan (goals, indicators, sources), never data: put data in files listed under sources:", []any{"impact.yaml", 2.25, 1}, "impact.yaml is 2.2 MB, more than the 1 MiB a project file may be; it holds the plan (goals, indicators, sources), never data: put data in files listed under sources:"},
		{"sv", "warning: %s", []any{"x"}, "varning: x"},
		{"lv", "word.node", nil, "mezgls"},
		{"en", "word.node", nil, "node"},
	} {
		if got := i18n.Sprintf(i18n.Project, tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.lang, tc.key, got, tc.want)
		}
	}
}
