package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// fuzzInstruments are the built-in SWEMWBS and a custom scale with texts
// close to each other, so that the 80 % rule has ties to refuse.
func fuzzInstruments() []impact.Instrument {
	custom := impact.Instrument{ID: "jobbtro", Items: []string{"jt1", "jt2"}, Scale: impact.Scale{Min: 1, Max: 5},
		Texts: map[string]impact.ItemText{
			"jt1": {"sv": "Jag tror att jag har ett jobb inom ett år"},
			"jt2": {"sv": "Jag tror att jag har ett jobb inom två år"},
		},
		Labels: impact.Labels{1: {"Stämmer inte alls"}, 5: {"Stämmer helt"}}}
	return []impact.Instrument{impact.BuiltinSwemwbs(), custom}
}

// FuzzHeaderMatcher checks the matching of question headers to items: any
// header is matched to an item or to none without a panic; punctuation and
// space around it change nothing; and a whole header row of any such
// header maps or is refused with a message.
func FuzzHeaderMatcher(f *testing.F) {
	for _, s := range impact.SwemwbsTexts() {
		f.Add(s["sv"])
		f.Add(s["en"])
	}
	f.Add("3. Jag har känt mig användbar")
	f.Add("Q7) Jag har kunnat bestämma mig i olika saker")
	f.Add("How have you felt? [I've been feeling useful]")
	f.Add("Fråga [del 1] [Jag har tänkt klart")
	f.Add("Jag tror att jag har ett jobb inom")
	f.Add("Skriv ditt deltagar-id")
	f.Add("Belopp (kr)")
	f.Add("_submission_time")
	instruments := fuzzInstruments()
	m := newItemMatcher(instruments)
	items := map[string]bool{}
	for _, in := range instruments {
		for _, it := range in.Items {
			items[it] = true
		}
	}
	kind, _ := impact.LookupKind("responses")
	f.Fuzz(func(t *testing.T, header string) {
		item := m.match(header)
		if item != "" && !items[item] {
			t.Fatalf("%q matched %q, which is no item", header, item)
		}
		if again := m.match(" " + header + " ?"); again != item {
			t.Fatalf("%q matched %q, but with space and a question mark %q", header, item, again)
		}
		l, err := mapHeader([]string{header, "Deltagar-ID", "wave"}, kind, impact.Source{}, headerRules{items: items, matcher: m, currency: "SEK", lang: "sv"})
		switch {
		case err != nil && err.Error() == "":
			t.Fatalf("%q: an empty message", header)
		case err == nil && l == nil:
			t.Fatalf("%q: no layout and no error", header)
		}
	})
}

// FuzzLabelReader checks the reading of an answer cell: any cell is read
// or refused without a panic; what is read is inside the scale; the space
// around a cell and the case of a label change nothing; and a refusal
// lists the labels.
func FuzzLabelReader(f *testing.F) {
	for _, l := range []string{"Aldrig", "sällan", " IBLAND ", "Ofta", "hela tiden", "None of the time", "Often", "4 - Ofta", "4. Ofta",
		"2,0", "3.5", "6", "0", "-1", "4 - Aldrig", "Jättebra", "1e3", "NaN", "Inf", "5 Hela tiden", ""} {
		f.Add(l)
	}
	instruments := fuzzInstruments()
	c := &converter{style: decimalComma, labels: labelsOf(instruments), scales: map[string]impact.Scale{}}
	for _, in := range instruments {
		for _, it := range in.Items {
			c.scales[it] = in.Scale
		}
	}
	f.Fuzz(func(t *testing.T, cell string) {
		if strings.TrimSpace(cell) == "" {
			return // an empty cell is an unanswered question, never read
		}
		v, err := c.answer("swemwbs_4", cell)
		if err != nil {
			if !strings.Contains(err.Error(), "4 Ofta/Often") && !strings.Contains(err.Error(), "from 1 to 5") {
				t.Fatalf("%q refused without the labels or the scale: %v", cell, err)
			}
		} else if v < 1 || v > 5 {
			t.Fatalf("%q read as %g, outside 1–5", cell, v)
		}
		v2, err2 := c.answer("swemwbs_4", "  "+strings.ToUpper(cell)+"\t")
		if (err == nil) != (err2 == nil) && isLabelText(cell) {
			t.Fatalf("%q and its upper case differ: %v / %v", cell, err, err2)
		}
		if err == nil && err2 == nil && v != v2 {
			t.Fatalf("%q read as %g, upper case as %g", cell, v, v2)
		}
	})
}

// isLabelText reports whether a cell is one of SWEMWBS's labels, whose
// case never matters.
func isLabelText(cell string) bool {
	for _, words := range impact.SwemwbsLabels() {
		if slices.ContainsFunc(words, func(w string) bool { return strings.EqualFold(strings.TrimSpace(cell), w) }) {
			return true
		}
	}
	return false
}
