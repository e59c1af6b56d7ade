package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
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
	unique, err := registerUnique(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("quality: %w", err)
	}
	return quality(ctx, db, minCell, unique, nil)
}

// qualityCounts are counts of the data-quality report that another pass
// over the people has made already (passExtras): the response rates'
// slots, counted, and the people seen in the data but not registered.
type qualityCounts struct {
	slots        []rateSlot
	unregistered int64
}

// quality is Quality knowing whether the register names each participant
// once (registerUnique), with the counts that were made already (counted,
// or nil).
func quality(ctx context.Context, db *store.DB, minCell int, unique bool, counted *qualityCounts) (*impact.Quality, error) {
	q := &impact.Quality{Sources: []impact.SourceLog{}, Missing: []impact.MissingCount{}, ResponseRates: []impact.ResponseRate{}, Checks: []string{}}
	var err error
	if q.Sources, err = sourceLogs(ctx, db); err != nil {
		return nil, err
	}
	if q.Missing, err = missingValues(ctx, db); err != nil {
		return nil, err
	}
	slots := []rateSlot(nil)
	if counted != nil {
		slots = counted.slots
	} else if slots, err = countedSlots(ctx, db, unique); err != nil {
		return nil, err
	}
	q.ResponseRates = responseRates(slots, minCell)
	register, err := registerQuality(ctx, db, unique)
	if err != nil {
		return nil, err
	}
	q.PossibleDuplicates = int(register.PossibleDuplicates)
	if q.WithoutAttributes, err = withoutAttributes(ctx, db, register.Incomplete, counted); err != nil {
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
			logs[i].Notes = append(logs[i].Notes, impact.NoteRow{Line: n.Line, Note: n.Note, Said: n.Said})
		}
	}
	return logs, nil
}

// missingValues counts the NULLs of every column of every data table that
// holds rows, in the order of store.Kinds and store.Tables: from the
// counts the store keeps of its files (store.MissingCounts) where they
// cover a table, else by scanning it. One statement counts every table
// scanned: DuckDB scans them side by side.
func missingValues(ctx context.Context, db *store.DB) ([]impact.MissingCount, error) {
	known, err := db.MissingCounts(ctx)
	if err != nil {
		return nil, err
	}
	counted := map[string][]int64{}
	var parts []string
	for k, kind := range store.Kinds {
		if _, ok := known[kind]; ok {
			continue
		}
		parts = append(parts, fmt.Sprintf("SELECT %d AS kind, CAST(to_json(list_value(*COLUMNS(*))) AS VARCHAR) AS counts FROM (%s)", k, store.MissingCountsQuery(kind, "TRUE")))
	}
	if len(parts) > 0 {
		rows, err := db.Query(ctx, strings.Join(parts, "\nUNION ALL ")+"\nORDER BY kind")
		if err != nil {
			return nil, fmt.Errorf("quality: count the missing values: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				k      int
				counts string
				values []int64
			)
			if err := rows.Scan(&k, &counts); err != nil {
				return nil, fmt.Errorf("quality: count the missing values: %w", err)
			}
			if err := json.Unmarshal([]byte(counts), &values); err != nil {
				return nil, fmt.Errorf("quality: count the missing values: %w", err)
			}
			counted[store.Kinds[k]] = values
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("quality: count the missing values: %w", err)
		}
	}
	missing := []impact.MissingCount{}
	for _, kind := range store.Kinds {
		values, ok := known[kind]
		if !ok {
			values = counted[kind]
		}
		columns := store.Tables[kind]
		if len(values) != len(columns)+1 {
			return nil, fmt.Errorf("quality: count the missing values of %s: %d counts for %d columns", kind, len(values)-1, len(columns))
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

// respondentsQuery counts, per day and wave, the people who answered and
// those who answered every item asked there. A day and wave travel as one
// number (%[1]s, slotPlaces): grouping on text is slower. %[2]s is how a
// person's answered items are counted (answeredBits or answeredDistinct),
// %[3]s the items asked, by that number, and %[4]s the rows read.
const respondentsQuery = `
SELECT slot, count(*) AS respondents, count(*) FILTER (WHERE answered = %[3]s[slot]) AS complete
FROM (
    SELECT %[1]s AS slot, a.participant, %[2]s AS answered
    %[4]s
    GROUP BY ALL)
WHERE slot IS NOT NULL
GROUP BY slot`

// How respondentsQuery counts a person's distinct answered items, and the
// rows it reads. answeredBits counts them as the bits of a 64-bit set: one
// item one bit, so an item answered twice counts once. It is exact, and
// four to five times faster than count(DISTINCT) per person, while the
// survey has at most maxItemBits distinct items; its %s is a line's set
// (answeredItems). answeredDistinct counts the same, by item, for a survey
// with more items than bits.
const (
	answeredBits      = `bit_count(bit_or(%s))`
	answeredBitsFrom  = `FROM answers a`
	answeredDistinct  = `count(DISTINCT a.item) FILTER (WHERE a.value IS NOT NULL)`
	answeredItemsFrom = `FROM responses a`
)

// maxItemBits is the number of distinct items answeredBits can hold.
const maxItemBits = 64

// rateSlot is one day and wave of the response rates: as eventsAndSlots gives
// it, then counted by countRespondents.
type rateSlot struct {
	event, wave           string
	items, expected       int
	respondents, complete int
}

// countedSlots reads the days and waves of the response rates and counts
// their respondents.
func countedSlots(ctx context.Context, db *store.DB, unique bool) ([]rateSlot, error) {
	slots, err := askedSlots(ctx, db, unique)
	if err == nil {
		err = countRespondents(ctx, db, slots)
	}
	if err != nil {
		return nil, fmt.Errorf("quality: count the response rates: %w", err)
	}
	return slots, nil
}

// responseRates gives the response rate of every impact-measurement day
// and wave, suppressing counts under minCell.
func responseRates(slots []rateSlot, minCell int) []impact.ResponseRate {
	rates := []impact.ResponseRate{}
	for _, s := range slots {
		r := impact.ResponseRate{Event: s.event, Wave: s.wave}
		if s.respondents >= minCell {
			r.Respondents = impact.Int(s.respondents)
			if s.expected > 0 {
				r.Rate = impact.Float(float64(s.respondents) / float64(s.expected))
			}
			// Complete answers are a subset of the respondents; the
			// difference would reveal a small count just as well.
			incomplete := s.respondents - s.complete
			if s.complete >= minCell && (incomplete == 0 || incomplete >= minCell) {
				r.Complete = impact.Int(s.complete)
			}
			r.CompleteWithheld = r.Complete == nil && s.complete >= minCell
		}
		rates = append(rates, r)
	}
	return rates
}

// askedSlots reads the days and waves with answers, in report order, with
// the items asked and the people expected: the slots of eventsAndSlots,
// knowing whether the register names each participant once.
func askedSlots(ctx context.Context, db *store.DB, unique bool) ([]rateSlot, error) {
	_, slots, err := eventsAndSlots(ctx, db, nil, asOfLimit(impact.Date{}), unique)
	return slots, err
}

// countRespondents counts the respondents of each slot, and those who
// answered every item asked there (respondentsQuery).
func countRespondents(ctx context.Context, db *store.DB, slots []rateSlot) error {
	if len(slots) == 0 {
		return nil
	}
	answered, from := answeredDistinct, answeredItemsFrom
	items, _, ok, err := answeredItems(ctx, db)
	if err != nil {
		return err
	}
	if ok {
		answered, from = fmt.Sprintf(answeredBits, items), answeredBitsFrom
	}
	place, asked := slotPlaces(slots)
	rows, err := db.Query(ctx, fmt.Sprintf(respondentsQuery, place, answered, asked, from))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var at, respondents, complete int
		if err := rows.Scan(&at, &respondents, &complete); err != nil {
			return err
		}
		if at >= 1 && at <= len(slots) {
			slots[at-1].respondents, slots[at-1].complete = respondents, complete
		}
	}
	return rows.Err()
}

// answeredItems returns the set of the items an answers row a answered,
// as bits: one per distinct item of the store's forms. ok is false when
// the forms hold more than maxItemBits distinct items. The set is read
// from the row's mask of answered items (the column answered, bit k-1 for
// the k-th item of its form), its bits moved to the items' places in the
// set (answeredFromMask); a store with a form of more than maxItemBits
// items, whose lines have no mask, reads the places its form gives the
// items in its values instead. bits is the number of distinct items: the
// set's bits are below it.
func answeredItems(ctx context.Context, db *store.DB) (sql string, bits int, ok bool, err error) {
	forms, err := readForms(ctx, db, nil)
	if err != nil {
		return "", 0, false, err
	}
	var items []string
	for _, f := range forms {
		for _, item := range f.items {
			if !slices.Contains(items, item) {
				items = append(items, item)
			}
		}
	}
	if len(items) > maxItemBits {
		return "", 0, false, nil
	}
	masked := !slices.ContainsFunc(forms, func(f storedForm) bool { return len(f.items) > maxItemBits })
	var sets formCases
	ids := make([]int64, len(forms))
	for k, f := range forms {
		ids[k] = f.id
		if len(f.items) == 0 {
			continue
		}
		if masked {
			sets.add(answeredFromMask(f.items, items), f.id)
			continue
		}
		var bits []string
		for i, item := range f.items {
			bit := strconv.FormatUint(uint64(1)<<slices.Index(items, item), 10)
			bits = append(bits, `CASE WHEN a."values"[`+strconv.Itoa(i+1)+"] IS NOT NULL THEN CAST("+bit+" AS UBIGINT) ELSE CAST(0 AS UBIGINT) END")
		}
		sets.add("("+strings.Join(bits, " | ")+")", f.id)
	}
	// A line's form is one of the store's forms: with only one form there
	// is no CASE over it.
	return sets.over(ids, "CAST(0 AS UBIGINT)"), len(items), true, nil
}

// answeredFromMask writes the set of the items answered of a line of the
// form of these items, from its mask a.answered: the k-th item's bit
// moved to the item's place among items. The items that move by the same
// number of places move together, one AND and one shift; a form whose
// items keep their places (the first form, most often the only one) is
// its mask, less any bits beyond its items.
func answeredFromMask(form, items []string) string {
	var shifts []int
	masks := map[int]uint64{}
	for k, item := range form {
		shift := slices.Index(items, item) - k
		if _, ok := masks[shift]; !ok {
			shifts = append(shifts, shift)
		}
		masks[shift] |= uint64(1) << k
	}
	parts := make([]string, len(shifts))
	for i, shift := range shifts {
		part := "(a.answered & CAST(" + strconv.FormatUint(masks[shift], 10) + " AS UBIGINT))"
		switch {
		case shift > 0:
			part = "(" + part + " << " + strconv.Itoa(shift) + ")"
		case shift < 0:
			part = "(" + part + " >> " + strconv.Itoa(-shift) + ")"
		}
		parts[i] = part
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " | ") + ")"
}

// slotPlaces returns the SQL of an answers row a's slot (its place in
// slots, from 1; NULL for a day and wave not among them), looked up by
// the place of its event and its wave rather than by comparing text, and
// the list of the items asked in each slot.
func slotPlaces(slots []rateSlot) (place, asked string) {
	var events, waves []string
	for _, s := range slots {
		if !slices.Contains(events, s.event) {
			events = append(events, s.event)
		}
		if !slices.Contains(waves, s.wave) {
			waves = append(waves, s.wave)
		}
	}
	places := make([]string, len(events)*len(waves))
	for i := range places {
		places[i] = "NULL"
	}
	items := make([]string, len(slots))
	for i, s := range slots {
		places[slices.Index(events, s.event)*len(waves)+slices.Index(waves, s.wave)] = strconv.Itoa(i + 1)
		items[i] = strconv.Itoa(s.items)
	}
	place = fmt.Sprintf("[%s][(list_position(%s, coalesce(a.event, '')) - 1) * %d + list_position(%s, a.wave)]",
		strings.Join(places, ", "), sqlList(events), len(waves), sqlList(waves))
	return place, "[" + strings.Join(items, ", ") + "]"
}

// registerQuality returns the register's counts of the data-quality
// report (possible duplicates, registered people without attributes): as
// the store keeps them when it writes the register (store.RegisterQuality),
// or counted, knowing whether the register names each participant once,
// when it does not know them. On the generator's store of 1,000,000
// participants the counting took 0.19 s of CPU and 0.1 s before every
// evaluation (median of 5); reading the fact takes under 0.002 s.
func registerQuality(ctx context.Context, db *store.DB, unique bool) (store.RegisterQuality, error) {
	counts, known, err := db.RegisterQuality(ctx)
	if err != nil || known {
		return counts, err
	}
	if counts, err = db.CountRegisterQuality(ctx, unique); err != nil {
		return counts, fmt.Errorf("quality: %w", err)
	}
	return counts, nil
}

// unregisteredQuery counts the people seen in the data and missing from
// the register. The rows of the lists are checked against the register
// before they are made distinct: the few unregistered are cheaper to count
// once than every person seen.
const unregisteredQuery = `
    SELECT count(DISTINCT participant) FROM (
        SELECT participant FROM attendance
        UNION ALL SELECT participant FROM answers
        UNION ALL SELECT participant FROM jobmarket
        UNION ALL SELECT participant FROM followups
    ) WHERE participant NOT IN (SELECT participant FROM participants)`

// withoutAttributes counts the people seen in the data who are missing
// from the register, or registered without gender or target group
// (incomplete, registerQuality): they fall out of every disaggregation.
// The two kinds never share a person. counted, when not nil, has counted
// the unregistered already.
func withoutAttributes(ctx context.Context, db *store.DB, incomplete int64, counted *qualityCounts) (int, error) {
	if counted != nil {
		return int(counted.unregistered + incomplete), nil
	}
	var unregistered int64
	if err := db.QueryRow(ctx, unregisteredQuery).Scan(&unregistered); err != nil {
		return 0, fmt.Errorf("quality: look for participants without attributes: %w", err)
	}
	return int(unregistered + incomplete), nil
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
