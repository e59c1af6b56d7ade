package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/joiningforces/impact"
)

// DefaultWait is how long a command waits for a store that another impact
// process holds before it gives up with "store busy" (exit code 5): long
// enough for the server to finish a read or an ingest of a few files, short
// enough that a person is not left guessing.
const DefaultWait = 10 * time.Second

// retryEvery is the pause between two attempts to open a busy store.
const retryEvery = 50 * time.Millisecond

// busyError is the "store busy" error: another process still held the
// file after wait. It names the holder by pid and, where the system tells,
// by its command line, so that the person knows which terminal to look at.
func busyError(path string, wait time.Duration, err error) error {
	holder := "another impact process"
	if m := lockHolder.FindStringSubmatch(err.Error()); m != nil {
		holder = "pid " + m[1]
		if pid, perr := strconv.Atoi(m[1]); perr == nil {
			if command := processCommand(pid); command != "" {
				holder += " (" + command + ")"
			}
		}
	}
	held := "holds it"
	if wait > 0 {
		held = "held it for more than " + wait.String()
	}
	return &impact.Error{
		Code:    impact.ECONFLICT,
		Message: fmt.Sprintf("store busy: %s %s, the store %s; wait for it to finish and try again, or give --wait a longer time such as --wait 1m", holder, held, path),
		Err:     err,
	}
}

// processCommand returns the command line of a running process, shortened
// to the program's base name and at most 80 characters, or "" where the
// system does not tell (it is read from /proc, so on Linux only).
func processCommand(pid int) string {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil || len(raw) == 0 {
		return ""
	}
	args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
	args[0] = filepath.Base(args[0])
	command := strings.Join(args, " ")
	if r := []rune(command); len(r) > 80 {
		command = string(r[:79]) + "…"
	}
	return command
}

// sleepRetry pauses before the next attempt to open a busy store; it
// returns false when ctx ends first.
func sleepRetry(ctx context.Context, deadline time.Time) bool {
	pause := min(retryEvery, time.Until(deadline))
	if pause <= 0 {
		return true
	}
	timer := time.NewTimer(pause)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Shared lends one store to the work of a process that runs for long, such
// as impact serve: the file is opened when a piece of work begins and
// closed when the last one running ends, so that between them every other
// impact command may open it. Work in this process shares one open DB,
// since DuckDB must not open one file twice in a process.
type Shared struct {
	path string
	opts Options

	mu    sync.Mutex
	db    *DB
	users int
	// opened and closed are the files' fingerprints when this process
	// last opened and closed the store; changes counts the times they
	// differed from what was seen before.
	opened, closed string
	changes        int
}

// NewShared returns a Shared for the store at path; nothing is opened yet.
// opts.Wait is how long Use waits for another process by default.
func NewShared(path string, opts Options) *Shared {
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
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		opts := s.opts
		if wait >= 0 {
			opts.Wait = wait
		}
		db, err := OpenWith(ctx, s.path, opts)
		if err != nil {
			return nil, err
		}
		s.db = db
		s.opened = fingerprint(s.path)
		if s.opened != s.closed {
			s.changes++
		}
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
