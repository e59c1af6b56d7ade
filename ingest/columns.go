package ingest

import (
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
)

// ColumnMatch is one column of a file as the upload's column-matching
// step shows it (exports.md).
type ColumnMatch struct {
	// Header is the column's header as the file writes it.
	Header string
	// To is what the column is read as: a canonical column, an item id, a
	// participant attribute for the register, or drop; "" when it matches
	// nothing and a person must choose.
	To string
	// Suggest is, for a column that matches nothing, the closest known
	// column, or drop.
	Suggest string
}

// MatchColumns reads the header row of the file at abs (a CSV or XLSX
// file read as src says) and says what each column is read as, with the
// choices a column that matches nothing may be given: the kind's columns,
// the items of a responses file, and drop. It reads nothing but the
// header and writes nothing.
func MatchColumns(p *impact.Project, src impact.Source, abs string) ([]ColumnMatch, []string, error) {
	kind, ok := impact.LookupKind(src.Kind)
	if !ok {
		return nil, nil, impact.Errorf(impact.EINVALID, "kind %q is not known; use one of %s", src.Kind, strings.Join(impact.KindNames(), ", "))
	}
	rel := filepath.Base(abs)
	if strings.EqualFold(filepath.Ext(abs), ".json") {
		return nil, nil, nil
	}
	facts, err := examine(abs, rel, p.Info.Language)
	if err != nil {
		return nil, nil, err
	}
	rows, closeRows, _, err := openRows(abs, rel, src, facts, p.Info.Language)
	if err != nil {
		return nil, nil, err
	}
	defer closeRows()
	_, header, err := rows.Next()
	if errors.Is(err, io.EOF) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, refusedFile(rel, err, p.Info.Language)
	}
	header = append([]string(nil), header...)
	rules := headerRulesOf(p, kind)
	choices := kind.ColumnNames()
	for item := range rules.items {
		choices = append(choices, item)
	}
	slices.Sort(choices[len(kind.Columns):])
	choices = append(choices, "drop")
	matches := make([]ColumnMatch, 0, len(header))
	for _, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		m := ColumnMatch{Header: h}
		l, err := mapHeader([]string{h}, kind, src, rules)
		switch {
		case err != nil:
			base, _ := splitUnit(fold(h))
			m.Suggest = impact.Nearest(base, choices)
			if m.Suggest == "" {
				m.Suggest = "drop"
			}
		case len(l.columns) == 1 && l.columns[0].name != "":
			m.To = strings.TrimPrefix(l.columns[0].name, registerPrefix)
		default:
			m.To = "drop"
		}
		matches = append(matches, m)
	}
	return matches, choices, nil
}

// headerRulesOf is how the header of a file of the kind is read in the
// project: its items and their texts, its currency and language.
func headerRulesOf(p *impact.Project, kind impact.DataKind) headerRules {
	rules := headerRules{currency: p.Info.Currency, lang: p.Info.Language}
	if kind.Name == "responses" {
		instruments := surveyInstruments(p)
		rules.items = map[string]bool{}
		for _, instrument := range instruments {
			for _, item := range instrument.Items {
				rules.items[item] = true
			}
		}
		rules.matcher = newItemMatcher(instruments)
	}
	return rules
}
