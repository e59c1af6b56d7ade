package smart

import (
	"fmt"
	"github.com/joiningforces/impact/i18n"
	"math"
	"strconv"
	"strings"
)

// message fills the catalogue entry key of lang with args. A key missing
// from the catalogue is a bug that the catalogue test catches; it is shown
// rather than hidden.
func message(lang, key string, args ...any) string {
	if !i18n.Has(i18n.Lint, lang, key) {
		return key + fmt.Sprint(args...)
	}
	return i18n.Sprintf(i18n.Lint, lang, key, args...)
}

// written returns x as it would be written in the project file, so that a
// message quotes the user's own value.
func written(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// figure returns a computed figure with the given number of decimals in the
// style of lang: Swedish and Latvian write a decimal comma.
func figure(lang string, x float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', decimals, 64), ".", i18n.DecimalMark(lang), 1)
}

// percent returns a confidence level such as 0.95 as "95" (or "97,5").
func percent(lang string, conf float64) string {
	x := math.Round(conf*1000) / 10
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", i18n.DecimalMark(lang), 1)
}
