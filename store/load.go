package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Source is one row of the ingest log: a data file as it was last loaded.
type Source struct {
	// ID is the source_id that the file's rows and rejects carry.
	ID int64
	// Path is the file's path relative to the project folder.
	Path string
	// Kind is the kind of data the file holds, one of Kinds.
	Kind string
	// Hash is the hex SHA-256 of the file's content when it was loaded.
	Hash string
	// Settings is the fingerprint of how the file was read (see
	// LoadInfo.Settings); "" for a file loaded by an impact that did not
	// record it (a NULL in the store).
	Settings string
	// IngestedAt is when the file was loaded (the caller's clock, UTC).
	IngestedAt time.Time
	// RowsRead, RowsLoaded and RowsRejected are the counts ingest reported.
	RowsRead, RowsLoaded, RowsRejected int64
}

// settingsVersion is the schema version that added sources.settings.
const settingsVersion = 3

// settingsColumn is the expression that reads a source's settings: the
// column, or NULL in a store of an older schema (which tests build with
// Options.Migrations) that has no such column.
func (db *DB) settingsColumn() string {
	if db.schema < settingsVersion {
		return "NULL"
	}
	return "settings"
}

// selectSource is the query of the ingest log that scanSource reads.
func (db *DB) selectSource() string {
	return `SELECT id, path, kind, hash, coalesce(` + db.settingsColumn() + `, ''), ingested_at,
	coalesce(rows_read, 0), coalesce(rows_loaded, 0), coalesce(rows_rejected, 0) FROM sources`
}

func scanSource(scan func(dest ...any) error) (Source, error) {
	var s Source
	err := scan(&s.ID, &s.Path, &s.Kind, &s.Hash, &s.Settings, &s.IngestedAt, &s.RowsRead, &s.RowsLoaded, &s.RowsRejected)
	return s, err
}

// SourceByPath returns the ingest-log entry of the file at path (relative to
// the project folder) and whether there is one. Ingest compares its Hash,
// Kind and Settings with the file's to skip a file it has already loaded
// the same way.
func (db *DB) SourceByPath(ctx context.Context, path string) (Source, bool, error) {
	s, err := scanSource(db.sql.QueryRowContext(ctx, db.selectSource()+` WHERE path = ?`, path).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Source{}, false, nil
	}
	if err != nil {
		return Source{}, false, db.internal("read the ingest log for "+path, err)
	}
	return s, true, nil
}

// Sources returns the whole ingest log ordered by path.
func (db *DB) Sources(ctx context.Context) ([]Source, error) {
	rows, err := db.sql.QueryContext(ctx, db.selectSource()+` ORDER BY path`)
	if err != nil {
		return nil, db.internal("read the ingest log", err)
	}
	defer rows.Close()
	var list []Source
	for rows.Next() {
		s, err := scanSource(rows.Scan)
		if err != nil {
			return nil, db.internal("read the ingest log", err)
		}
		list = append(list, s)
	}
	if err := rows.Err(); err != nil {
		return nil, db.internal("read the ingest log", err)
	}
	return list, nil
}

// LoadInfo names the file that a Load writes.
type LoadInfo struct {
	// Path is the file's path relative to the project folder. An earlier
	// load of the same path is replaced.
	Path string
	// Kind is the kind of data, one of Kinds; it chooses the table.
	Kind string
	// Hash is the hex SHA-256 of the file's content.
	Hash string
	// Settings is a fingerprint of how the file is read: its source entry
	// and the command line's overrides, as ingest computes it. It must not
	// hold anything secret. "" records NULL: settings not known.
	Settings string
	// Now is the time recorded as ingested_at; time.Now when zero.
	Now time.Time
	// ID, when not 0, is the source id that ReserveSourceID gave the path
	// before the load began; 0 takes the next id now.
	ID int64
}

// Load is the loading of one file: one transaction on a connection of its
// own, with a rowWriter (Arrow record batches, or the DuckDB Appender in a
// build without the duckdb_arrow tag) writing the rows into that transaction.
// Nothing of it is visible to other connections, or survives a crash or a
// Rollback, until Commit. A Load is not safe for concurrent use; always
// defer Rollback, which does nothing after Commit.
type Load struct {
	db       *DB
	ctx      context.Context
	conn     *sql.Conn
	info     LoadInfo
	sourceID int64
	width    int
	rows     rowWriter
	rejects  rowWriter
	row      []driver.Value
	appended int64
	rejected int64
	err      error
	done     bool
	// answers is what a load of survey answers keeps (answers.go).
	answers answerState
	// participantFirst is whether the kind's first column is the
	// participant (participant.go).
	participantFirst bool
	// registerChanged is whether the load changed the participants
	// table (registerfacts.go).
	registerChanged bool
	// lines counts the lines of a load of answers or follow-ups by
	// person (linefacts.go); nil for the other kinds.
	lines *lineTracker
	// missing counts the load's missing values (missing.go).
	missing *missingTracker
}

// BeginLoad starts the load of one file. In one transaction it deletes every
// row that an earlier load of the same path left in any table (rejects
// included) and writes the path's ingest-log entry with the new kind, hash,
// settings and time, so that a changed file (or a file read differently) is
// a correction, never a duplicate.
func (db *DB) BeginLoad(ctx context.Context, info LoadInfo) (*Load, error) {
	if !IsKind(info.Kind) {
		return nil, impact.Errorf(impact.EINVALID, "store: cannot load %s: kind %q is not known; use one of %s", info.Path, info.Kind, strings.Join(Kinds, ", "))
	}
	if info.Path == "" || info.Hash == "" {
		return nil, impact.Said(impact.EINTERNAL, nil, i18n.Keep(i18n.CLI, "en", "store.bug", fmt.Sprintf("BeginLoad needs a path and a hash (got path %q, hash %q)", info.Path, info.Hash)))
	}
	if strings.ContainsAny(info.Settings, "\x00\n") {
		// DataHash separates the entries it hashes with NUL and newline.
		return nil, impact.Said(impact.EINTERNAL, nil, i18n.Keep(i18n.CLI, "en", "store.bug", fmt.Sprintf("BeginLoad of %s got settings with a NUL or a newline; settings must be a fingerprint such as a hex hash", info.Path)))
	}
	if info.Settings != "" && db.schema < settingsVersion {
		return nil, impact.Errorf(impact.EINTERNAL, "store %s: cannot record the settings of %s in a store of schema version %d (they need version %d); open it without Options.Migrations so that it is migrated; this is a bug in impact, report it", db.path, info.Path, db.schema, settingsVersion)
	}
	if info.Now.IsZero() {
		info.Now = time.Now()
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, db.internal("get a connection to load "+info.Path, err)
	}
	l := &Load{db: db, ctx: ctx, conn: conn, info: info, width: len(db.loadColumns(info.Kind))}
	l.participantFirst = db.loadColumns(info.Kind)[0] == "participant"
	if err := db.loads.begin(ctx, conn); err != nil {
		conn.Close()
		return nil, db.internal("begin the load of "+info.Path, err)
	}
	// The transaction is begun with a plain statement rather than
	// conn.BeginTx: the writers need the raw driver connection, and
	// database/sql would not let it be used beside a *sql.Tx.
	if _, err := conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		db.loads.end(db.sql)
		conn.Close()
		return nil, db.internal("begin the load of "+info.Path, err)
	}
	if err := l.begin(); err != nil {
		l.abort()
		return nil, err
	}
	return l, nil
}

// begin replaces the path's earlier rows and entry and opens the writer.
func (l *Load) begin() error {
	ctx, db, info := l.ctx, l.db, l.info
	at := info.Now.UTC()
	// No settings is stored as NULL, as for sources loaded before they were
	// recorded, so that ingest treats both alike: as not known. A store of
	// an older schema (built by tests) has no column for them at all.
	var settings any
	if info.Settings != "" {
		settings = info.Settings
	}
	insert := `INSERT INTO sources (kind, hash, settings, ingested_at, path) VALUES (?, ?, ?, ?, ?) RETURNING id`
	update := `UPDATE sources SET kind = ?, hash = ?, settings = ?, ingested_at = ?,
		rows_read = NULL, rows_loaded = NULL, rows_rejected = NULL WHERE id = ?`
	values := []any{info.Kind, info.Hash, settings, at}
	if db.schema < settingsVersion {
		insert = `INSERT INTO sources (kind, hash, ingested_at, path) VALUES (?, ?, ?, ?) RETURNING id`
		update = `UPDATE sources SET kind = ?, hash = ?, ingested_at = ?,
		rows_read = NULL, rows_loaded = NULL, rows_rejected = NULL WHERE id = ?`
		values = []any{info.Kind, info.Hash, at}
	}
	err := l.conn.QueryRowContext(ctx, `SELECT id FROM sources WHERE path = ?`, info.Path).Scan(&l.sourceID)
	if errors.Is(err, sql.ErrNoRows) && info.ID != 0 {
		// The id reserved for the path, in the order of the run's files.
		insert = strings.Replace(strings.Replace(insert, "(kind,", "(id, kind,", 1), "VALUES (", "VALUES (?, ", 1)
		values = append([]any{info.ID}, values...)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = l.conn.QueryRowContext(ctx, insert, append(values, info.Path)...).Scan(&l.sourceID)
		if err != nil {
			return db.internal("record the source "+info.Path, err)
		}
	case err != nil:
		return db.internal("read the ingest log for "+info.Path, err)
	default:
		var tables []string
		for _, kind := range Kinds {
			tables = append(tables, db.loadTable(kind)) // answers for responses (answers.go)
		}
		tables = append(tables, "rejects")
		if db.schema >= notesVersion {
			tables = append(tables, "notes")
		}
		if db.schema >= lineFactsVersion {
			tables = append(tables, "answer_facts", "followup_facts")
		}
		if db.schema >= unregisteredVersion {
			tables = append(tables, "unregistered_facts")
		}
		if db.schema >= missingFactsVersion {
			tables = append(tables, "missing_facts")
		}
		for _, table := range tables {
			res, err := l.conn.ExecContext(ctx, `DELETE FROM `+table+` WHERE source_id = ?`, l.sourceID)
			if err != nil {
				return db.internal(fmt.Sprintf("delete the earlier rows of %s from %s", info.Path, table), err)
			}
			if n, err := res.RowsAffected(); table == "participants" && (err != nil || n > 0) {
				l.changesRegister()
			}
		}
		_, err = l.conn.ExecContext(ctx, update, append(values, l.sourceID)...)
		if err != nil {
			return db.internal("update the source "+info.Path, err)
		}
	}
	if info.Kind == "participants" {
		l.changesRegister()
	}
	l.rows, err = newWriter(ctx, l.conn, db.loadTable(info.Kind))
	if err != nil {
		return db.internal("start writing to "+info.Kind, err)
	}
	l.row = make([]driver.Value, 0, l.width+3)
	if table := db.loadTable(info.Kind); db.schema >= lineFactsVersion && (table == "answers" || table == "followups") {
		l.lines = &lineTracker{answers: table == "answers"}
	}
	if db.schema >= missingFactsVersion {
		l.missing = newMissingTracker(info.Kind)
	}
	return nil
}

// ReserveSourceID returns the source id that a load of path will carry:
// the path's id when it was loaded before, else the next id, taken now
// (LoadInfo.ID gives it to BeginLoad). Loads that run at once reserve
// their ids in the order of their files, so that the ids are those that
// loading the files one by one gives. An id reserved and never used is
// lost, as the id of a refused load is.
func (db *DB) ReserveSourceID(ctx context.Context, path string) (int64, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, `SELECT id FROM sources WHERE path = ?`, path).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = db.sql.QueryRowContext(ctx, `SELECT nextval('sources_id_seq')`).Scan(&id)
	}
	if err != nil {
		return 0, db.internal("reserve a source id for "+path, err)
	}
	return id, nil
}

// SourceID returns the id that the load's rows carry as source_id.
func (l *Load) SourceID() int64 { return l.sourceID }

// Appended returns the number of rows appended so far.
func (l *Load) Appended() int64 { return l.appended }

// Append adds one row of the load's kind. line is the row's line in the
// file; values are the kind's columns in the order of Tables[kind]. The Load
// adds source_id and line itself. Values are Go values of the column's type
// (see ColumnType) or nil for NULL; pointers, named types and
// driver.Valuers (sql.NullString …) are unwrapped.
func (l *Load) Append(line int, values ...any) error {
	if l.done {
		return errClosed
	}
	if l.err != nil {
		return l.err
	}
	if len(values) != l.width {
		return impact.Said(impact.EINTERNAL, nil, i18n.Keep(i18n.CLI, "en", "store.bug", fmt.Sprintf("append to %s from %s line %d: got %d values, want %d (%s)",
			l.info.Kind, l.info.Path, line, len(values), l.width, strings.Join(Tables[l.info.Kind], ", "))))
	}
	if l.storesAnswers() {
		// A long-form answer (item, value) becomes its answers row.
		var err error
		if values, err = l.answerRow(values); err != nil {
			return err
		}
		if err := l.checkValues(line, values); err != nil {
			return err
		}
	}
	l.row = l.row[:0]
	for _, v := range values {
		l.row = append(l.row, plain(v))
	}
	if l.participantFirst {
		// The pseudonym's text becomes the number the store holds.
		var err error
		if l.row[0], err = l.db.participantValue(l.row[0]); err != nil {
			return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.bug", fmt.Sprintf("append to %s from %s line %d: %v", l.info.Kind, l.info.Path, line, err)))
		}
	}
	l.row = append(l.row, int32(l.sourceID), int32(line))
	if l.keepsAnswered() {
		// The mask of the line's answered items (answers.go).
		l.row = append(l.row, answeredMask(l.row[valuesAt]))
	}
	if err := l.rows.append(l.row); err != nil {
		// A full batch is written to the table during Append: a cancelled
		// load fails here, not only at Commit.
		if cancelled := l.cancelled(); cancelled != nil {
			l.err = cancelled
			return l.err
		}
		l.err = impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.bug", fmt.Sprintf("append to %s from %s line %d: %s", l.info.Kind, l.info.Path, line, oneLine(err.Error()))))
		return l.err
	}
	l.appended++
	if l.lines != nil {
		l.lines.track(l.row)
	}
	if l.missing != nil {
		l.missing.track(l.row, l.keepsAnswered())
	}
	return nil
}

// Reject records that a line of the file was refused, and why: the column
// ("" when the reason concerns the whole row) and a reason a person can act
// on. Never pass the rejected value itself; it may be personal data. A line
// of 0 records a reason that concerns the whole file.
func (l *Load) Reject(line int, column, reason string) error {
	if l.done {
		return errClosed
	}
	if l.err != nil {
		return l.err
	}
	if l.rejects == nil {
		var err error
		if l.rejects, err = newWriter(l.ctx, l.conn, "rejects"); err != nil {
			l.err = l.db.internal("start writing to rejects", err)
			return l.err
		}
	}
	var lineValue, columnValue driver.Value
	if line > 0 {
		lineValue = int32(line)
	}
	if column != "" {
		columnValue = column
	}
	if err := l.rejects.append([]driver.Value{int32(l.sourceID), lineValue, columnValue, reason}); err != nil {
		l.err = l.db.internal(fmt.Sprintf("record a rejected row of %s line %d", l.info.Path, line), err)
		return l.err
	}
	l.rejected++
	return nil
}

// Commit flushes the appended rows, records the counts that ingest reports
// for the file (rows read, loaded and rejected) in its ingest-log entry and
// commits. On any failure the load is rolled back and nothing is written.
func (l *Load) Commit(read, loaded, rejected int64) error {
	if l.done {
		return errClosed
	}
	if l.err != nil {
		err := l.err
		l.abort()
		return err
	}
	if cancelled := l.cancelled(); cancelled != nil {
		l.abort()
		return cancelled
	}
	// The load's lines are counted by person while DuckDB writes the
	// last of them (linefacts.go).
	var counted chan struct{}
	if l.lines != nil {
		counted = make(chan struct{})
		go func() {
			l.lines.count()
			close(counted)
		}()
	}
	if err := l.flushWriters(); err != nil {
		l.abort()
		if cancelled := l.cancelled(); cancelled != nil {
			return cancelled
		}
		return l.db.internal("write the rows of "+l.info.Path, err)
	}
	_, err := l.conn.ExecContext(l.ctx, `UPDATE sources SET rows_read = ?, rows_loaded = ?, rows_rejected = ? WHERE id = ?`,
		read, loaded, rejected, l.sourceID)
	if err != nil {
		l.abort()
		return l.db.internal("record the counts of "+l.info.Path, err)
	}
	if err := l.registerWritten(); err != nil {
		l.abort()
		return l.db.internal("record that "+l.info.Path+" changed the participant register", err)
	}
	if l.missing != nil {
		err := l.missing.write(l.ctx, l.conn, l.sourceID)
		if err == nil && l.registerChanged && l.info.Kind != "participants" {
			// The register's rows the list filled in.
			err = countMissing(l.ctx, l.conn, l.sourceID, "participants")
		}
		if err != nil {
			l.abort()
			return l.db.internal("count the missing values of "+l.info.Path, err)
		}
	}
	if counted != nil {
		<-counted
		if err := l.lines.write(l.ctx, l.conn, l.sourceID); err != nil {
			l.abort()
			return l.db.internal("record how often "+l.info.Path+" names each participant", err)
		}
	}
	if _, err := l.conn.ExecContext(l.ctx, `COMMIT`); err != nil {
		l.abort()
		if cancelled := l.cancelled(); cancelled != nil {
			return cancelled
		}
		return l.db.internal("commit the load of "+l.info.Path, err)
	}
	l.registerFact()
	l.unregisteredFact()
	l.done = true
	l.conn.Close()
	l.db.loads.end(l.db.sql)
	return nil
}

// cancelled returns the error of a load whose context was cancelled, or nil.
func (l *Load) cancelled() error {
	if ctxErr := l.ctx.Err(); ctxErr != nil {
		return &impact.Error{Code: impact.EINTERNAL, Message: fmt.Sprintf("store: the load of %s was cancelled; nothing of it was written", l.info.Path), Err: ctxErr}
	}
	return nil
}

// Rollback abandons the load: nothing of it is written, and an earlier load
// of the same path stays as it was. It does nothing after Commit or an
// earlier Rollback.
func (l *Load) Rollback() error {
	if l.done {
		return nil
	}
	return l.abort()
}

// abort discards the writers' buffered rows and rolls the transaction back.
// It uses a fresh context so that a cancelled load is still rolled back.
func (l *Load) abort() error {
	l.done = true
	for _, w := range []rowWriter{l.rows, l.rejects} {
		if w != nil {
			w.discard()
		}
	}
	l.rows, l.rejects = nil, nil
	defer l.db.loads.end(l.db.sql)
	if _, err := l.conn.ExecContext(context.Background(), `ROLLBACK`); err != nil {
		// A connection whose transaction state is unknown must not go back
		// to the pool: ErrBadConn from Raw makes database/sql discard it.
		l.conn.Raw(func(any) error { return driver.ErrBadConn })
		l.conn.Close()
		return l.db.internal("roll back the load of "+l.info.Path, err)
	}
	l.conn.Close()
	return nil
}

// flushWriters writes what both writers still buffer and releases them.
func (l *Load) flushWriters() error {
	var errs []error
	for _, w := range []rowWriter{l.rows, l.rejects} {
		if w != nil {
			errs = append(errs, w.flush())
		}
	}
	l.rows, l.rejects = nil, nil
	return errors.Join(errs...)
}

// loadOnOneThread is whether loads hold DuckDB to one thread;
// BenchmarkWriteAnswers measures both.
var loadOnOneThread = true

// loadThreads runs DuckDB on one thread while at least one load is under
// way, and on as many as before once the last has ended. A load's INSERT
// reads an Arrow stream whose every vector of 2048 rows DuckDB may treat as
// a batch of its own; on more than one thread each thread gathers its own
// small batches, which DuckDB then copies together into row groups. In
// the whole ingest of the 1,000,000-row wide file of scripts/bench.sh,
// DuckDB's share of the CPU profile fell from 2.2 s to 1.0 s on one thread
// (of which 0.28 s moved into the COMMIT, at the end), while Go's reading
// and converting keep the other core busy; BenchmarkWriteAnswers, DuckDB
// alone, shows 10 % less CPU (see the package doc). threads is a setting
// of the whole database, so queries that run beside a load (the goal
// board of impact serve) run on one thread until it ends.
type loadThreads struct {
	mu      sync.Mutex
	loading int
	before  int64
}

// begin counts a load in, setting DuckDB's threads to 1 for the first.
func (t *loadThreads) begin(ctx context.Context, conn *sql.Conn) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loading == 0 && loadOnOneThread {
		if err := conn.QueryRowContext(ctx, `SELECT current_setting('threads')`).Scan(&t.before); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `SET threads = 1`); err != nil {
			return err
		}
	}
	t.loading++
	return nil
}

// end counts a load out, giving DuckDB its threads back after the last. A
// failure to do so is not the load's: its rows are written or rolled back
// either way, and only the speed of later queries of the process suffers.
func (t *loadThreads) end(db *sql.DB) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.loading--; t.loading == 0 && t.before > 0 {
		db.ExecContext(context.Background(), fmt.Sprintf(`SET threads = %d`, t.before))
		t.before = 0
	}
}
