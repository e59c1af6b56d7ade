package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// RegisterFact is what one file says of one person's register attributes:
// the participant's pseudonym and target_group, gender, birth_year and
// cohort as text, nil for an attribute the file does not give.
type RegisterFact struct {
	Participant any
	Values      [4]*string
}

// RegisterKnown is what the register's own files (kind participants) say
// of the person of facts[Index]: whether the register has the person, and
// each attribute as text, "" for none, the last register row's value
// winning as in the evaluation.
type RegisterKnown struct {
	Index      int
	InRegister bool
	Values     [4]string
}

// RegisterDiff compares facts with the register inside the load's
// transaction and returns, in the order of facts, what the register says
// of each person it lacks or whose attributes differ from the facts (one
// the file gives that the register lacks or holds otherwise). A person
// whose every given attribute the register holds alike is left out. The
// comparison is a join in DuckDB: the register is never read into memory.
func (l *Load) RegisterDiff(facts []RegisterFact) ([]RegisterKnown, error) {
	if l.done {
		return nil, errClosed
	}
	if l.err != nil {
		return nil, l.err
	}
	known, err := l.db.registerDiff(l.ctx, l.conn, facts)
	if err != nil {
		l.err = l.db.internal("compare the participant attributes of "+l.info.Path+" with the register", err)
		return nil, l.err
	}
	return known, nil
}

// RegisterDiff is Load.RegisterDiff outside a load, for a dry run.
func (db *DB) RegisterDiff(ctx context.Context, facts []RegisterFact) ([]RegisterKnown, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, db.internal("compare participant attributes with the register", err)
	}
	defer conn.Close()
	known, err := db.registerDiff(ctx, conn, facts)
	if err != nil {
		return nil, db.internal("compare participant attributes with the register", err)
	}
	return known, nil
}

// registerDiff stages facts in a temporary table on conn and joins it with
// the register. The table is dropped before it returns, so that a pooled
// connection carries nothing on.
func (db *DB) registerDiff(ctx context.Context, conn *sql.Conn, facts []RegisterFact) ([]RegisterKnown, error) {
	if len(facts) == 0 {
		return nil, nil
	}
	registerFacts := uniqueName("impact_register_facts")
	// The participant column takes the register's own type, whatever the
	// pseudonym's stored form.
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+registerFacts+` AS
		SELECT 0::INTEGER AS ord, participant, ''::VARCHAR AS v0, ''::VARCHAR AS v1, ''::VARCHAR AS v2, ''::VARCHAR AS v3
		FROM participants LIMIT 0`); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.`+registerFacts)
	if err := db.stageFacts(conn, registerFacts, facts); err != nil {
		return nil, err
	}
	const order = `source_id::BIGINT * 4294967296 + line`
	rows, err := conn.QueryContext(ctx, `WITH register AS (
			SELECT participant,
			coalesce(arg_max_null(target_group, `+order+`), '') AS r0,
			coalesce(nullif(arg_max_null(gender, `+order+`), 'unknown'), '') AS r1,
			coalesce(arg_max_null(birth_year::VARCHAR, `+order+`), '') AS r2,
			coalesce(arg_max_null(cohort, `+order+`), '') AS r3
			FROM participants
			WHERE source_id IN (SELECT id FROM sources WHERE kind = 'participants')
			AND participant IN (SELECT participant FROM temp.`+registerFacts+`)
			GROUP BY participant)
		SELECT f.ord, r.participant IS NOT NULL, coalesce(r.r0, ''), coalesce(r.r1, ''), coalesce(r.r2, ''), coalesce(r.r3, '')
		FROM temp.`+registerFacts+` f LEFT JOIN register r ON r.participant = f.participant
		WHERE r.participant IS NULL
			OR (f.v0 IS NOT NULL AND f.v0 <> r.r0) OR (f.v1 IS NOT NULL AND f.v1 <> r.r1)
			OR (f.v2 IS NOT NULL AND f.v2 <> r.r2) OR (f.v3 IS NOT NULL AND f.v3 <> r.r3)
		ORDER BY f.ord`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var known []RegisterKnown
	for rows.Next() {
		var k RegisterKnown
		if err := rows.Scan(&k.Index, &k.InRegister, &k.Values[0], &k.Values[1], &k.Values[2], &k.Values[3]); err != nil {
			return nil, err
		}
		known = append(known, k)
	}
	return known, rows.Err()
}

// stageFacts appends facts to the temporary table through the Appender,
// which joins the connection's transaction.
func (db *DB) stageFacts(conn *sql.Conn, table string, facts []RegisterFact) error {
	return conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(driver.Conn)
		if !ok {
			return fmt.Errorf("not a driver connection: %T", driverConn)
		}
		a, err := duckdb.NewAppender(dc, "temp", "main", table)
		if err != nil {
			return err
		}
		row := make([]driver.Value, 6)
		for i, f := range facts {
			participant, err := db.participantValue(plain(f.Participant))
			if err != nil {
				a.Clear()
				a.Close()
				return err
			}
			row[0], row[1] = int32(i), participant
			for j, v := range f.Values {
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
}
