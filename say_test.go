package impact_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// said parses src and returns its problems as SayIn says them with flag
// as --lang.
func said(t *testing.T, src, flag string) string {
	t.Helper()
	_, err := impact.Parse("impact.yaml", []byte(src))
	if err == nil {
		t.Fatal("Parse accepted a broken file")
	}
	return impact.SayIn(err, flag).Error()
}

// TestProblemsInTheProjectLanguage checks that a project file's problems
// are said in its language: once it is read, in --lang's when given, and
// in English when the file does not parse, keeping the place and the
// user's keys and values as written.
func TestProblemsInTheProjectLanguage(t *testing.T) {
	unknownKey := strings.Replace(base, "  id: test\n", "  id: test\n  language: %s\n  colour: red\n", 1)
	badRef := strings.Replace(base, "    node: o1\n", "    node: o9\n", 1)
	for _, tc := range []struct {
		name, src, flag, want string
	}{
		{"unknown key, Latvian file", strings.Replace(unknownKey, "%s", "lv", 1), "",
			`impact.yaml:5:3: nezināma atslēga "colour" sadaļā project; šeit derīgās atslēgas: `},
		{"unknown key, Swedish file", strings.Replace(unknownKey, "%s", "sv", 1), "",
			`impact.yaml:5:3: okänd nyckel "colour" i project; här finns nycklarna: `},
		{"unknown key, --lang wins", strings.Replace(unknownKey, "%s", "sv", 1), "en",
			`impact.yaml:5:3: unknown key "colour" in project; the keys here are: `},
		{"no language: is Swedish", badRef, "",
			`impact.yaml:20:5: indicators[0] (n_people).node: nod "o9" finns inte (menade du "o1"?); kända: a1, o1, s1, i1`},
		{"unknown reference, Latvian", badRef, "lv",
			`impact.yaml:20:5: indicators[0] (n_people).node: mezgls "o9" neeksistē (vai domājāt "o1"?); zināmie: a1, o1, s1, i1`},
		{"a value keeps its form", strings.Replace(base, "  id: test\n", "  id: test\n  language: lv\n  confidence: 95.5\n", 1), "",
			`impact.yaml:5:3: project.confidence: 95.5 nav ticamības līmenis; norādiet daļu no 0.5 līdz 1, piemēram, 0.95`},
		{"a wrong type", strings.Replace(base, "    target: 50\n", "    target: [50]\n", 1), "lv",
			`impact.yaml:22:13: indicators[0].target jābūt skaitlim (ar decimālpunktu, piemēram, 0.4), bet atrasts: saraksts`},
		{"top level, Latvian", base + "indicatorz: []\n", "lv",
			`impact.yaml:24:1: nezināma atslēga "indicatorz" faila augšējā līmenī; vai domājāt "indicators"?`},
		{"top level twice, Swedish", base + "version: 1\n", "",
			`impact.yaml:24:1: nyckeln "version" står två gånger på filens översta nivå; behåll en`},
		{"a column of a kind, Latvian", strings.Replace(base, "distinct: participant", "distinct: nobody", 1), "lv",
			`attendance kolonna "nobody" neeksistē`},
		{"a column of a kind, English", strings.Replace(base, "distinct: participant", "distinct: nobody", 1), "en",
			`no attendance column is called "nobody"`},
		{"not YAML is English", base + "  bad: [\n", "",
			`this is not valid YAML: `},
		{"not YAML in --lang", base + "  bad: [\n", "sv",
			`detta är inte giltig YAML: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := said(t, tc.src, tc.flag); !strings.Contains(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestSayInKeepsTheError checks that SayIn keeps the code and the problems
// of the error it says again.
func TestSayInKeepsTheError(t *testing.T) {
	_, err := impact.Parse("impact.yaml", []byte(strings.Replace(base, "    node: o1\n", "    node: o9\n", 1)))
	got := impact.SayIn(err, "lv")
	if impact.ErrorCode(got) != impact.EINVALID {
		t.Errorf("code %q", impact.ErrorCode(got))
	}
	var pe *impact.ProblemsError
	if !errors.As(got, &pe) || len(pe.Problems) != 1 || !strings.HasSuffix(pe.Problems[0].Key, ".node") || pe.Problems[0].Pos.Line != 20 {
		t.Fatalf("problems %+v", pe)
	}
	if other := errors.New("x"); impact.SayIn(other, "lv") != other {
		t.Error("SayIn changed an error that is not the loader's")
	}
}

// TestProjectLanguage checks the choice of the language of the loader's
// messages.
func TestProjectLanguage(t *testing.T) {
	for _, tc := range []struct{ flag, project, want string }{
		{"", "", "en"}, {"", "lv", "lv"}, {"sv", "lv", "sv"}, {"lv-LV", "", "lv"}, {"", "de", "en"}, {"xx", "lv", "lv"},
	} {
		if got := impact.ProjectLanguage(tc.flag, tc.project); got != tc.want {
			t.Errorf("ProjectLanguage(%q, %q) = %q, want %q", tc.flag, tc.project, got, tc.want)
		}
	}
}

// TestInternalErrorFrame checks that the frame of an error the engine did
// not expect is said in the language asked, the error itself as it is.
func TestInternalErrorFrame(t *testing.T) {
	err := errors.New("boom")
	for lang, want := range map[string]string{
		"en": "internal error: boom (run again with IMPACT_DEBUG=1 for details, and report it)",
		"sv": "internt fel: boom (kör igen med IMPACT_DEBUG=1 för detaljer, och rapportera det)",
		"lv": "iekšēja kļūda: boom (palaidiet vēlreiz ar IMPACT_DEBUG=1, lai redzētu sīkāk, un ziņojiet par to)",
	} {
		if got := impact.ErrorMessageIn(err, lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := impact.ErrorMessage(err); !strings.HasPrefix(got, "internal error: boom") {
		t.Errorf("ErrorMessage = %q", got)
	}
	if got := impact.ErrorMessageIn(context.Canceled, "lv"); !strings.HasPrefix(got, "apturēts ar Ctrl-C vai apturēšanas signālu pirms beigām;") {
		t.Errorf("an interruption in Latvian: %q", got)
	}
}

// TestSaidInTheChain checks that a kept message is said in the reader's
// language wherever it is in an error's chain, the context added on the
// way up kept as written, and in English by Error.
func TestSaidInTheChain(t *testing.T) {
	inner := impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.Dashboards, "en", "error.not_found"))
	wrapped := fmt.Errorf("serve: %w", impact.Errorf(impact.EINVALID, "upload: %w", inner))
	for _, c := range []struct{ lang, want string }{
		{"en", "serve: upload: There is no such page."},
		{"sv", "serve: upload: Sidan finns inte."},
		{"lv", "serve: upload: Šādas lapas nav."},
	} {
		t.Run(c.lang, func(t *testing.T) {
			if got := impact.ErrorMessageIn(wrapped, c.lang); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	if got, want := wrapped.Error(), "serve: upload: There is no such page."; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	if got, want := impact.ErrorCode(wrapped), impact.EINVALID; got != want {
		t.Fatalf("code %q, want %q", got, want)
	}
}
