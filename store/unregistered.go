package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// The store keeps, for each file, how many of its lines name someone the
// participant register does not hold (migration 0013, unregistered_facts),
// so that evaluate knows when everyone seen in the data is registered. The
// data-quality report counts the people seen but not registered; without
// the facts, the evaluation's pass over every person's lines must carry
// each person's pseudonym, group the follow-ups with the rest, and look
// every person up in the register. On the generator's project of
// 1,000,000 participants, where everyone is registered, knowing it takes
// the pass from 0.70 to 0.53 s (1.31 to 1.02 s of CPU, median of 5), and
// a whole evaluate --json from 2.29 to 2.07 s (4.2 to 3.8 s of CPU,
// median of 7, alternating).
//
// A load of attendance, answers, job-market lines or follow-ups counts its
// own lines against the register once it has committed, in a transaction
// of its own, and a change of the register counts every file's again in
// the transaction that records the register's facts (registerfacts.go):
// each fact is of the state of the register its transaction saw. A
// collected answer adds its lines to its collection's fact, and counts
// again the files whose lines it replaced, in its own transaction. A re-ingest deletes the facts of
// its file with its lines. Evaluate trusts the facts of the register's
// current state only when their lines add up to the four tables' rows:
// lines written without a fact (DuckDB's own reader, the floor of the
// benchmarks, or a process that stopped before the fact) make it count as
// before.

// unregisteredVersion is the schema version that keeps the facts (0013).
const unregisteredVersion = 13

// namingTables are the tables that name people beside the register.
var namingTables = []string{"attendance", "answers", "jobmarket", "followups"}

// namedLines lists, in SQL, the source and participant of every line of
// namingTables, of the sources `where` selects.
func namedLines(where string) string {
	var parts []string
	for _, table := range namingTables {
		parts = append(parts, `SELECT source_id, participant FROM `+table+where)
	}
	return strings.Join(parts, "\nUNION ALL ")
}

// countUnregistered counts, in q's snapshot, the lines of the given
// sources (every source when sources is nil) and those of them naming
// someone the register does not hold, and records them as the facts of
// the register's state there. A source without lines gets no fact.
func countUnregistered(ctx context.Context, q queryer, sources []int64) error {
	where := ""
	if sources != nil {
		if len(sources) == 0 {
			return nil
		}
		where = " WHERE source_id IN " + idList(sources)
	}
	// NOT IN as the evaluation's pass has it: a line without a
	// participant names no one unregistered.
	_, err := q.ExecContext(ctx, `INSERT INTO unregistered_facts (source_id, writes, lines, unregistered)
		SELECT source_id, (SELECT count(*) FROM register_writes), count(*),
		       count(*) FILTER (WHERE participant NOT IN (SELECT participant FROM participants))
		FROM (`+namedLines(where)+`) GROUP BY source_id`)
	return err
}

// recountUnregistered replaces the facts of the given sources by counting
// them again, inside the transaction q that changed their lines.
func recountUnregistered(ctx context.Context, q queryer, sources []int64) error {
	if len(sources) == 0 {
		return nil
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM unregistered_facts WHERE source_id IN `+idList(sources)); err != nil {
		return err
	}
	return countUnregistered(ctx, q, sources)
}

// countCollectedPerson keeps the facts of a collected answer's
// transaction: the collection gains added lines of one person (person is
// the placeholder of the pseudonym, participantParam), and the sources
// whose lines it replaced (changed) are counted again. Where the
// collection lost none and has a fact of the register's state, the lines
// are added to it in one statement: counting the collection again took
// 3.5 ms of every answer (BenchmarkCollectAnswer, 19.3 against 15.8 ms).
func countCollectedPerson(ctx context.Context, tx *sql.Tx, source int64, person string, pseudonym any, added int64, changed []int64) error {
	err := recountUnregistered(ctx, tx, changed)
	if err != nil || added == 0 || slices.Contains(changed, source) {
		// The collection, when it lost a line, was counted again with
		// its new ones.
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE unregistered_facts SET lines = lines + ?,
		unregistered = unregistered + CASE WHEN `+person+` NOT IN (SELECT participant FROM participants) THEN ? ELSE 0 END
		WHERE source_id = ? AND writes = (SELECT count(*) FROM register_writes)`, added, pseudonym, added, source)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	return recountUnregistered(ctx, tx, []int64{source})
}

// unregisteredFact records the facts of a committed load's lines, in a
// transaction of its own, when its kind names people beside the register
// and the load did not change the register (registerFact then counted
// every file). A failure leaves no fact, and the evaluation counts.
func (l *Load) unregisteredFact() {
	if l.registerChanged || l.db.schema < unregisteredVersion {
		return
	}
	if !slices.Contains(namingTables, l.db.loadTable(l.info.Kind)) {
		return
	}
	tx, err := l.conn.BeginTx(l.ctx, nil)
	if err != nil {
		return
	}
	defer tx.Rollback()
	if countUnregistered(l.ctx, tx, []int64{l.sourceID}) == nil {
		tx.Commit()
	}
}

// EveryoneRegistered reports whether the store knows that the register
// holds every participant that the attendance lists, the answers, the job
// market and the follow-ups name: the facts of the register's current
// state cover every line of those tables, and none names anyone missing.
// False means that someone is missing or that the store does not know (a
// store older than unregisteredVersion, lines written without a fact); the
// caller then counts.
func (db *DB) EveryoneRegistered(ctx context.Context) (bool, error) {
	if db.schema < unregisteredVersion {
		return false, nil
	}
	// Two facts of a source in one state of the register, written by
	// a load and by the change of the register that saw it, are alike
	// and count once; facts that differ add up to more lines than
	// the tables hold, and are not trusted.
	counts := make([]string, len(namingTables))
	for i, table := range namingTables {
		counts[i] = `(SELECT count(*) FROM ` + table + `)`
	}
	var lines, unregistered, rows int64
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce(sum(lines), 0), coalesce(sum(unregistered), 0), `+strings.Join(counts, " + ")+`
		FROM (SELECT DISTINCT source_id, lines, unregistered FROM unregistered_facts
		      WHERE writes = (SELECT count(*) FROM register_writes))`).Scan(&lines, &unregistered, &rows)
	if err != nil {
		return false, db.internal("read whether the register holds everyone seen in the data", err)
	}
	return lines == rows && unregistered == 0, nil
}
