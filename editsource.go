package impact

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ColumnChoice is one column of a data file and the canonical column (or
// item id, or drop) it is read as.
type ColumnChoice struct {
	Header string
	To     string
}

// SaveSourceColumns writes the columns: map of a source into the project
// file at path, as the web upload's column-matching step saves it
// (exports.md): into the source entry of the same file, or into a new entry
// with the source's kind, event and wave. Every comment of the file is
// kept; the new file is checked as the loader checks it and written
// atomically (a temporary file renamed over the old), so that a failure
// leaves the project file as it was. Its errors are English; SayIn says
// them in the reader's language.
func SaveSourceColumns(path string, src Source, columns []ColumnChoice) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return Sayf(EINTERNAL, "cannot read the project file %s: %v", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return Sayf(EINVALID, "%s cannot be edited: it is not a YAML mapping; correct it in an editor", path)
	}
	root := doc.Content[0]
	mapping := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	for _, c := range columns {
		mapping.Content = append(mapping.Content, scalar(c.Header), scalar(c.To))
	}
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	// The text is edited line by line where the source entry stands, so
	// that every other line (comments, blank lines, folded text) stays as
	// it was written.
	sourcesEnd := len(lines)
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "sources" && i+2 < len(root.Content) {
			sourcesEnd = root.Content[i+2].Line - 1
		}
	}
	var entry *yaml.Node
	entryEnd := sourcesEnd
	if sources := mappingValue(root, "sources"); sources != nil && sources.Kind == yaml.SequenceNode {
		for i, item := range sources.Content {
			if item.Kind != yaml.MappingNode {
				continue
			}
			if file := mappingValue(item, "file"); file != nil && file.Value == src.File {
				entry = item
				if i+1 < len(sources.Content) {
					entryEnd = sources.Content[i+1].Line - 1
				}
			}
		}
	}
	var edited []string
	switch {
	case entry != nil && entry.Style&yaml.FlowStyle != 0:
		// - {file: …, kind: …}: written again as one line.
		// The entry may span lines; what follows its closing brace (a
		// comment) stays.
		last := entry.Line
		for node := entry; len(node.Content) > 0; {
			node = node.Content[len(node.Content)-1]
			last = max(last, node.Line)
		}
		setMappingValue(entry, "columns", mapping)
		text, err := flowText(entry)
		if err != nil {
			return Sayf(EINTERNAL, "cannot write the project file %s: %v", path, err)
		}
		line := lines[entry.Line-1]
		open := strings.Index(line, "{")
		// The brace that closes the entry is the last one before a
		// comment starts on its last line.
		end := strings.TrimRight(lines[last-1], "\n")
		comment := strings.Index(end, " #")
		if comment < 0 {
			comment = len(end)
		}
		tail := ""
		if close := strings.LastIndex(end[:comment], "}"); close >= 0 {
			tail = end[close+1:]
		}
		edited = splice(lines, entry.Line-1, last, line[:open]+text+tail+"\n")
	case entry != nil:
		text, err := flowText(mapping)
		if err != nil {
			return Sayf(EINTERNAL, "cannot write the project file %s: %v", path, err)
		}
		indent := strings.Repeat(" ", entry.Content[0].Column-1)
		from, to := -1, trimEnd(lines, entry.Line, entryEnd)
		for i := 0; i+1 < len(entry.Content); i += 2 {
			if entry.Content[i].Value != "columns" {
				continue
			}
			from = entry.Content[i].Line - 1
			if i+2 < len(entry.Content) {
				to = trimEnd(lines, from+1, entry.Content[i+2].Line-1)
			}
		}
		if from < 0 {
			from = to
		}
		edited = splice(lines, from, to, indent+"columns: "+text+"\n")
	default:
		entryNode := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		setMappingValue(entryNode, "file", scalar(src.File))
		setMappingValue(entryNode, "kind", scalar(src.Kind))
		if e := src.Event; e != nil {
			event := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for _, kv := range [][2]string{{"id", e.ID}, {"kind", e.Kind}} {
				if kv[1] != "" {
					setMappingValue(event, kv[0], scalar(kv[1]))
				}
			}
			if e.Date != nil && !e.Date.IsZero() {
				setMappingValue(event, "date", scalar(e.Date.String()))
			}
			setMappingValue(entryNode, "event", event)
		}
		if src.Wave != "" {
			setMappingValue(entryNode, "wave", scalar(src.Wave))
		}
		setMappingValue(entryNode, "columns", mapping)
		var b strings.Builder
		for i := 0; i+1 < len(entryNode.Content); i += 2 {
			text, err := flowText(entryNode.Content[i+1])
			if err != nil {
				return Sayf(EINTERNAL, "cannot write the project file %s: %v", path, err)
			}
			lead := "    "
			if i == 0 {
				lead = "  - "
			}
			b.WriteString(lead + entryNode.Content[i].Value + ": " + text + "\n")
		}
		if mappingValue(root, "sources") == nil {
			edited = append(append([]string(nil), lines...), "\nsources:\n"+b.String())
			break
		}
		at := trimEnd(lines, 1, sourcesEnd)
		if at > 0 && !strings.HasSuffix(lines[at-1], "\n") {
			lines[at-1] += "\n"
		}
		edited = splice(lines, at, at, b.String())
	}
	out := []byte(strings.Join(edited, ""))
	if _, err := Parse(path, out); err != nil {
		return Sayf(EINVALID, "the columns cannot be saved: the project file would not load: %s", ErrorValue{Err: err})
	}
	return writeAtomically(path, out)
}

// writeAtomically replaces the file at path with data: a temporary file in
// the same folder, synced, given the old file's mode, renamed over it.
func writeAtomically(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return Sayf(EINTERNAL, "cannot write next to %s: %v", path, err)
	}
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), mode)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return Sayf(EINTERNAL, "cannot write %s: %v", path, werr)
	}
	return nil
}

// flowText writes a node in YAML's flow style on one line, such as
// {"Nya kontakter": new_contacts}.
func flowText(n *yaml.Node) (string, error) {
	c := *n
	c.Style |= yaml.FlowStyle
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	if err := enc.Encode(&c); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

// trimEnd returns the end (exclusive, 0-based) of the lines from..to
// (1-based, inclusive) without the blank and comment lines at its end,
// which belong to what follows.
func trimEnd(lines []string, from, to int) int {
	end := min(to, len(lines))
	for end > from {
		t := strings.TrimSpace(lines[end-1])
		if t != "" && !strings.HasPrefix(t, "#") {
			break
		}
		end--
	}
	return end
}

// splice replaces lines[from:to] (0-based) with text.
func splice(lines []string, from, to int, text string) []string {
	out := append([]string(nil), lines[:from]...)
	out = append(out, text)
	return append(out, lines[to:]...)
}

func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// setMappingValue sets key in a mapping node, in place when it is there,
// at the end when not.
func setMappingValue(m *yaml.Node, key string, value *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			value.HeadComment, value.LineComment = m.Content[i+1].HeadComment, m.Content[i+1].LineComment
			m.Content[i+1] = value
			return
		}
	}
	m.Content = append(m.Content, scalar(key), value)
}
