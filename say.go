package impact

import (
	"errors"
	"strings"

	"github.com/joiningforces/impact/i18n"
)

// saying is a message of the project loader kept (as an i18n.Kept of the
// project domain, keyed by its English format) so that it can be said
// again in the project's language once that is known, after the key of
// the project file it is about, which is the user's text and stays as
// written.
type saying struct {
	prefix string
	said   i18n.Kept
}

// word is an English noun or phrase the loader passes as an argument (the
// kind of thing an id names, what a value was found to be); it is said in
// the message's language from the catalogue's words, as written when the
// catalogue has no such word.
func word(w string) any {
	if i18n.Has(i18n.Project, "en", "word."+w) {
		return i18n.Word("word." + w)
	}
	return w
}

// say keeps the message of format and args. A word or another message
// among args (which has no key before it: say's own, with prefix "") is
// said in the message's language; any other value is shown as written
// (0.95, 2025), not in the language's number style.
func say(prefix, format string, args ...any) *saying {
	values := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case *saying:
			values[i] = a.said
		case i18n.Word, i18n.Kept, ErrorValue:
			values[i] = a
		default:
			values[i] = i18n.Verbatim{Value: a}
		}
	}
	return &saying{prefix: prefix, said: i18n.Keep(i18n.Project, "en", format, values...)}
}

// String is the message in English.
func (s *saying) String() string { return s.in("en") }

// in is the message in lang; a message the catalogue lacks stays English.
func (s *saying) in(lang string) string {
	text := s.said.In(lang)
	if s.prefix != "" {
		return s.prefix + ": " + text
	}
	return text
}

// In returns the problem said in lang ("sv", "en", "lv"); its place and
// the key it names stay as they are.
func (p Problem) In(lang string) Problem {
	if p.said != nil {
		p.Message = p.said.in(lang)
	}
	return p
}

// ProjectLanguage is the language the problems of a project file are said
// in: flag (--lang) when given and known, else the file's language: when
// the file could be read that far, else English.
func ProjectLanguage(flag, project string) string {
	for _, given := range []string{flag, project} {
		if given == "" {
			continue
		}
		if lang, err := i18n.Choose(given, ""); err == nil {
			return lang
		}
	}
	return "en"
}

// SayIn returns err, an error of Load or Parse, with its message said in
// the language of the project file or of flag (--lang): the problems of
// the file, or why it could not be read. Any other error is returned as
// it is.
func SayIn(err error, flag string) error {
	var e *Error
	if !errors.As(err, &e) || e != err {
		return err
	}
	var pe *ProblemsError
	if errors.As(e.Err, &pe) {
		lang := ProjectLanguage(flag, pe.Language)
		said := &ProblemsError{Language: pe.Language, Problems: make([]Problem, len(pe.Problems))}
		for i, p := range pe.Problems {
			said.Problems[i] = p.In(lang)
		}
		return &Error{Code: e.Code, Message: said.Error(), Err: said}
	}
	if e.said != nil {
		return &Error{Code: e.Code, Message: e.said.in(ProjectLanguage(flag, "")), Err: e.Err}
	}
	return err
}

// problemSaid is a problem at pos whose message can be said again in the
// project's language.
func problemSaid(file string, pos Pos, key, format string, args ...any) Problem {
	s := say("", format, args...)
	return Problem{File: file, Pos: pos, Key: key, Message: s.String(), said: s}
}

// Sayf returns an *Error with code and the message of format and args,
// which SayIn can say again in the user's language: format is the
// catalogue's key (the English message) in the project domain.
func Sayf(code, format string, args ...any) *Error {
	s := say("", format, args...)
	e := Errorf(code, format, args...)
	e.said = s
	return e
}

// Said returns an *Error with code whose message is k, a message of any
// domain kept to be said later: ErrorMessageIn says it in the reader's
// language, wherever it is in the chain of an error. cause, when not nil,
// is the underlying error, kept for errors.Is and IMPACT_DEBUG.
func Said(code string, cause error, k i18n.Kept) *Error {
	return &Error{Code: code, Message: k.In("en"), Err: cause, said: &saying{said: k}}
}

// sayChain is err's message with the message of every *Error in its chain
// that can be said again said in lang: the context added on the way up
// ("serve: …") stays as it was written.
func sayChain(err error, lang string) string {
	text := err.Error()
	if lang == "en" {
		return text
	}
	pending := []error{err}
	for len(pending) > 0 {
		e := pending[0]
		pending = pending[1:]
		if ie, ok := e.(*Error); ok && ie.said != nil && ie.Message != "" {
			text = strings.Replace(text, ie.Message, ie.said.in(lang), 1)
			// Its cause is part of its message, said with it.
			continue
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			if next := u.Unwrap(); next != nil {
				pending = append(pending, next)
			}
		case interface{ Unwrap() []error }:
			pending = append(pending, u.Unwrap()...)
		}
	}
	return text
}

// ErrorValue is an error given as the value of a kept message: it is said
// in the message's language, the project file's problems (SayIn) and every
// kept message of its chain (ErrorMessageIn) alike.
type ErrorValue struct{ Err error }

// In is the error's message in lang.
func (v ErrorValue) In(lang string) string { return ErrorMessageIn(SayIn(v.Err, lang), lang) }

// String is the error's message in English.
func (v ErrorValue) String() string { return v.In("en") }

// SpeakingIn returns the project as it is, or, when lang is another known
// language, a copy of it whose messages (the refusals and notes of ingest,
// the lint's findings) are said in lang: the board says an upload's
// refusal in the page's language. The copy shares everything else.
func (p *Project) SpeakingIn(lang string) *Project {
	if lang == "" || lang == p.Info.Language || !i18n.Known(lang) {
		return p
	}
	copied := *p
	copied.Info.Language = lang
	return &copied
}
