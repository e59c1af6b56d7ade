// Command impact measures whether a collaboration between a municipality
// and a social entrepreneur worked and what it is worth: it ingests the
// data the project's events produce, evaluates every goal of its plan
// with honest statistics, and writes reports and dashboards.
//
// main only wires: Main parses the global flags, runs one subcommand and
// closes what it opened, so that tests run the whole command line in-process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// Version is the engine's version, set at build time with
// -ldflags "-X main.Version=…".
var Version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C or SIGTERM cancels the command, which stops at its
	// next check and leaves the store and its files whole; a second one
	// stops the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	m := NewMain()
	stopProfile := startProfile(os.Getenv("IMPACT_CPUPROFILE"))
	err := m.Run(ctx, os.Args[1:])
	stopProfile()
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	stop()
	if err != nil {
		m.printError(err)
	}
	os.Exit(impact.ExitCode(err))
}

// Main is one run of the command line: its input and output streams, its
// environment and the global settings, so that tests can run it in-process.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// Now is the clock; tests fix it.
	Now func() time.Time
	// Dir is the folder the command runs in.
	Dir string

	// ProjectFlag and DBFlag are the global --project and --db.
	ProjectFlag string
	DBFlag      string
	// Wait is the global --wait: how long to wait for a store another
	// impact process holds before giving up with exit code 5.
	Wait time.Duration
	// LangFlag is the --lang of a command that writes for people; lang is
	// the language settled for the command (see speak).
	LangFlag string
	lang     string
	// langHint is the --lang written anywhere on the command line, for a
	// usage error found before the flags are parsed.
	langHint string

	// Command is the subcommand and Args its arguments, set by ParseFlags.
	Command string
	Args    []string

	db *store.DB
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	dir, _ := os.Getwd()
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Now: time.Now, Dir: dir, Wait: store.DefaultWait}
}

// command is one subcommand of impact. Its arguments, summary and longer
// explanation are the help catalogue's args.NAME, summary.NAME and
// help.NAME, in the language of the command.
type command struct {
	Name    string
	Example string
	// Setup defines the command's own flags on fs and returns what runs the
	// command on the arguments left after parsing.
	Setup func(m *Main, fs *flag.FlagSet) func(ctx context.Context, args []string) error
}

// commands lists the subcommands in the order help shows them. A command
// is registered only once it works.
func commands() []command {
	return []command{
		initCommand(),
		ingestCommand(),
		lintCommand(),
		evaluateCommand(),
		reportCommand(),
		serveCommand(),
		collectCommand(),
		exportCommand(),
		demoCommand(),
		versionCommand(),
		schemaCommand(),
		helpCommand(),
	}
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.Name == name {
			return c, true
		}
	}
	return command{}, false
}

// usageError is a command line that cannot be run as written: the
// message key (usage.…) in the language of the command, with args.
func (m *Main) usageError(key string, args ...any) error {
	return &impact.Error{Code: impact.EINVALID, Message: msg(m.usageLanguage(), key, args...)}
}

// globalFlags adds --project and --db to a flag set, so that they may stand
// before or after the subcommand.
func (m *Main) globalFlags(fs *flag.FlagSet) {
	fs.StringVar(&m.ProjectFlag, "project", m.ProjectFlag, m.helpText("flag.project"))
	fs.StringVar(&m.DBFlag, "db", m.DBFlag, m.helpText("flag.db"))
	fs.DurationVar(&m.Wait, "wait", m.Wait, m.helpText("flag.wait"))
}

// ParseFlags reads the global flags and the subcommand's name.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("impact", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	m.globalFlags(fs)
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		m.Command = "help"
		return nil
	} else if err != nil {
		return m.usageError("usage.global", m.flagProblem(err))
	}
	rest := fs.Args()
	if len(rest) == 0 {
		m.Command = "help"
		return nil
	}
	m.Command, m.Args = rest[0], rest[1:]
	return nil
}

// Run parses args and runs the subcommand they name.
func (m *Main) Run(ctx context.Context, args []string) error {
	m.langHint = langArgument(args)
	if err := m.ParseFlags(args); err != nil {
		return err
	}
	c, ok := lookupCommand(m.Command)
	if !ok {
		var names []string
		for _, c := range commands() {
			names = append(names, c.Name)
		}
		if n := impact.Nearest(m.Command, names); n != "" {
			return m.usageError("usage.command.near", m.Command, n)
		}
		return m.usageError("usage.command", m.Command)
	}
	fs := m.newFlagSet(c)
	run := c.Setup(m, fs)
	m.everyLangFlag(fs)
	args, err := parseInterspersed(fs, m.Args)
	if errors.Is(err, flag.ErrHelp) {
		m.printCommandHelp(c)
		return nil
	} else if err != nil {
		return m.usageError("usage.flags", c.Name, m.flagProblem(err))
	}
	return run(ctx, args)
}

// parseInterspersed parses flags that may stand before, between or after
// the positional arguments (impact init DIR --lang en), as people type them.
// After "--" everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// Close closes the store if a command opened it.
func (m *Main) Close() error {
	if m.db == nil {
		return nil
	}
	err := m.db.Close()
	m.db = nil
	return err
}

// newFlagSet returns the flag set of a subcommand with the global flags and
// a usage that prints the command's help.
func (m *Main) newFlagSet(c command) *flag.FlagSet {
	fs := flag.NewFlagSet("impact "+c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	m.globalFlags(fs)
	return fs
}

// projectDir returns the project folder: --project, IMPACT_PROJECT (the
// folder or its impact.yaml), or the nearest folder upwards from the
// current one that holds impact.yaml.
func (m *Main) projectDir() (string, error) {
	dir := m.ProjectFlag
	if dir == "" {
		dir = m.Getenv("IMPACT_PROJECT")
	}
	if dir != "" {
		dir = m.abs(dir)
		if info, err := os.Stat(dir); err == nil && !info.IsDir() {
			// The project file itself names its folder; any other file
			// is not a project.
			if filepath.Base(dir) != impact.ProjectFileName {
				return "", &impact.Error{Code: impact.ENOTFOUND, Message: msg(m.langGuess(), "project.file", dir, impact.ProjectFileName)}
			}
			dir = filepath.Dir(dir)
		}
		if _, err := os.Stat(filepath.Join(dir, impact.ProjectFileName)); err != nil {
			return "", &impact.Error{Code: impact.ENOTFOUND, Message: msg(m.langGuess(), "project.missing", dir, impact.ProjectFileName)}
		}
		return dir, nil
	}
	dir, err := impact.FindProjectDir(m.Dir)
	if err != nil {
		return "", impact.SayIn(err, m.langFlagOrHint())
	}
	return dir, nil
}

func (m *Main) abs(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(m.Dir, path)
}

// loadProject finds and loads the project, printing its warnings to stderr.
func (m *Main) loadProject() (*impact.Project, error) {
	dir, err := m.projectDir()
	if err != nil {
		return nil, err
	}
	p, err := m.load(dir)
	if err != nil {
		return nil, err
	}
	if err := m.speak(p); err != nil {
		return nil, err
	}
	for _, w := range p.Warnings {
		fmt.Fprintln(m.Stderr, m.warning(w))
	}
	return p, nil
}

// dbPath returns the store's path: --db, or DIR/.impact/impact.duckdb.
func (m *Main) dbPath(projectDir string) string {
	if m.DBFlag != "" {
		return m.abs(m.DBFlag)
	}
	return filepath.Join(projectDir, ".impact", "impact.duckdb")
}

// openStore opens (creating when missing) the project's store.
func (m *Main) openStore(ctx context.Context, projectDir string) (*store.DB, error) {
	if m.db != nil {
		return m.db, nil
	}
	db, err := store.OpenWith(ctx, m.dbPath(projectDir), store.Options{Wait: m.Wait})
	if err != nil {
		return nil, err
	}
	m.db = db
	return db, nil
}

// printError writes err for a person: one line per problem, and the chain
// of causes when IMPACT_DEBUG=1.
func (m *Main) printError(err error) {
	for _, line := range strings.Split(impact.ErrorMessageIn(err, m.usageLanguage()), "\n") {
		fmt.Fprintf(m.Stderr, "impact: %s\n", line)
	}
	if m.Getenv("IMPACT_DEBUG") == "1" {
		for e := err; e != nil; e = errors.Unwrap(e) {
			fmt.Fprintf(m.Stderr, "debug: %T: %v\n", e, e)
		}
	}
}

// startProfile writes a CPU profile of the run to path when it is set
// (IMPACT_CPUPROFILE, for `go tool pprof`); the returned function ends it.
// Speed work starts from a profile of a whole command, not a guess.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "impact: cannot write the CPU profile %s: %v\n", path, err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "impact: cannot start the CPU profile: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
