package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// memoryCap is the cap on DuckDB's memory that the evaluations running on
// one DB at the same time (impact serve's pages) share: the first sets it,
// the last puts the limit back.
type memoryCap struct {
	mu      sync.Mutex
	holders int
	// was is DuckDB's limit before the cap, as DuckDB shows it (to a
	// tenth of its unit); "" when no cap is in place.
	was string
	// limit is the cap in place, in bytes.
	limit int64
	// spill is the folder DuckDB spills to when the store's own folder
	// is not writable; Close removes it.
	spill string
}

// MemoryCap is one holder's share of the cap on DuckDB's memory
// (LimitMemory).
type MemoryCap struct {
	db       *DB
	capped   bool
	released bool
}

// LimitMemory caps the memory of DuckDB's buffer manager (its hash tables,
// sorts and the intermediate results of a statement) at limit bytes, so
// that a statement over more rows spills to a temporary folder instead of
// growing; DuckDB's own default is 80 % of the machine's memory. The
// folder is DuckDB's, beside the store, or one in os.TempDir() where the
// store's folder is not writable (a read-only store or folder).
//
// The cap holds for every connection of the store until the last holder
// releases it (MemoryCap.Release): a second evaluation while the first
// runs shares the cap, raised to the larger of the two, and the limit is
// put back only when both have ended. A limit already lower is kept
// (Capped is then false), as is the limit when DuckDB holds more than
// limit already.
func (db *DB) LimitMemory(ctx context.Context, limit int64) (*MemoryCap, error) {
	m := &db.mem
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.holders == 0:
		var was string
		if err := db.sql.QueryRowContext(ctx, `SELECT current_setting('memory_limit')`).Scan(&was); err != nil {
			return nil, db.internal("read the memory limit", err)
		}
		if current, ok := parseMemory(was); ok && current <= limit {
			break
		}
		if err := db.spillFolder(ctx); err != nil {
			return nil, err
		}
		if err := db.setMemoryLimit(ctx, limit); err != nil {
			if OutOfMemory(err) {
				// DuckDB holds more than the limit already and cannot
				// free it: the statements run as they would have
				// without it. DuckDB keeps the setting it refused, so
				// it is put back.
				m.was = was
				if err := db.restoreMemoryLimit(); err != nil {
					return nil, err
				}
				break
			}
			return nil, db.internal("set the memory limit", err)
		}
		m.was, m.limit = was, limit
	case m.was != "" && limit > m.limit:
		if err := db.setMemoryLimit(ctx, limit); err != nil && !OutOfMemory(err) {
			return nil, db.internal("set the memory limit", err)
		}
		m.limit = limit
	}
	m.holders++
	return &MemoryCap{db: db, capped: m.was != ""}, nil
}

// Capped reports whether a cap was in place when the holder took its
// share: a statement that fails for want of memory (OutgrewCap) may then
// succeed once the cap is lifted.
func (c *MemoryCap) Capped() bool {
	return c.capped
}

// Lift puts DuckDB's limit back at once, for every holder, after a
// statement outgrew the cap; the holders still release their share.
func (c *MemoryCap) Lift() error {
	m := &c.db.mem
	m.mu.Lock()
	defer m.mu.Unlock()
	return c.db.restoreMemoryLimit()
}

// Release ends the holder's share; the last one puts DuckDB's limit back.
// A second call does nothing.
func (c *MemoryCap) Release() error {
	m := &c.db.mem
	m.mu.Lock()
	defer m.mu.Unlock()
	if c.released {
		return nil
	}
	c.released = true
	m.holders--
	if m.holders > 0 {
		return nil
	}
	return c.db.restoreMemoryLimit()
}

// restoreMemoryLimit puts back the limit the cap replaced, if a cap is in
// place; db.mem.mu is held.
func (db *DB) restoreMemoryLimit() error {
	m := &db.mem
	if m.was == "" {
		return nil
	}
	// The context of the evaluation may be cancelled by now; putting the
	// limit back must still happen. (RESET would not do: DuckDB resets
	// the setting but not the limit its buffer manager holds to.)
	// DuckDB shows a limit cut down to a tenth of its unit and rounds a
	// limit it is given down a little, so that setting what it showed
	// ("18.8 GiB") would lower the limit it shows by a tenth with every
	// evaluation: the limit goes back to the middle of the tenth it
	// showed, within a twentieth of a unit of what it was.
	set := `SET memory_limit = '` + strings.ReplaceAll(m.was, "'", "") + `'`
	if number, unit, ok := strings.Cut(strings.TrimSpace(m.was), " "); ok {
		if x, err := strconv.ParseFloat(number, 64); err == nil && unit != "bytes" {
			set = fmt.Sprintf(`SET memory_limit = '%s %s'`, strconv.FormatFloat(x+0.05, 'f', 2, 64), unit)
		}
	}
	// Statements that run at the same time may hold all the memory the
	// cap allows, and even SET needs a little: they end soon, failing for
	// want of memory as well or done, and the limit is set again.
	_, err := db.sql.ExecContext(context.Background(), set)
	for wait := 10 * time.Millisecond; err != nil && OutOfMemory(err) && wait < 2*time.Second; wait *= 2 {
		time.Sleep(wait)
		_, err = db.sql.ExecContext(context.Background(), set)
	}
	if err != nil {
		return db.internal("restore the memory limit", err)
	}
	m.was = ""
	return nil
}

func (db *DB) setMemoryLimit(ctx context.Context, limit int64) error {
	_, err := db.sql.ExecContext(ctx, fmt.Sprintf(`SET memory_limit = '%dB'`, limit))
	return err
}

// spillFolder points DuckDB's temporary folder to a new one in
// os.TempDir() when its own, beside the store, cannot be written: without
// it a capped statement that spills fails. DuckDB keeps the folder it
// used until the store closes; db.mem.mu is held.
func (db *DB) spillFolder(ctx context.Context) error {
	m := &db.mem
	if m.spill != "" {
		return nil
	}
	var dir string
	if err := db.sql.QueryRowContext(ctx, `SELECT current_setting('temp_directory')`).Scan(&dir); err != nil {
		return db.internal("read the temporary folder", err)
	}
	if dir == "" || writable(dir) {
		return nil
	}
	spill, err := os.MkdirTemp("", "impact-spill-")
	if err != nil {
		// Nowhere to spill: a statement that outgrows the cap runs
		// again without it (OutgrewCap).
		return nil
	}
	if _, err := db.sql.ExecContext(ctx, `SET temp_directory = '`+strings.ReplaceAll(spill, "'", "''")+`'`); err != nil {
		// DuckDB has used its own folder already (so it could write
		// there after all) and keeps it.
		os.Remove(spill)
		return nil
	}
	m.spill = spill
	return nil
}

// removeSpill removes the folder of spillFolder, once the store is closed.
func (m *memoryCap) removeSpill() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.spill != "" {
		os.RemoveAll(m.spill)
		m.spill = ""
	}
}

// writable reports whether a file can be made in dir, or in the folder
// that holds it when dir does not exist yet (DuckDB makes it when it first
// spills).
func writable(dir string) bool {
	info, err := os.Stat(dir)
	switch {
	case err == nil && !info.IsDir():
		return false
	case errors.Is(err, os.ErrNotExist):
		dir = filepath.Dir(dir)
	case err != nil:
		return false
	}
	f, err := os.CreateTemp(dir, ".impact-probe-")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// Threads returns the number of threads DuckDB runs a statement on.
func (db *DB) Threads(ctx context.Context) (int, error) {
	var threads int
	if err := db.sql.QueryRowContext(ctx, `SELECT CAST(current_setting('threads') AS BIGINT)`).Scan(&threads); err != nil {
		return 0, db.internal("read the number of threads", err)
	}
	return threads, nil
}

// OutgrewCap reports whether err is a statement that failed under a
// memory cap: DuckDB ran out of the memory its limit allows, or could not
// write what it spills (an I/O error: no folder it may write, a full
// disk). Run without the cap, the statement may succeed.
func OutgrewCap(err error) bool {
	var derr *duckdb.Error
	return OutOfMemory(err) || errors.As(err, &derr) && derr.Type == duckdb.ErrorTypeIO
}

// OutOfMemory reports whether err is DuckDB running out of the memory its
// limit allows.
func OutOfMemory(err error) bool {
	var derr *duckdb.Error
	return errors.As(err, &derr) && derr.Type == duckdb.ErrorTypeOutOfMemory
}

// parseMemory reads a memory size as DuckDB writes it ("18.8 GiB",
// "600.0 MiB", "512 bytes") in bytes.
func parseMemory(s string) (int64, bool) {
	number, unit, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return 0, false
	}
	x, err := strconv.ParseFloat(number, 64)
	if err != nil {
		return 0, false
	}
	scale := map[string]float64{
		"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
		"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
	}[unit]
	if scale == 0 {
		return 0, false
	}
	return int64(x * scale), true
}
