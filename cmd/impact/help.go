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
			return m.usageError("usage.command", args[0])
		}
		m.printCommandHelp(c)
		return nil
	default:
		return m.usageError("usage.help.args")
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
		fmt.Fprintf(w, "  %s\t%s\n", c.Name, help("summary."+c.Name))
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
	given := m.LangFlag
	if given == "" {
		given = m.langHint
	}
	lang, err := i18n.Choose(given, project)
	if err != nil {
		// A --lang impact does not speak is refused in the project's.
		if lang, err = i18n.Choose("", project); err != nil {
			return i18n.Default
		}
	}
	return lang
}

// printCommandHelp explains one command with its flags and an example, in
// the language of --lang, else of the project, else the default.
func (m *Main) printCommandHelp(c command) {
	// The flags' descriptions are written as Setup defines them, in the
	// language settled here.
	m.lang = m.helpLanguage()
	var helpArgs []any
	if c.Name == "schema" {
		helpArgs = []any{impact.SchemaFileName}
	}
	fmt.Fprintf(m.Stdout, "%s\n\n%s\n\n%s\n", m.helpText("command.usage", c.Name, m.helpText("args."+c.Name)),
		m.helpText("summary."+c.Name), m.helpText("help."+c.Name, helpArgs...))
	fs := m.newFlagSet(c)
	c.Setup(m, fs)
	m.everyLangFlag(fs)
	var flags strings.Builder
	w := tabwriter.NewWriter(&flags, 0, 4, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s %s\t%s\n", f.Name, name, usage)
	})
	w.Flush()
	fmt.Fprintf(m.Stdout, "\n%s\n%s", m.helpText("command.flags"), strings.ReplaceAll(flags.String(), " \t", "\t"))
	if c.Example != "" {
		fmt.Fprintf(m.Stdout, "\n%s\n  %s\n", m.helpText("command.example"), strings.ReplaceAll(strings.TrimSpace(c.Example), "\n", "\n  "))
	}
}
