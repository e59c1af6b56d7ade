package main

import (
	"errors"
	"flag"
	"regexp"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// langFlag defines --lang on the flag set of a command that writes for
// people.
func (m *Main) langFlag(fs *flag.FlagSet) {
	fs.StringVar(&m.LangFlag, "lang", "", m.helpText("flag.lang"))
}

// everyLangFlag adds --lang to a command that does not define it, so that
// every command takes it: its help and usage errors follow it.
func (m *Main) everyLangFlag(fs *flag.FlagSet) {
	if fs.Lookup("lang") == nil {
		m.langFlag(fs)
	}
}

// speak settles the language of this command for project p: --lang when
// given, else the project's language:. It sets it on the project as loaded
// in memory, so that the lint's findings and ingest's notes and errors
// follow it too; impact.yaml is not changed.
func (m *Main) speak(p *impact.Project) error {
	lang, err := i18n.Choose(m.LangFlag, p.Info.Language)
	if err != nil {
		given := m.LangFlag
		if given == "" {
			given = p.Info.Language
		}
		return m.usageError("refuse.lang", given, strings.Join(i18n.Languages, ", "))
	}
	p.Info.Language = lang
	m.lang = lang
	return nil
}

// load loads the project in dir; what is wrong with the file is said in
// its language:, or in --lang's, or, when the file cannot be read that
// far, in English.
func (m *Main) load(dir string) (*impact.Project, error) {
	p, err := impact.Load(dir)
	if err != nil {
		return nil, impact.SayIn(err, m.langFlagOrHint())
	}
	return p, nil
}

// warning is a warning of the project file, said in the command's language.
func (m *Main) warning(w impact.Problem) string {
	return i18n.Sprintf(i18n.Project, m.lang, "warning: %s", w.In(m.lang).String())
}

// langFlagOrHint is --lang as given, or as written anywhere on the command
// line when the flags are not parsed yet; "" when there is none.
func (m *Main) langFlagOrHint() string {
	if m.LangFlag != "" {
		return m.LangFlag
	}
	return m.langHint
}

// language is the language of this command: the one speak settled, or the
// project file's default before a project is loaded.
func (m *Main) language() string {
	if m.lang == "" {
		if lang, err := i18n.Choose(m.LangFlag, ""); err == nil {
			return lang
		}
		return i18n.Default
	}
	return m.lang
}

// msg is the command line's message key in lang, formatted with args.
func msg(lang, key string, args ...any) string {
	return i18n.Sprintf(i18n.CLI, lang, key, args...)
}

// msgCount is the message key in the plural form of n in lang.
func msgCount(lang, key string, n int, args ...any) string {
	return i18n.Plural(i18n.CLI, lang, key, n, args...)
}

// msgCounts is the message key in the plural forms of a and b in lang, for
// a sentence that counts two things ("1 error, 2 warnings").
func msgCounts(lang, key string, a, b int) string {
	return msgCount(lang, key+"."+i18n.PluralForm(lang, a), b, a, b)
}

// helpText is the help catalogue's key in the language of the command, as
// settled so far: a flag's description, a command's explanation.
func (m *Main) helpText(key string, args ...any) string {
	return i18n.Sprintf(i18n.Help, m.language(), key, args...)
}

// usageLanguage is the language of a usage error: the one speak settled,
// else --lang, else the language: of the project the command runs in, else
// the default. A usage error may come before any of them is read.
func (m *Main) usageLanguage() string {
	if m.lang != "" {
		return m.lang
	}
	return m.helpLanguage()
}

// langGuess is the language of a message before a project is found:
// --lang when given and known, else the default.
func (m *Main) langGuess() string {
	given := m.LangFlag
	if given == "" {
		given = m.langHint
	}
	if lang, err := i18n.Choose(given, ""); err == nil {
		return lang
	}
	return i18n.Default
}

// langArgument returns the value of --lang (or -lang, --lang=…) anywhere in
// args, "" when there is none: what a usage error found before the flags
// are parsed speaks.
func langArgument(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if hasValue {
			return value
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// flagErrors match the errors of the flag package, which are English, so
// that each can be said again in the language of the command.
var flagErrors = []struct {
	pattern *regexp.Regexp
	key     string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "usage.flag.unknown"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "usage.flag.argument"},
	{regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): `), "usage.flag.value"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "usage.flag.syntax"},
}

// flagProblem says what is wrong with a flag in the language of the
// command; an error the flag package words otherwise stays as it is.
func (m *Main) flagProblem(err error) string {
	text := err.Error()
	if errors.Is(err, flag.ErrHelp) {
		return text
	}
	for _, f := range flagErrors {
		if sub := f.pattern.FindStringSubmatch(text); sub != nil {
			args := make([]any, len(sub)-1)
			for i, s := range sub[1:] {
				args[i] = s
			}
			return msg(m.usageLanguage(), f.key, args...)
		}
	}
	return text
}

// refuse is an error of code, with its cause, whose message is key of the
// command line's catalogue with args, kept to be said in the command's
// language when it is printed (printError), also where that language is
// not at hand.
func refuse(code string, cause error, key string, args ...any) *impact.Error {
	return impact.Said(code, cause, i18n.Keep(i18n.CLI, "en", key, args...))
}
