package i18n

import (
	"fmt"
	"strconv"
)

// Kept is a message kept to be said later, in the language of whoever
// reads it: the key of a domain, the count its plural form follows (when
// it has one), its values as text, and the language it was first said in.
// A value that is itself a key of the domain (attribute.gender) is said in
// the reader's language too; any other value is shown as written.
type Kept struct {
	Domain Domain   `json:"domain"`
	Key    string   `json:"key"`
	Count  *int     `json:"count,omitempty"`
	Args   []string `json:"args,omitempty"`
	Lang   string   `json:"lang,omitempty"`
}

// Keep keeps key of domain with args, as it is said in lang now.
func Keep(domain Domain, lang, key string, args ...any) Kept {
	return Kept{Domain: domain, Key: key, Args: texts(args), Lang: lang}
}

// KeepCount keeps key of domain in the plural form of n, with args.
func KeepCount(domain Domain, lang, key string, n int, args ...any) Kept {
	return Kept{Domain: domain, Key: key, Count: &n, Args: texts(args), Lang: lang}
}

// texts writes each value as text: a count in plain digits, so that the
// message formats it as a number of its language wherever it is read.
func texts(args []any) []string {
	out := make([]string, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case string:
			out[i] = a
		case int:
			out[i] = strconv.Itoa(a)
		default:
			out[i] = fmt.Sprint(a)
		}
	}
	return out
}

// In says the message in lang, English where lang has no catalogue of
// the domain.
func (k Kept) In(lang string) string {
	if !Speaks(k.Domain, lang) {
		lang = "en"
	}
	args := make([]any, len(k.Args))
	for i, a := range k.Args {
		args[i] = a
		if Has(k.Domain, lang, a) {
			args[i] = Sprintf(k.Domain, lang, a)
		}
	}
	if k.Count != nil {
		return Plural(k.Domain, lang, k.Key, *k.Count, args...)
	}
	return Sprintf(k.Domain, lang, k.Key, args...)
}

// String says the message in the language it was kept in.
func (k Kept) String() string { return k.In(k.Lang) }
