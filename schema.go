package impact

import (
	"reflect"
	"strings"
)

// SchemaFileName is the JSON Schema of impact.yaml that `impact init`
// writes beside it, for editors that complete and check the file.
const SchemaFileName = "impact.schema.json"

// SchemaComment is the first line `impact init` writes into impact.yaml:
// it points editors with the YAML language server to the schema.
const SchemaComment = "# yaml-language-server: $schema=./" + SchemaFileName

// scalarShorthands are the types with a short form that is one number:
// baseline: 0 for {value: 0}, deadweight: 0.3 for {low, mid, high}.
var scalarShorthands = map[reflect.Type]bool{
	reflect.TypeOf(Baseline{}): true,
	reflect.TypeOf(Range{}):    true,
}

// ProjectSchema returns the JSON Schema (draft-07) of impact.yaml, made
// from the same Go types and yaml tags the loader decodes with and from
// the documentation of every key: unknown keys, values outside their
// lists and values of the wrong type fail it, as they fail the loader.
// Checks that need more than one key (references between ids, the graph's
// levels) are the loader's alone.
func ProjectSchema() map[string]any {
	s := &schemaBuilder{defs: map[string]any{}}
	root := s.object(reflect.TypeOf(Project{}))
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = "https://github.com/joiningforces/impact/" + SchemaFileName
	root["title"] = "impact.yaml: the project file of impact"
	root["definitions"] = s.defs
	return root
}

// schemaBuilder keeps the definitions shared by reference: a measure
// inside a ratio's numerator is the same Measure.
type schemaBuilder struct {
	defs map[string]any
}

// object is the schema of a struct: its keys and nothing else.
func (s *schemaBuilder) object(t reflect.Type) map[string]any {
	fields, names := yamlFields(t)
	props := map[string]any{}
	for i, f := range fields {
		doc := keyDocs[t.Name()+"."+names[i]]
		p := s.value(f.Type)
		if form, ok := entryForms[t.Name()+"."+names[i]]; ok {
			item := map[string]any{"anyOf": []any{s.value(f.Type.Elem()), s.ref(form)}}
			p = map[string]any{"anyOf": []any{map[string]any{"type": "array", "items": item}, item}}
		}
		if len(doc.Values) > 0 {
			p = enum(f.Type, doc.Values)
		}
		description := doc.Doc
		if doc.Example != "" {
			description += "\nExample:\n" + doc.Example
		}
		props[names[i]] = map[string]any{"description": description, "allOf": []any{p}}
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
}

// enum is the schema of a value, or a list of values, from a list.
func enum(t reflect.Type, values []string) map[string]any {
	one := map[string]any{"enum": values}
	if t.Kind() != reflect.Slice {
		return one
	}
	return map[string]any{"anyOf": []any{map[string]any{"type": "array", "items": one}, one}}
}

// ref puts the schema of a struct into the definitions once and refers to it.
func (s *schemaBuilder) ref(t reflect.Type) map[string]any {
	if _, ok := s.defs[t.Name()]; !ok {
		s.defs[t.Name()] = true // a placeholder while the type's fields are built
		s.defs[t.Name()] = s.object(t)
	}
	return map[string]any{"$ref": "#/definitions/" + t.Name()}
}

var anyScalar = map[string]any{"type": []string{"string", "number", "boolean"}}

// value is the schema of a value of type t, as the decoder reads it.
func (s *schemaBuilder) value(t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case dateType:
		return map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}$`}
	case measureRefType:
		return map[string]any{"anyOf": []any{map[string]any{"type": "string"}, s.ref(reflect.TypeOf(Measure{}))}}
	case conditionType:
		return map[string]any{"anyOf": []any{
			anyScalar,
			map[string]any{"type": "array", "items": anyScalar},
			map[string]any{"type": "object", "additionalProperties": false, "minProperties": 1,
				"properties": map[string]any{"from": anyScalar, "to": anyScalar}},
		}}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": s.value(t.Elem())}
	case reflect.Slice:
		item := s.value(t.Elem())
		list := map[string]any{"type": "array", "items": item}
		if t.Elem().Kind() == reflect.Struct {
			return list
		}
		// The decoder takes one value where a list of values is asked.
		return map[string]any{"anyOf": []any{list, item}}
	case reflect.Struct:
		object := s.ref(t)
		if !reflect.PointerTo(t).Implements(decoderType) {
			return object
		}
		short := anyScalar
		if scalarShorthands[t] {
			short = map[string]any{"type": "number"}
		}
		return map[string]any{"anyOf": []any{short, object}}
	}
	return map[string]any{}
}

// typeWordsShort is how typeWords names the short form of a type with one.
func typeWordsShort(t reflect.Type) string {
	_, names := yamlFields(t)
	short := "a single value"
	if scalarShorthands[t] {
		short = "number"
	}
	return short + ", or {" + strings.Join(names, ", ") + "}"
}
