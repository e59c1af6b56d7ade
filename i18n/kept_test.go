package i18n_test

import (
	"encoding/json"
	"testing"

	"github.com/joiningforces/impact/i18n"
)

// TestKeptValues checks that a kept message says each kind of value as
// its kind asks, in the reader's language: a nested message and a list of
// them in the same language, a word from the catalogue, a verbatim value
// as fmt writes it, and any other number in the language's style.
func TestKeptValues(t *testing.T) {
	nested := i18n.Keep(i18n.Project, "en", "word.node")
	for _, tc := range []struct {
		name, lang string
		kept       i18n.Kept
		want       string
	}{
		{"nested", "lv", i18n.Keep(i18n.Project, "en", "warning: %s", nested), "brīdinājums: mezgls"},
		{"word", "sv", i18n.Keep(i18n.Project, "en", "warning: %s", i18n.Word("word.node")), "varning: nod"},
		{"word the catalogue lacks", "sv", i18n.Keep(i18n.Project, "en", "warning: %s", i18n.Word("word.nowhere")), "varning: word.nowhere"},
		{"list", "sv", i18n.Keep(i18n.Project, "en", "warning: %s", i18n.KeptList{nested, i18n.Keep(i18n.Project, "en", "word.level")}), "varning: nod; nivå"},
		{"verbatim", "sv", i18n.Keep(i18n.Ingest, "en", "more", i18n.Verbatim{Value: 12345}), "och 12345 till"},
		{"number", "sv", i18n.Keep(i18n.Ingest, "en", "more", 12345), "och 12\u00a0345 till"},
		{"plural", "lv", i18n.KeepCount(i18n.Ingest, "en", "note.register", 21, "21", i18n.Word("attribute.gender")), "no šī faila dalībnieku reģistrā ierakstīta vērtība laukam dzimums (personu skaits: 21)"},
		{"a key no catalogue has is written as it is", "sv", i18n.Keep(i18n.Ingest, "en", "has %d columns", 3), "has 3 columns"},
		{"a format without values", "sv", i18n.Keep(i18n.Project, "en", "is a share and must lie between 0 and 1 (0.3 for 30 %%)"), "är en andel och måste ligga mellan 0 och 1 (0.3 för 30 %)"},
		{"a language without a catalogue", "de", i18n.Keep(i18n.Project, "sv", "word.node"), "node"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.kept.In(tc.lang); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestKeptStored checks that a kept message read back from its JSON is
// said as before in every language, and that a note stored by an older
// impact (every value as text) is read with its words said in the
// reader's language.
func TestKeptStored(t *testing.T) {
	kept := i18n.KeepCount(i18n.Ingest, "sv", "note.register", 2, "2", i18n.Word("attribute.gender"))
	data, err := json.Marshal(kept)
	if err != nil {
		t.Fatal(err)
	}
	var back i18n.Kept
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages {
		if got, want := back.In(lang), kept.In(lang); got != want {
			t.Errorf("%s: read back %q, kept %q", lang, got, want)
		}
	}
	old := `{"domain":"ingest","key":"note.register","count":2,"args":["2","attribute.gender"],"lang":"sv"}`
	if got, want := string(data), old; got != want {
		t.Errorf("stored as %s, want %s", got, want)
	}
	nested := i18n.Keep(i18n.Project, "en", "warning: %s", i18n.KeptList{i18n.Keep(i18n.Project, "en", "word.node")})
	if data, err = json.Marshal(nested); err != nil {
		t.Fatal(err)
	}
	back = i18n.Kept{}
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if got, want := back.In("lv"), "brīdinājums: mezgls"; got != want {
		t.Errorf("a list of messages read back says %q, want %q", got, want)
	}
}
