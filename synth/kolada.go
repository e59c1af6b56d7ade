package synth

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// koladaKPI is the key figure the example compares with. The figures below
// are invented for the example, not downloaded: they only have Kolada's shape.
const koladaKPI = "N00914"

// koladaFigures are the invented yearly figures per municipality, for total,
// women and men; NaN stands for a suppressed figure (null in the file).
var koladaFigures = []struct {
	municipality string
	year         int
	total, k, m  float64
}{
	{"2582", 2019, 11.2, 9.8, 12.5},
	{"2582", 2020, 14.6, nan, 16.1},
	{"2582", 2021, 12.9, 11.5, 14.2},
	{"2582", 2022, 10.4, 9.1, 11.6},
	{"2582", 2023, 10.9, 9.6, 12.1},
	{"2582", 2024, 12.3, 10.8, 13.7},
	{"0000", 2019, 8.1, 7.4, 8.8},
	{"0000", 2020, 10.9, 10.1, 11.7},
	{"0000", 2021, 9.7, 8.9, 10.5},
	{"0000", 2022, 7.8, 7.1, 8.5},
	{"0000", 2023, 8.4, 7.6, 9.1},
	{"0000", 2024, 9.2, 8.3, 10.0},
}

// nan marks a suppressed figure in koladaFigures.
var nan = math.NaN()

// koladaValue is one figure for one gender, as Kolada writes it.
type koladaValue struct {
	Gender string   `json:"gender"`
	Count  int      `json:"count"`
	Status string   `json:"status"`
	Value  *float64 `json:"value"`
}

// koladaRow is one municipality and year.
type koladaRow struct {
	KPI          string        `json:"kpi"`
	Municipality string        `json:"municipality"`
	Period       int           `json:"period"`
	Values       []koladaValue `json:"values"`
}

// koladaPage is Kolada's v3 envelope; next_url is null on the last page.
type koladaPage struct {
	Values  []koladaRow `json:"values"`
	Count   int         `json:"count"`
	NextURL *string     `json:"next_url"`
}

// writeKolada writes the figures as one page of Kolada's v3 API answer,
// compact as it is downloaded.
func writeKolada(path string) error {
	page := koladaPage{Values: make([]koladaRow, 0, len(koladaFigures))}
	for _, f := range koladaFigures {
		row := koladaRow{KPI: koladaKPI, Municipality: f.municipality, Period: f.year}
		for _, g := range []struct {
			gender string
			value  float64
		}{{"T", f.total}, {"K", f.k}, {"M", f.m}} {
			v := koladaValue{Gender: g.gender, Count: 1}
			if math.IsNaN(g.value) {
				v.Count = 0 // Kolada counts no underlying figure behind a suppressed one
			} else {
				v.Value = &g.value
			}
			row.Values = append(row.Values, v)
		}
		page.Values = append(page.Values, row)
	}
	page.Count = len(page.Values)
	data, err := json.Marshal(page)
	if err != nil {
		return fmt.Errorf("synth: kolada: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// koladaTitle is the key figure's title, invented like its figures; Kolada
// writes the unit at the end of a title.
const koladaTitle = "Invånare 20–25 år som varken arbetar eller studerar, andel (%)"

// writeKoladaMeta writes the key figure's metadata as Kolada's v3 answer to
// /v3/kpi/{id}, compact as it is downloaded.
func writeKoladaMeta(path string) error {
	type kpi struct {
		ID                string `json:"id"`
		Title             string `json:"title"`
		Description       string `json:"description"`
		IsDividedByGender bool   `json:"is_divided_by_gender"`
		MunicipalityType  string `json:"municipality_type"`
		OperatingArea     string `json:"operating_area"`
	}
	page := struct {
		Values  []kpi   `json:"values"`
		Count   int     `json:"count"`
		NextURL *string `json:"next_url"`
	}{Values: []kpi{{ID: koladaKPI, Title: koladaTitle, Description: "Påhittat för exemplet, liksom siffrorna.", IsDividedByGender: true, MunicipalityType: "K", OperatingArea: "Arbetsmarknad"}}, Count: 1}
	data, err := json.Marshal(page)
	if err != nil {
		return fmt.Errorf("synth: kolada metadata: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
