package ingest_test

import (
	"strings"
	"testing"

	"github.com/joiningforces/impact/ingest"
)

// TestKoladaRowsInTheProjectLanguage checks that the problems of a Kolada
// answer's rows are said wholly in the project's language, with the
// values as written (the period 2023, not 2 023).
func TestKoladaRowsInTheProjectLanguage(t *testing.T) {
	bad := `{"values":[{"kpi":"N00914","municipality":"2582","period":"20x3","values":[{"gender":"T","value":1}]},` +
		`{"kpi":"N00914","municipality":"2582","period":2023,"values":[{"gender":"Q","value":1}]}]}`
	for lang, want := range map[string][]string{
		"en": {`data/k.json:1: row 1: period "20x3" is not a year; Kolada periods are years such as 2023; correct the row, or download the answer again`,
			`data/k.json:2: row 2 (N00914, 2582, 2023): gender "Q" is not T, K or M (total, women, men); correct the row, or download the answer again`},
		"sv": {`data/k.json:1: rad 1: perioden "20x3" är inget år; perioder i Kolada är år som 2023; rätta raden, eller ladda ner svaret igen`,
			`data/k.json:2: rad 2 (N00914, 2582, 2023): könet "Q" är inte T, K eller M (totalt, kvinnor, män); rätta raden, eller ladda ner svaret igen`},
		"lv": {`data/k.json:1: 1. rinda: periods "20x3" nav gads; Kolada periodi ir gadi, piemēram, 2023; izlabojiet rindu vai lejupielādējiet atbildi vēlreiz`,
			`data/k.json:2: 2. rinda (N00914, 2582, 2023): dzimums "Q" nav T, K vai M (kopā, sievietes, vīrieši); izlabojiet rindu vai lejupielādējiet atbildi vēlreiz`},
	} {
		t.Run(lang, func(t *testing.T) {
			p := MustProject(t, "  - {file: data/k.json, kind: kpi}\n", map[string][]byte{"data/k.json": []byte(bad)})
			p.Info.Language = lang
			db := MustOpen(t, p)
			_, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{})
			if err == nil {
				t.Fatal("the answer was not refused")
			}
			for _, w := range want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the refusal lacks\n%s\n%s", w, err)
				}
			}
		})
	}
}
