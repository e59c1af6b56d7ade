package store

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"strings"

	"github.com/joiningforces/impact/i18n"
)

// notesVersion is the schema version that added the notes table.
const notesVersion = 4

// Note records something ingest did with the load's file that a person
// should see (a summary row not loaded, a header matched by its text): at
// a line, or 0 for the whole file. It must never hold personal data. A
// store of an older schema has nowhere to keep it, and drops it.
func (l *Load) Note(line int, what string) error {
	if l.done {
		return errClosed
	}
	if l.err != nil {
		return l.err
	}
	if l.db.schema < notesVersion {
		return nil
	}
	var lineValue driver.Value
	if line > 0 {
		lineValue = int32(line)
	}
	if _, err := l.conn.ExecContext(l.ctx, `INSERT INTO notes (source_id, line, note) VALUES (?, ?, ?)`, int32(l.sourceID), lineValue, what); err != nil {
		l.err = l.db.internal("record a note about "+l.info.Path, err)
		return l.err
	}
	return nil
}

// NoteKept records a note kept as its message (see i18n.Kept), so that
// each reader sees it in their own language; a store of an older schema
// drops it, as Note does.
func (l *Load) NoteKept(line int, said i18n.Kept) error {
	data, err := json.Marshal(said)
	if err != nil {
		return l.db.internal("encode a note about "+l.info.Path, err)
	}
	return l.Note(line, keptPrefix+string(data))
}

// keptPrefix starts the note column of a note kept as its message; the
// plain text of an older note never starts so.
const keptPrefix = "i18n.kept:"

// SourceNote is one note about an ingested file.
type SourceNote struct {
	SourceID int64
	Line     int
	// Note is the note as the run that made it said it.
	Note string
	// Said is the note as its message, nil for a note kept as plain text
	// (by an older impact, or one that speaks no language).
	Said *i18n.Kept
}

// Notes returns every note about the ingested files, by source and line.
func (db *DB) Notes(ctx context.Context) ([]SourceNote, error) {
	if db.schema < notesVersion {
		return nil, nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT source_id, coalesce(line, 0), note FROM notes ORDER BY source_id, line NULLS FIRST, rowid`)
	if err != nil {
		return nil, db.internal("read the notes of the ingest log", err)
	}
	defer rows.Close()
	var list []SourceNote
	for rows.Next() {
		var n SourceNote
		if err := rows.Scan(&n.SourceID, &n.Line, &n.Note); err != nil {
			return nil, db.internal("read the notes of the ingest log", err)
		}
		if kept, ok := strings.CutPrefix(n.Note, keptPrefix); ok {
			var said i18n.Kept
			if err := json.Unmarshal([]byte(kept), &said); err != nil {
				return nil, db.internal("read a note of the ingest log", err)
			}
			n.Note, n.Said = said.String(), &said
		}
		list = append(list, n)
	}
	if err := rows.Err(); err != nil {
		return nil, db.internal("read the notes of the ingest log", err)
	}
	return list, nil
}

// Register adds a participant-register row from a file of another kind: the
// attributes (target_group, gender, birth_year, cohort; nil for none) that
// an attendance list or a survey carries for a person, with that file's
// provenance. The register's own rows (files of kind participants) keep
// their values; these fill only what they lack (exports.md).
func (l *Load) Register(line int, participant string, targetGroup, gender, birthYear, cohort any) error {
	if l.done {
		return errClosed
	}
	if l.err != nil {
		return l.err
	}
	person, err := l.db.participantParam(participant)
	if err != nil {
		l.err = l.db.internal("record a register row from "+l.info.Path, err)
		return l.err
	}
	if _, err := l.conn.ExecContext(l.ctx, `INSERT INTO participants (participant, target_group, gender, birth_year, cohort, start_date, source_id, line) VALUES (`+person+`, ?, ?, ?, ?, NULL, ?, ?)`,
		participant, plain(targetGroup), plain(gender), plain(birthYear), plain(cohort), int32(l.sourceID), int32(line)); err != nil {
		l.err = l.db.internal("record a register row from "+l.info.Path, err)
		return l.err
	}
	l.changesRegister()
	return nil
}
