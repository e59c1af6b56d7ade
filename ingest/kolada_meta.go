package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// KoladaKPI is a key figure's metadata from Kolada's /v3/kpi/{id} (kind
// kpi_meta): its id, its title and the unit its title ends in.
type KoladaKPI struct {
	// Row is the key figure's position in the file, from 1.
	Row   int
	ID    string
	Title string
	// Unit is the last part of the title where it names a unit, as Kolada
	// writes them ("andel (%)", "antal", "kr/inv"); Kolada gives no unit
	// field of its own.
	Unit string
}

// koladaUnit finds a unit at the end of a Kolada title, after its last
// comma.
var koladaUnit = regexp.MustCompile(`(?i),\s*([^,]*(%|antal|andel|procent|kr|/inv|timmar|dagar|poäng)[^,]*)$`)

// ParseKoladaMeta reads Kolada's key figure metadata: a page of key
// figures ({"values": [{"id": "N00914", "title": …}, …]}), several pages,
// or one key figure alone. Each problem names the key figure's position.
func ParseKoladaMeta(r io.Reader) ([]KoladaKPI, error) {
	rows, err := readKoladaPages(r)
	if err != nil {
		return nil, err
	}
	var kpis []KoladaKPI
	var problems []KoladaProblem
	for i, raw := range rows {
		var row struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		if err := json.Unmarshal(raw, &row); err != nil {
			problems = append(problems, koladaProblem(i+1, "key figure %[1]d is not Kolada metadata (%[2]s); it needs id and title, as /v3/kpi/{id} gives them", i+1, jsonProblem(err)))
			continue
		}
		id, title := strings.TrimSpace(row.ID), strings.TrimSpace(row.Title)
		if id == "" || title == "" {
			problems = append(problems, koladaProblem(i+1, "key figure %[1]d has no id or no title; download its metadata again from /v3/kpi/{id}", i+1))
			continue
		}
		k := KoladaKPI{Row: i + 1, ID: id, Title: title}
		if m := koladaUnit.FindStringSubmatch(title); m != nil {
			k.Unit = strings.TrimSpace(m[1])
		}
		kpis = append(kpis, k)
	}
	if len(problems) > 0 {
		return kpis, &KoladaError{Problems: problems}
	}
	return kpis, nil
}

// loadKoladaMeta reads a file of Kolada key figure metadata into kpi_meta:
// one row per key figure, or, for one that cannot be read, its problem.
func (in *Ingester) loadKoladaMeta(ctx context.Context, abs string, facts fileFacts, res Result) (Result, error) {
	rel := res.File
	file, err := os.Open(abs)
	if err != nil {
		return res, impact.Errorf(impact.EINVALID, "%s: cannot open the file: %v", rel, err)
	}
	defer file.Close()
	kpis, err := ParseKoladaMeta(file)
	var kerr *KoladaError
	if err != nil && !errors.As(err, &kerr) {
		return res, refusedFile(rel, err, in.project.Info.Language)
	}
	type entry struct {
		kpi     *KoladaKPI
		problem KoladaProblem
	}
	byRow := map[int]entry{}
	for i := range kpis {
		byRow[kpis[i].Row] = entry{kpi: &kpis[i]}
	}
	if kerr != nil {
		for _, p := range kerr.Problems {
			byRow[p.Row] = entry{problem: p}
		}
	}
	order := make([]int, 0, len(byRow))
	for row := range byRow {
		order = append(order, row)
	}
	slices.Sort(order)
	produce := func(emit func(line, stored int, values []any), report func(problem), endLine func() bool) error {
		for _, row := range order {
			e := byRow[row]
			if e.kpi == nil {
				report(problem{line: row, err: e.problem.valueError(in.project.Info.Language, "download the metadata again from the Kolada API")})
				emit(row, 0, nil)
			} else {
				var unit any
				if e.kpi.Unit != "" {
					unit = e.kpi.Unit
				}
				emit(row, 1, []any{e.kpi.ID, e.kpi.Title, unit})
			}
			if !endLine() {
				return errStopped
			}
		}
		return nil
	}
	return in.run(ctx, len(store.Tables["kpi_meta"]), facts, format{total: -1}, produce, res, nil)
}
