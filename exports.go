package impact

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file holds the project-file keys that say how real exports are read
// (exports.md): the participant-id pattern, the project's own cost
// categories, and the wording and answer labels of instrument items.

// ParticipantIDRule constrains the participant ids a project's files may
// hold.
type ParticipantIDRule struct {
	// Pattern is a regular expression matched, case-insensitively and
	// whole, against an id with its spaces, dashes, underscores and dots
	// taken out (so `ES\d{3}` matches "es-012").
	Pattern string `yaml:"pattern"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Regexp compiles the pattern as ingest matches it: whole, ignoring case.
func (r *ParticipantIDRule) Regexp() (*regexp.Regexp, error) {
	return regexp.Compile(`(?i)^(?:` + r.Pattern + `)$`)
}

// CostCategory is a category of cost a project adds to the built-in ones,
// with the words its files use for it.
type CostCategory struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Synonyms []string `yaml:"synonyms"`

	Pos  Pos            `yaml:"-"`
	Keys map[string]Pos `yaml:"-"`
}

// Categories returns every cost category the project knows: the built-in
// ones, then its own.
func (p *Project) Categories() []string {
	out := slices.Clone(CostCategories)
	for _, c := range p.CostCategoryList {
		if !slices.Contains(out, c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}

// ItemEntry is an instrument item written as a mapping, {id: jt1, text:
// {sv: "…", en: "…"}}, instead of a plain id.
type ItemEntry struct {
	ID   string            `yaml:"id"`
	Text map[string]string `yaml:"text"`
}

// ItemText is the wording of one instrument item, by language.
type ItemText map[string]string

// Labels maps an answer value to its words, one per language (Swedish
// first, then English, as the project file writes them).
type Labels map[float64][]string

// decodeNode reads an instrument: its items may be plain ids or
// {id, text: {sv, en}}; the rest is read as any struct.
func (in *Instrument) decodeNode(d *decoder, n *yaml.Node, key string) {
	if n.Kind == yaml.MappingNode {
		copied := *n
		copied.Content = slices.Clone(n.Content)
		for i := 0; i+1 < len(copied.Content); i += 2 {
			if copied.Content[i].Value != "items" {
				continue
			}
			items := resolve(copied.Content[i+1])
			if items == nil || items.Kind != yaml.SequenceNode {
				continue
			}
			plain := *items
			plain.Content = slices.Clone(items.Content)
			for j, item := range plain.Content {
				item = resolve(item)
				if item.Kind != yaml.MappingNode {
					continue
				}
				var entry ItemEntry
				itemKey := fmt.Sprintf("%s.items[%d]", key, j)
				d.decode(item, reflect.ValueOf(&entry).Elem(), itemKey)
				if entry.ID == "" {
					d.errorf(item, itemKey+".id", "%s.id: missing; give the item's id, as {id: jt1, text: {sv: \"…\", en: \"…\"}}", itemKey)
				}
				if len(entry.Text) > 0 {
					if in.Texts == nil {
						in.Texts = map[string]ItemText{}
					}
					in.Texts[entry.ID] = entry.Text
				}
				plain.Content[j] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: entry.ID, Line: item.Line, Column: item.Column}
			}
			copied.Content[i+1] = &plain
		}
		n = &copied
	}
	texts := in.Texts
	d.decodeStruct(n, reflect.ValueOf(in).Elem(), key)
	in.Texts = texts
}

// decodeNode reads answer labels: {1: [Aldrig, None of the time], …}, a
// label being one word or a list of words by language.
func (l *Labels) decodeNode(d *decoder, n *yaml.Node, key string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, key, "%s must map each answer value to its words, as {1: [Aldrig, None of the time], 5: [Hela tiden, All of the time]}; found %s", key, kindName(n))
		return
	}
	out := Labels{}
	for _, p := range mappingPairs(n) {
		value, ok := parseNumber(p[0])
		if !ok {
			d.errorf(p[0], joinKey(key, p[0].Value), "%q is not an answer value; the keys of labels: are the numbers of the scale", p[0].Value)
			continue
		}
		var words []string
		d.decode(p[1], reflect.ValueOf(&words).Elem(), joinKey(key, p[0].Value))
		out[value] = words
	}
	*l = out
}

// validateExports checks the keys of this file; it runs after the
// instruments and costs are checked.
func (v *validator) validateExports() {
	p := v.p
	if r := p.ParticipantID; r != nil {
		pos := at(r.Keys, r.Pos, "pattern")
		if strings.TrimSpace(r.Pattern) == "" {
			v.errorf(pos, "participant_id.pattern", "is empty; give a regular expression such as 'BD\\d{4}', or remove participant_id:")
		} else if _, err := r.Regexp(); err != nil {
			v.errorf(pos, "participant_id.pattern", "%q is not a regular expression (%v); write it as 'BD\\d{4}' (letters, then \\d{4} for four digits)", r.Pattern, err)
		}
	}
	seen := map[string]bool{}
	for _, c := range CostCategories {
		seen[c] = true
	}
	for i, c := range p.CostCategoryList {
		key := fmt.Sprintf("cost_categories[%d]", i)
		switch {
		case c.ID == "":
			v.errorf(c.Pos, key+".id", "missing; give the category an id, such as childcare")
		case seen[c.ID]:
			v.errorf(at(c.Keys, c.Pos, "id"), key+".id", "%q is already a cost category; give another id, or add the words as synonyms of it", c.ID)
		}
		seen[c.ID] = true
	}
	for i, in := range p.Instruments {
		key := fmt.Sprintf("instruments[%d]", i)
		for id := range in.Texts {
			if !slices.Contains(in.Items, id) {
				v.errorf(at(in.Keys, in.Pos, "items"), key+".items", "the text of %q belongs to no item", id)
			}
		}
		for value, words := range in.Labels {
			if in.Scale.Min != in.Scale.Max && (value < in.Scale.Min || value > in.Scale.Max) {
				v.errorf(at(in.Keys, in.Pos, "labels"), key+".labels", "the label of %g is outside the scale %g–%g", value, in.Scale.Min, in.Scale.Max)
			}
			if len(words) == 0 {
				v.errorf(at(in.Keys, in.Pos, "labels"), key+".labels", "the value %g has no words; give them as [Svenska, English]", value)
			}
		}
	}
}

// swemwbsStatements are the seven statements of the built-in SWEMWBS, in
// Swedish and English, in item order.
var swemwbsStatements = [7][2]string{
	{"Jag har känt mig optimistisk inför framtiden", "I've been feeling optimistic about the future"},
	{"Jag har känt mig användbar", "I've been feeling useful"},
	{"Jag har känt mig avslappnad", "I've been feeling relaxed"},
	{"Jag har hanterat problem bra", "I've been dealing with problems well"},
	{"Jag har tänkt klart", "I've been thinking clearly"},
	{"Jag har känt mig nära andra människor", "I've been feeling close to other people"},
	{"Jag har kunnat bestämma mig i olika frågor", "I've been able to make up my own mind about things"},
}

// swemwbsLabels are the words of the built-in SWEMWBS's answers 1–5.
var swemwbsLabels = [5][2]string{
	{"Aldrig", "None of the time"}, {"Sällan", "Rarely"}, {"Ibland", "Some of the time"},
	{"Ofta", "Often"}, {"Hela tiden", "All of the time"},
}

// SwemwbsTexts returns the wording of the built-in SWEMWBS items.
func SwemwbsTexts() map[string]ItemText {
	out := map[string]ItemText{}
	for i, s := range swemwbsStatements {
		out[swemwbsItems[i]] = ItemText{"sv": s[0], "en": s[1]}
	}
	return out
}

// SwemwbsLabels returns the answer labels of the built-in SWEMWBS.
func SwemwbsLabels() Labels {
	out := Labels{}
	for i, l := range swemwbsLabels {
		out[float64(i+1)] = []string{l[0], l[1]}
	}
	return out
}

// BuiltinSwemwbs returns the built-in SWEMWBS as a project that never
// declared it uses it: its items, scale, score, wording and labels.
func BuiltinSwemwbs() Instrument {
	return Instrument{ID: "swemwbs", Name: "SWEMWBS", Builtin: "swemwbs", Items: slices.Clone(swemwbsItems),
		Scale: Scale{Min: 1, Max: 5}, Score: "swemwbs", Texts: SwemwbsTexts(), Labels: SwemwbsLabels()}
}
