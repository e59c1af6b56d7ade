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
	if got, want := schemaVersions(t, db), "1 init\n2 views\n"; got != want {
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
