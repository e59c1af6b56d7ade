package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/joiningforces/impact/store"
)

// storedRows reads every table of the example's store as database/sql
// gives its values: what an export must give back.
func storedRows(t *testing.T, dir string) map[string][][]any {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(dir, ".impact", "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := map[string][][]any{}
	for _, table := range store.StoredTables() {
		var rows [][]any
		err := db.ScanTable(context.Background(), table, func([]string) error { return nil }, func(values []any) error {
			rows = append(rows, append([]any(nil), values...))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		tables[table] = rows
	}
	return tables
}

// sameValue tells whether the text Excel would read back (decimal mark
// dec) is the stored value v.
func sameValue(t *testing.T, v any, field, dec string) bool {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return field == ""
	case string:
		return field == v
	case float64:
		x, err := strconv.ParseFloat(strings.Replace(field, dec, ".", 1), 64)
		return err == nil && x == v
	case time.Time:
		layout := time.DateOnly
		if len(field) > len(layout) {
			layout = time.DateTime
		}
		d, err := time.Parse(layout, field)
		return err == nil && d.Equal(v.UTC())
	case bool:
		b, err := strconv.ParseBool(field)
		return err == nil && b == v
	case int32, int64, int, int16, int8, uint8, uint16, uint32, uint64:
		return field == fmt.Sprint(v)
	}
	t.Fatalf("a stored value of type %T", v)
	return false
}

// TestExportCSVForExcel exports the Swedish example as CSV and reads each
// file back as Swedish Excel does: a UTF-8 byte-order mark, semicolons and
// decimal commas. Every field gives the stored value.
func TestExportCSVForExcel(t *testing.T) {
	dir := exampleProject(t)
	MustRun(t, dir, "ingest")
	out := filepath.Join(t.TempDir(), "export")
	MustRun(t, dir, "export", "--format", "csv", "--out", out)
	stored := storedRows(t, dir)
	fields := 0
	for table, rows := range stored {
		data, err := os.ReadFile(filepath.Join(out, table+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		text, ok := bytes.CutPrefix(data, []byte("\uFEFF"))
		if !ok {
			t.Fatalf("%s.csv has no UTF-8 byte-order mark", table)
		}
		r := csv.NewReader(bytes.NewReader(text))
		r.Comma = ';'
		records, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s.csv: %v", table, err)
		}
		if got, want := len(records), len(rows)+1; got != want {
			t.Fatalf("%s.csv has %d records, want the header and %d rows", table, got, len(rows))
		}
		for i, row := range rows {
			for j, v := range row {
				if !sameValue(t, v, records[i+1][j], ",") {
					t.Errorf("%s.csv row %d column %s: %q, stored %#v", table, i+1, records[0][j], records[i+1][j], v)
				}
				fields++
			}
		}
	}
	if fields < 1000 {
		t.Fatalf("compared %d fields; the example holds thousands", fields)
	}
	// A decimal comma is in the file, and Swedish letters whole.
	responses, _ := os.ReadFile(filepath.Join(out, "kpi.csv"))
	if !strings.Contains(string(responses), ",") {
		t.Errorf("kpi.csv has no decimal comma:\n%.300s", responses)
	}
	meta, _ := os.ReadFile(filepath.Join(out, "kpi_meta.csv"))
	if !strings.ContainsAny(string(meta), "åäöÅÄÖ") {
		t.Errorf("kpi_meta.csv lost its Swedish letters:\n%.300s", meta)
	}

	// --csv-dialect plain is RFC 4180 with a point, no BOM.
	plain := filepath.Join(t.TempDir(), "plain")
	MustRun(t, dir, "export", "--format", "csv", "--csv-dialect", "plain", "--out", plain)
	data, err := os.ReadFile(filepath.Join(plain, "kpi.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Error("the plain dialect wrote a byte-order mark")
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range stored["kpi"] {
		for j, v := range row {
			if !sameValue(t, v, records[i+1][j], ".") {
				t.Errorf("plain kpi.csv row %d column %s: %q, stored %#v", i+1, records[0][j], records[i+1][j], v)
			}
		}
	}
	r := run(t, dir, "export", "--format", "csv", "--csv-dialect", "tabs", "--lang", "en")
	if r.code != 2 || !strings.Contains(r.stderr, `--csv-dialect "tabs" is not known`) {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

// TestExportXLSX opens the workbook with excelize: the goal table is the
// first sheet, with the evaluation's figures as numbers, and every other
// sheet holds a table's stored values, numbers as numbers and days as dates.
func TestExportXLSX(t *testing.T) {
	dir := exampleProject(t)
	MustRun(t, dir, "ingest")
	out := filepath.Join(t.TempDir(), "export")
	MustRun(t, dir, "export", "--format", "xlsx", "--out", out)
	f, err := excelize.OpenFile(filepath.Join(out, "impact.xlsx"), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stored := storedRows(t, dir)
	sheets := f.GetSheetList()
	if got, want := len(sheets), len(stored)+1; got != want {
		t.Fatalf("the workbook has sheets %v, want the goals and %d tables", sheets, len(stored))
	}
	if sheets[0] != "mål" {
		t.Errorf("the first sheet is %q, want the goal table, mål", sheets[0])
	}

	// The goals: the same figures as impact evaluate --json.
	var ev struct {
		Indicators []struct {
			ID         string   `json:"id"`
			Estimate   *float64 `json:"estimate"`
			Suppressed bool     `json:"suppressed"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(MustRun(t, dir, "evaluate", "--json").stdout), &ev); err != nil {
		t.Fatal(err)
	}
	goals, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(goals), len(ev.Indicators)+1; got != want {
		t.Fatalf("the goal sheet has %d rows, want %d", got, want)
	}
	if goals[0][0] != "Indikator" {
		t.Errorf("the goal sheet's header is %v, want Swedish", goals[0])
	}
	for i, r := range ev.Indicators {
		row := goals[i+1]
		if row[0] != r.ID {
			t.Errorf("goal row %d is %s, want %s", i+1, row[0], r.ID)
		}
		if r.Estimate == nil || r.Suppressed {
			continue
		}
		x, err := strconv.ParseFloat(row[3], 64)
		if err != nil || math.Abs(x-*r.Estimate) > 1e-12 {
			t.Errorf("goal %s: estimate %q, want %v", r.ID, row[3], *r.Estimate)
		}
	}

	fields := 0
	for table, rows := range stored {
		got, err := f.GetRows(table, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(rows)+1 {
			t.Fatalf("sheet %s has %d rows, want the header and %d", table, len(got), len(rows))
		}
		for i, row := range rows {
			for j, v := range row {
				cell := ""
				if j < len(got[i+1]) {
					cell = got[i+1][j]
				}
				if !sameCell(t, v, cell) {
					t.Errorf("sheet %s row %d column %s: %q, stored %#v", table, i+1, got[0][j], cell, v)
				}
				fields++
			}
		}
	}
	if fields < 1000 {
		t.Fatalf("compared %d cells; the example holds thousands", fields)
	}
}

// sameCell tells whether a raw cell of the workbook is the stored value v:
// a day is Excel's serial number, a number its shortest decimal.
func sameCell(t *testing.T, v any, cell string) bool {
	t.Helper()
	switch v := v.(type) {
	case time.Time:
		serial, err := strconv.ParseFloat(cell, 64)
		if err != nil {
			return false
		}
		d, err := excelize.ExcelDateToTime(serial, false)
		return err == nil && d.Sub(v.UTC()).Abs() < time.Second
	case bool:
		return cell == map[bool]string{true: "1", false: "0"}[v] || strings.EqualFold(cell, strconv.FormatBool(v))
	}
	return sameValue(t, v, cell, ".")
}
