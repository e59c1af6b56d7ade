package main

import (
	"flag"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// langFlag defines --lang on the flag set of a command that writes for
// people.
func (m *Main) langFlag(fs *flag.FlagSet) {
	fs.StringVar(&m.LangFlag, "lang", "", "the `LANGUAGE` of what the command writes: sv, en or lv (default: the project's language:)")
}

// speak settles the language of this command for project p: --lang when
// given, else the project's language:. It sets it on the project as loaded
// in memory, so that the lint's findings and ingest's notes and errors
// follow it too; impact.yaml is not changed.
func (m *Main) speak(p *impact.Project) error {
	lang, err := i18n.Choose(m.LangFlag, p.Info.Language)
	if err != nil {
		return usageError("--lang: %v", err)
	}
	p.Info.Language = lang
	m.lang = lang
	return nil
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
