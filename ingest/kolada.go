package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// KoladaFigure is one key figure of a Kolada answer: one KPI, municipality,
// year and gender. A nil Value is a figure Kolada suppressed or lacks,
// never zero.
type KoladaFigure struct {
	// Row is the position in the file of the row (one municipality and
	// period) the figure belongs to, from 1. It stands in for a line
	// number: Kolada answers are often one line long.
	Row          int
	KPI          string
	Municipality string
	Period       int
	// Gender is T (total), K (women) or M (men), as Kolada writes it.
	Gender string
	Value  *float64
}

// koladaPage is either envelope of Kolada's answers: v2 has next_page,
// v3 next_url; both keep the rows in values.
type koladaPage struct {
	Values []json.RawMessage `json:"values"`
}

// koladaRow is one municipality and period with its figures per gender.
type koladaRow struct {
	KPI          string          `json:"kpi"`
	Municipality json.RawMessage `json:"municipality"`
	Period       json.RawMessage `json:"period"`
	Values       []struct {
		Gender string          `json:"gender"`
		Value  json.RawMessage `json:"value"`
	} `json:"values"`
}

// koladaMaxSize is the largest Kolada file read: answers are read whole,
// and a KPI for every municipality and year is far smaller than this.
const koladaMaxSize = 256 << 20

// readKoladaPages reads every page of a Kolada answer (one page, pages one
// after another, or a JSON array of pages) and returns their rows.
func readKoladaPages(r io.Reader) ([]json.RawMessage, error) {
	data, err := io.ReadAll(io.LimitReader(r, koladaMaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > koladaMaxSize {
		return nil, &structureError{what: "is larger than %[1]d MiB, too large for a Kolada answer; download fewer municipalities or years per file", args: []any{koladaMaxSize >> 20}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &structureError{what: "is empty; download the Kolada answer again"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var rows []json.RawMessage
	pages := 0
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &structureError{line: lineAt(data, dec.InputOffset()), what: "is not valid JSON after page %[1]d (%[2]s, line %[3]d); download the Kolada answer again, or check that the file was not cut off",
				args: []any{pages, jsonProblem(err), lineAt(data, dec.InputOffset())}}
		}
		pages++
		found, err := koladaRows(raw, pages)
		if err != nil {
			return nil, err
		}
		rows = append(rows, found...)
	}
	return rows, nil
}

// ParseKolada reads a file of Kolada API answers: one page in the v2
// envelope ({"values": […], "count": N, "next_page": …}) or the v3 one
// (with next_url), several such pages one after another (as a download
// script that appends each page writes them), or a JSON array of pages.
// period may be a number or a string; a null value is kept as nil. Each
// problem names the figure (its ordinal) and what to do.
func ParseKolada(r io.Reader) ([]KoladaFigure, error) {
	rows, err := readKoladaPages(r)
	if err != nil {
		return nil, err
	}
	var figures []KoladaFigure
	var problems []KoladaProblem
	for i, raw := range rows {
		var row koladaRow
		if err := json.Unmarshal(raw, &row); err != nil {
			problems = append(problems, koladaProblem(i+1, "row %[1]d is not a Kolada row (%[2]s); it needs kpi, municipality, period and values", i+1, jsonProblem(err)))
			continue
		}
		municipality, merr := jsonText(row.Municipality)
		period, perr := koladaPeriod(row.Period)
		switch {
		case strings.TrimSpace(row.KPI) == "":
			problems = append(problems, koladaProblem(i+1, "row %[1]d has no kpi; each row needs the KPI id, such as N00914", i+1))
			continue
		case merr != nil || strings.TrimSpace(municipality) == "":
			problems = append(problems, koladaProblem(i+1, "row %[1]d has no municipality code; each row needs one, such as \"2582\" (\"0000\" is the whole country)", i+1))
			continue
		case perr != nil:
			problems = append(problems, koladaProblem(i+1, "row %[1]d: %[2]v", i+1, perr))
			continue
		}
		for _, v := range row.Values {
			fig := KoladaFigure{
				Row: i + 1,
				KPI: strings.TrimSpace(row.KPI), Municipality: strings.TrimSpace(municipality), Period: period,
				Gender: strings.ToUpper(strings.TrimSpace(v.Gender)),
			}
			if fig.Gender != "" && fig.Gender != "T" && fig.Gender != "K" && fig.Gender != "M" {
				problems = append(problems, koladaProblem(i+1, "row %[1]d (%[2]s, %[3]s, %[4]s): gender %[5]q is not T, K or M (total, women, men)", i+1, fig.KPI, fig.Municipality, strconv.Itoa(fig.Period), v.Gender))
				continue
			}
			value, err := koladaValue(v.Value)
			if err != nil {
				problems = append(problems, koladaProblem(i+1, "row %[1]d (%[2]s, %[3]s, %[4]s, %[5]s): %[6]v", i+1, fig.KPI, fig.Municipality, strconv.Itoa(fig.Period), fig.Gender, err))
				continue
			}
			fig.Value = value
			figures = append(figures, fig)
		}
	}
	if len(problems) > 0 {
		return figures, &KoladaError{Problems: problems}
	}
	return figures, nil
}

// KoladaProblem is a row of a Kolada answer that cannot be read.
type KoladaProblem struct {
	// Row is the row's position in the file, from 1.
	Row int
	// What says what is wrong and what to do, naming the row.
	What string
	// format and args are What as the catalogue's key (the English
	// format) and its values, for in.
	format string
	args   []any
}

// koladaProblem is the problem of row, said by format with args.
func koladaProblem(row int, format string, args ...any) KoladaProblem {
	return KoladaProblem{Row: row, What: fmt.Sprintf(format, args...), format: format, args: args}
}

// valueError is the problem with fix, to be said in lang; a value that is
// itself a problem (a period or a figure that cannot be read) is said in
// lang already.
func (p KoladaProblem) valueError(lang, fix string) *valueError {
	if p.format == "" {
		return &valueError{problem: p.What, fix: fix}
	}
	args := make([]any, len(p.args))
	for i, a := range p.args {
		args[i] = a
		if err, ok := a.(error); ok {
			args[i] = sayIn(lang, err)
		}
	}
	return &valueError{problem: p.format, problemArgs: args, fix: fix}
}

// KoladaError lists every row of a Kolada answer that cannot be read.
// ParseKolada returns it beside the figures it could read.
type KoladaError struct{ Problems []KoladaProblem }

func (e *KoladaError) Error() string {
	what := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		what[i] = p.What
	}
	return strings.Join(what, "; ")
}

// koladaRows finds the rows of one JSON value: a page's values, or the
// rows of an array of pages; ordinal is the page's place in the file,
// for its problems.
func koladaRows(raw json.RawMessage, ordinal int) ([]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(raw)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		var page koladaPage
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &keys); err != nil {
			return nil, &structureError{what: "page %[1]d is not a JSON object (%[2]s)", args: []any{ordinal, jsonProblem(err)}}
		}
		if _, ok := keys["values"]; !ok {
			if _, isRow := keys["kpi"]; isRow {
				return []json.RawMessage{raw}, nil
			}
			// A key figure's metadata (/v3/kpi/{id}) may come bare.
			if _, isMeta := keys["title"]; isMeta {
				return []json.RawMessage{raw}, nil
			}
			return nil, &structureError{what: "page %[1]d has no \"values\"; a Kolada answer is {\"values\": [...], \"count\": N}, download it again from the Kolada API", args: []any{ordinal}}
		}
		if err := json.Unmarshal(trimmed, &page); err != nil {
			return nil, &structureError{what: "page %[1]d has values that are not a list of rows (%[2]s)", args: []any{ordinal, jsonProblem(err)}}
		}
		return page.Values, nil
	case len(trimmed) > 0 && trimmed[0] == '[':
		var list []json.RawMessage
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, &structureError{what: "page %[1]d is not a JSON list (%[2]s)", args: []any{ordinal, jsonProblem(err)}}
		}
		var rows []json.RawMessage
		for _, item := range list {
			found, err := koladaRows(item, ordinal)
			if err != nil {
				return nil, err
			}
			rows = append(rows, found...)
		}
		return rows, nil
	}
	return nil, &structureError{what: "page %[1]d is not a Kolada answer (a JSON object with \"values\"); download it again from the Kolada API", args: []any{ordinal}}
}

// koladaPeriod reads a period written as a number (2023) or a string ("2023").
func koladaPeriod(raw json.RawMessage) (int, error) {
	text, err := jsonText(raw)
	if err != nil || strings.TrimSpace(text) == "" {
		return 0, &structureError{what: "has no period; each row needs the year, such as 2023"}
	}
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 1900 || n > 2200 {
		return 0, &structureError{what: "period %[1]q is not a year; Kolada periods are years such as 2023", args: []any{text}}
	}
	return n, nil
}

// koladaValue reads a figure: a number, a numeric string, or null (nil).
func koladaValue(raw json.RawMessage) (*float64, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return nil, nil
	}
	text, err := jsonText(trimmed)
	if err != nil {
		return nil, &structureError{what: "value is not a number"}
	}
	f, verr := parseNumber(text, decimalPoint)
	if verr != nil || math.IsNaN(f) {
		return nil, &structureError{what: "value %[1]q is not a number; write a number or null for a missing figure", args: []any{text}}
	}
	return &f, nil
}

// jsonText returns a JSON string's text or a JSON number's digits.
func jsonText(raw json.RawMessage) (string, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return "", nil
	}
	if trimmed[0] == '"' {
		var s string
		err := json.Unmarshal(trimmed, &s)
		return s, err
	}
	var n json.Number
	if err := json.Unmarshal(trimmed, &n); err != nil {
		return "", err
	}
	return n.String(), nil
}

// jsonProblem words a JSON error for a person.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return syntax.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "it ends in the middle"
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return fmt.Sprintf("%s is a %s where it should not be", typeErr.Field, typeErr.Value)
	}
	return err.Error()
}

// lineAt is the line of a byte offset in data.
func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
