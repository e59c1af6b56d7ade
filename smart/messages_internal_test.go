package smart

import (
	"maps"
	"regexp"
	"slices"
	"testing"
)

// verbs matches the fmt verbs of a template, with their argument index.
var verbs = regexp.MustCompile(`%(\[\d+\])?[a-z]`)

// TestCatalogue checks that every language has every message, with the
// same arguments, so that no rule falls back to a missing text.
func TestCatalogue(t *testing.T) {
	en := catalogue["en"]
	for lang, messages := range catalogue {
		if got, want := slices.Sorted(maps.Keys(messages)), slices.Sorted(maps.Keys(en)); !slices.Equal(got, want) {
			t.Errorf("%s has keys %v, en has %v", lang, got, want)
		}
		for key, template := range messages {
			got := verbs.FindAllString(template, -1)
			want := verbs.FindAllString(en[key], -1)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(slices.Compact(got), slices.Compact(want)) {
				t.Errorf("%s %s takes %v, en takes %v", lang, key, got, want)
			}
		}
	}
	for _, r := range Rules {
		found := false
		for key := range en {
			if key == r.Code || len(key) > 4 && key[:5] == r.Code+"." {
				found = true
			}
		}
		if !found {
			t.Errorf("rule %s has no message", r.Code)
		}
	}
}
