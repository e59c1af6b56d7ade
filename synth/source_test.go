package synth_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// canonical lists each kind's canonical columns (data-files.md); items of
// instruments are added for responses.
var canonical = map[string][]string{
	"participants": {"participant", "target_group", "gender", "birth_year", "cohort", "start_date"},
	"attendance":   {"participant", "event", "event_kind", "date", "role", "new_contacts"},
	"responses": {"participant", "event", "date", "wave",
		"swemwbs_1", "swemwbs_2", "swemwbs_3", "swemwbs_4", "swemwbs_5", "swemwbs_6", "swemwbs_7",
		"jt1", "jt2", "jt3", "jt4"},
	"jobmarket": {"participant", "event", "date", "employer", "interview", "offer", "hired"},
	"followups": {"participant", "date", "months_after", "status"},
	"costs":     {"date", "activity", "partner", "category", "hours", "rate", "amount", "kind"},
}

// required lists each kind's required columns, which a file must have
// unless the source entry's event supplies them.
var required = map[string][]string{
	"participants": {"participant"},
	"attendance":   {"participant", "event", "event_kind", "date"},
	"responses":    {"participant", "wave"},
	"jobmarket":    {"participant", "event", "date"},
	"followups":    {"participant", "date", "status"},
	"costs":        {"kind"},
}

// synonyms are the Swedish header synonyms data-files.md names. The example
// may rely on no others: every other header is mapped by `columns:`.
var synonyms = map[string]string{
	"deltagare": "participant", "deltagar-id": "participant", "datum": "date",
	"kön": "gender", "målgrupp": "target_group", "arbetsgivare": "employer",
	"anställd": "hired", "belopp": "amount", "kostnad": "amount", "timmar": "hours",
}

// rawTable is a data file as text: its header and its rows.
type rawTable struct {
	header []string
	rows   [][]string
}

// readCSV reads a delimited file the way ingest is specified to: Windows-1252
// when the bytes are not UTF-8, a BOM dropped, the separator detected.
func readCSV(t *testing.T, path string) rawTable {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ','
	for _, sep := range []rune{';', '\t'} {
		if bytes.Count(first, []byte(string(sep))) > bytes.Count(first, []byte(string(r.Comma))) {
			r.Comma = sep
		}
	}
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rawTable{header: records[0], rows: records[1:]}
}

// readXLSX reads the first sheet of a workbook as text.
func readXLSX(t *testing.T, path string) rawTable {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rawTable{header: rows[0], rows: rows[1:]}
}

// readSource reads one source entry's file into rows keyed by canonical
// column, with the entry's event and wave filled in, and fails the test
// when a header cannot be resolved or a required column is missing.
func readSource(t *testing.T, dir string, p *projectFile, s source) []map[string]string {
	t.Helper()
	path := filepath.Join(dir, s.File)
	var raw rawTable
	if strings.HasSuffix(s.File, ".xlsx") {
		raw = readXLSX(t, path)
	} else {
		raw = readCSV(t, path)
	}
	names := make([]string, len(raw.header))
	have := map[string]bool{}
	for i, h := range raw.header {
		name, ok := s.Columns[h]
		if !ok {
			key := strings.ToLower(strings.TrimSpace(h))
			if unit := strings.LastIndex(key, " ("); unit > 0 && strings.HasSuffix(key, ")") {
				key = key[:unit] // a unit in the header is set aside
			}
			name, ok = synonyms[key]
			if !ok && slices.Contains(canonical[s.Kind], key) {
				name, ok = key, true
			}
		}
		if !ok {
			name, ok = exportHeader(p, s.Kind, h)
		}
		if !ok {
			t.Errorf("%s: header %q is neither canonical, a synonym of the spec, nor mapped by columns", s.File, h)
			continue
		}
		if attributes[name] && s.Kind != "participants" {
			// A participant attribute on a list is for the register.
			name = "drop"
		}
		if name != "drop" && !slices.Contains(canonical[s.Kind], name) {
			t.Errorf("%s: header %q maps to %q, not a column of %s", s.File, h, name, s.Kind)
		}
		names[i] = name
		have[name] = true
	}
	extra := map[string]string{}
	if s.Event != nil {
		extra["event"], extra["event_kind"], extra["date"] = s.Event.ID, s.Event.Kind, s.Event.Date
	}
	if s.Wave != "" {
		extra["wave"] = s.Wave
	}
	for _, col := range required[s.Kind] {
		if !have[col] && extra[col] == "" {
			t.Errorf("%s: no column %s, which %s requires", s.File, col, s.Kind)
		}
	}
	rows := make([]map[string]string, 0, len(raw.rows))
	labels := answerLabels(p)
	for _, rec := range raw.rows {
		if len(rec) > 0 && totalWords[strings.ToLower(strings.TrimSuffix(strings.TrimSpace(rec[0]), ":"))] {
			continue // a summary row is not data
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // a blank row
		}
		row := map[string]string{}
		for k, v := range extra {
			row[k] = v
		}
		for i, v := range rec {
			if i < len(names) && names[i] != "" && names[i] != "drop" {
				if n, isLabel := labels[names[i]][v]; isLabel {
					v = n
				}
				switch names[i] {
				case "activity":
					v = activityID(p, v)
				case "kind":
					v = map[string]string{"utfall": "actual", "budget": "budget"}[strings.ToLower(v)]
				}
				row[names[i]] = v
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// What exports.md adds, read here independently of ingest: the survey
// tools' columns, questions by their text, answers by their labels, totals
// rows, participant attributes on lists and activities by name.
var (
	// formsOwn are Microsoft Forms' own columns, dropped.
	formsOwn = []string{"ID", "Starttid", "Sluttid", "E-post", "Namn"}
	// swemwbsStatements are the built-in SWEMWBS statements, in Swedish.
	swemwbsStatements = []string{
		"Jag har känt mig optimistisk inför framtiden", "Jag har känt mig användbar", "Jag har känt mig avslappnad",
		"Jag har hanterat problem bra", "Jag har tänkt klart", "Jag har känt mig nära andra människor",
		"Jag har kunnat bestämma mig i olika frågor",
	}
	swemwbsLabels = []string{"Aldrig", "Sällan", "Ibland", "Ofta", "Hela tiden"}
	totalWords    = map[string]bool{"summa": true, "totalt": true, "total": true, "sum": true}
	attributes    = map[string]bool{"gender": true, "target_group": true, "birth_year": true, "cohort": true}
)

// exportHeader resolves a header the spec reads without a columns: entry.
func exportHeader(p *projectFile, kind, h string) (string, bool) {
	if kind != "responses" {
		return "", false
	}
	if slices.Contains(formsOwn, h) {
		return "drop", true
	}
	if strings.Contains(strings.ToLower(h), "deltagar-id") {
		return "participant", true
	}
	if k := slices.Index(swemwbsStatements, h); k >= 0 {
		return "swemwbs_" + strconv.Itoa(k+1), true
	}
	for _, in := range p.Instruments {
		for _, it := range in.Items {
			if it.Text["sv"] == h {
				return it.ID, true
			}
		}
	}
	return "", false
}

// answerLabels maps, for each item, its answers' words to their numbers.
func answerLabels(p *projectFile) map[string]map[string]string {
	out := map[string]map[string]string{}
	swemwbs := map[string]string{}
	for k, l := range swemwbsLabels {
		swemwbs[l] = strconv.Itoa(k + 1)
	}
	for k := 1; k <= 7; k++ {
		out["swemwbs_"+strconv.Itoa(k)] = swemwbs
	}
	for _, in := range p.Instruments {
		words := map[string]string{}
		for v, ws := range in.Labels {
			for _, w := range ws {
				words[w] = strconv.Itoa(v)
			}
		}
		for _, it := range in.Items {
			if len(words) > 0 {
				out[it.ID] = words
			}
		}
	}
	return out
}

// activityID turns an activity named as the cost sheet names it into its id.
func activityID(p *projectFile, name string) string {
	for _, n := range p.Theory.Nodes {
		if n.Level == "activity" && (n.Name == name || n.ID == name) {
			return n.ID
		}
	}
	return name
}
