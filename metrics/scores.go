package metrics

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/joiningforces/impact"
)

// SWEMWBSCopyright is the line that every report using the built-in
// SWEMWBS instrument carries.
const SWEMWBSCopyright = "© NHS Health Scotland, University of Warwick and University of Edinburgh, 2008"

// swemwbsMetric is the published conversion of the SWEMWBS raw score (the
// sum of its 7 items, 7 to 35) to the metric score, indexed by raw − 7.
var swemwbsMetric = [29]float64{
	7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
	16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
	24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00,
}

// SWEMWBSMetric converts a SWEMWBS raw score (7 to 35) to its metric
// score; ok is false for any other raw score.
func SWEMWBSMetric(raw int) (metric float64, ok bool) {
	if raw < 7 || raw > 35 {
		return 0, false
	}
	return swemwbsMetric[raw-7], true
}

// Instrument scores are computed once for every indicator that uses them,
// in a pipeline of shared common table expressions:
//
//   - resp_lines: the answers grouped by (source, line), on integer keys so
//     that the 7 to 11 answers of one row of a wide survey file are one
//     response; per scoring (an instrument under one where filter) how many
//     of its items the line holds, which ones (a bit mask), how many are
//     answered and their sum after reverse coding.
//   - resp_all: the complete lines as they are, and the others (the answers
//     of a long-form file, one per line) regrouped by source, participant,
//     wave and date (and event, when a series needs it) into one response
//     each.
//   - respondents: per participant and, for each scoring, each wave asked
//     for, the score of the participant's latest response there (by date,
//     then source id and line), with its date and event.
//   - respondents_p: the same with the participant's target group and
//     dimensions from the register.
//
// A response has a score when it holds each of the instrument's items
// exactly once and every one is answered; otherwise it has none, and an
// earlier response does not stand in for it. Reverse-coded items count as
// min + max − value. A score is the sum or the mean of the items; the
// built-in SWEMWBS converts its raw sum to the metric score, and a raw sum
// that is not a whole number from 7 to 35 has no score.

// scoring is one instrument scored under one where filter: a set of
// columns of the respondents relation.
type scoring struct {
	index  int
	in     *impact.Instrument
	filter string
	// waves lists the waves asked for; "" stands for the latest response
	// in any wave.
	waves []string
}

// maxMaskItems is the most items whose presence a bit mask can track.
const maxMaskItems = 62

// scoring returns the scoring of the measure's instrument under its where
// filter (all but score), registering it and the waves asked for.
func (e *evaluator) scoring(m *impact.Measure, waves []string, where string) (*scoring, error) {
	in, ok := e.p.Instrument(m.Instrument)
	if !ok {
		return nil, e.invalid(m.Pos, "%s.instrument: no instrument %q; define it under instruments:", where, m.Instrument)
	}
	if len(in.Items) == 0 {
		return nil, e.invalid(in.Pos, "instrument %s lists no items; add items: with the column names of its questions", in.ID)
	}
	if len(in.Items) > maxMaskItems {
		return nil, e.invalid(in.Pos, "instrument %s has %d items; impact scores at most %d, so split it", in.ID, len(in.Items), maxMaskItems)
	}
	switch in.Score {
	case "sum", "mean", "swemwbs", "":
	default:
		return nil, e.invalid(in.Pos, "instrument %s: score %q is not known; use sum or mean", in.ID, in.Score)
	}
	filter, err := e.filterSQL("responses", "r", m.Where, []string{"score"}, where+".where")
	if err != nil {
		return nil, err
	}
	var s *scoring
	for _, have := range e.scorings {
		if have.in == in && have.filter == filter {
			s = have
		}
	}
	if s == nil {
		s = &scoring{index: len(e.scorings), in: in, filter: filter}
		e.scorings = append(e.scorings, s)
	}
	for _, w := range waves {
		if !slices.Contains(s.waves, w) {
			s.waves = append(s.waves, w)
		}
	}
	return s, nil
}

// column returns the name of a respondents column of the scoring: "s" for
// the score, "d" for its date, "e" for its event, in the wave ("" for the
// latest in any wave).
func (s *scoring) column(what, wave string) string {
	if wave == "" {
		wave = "any"
	}
	return sqlIdent(fmt.Sprintf("%s%d_%s", what, s.index, wave))
}

// items returns the instrument's items as an SQL list.
func (s *scoring) items() string {
	list := make([]string, len(s.in.Items))
	for i, item := range s.in.Items {
		list[i] = sqlString(item)
	}
	return "[" + strings.Join(list, ", ") + "]"
}

// maxPacked is the most scorings whose item counts share one packed
// number (8 bits each).
const maxPacked = 8

// scoringSQL holds the SQL of one scoring in the pipeline: its aggregates
// per line, how lines are merged, and expressions over a line or response
// for the number of its items (n), which ones (m, a bit mask), whether all
// are answered, and the sum after reverse coding (t).
type scoringSQL struct {
	line, merged, plain  []string
	n, m, answered, t    string
	size                 int
	complete, incomplete string
}

// respondentCTEs returns the shared pipeline that scores every registered
// scoring, ending in respondents_p; nil when no indicator scores anything.
//
// Most scorings share their work: their items get one position each in a
// single list, and per line one packed count (8 bits per scoring), one mask
// of the items present and one of those answered stand for all of them.
// A scoring whose items another one already uses, or that has a where
// filter of its own, or that does not fit the packed numbers, has its own
// count, mask and answered count instead.
func (e *evaluator) respondentCTEs() []string {
	if len(e.scorings) == 0 {
		return nil
	}
	date := e.dateExpr("responses", "r")
	// Waves travel as their position in a list, a small number: grouping
	// carries text slowly.
	waves := slices.Clone(impact.Waves)
	for _, s := range e.scorings {
		for _, w := range s.waves {
			if w != "" && !slices.Contains(waves, w) {
				waves = append(waves, w)
			}
		}
	}
	waveList := make([]string, len(waves))
	for i, w := range waves {
		waveList[i] = sqlString(w)
	}
	var packedItems []string
	var packedShifts []string
	packed := 0
	var positions, allItems, lineAggregates, allPlain, allMerged, incomplete, respondents, decoded []string
	parts := make([]scoringSQL, len(e.scorings))
	for i, s := range e.scorings {
		k := strconv.Itoa(s.index)
		size := len(s.in.Items)
		full := strconv.FormatInt(int64(1)<<size-1, 10)
		part := &parts[i]
		part.size = size
		for _, item := range s.in.Items {
			if !slices.Contains(allItems, sqlString(item)) {
				allItems = append(allItems, sqlString(item))
			}
		}
		shared := s.filter == "TRUE" && packed < maxPacked && len(packedItems)+size <= maxMaskItems
		for _, item := range s.in.Items {
			if slices.Contains(packedItems, sqlString(item)) {
				shared = false
			}
		}
		reverse := func(position string, offset int) string {
			if len(s.in.Reverse) == 0 {
				return "value"
			}
			var at []string
			for _, item := range s.in.Reverse {
				at = append(at, strconv.Itoa(slices.Index(s.in.Items, item)+1+offset))
			}
			flip := strconv.FormatFloat(s.in.Scale.Min+s.in.Scale.Max, 'g', -1, 64)
			return "CASE WHEN " + position + " IN (" + strings.Join(at, ", ") + ") THEN CAST(" + flip + " AS DOUBLE) - value ELSE value END"
		}
		if shared {
			lo := len(packedItems) + 1
			for _, item := range s.in.Items {
				packedItems = append(packedItems, sqlString(item))
				packedShifts = append(packedShifts, strconv.FormatInt(int64(1)<<(8*packed), 10))
			}
			hi := len(packedItems)
			part.line = []string{"sum(CASE WHEN pos BETWEEN " + strconv.Itoa(lo) + " AND " + strconv.Itoa(hi) + " THEN " + reverse("pos", lo-1) + " END) AS t" + k}
			part.plain = []string{"t" + k}
			part.merged = []string{"sum(t" + k + ")"}
			shift := strconv.Itoa(lo - 1)
			part.n = "((cnt >> " + strconv.Itoa(8*packed) + ") & 255)"
			part.m = "((bits >> " + shift + ") & " + full + ")"
			part.answered = "((abits >> " + shift + ") & " + full + ") = " + full
			packed++
		} else {
			// The item's position in the instrument (1-based), NULL for an
			// answer that is not one of its items or fails the filter.
			p := "p" + k
			position := "nullif(list_position(" + s.items() + ", r.item), 0)"
			if s.filter != "TRUE" {
				position = "CASE WHEN " + s.filter + " THEN " + position + " END"
			}
			positions = append(positions, position+" AS "+p)
			part.line = []string{
				"count(" + p + ") AS n" + k,
				"bit_or(CAST(1 AS BIGINT) << (" + p + " - 1)) AS m" + k,
				"count(CASE WHEN " + p + " > 0 THEN value END) AS a" + k,
				"sum(CASE WHEN " + p + " > 0 THEN " + reverse(p, 0) + " END) AS t" + k,
			}
			part.plain = []string{"n" + k, "m" + k, "a" + k, "t" + k}
			part.merged = []string{"CAST(sum(n" + k + ") AS BIGINT)", "bit_or(m" + k + ")", "CAST(sum(a" + k + ") AS BIGINT)", "sum(t" + k + ")"}
			part.n, part.m, part.answered = "n"+k, "m"+k, "a"+k+" = "+strconv.Itoa(size)
		}
		part.t = "t" + k
		part.complete = part.n + " = " + strconv.Itoa(size) + " AND " + part.m + " = " + full
		part.incomplete = "(" + part.n + " > 0 AND NOT (" + part.complete + "))"
		lineAggregates = append(lineAggregates, part.line...)
		allPlain = append(allPlain, part.plain...)
		allMerged = append(allMerged, part.merged...)
		incomplete = append(incomplete, part.incomplete)
	}
	if packed > 0 {
		positions = append([]string{"nullif(list_position([" + strings.Join(packedItems, ", ") + "], r.item), 0) AS pos"}, positions...)
		lineAggregates = append([]string{
			"coalesce(CAST(sum([" + strings.Join(packedShifts, ", ") + "][pos]) AS BIGINT), 0) AS cnt",
			"coalesce(bit_or(CAST(1 AS BIGINT) << (pos - 1)), 0) AS bits",
			"coalesce(bit_or(CASE WHEN value IS NOT NULL THEN CAST(1 AS BIGINT) << (pos - 1) END), 0) AS abits",
		}, lineAggregates...)
		allPlain = append([]string{"cnt", "bits", "abits"}, allPlain...)
		allMerged = append([]string{"CAST(sum(cnt) AS BIGINT)", "bit_or(bits)", "bit_or(abits)"}, allMerged...)
	}
	for i, s := range e.scorings {
		part := parts[i]
		k := strconv.Itoa(s.index)
		var score string
		switch s.in.Score {
		case "swemwbs":
			metric := make([]string, len(swemwbsMetric))
			for i, x := range swemwbsMetric {
				metric[i] = strconv.FormatFloat(x, 'f', 2, 64)
			}
			score = "CASE WHEN t" + k + " = round(t" + k + ") AND t" + k + " BETWEEN 7 AND 35 THEN CAST([" + strings.Join(metric, ", ") +
				"][CAST(t" + k + " AS INTEGER) - 6] AS DOUBLE) END"
		case "mean":
			score = "t" + k + " / " + strconv.Itoa(part.size)
		default:
			score = "t" + k
		}
		score = "CASE WHEN " + part.complete + " AND " + part.answered + " THEN " + score + " END"
		for _, wave := range s.waves {
			when := part.n + " > 0"
			if wave != "" {
				when += " AND w = " + strconv.Itoa(slices.Index(waves, wave)+1)
			}
			latest := sqlIdent(fmt.Sprintf("l%d_%s", s.index, orAny(wave)))
			respondents = append(respondents,
				"arg_max_null("+score+", latest) FILTER (WHERE "+when+") AS "+s.column("s", wave),
				"max(latest) FILTER (WHERE "+when+") AS "+latest)
			decoded = append(decoded, s.column("s", wave), e.latestDate(latest)+" AS "+s.column("d", wave))
			if e.respondentEvents {
				respondents = append(respondents, "arg_max_null(ev, latest) FILTER (WHERE "+when+") AS "+s.column("e", wave))
				decoded = append(decoded, s.column("e", wave))
			} else {
				decoded = append(decoded, "CAST(NULL AS VARCHAR) AS "+s.column("e", wave))
			}
		}
	}
	eventJoin := ""
	if e.eventDates != "" {
		eventJoin = " LEFT JOIN event_dates ON event_dates.event = r.event"
	}
	// The event of a response is carried only when a series needs it: it
	// is text, and text is what makes grouping slow.
	event, lineEvent, groupEvent := "", "", ""
	if e.respondentEvents {
		event, lineEvent, groupEvent = ", r.event", ", max(event) AS ev", ", ev"
	}
	anyIncomplete := strings.Join(incomplete, " OR ")
	people := "r.*, 'unknown' AS dim_gender, 'unknown' AS dim_target_group, 'unknown' AS dim_cohort, CAST(NULL AS VARCHAR) AS tg FROM respondents r"
	if e.respondentsNeedPeople {
		people = "r.*, coalesce(p.gender, 'unknown') AS dim_gender, coalesce(p.target_group, 'unknown') AS dim_target_group, " +
			"coalesce(p.cohort, 'unknown') AS dim_cohort, p.target_group AS tg FROM respondents r LEFT JOIN people p ON p.participant = r.participant"
	}
	return []string{
		"resp_items AS (SELECT r.source_id, r.line, r.participant, list_position([" + strings.Join(waveList, ", ") + "], r.wave) AS w, " +
			date + " AS d" + event + ", r.value, " + strings.Join(positions, ", ") +
			" FROM responses r" + eventJoin + " WHERE (" + date + " IS NULL OR " + date + " <= " + sqlDate(e.asOf) + ") AND list_contains([" +
			strings.Join(allItems, ", ") + "], r.item))",
		"resp_lines AS (SELECT source_id, line, any_value(participant) AS participant, any_value(w) AS w, max(d) AS d" + lineEvent + ", " +
			strings.Join(lineAggregates, ", ") + " FROM resp_items GROUP BY source_id, line)",
		"resp_all AS (SELECT source_id, line, participant, w, d" + groupEvent + ", " + strings.Join(allPlain, ", ") +
			" FROM resp_lines WHERE NOT (" + anyIncomplete + ") UNION ALL SELECT source_id, max(line), participant, w, d" + groupEvent + ", " +
			strings.Join(allMerged, ", ") + " FROM resp_lines WHERE " + anyIncomplete + " GROUP BY source_id, participant, w, d" + groupEvent + ")",
		"respondents AS (SELECT participant, " + strings.Join(decoded, ", ") + " FROM (SELECT participant, " + strings.Join(respondents, ", ") +
			" FROM (SELECT *, " + e.latestKey() + " AS latest FROM resp_all) GROUP BY participant))",
		"respondents_p AS MATERIALIZED (SELECT " + people + ")",
	}
}

func orAny(wave string) string {
	if wave == "" {
		return "any"
	}
	return wave
}

// latestKey packs the order of responses, latest highest, into one number:
// the day (days since 1970 plus one, 0 for an undated response, which so
// counts as the oldest), then the source, then the line. In a BIGINT the
// day takes the top 16 bits, the source the next 16 and the line the low
// 31; a store with more sources than 16 bits hold uses a HUGEINT instead.
func (e *evaluator) latestKey() string {
	// Days outside 1970–2149 are clamped into the 16 bits they have.
	day := "least(greatest(coalesce(date_diff('day', DATE '1970-01-01', d) + 1, 0), 0), 65535)"
	if e.maxSourceID < 1<<16 {
		return "(CAST(" + day + " AS BIGINT) << 47) + (CAST(source_id AS BIGINT) << 31) + line"
	}
	return "CAST(" + day + " AS HUGEINT) * 18446744073709551616 + CAST(source_id AS HUGEINT) * 4294967296 + line"
}

// latestDate decodes the date from a latest key: NULL for an undated
// response.
func (e *evaluator) latestDate(key string) string {
	day := "(" + key + " >> 47)"
	if e.maxSourceID >= 1<<16 {
		day = "(" + key + " // 18446744073709551616)"
	}
	return "CASE WHEN " + day + " > 0 THEN CAST(DATE '1970-01-01' + CAST(" + day + " - 1 AS INTEGER) AS DATE) END"
}

// respondentSample returns the SQL condition that selects the respondents
// of an indicator: in its target group, with a score in each of the waves,
// each score meeting a where: on score.
func (e *evaluator) respondentSample(ind *impact.Indicator, s *scoring, waves []string, where string) (string, error) {
	var conditions []string
	for _, w := range waves {
		conditions = append(conditions, s.column("s", w)+" IS NOT NULL")
	}
	if ind.TargetGroup != "" {
		conditions = append(conditions, "tg = "+sqlString(ind.TargetGroup))
	}
	if scope := e.peopleScope(ind, "participant"); scope != "" {
		conditions = append(conditions, scope)
	}
	if c, ok := ind.Measure.Where["score"]; ok {
		for _, w := range waves {
			test, err := conditionSQL(s.column("s", w), "DOUBLE", c)
			if err != nil {
				return "", e.invalid(c.Pos, "%s.where.score: %v", where, err)
			}
			conditions = append(conditions, test)
		}
	}
	if ind.TargetGroup != "" || len(ind.Disaggregate) > 0 {
		e.respondentsNeedPeople = true
	}
	return strings.Join(conditions, " AND "), nil
}
