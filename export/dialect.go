// Package export writes the store's tables for people who open them in a
// spreadsheet: CSV in the dialect of the project's language, and one Excel
// workbook with a sheet per table and the goal table first.
package export

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/joiningforces/impact/i18n"
)

// Dialect is how a CSV file separates its fields and writes a decimal.
type Dialect struct {
	// Name is what --csv-dialect calls it.
	Name string
	// Comma separates the fields.
	Comma rune
	// Decimal is the decimal mark of a number.
	Decimal string
	// BOM starts the file with UTF-8's byte-order mark, by which Excel
	// knows the file is UTF-8 and keeps å, ä, ö and ā, č, ē whole.
	BOM bool
	// GuardFormulas writes a text that starts like a formula (=, +, -, @,
	// a tab or a carriage return) after an apostrophe, so that a
	// spreadsheet shows it as text instead of running it: a participant's
	// answer or a file's note must never become a formula in the
	// officer's Excel. The plain dialect, read by programs, keeps every
	// text exactly as stored.
	GuardFormulas bool
}

// The dialects of --csv-dialect.
var (
	// Plain is RFC 4180: commas and a decimal point, no byte-order mark,
	// for R, Python and DuckDB.
	Plain = Dialect{Name: "plain", Comma: ',', Decimal: ".", BOM: false}
	// Semicolon is what Excel reads in a language that writes a decimal
	// comma (Swedish, Latvian): semicolons, decimal commas and a BOM.
	Semicolon = Dialect{Name: "semicolon", Comma: ';', Decimal: ",", BOM: true, GuardFormulas: true}
)

// DialectOf returns the dialect --csv-dialect names, or the language's
// when name is empty: Semicolon for sv and lv, Plain otherwise.
func DialectOf(name, lang string) (Dialect, error) {
	switch strings.ToLower(name) {
	case "":
		// Excel in a language of the decimal comma reads ; as the separator.
		if i18n.DecimalMark(lang) == "," {
			return Semicolon, nil
		}
		return Plain, nil
	case Plain.Name:
		return Plain, nil
	case Semicolon.Name:
		return Semicolon, nil
	}
	return Dialect{}, fmt.Errorf("--csv-dialect %q is not known; use plain (commas, decimal point) or semicolon (Excel in Swedish or Latvian)", name)
}

// Cell writes one value of the store as text in the dialect: a number with
// its decimal mark and every digit it has, a day as YYYY-MM-DD, a moment
// as YYYY-MM-DD HH:MM:SS in UTC, NULL as an empty field.
func (d Dialect) Cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		if d.GuardFormulas && v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			return "'" + v
		}
		return v
	case float64:
		return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", d.Decimal, 1)
	case float32:
		return d.Cell(float64(v))
	case time.Time:
		return formatTime(v)
	case bool:
		return strconv.FormatBool(v)
	case []byte:
		return string(v)
	}
	return fmt.Sprint(v)
}

// isDay tells whether t is a calendar day, as a DATE column holds.
func isDay(t time.Time) bool {
	t = t.UTC()
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

func formatTime(t time.Time) string {
	if isDay(t) {
		return t.UTC().Format(time.DateOnly)
	}
	return t.UTC().Format(time.DateTime)
}
