package ingest

import (
	"fmt"
	"strings"

	"github.com/joiningforces/impact"
)

// MaxListed is the number of bad rows a refusal lists before it counts the rest.
const MaxListed = 50

// problem is what is wrong with one cell (or one row) of a file.
type problem struct {
	line int
	// column labels the column as the file names it; "" for the whole row.
	column string
	// header is the column's header alone, for the rejects table.
	header string
	err    *valueError
	value  string
	// personal marks a value that looks like personal data: it refuses the
	// file even with --skip-invalid, and its value is never shown.
	personal bool
}

// message is the problem for a person at the terminal:
// `file:line: column "X": "value" is not a date; write it as YYYY-MM-DD`.
func (p problem) message(file string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: ", file, p.line)
	if p.column != "" {
		fmt.Fprintf(&b, "column %s: ", p.column)
	}
	if p.err.quote && !p.personal && strings.TrimSpace(p.value) != "" {
		v := p.value
		if len(v) > 40 {
			v = v[:37] + "…"
		}
		fmt.Fprintf(&b, "%q ", v)
	} else if p.column != "" {
		b.WriteString("the value ")
	}
	b.WriteString(p.err.Error())
	return b.String()
}

// reason is the problem as the rejects table keeps it: never the value.
func (p problem) reason() string {
	if p.column == "" {
		return p.err.Error()
	}
	return "the value " + p.err.Error()
}

// problems gathers the problems of one file: the first MaxListed in full,
// the rest counted, and the lines they are on.
type problems struct {
	listed   []problem
	count    int
	lines    int
	personal int
	lastLine int
}

func (ps *problems) add(p problem) {
	ps.count++
	if p.line != ps.lastLine {
		ps.lines++
		ps.lastLine = p.line
	}
	if p.personal {
		ps.personal++
	}
	if len(ps.listed) < MaxListed {
		ps.listed = append(ps.listed, p)
	}
}

// refusal is the error of a refused file: a first line that says what
// happened and what to do, then one line per problem.
func (ps *problems) refusal(file string, skipInvalid bool) error {
	var b strings.Builder
	switch {
	case ps.personal > 0:
		fmt.Fprintf(&b, "%s: refused, nothing was loaded: %d value%s look%s like Swedish personal identity numbers; personal data must not enter the store, so remove them from the file (or map their column to drop in the source's columns:) and run impact ingest again",
			file, ps.personal, plural(ps.personal), verbS(ps.personal))
	default:
		fmt.Fprintf(&b, "%s: refused, nothing was loaded: %d row%s %s invalid; fix %s and run impact ingest again, or run it with --skip-invalid to load the valid rows and keep the others in the rejects",
			file, ps.lines, plural(ps.lines), isAre(ps.lines), them(ps.lines))
	}
	shown := 0
	for _, p := range ps.listed {
		if ps.personal > 0 && !p.personal {
			continue
		}
		b.WriteString("\n")
		b.WriteString(p.message(file))
		shown++
	}
	total := ps.count
	if ps.personal > 0 {
		total = ps.personal
	}
	if total > shown {
		fmt.Fprintf(&b, "\nand %d more", total-shown)
	}
	return &impact.Error{Code: impact.EDATA, Message: b.String()}
}
