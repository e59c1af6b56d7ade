// Package impact holds the domain of the impact engine: the project file
// (the collaboration plan with its theory of change and SMART goals), the
// measures, results and statuses of an evaluation, and the error type every
// package returns. It has no database and no HTTP: those live in the
// packages named after them (store, dashboards).
package impact

import (
	"context"
	"errors"
	"fmt"
)

// Error codes. Each maps to one exit code of the command line (see ExitCode).
const (
	// EINVALID is a project file or a command line that cannot be used as written.
	EINVALID = "invalid"
	// EDATA is data that ingest refused: a file, a row or a value.
	EDATA = "data"
	// ENOTFOUND is something named that does not exist: a project, a file, an indicator.
	ENOTFOUND = "not_found"
	// ECONFLICT is a resource held by someone else past the wait, such as a
	// store another process holds: "store busy", exit code 5.
	ECONFLICT = "conflict"
	// EFOUND is a run that completed but found problems (lint errors, rejected rows).
	EFOUND = "found"
	// EINTERNAL is a failure of the engine itself or of its environment.
	EINTERNAL = "internal"
)

// Error is an error meant for a person: Message says what went wrong, where
// and what to do, in one line. Code classifies it for callers and exit codes.
// Err, when set, is the underlying cause, kept for errors.Is/As and for
// IMPACT_DEBUG output, never shown to users in place of Message.
type Error struct {
	Code    string
	Message string
	Err     error
	// said is the message as its parts, for SayIn.
	said *saying
}

// Error returns the message, with the cause appended when there is one and
// the message does not already speak for it.
func (e *Error) Error() string {
	if e.Message == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
// A %w verb in format records the wrapped error as the cause.
func Errorf(code string, format string, args ...any) *Error {
	wrapped := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: wrapped.Error(), Err: errors.Unwrap(wrapped)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of err. For an *Error anywhere in
// the chain the context added on the way up is kept ("ingest x.csv: …"); for
// an error the engine did not anticipate it says so.
func ErrorMessage(err error) string {
	return ErrorMessageIn(err, "en")
}

// ErrorMessageIn is ErrorMessage in lang: every message of the chain kept
// to be said again (Said, Sayf) is said in lang, as is the frame of an
// error the engine did not anticipate.
func ErrorMessageIn(err error, lang string) string {
	if err == nil {
		return ""
	}
	if DiskFull(err) {
		return diskFullMessage(err, lang)
	}
	if errors.Is(err, context.Canceled) {
		return say("", interruptedMessage).in(lang)
	}
	var e *Error
	if errors.As(err, &e) {
		return clipLines(sayChain(err, lang))
	}
	return clipLines(say("", "internal error: %s (run again with IMPACT_DEBUG=1 for details, and report it)", err.Error()).in(lang))
}

// ExitCode maps an error to the exit code of the command line:
// 0 success, 1 problems found, 2 usage or invalid project, 3 data refused,
// 4 internal error, 5 store busy.
func ExitCode(err error) int {
	if DiskFull(err) {
		return 4
	}
	switch ErrorCode(err) {
	case "":
		return 0
	case EFOUND:
		return 1
	case EINVALID, ENOTFOUND:
		return 2
	case EDATA:
		return 3
	case ECONFLICT:
		return 5
	default:
		return 4
	}
}
