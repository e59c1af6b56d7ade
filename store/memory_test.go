package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/store"
)

// memoryLimit returns DuckDB's memory limit as it shows it.
func memoryLimit(t *testing.T, db *store.DB) string {
	t.Helper()
	var s string
	if err := db.QueryRow(context.Background(), `SELECT current_setting('memory_limit')`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMemoryCapShared: two holders of the cap on one store, the second
// asking less than the first and ending after it: the cap stays the
// larger until the last holder ends, and then the limit is what it was;
// a lift puts it back at once for both.
func TestMemoryCapShared(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(ctx, `SET memory_limit = '2GiB'`); err != nil {
		t.Fatal(err)
	}
	before := memoryLimit(t, db)
	hold := func(limit int64) *store.MemoryCap {
		t.Helper()
		c, err := db.LimitMemory(ctx, limit)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Capped() {
			t.Fatalf("a cap of %d bytes under a limit of %s is not in place", limit, before)
		}
		return c
	}
	release := func(c *store.MemoryCap) {
		t.Helper()
		if err := c.Release(); err != nil {
			t.Fatal(err)
		}
	}
	expect := func(when, want string) {
		t.Helper()
		if got := memoryLimit(t, db); got != want {
			t.Fatalf("%s the limit is %s; want %s", when, got, want)
		}
	}
	first := hold(1 << 30)
	capped := memoryLimit(t, db)
	if capped == before {
		t.Fatalf("the limit is %s under a cap of 1 GiB", capped)
	}
	second := hold(512 << 20)
	expect("with a second holder asking 512 MiB", capped)
	release(first)
	expect("the first holder ended while the second runs:", capped)
	release(second)
	release(second)
	expect("after both holders", before)

	// A lift while two hold the cap: the limit is back at once, and
	// stays back after both end.
	first, second = hold(1<<30), hold(2<<30-1)
	if err := second.Lift(); err != nil {
		t.Fatal(err)
	}
	expect("after a lift", before)
	release(second)
	release(first)
	expect("after a lift and both holders", before)
}

// TestMemoryCapSpillsOutsideAStoreFolderItCannotWrite: a read-only store
// whose own temporary folder cannot be made (a file has its name) spills
// under the cap into a folder of os.TempDir(), which goes when the store
// closes. The same statement under the same limit without LimitMemory
// fails, so it did need to spill.
func TestMemoryCapSpillsOutsideAStoreFolderItCannotWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.duckdb")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".tmp", []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	const (
		limit  = 64 << 20
		spills = `SELECT count(*) FROM (SELECT DISTINCT i::VARCHAR || '-a-string-of-some-length' FROM range(3000000) t(i))`
	)
	open := func() *store.DB {
		t.Helper()
		db, err := store.OpenWith(ctx, path, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}

	db = open()
	if _, err := db.Exec(ctx, `SET memory_limit = '64MiB'`); err != nil {
		t.Fatal(err)
	}
	var n int64
	err = db.QueryRow(ctx, spills).Scan(&n)
	if err == nil || !store.OutgrewCap(err) {
		t.Fatalf("under a limit of 64 MiB with no folder to spill to the statement gave %d, %v; want an error that OutgrewCap knows", n, err)
	}
	db.Close()

	db = open()
	defer db.Close()
	c, err := db.LimitMemory(ctx, limit)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Capped() {
		t.Fatal("the cap of 64 MiB is not in place")
	}
	var spill string
	if err := db.QueryRow(ctx, `SELECT current_setting('temp_directory')`).Scan(&spill); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(spill, filepath.Join(os.TempDir(), "impact-spill-")) {
		t.Fatalf("DuckDB spills to %s; want a folder in %s", spill, os.TempDir())
	}
	if err := db.QueryRow(ctx, spills).Scan(&n); err != nil {
		t.Fatalf("under the cap: %v", err)
	}
	if n != 3000000 {
		t.Fatalf("under the cap the statement counts %d; want 3000000", n)
	}
	if err := c.Release(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spill); !os.IsNotExist(err) {
		t.Fatalf("the folder %s is still there after Close: %v", spill, err)
	}
}

// TestMemoryCapPutsBackDuckDBsOwnLimit: the limit DuckDB chose itself
// (80 % of the machine's memory, shown to a tenth of its unit) is the same
// after each of three caps, and after a cap that DuckDB refused because it
// holds more already.
func TestMemoryCapPutsBackDuckDBsOwnLimit(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	own := memoryLimit(t, db)
	for _, limit := range []int64{512 << 20, 600 << 20, 700<<20 + 1, 1 << 10} {
		c, err := db.LimitMemory(ctx, limit)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Release(); err != nil {
			t.Fatal(err)
		}
		if got := memoryLimit(t, db); got != own {
			t.Fatalf("after a cap of %d bytes the limit is %s; want DuckDB's own, %s", limit, got, own)
		}
	}
}
