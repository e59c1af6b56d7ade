package reports

import (
	"bytes"
	"fmt"
	"path"
	"strings"
)

// renderMarkdown writes the document as GitHub-flavoured Markdown and its
// figures as PNG files under imageDir, a path relative to the Markdown file.
func renderMarkdown(d *document, imageDir string) ([]byte, map[string][]byte, error) {
	var b bytes.Buffer
	images := map[string][]byte{}
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", mdText(d.Title), mdText(d.Subtitle))
	for _, blk := range d.Cover {
		if err := mdBlock(&b, blk, imageDir, images); err != nil {
			return nil, nil, err
		}
	}
	for _, s := range d.Sections {
		if err := mdSection(&b, s, 2, imageDir, images); err != nil {
			return nil, nil, err
		}
	}
	b.WriteString("---\n\n")
	for _, n := range d.Notices {
		fmt.Fprintf(&b, "%s\n\n", mdText(n))
	}
	for i, line := range d.Footer {
		// A trailing backslash breaks the line without a new paragraph.
		end := "\\\n"
		if i == len(d.Footer)-1 {
			end = "\n"
		}
		fmt.Fprintf(&b, "%s%s", mdText(line), end)
	}
	return b.Bytes(), images, nil
}

// mdSection writes a section and its subsections.
func mdSection(b *bytes.Buffer, s *section, level int, imageDir string, images map[string][]byte) error {
	fmt.Fprintf(b, "%s %s\n\n", strings.Repeat("#", level), mdText(s.Title))
	for _, blk := range s.Blocks {
		if err := mdBlock(b, blk, imageDir, images); err != nil {
			return err
		}
	}
	for _, sub := range s.Sub {
		if err := mdSection(b, sub, min(level+1, 6), imageDir, images); err != nil {
			return err
		}
	}
	return nil
}

// mdBlock writes one block.
func mdBlock(b *bytes.Buffer, blk block, imageDir string, images map[string][]byte) error {
	switch v := blk.(type) {
	case para:
		text := mdText(v.Text)
		if v.Class == "note" {
			text = "*" + text + "*"
		}
		fmt.Fprintf(b, "%s\n\n", mdLineStart(text))
	case officer:
		// The brackets stay bare: "[Handläggaren skriver: …]" is what the
		// officer searches for; with no link after it, it is not markup.
		fmt.Fprintf(b, "[%s]\n\n", mdText(v.Label+": "+v.Text))
	case lines:
		for i, line := range v.Lines {
			// A trailing backslash breaks the line without a new paragraph.
			end := "\\\n"
			if i == len(v.Lines)-1 {
				end = "\n\n"
			}
			fmt.Fprintf(b, "%s%s", mdLineStart(mdText(line)), end)
		}
	case list:
		for i, item := range v.Items {
			if v.Ordered {
				fmt.Fprintf(b, "%d. %s\n", i+1, mdText(item))
			} else {
				fmt.Fprintf(b, "- %s\n", mdText(item))
			}
		}
		b.WriteString("\n")
	case facts:
		for _, f := range v.Items {
			fmt.Fprintf(b, "- **%s:** %s\n", mdText(f.Label), mdText(f.Value))
		}
		b.WriteString("\n")
	case table:
		mdTable(b, v)
	case figure:
		png, err := v.Render("png")
		if err != nil {
			return err
		}
		name := path.Join(imageDir, v.Name+".png")
		images[name] = png
		fmt.Fprintf(b, "![%s](%s)\n\n*%s*\n\n", mdText(v.Alt), name, mdText(v.Caption))
	default:
		return fmt.Errorf("reports: a block of type %T cannot be written as Markdown", blk)
	}
	return nil
}

// mdTable writes a pipe table.
func mdTable(b *bytes.Buffer, t table) {
	if t.Caption != "" {
		fmt.Fprintf(b, "**%s**\n\n", mdText(t.Caption))
	}
	b.WriteString("|")
	for _, h := range t.Head {
		fmt.Fprintf(b, " %s |", mdCell(h))
	}
	b.WriteString("\n|")
	for i := range t.Head {
		switch {
		case i < len(t.Align) && t.Align[i] == 'r':
			b.WriteString(" ---: |")
		case i < len(t.Align) && t.Align[i] == 'c':
			b.WriteString(" :---: |")
		default:
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		b.WriteString("|")
		for _, c := range r.Cells {
			fmt.Fprintf(b, " %s |", mdCell(c.Text))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// mdEscaper escapes the characters Markdown would read as markup.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`,
)

// mdText escapes text for Markdown and folds line breaks into spaces. It
// keeps no-break spaces, which hold "45 %" and "650 000 kr" together.
func mdText(s string) string {
	return mdEscaper.Replace(strings.Join(strings.FieldsFunc(s, asciiSpace), " "))
}

// asciiSpace reports whether r is a space, tab or line break.
func asciiSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// mdCell escapes text for a table cell.
func mdCell(s string) string {
	if s == "" {
		return " "
	}
	return mdText(s)
}

// mdLineStart escapes what would make a paragraph a heading or a list:
// a leading #, -, + or "1.".
func mdLineStart(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '#', '-', '+':
		return `\` + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + `\` + s[i:]
	}
	return s
}
