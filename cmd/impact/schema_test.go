package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// schemaHas reports whether the JSON Schema describes the key at path
// (dots between keys, [] for the entries of a list).
func schemaHas(schema map[string]any, path string) bool {
	defs, _ := schema["definitions"].(map[string]any)
	current := []any{schema}
	for _, segment := range strings.Split(path, ".") {
		name, list := strings.CutSuffix(segment, "[]")
		var next []any
		for _, s := range expand(current, defs) {
			props, _ := s["properties"].(map[string]any)
			if p, ok := props[name]; ok {
				next = append(next, p)
			}
		}
		if list {
			var items []any
			for _, s := range expand(next, defs) {
				if item, ok := s["items"]; ok {
					items = append(items, item)
				}
			}
			next = items
		}
		if len(next) == 0 {
			return false
		}
		current = next
	}
	return true
}

// expand follows $ref, allOf and anyOf to the schemas that may hold
// properties or items.
func expand(schemas []any, defs map[string]any) []map[string]any {
	var out []map[string]any
	for len(schemas) > 0 {
		s, _ := schemas[0].(map[string]any)
		schemas = schemas[1:]
		if s == nil {
			continue
		}
		out = append(out, s)
		if ref, ok := s["$ref"].(string); ok {
			schemas = append(schemas, defs[strings.TrimPrefix(ref, "#/definitions/")])
		}
		for _, k := range []string{"allOf", "anyOf"} {
			if list, ok := s[k].([]any); ok {
				schemas = append(schemas, list...)
			}
		}
	}
	return out
}

func TestHelpProjectAndSchemaHaveEveryKey(t *testing.T) {
	dir := t.TempDir()
	help := MustRun(t, dir, "help", "project").stdout
	var schema map[string]any
	if err := json.Unmarshal([]byte(MustRun(t, dir, "schema").stdout), &schema); err != nil {
		t.Fatalf("impact schema is not JSON: %v", err)
	}
	keys := impact.ProjectKeys()
	if len(keys) < 100 {
		t.Fatalf("ProjectKeys lists %d keys; the loader takes more", len(keys))
	}
	for _, k := range keys {
		if !strings.Contains(help, "\n"+k.Path+"  (") {
			t.Errorf("impact help project does not explain %s", k.Path)
		}
		if !schemaHas(schema, k.Path) {
			t.Errorf("impact schema has no %s", k.Path)
		}
		for _, v := range k.Values {
			if !strings.Contains(help, v) {
				t.Errorf("impact help project does not give %s's value %s", k.Path, v)
			}
		}
	}
	if schemaHas(schema, "indicators[].dierction") {
		t.Errorf("schemaHas finds a key that does not exist")
	}
}

func TestInitPointsEditorsToTheSchema(t *testing.T) {
	root := t.TempDir()
	for _, args := range [][]string{{"init", "plain", "--lang", "en"}, {"init", "example", "--example"}} {
		MustRun(t, root, args...)
		dir := filepath.Join(root, args[1])
		data, err := os.ReadFile(filepath.Join(dir, impact.ProjectFileName))
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(string(data), "\n"); first != "# yaml-language-server: $schema=./impact.schema.json" {
			t.Errorf("impact %s: the first line of impact.yaml is %q", strings.Join(args, " "), first)
		}
		written, err := os.ReadFile(filepath.Join(dir, impact.SchemaFileName))
		if err != nil {
			t.Fatalf("impact %s wrote no schema: %v", strings.Join(args, " "), err)
		}
		if printed := MustRun(t, dir, "schema").stdout; string(written) != printed {
			t.Errorf("impact %s wrote another schema than impact schema prints", strings.Join(args, " "))
		}
		MustRun(t, dir, "lint")
	}
}
