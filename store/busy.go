package store

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
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
	m := lockHolder.FindStringSubmatch(err.Error())
	var said i18n.Kept
	switch {
	case m == nil && wait > 0:
		said = i18n.Keep(i18n.CLI, "en", "store.busy_other_wait", path, wait.String())
	case m == nil:
		said = i18n.Keep(i18n.CLI, "en", "store.busy_other", path)
	default:
		// The holder by its pid, and its command line where the
		// system tells: the same in every language.
		holder := "pid " + m[1]
		if pid, perr := strconv.Atoi(m[1]); perr == nil {
			if command := processCommand(pid); command != "" {
				holder += " (" + command + ")"
			}
		}
		said = i18n.Keep(i18n.CLI, "en", "store.busy", holder, path)
		if wait > 0 {
			said = i18n.Keep(i18n.CLI, "en", "store.busy_wait", holder, path, wait.String())
		}
	}
	return impact.Said(impact.ECONFLICT, err, said)
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
