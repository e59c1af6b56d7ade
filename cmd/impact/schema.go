package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
)

func schemaCommand() command {
	return command{
		Name:    "schema",
		Example: "impact schema > " + impact.SchemaFileName,
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return m.usageError("usage.schema.args", impact.SchemaFileName)
				}
				return m.writeSchema()
			}
		},
	}
}

func (m *Main) writeSchema() error {
	out, err := schemaJSON()
	if err != nil {
		return err
	}
	_, err = m.Stdout.Write(out)
	return err
}

// schemaJSON is the JSON Schema of impact.yaml as a file holds it.
func schemaJSON() ([]byte, error) {
	out, err := json.MarshalIndent(impact.ProjectSchema(), "", "  ")
	if err != nil {
		return nil, impact.Errorf(impact.EINTERNAL, "the schema of impact.yaml: %w", err)
	}
	return append(out, '\n'), nil
}

// printProjectReference writes every key of impact.yaml with its type,
// meaning, allowed values and an example: impact help project.
func (m *Main) printProjectReference() {
	fmt.Fprintf(m.Stdout, `impact.yaml, key by key.

A key inside another is written with a dot, and [] marks a list: indicators[].measure.kind
is the kind: of the measure: of each entry of indicators:. impact init writes a commented
file to start from, and impact init DIR --example the complete example project. Quote a
text that holds ": " or ", " or starts with a special sign ("Vuxenutbildning, Boden"),
and write dates as YYYY-MM-DD. impact schema prints the same as a JSON Schema.
`)
	for _, k := range impact.ProjectKeys() {
		what := k.Type
		if len(k.Values) > 0 {
			what += ": " + strings.Join(k.Values, " | ")
		}
		if !strings.Contains(k.Path, ".") {
			fmt.Fprintln(m.Stdout)
		}
		fmt.Fprintf(m.Stdout, "\n%s  (%s)\n", k.Path, what)
		if k.Doc != "" {
			fmt.Fprintf(m.Stdout, "    %s\n", k.Doc)
		}
		if k.Example != "" {
			example := strings.ReplaceAll(k.Example, "\n", "\n      ")
			fmt.Fprintf(m.Stdout, "    Example:\n      %s\n", example)
		}
	}
}
