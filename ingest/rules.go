package ingest

import (
	"fmt"
	"maps"
	"strings"
	"unicode"

	"github.com/joiningforces/impact"
)

// exportRules prepares the rules of exports.md that depend on the project:
// activities by id or name, the project's cost categories, the
// participant-id pattern, and which columns are typed.
func (c *converter) exportRules(p *impact.Project) error {
	c.activities = map[string]string{}
	var names []string
	for _, n := range p.TheoryOfChange.Nodes {
		if n.Level != impact.LevelActivity {
			continue
		}
		c.activities[looseKey(n.ID)] = n.ID
		if n.Name != "" {
			c.activities[looseKey(n.Name)] = n.ID
			names = append(names, fmt.Sprintf("%s (%s)", n.ID, n.Name))
		} else {
			names = append(names, n.ID)
		}
	}
	c.activityNames = strings.Join(names, ", ")
	c.categories = projectCategories(p)
	if r := p.ParticipantID; r != nil && r.Pattern != "" {
		re, err := r.Regexp()
		if err != nil {
			return fmt.Errorf("has a participant_id.pattern %q that is not a regular expression: %v; correct it in impact.yaml", r.Pattern, err)
		}
		c.idPattern, c.idPatternAs = re, r.Pattern
	}
	c.typed = map[int]impact.ColumnType{}
	kind, _ := impact.LookupKind(c.kind)
	for _, col := range c.columns {
		if col.name == "" {
			continue
		}
		if kc, ok := kind.Column(col.name); ok {
			switch kc.Type {
			case impact.TypeNumber, impact.TypeInt, impact.TypeDate:
				c.typed[col.index] = kc.Type
			}
			continue
		}
		if _, isItem := c.scales[col.name]; isItem {
			c.typed[col.index] = impact.TypeNumber
		}
	}
	return nil
}

// readsTyped reports whether a cell of a typed column reads as its type
// (a number or a date): such a cell is never taken for a personal
// identity number.
//
// A bare run of 10 or 12 digits is the exception: no count, amount or year
// is written so, a personnummer without its dash is, and read as a number
// it would be stored, or quoted back in a message about a wrong year.
func (c *converter) readsTyped(col column, cell string) bool {
	typ, ok := c.typed[col.index]
	if !ok || strings.TrimSpace(cell) == "" {
		return false
	}
	if digits := strings.TrimSpace(cell); (len(digits) == 10 || len(digits) == 12) && strings.Trim(digits, "0123456789") == "" {
		return false
	}
	if typ == impact.TypeDate {
		_, err := parseDate(cell, c.dateLayout)
		return err == nil
	}
	_, err := parseNumber(cell, c.style)
	return err == nil
}

// projectCategories is the cost-category vocabulary of a project: the
// built-in words, and the project's own categories by id, name and synonyms.
func projectCategories(p *impact.Project) vocabulary {
	if len(p.CostCategoryList) == 0 {
		return categories
	}
	v := categories
	v.allowed = p.Categories()
	v.words = maps.Clone(categories.words)
	for _, cc := range p.CostCategoryList {
		for _, w := range append([]string{cc.ID, cc.Name}, cc.Synonyms...) {
			if w != "" {
				v.words[fold(w)] = cc.ID
			}
		}
	}
	return v
}

// looseKey is a name compared as people compare names: without case,
// accents, spaces or punctuation ("Nätverks-träffar" = "natverkstraffar").
func looseKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, fold(s))
}
