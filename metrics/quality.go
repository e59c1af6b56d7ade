package metrics

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// The personal-data checks that ingest runs on every file, as Quality.Checks
// names them. Reports translate the names.
const (
	// CheckPseudonymised: participant ids were replaced by keyed pseudonyms
	// (HMAC-SHA256 under the project's secret) before they reached the store.
	CheckPseudonymised = "pseudonymised"
	// CheckPersonalColumns: columns whose header names personal data (name,
	// e-mail, phone, address, personnummer) were refused unless dropped.
	CheckPersonalColumns = "personal_columns"
	// CheckPersonnummer: every cell was scanned for values that look like a
	// Swedish personal identity number, which refuse the file.
	CheckPersonnummer = "personnummer"
)

// peopleKinds are the kinds of data file with a participant column, which
// ingest pseudonymises.
var peopleKinds = []string{"participants", "attendance", "responses", "jobmarket", "followups"}

// Quality collects what the data-quality report shows: the ingest log with
// every rejected row and its reason, the missing values of every column of
// every table that holds rows, the response rate of every
// impact-measurement day and wave, possible duplicate participants,
// participants without attributes, and the personal-data checks that ran.
//
// Respondent counts under minCell are suppressed (nil) with their rate.
// SuppressedCells is left at zero: it counts the cells of the whole
// evaluation, so the caller sets it with CountSuppressed once the
// evaluation is complete.
func Quality(ctx context.Context, db *store.DB, p *impact.Project, minCell int) (*impact.Quality, error) {
	q := &impact.Quality{Sources: []impact.SourceLog{}, Missing: []impact.MissingCount{}, ResponseRates: []impact.ResponseRate{}, Checks: []string{}}
	var err error
	if q.Sources, err = sourceLogs(ctx, db); err != nil {
		return nil, err
	}
	if q.Missing, err = missingValues(ctx, db); err != nil {
		return nil, err
	}
	if q.ResponseRates, err = responseRates(ctx, db, minCell); err != nil {
		return nil, err
	}
	if q.PossibleDuplicates, err = possibleDuplicates(ctx, db); err != nil {
		return nil, err
	}
	if q.WithoutAttributes, err = withoutAttributes(ctx, db); err != nil {
		return nil, err
	}
	q.Checks = checksRun(q.Sources)
	return q, nil
}

// sourceLogs reads the ingest log and attaches every rejected row to its file.
func sourceLogs(ctx context.Context, db *store.DB) ([]impact.SourceLog, error) {
	sources, err := db.Sources(ctx)
	if err != nil {
		return nil, err
	}
	logs := make([]impact.SourceLog, len(sources))
	index := map[int64]int{}
	for i, s := range sources {
		logs[i] = impact.SourceLog{
			Path: s.Path, Kind: s.Kind, Hash: s.Hash, IngestedAt: s.IngestedAt.UTC(),
			Read: s.RowsRead, Loaded: s.RowsLoaded, Rejected: s.RowsRejected,
		}
		index[s.ID] = i
	}
	rows, err := db.Query(ctx, `SELECT source_id, coalesce(line, 0), coalesce("column", ''), reason
		FROM rejects ORDER BY source_id, line NULLS FIRST, "column", reason`)
	if err != nil {
		return nil, fmt.Errorf("quality: read the rejected rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id     int64
			reject impact.RejectRow
		)
		if err := rows.Scan(&id, &reject.Line, &reject.Column, &reject.Reason); err != nil {
			return nil, fmt.Errorf("quality: read the rejected rows: %w", err)
		}
		if i, ok := index[id]; ok {
			logs[i].Rejects = append(logs[i].Rejects, reject)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("quality: read the rejected rows: %w", err)
	}
	notes, err := db.Notes(ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		if i, ok := index[n.SourceID]; ok {
			logs[i].Notes = append(logs[i].Notes, impact.NoteRow{Line: n.Line, Note: n.Note})
		}
	}
	return logs, nil
}

// missingValues counts the NULLs of every column of every data table that
// holds rows, in the order of store.Kinds and store.Tables.
func missingValues(ctx context.Context, db *store.DB) ([]impact.MissingCount, error) {
	missing := []impact.MissingCount{}
	for _, kind := range store.Kinds {
		columns := store.Tables[kind]
		counts := make([]string, len(columns))
		for i, c := range columns {
			counts[i] = fmt.Sprintf(`count(*) - count("%s")`, c)
		}
		// Table and column names come from store.Tables, never from
		// data, so building the query from them is safe.
		query := fmt.Sprintf(`SELECT count(*), %s FROM %s`, strings.Join(counts, ", "), kind)
		values := make([]int64, len(columns)+1)
		targets := make([]any, len(values))
		for i := range values {
			targets[i] = &values[i]
		}
		if err := db.QueryRow(ctx, query).Scan(targets...); err != nil {
			return nil, fmt.Errorf("quality: count the missing values of %s: %w", kind, err)
		}
		if values[0] == 0 {
			continue
		}
		for i, c := range columns {
			missing = append(missing, impact.MissingCount{Table: kind, Column: c, Missing: values[i+1], Rows: values[0]})
		}
	}
	return missing, nil
}

// responseRatesQuery gives, per impact-measurement day (event) and wave, the
// people who answered, those who answered every item asked that day and
// wave, and the people expected: the day's attendees where attendance was
// taken, otherwise everyone registered by that day. %s is how a person's
// answered items are counted: answeredBits or answeredDistinct.
//
// Every relation reads responses itself rather than through a shared CTE,
// because DuckDB materialises a CTE used twice, and at a million people
// that is 14 million rows written and read again.
const responseRatesQuery = `
WITH asked AS (
    SELECT coalesce(event, '') AS event, wave, count(DISTINCT item) AS items, min("date") AS day
    FROM responses GROUP BY ALL
),
people AS (%s)
SELECT a.event, a.wave,
       count(p.participant) AS respondents,
       count(p.participant) FILTER (WHERE p.answered = a.items) AS complete,
       coalesce(
           (SELECT nullif(count(DISTINCT t.participant), 0) FROM attendance t WHERE t.event = a.event),
           (SELECT count(DISTINCT r.participant) FROM participants r
             WHERE a.day IS NULL OR r.start_date IS NULL OR r.start_date <= a.day)
       ) AS expected
FROM asked a JOIN people p USING (event, wave)
GROUP BY a.event, a.wave, a.items, a.day
ORDER BY a.day NULLS LAST, a.event,
         CASE a.wave WHEN 'pre' THEN 0 WHEN 'post' THEN 1 WHEN 'followup' THEN 2 ELSE 3 END, a.wave`

// answeredBits counts each person's distinct answered items as the bits
// of a 64-bit set: one item one bit, so an item answered twice counts
// once. It is exact, and four to five times faster than count(DISTINCT)
// per person, while the survey has at most maxItemBits distinct items.
const answeredBits = `
    SELECT coalesce(r.event, '') AS event, r.wave, r.participant,
           bit_count(bit_or(CASE WHEN r.value IS NOT NULL THEN 1::UBIGINT << b.bit ELSE 0::UBIGINT END)) AS answered
    FROM responses r
    JOIN (SELECT item, (row_number() OVER (ORDER BY item) - 1)::UBIGINT AS bit
          FROM (SELECT DISTINCT item FROM responses)) b USING (item)
    GROUP BY ALL`

// answeredDistinct counts the same for a survey with more items than bits.
const answeredDistinct = `
    SELECT coalesce(event, '') AS event, wave, participant,
           count(DISTINCT item) FILTER (WHERE value IS NOT NULL) AS answered
    FROM responses GROUP BY ALL`

// maxItemBits is the number of distinct items answeredBits can hold.
const maxItemBits = 64

// responseRates reads the response rate of every impact-measurement day and
// wave, suppressing counts under minCell.
func responseRates(ctx context.Context, db *store.DB, minCell int) ([]impact.ResponseRate, error) {
	var items int
	if err := db.QueryRow(ctx, `SELECT count(DISTINCT item) FROM responses`).Scan(&items); err != nil {
		return nil, fmt.Errorf("quality: count the survey items: %w", err)
	}
	answered := answeredBits
	if items > maxItemBits {
		answered = answeredDistinct
	}
	rows, err := db.Query(ctx, fmt.Sprintf(responseRatesQuery, answered))
	if err != nil {
		return nil, fmt.Errorf("quality: count the response rates: %w", err)
	}
	defer rows.Close()
	rates := []impact.ResponseRate{}
	for rows.Next() {
		var (
			r                               impact.ResponseRate
			respondents, complete, expected int
		)
		if err := rows.Scan(&r.Event, &r.Wave, &respondents, &complete, &expected); err != nil {
			return nil, fmt.Errorf("quality: count the response rates: %w", err)
		}
		if respondents >= minCell {
			r.Respondents = impact.Int(respondents)
			if expected > 0 {
				r.Rate = impact.Float(float64(respondents) / float64(expected))
			}
			// Complete answers are a subset of the respondents; the
			// difference would reveal a small count just as well.
			incomplete := respondents - complete
			if complete >= minCell && (incomplete == 0 || incomplete >= minCell) {
				r.Complete = impact.Int(complete)
			}
			r.CompleteWithheld = r.Complete == nil && complete >= minCell
		}
		rates = append(rates, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("quality: count the response rates: %w", err)
	}
	return rates, nil
}

// possibleDuplicatesQuery counts the pseudonyms that look like one person
// entered twice: a pseudonym registered on more than one row, and
// different pseudonyms that share every attribute (gender, birth year,
// target group, cohort and start date, all filled in). The second is a
// hint for a person to check, not a proof: two people can share them.
//
// A set of attributes is shared when its smallest and largest pseudonym
// differ, which one group-by over the attributes finds; each registered
// row then looks its set up once, and one group-by per pseudonym counts
// both kinds together. (A window of count(DISTINCT) per set of attributes
// did the same at four times the cost.)
const possibleDuplicatesQuery = `
WITH register AS (
    -- The register's own rows: attributes that other lists carry for the
    -- register (exports.md) are not a second registration.
    SELECT * FROM participants WHERE source_id IN (SELECT id FROM sources WHERE kind = 'participants')
),
shared AS (
    SELECT gender, birth_year, target_group, cohort, start_date FROM register
    WHERE gender IS NOT NULL AND birth_year IS NOT NULL AND target_group IS NOT NULL
      AND cohort IS NOT NULL AND start_date IS NOT NULL
    GROUP BY ALL
    HAVING min(participant) <> max(participant)
)
SELECT count(*) FROM (
    SELECT r.participant FROM register r LEFT JOIN shared s USING (gender, birth_year, target_group, cohort, start_date)
    GROUP BY r.participant
    HAVING count(*) > 1 OR count(s.gender) > 0
)`

// possibleDuplicates counts possible duplicate participants.
func possibleDuplicates(ctx context.Context, db *store.DB) (int, error) {
	var n int
	if err := db.QueryRow(ctx, possibleDuplicatesQuery).Scan(&n); err != nil {
		return 0, fmt.Errorf("quality: look for duplicate participants: %w", err)
	}
	return n, nil
}

// withoutAttributesQuery counts the people seen in the data who are missing
// from the participant register, or registered without gender or target
// group: they fall out of every disaggregation.
const withoutAttributesQuery = `
WITH seen AS (
    SELECT participant FROM attendance
    UNION SELECT participant FROM responses
    UNION SELECT participant FROM jobmarket
    UNION SELECT participant FROM followups
),
unregistered AS (
    SELECT participant FROM seen WHERE participant NOT IN (SELECT participant FROM participants)
),
incomplete AS (
    -- Without gender or target group from the register or any list.
    SELECT participant FROM participants GROUP BY participant
    HAVING count(nullif(gender, 'unknown')) = 0 OR count(target_group) = 0
)
SELECT count(DISTINCT participant) FROM (SELECT participant FROM unregistered UNION ALL SELECT participant FROM incomplete)`

// withoutAttributes counts participants without attributes.
func withoutAttributes(ctx context.Context, db *store.DB) (int, error) {
	var n int
	if err := db.QueryRow(ctx, withoutAttributesQuery).Scan(&n); err != nil {
		return 0, fmt.Errorf("quality: look for participants without attributes: %w", err)
	}
	return n, nil
}

// checksRun names the personal-data checks that ran: ingest scans every
// file for personal columns and personal identity numbers, and
// pseudonymises files that name participants.
func checksRun(sources []impact.SourceLog) []string {
	checks := []string{}
	if len(sources) == 0 {
		return checks
	}
	for _, s := range sources {
		if slices.Contains(peopleKinds, s.Kind) {
			checks = append(checks, CheckPseudonymised)
			break
		}
	}
	return append(checks, CheckPersonalColumns, CheckPersonnummer)
}
