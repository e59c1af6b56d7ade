package impact_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/joiningforces/impact"
)

// mustCompileSchema compiles impact's schema with an independent JSON
// Schema validator.
func mustCompileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := json.Marshal(impact.ProjectSchema())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("impact.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("impact.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return schema
}

// yamlInstance reads a YAML document as an editor's YAML language server
// hands it to a schema: YAML 1.2 scalars, dates as text.
func yamlInstance(t *testing.T, data []byte) any {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(nodeValue(t, root.Content[0]))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func nodeValue(t *testing.T, n *yaml.Node) any {
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(t, n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		list := []any{}
		for _, item := range n.Content {
			list = append(list, nodeValue(t, item))
		}
		return list
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil {
			t.Fatalf("line %d: %q is not a number", n.Line, n.Value)
		}
		return f
	}
	return n.Value
}

// keyPaths lists the keys a YAML document uses, as ProjectKeys writes
// them. Below columns:, where: and success: the keys are the user's
// (headers and columns); an inline measure of a ratio has a measure's keys.
// freeMappings are the keys whose values map keys of the user's own
// (columns:, labels:, an item's text:), found from the reference.
var freeMappings = func() map[string]bool {
	free := map[string]bool{}
	for _, k := range impact.ProjectKeys() {
		if strings.HasPrefix(k.Type, "mapping of") {
			free[k.Path] = true
		}
	}
	return free
}()

func keyPaths(n *yaml.Node, path string, into map[string]bool) {
	switch n.Kind {
	case yaml.MappingNode:
		if strings.HasSuffix(path, ".where") || strings.HasSuffix(path, ".success") || freeMappings[path] {
			return
		}
		base := strings.TrimSuffix(strings.TrimSuffix(path, ".numerator"), ".denominator")
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := n.Content[i].Value
			if base != "" {
				p = base + "." + p
			}
			into[p] = true
			keyPaths(n.Content[i+1], p, into)
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			keyPaths(item, path+"[]", into)
		}
	}
}

// lineOf is the line of the file text on which the line that follows the
// newline in at starts.
func lineOf(text, at string) int {
	return strings.Count(text[:strings.Index(text, at)+1], "\n") + 1
}

func exampleFile(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/example/impact.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestTheExampleValidatesAgainstTheSchema(t *testing.T) {
	schema := mustCompileSchema(t)
	for _, file := range []string{"testdata/example/impact.yaml", "testdata/project/spec-example.yaml"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := impact.Parse(file, data); err != nil {
			t.Fatalf("%s does not load: %v", file, err)
		}
		if err := schema.Validate(yamlInstance(t, data)); err != nil {
			t.Errorf("%s fails the schema: %v", file, err)
		}
	}
}

func TestTheSchemaRefusesWhatTheLoaderRefuses(t *testing.T) {
	schema := mustCompileSchema(t)
	example := string(exampleFile(t))
	for _, tc := range []struct{ name, from, to string }{
		{"unknown key", "\n    direction: increase", "\n    direction: increase\n    dierction: increase"},
		{"value outside its list", "\n    direction: increase", "\n    direction: upwards"},
		{"text for a number", "\n  confidence: 0.95", "\n  confidence: high"},
		{"a comma inside {…}", "{id: kommun, name: Bodens kommun, role: municipality}", "{id: kommun, name: Bodens kommun, Arbetsmarknadsförvaltningen, role: municipality}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(example, tc.from) {
				t.Fatalf("the example no longer holds %q; update the test", tc.from)
			}
			data := []byte(strings.Replace(example, tc.from, tc.to, 1))
			if _, err := impact.Parse("impact.yaml", data); err == nil {
				t.Fatalf("the loader takes it")
			}
			if err := schema.Validate(yamlInstance(t, data)); err == nil {
				t.Errorf("the schema takes what the loader refuses")
			}
		})
	}
}

func TestTheExampleUsesOnlyKnownKeys(t *testing.T) {
	known := map[string]bool{}
	for _, k := range impact.ProjectKeys() {
		known[k.Path] = true
	}
	var root yaml.Node
	if err := yaml.Unmarshal(exampleFile(t), &root); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	keyPaths(root.Content[0], "", used)
	for path := range used {
		if !known[path] {
			t.Errorf("the example uses %s, which ProjectKeys does not list", path)
		}
	}
	if len(used) < 50 {
		t.Errorf("the example uses only %d keys; is it read?", len(used))
	}
}

func TestUnquotedColonAndCommaSaySo(t *testing.T) {
	example := string(exampleFile(t))
	for _, tc := range []struct{ name, from, to, want string }{
		{"a colon in a value", "\n  name: Samlad kraft för framtidens Boden", "\n  name: Samlad kraft: Boden",
			fmt.Sprintf(`impact.yaml:%d: this is not valid YAML: a text holds ": " (a colon and a space) without quotes; put the whole text in quotes`, lineOf(example, "\n  name: Samlad kraft för framtidens Boden"))},
		{"a comma inside {…}", "{id: kommun, name: Bodens kommun, role: municipality}", "{id: kommun, name: Bodens kommun, Arbetsmarknadsförvaltningen, role: municipality}",
			`"Arbetsmarknadsförvaltningen" is read as a key because inside {…} a comma ends a value; if it belongs to name, put the whole text in quotes: name: "Bodens kommun, Arbetsmarknadsförvaltningen"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(example, tc.from) {
				t.Fatalf("the example no longer holds %q; update the test", tc.from)
			}
			_, err := impact.Parse("impact.yaml", []byte(strings.Replace(example, tc.from, tc.to, 1)))
			if msg := impact.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("got\n %s\nwant it to hold\n %s", msg, tc.want)
			}
		})
	}
}
