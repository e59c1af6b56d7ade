package ingest

import (
	"fmt"
	"slices"
	"strconv"
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

// readAttributes reads the attribute cells of a row, or reports a bad
// cell, and stages what the row says of the person (participant is the
// row's pseudonym) for the comparison with the register: each attribute's
// first value on the line. Nothing per person is kept here; the stage
// keeps it in the store (store.RegisterStage).
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
	var values [4]*string
	given := false
	for k, col := range c.attributes {
		if col.index >= len(cells) || strings.TrimSpace(cells[col.index]) == "" {
			continue
		}
		f := &c.attributeFields[k]
		value, err := f.cachedParse(cells[col.index], c)
		if err != nil {
			fail(col, cells[col.index], err)
			continue
		}
		if value == "unknown" {
			continue
		}
		if i := slices.Index(registerColumns, f.name); values[i] == nil {
			text := fmt.Sprint(value)
			values[i], given = &text, true
		}
	}
	if given && c.stage != nil && c.stageErr == nil {
		c.stageErr = c.stage.Add(line, participant, values)
	}
}

// registerWrites turns what the register says of the persons whose
// attributes it lacks or holds otherwise (known, in the order the file
// first names them) into what to write: each person's attributes the
// register lacks (every attribute for a person it does not know), and the
// notes, one per conflict (by line, never by id) and one per attribute
// filled.
func registerWrites(known []store.RegisterKnown, lang string) ([]pendingRegister, []Note, error) {
	var writes []pendingRegister
	var notes []Note
	filled := map[string]int{}
	for _, k := range known {
		w := pendingRegister{line: k.Line, participant: k.Participant}
		fills := false
		for i, v := range k.File {
			if k.FileLines[i] == 0 {
				continue
			}
			have := k.Values[i]
			switch {
			case !k.InRegister || have == "":
				value, err := registerValue(i, v)
				if err != nil {
					return nil, nil, err
				}
				w.values[i] = value
				fills = true
				filled[registerColumns[i]]++
			case have != v:
				notes = append(notes, noteOf(lang, k.FileLines[i], "note.conflict", "attribute."+registerColumns[i]))
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
	return writes, notes, nil
}

// registerValue is the value to store of a register attribute (by its
// place in registerColumns) that was staged as text: the birth year as
// the number it was read as, the others as they are.
func registerValue(i int, text string) (any, error) {
	if registerColumns[i] != "birth_year" {
		return text, nil
	}
	year, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("the birth year %q staged for the register is not a number: %w", text, err)
	}
	return year, nil
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
