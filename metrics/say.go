package metrics

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// This file holds evaluate's refusals: each is kept as a message of the
// evaluate domain (keyed by its English format), so that the command line
// and the board say it in the reader's language, as ingest's and the
// project loader's are.

// invalid returns an EINVALID error at a place in the project file: the
// place (file:line:column) as written, then the message of format, said
// in the reader's language. A value that is a kept message (a where:
// value that is not one of its column) is said in the same language; any
// other is shown as written.
func (e *evaluator) invalid(pos impact.Pos, format string, args ...any) error {
	values := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case i18n.Kept:
			values[i] = a
		default:
			values[i] = i18n.Verbatim{Value: a}
		}
	}
	said := impact.Said(impact.EINVALID, nil, i18n.Keep(i18n.Evaluate, "en", format, values...))
	if pos.Line > 0 {
		return impact.Errorf(impact.EINVALID, "%s:%s: %w", e.p.File, pos, said)
	}
	return impact.Errorf(impact.EINVALID, "%s: %w", e.p.File, said)
}

// storeError wraps a failing query as an internal error that says what the
// evaluation was doing: action is the key of that sentence in the evaluate
// domain, args the ids it names after the store's own words.
func (e *evaluator) storeError(action string, err error, args ...any) error {
	if ctxErr := e.ctx.Err(); errors.Is(ctxErr, context.Canceled) {
		// Ctrl-C or a stop signal: the one line every command gives then,
		// whatever cause the caller keeps for IMPACT_DEBUG.
		return impact.Said(impact.EINTERNAL, ctxErr, i18n.Keep(i18n.Project, "en", "stopped by Ctrl-C or a stop signal before the end; what was being written was left out whole (the store keeps its last complete state): run the command again"))
	} else if ctxErr != nil {
		return impact.Said(impact.EINTERNAL, ctxErr, i18n.Keep(i18n.Evaluate, "en", "evaluate: stopped before it had read the store (%v); run it again", i18n.Verbatim{Value: ctxErr}))
	}
	values := []any{i18n.Verbatim{Value: strings.Join(strings.Fields(err.Error()), " ")}}
	for _, a := range args {
		values = append(values, i18n.Verbatim{Value: a})
	}
	return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.Evaluate, "en", action, values...))
}

// indicatorKey names an indicator in messages as the project loader does,
// by its place in impact.yaml and its id ("indicators[2] (jobb)"): a key
// path, which reads the same in every language.
func (e *evaluator) indicatorKey(ind *impact.Indicator) string {
	for i := range e.p.Indicators {
		if &e.p.Indicators[i] == ind {
			return fmt.Sprintf("indicators[%d] (%s)", i, ind.ID)
		}
	}
	return fmt.Sprintf("indicators (%s)", ind.ID)
}

// holmBug is the error of a Holm adjustment that refused the p-values the
// evaluation gave it: a bug, said in the reader's language.
func holmBug(err error) error {
	return impact.Said(impact.EINTERNAL, err, i18n.Keep(i18n.Evaluate, "en", "evaluate: the Holm adjustment refused a p-value; this is a bug in impact, report it"))
}
