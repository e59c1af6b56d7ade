package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

func TestMigrations(t *testing.T) {
	list := store.Migrations()
	if len(list) < 2 {
		t.Fatalf("Migrations() has %d entries, want at least 2", len(list))
	}
	for i, m := range list {
		if got, want := m.Version, i+1; got != want {
			t.Fatalf("migration %d (%s) has version %d, want %d", i, m.Name, got, want)
		}
		if m.Name == "" || m.SQL == "" {
			t.Fatalf("migration %d is empty: %+v", m.Version, m)
		}
	}
	if got, want := list[len(list)-1].Version, store.SchemaVersion; got != want {
		t.Fatalf("last migration is version %d, but SchemaVersion is %d", got, want)
	}
}

func schemaVersions(t *testing.T, db *store.DB) string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT version, name FROM schema_version ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out string
	for rows.Next() {
		var version int
		var name string
		if err := rows.Scan(&version, &name); err != nil {
			t.Fatal(err)
		}
		out += fmt.Sprintf("%d %s\n", version, name)
	}
	return out
}

// allVersions is what schemaVersions says of a store with every migration.
func allVersions() string {
	var out string
	for _, m := range store.Migrations() {
		out += fmt.Sprintf("%d %s\n", m.Version, m.Name)
	}
	return out
}

func TestMigrateOlderStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")

	old, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := old.SchemaVersion(), 1; got != want {
		t.Fatalf("old store SchemaVersion() = %d, want %d", got, want)
	}
	mustLoadParticipants(t, old, "data/people.csv", "h1", 3)
	if _, err := old.Query(ctx, `SELECT * FROM source_summary`); err == nil {
		t.Fatal("a version-1 store has the views of version 2")
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db := MustOpen(t, path)
	if got, want := db.SchemaVersion(), store.SchemaVersion; got != want {
		t.Fatalf("migrated SchemaVersion() = %d, want %d", got, want)
	}
	if got, want := schemaVersions(t, db), allVersions(); got != want {
		t.Fatalf("schema_version =\n%swant\n%s", got, want)
	}
	var kept int64
	if err := db.QueryRow(ctx, `SELECT count(*) FROM source_summary`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	if got, want := MustCounts(t, db)["participants"], int64(3); got != want || kept != 1 {
		t.Fatalf("after migration: participants = %d (want %d), sources in source_summary = %d (want 1)", got, want, kept)
	}
}

// TestMigrateVersion2Store migrates a store made before sources recorded
// their settings: its rows stay, and its sources have NULL settings, which
// ingest reads as not known.
func TestMigrateVersion2Store(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")

	old, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:2]})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := old.SchemaVersion(), 2; got != want {
		t.Fatalf("old store SchemaVersion() = %d, want %d", got, want)
	}
	mustLoadParticipants(t, old, "data/people.csv", "h1", 3)
	mustLoadParticipants(t, old, "data/more.csv", "h2", 2)
	if _, err := old.Query(ctx, `SELECT settings FROM sources`); err == nil {
		t.Fatal("a version-2 store has the settings column of version 3")
	}
	if s, _, err := old.SourceByPath(ctx, "data/people.csv"); err != nil || s.Settings != "" || s.Hash != "h1" {
		t.Fatalf("SourceByPath on a version-2 store = %+v, %v", s, err)
	}
	_, err = old.BeginLoad(ctx, store.LoadInfo{Path: "data/x.csv", Kind: "participants", Hash: "h", Settings: "s"})
	if got, want := impact.ErrorCode(err), impact.EINTERNAL; got != want {
		t.Fatalf("settings in a version-2 store: code %q, want %q (%v)", got, want, err)
	}
	hashBefore, err := old.DataHash(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sourcesBefore, err := old.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db := MustOpen(t, path)
	if got, want := db.SchemaVersion(), 3; got < want {
		t.Fatalf("migrated SchemaVersion() = %d, want at least %d", got, want)
	}
	if got, want := schemaVersions(t, db), allVersions(); got != want {
		t.Fatalf("schema_version =\n%swant\n%s", got, want)
	}
	if got, want := MustCounts(t, db)["participants"], int64(5); got != want {
		t.Fatalf("after migration: participants = %d, want %d", got, want)
	}
	var sources, nulls int64
	if err := db.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE settings IS NULL) FROM source_summary`).Scan(&sources, &nulls); err != nil {
		t.Fatal(err)
	}
	if sources != 2 || nulls != 2 {
		t.Fatalf("after migration: %d sources, %d with NULL settings; want 2 and 2", sources, nulls)
	}
	sourcesAfter, err := db.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(sourcesAfter), fmt.Sprint(sourcesBefore); got != want {
		t.Fatalf("Sources() after migration =\n%s\nwant\n%s", got, want)
	}
	// A store migrated without reloading anything keeps its data hash.
	if hashAfter, err := db.DataHash(ctx); err != nil || hashAfter != hashBefore {
		t.Fatalf("DataHash after migration = %s (%v), want %s", hashAfter, err, hashBefore)
	}
	// The next load of a source records its settings.
	loadSettings(t, db, "data/people.csv", "h1", "s1")
	if s, _, err := db.SourceByPath(ctx, "data/people.csv"); err != nil || s.Settings != "s1" {
		t.Fatalf("SourceByPath after a reload = %+v, %v; want settings s1", s, err)
	}
}

func TestRefuseNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	db := MustOpen(t, path)
	if _, err := db.Exec(ctx, `INSERT INTO schema_version VALUES (99, 'future', now())`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	_, err := store.Open(ctx, path)
	checkError(t, err, impact.EINVALID, fmt.Sprintf("store %s has schema version 99 but this impact knows only up to %d; upgrade impact or use another --db", path, store.SchemaVersion))
	// The refusal released the file: another process is refused for the
	// schema too, not for a lock.
	out, err := runHelper(t, "open", path)
	if err != nil || !strings.HasPrefix(out, impact.EINVALID+"\n") {
		t.Fatalf("second process after a refused Open: %v: %s", err, out)
	}
}

func TestFailedMigrationIsRolledBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	broken := append(store.Migrations()[:1:1], store.Migration{
		Version: 2, Name: "broken",
		SQL: `CREATE TABLE half_done (a INTEGER); SELECT no_such_function();`,
	})
	_, err := store.OpenWith(ctx, path, store.Options{Migrations: broken})
	if got, want := impact.ErrorCode(err), impact.EINTERNAL; got != want {
		t.Fatalf("code = %q, want %q (%v)", got, want, err)
	}

	db, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:1]})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, want := schemaVersions(t, db), "1 init\n"; got != want {
		t.Fatalf("schema_version =\n%swant\n%s", got, want)
	}
	if _, err := db.Query(ctx, `SELECT * FROM half_done`); err == nil {
		t.Fatal("the failed migration left its table behind")
	}
}

func TestMigrationsOutOfSequence(t *testing.T) {
	gap := []store.Migration{store.Migrations()[0], {Version: 3, Name: "gap", SQL: "SELECT 1"}}
	_, err := store.OpenWith(context.Background(), filepath.Join(t.TempDir(), "impact.duckdb"), store.Options{Migrations: gap})
	if got, want := impact.ErrorCode(err), impact.EINTERNAL; got != want {
		t.Fatalf("code = %q, want %q (%v)", got, want, err)
	}
}

// TestMigrationSurvivesAKill opens a store of an older schema in a second
// process that dies right after the migration, without closing the store.
// DuckDB 1.5 cannot replay an ALTER TABLE on a table with a sequence
// default from its write-ahead log, so a migration left only in the log
// would make the store unopenable; the migration must be checkpointed into
// the database file before Open returns.
func TestMigrationSurvivesAKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	ctx := context.Background()
	old, err := store.OpenWith(ctx, path, store.Options{Migrations: store.Migrations()[:2]})
	if err != nil {
		t.Fatal(err)
	}
	load, err := old.BeginLoad(ctx, store.LoadInfo{Path: "data/people.csv", Kind: "participants", Hash: "h1", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Append(2, pseudonym("p1"), nil, "female", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(1, 1, 0); err != nil {
		t.Fatal(err)
	}
	old.Close()

	out, err := runHelper(t, "migrate-and-die", path)
	if !strings.Contains(out, "migrated") {
		t.Fatalf("the helper did not migrate: %v\n%s", err, out)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatalf("the store does not open after a process died right after migrating it: %v", err)
	}
	defer db.Close()
	if got, want := db.SchemaVersion(), store.SchemaVersion; got != want {
		t.Fatalf("schema version %d, want %d", got, want)
	}
	if got := MustCounts(t, db)["participants"]; got != 1 {
		t.Fatalf("participants = %d after the migration, want 1", got)
	}
}
