package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Shared lends one store to the work of a process that runs for long, such
// as impact serve: the file is opened when a piece of work begins and
// closed when the last one running ends, so that between them every other
// impact command may open it. Work in this process shares one open DB,
// since DuckDB must not open one file twice in a process.
type Shared struct {
	path string
	opts Options

	// opening lets one Use at a time open the store; mu guards the rest
	// and is never held while opening waits.
	opening sync.Mutex
	mu      sync.Mutex
	db      *DB
	users   int
	// opened and closed are the files' fingerprints when this process
	// last opened and closed the store; changes counts the times they
	// differed from what was seen before.
	opened, closed string
	changes        int

	// snapMu orders the making of snapshots; snap is the newest and
	// copies counts them, to name their files.
	snapMu sync.Mutex
	snap   *snapshot
	copies int
}

// snapshot is one read-only copy of the store and the work reading it.
type snapshot struct {
	db   *DB
	path string
	// changes is the store's Changes when the copy was made.
	changes int
	users   int
}

// NewShared returns a Shared for the store at path; nothing is opened yet.
// opts.Wait is how long Use waits for another process by default. It
// removes the snapshots that a Shared of a process no longer running left
// beside the store.
func NewShared(path string, opts Options) *Shared {
	removeOrphanSnapshots(path)
	return &Shared{path: path, opts: opts}
}

// Use opens the store (waiting up to wait for another process to let go
// of it), runs work with it and closes it again unless other work of this
// process still uses it. A negative wait means the default of NewShared.
func (s *Shared) Use(ctx context.Context, wait time.Duration, work func(*DB) error) error {
	db, err := s.acquire(ctx, wait)
	if err != nil {
		return err
	}
	defer s.release()
	return work(db)
}

func (s *Shared) acquire(ctx context.Context, wait time.Duration) (*DB, error) {
	// Opening may wait up to wait for another process; it holds opening,
	// never mu, so that Changes (asked by every page) answers meanwhile.
	s.opening.Lock()
	defer s.opening.Unlock()
	s.mu.Lock()
	if s.db != nil {
		s.users++
		s.mu.Unlock()
		return s.db, nil
	}
	s.mu.Unlock()
	opts := s.opts
	if wait >= 0 {
		opts.Wait = wait
	}
	db, err := OpenWith(ctx, s.path, opts)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.db = db
	s.opened = fingerprint(s.path)
	if s.opened != s.closed {
		s.changes++
	}
	s.users++
	return s.db, nil
}

func (s *Shared) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	if s.users > 0 {
		return
	}
	s.db.Close()
	s.db = nil
	// Work of this process may have written too (an upload), and closing
	// checkpoints the log: either moves the count.
	s.closed = fingerprint(s.path)
	if s.closed != s.opened {
		s.changes++
	}
}

// Changes returns a number that moves whenever the store's files may have
// changed: written by another process since this one closed them, or by
// this one while it held them. Two equal answers mean the same data; it
// costs two stat calls where opening the store costs milliseconds. Work
// inside Use may call it to note which state it read.
func (s *Shared) Changes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		if fp := fingerprint(s.path); fp != s.closed {
			s.closed = fp
			s.changes++
		}
	}
	return s.changes
}

// Snapshot runs work on a read-only copy of the store, so that long
// reads (an evaluation of a million participants takes seconds) do not
// keep other processes out of the store: the store itself is held only
// while it is copied. The copy is made again when Changes moved, and is
// shared by the work that reads it at the same time.
func (s *Shared) Snapshot(ctx context.Context, wait time.Duration, work func(*DB) error) error {
	snap, err := s.currentSnapshot(ctx, wait)
	if err != nil {
		return err
	}
	defer s.releaseSnapshot(snap)
	return work(snap.db)
}

func (s *Shared) currentSnapshot(ctx context.Context, wait time.Duration) (*snapshot, error) {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if s.snap != nil && s.snap.changes == s.Changes() {
		s.snap.users++
		return s.snap, nil
	}
	s.copies++
	path := fmt.Sprintf("%s.serve-%d-%d", s.path, os.Getpid(), s.copies)
	var changes int
	err := s.Use(ctx, wait, func(db *DB) error {
		// The checkpoint puts every committed change into the database
		// file, so that the file alone is the store.
		if _, err := db.Exec(ctx, `CHECKPOINT`); err != nil {
			return db.internal("checkpoint the store before copying it", err)
		}
		changes = s.Changes()
		return copyFile(s.path, path)
	})
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	db, err := OpenWith(ctx, path, Options{ReadOnly: true})
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	old := s.snap
	s.snap = &snapshot{db: db, path: path, changes: changes, users: 1}
	if old != nil && old.users == 0 {
		old.close()
	}
	return s.snap, nil
}

func (s *Shared) releaseSnapshot(snap *snapshot) {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	snap.users--
	if snap.users == 0 && snap != s.snap {
		snap.close()
	}
}

func (snap *snapshot) close() {
	snap.db.Close()
	os.Remove(snap.path)
}

// Close removes the snapshot; work still running on it must have ended.
func (s *Shared) Close() {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if s.snap != nil {
		s.snap.close()
		s.snap = nil
	}
}

// copyFile copies the database file to a new file only its owner reads:
// it holds pseudonymised data as the store does.
func copyFile(from, to string) (err error) {
	in, err := os.Open(from)
	if err != nil {
		return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.copy_read", from, err))
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.copy_make", from, to, err))
	}
	// No fsync: the copy is a cache that a crash makes worthless anyway
	// (removeOrphanSnapshots deletes it).
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.CLI, "en", "store.copy", from, to, err))
	}
	return nil
}

// removeOrphanSnapshots removes the snapshot files of path whose process
// is gone, such as those of a server that was killed.
func removeOrphanSnapshots(path string) {
	files, _ := filepath.Glob(path + ".serve-*")
	for _, file := range files {
		var pid, n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(file, path+".serve-"), "%d-%d", &pid, &n); err != nil || processRunning(pid) {
			continue
		}
		os.Remove(file)
	}
}

// processRunning reports whether a process with the pid runs; where the
// system cannot tell, it says yes, so that nothing of a live process goes.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil || runtime.GOOS == "windows"
}

// fingerprint describes the database file and its write-ahead log by size
// and modification time; a commit by any process changes one of them.
func fingerprint(path string) string {
	var b strings.Builder
	for _, name := range []string{path, path + ".wal"} {
		info, err := os.Stat(name)
		if err != nil {
			b.WriteString("-;")
			continue
		}
		fmt.Fprintf(&b, "%d@%d;", info.Size(), info.ModTime().UnixNano())
	}
	return b.String()
}
