package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
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
			m.langFlag(fs)
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

// printHelp lists every command, in the language of --lang, else of the
// project the command runs in, else the default.
func (m *Main) printHelp() {
	lang := m.helpLanguage()
	help := func(key string) string { return i18n.Sprintf(i18n.Help, lang, key) }
	fmt.Fprintf(m.Stdout, "%s\n\n%s\n\n%s\n", help("intro"), help("usage"), help("commands"))
	w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	for _, c := range commands() {
		summary := c.Summary
		if i18n.Has(i18n.Help, lang, "summary."+c.Name) {
			summary = help("summary." + c.Name)
		}
		fmt.Fprintf(w, "  %s\t%s\n", c.Name, summary)
	}
	w.Flush()
	fmt.Fprintf(m.Stdout, "\n%s\n\n%s\n\n%s\n", help("global"), help("exit"), help("more"))
}

// helpLanguage is --lang, else the language: of the project help runs in,
// else the default; help needs no project.
func (m *Main) helpLanguage() string {
	project := ""
	if dir, err := m.projectDir(); err == nil {
		if p, err := impact.Load(dir); err == nil {
			project = p.Info.Language
		}
	}
	lang, err := i18n.Choose(m.LangFlag, project)
	if err != nil {
		return i18n.Default
	}
	return lang
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
