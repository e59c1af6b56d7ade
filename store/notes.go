package store

import (
	"context"
	"database/sql/driver"
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

// SourceNote is one note about an ingested file.
type SourceNote struct {
	SourceID int64
	Line     int
	Note     string
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
		list = append(list, n)
	}
	if err := rows.Err(); err != nil {
		return nil, db.internal("read the notes of the ingest log", err)
	}
	return list, nil
}
