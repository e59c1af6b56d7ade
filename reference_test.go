package impact

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryKeyIsDocumented checks that every key the loader accepts has
// its entry in keyDocs, with a meaning and an example of that key, and
// that no entry is left for a key that is gone.
func TestEveryKeyIsDocumented(t *testing.T) {
	used := map[string]bool{}
	for _, k := range ProjectKeys() {
		used[k.Entry] = true
		name := k.Path[strings.LastIndex(k.Path, ".")+1:]
		name = strings.TrimSuffix(name, "[]")
		if k.Doc == "" || k.Example == "" {
			t.Errorf("the key %s has no entry in keyDocs: add %q: {Doc: …, Example: %q} in reference.go", k.Path, k.Entry, name+": …")
			continue
		}
		if !strings.HasPrefix(k.Example, name+":") {
			t.Errorf("the example of %s is %q; it should show the key %s:", k.Path, k.Example, name)
		}
		if strings.HasSuffix(k.Doc, " ") || !strings.HasSuffix(k.Doc, ".") {
			t.Errorf("the meaning of %s is not a sentence: %q", k.Path, k.Doc)
		}
		for _, v := range k.Values {
			if v == "" {
				t.Errorf("%s allows an empty value", k.Path)
			}
		}
		if len(k.Values) > 0 && !slices.ContainsFunc(k.Values, func(v string) bool { return strings.Contains(k.Example, v) }) {
			t.Errorf("the example of %s, %q, uses none of its values %v", k.Path, k.Example, k.Values)
		}
	}
	for entry := range keyDocs {
		if !used[entry] {
			t.Errorf("keyDocs has %q, which is no key of impact.yaml; remove it", entry)
		}
	}
}
