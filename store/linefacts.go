package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// The store keeps, for each file, whether its survey answers name a
// participant once in each form and wave, and its follow-ups once in each
// number of months after (migration 0012, answer_facts and
// followup_facts). Evaluate scores each respondent's latest line of a wave
// and takes each person's latest follow-up: where only one file holds the
// lines of a form and wave, and names everyone once, the latest line is
// the only one, and no group-by of a million lines by person is needed to
// find it. On the generator's project of 1,000,000 participants that
// group-by took about 0.17 s of every evaluation.
//
// A Load counts its own lines as it appends them (lineTracker), so that a
// file of a million lines pays a hash of its pseudonyms in Go, beside
// DuckDB's writing, rather than a group-by in DuckDB. A collected answer
// adds itself to its collection's facts (countCollectedLine), and the
// sources whose lines it replaces are counted again in SQL
// (refreshAnswerFacts). ReadCSV, the floor of
// the benchmarks, keeps no fact: the lines of the facts then no longer add
// up to the table's, and the evaluation groups as before (LineFacts).

// lineFactsVersion is the schema version that keeps the facts of answers
// and follow-ups (0012).
const lineFactsVersion = 12

// LineFacts is what the store keeps of how often the answers and the
// follow-ups of each file name a participant.
type LineFacts struct {
	// answers and followups hold, for each group, whether each source
	// with lines in it names no participant twice.
	answers   map[answerGroup][]bool
	followups map[followupGroup][]bool
	// answersKnown and followupsKnown are whether the facts cover every
	// line of their table.
	answersKnown, followupsKnown bool
}

type answerGroup struct {
	form int64
	wave string
}

type followupGroup struct {
	months int64
	none   bool // no months_after
}

// AnswersOnce reports whether the answers hold, of the given forms and the
// wave, at most one participant's line each: the lines of one file only,
// of one of the forms, and no one twice among them.
func (f LineFacts) AnswersOnce(forms []int64, wave string) bool {
	if !f.answersKnown {
		return false
	}
	var once []bool
	for _, form := range forms {
		once = append(once, f.answers[answerGroup{form, wave}]...)
	}
	return len(once) == 0 || len(once) == 1 && once[0]
}

// FollowupsOnce reports whether the follow-ups after the given number of
// months name each participant at most once: the lines of one file only,
// and no one twice among them.
func (f LineFacts) FollowupsOnce(months int64) bool {
	if !f.followupsKnown {
		return false
	}
	once := f.followups[followupGroup{months: months}]
	return len(once) == 0 || len(once) == 1 && once[0]
}

// LineFacts reads what the store keeps of its answers and follow-ups. A
// store older than lineFactsVersion knows nothing of them: AnswersOnce and
// FollowupsOnce are then false.
func (db *DB) LineFacts(ctx context.Context) (LineFacts, error) {
	var f LineFacts
	if db.schema < lineFactsVersion {
		return f, nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT 0, form, wave, NULL, lines, once FROM answer_facts
		UNION ALL SELECT 1, NULL, NULL, months_after, lines, once FROM followup_facts
		UNION ALL SELECT 2, NULL, NULL, NULL, (SELECT count(*) FROM answers), NULL
		UNION ALL SELECT 3, NULL, NULL, NULL, (SELECT count(*) FROM followups), NULL`)
	if err != nil {
		return f, db.internal("read how often the answers and follow-ups name a person", err)
	}
	defer rows.Close()
	f.answers, f.followups = map[answerGroup][]bool{}, map[followupGroup][]bool{}
	var sums, counts [2]int64
	for rows.Next() {
		var (
			table        int
			form, months sql.NullInt64
			wave         sql.NullString
			lines        int64
			once         sql.NullBool
		)
		if err := rows.Scan(&table, &form, &wave, &months, &lines, &once); err != nil {
			return f, db.internal("read how often the answers and follow-ups name a person", err)
		}
		switch table {
		case 0:
			g := answerGroup{form.Int64, wave.String}
			f.answers[g] = append(f.answers[g], once.Bool)
		case 1:
			g := followupGroup{months: months.Int64, none: !months.Valid}
			f.followups[g] = append(f.followups[g], once.Bool)
		default:
			counts[table-2] = lines
			continue
		}
		sums[table] += lines
	}
	if err := rows.Err(); err != nil {
		return f, db.internal("read how often the answers and follow-ups name a person", err)
	}
	f.answersKnown, f.followupsKnown = sums[0] == counts[0], sums[1] == counts[1]
	return f, nil
}

// refreshAnswerFacts counts again, in SQL, the facts of the answers of the
// given sources, inside the transaction q that changed their lines.
func refreshAnswerFacts(ctx context.Context, q queryer, sources []int64) error {
	if len(sources) == 0 {
		return nil
	}
	in := idList(sources)
	if _, err := q.ExecContext(ctx, `DELETE FROM answer_facts WHERE source_id IN `+in); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO answer_facts (source_id, form, wave, lines, once)
		SELECT source_id, form, wave, count(*), count(*) = count(DISTINCT participant)
		FROM answers WHERE source_id IN `+in+` GROUP BY source_id, form, wave`)
	return err
}

// idList writes source ids as an SQL list: (1, 2).
func idList(sources []int64) string {
	list := make([]string, len(sources))
	for i, s := range sources {
		list[i] = strconv.FormatInt(s, 10)
	}
	return "(" + strings.Join(list, ", ") + ")"
}

// refreshFollowupFacts is refreshAnswerFacts of the follow-ups.
func refreshFollowupFacts(ctx context.Context, q queryer, source int64) error {
	id := strconv.FormatInt(source, 10)
	if _, err := q.ExecContext(ctx, `DELETE FROM followup_facts WHERE source_id = `+id); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO followup_facts (source_id, months_after, lines, once)
		SELECT source_id, months_after, count(*), count(*) = count(DISTINCT participant)
		FROM followups WHERE source_id = `+id+` GROUP BY source_id, months_after`)
	return err
}

// maxTrackedLines is the most lines a Load counts in Go (8 bytes each);
// the facts of a larger file are counted in SQL at Commit. Tests lower it.
var maxTrackedLines = 1 << 23

// lineTracker counts the lines of a Load of answers or follow-ups by
// group (form and wave, or months after), and keeps the hash of each
// line's participant for count.
type lineTracker struct {
	answers bool
	groups  map[lineGroup]*personLines
	// last is the group of the previous line, which a file's next line
	// shares more often than not.
	last      *personLines
	lastGroup lineGroup
	lines     int
	// over is set when the load has more lines than maxTrackedLines, or
	// a participant that is not a stored pseudonym: its facts are then
	// counted in SQL.
	over bool
}

// lineGroup is an answers line's form and wave, or a follow-up's months
// after (none when it has none).
type lineGroup struct {
	form   int32
	wave   string
	months int64
	none   bool
}

type personLines struct {
	// hashes holds the hashes of the participants (personHash), in the
	// order of the lines.
	hashes []uint64
	once   bool // set by count
}

// personHash spreads a pseudonym's bits (those of tests are not random)
// over all 64, one to one, so that two participants never share a hash:
// the finaliser of SplitMix64, whose shifts and odd multipliers can each
// be undone.
func personHash(person uint64) uint64 {
	h := person
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// track notes one appended row (as the table stores it).
func (t *lineTracker) track(row []driver.Value) {
	if t.over {
		return
	}
	person, ok := row[0].(uint64)
	t.lines++
	if !ok || t.lines > maxTrackedLines {
		t.over, t.groups, t.last = true, nil, nil
		return
	}
	var g lineGroup
	if t.answers {
		wave, ok1 := row[3].(string)
		form, ok2 := row[4].(int32)
		if !ok1 || !ok2 {
			t.over, t.groups, t.last = true, nil, nil
			return
		}
		g.form, g.wave = form, wave
	} else if months, ok := integer(row[2]); ok {
		g.months = months
	} else {
		g.none = true
	}
	p := t.last
	if p == nil || g != t.lastGroup {
		if t.groups == nil {
			t.groups = map[lineGroup]*personLines{}
		}
		if p = t.groups[g]; p == nil {
			p = &personLines{}
			t.groups[g] = p
		}
		t.last, t.lastGroup = p, g
	}
	p.hashes = append(p.hashes, personHash(person))
}

// count finds, of each group, whether no participant has two of its
// lines. It sorts the hashes into 256 partitions by their top 8 bits, and
// puts each partition into an open-addressing table of twice its size
// (small enough for the processor's caches; 0 marks a free slot, and the
// hash 0 is noted apart). It runs while DuckDB writes the load's last
// rows (Commit).
func (t *lineTracker) count() {
	var parted, table []uint64
	for _, p := range t.groups {
		var starts [257]int
		for _, h := range p.hashes {
			starts[h>>56+1]++
		}
		for i := 1; i <= 256; i++ {
			starts[i] += starts[i-1]
		}
		parted = slices.Grow(parted[:0], len(p.hashes))[:len(p.hashes)]
		next := starts
		for _, h := range p.hashes {
			parted[next[h>>56]] = h
			next[h>>56]++
		}
		p.once = true
		zero := false
	parts:
		for i := range 256 {
			part := parted[starts[i]:starts[i+1]]
			size := 1 << bits.Len(uint(2*len(part)))
			table = slices.Grow(table[:0], size)[:size]
			clear(table)
			mask := uint64(size - 1)
			for _, h := range part {
				if h == 0 {
					if zero {
						p.once = false
						break parts
					}
					zero = true
					continue
				}
				// The bits below the partition's are as random.
				j := h >> 24 & mask
				for table[j] != 0 {
					if table[j] == h {
						p.once = false
						break parts
					}
					j = (j + 1) & mask
				}
				table[j] = h
			}
		}
	}
}

// write records the load's facts, inside its transaction, after count; in
// SQL when it did not track its lines.
func (t *lineTracker) write(ctx context.Context, conn *sql.Conn, source int64) error {
	if t.over {
		if t.answers {
			return refreshAnswerFacts(ctx, conn, []int64{source})
		}
		return refreshFollowupFacts(ctx, conn, source)
	}
	if len(t.groups) == 0 {
		return nil
	}
	var values []string
	var args []any
	for g, p := range t.groups {
		if t.answers {
			values = append(values, "(?, ?, ?, ?, ?)")
			args = append(args, source, g.form, g.wave, len(p.hashes), p.once)
			continue
		}
		var months any
		if !g.none {
			months = g.months
		}
		values = append(values, "(?, ?, ?, ?)")
		args = append(args, source, months, len(p.hashes), p.once)
	}
	insert := `INSERT INTO followup_facts (source_id, months_after, lines, once) VALUES `
	if t.answers {
		insert = `INSERT INTO answer_facts (source_id, form, wave, lines, once) VALUES `
	}
	_, err := conn.ExecContext(ctx, insert+strings.Join(values, ", "), args...)
	return err
}
