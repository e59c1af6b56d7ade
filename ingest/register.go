package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// This file carries participant attributes from any list into the
// participant register (exports.md): an attendance list, a job-market
// sheet, a follow-up or a survey export with Kön or Målgrupp.

// registerPrefix names a column that fills the register, not the kind's
// table: "register:gender".
const registerPrefix = "register:"

// registerColumns are the register's attributes a list may carry, in the
// order of store.RegisterFact.Values.
var registerColumns = []string{"target_group", "gender", "birth_year", "cohort"}

// carriesAttributes reports whether files of a kind may carry participant
// attributes for the register.
func carriesAttributes(kind string) bool {
	switch kind {
	case "attendance", "jobmarket", "followups", "responses":
		return true
	}
	return false
}

// attributeOf returns the register attribute a folded header names, or "".
func attributeOf(key string) string {
	name := key
	if s, ok := synonyms[key]; ok {
		name = s
	}
	name = strings.ReplaceAll(name, " ", "_")
	if slices.Contains(registerColumns, name) {
		return name
	}
	return ""
}

// registerRow is what one file says about one person's attributes: the
// first line that said anything, and each attribute's first value.
type registerRow struct {
	line   int
	values [4]any
	lines  [4]int
}

// readAttributes reads the attribute cells of a row into the file's
// register rows, or reports a bad cell. participant is the row's pseudonym.
func (c *converter) readAttributes(line int, cells []string, participant string, fail func(column, string, *valueError)) {
	if len(c.attributes) == 0 || participant == "" {
		return
	}
	if c.attributeFields == nil {
		participants, _ := impact.LookupKind("participants")
		for _, col := range c.attributes {
			name := strings.TrimPrefix(col.name, registerPrefix)
			kc, _ := participants.Column(name)
			c.attributeFields = append(c.attributeFields, field{name: name, typ: kc.Type})
		}
	}
	row := c.register[participant]
	for k, col := range c.attributes {
		if col.index >= len(cells) || strings.TrimSpace(cells[col.index]) == "" {
			continue
		}
		f := &c.attributeFields[k]
		name := f.name
		value, err := f.cachedParse(cells[col.index], c)
		if err != nil {
			fail(col, cells[col.index], err)
			continue
		}
		if value == "unknown" {
			continue
		}
		if row == nil {
			row = &registerRow{line: line}
			if c.register == nil {
				c.register = map[string]*registerRow{}
			}
			c.register[participant] = row
			c.registerOrder = append(c.registerOrder, participant)
		}
		i := slices.Index(registerColumns, name)
		if row.values[i] == nil {
			row.values[i], row.lines[i] = value, line
		}
	}
}

// registerFacts is what the file says of each person's attributes, in
// registerOrder, for the store to compare with the register.
func (c *converter) registerFacts() []store.RegisterFact {
	facts := make([]store.RegisterFact, len(c.registerOrder))
	for i, id := range c.registerOrder {
		facts[i].Participant = id
		for j, v := range c.register[id].values {
			if v != nil {
				s := fmt.Sprint(v)
				facts[i].Values[j] = &s
			}
		}
	}
	return facts
}

// registerWrites turns what the register says of the persons whose
// attributes it lacks or holds otherwise (known, in registerOrder) into
// what to write: each person's attributes the register lacks (every
// attribute for a person it does not know), and the notes, one per
// conflict (by line, never by id) and one per attribute filled.
func (c *converter) registerWrites(known []store.RegisterKnown, lang string) ([]pendingRegister, []Note) {
	var writes []pendingRegister
	var notes []Note
	filled := map[string]int{}
	for _, k := range known {
		id := c.registerOrder[k.Index]
		row := c.register[id]
		w := pendingRegister{line: row.line, participant: id}
		fills := false
		for i, v := range row.values {
			if v == nil {
				continue
			}
			have := k.Values[i]
			switch {
			case !k.InRegister || have == "":
				w.values[i] = v
				fills = true
				filled[registerColumns[i]]++
			case have != fmt.Sprint(v):
				notes = append(notes, noteOf(lang, row.lines[i], "note.conflict", "attribute."+registerColumns[i]))
			}
		}
		if fills {
			writes = append(writes, w)
		}
	}
	for _, name := range registerColumns {
		if n := filled[name]; n > 0 {
			notes = append(notes, noteCount(lang, 0, "note.register", n, n, "attribute."+name))
		}
	}
	return writes, notes
}

// pendingRegister is a register row to write with the file's rows.
type pendingRegister struct {
	line        int
	participant string
	values      [4]any
}

// writeRegister writes the register rows into the load.
func writeRegister(load *store.Load, writes []pendingRegister) error {
	for _, w := range writes {
		if err := load.Register(w.line, w.participant, w.values[0], w.values[1], w.values[2], w.values[3]); err != nil {
			return err
		}
	}
	return nil
}
