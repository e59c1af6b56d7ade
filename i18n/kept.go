package i18n

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Kept is a message kept to be said later, in the language of whoever
// reads it: the key of a domain, the count its plural form follows (when
// it has one), its values, and the language it was first said in. It is
// the one way impact keeps a message: ingest's problems and notes and the
// project loader's problems are all Kept, and a note is stored as one.
//
// A value is said by its kind:
//   - a Kept among the values is said in the same language, as is any
//     value that says itself in a language (has In(lang string) string);
//   - a Word is a key of the domain, said in the reader's language;
//   - a KeptList is messages said one after another;
//   - Verbatim is shown as fmt writes it, whatever the language;
//   - any other value is formatted by the language's printer: a text as
//     written, a number in the language's style.
//
// A key the language lacks is said in English, and a key English lacks
// (ingest keys its messages by their English text) as written, with its
// values.
type Kept struct {
	Domain Domain
	Key    string
	Count  *int
	Args   []any
	Lang   string
}

// Word is a key of the domain given as a value (attribute.gender): it is
// said in the reader's language, and as written when the domain has no
// such key.
type Word string

// KeptList is messages given as one value, said one after another, each in
// the reader's language, joined by "; ".
type KeptList []Kept

// Verbatim is a value shown as fmt writes it, so that a number the user
// wrote (0.95, 2025) stays as written, not in the language's number style.
type Verbatim struct{ Value any }

// Format writes the value as fmt does.
func (v Verbatim) Format(f fmt.State, verb rune) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), v.Value)
}

// Keep keeps key of domain with args, as it is said in lang now.
func Keep(domain Domain, lang, key string, args ...any) Kept {
	return Kept{Domain: domain, Key: key, Args: args, Lang: lang}
}

// KeepCount keeps key of domain in the plural form of n, with args.
func KeepCount(domain Domain, lang, key string, n int, args ...any) Kept {
	return Kept{Domain: domain, Key: key, Count: &n, Args: args, Lang: lang}
}

// In says the message in lang, English where lang has no catalogue of
// the domain.
func (k Kept) In(lang string) string {
	if !Speaks(k.Domain, lang) {
		lang = "en"
	}
	args := make([]any, len(k.Args))
	for i, a := range k.Args {
		args[i] = k.value(lang, a)
	}
	key := k.Key
	if k.Count != nil {
		key = pluralKey(k.Domain, lang, key, *k.Count)
	}
	var text string
	switch {
	case Has(k.Domain, lang, key):
		text = Sprintf(k.Domain, lang, key, args...)
	case Has(k.Domain, "en", key):
		text = Sprintf(k.Domain, "en", key, args...)
	case len(args) > 0:
		text = asWritten.Sprintf(key, args...)
	default:
		text = key
	}
	if len(args) == 0 {
		// A message without values is written as a format: %% is one %.
		text = strings.ReplaceAll(text, "%%", "%")
	}
	return text
}

// value is one value of the message, said in lang by its kind.
func (k Kept) value(lang string, a any) any {
	switch a := a.(type) {
	case interface{ In(lang string) string }:
		return a.In(lang)
	case KeptList:
		said := make([]string, len(a))
		for i, item := range a {
			said[i] = item.In(lang)
		}
		return strings.Join(said, "; ")
	case Word:
		if Has(k.Domain, lang, string(a)) {
			return Sprintf(k.Domain, lang, string(a))
		}
		return string(a)
	}
	return a
}

// asWritten formats a message the catalogue lacks: its key is an English
// text.
var asWritten = message.NewPrinter(language.English)

// String says the message in the language it was kept in.
func (k Kept) String() string { return k.In(k.Lang) }

// Error is String, so that a message can be returned as an error and said
// again in the reader's language by whoever finds it with errors.As.
func (k Kept) Error() string { return k.String() }

// stored is a Kept as the store keeps it: every value as text, but for a
// message or a list of them among the values.
type stored struct {
	Domain Domain            `json:"domain"`
	Key    string            `json:"key"`
	Count  *int              `json:"count,omitempty"`
	Args   []json.RawMessage `json:"args,omitempty"`
	Lang   string            `json:"lang,omitempty"`
}

// MarshalJSON keeps each value as text (a count in plain digits), a
// message among them as its own object and a list as an array of them.
func (k Kept) MarshalJSON() ([]byte, error) {
	s := stored{Domain: k.Domain, Key: k.Key, Count: k.Count, Lang: k.Lang}
	for _, a := range k.Args {
		var v any
		switch a := a.(type) {
		case Kept, KeptList:
			v = a
		case Word:
			v = string(a)
		case string:
			v = a
		case int:
			v = strconv.Itoa(a)
		case Verbatim:
			v = fmt.Sprint(a.Value)
		default:
			v = fmt.Sprint(a)
		}
		data, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		s.Args = append(s.Args, data)
	}
	return json.Marshal(s)
}

// UnmarshalJSON reads a kept message back. A value kept as text is read
// as a Word: said in the reader's language when it is a key of the
// domain, as written when not, as every stored note has been read.
func (k *Kept) UnmarshalJSON(data []byte) error {
	var s stored
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	*k = Kept{Domain: s.Domain, Key: s.Key, Count: s.Count, Lang: s.Lang}
	for _, raw := range s.Args {
		var v any
		switch strings.TrimSpace(string(raw))[0] {
		case '{':
			var nested Kept
			if err := json.Unmarshal(raw, &nested); err != nil {
				return err
			}
			v = nested
		case '[':
			var list KeptList
			if err := json.Unmarshal(raw, &list); err != nil {
				return err
			}
			v = list
		default:
			var text string
			if err := json.Unmarshal(raw, &text); err != nil {
				return err
			}
			v = Word(text)
		}
		k.Args = append(k.Args, v)
	}
	return nil
}
