// Package store keeps the ingested data of a project in one DuckDB file and
// is the only package that imports the DuckDB driver. It owns the schema and
// its versioned migrations, the transactional bulk load that ingest uses
// (one transaction per file, rows handed to DuckDB as Arrow record batches;
// see Writing rows), the ingest
// log with each file's SHA-256, snapshots for tests, query passthroughs for
// metrics and the export to Parquet or CSV.
//
// Open a store, load a file, and read it back:
//
//	db, err := store.Open(ctx, filepath.Join(dir, ".impact", "impact.duckdb"))
//	...
//	defer db.Close()
//	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/survey.csv", Kind: "responses", Hash: sum, Now: now})
//	...
//	defer load.Rollback() // a no-op after Commit
//	err = load.Append(2, pseudonym, "meetup-1", date, "pre", "swemwbs_1", 4.0)
//	...
//	err = load.Commit(read, loaded, rejected)
//
// # The participant
//
// A pseudonym is stored as its 64 bits, a UBIGINT (participant.go,
// migration 0008), and read as its 16 hex characters wherever a person or
// another tool sees it: exports, dumps, the register's values. Append takes
// the pseudonym's text (or its uint64). On the 1,000,000-participant
// project, evaluate --json took 0.69 × the CPU that it took with the
// pseudonym as VARCHAR (user+sys, the median ratio of three alternating
// pairs; medians 5.6 s against 8.0 s, wall 3.7 s against 6.5 s) and 0.81 ×
// the peak RSS (597 against 736 MB), on 2 cores shared with other work,
// the document identical; ingest took 0.85 × the CPU, and the store shrank
// from 75.5 to 66.3 MB. Migrating that store took about 2 s.
//
// # Beside a running server
//
// DuckDB lets one process at a time open a database file for writing, and
// impact serve runs for hours while people load data in another terminal.
// So serve holds the store only while it works (Shared): it opens the file
// for one upload or to read the data hash, and closes it when the last
// request using it is done; it notices writes by others from the file's
// size and modification time before each page. An evaluation reads a
// snapshot (Shared.Snapshot): a copy of the file made under the lock after
// a checkpoint, made again only when the data changed. Every command opens
// the store with a wait (Options.Wait, the command line's --wait, default
// 10 s) and gives up with "store busy" (ECONFLICT, exit code 5) naming the
// pid and command of the holder. Two writers are never inside the file at
// once: the lock is DuckDB's own.
//
// Measured on 2 cores shared with other work (load average 9-13), with go
// test -bench Shared and IMPACT_BENCH_STORE, and with the command line, for
// the bundled example and for impact-synth -participants 1000000 (a 121 MB
// store; ingesting all of it takes 156 s):
//
//	                                          example     1,000,000
//	notice that nothing changed (2 stat calls)   2.2 µs        2.3 µs
//	open, read the data hash, close              29-38 ms      25-84 ms
//	checkpoint, copy and open a snapshot          61 ms        157 ms
//	impact evaluate --json (what serve computes)  0.36 s       26.4 s
//	impact ingest of a small attendance list
//	  while serve evaluates                       0.2 s        3.9 s
//
// Holding the store for the whole evaluation, as a first version of this
// design did, kept every other command out for up to 26 s at a million
// participants, past the default wait; the snapshot holds it for 0.16 s.
// The other designs cost more for what they give. Commands that ask a
// running server over a local socket would send every data file through
// the server (208 MB of CSV for the million) and give each command a second
// way to run. A read-only snapshot alone would still need the real file for
// uploads, which Shared gives. The board follows a change on its next
// request; at a million participants the evaluation itself, not the store,
// is what it waits for.
//
// # Writing rows
//
// A Load gathers the rows of a file column by column in Arrow builders made
// from the table's column types (read from DuckDB's catalogue), and every
// 122,880 rows (one DuckDB row group) and at Commit hands the batch to
// DuckDB as a temporary view over an Arrow stream that one INSERT … SELECT
// copies into the table, inside the load's transaction on the load's own
// connection; the INSERT of a batch runs while the next one is built. This
// needs duckdb-go's Arrow interface, compiled only with the build tag
// duckdb_arrow, which the Makefile, scripts/bench.sh and .ci/run set. A
// plain go build still works: it writes through the DuckDB Appender, one cgo
// call per value (write_appender.go); make test vets that build and runs
// this package's tests in it.
//
// Measured with BenchmarkWriteWide (1,000,000 wide survey rows: participant,
// event, date, wave and 7 answers; median of 3 in one run, on 2 cores shared
// with other work at a load average of 8-12; wall seconds, then CPU seconds
// of Go and DuckDB's threads):
//
//	                                               Appender       Arrow
//	as 7,000,000 long rows of responses (a Load)  37.2 / 15.3  27.4 / 11.7
//	as 1,000,000 rows with the answers a DOUBLE[]  6.4 /  5.3   3.7 /  2.7
//	DuckDB's own CREATE TABLE AS read_csv(file)    3.8 /  2.1 (the floor)
//
// Inserting the batch one after the other instead of beside the next one's
// building took 22.4 / 16.2 and 6.0 / 3.4 (in the whole ingest below, three
// rounds showed no clear difference either way). The whole impact ingest of the
// 1,000,000-row wide file of scripts/bench.sh, in six rounds that ran this
// path, the Appender and DuckDB's read_csv one after the other (a load
// average of 15-28), had medians of 58.5 s wall and 15.9 s CPU against the
// Appender's 68.1 s and 19.2 s (read_csv: 10.2 s and 2.8 s); the ratio within
// a round ranged from 0.51 to 1.09, and peak RSS fell from 273 to 223 MiB.
// Of the remaining CPU, about half is DuckDB storing seven long rows per
// wide row (INSERT … SELECT: 7 s of 15 s in the profile; an INSERT from a
// table of DuckDB's own costs as much), the rest is ingest reading,
// checking and pseudonymising; the Arrow path's own work
// (the builders) is 1.2 s.
//
// A column that holds one value on every row of a batch (a file's event,
// date, wave, form and source_id) is written as a parameter of the INSERT,
// not row by row, and DuckDB runs on one thread while loads are under way
// (loadThreads in load.go). BenchmarkWriteAnswers (1,000,000 answers rows
// through a Load, closing the store included; six runs each, interleaved,
// at a load average of 8; CPU seconds, median): 1.80 with both, 1.77
// without the constant columns (no difference beyond the noise), 1.98 on
// every thread. In the whole ingest of the wide file, where Go's reading
// and converting use the other core, DuckDB's share of the profile fell
// from 2.2 s to 1.0 s on one thread.
package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// DB is an open store: one DuckDB database file, migrated to the newest
// schema. It is safe for concurrent use; DuckDB allows one process at a time
// to open the file for writing.
type DB struct {
	path   string
	sql    *sql.DB
	schema int

	// loads runs DuckDB on one thread while loads are under way (load.go).
	loads loadThreads
	// mem is the cap on DuckDB's memory during evaluations (memory.go).
	mem memoryCap
}

// Options tunes OpenWith. The zero value is what Open uses.
type Options struct {
	// Migrations replaces the embedded migrations when not nil. Tests pass
	// a prefix of Migrations() to build a store of an older schema.
	Migrations []Migration
	// Now returns the time recorded for each applied migration; time.Now
	// when nil.
	Now func() time.Time
	// Wait is how long to keep trying while another process holds the
	// store, before giving up with "store busy" (ECONFLICT); zero gives up
	// at once.
	Wait time.Duration
	// ReadOnly opens an existing store for reading only, without
	// migrating it: a snapshot that Shared made (see Shared.Snapshot).
	ReadOnly bool
}

// Open opens the store at path, creating its folder and the database file
// when they are missing, and applies the migrations it lacks. Another
// process holding the file gives an ECONFLICT "store busy" error at once
// (OpenWith with Options.Wait waits for it); a store of a newer schema than
// this build knows gives EINVALID.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with Options: a chosen list of migrations or a clock.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.CLI, "en", "store.no_path"))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, impact.Said(impact.EINVALID, err, i18n.Keep(i18n.CLI, "en", "store.path", path, err))
	}
	if strings.ContainsRune(abs, '?') {
		return nil, impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.CLI, "en", "store.path_question", path))
	}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		return nil, impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.CLI, "en", "store.folder", path, filepath.Join(path, "impact.duckdb")))
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, impact.Said(impact.EINVALID, err, i18n.Keep(i18n.CLI, "en", "store.mkdir", path, err))
	}
	dsn := abs
	if opts.ReadOnly {
		dsn += "?access_mode=read_only"
	}
	deadline := time.Now().Add(opts.Wait)
	connector, err := duckdb.NewConnector(dsn, nil)
	for err != nil && lockConflict.MatchString(err.Error()) && time.Now().Before(deadline) && sleepRetry(ctx, deadline) {
		connector, err = duckdb.NewConnector(dsn, nil)
	}
	if err != nil {
		return nil, openError(path, opts.Wait, err)
	}
	db := &DB{path: path, sql: sql.OpenDB(connector)}
	migrations := opts.Migrations
	if migrations == nil {
		migrations = Migrations()
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if opts.ReadOnly {
		db.schema, err = db.readSchemaVersion(ctx)
	} else {
		db.schema, err = db.migrate(ctx, migrations, now)
	}
	if err != nil {
		db.sql.Close()
		return nil, err
	}
	return db, nil
}

var (
	lockConflict = regexp.MustCompile(`(?i)could not set lock on file|conflicting lock`)
	lockHolder   = regexp.MustCompile(`\(PID (\d+)\)`)
)

// openError turns DuckDB's refusal to open a file into an error for a person.
func openError(path string, wait time.Duration, err error) error {
	msg := err.Error()
	if lockConflict.MatchString(msg) {
		return busyError(path, wait, err)
	}
	if strings.Contains(msg, "Could not read enough bytes") {
		// A file cut short (a full disk, a copy stopped half-way) is
		// damage, not a wrong --db.
		return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.damaged", path))
	}
	return impact.Said(impact.EINVALID, err, i18n.Keep(i18n.CLI, "en", "store.open", path, oneLine(msg)))
}

// internal wraps a failure the user cannot fix by changing the input.
func (db *DB) internal(action string, err error) error {
	return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.internal", db.path, action, oneLine(err.Error())))
}

// oneLine folds DuckDB's multi-line messages (with their LINE 1: carets)
// into the one line an error for a person must be.
func oneLine(msg string) string {
	// DuckDB appends the C++ stack of an internal error to its message:
	// that is for IMPACT_DEBUG (the wrapped cause keeps it), not the line
	// a person reads.
	if i := strings.Index(msg, "Stack Trace:"); i >= 0 {
		msg = msg[:i]
	}
	return strings.Join(strings.Fields(msg), " ")
}

// Close closes the store and releases the file for other processes. It is
// safe to call more than once.
func (db *DB) Close() error {
	if db == nil || db.sql == nil {
		return nil
	}
	err := db.sql.Close()
	db.sql = nil
	db.mem.removeSpill()
	if err != nil {
		return db.internal("close", err)
	}
	return nil
}

// Path returns the path the store was opened with.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the schema version of the open store: the version of
// the last migration applied to it.
func (db *DB) SchemaVersion() int { return db.schema }

// DuckDBVersion returns the version of the DuckDB library the store runs on,
// such as "v1.5.0", for `impact version`.
func (db *DB) DuckDBVersion(ctx context.Context) (string, error) {
	var version string
	if err := db.sql.QueryRowContext(ctx, `SELECT version()`).Scan(&version); err != nil {
		return "", db.internal("read the DuckDB version", err)
	}
	return version, nil
}

// Query runs a query that returns rows, for the metrics code. Arguments are
// bound to ? or $1 placeholders.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, query, args...)
}

// QueryRow runs a query that returns at most one row; errors are deferred to
// Scan, as in database/sql.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, query, args...)
}

// Exec runs a statement that returns no rows. Loading data goes through
// BeginLoad instead, so that a file is one transaction.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.sql.ExecContext(ctx, query, args...)
}

// errClosed is returned by methods called on a closed Load.
var errClosed = errors.New("store: the load is already committed or rolled back")
