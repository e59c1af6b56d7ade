package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// RegisterKnown is, for one person a file says something of, what the file
// says (its first line naming the person with an attribute, and each
// attribute's first value as text with its line; "" and 0 for one it does
// not give) and what the register's own files (kind participants) say:
// whether the register has the person, and each attribute as text, "" for
// none, the last register row's value winning as in the evaluation.
type RegisterKnown struct {
	Participant string
	Line        int
	File        [4]string
	FileLines   [4]int
	InRegister  bool
	Values      [4]string
}

// RegisterStage gathers, line by line, what a file says of people's
// register attributes (target_group, gender, birth_year and cohort, as
// text), in a temporary table of a connection of its own, and then
// compares it with the register (Diff). Nothing per person stays in Go
// memory while the file is read: a list of a million people is staged in
// DuckDB, which spills what does not fit. The stage reads the register
// as committed: the register's own files load alone, before any list.
type RegisterStage struct {
	db      *DB
	ctx     context.Context
	conn    *sql.Conn
	table   string
	pending []registerLine
	staged  int
}

// registerLine is one staged line: its number, the person's pseudonym and
// the attributes it gives (nil for none).
type registerLine struct {
	line        int
	participant string
	values      [4]*string
}

// registerBatch is the number of lines a stage keeps before it appends
// them to its table.
const registerBatch = 8192

// StageRegister begins a stage for one file. Close ends it.
func (db *DB) StageRegister(ctx context.Context) (*RegisterStage, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, db.internal("stage the participant attributes of a list", err)
	}
	s := &RegisterStage{db: db, ctx: ctx, conn: conn, table: uniqueName("impact_register_lines")}
	// The participant column takes the register's own type, whatever the
	// pseudonym's stored form.
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+s.table+` AS
		SELECT 0::INTEGER AS line, participant, ''::VARCHAR AS v0, ''::VARCHAR AS v1, ''::VARCHAR AS v2, ''::VARCHAR AS v3
		FROM participants LIMIT 0`); err != nil {
		conn.Close()
		return nil, db.internal("stage the participant attributes of a list", err)
	}
	return s, nil
}

// Add stages what line says of participant (a pseudonym's text): values
// in the order target_group, gender, birth_year, cohort, nil for an
// attribute the line does not give.
func (s *RegisterStage) Add(line int, participant string, values [4]*string) error {
	s.pending = append(s.pending, registerLine{line: line, participant: participant, values: values})
	if len(s.pending) >= registerBatch {
		return s.flush()
	}
	return nil
}

// flush appends the pending lines to the table through the Appender.
func (s *RegisterStage) flush() error {
	if len(s.pending) == 0 {
		return nil
	}
	err := s.conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(driver.Conn)
		if !ok {
			return fmt.Errorf("not a driver connection: %T", driverConn)
		}
		a, err := duckdb.NewAppender(dc, "temp", "main", s.table)
		if err != nil {
			return err
		}
		row := make([]driver.Value, 6)
		for _, l := range s.pending {
			participant, err := s.db.participantValue(l.participant)
			if err != nil {
				a.Clear()
				a.Close()
				return err
			}
			row[0], row[1] = int32(l.line), participant
			for j, v := range l.values {
				row[2+j] = nil
				if v != nil {
					row[2+j] = *v
				}
			}
			if err := a.AppendRow(row...); err != nil {
				a.Clear()
				a.Close()
				return err
			}
		}
		return a.Close()
	})
	if err != nil {
		return s.db.internal("stage the participant attributes of a list", err)
	}
	s.staged += len(s.pending)
	s.pending = s.pending[:0]
	return nil
}

// Diff returns, in the order in which the file first names each person
// with an attribute, every person the register lacks or whose attributes
// differ from the file's (one the file gives that the register lacks or
// holds otherwise), with the file's first value of each attribute. A
// person whose every given attribute the register holds alike is left
// out. The comparison is a join in DuckDB: neither the file's people nor
// the register are read into memory.
func (s *RegisterStage) Diff() ([]RegisterKnown, error) {
	if err := s.flush(); err != nil {
		return nil, err
	}
	if s.staged == 0 {
		return nil, nil
	}
	var first, lines []string
	for i := range 4 {
		v := fmt.Sprintf("v%d", i)
		first = append(first, fmt.Sprintf("arg_min(%s, line) FILTER (WHERE %s IS NOT NULL) AS %s", v, v, v))
		lines = append(lines, fmt.Sprintf("coalesce(min(line) FILTER (WHERE %s IS NOT NULL), 0) AS l%d", v, i))
	}
	const order = `source_id::BIGINT * 4294967296 + line`
	participant := "f.participant"
	if s.db.numberedParticipants() {
		participant = participantTextSQL(participant)
	}
	query := `WITH f AS (
			SELECT participant, min(line) AS first, ` + first[0] + `, ` + first[1] + `, ` + first[2] + `, ` + first[3] + `,
			` + lines[0] + `, ` + lines[1] + `, ` + lines[2] + `, ` + lines[3] + `
			FROM temp.` + s.table + ` GROUP BY participant),
		register AS (
			SELECT participant,
			coalesce(arg_max_null(target_group, ` + order + `), '') AS r0,
			coalesce(nullif(arg_max_null(gender, ` + order + `), 'unknown'), '') AS r1,
			coalesce(arg_max_null(birth_year::VARCHAR, ` + order + `), '') AS r2,
			coalesce(arg_max_null(cohort, ` + order + `), '') AS r3
			FROM participants
			WHERE source_id IN (SELECT id FROM sources WHERE kind = 'participants')
			AND participant IN (SELECT participant FROM f)
			GROUP BY participant)
		SELECT ` + participant + `, f.first,
			coalesce(f.v0, ''), coalesce(f.v1, ''), coalesce(f.v2, ''), coalesce(f.v3, ''), f.l0, f.l1, f.l2, f.l3,
			r.participant IS NOT NULL, coalesce(r.r0, ''), coalesce(r.r1, ''), coalesce(r.r2, ''), coalesce(r.r3, '')
		FROM f LEFT JOIN register r ON r.participant = f.participant
		WHERE r.participant IS NULL
			OR (f.v0 IS NOT NULL AND f.v0 <> r.r0) OR (f.v1 IS NOT NULL AND f.v1 <> r.r1)
			OR (f.v2 IS NOT NULL AND f.v2 <> r.r2) OR (f.v3 IS NOT NULL AND f.v3 <> r.r3)
		ORDER BY f.first`
	rows, err := s.conn.QueryContext(s.ctx, query)
	if err != nil {
		return nil, s.db.internal("compare the participant attributes of a list with the register", err)
	}
	defer rows.Close()
	var known []RegisterKnown
	for rows.Next() {
		var k RegisterKnown
		if err := rows.Scan(&k.Participant, &k.Line, &k.File[0], &k.File[1], &k.File[2], &k.File[3],
			&k.FileLines[0], &k.FileLines[1], &k.FileLines[2], &k.FileLines[3],
			&k.InRegister, &k.Values[0], &k.Values[1], &k.Values[2], &k.Values[3]); err != nil {
			return nil, s.db.internal("compare the participant attributes of a list with the register", err)
		}
		known = append(known, k)
	}
	if err := rows.Err(); err != nil {
		return nil, s.db.internal("compare the participant attributes of a list with the register", err)
	}
	return known, nil
}

// Close drops the stage's table and gives its connection back, so that a
// pooled connection carries nothing on.
func (s *RegisterStage) Close() {
	s.conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.`+s.table)
	s.conn.Close()
}
