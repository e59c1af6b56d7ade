package impact

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a project file, at a place in it.
type Problem struct {
	File    string `json:"file"`
	Pos     Pos    `json:"pos"`
	Key     string `json:"key"`
	Message string `json:"message"`
	// said is the message as its parts, for In.
	said *saying
}

// String returns "file:line:column: message".
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteByte(':')
	}
	if p.Pos.Line > 0 {
		fmt.Fprintf(&b, "%s:", p.Pos)
	}
	if b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(p.Message)
	return b.String()
}

// ProblemsError is the error Load returns for a project file with
// problems: every problem found, in file order.
type ProblemsError struct {
	Problems []Problem
	// Language is the project file's language: as far as it was read, ""
	// when the file could not be read that far.
	Language string
}

// Error returns every problem, one per line.
func (e *ProblemsError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
