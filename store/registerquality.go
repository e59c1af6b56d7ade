package store

import (
	"context"
	"database/sql"
	"fmt"
)

// registerQualityVersion is the schema version that keeps the register's
// counts of the data-quality report with its facts
// (migrations/*_register_quality.sql).
const registerQualityVersion = 11

// RegisterQuality is what the data-quality report counts of the
// participant register alone; neither count depends on the as-of date.
type RegisterQuality struct {
	// PossibleDuplicates is the number of pseudonyms that look like one
	// person entered twice (possibleDuplicatesQuery).
	PossibleDuplicates int64
	// Incomplete is the number of registered people without gender or
	// target group (incompleteGrouped).
	Incomplete int64
}

// RegisterQuality returns the register's counts of the data-quality
// report as the store keeps them with its facts (RegisterUnique): known
// is false when no fact of the current state of the register holds them
// (a store older than registerQualityVersion, or a process that stopped
// between a change and its fact), and the caller then counts them with
// CountRegisterQuality.
func (db *DB) RegisterQuality(ctx context.Context) (counts RegisterQuality, known bool, err error) {
	if db.schema < registerQualityVersion {
		return counts, false, nil
	}
	var duplicates, incomplete sql.NullInt64
	// Facts of the same number of changes describe the same register, so
	// they agree; max gives NULL when there is none.
	err = db.sql.QueryRowContext(ctx, `SELECT max(possible_duplicates), max(incomplete)
		FROM register_facts WHERE writes = (SELECT count(*) FROM register_writes)`).Scan(&duplicates, &incomplete)
	if err != nil {
		return counts, false, db.internal("read the participant register's counts of data quality", err)
	}
	known = duplicates.Valid && incomplete.Valid
	return RegisterQuality{PossibleDuplicates: duplicates.Int64, Incomplete: incomplete.Int64}, known, nil
}

// CountRegisterQuality counts the register's counts of the data-quality
// report, knowing whether the register names each participant once
// (RegisterUnique): then each takes a shorter way.
func (db *DB) CountRegisterQuality(ctx context.Context, unique bool) (RegisterQuality, error) {
	return countRegisterQuality(ctx, db.sql, unique)
}

// rowQuerier is a database or a transaction.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// countRegisterQuality counts RegisterQuality on q: in a transaction, of
// its snapshot.
func countRegisterQuality(ctx context.Context, q rowQuerier, unique bool) (RegisterQuality, error) {
	var counts RegisterQuality
	var files string
	if err := q.QueryRowContext(ctx, registerFilesQuery).Scan(&files); err != nil {
		return counts, fmt.Errorf("read the register's files: %w", err)
	}
	// No register file, no one registered by one.
	if files != "" {
		query := possibleDuplicatesQuery
		if unique {
			query = uniqueDuplicatesQuery
		}
		if err := q.QueryRowContext(ctx, fmt.Sprintf(query, files)).Scan(&counts.PossibleDuplicates); err != nil {
			return counts, fmt.Errorf("look for duplicate participants: %w", err)
		}
	}
	incomplete := incompleteGrouped
	if unique {
		incomplete = incompleteRows
	}
	if err := q.QueryRowContext(ctx, incomplete).Scan(&counts.Incomplete); err != nil {
		return counts, fmt.Errorf("look for participants without attributes: %w", err)
	}
	return counts, nil
}

// registerFilesQuery lists the source ids of the register's own files
// (kind participants) as SQL, "" when there are none.
const registerFilesQuery = `SELECT coalesce(string_agg(id::VARCHAR, ', ' ORDER BY id), '') FROM sources WHERE kind = 'participants'`

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
    SELECT * FROM participants WHERE source_id IN (%[1]s)
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

// uniqueDuplicatesQuery is possibleDuplicatesQuery for a register that
// names each participant once: no one is registered twice, and the people
// who share their attributes are the rows of the sets shared by more than
// one row.
//
// In both, %[1]s lists the ids of the register's own files
// (registerFilesQuery): a list of numbers is a filter DuckDB applies as it
// scans, where a subquery on sources was a join of every row (at a million
// participants, about a fifth of the statement's CPU).
const uniqueDuplicatesQuery = `
SELECT coalesce(sum(n), 0) FROM (
    SELECT count(*) AS n FROM participants
    WHERE source_id IN (%[1]s)
      AND gender IS NOT NULL AND birth_year IS NOT NULL AND target_group IS NOT NULL
      AND cohort IS NOT NULL AND start_date IS NOT NULL
    GROUP BY gender, birth_year, target_group, cohort, start_date
    HAVING count(*) > 1
)`

// incompleteGrouped counts the registered people without gender or
// target group from the register or any list.
const incompleteGrouped = `SELECT count(*) FROM (SELECT participant FROM participants GROUP BY participant
    HAVING count(nullif(gender, 'unknown')) = 0 OR count(target_group) = 0)`

// incompleteRows counts the same when each person has one row.
const incompleteRows = `SELECT count(*) FROM participants WHERE nullif(gender, 'unknown') IS NULL OR target_group IS NULL`

// registerQualityMigrated writes a fact of the register with its counts of
// the data-quality report after the migrations from version from to to
// have added their columns (migrations/*_register_quality.sql), so that a
// migrated store need not count them at its first evaluation. As after a
// load, a failure leaves no such fact, and the evaluation counts.
func registerQualityMigrated(ctx context.Context, db *DB, from, to int) {
	if from >= registerQualityVersion || to < registerQualityVersion {
		return
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	recordRegisterFact(ctx, conn, to)
}
