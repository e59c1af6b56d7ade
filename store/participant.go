package store

import (
	"fmt"
	"slices"
	"strconv"
)

// The participant pseudonym is stored as its 64 bits (migration 0008): a
// UBIGINT whose 16 lowercase hex digits, zero-padded, are the pseudonym
// that data-files.md describes. Joins and group-bys compare one machine
// word instead of a string; whatever a person or another tool reads (an
// export, a dump, a report) shows the hex text, whose order is the
// number's.

// participantNumberVersion is the schema version that stores the
// pseudonym as a UBIGINT. A store of an older schema, which tests build
// with Options.Migrations, still holds its text.
const participantNumberVersion = 8

// ParticipantNumber returns the 64 bits of a pseudonym written as its
// PseudonymLength (16) hex characters: the number the store holds.
func ParticipantNumber(pseudonym string) (uint64, error) {
	if len(pseudonym) != 16 {
		return 0, fmt.Errorf("participant %q is not a pseudonym of 16 hex characters", pseudonym)
	}
	n, err := strconv.ParseUint(pseudonym, 16, 64)
	if err != nil {
		return 0, fmt.Errorf("participant %q is not a pseudonym of 16 hex characters", pseudonym)
	}
	return n, nil
}

// ParticipantText returns the pseudonym of a stored number: 16 lowercase
// hex characters, zero-padded.
func ParticipantText(n uint64) string {
	return fmt.Sprintf("%016x", n)
}

// participantTextSQL is the SQL expression that reads a participant
// column as the pseudonym's text, the same as ParticipantText.
func participantTextSQL(column string) string {
	return "printf('%016x', " + column + ")"
}

// participantFromText is the SQL expression that stores a column of
// pseudonyms' text in a participant column.
func (db *DB) participantFromText(column string) string {
	if !db.numberedParticipants() {
		return column
	}
	return "('0x' || " + column + ")::UBIGINT"
}

// participantFromID is the SQL expression with which ReadCSV, the floor
// that ingest is measured against, stores a raw id column in a participant
// column: DuckDB's own 64-bit hash, unkeyed, where ingest stores the keyed
// pseudonym.
func (db *DB) participantFromID(column string) string {
	if !db.numberedParticipants() {
		return column
	}
	return "hash(" + column + ")"
}

// numberedParticipants reports whether the store holds pseudonyms as
// numbers.
func (db *DB) numberedParticipants() bool { return db.schema >= participantNumberVersion }

// participantParam returns the placeholder of a pseudonym that a statement
// compares with, or stores in, a participant column, and checks the
// pseudonym. The parameter is the pseudonym's text, which the placeholder
// converts: database/sql refuses a uint64 parameter with its high bit set,
// half of all pseudonyms.
func (db *DB) participantParam(pseudonym string) (string, error) {
	if !db.numberedParticipants() {
		return "?", nil
	}
	if _, err := ParticipantNumber(pseudonym); err != nil {
		return "", err
	}
	return db.participantFromText("?::VARCHAR"), nil
}

// participantValue returns the value that a writer stores in a participant
// column, given what Append took: a pseudonym's text or number.
func (db *DB) participantValue(v any) (any, error) {
	if !db.numberedParticipants() {
		return v, nil
	}
	switch v := v.(type) {
	case string:
		return ParticipantNumber(v)
	case uint64, nil:
		return v, nil
	}
	return nil, fmt.Errorf("participant: cannot store a Go %T; pass the pseudonym's text or number", v)
}

// selectReadable is the query of a whole table (or view) as people and
// other tools read it, rows sorted by all their columns: a participant
// column as the pseudonym's hex text, every other column as stored.
func (db *DB) selectReadable(table string) string {
	if db.numberedParticipants() && slices.Contains(Tables[table], "participant") {
		return `SELECT * REPLACE (` + participantTextSQL("participant") + ` AS participant) FROM ` + table + ` ORDER BY ALL`
	}
	return `SELECT * FROM ` + table + ` ORDER BY ALL`
}
