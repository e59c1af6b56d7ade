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

// percent returns a share such as a confidence level as a percentage in
// lang's style, as the reports write one: "95 %" in Swedish, "95%" in
// English and Latvian, with a decimal only where it has one ("97,5 %").
func percent(lang string, share float64) string {
	decimals := 0
	if x := share * 100; math.Abs(x-math.Round(x)) > 1e-9 {
		decimals = 1
	}
	return i18n.Percent(lang, share, decimals)
}
