package reports

// document is a report as a tree of sections and blocks, built once and
// written as HTML and as Markdown by the same walk, so that the formats
// carry the same text, tables and figures.
type document struct {
	// Name is the document's name (workshop, memo, quality).
	Name string
	Lang string
	// Title and Subtitle head the cover.
	Title    string
	Subtitle string
	// Cover holds the blocks under the title: who, when, as of.
	Cover []block
	// Sections are the numbered chapters.
	Sections []*section
	// Notices are copyright lines of the instruments used.
	Notices []string
	// Footer is the colophon at the end: version, as-of, data hash and
	// generation time. No line repeats on every page (memo.md).
	Footer []string
}

// section is one chapter or subchapter.
type section struct {
	ID     string
	Title  string
	Blocks []block
	Sub    []*section
	// NewPage starts the section on a new page when printed.
	NewPage bool
}

// add appends blocks to the section and returns it, for chaining.
func (s *section) add(blocks ...block) *section {
	s.Blocks = append(s.Blocks, blocks...)
	return s
}

// block is one paragraph, list, table, fact list or figure.
type block interface{ isBlock() }

// para is a paragraph of plain text. Class "note" prints it smaller.
type para struct {
	Text  string
	Class string
}

// list is a bulleted or numbered list.
type list struct {
	Ordered bool
	Items   []string
	Class   string
}

// facts is a list of labelled values, such as the cover's project, period
// and partners.
type facts struct {
	Items []fact
}

// fact is one labelled value.
type fact struct {
	Label, Value string
}

// table is a table with a header row. Align has one letter per column:
// 'l' left, 'r' right (numbers), 'c' centre.
type table struct {
	ID      string
	Caption string
	Head    []string
	Align   string
	Rows    []row
}

// row is one table row; Key, when set, names what the row shows (an
// indicator id), so that tests and screen readers can find it.
type row struct {
	Key   string
	Cells []cell
	// Class marks a total row or a suppressed group.
	Class string
}

// cell is one table cell. Field names what the cell shows (estimate,
// target …) for tests; it is written as a data attribute in HTML.
type cell struct {
	Text  string
	Field string
}

// figure is a plot. Render draws it as "svg" or "png"; Caption is shown
// under it and Alt describes it in words for those who cannot see it.
type figure struct {
	Name    string
	Caption string
	Alt     string
	Render  func(format string) ([]byte, error)
}

// officer is a paragraph only the officer can write: what the engine
// cannot know (the assessment, the child-rights paragraph), marked so that
// it is never taken for a finding and never left out silently. Label is
// the language's "Officer writes"; Text what to write, or a prefilled draft.
type officer struct {
	Label string
	Text  string
}

// lines is a block of short lines kept together, such as a signature: a
// name and a title, one line each.
type lines struct {
	Class string
	Lines []string
}

func (officer) isBlock() {}
func (lines) isBlock()   {}
func (para) isBlock()    {}
func (list) isBlock()    {}
func (facts) isBlock()   {}
func (table) isBlock()   {}
func (figure) isBlock()  {}

// cells returns a row's cells from plain texts.
func cells(texts ...string) []cell {
	out := make([]cell, len(texts))
	for i, t := range texts {
		out[i] = cell{Text: t}
	}
	return out
}
