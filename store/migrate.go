package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// SchemaVersion is the newest schema version this build of impact knows: the
// version of the last file in migrations/. A store with a newer version was
// written by a newer impact and is refused.
const SchemaVersion = 14

// Migration is one step of the schema: SQL that takes a store from version
// Version-1 to Version. It is applied in one transaction together with its
// row in the schema_version table.
type Migration struct {
	// Version is the number in the file name (0001_init.sql is version 1).
	Version int
	// Name is the rest of the file name without its extension ("init").
	Name string
	// SQL holds the statements, separated by semicolons.
	SQL string
}

//go:embed migrations/*.sql
var migrationFiles embed.FS

var migrationName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.sql$`)

// Migrations returns the migrations embedded in this build, ordered by
// version. Tests pass a prefix of it to OpenWith to build an older store.
func Migrations() []Migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(fmt.Sprintf("store: embedded migrations: %v", err))
	}
	var list []Migration
	for _, entry := range entries {
		match := migrationName.FindStringSubmatch(entry.Name())
		if match == nil {
			panic(fmt.Sprintf("store: migration file %s is not named NNNN_name.sql", entry.Name()))
		}
		version, _ := strconv.Atoi(match[1])
		text, err := migrationFiles.ReadFile("migrations/" + entry.Name())
		if err != nil {
			panic(fmt.Sprintf("store: embedded migration %s: %v", entry.Name(), err))
		}
		list = append(list, Migration{Version: version, Name: match[2], SQL: string(text)})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Version < list[j].Version })
	return list
}

// createSchemaVersion creates the bookkeeping table of the migrations. It
// lives outside the migrations because it must exist before the first one.
const createSchemaVersion = `CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)`

// migrate brings the store up to the newest of migrations and returns the
// resulting schema version. A store newer than every migration is refused.
func (db *DB) migrate(ctx context.Context, migrations []Migration, now func() time.Time) (int, error) {
	if _, err := db.sql.ExecContext(ctx, createSchemaVersion); err != nil {
		return 0, db.internal("create the schema_version table", err)
	}
	current, err := db.readSchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	known := 0
	for i, m := range migrations {
		if m.Version != i+1 {
			return 0, impact.Said(impact.EINTERNAL, nil, i18n.Keep(i18n.CLI, "en", "store.out_of_sequence", fmt.Sprintf("%04d_%s", m.Version, m.Name), i18n.Verbatim{Value: i + 1}))
		}
		known = m.Version
	}
	if current > known {
		return 0, impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.CLI, "en", "store.newer", db.path, i18n.Verbatim{Value: current}, i18n.Verbatim{Value: known}))
	}
	applied, from := false, current
	for _, m := range migrations {
		if m.Version <= current {
			continue
		}
		if err := db.apply(ctx, m, now()); err != nil {
			return 0, err
		}
		current, applied = m.Version, true
	}
	// The register's counts of the data-quality report, which the
	// migration itself leaves to Go (registerquality.go).
	registerQualityMigrated(ctx, db, from, current)
	// The counts of missing values of the files already stored
	// (missing.go).
	missingFactsMigrated(ctx, db, from, current)
	if applied {
		// Write the new schema into the database file now rather than leave
		// it in the write-ahead log: DuckDB 1.5 cannot replay an ALTER TABLE
		// on a table whose column default calls a function (sources.id's
		// nextval), so a process killed before its next checkpoint would
		// leave a store that no longer opens (TestMigrationSurvivesAKill).
		if _, err := db.sql.ExecContext(ctx, `CHECKPOINT`); err != nil {
			return 0, db.internal("checkpoint the migrated schema", err)
		}
	}
	return current, nil
}

// readSchemaVersion returns the highest applied version, 0 for a new store.
func (db *DB) readSchemaVersion(ctx context.Context) (int, error) {
	var version sql.NullInt64
	if err := db.sql.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&version); err != nil {
		return 0, db.internal("read the schema version", err)
	}
	return int(version.Int64), nil
}

// apply runs one migration and records it, in one transaction: a failure
// leaves the store at the version before.
func (db *DB) apply(ctx context.Context, m Migration, at time.Time) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.internal("begin migration "+m.Name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return db.internal(fmt.Sprintf("apply migration %04d_%s", m.Version, m.Name), err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`, m.Version, m.Name, at.UTC()); err != nil {
		return db.internal(fmt.Sprintf("record migration %04d_%s", m.Version, m.Name), err)
	}
	if err := tx.Commit(); err != nil {
		return db.internal(fmt.Sprintf("commit migration %04d_%s", m.Version, m.Name), err)
	}
	return nil
}
