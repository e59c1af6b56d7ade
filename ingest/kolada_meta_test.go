package ingest_test

import (
	"strings"
	"testing"

	"github.com/joiningforces/impact/ingest"
)

// koladaMeta is Kolada's answer to /v3/kpi/N00914,N00920 in its envelope,
// with fields the engine does not read.
const koladaMeta = `{"count": 2, "values": [
 {"id": "N00914", "title": "Invånare 20–25 år som varken arbetar eller studerar, andel (%)", "description": "…", "is_divided_by_gender": true, "municipality_type": "K", "operating_area": "Arbetsmarknad"},
 {"id": "N00920", "title": "Kostnad för ekonomiskt bistånd, kr/inv", "municipality_type": "K"}
]}`

// TestKoladaMeta loads the titles and units of key figures (kind
// kpi_meta): from the envelope or a key figure alone, the unit from the
// title's end, and every row that cannot be read refused with its position.
func TestKoladaMeta(t *testing.T) {
	t.Run("ingest", func(t *testing.T) {
		p := MustProject(t, "  - {file: data/kolada-meta.json, kind: kpi_meta}\n", map[string][]byte{"data/kolada-meta.json": []byte(koladaMeta)})
		db := MustOpen(t, p)
		res := MustIngest(t, p, db)
		if res[0].Loaded != 2 || res[0].Format != "Kolada JSON" {
			t.Fatalf("result %+v, want 2 rows of Kolada JSON", res[0])
		}
		dump := MustDump(t, db)
		for _, want := range []string{
			`"N00914"	"Invånare 20–25 år som varken arbetar eller studerar, andel (%)"	"andel (%)"	1	1`,
			`"N00920"	"Kostnad för ekonomiskt bistånd, kr/inv"	"kr/inv"	1	2`,
		} {
			if !strings.Contains(dump, want) {
				t.Errorf("the store lacks %q:\n%s", want, dump)
			}
		}
	})
	t.Run("alone", func(t *testing.T) {
		kpis, err := ingest.ParseKoladaMeta(strings.NewReader(`{"id": "N00914", "title": "Andel unga i arbete"}`))
		if err != nil || len(kpis) != 1 || kpis[0].ID != "N00914" || kpis[0].Unit != "" {
			t.Fatalf("ParseKoladaMeta = %+v, %v; want N00914 without a unit", kpis, err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		bad := `{"values": [{"id": "N00914", "title": "Andel"}, {"id": "N00920"}]}`
		p := MustProject(t, "  - {file: data/meta.json, kind: kpi_meta}\n", map[string][]byte{"data/meta.json": []byte(bad)})
		db := MustOpen(t, p)
		_, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{})
		if err == nil || !strings.Contains(err.Error(), "nyckeltal 2 saknar id eller title") { // the project speaks Swedish
			t.Fatalf("err = %v, want the second key figure refused", err)
		}
		if dump := MustDump(t, db); strings.Contains(dump, "N00914") {
			t.Errorf("a refused file left rows in the store:\n%s", dump)
		}
	})
}
