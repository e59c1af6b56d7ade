package store

import (
	"context"
	"database/sql"
)

// registerFactsVersion is the schema version that keeps whether the
// register names each participant once (0009_register_facts.sql).
const registerFactsVersion = 9

// RegisterUnique returns whether the participants table names each
// participant once (count(*) = count(DISTINCT participant)), as the store
// keeps it: every transaction that changes the table records so in
// register_writes, and once it has committed the load records the
// register's uniqueness in register_facts, read in one snapshot with the
// number of changes it saw. known is false when no fact names the current
// state of the register (a store older than version 9, or a process that
// stopped between a change and its fact): the caller then counts.
func (db *DB) RegisterUnique(ctx context.Context) (unique, known bool, err error) {
	if db.schema < registerFactsVersion {
		return false, false, nil
	}
	var fact sql.NullBool
	// Facts of the same number of changes describe the same register, so
	// they agree; bool_and gives NULL when there is none.
	err = db.sql.QueryRowContext(ctx, `SELECT bool_and("unique") FROM register_facts
		WHERE writes = (SELECT count(*) FROM register_writes)`).Scan(&fact)
	if err != nil {
		return false, false, db.internal("read whether the participant register names each participant once", err)
	}
	return fact.Bool, fact.Valid, nil
}

// recordRegisterFact writes the register's uniqueness as it is now, with
// the number of changes it has seen, in one statement and so one
// snapshot. It runs after the change has committed, outside its
// transaction: two loads at once each see only their own change inside
// theirs, and a fact written there could name a state that never was.
func recordRegisterFact(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, `INSERT INTO register_facts (writes, "unique")
		SELECT (SELECT count(*) FROM register_writes), count(*) = count(DISTINCT participant) FROM participants`)
	return err
}

// changesRegister notes that the load has changed the participants table,
// which its Commit records in register_writes.
func (l *Load) changesRegister() {
	l.registerChanged = l.db.schema >= registerFactsVersion
}

// registerWritten records, inside the load's transaction, that it changed
// the participants table, when it did.
func (l *Load) registerWritten() error {
	if !l.registerChanged {
		return nil
	}
	_, err := l.conn.ExecContext(l.ctx, `INSERT INTO register_writes (source_id) VALUES (?)`, int32(l.sourceID))
	return err
}

// registerFact records the register's uniqueness after a committed load
// that changed it. A failure leaves no fact for the new state, which
// RegisterUnique then reports as not known, and the evaluation counts:
// the load itself has been committed and stays.
func (l *Load) registerFact() {
	if l.registerChanged {
		recordRegisterFact(l.ctx, l.conn)
	}
}

// execChangingRegister runs a statement that changes the participants
// table in a transaction that records the change, and then records the
// register's uniqueness (as Load does for a file's rows).
func (db *DB) execChangingRegister(ctx context.Context, query string) (sql.Result, error) {
	if db.schema < registerFactsVersion {
		return db.sql.ExecContext(ctx, query)
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	result, err := tx.ExecContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO register_writes (source_id) VALUES (NULL)`); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	recordRegisterFact(ctx, conn)
	return result, nil
}
