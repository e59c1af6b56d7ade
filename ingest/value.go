package ingest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/joiningforces/impact"
)

// valueError is what is wrong with one cell and what would be right. It
// is kept apart from the value itself so that the rejects table, which must
// never hold a raw value, gets the reason without it.
type valueError struct {
	// problem says what is wrong without quoting the value: "is not a date".
	problem string
	// fix says what would be right: "write it as YYYY-MM-DD, such as 2025-03-12".
	fix string
	// fixArgs are the values a fix names ("use one of %[1]s"): fix is then
	// the English format, and the catalogue's key, they are written into.
	fixArgs []any
	// problemArgs are the values a problem names ("row %[1]d has no kpi"):
	// problem is then the English format, and the catalogue's key.
	problemArgs []any
	// quote is false when the value must not be shown, even to the person
	// at the terminal (a participant id, a personal identity number).
	quote bool
}

func (e *valueError) Error() string {
	if len(e.problemArgs) == 0 {
		return e.problem + "; " + e.fixText()
	}
	return fmt.Sprintf(e.problem, e.problemArgs...) + "; " + e.fixText()
}

// in is the problem and the fix in lang (English for a language without
// its own), the fix with its values.
func (e *valueError) in(lang string) (problem, fix string) {
	return say(lang, e.problem), say(lang, e.fix, e.fixArgs...)
}

// fixText is the fix in English with its values.
func (e *valueError) fixText() string {
	if len(e.fixArgs) == 0 {
		return e.fix
	}
	return fmt.Sprintf(e.fix, e.fixArgs...)
}

func invalid(problem, fix string) *valueError {
	return &valueError{problem: problem, fix: fix, quote: true}
}

// invalidf is invalid with a fix that names values: fix is the English
// format (the catalogue's key) and args its values, never translated.
func invalidf(problem, fix string, args ...any) *valueError {
	return &valueError{problem: problem, fix: fix, fixArgs: args, quote: true}
}

// numberStyle is how a file writes decimals: Swedish files write 3,5 and
// English ones 3.5.
type numberStyle int

const (
	// decimalPoint: a comma may only be a decimal comma where it cannot be
	// a thousands separator (3,5 but not 1,234).
	decimalPoint numberStyle = iota
	// decimalComma: the comma is the decimal separator (Excel on a Swedish
	// Windows, and the semicolon-separated CSV it writes).
	decimalComma
)

// parseNumber reads a number as people type it: 3.5 or 3,5, with spaces or
// non-breaking spaces between the thousands (18 000), a leading minus or
// the typographic minus sign, and a trailing currency (kr, SEK, :-).
func parseNumber(s string, style numberStyle) (float64, *valueError) {
	t := strings.TrimSpace(s)
	for _, suffix := range []string{":-", "kr", "SEK", "sek", "%"} {
		if strings.HasSuffix(t, suffix) && len(t) > len(suffix) {
			if suffix == "%" {
				return 0, invalid("is a percentage", "write the share as a plain number (0.45 for 45 %) or the count itself")
			}
			t = strings.TrimSpace(strings.TrimSuffix(t, suffix))
			break
		}
	}
	// Fast path: the plain numbers that most cells hold.
	if f, err := strconv.ParseFloat(t, 64); err == nil && !strings.ContainsAny(t, "xXpPnNiI_") {
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, invalid("is not a finite number", "write a number such as 3.5")
		}
		return f, nil
	}
	var b strings.Builder
	b.Grow(len(t))
	commas, dots := 0, 0
	for i, r := range t {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009':
			// Thousands separators only between digits.
			prev, _ := utf8.DecodeLastRuneInString(t[:i])
			next, _ := utf8.DecodeRuneInString(t[i+utf8.RuneLen(r):])
			if !isDigit(prev) || !isDigit(next) {
				return 0, invalid("is not a number", "write a number such as 3.5 or 18 000")
			}
		case r == ',':
			commas++
			b.WriteByte(',')
		case r == '.':
			dots++
			b.WriteByte('.')
		case (r == '-' || r == '\u2212') && b.Len() == 0:
			b.WriteByte('-')
		case r == '+' && b.Len() == 0:
		default:
			return 0, invalid("is not a number", "write a number such as 3.5 or 18 000")
		}
	}
	clean := b.String()
	switch {
	case commas == 0:
	case commas == 1 && dots == 0:
		whole, frac, _ := strings.Cut(clean, ",")
		if style == decimalPoint && len(frac) == 3 && len(strings.TrimPrefix(whole, "-")) <= 3 {
			return 0, invalidf("is ambiguous: the comma may be a decimal comma or a thousands separator",
				"write %[1]s for thousands or %[2]s for a decimal", strings.Replace(clean, ",", "", 1), strings.Replace(clean, ",", ".", 1))
		}
		clean = whole + "." + frac
	default:
		return 0, invalid("is not a number", "write one decimal separator at most, such as 1234.5 or 1 234,5")
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, invalid("is not a number", "write a number such as 3.5 or 18 000")
	}
	return f, nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// parseInt reads a whole number; a number with a zero fraction (3.0, as a
// spreadsheet may store 3) is whole too.
func parseInt(s string, style numberStyle) (int64, *valueError) {
	t := strings.TrimSpace(s)
	if n, err := strconv.ParseInt(t, 10, 32); err == nil {
		return n, nil
	}
	f, verr := parseNumber(t, style)
	if verr != nil {
		return 0, invalid("is not a whole number", "write a whole number such as 3")
	}
	if f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, invalid("is not a whole number", "write a whole number such as 3")
	}
	return int64(f), nil
}

// Excel's serial dates count days from 1899-12-30 (the epoch that absorbs
// Lotus 1-2-3's false leap day of 1900). Serials between 1 and 2958465
// (9999-12-31) are dates; a date column of a CSV that lost its cell format
// holds them too.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a date: ISO 2025-03-12, with a time of day as Swedish
// systems write it (2025-03-12 14:00, 2025-03-12T14:00:00Z), an Excel
// serial, or the source's date_format.
func parseDate(s string, layout string) (time.Time, *valueError) {
	t := strings.TrimSpace(s)
	if layout != "" {
		if d, err := time.Parse(layout, t); err == nil {
			return dateOnly(d), nil
		}
		// A date-time such as Google Forms' 12/03/2025 14:03:11: the date.
		if day, clock, ok := strings.Cut(t, " "); ok && validTimeOfDay(" "+strings.TrimSpace(clock)) {
			if d, err := time.Parse(layout, day); err == nil {
				return dateOnly(d), nil
			}
		}
	}
	if len(t) >= 10 && t[4] == '-' && t[7] == '-' {
		if d, err := time.Parse(time.DateOnly, t[:10]); err == nil {
			rest := t[10:]
			if rest == "" || validTimeOfDay(rest) {
				return d, nil
			}
		} else {
			return time.Time{}, invalid("is not a date in the calendar", "check the month (01–12) and the day")
		}
	}
	if serial, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64); err == nil {
		if serial >= 1 && serial < 2958466 {
			days := math.Floor(serial)
			return excelEpoch.AddDate(0, 0, int(days)), nil
		}
	}
	// Without a date_format, a date written day and month first gets the
	// one that reads it.
	if dayFirst, monthFirst, ok := dateFormats(t); ok && layout == "" {
		return time.Time{}, dateOrder(dayFirst, monthFirst)
	}
	fix := "write it as YYYY-MM-DD, such as 2025-03-12"
	if strings.Count(t, "/") == 2 || strings.Count(t, ".") == 2 {
		fix += ", or say how the file writes dates with date_format: in the source entry (such as date_format: DD/MM/YYYY)"
	}
	return time.Time{}, invalid("is not a date", fix)
}

// dayMonthYear matches a date written day and month first, in either
// order (12/03/2025, 3.12.25), with a time of day or not: Google Forms
// writes its timestamps so, month first in English and day first in
// Swedish.
var dayMonthYear = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})(?:[ T].*)?$`)

// dateFormats returns the date_format of s read day first and read month
// first (D/M/YYYY, M/D/YYYY: one digit or two), with its separators and
// year, an empty one where that reading is no date; ok is false when s is
// not written so.
func dateFormats(s string) (dayFirst, monthFirst string, ok bool) {
	m := dayMonthYear.FindStringSubmatch(s)
	if m == nil || m[2] != m[4] {
		return "", "", false
	}
	first, _ := strconv.Atoi(m[1])
	second, _ := strconv.Atoi(m[3])
	year := strings.Repeat("Y", len(m[5]))
	if first >= 1 && first <= 31 && second >= 1 && second <= 12 {
		dayFirst = "D" + m[2] + "M" + m[4] + year
	}
	if first >= 1 && first <= 12 && second >= 1 && second <= 31 {
		monthFirst = "M" + m[2] + "D" + m[4] + year
	}
	return dayFirst, monthFirst, dayFirst != "" || monthFirst != ""
}

// dateOrder is the problem of a date whose order of day and month the
// file does not say: the date_format that reads it, or both when it reads
// either way (12/03/2025 is 12 March or 3 December).
func dateOrder(dayFirst, monthFirst string) *valueError {
	if dayFirst != "" && monthFirst != "" {
		return invalidf("may be day/month/year or month/day/year",
			"say which with date_format: in the source entry: %[1]s if the day comes first, %[2]s if the month does (as Google Forms in English writes dates), or write it as YYYY-MM-DD",
			dayFirst, monthFirst)
	}
	return invalidf("is not a date", "write it as YYYY-MM-DD, such as 2025-03-12, or say how the file writes dates with date_format: %[1]s in the source entry",
		dayFirst+monthFirst)
}

// validTimeOfDay accepts what may follow a date: " 14:00", " 14:00:00",
// "T14:00:00Z", "T14:00:00+01:00".
func validTimeOfDay(rest string) bool {
	if rest[0] != ' ' && rest[0] != 'T' {
		return false
	}
	clock := strings.TrimSpace(rest[1:])
	for _, layout := range []string{"15:04", "15:04:05", "15:04:05Z07:00", "15:04:05.999999999Z07:00", "15.04"} {
		if _, err := time.Parse(layout, clock); err == nil {
			return true
		}
	}
	return false
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// DateLayout turns a date_format as people write it (DD/MM/YYYY,
// D.M.YYYY, MM/DD/YY, YYYY-MM-DD hh:mm) into a Go time layout.
func DateLayout(format string) (string, error) {
	replacer := []struct{ token, layout string }{
		{"YYYY", "2006"}, {"YY", "06"}, {"MM", "01"}, {"M", "1"}, {"DD", "02"}, {"D", "2"},
		{"hh", "15"}, {"mm", "04"}, {"ss", "05"},
	}
	var out strings.Builder
	rest := format
	seen := map[string]bool{}
next:
	for rest != "" {
		for _, r := range replacer {
			if strings.HasPrefix(rest, r.token) {
				out.WriteString(r.layout)
				seen[r.token[:1]] = true
				rest = rest[len(r.token):]
				continue next
			}
		}
		c := rest[0]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			return "", fmt.Errorf("date_format %q: %q is not a part of a date; use YYYY, YY, MM, M, DD, D (and hh, mm, ss) with separators, such as DD/MM/YYYY", format, rest[:1])
		}
		out.WriteByte(c)
		rest = rest[1:]
	}
	if !seen["Y"] || !seen["M"] || !seen["D"] {
		return "", fmt.Errorf("date_format %q needs a year, a month and a day, such as DD/MM/YYYY", format)
	}
	return out.String(), nil
}

// parseBool reads a yes or no in Swedish or English. An empty cell is no:
// a checkbox column (x or empty) marks only the yes cells.
func parseBool(s string) (bool, *valueError) {
	switch fold(s) {
	case "ja", "j", "yes", "y", "true", "sant", "1", "x":
		return true, nil
	case "nej", "n", "no", "false", "falskt", "0", "":
		return false, nil
	}
	return false, invalid("is not a yes or no", "write ja or nej (yes/no, true/false, 1/0, or x for yes and an empty cell for no)")
}

// vocabulary maps the words people write for one closed list of values
// (case and accents folded) to the stored value.
type vocabulary struct {
	// problem says that a value is not one of the list: "is not a wave".
	problem string
	allowed []string
	words   map[string]string
}

func (v vocabulary) parse(s string) (string, *valueError) {
	key := fold(s)
	if stored, ok := v.words[key]; ok {
		return stored, nil
	}
	for _, a := range v.allowed {
		if key == fold(a) {
			return a, nil
		}
	}
	if near := impact.Nearest(key, v.allowed); near != "" {
		return "", invalidf(v.problem, "did you mean %[1]s? use one of %[2]s", near, strings.Join(v.allowed, ", "))
	}
	return "", invalidf(v.problem, "use one of %[1]s", strings.Join(v.allowed, ", "))
}

// foldWords folds the keys of a vocabulary's words, so that they may be
// written above as people write them.
func foldWords(v vocabulary) vocabulary {
	words := make(map[string]string, len(v.words))
	for k, stored := range v.words {
		words[fold(k)] = stored
	}
	v.words = words
	return v
}

var (
	genders = foldWords(vocabulary{problem: "is not a gender", allowed: impact.Genders, words: map[string]string{
		"kvinna": "female", "k": "female", "kvinnor": "female", "female": "female", "f": "female", "woman": "female", "w": "female", "tjej": "female", "flicka": "female",
		"man": "male", "m": "male", "male": "male", "kille": "male", "pojke": "male",
		"annat": "other", "annan": "other", "other": "other", "icke-binar": "other", "icke binar": "other", "ickebinar": "other", "non-binary": "other", "nonbinary": "other", "non binary": "other",
		"": "unknown", "vill ej uppge": "unknown", "vill inte uppge": "unknown", "uppger ej": "unknown", "okand": "unknown", "unknown": "unknown", "prefer not to say": "unknown", "-": "unknown",
	}})
	statuses = foldWords(vocabulary{problem: "is not a follow-up status", allowed: impact.FollowupStatuses, words: map[string]string{
		"arbete": "employed", "anstalld": "employed", "i arbete": "employed", "jobb": "employed", "har jobb": "employed", "arbetar": "employed", "jobbar": "employed", "har arbete": "employed", "employed": "employed", "work": "employed", "job": "employed",
		"studier": "studying", "studerar": "studying", "studie": "studying", "studies": "studying", "student": "studying", "utbildning": "studying", "studying": "studying",
		"praktik": "internship", "internship": "internship", "praktikant": "internship",
		"arbetssokande": "job_seeking", "arbetslos": "job_seeking", "soker jobb": "job_seeking", "soker arbete": "job_seeking", "job seeking": "job_seeking", "jobseeking": "job_seeking", "job_seeking": "job_seeking", "unemployed": "job_seeking",
		"inaktiv": "inactive", "inactive": "inactive",
		"annat": "other", "ovrigt": "other", "other": "other",
		"okand": "unknown", "vet ej": "unknown", "unknown": "unknown", "ej nadd": "unknown",
	}})
	waves = foldWords(vocabulary{problem: "is not a wave", allowed: impact.Waves, words: map[string]string{
		"fore": "pre", "innan": "pre", "baslinje": "pre", "before": "pre", "baseline": "pre", "matning 1": "pre",
		"efter": "post", "after": "post", "matning 2": "post",
		"uppfoljning": "followup", "follow-up": "followup", "follow up": "followup",
		"enstaka": "single", "en gang": "single", "once": "single",
	}})
	categories = foldWords(vocabulary{problem: "is not a cost category", allowed: impact.CostCategories, words: map[string]string{
		"personal": "staff", "lon": "staff", "loner": "staff", "arvode": "staff", "arvoden": "staff", "arbetstid": "staff", "tid": "staff",
		"lokal": "venue", "lokaler": "venue", "lokalhyra": "venue", "hyra": "venue",
		"material": "material", "materiel": "material", "forbrukning": "material", "tryck": "material", "trycksaker": "material",
		"resor": "travel", "resa": "travel", "transport": "travel",
		"fika": "catering", "mat": "catering", "fortaring": "catering", "lunch": "catering",
		"marknadsforing": "marketing", "annonsering": "marketing", "annonser": "marketing", "reklam": "marketing",
		"ovrigt": "other", "annat": "other",
	}})
	costKinds = foldWords(vocabulary{problem: "is not a kind of cost (budget or actual)", allowed: impact.CostKinds, words: map[string]string{
		"budget": "budget", "budgeterad": "budget", "plan": "budget", "planerad": "budget",
		"utfall": "actual", "faktisk": "actual", "faktiskt": "actual", "verklig": "actual", "bokford": "actual", "actual": "actual",
	}})
	eventKinds = foldWords(vocabulary{problem: "is not a kind of event", allowed: impact.EventKinds, words: map[string]string{
		"effektmatningsdag": "impact_day", "effektmatning": "impact_day", "impact day": "impact_day",
		"natverkstraff": "meetup", "traff": "meetup", "meetup": "meetup",
		"jobbmarknad": "job_market", "jobbmassa": "job_market", "job market": "job_market",
		"workshop": "workshop", "larandeworkshop": "workshop",
		"annat": "other", "ovrigt": "other",
	}})
)
