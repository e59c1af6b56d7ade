package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
)

func helpCommand() command {
	return command{
		Name:    "help",
		Args:    "[COMMAND]",
		Summary: "explain impact or one of its commands; impact help project explains impact.yaml",
		Help: "Without a command, lists every command. With one, explains it, its flags and an example.\n" +
			"impact help project explains every key of impact.yaml, with its allowed values and an example.",
		Example: "impact help init",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error { return m.runHelp(args) }
		},
	}
}

func (m *Main) runHelp(args []string) error {
	switch len(args) {
	case 0:
		m.printHelp()
		return nil
	case 1:
		if args[0] == "project" {
			m.printProjectReference()
			return nil
		}
		c, ok := lookupCommand(args[0])
		if !ok {
			return usageError("%q is not an impact command; run impact help to see them all", args[0])
		}
		m.printCommandHelp(c)
		return nil
	default:
		return usageError("impact help takes one command at most, such as impact help init")
	}
}

// printHelp lists every command.
func (m *Main) printHelp() {
	fmt.Fprint(m.Stdout, `impact measures whether a collaboration between a municipality, a social
entrepreneur and their partners worked, and what it is worth.

Usage:
  impact [--project DIR] [--db PATH] [--wait 10s] COMMAND [ARGUMENTS]

Commands:
`)
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\t%s\n", c.Name, c.Summary)
	}
	w.Flush()
	fmt.Fprint(m.Stdout, `
Global flags (before or after the command):
  --project DIR   the project folder (env IMPACT_PROJECT; default: this folder
                  or the nearest parent that holds impact.yaml)
  --db PATH       the store (default DIR/.impact/impact.duckdb)
  --wait 10s      how long to wait while another impact process (such as
                  impact serve at work) holds the store

Exit codes: 0 success, 1 problems found, 2 wrong usage or invalid project
file, 3 data refused, 4 internal error, 5 store busy (another impact process
held it past --wait). IMPACT_DEBUG=1 shows error details.

Run impact help COMMAND for one command's flags and an example, and
impact help project for every key of impact.yaml.
`)
}

// printCommandHelp explains one command with its flags and an example.
func (m *Main) printCommandHelp(c command) {
	fmt.Fprintf(m.Stdout, "Usage: impact %s %s\n\n%s\n", c.Name, c.Args, strings.TrimSpace(c.Summary))
	if c.Help != "" {
		fmt.Fprintf(m.Stdout, "\n%s\n", strings.TrimSpace(c.Help))
	}
	fs := m.newFlagSet(c)
	c.Setup(m, fs)
	var flags strings.Builder
	w := tabwriter.NewWriter(&flags, 0, 4, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s %s\t%s\n", f.Name, name, usage)
	})
	w.Flush()
	fmt.Fprintf(m.Stdout, "\nFlags:\n%s", strings.ReplaceAll(flags.String(), " \t", "\t"))
	if c.Example != "" {
		fmt.Fprintf(m.Stdout, "\nExample:\n  %s\n", strings.ReplaceAll(strings.TrimSpace(c.Example), "\n", "\n  "))
	}
}
