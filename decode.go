package impact

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Pos is a place in the project file: a 1-based line and column.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// String returns "line:column".
// The column is left out when it is not known.
func (p Pos) String() string {
	if p.Column == 0 {
		return fmt.Sprintf("%d", p.Line)
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

func nodePos(n *yaml.Node) Pos { return Pos{Line: n.Line, Column: n.Column} }

// decoder turns a YAML node tree into the project's types, collecting a
// problem with its position for every key or value it cannot use, so that
// one run reports every mistake in the file rather than the first.
type decoder struct {
	problems []Problem
	file     string
	// nodes counts the nodes visited, aliases followed (see visit).
	nodes int
}

func (d *decoder) errorf(n *yaml.Node, key, format string, args ...any) {
	s := say("", format, clipArgs(format, args)...)
	d.problems = append(d.problems, Problem{File: d.file, Pos: nodePos(n), Key: key, Message: s.String(), said: s})
}

// nodeDecoder is implemented by types whose YAML has more than one form,
// such as a baseline given as a number or as a mapping.
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node, key string)
}

var (
	posType  = reflect.TypeOf(Pos{})
	keysType = reflect.TypeOf(map[string]Pos{})
)

// resolve follows aliases, so that anchors in the project file behave as
// if their content were written out.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mappingPairs returns the key and value nodes of a mapping with merge keys
// (<<: *anchor) expanded; keys written in the mapping itself win.
func mappingPairs(n *yaml.Node) [][2]*yaml.Node {
	var own, merged [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "<<" && k.Tag == "!!merge" {
			v = resolve(v)
			var sources []*yaml.Node
			if v.Kind == yaml.SequenceNode {
				for _, s := range v.Content {
					sources = append(sources, resolve(s))
				}
			} else {
				sources = append(sources, v)
			}
			for _, s := range sources {
				if s.Kind == yaml.MappingNode {
					merged = append(merged, mappingPairs(s)...)
				}
			}
			continue
		}
		own = append(own, [2]*yaml.Node{k, v})
	}
	seen := map[string]bool{}
	for _, p := range own {
		seen[p[0].Value] = true
	}
	for _, p := range merged {
		if !seen[p[0].Value] {
			own = append(own, p)
			seen[p[0].Value] = true
		}
	}
	return own
}

func kindName(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		return word("a mapping (key: value)")
	case yaml.SequenceNode:
		return word("a list")
	default:
		if isNull(n) {
			return word("nothing")
		}
		return fmt.Sprintf("%q", n.Value)
	}
}

func joinKey(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// decode fills v from n. key is the dotted path of n, used in messages.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, key string) {
	n = resolve(n)
	if n == nil || !d.visit(n) {
		return
	}
	if v.CanAddr() {
		if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
			nd.decodeNode(d, n, key)
			return
		}
	}
	if isNull(n) && v.Kind() != reflect.Struct {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), key)
		v.Set(elem)
	case reflect.Struct:
		d.decodeStruct(n, v, key)
	case reflect.Slice:
		items := []*yaml.Node{n}
		switch n.Kind {
		case yaml.SequenceNode:
			items = n.Content
		case yaml.MappingNode:
			if v.Type().Elem().Kind() != reflect.Struct {
				d.errorf(n, key, "%s must be a list, found %s", key, kindName(n))
				return
			}
		}
		if n.Kind != yaml.SequenceNode && v.Type().Elem().Kind() == reflect.Struct {
			d.errorf(n, key, "%s must be a list (each entry starting with \"- \"), found %s", key, kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", key, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, key, "%s must be a mapping (key: value), found %s", key, kindName(n))
			return
		}
		m := reflect.MakeMap(v.Type())
		for _, p := range mappingPairs(n) {
			elem := reflect.New(v.Type().Elem()).Elem()
			d.decode(p[1], elem, joinKey(key, p[0].Value))
			m.SetMapIndex(reflect.ValueOf(p[0].Value), elem)
		}
		v.Set(m)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, key, "%s must be a single value, found %s", key, kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode {
			d.errorf(n, key, "%s must be a whole number, found %s", key, kindName(n))
			return
		}
		i, err := strconv.Atoi(strings.TrimSpace(n.Value))
		if err != nil {
			d.errorf(n, key, "%s must be a whole number, found %q", key, n.Value)
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		f, ok := parseNumber(n)
		if !ok {
			d.errorf(n, key, "%s must be a number (with a decimal point, as 0.4), found %s", key, kindName(n))
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.errorf(n, key, "%s must be true or false, found %s", key, kindName(n))
			return
		}
		v.SetBool(b)
	default:
		panic(fmt.Sprintf("impact: decoder has no rule for %s", v.Type()))
	}
}

func parseNumber(n *yaml.Node) (float64, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return 0, false
	}
	s := strings.ReplaceAll(strings.TrimSpace(n.Value), "_", "")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// decodeStruct fills a struct from a mapping: keys by their yaml tags, an
// unknown key reported with the nearest known one, and the Pos and Keys
// fields filled with the positions of the mapping and of each key.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		if isNull(n) {
			return
		}
		d.errorf(n, key, "%s must be a mapping (key: value), found %s", keyOr(key, "the file"), kindName(n))
		return
	}
	t := v.Type()
	// The keys come from yamlFields, as those of impact help project and
	// impact schema do, so that the reference cannot drift from the loader.
	structFields, known := yamlFields(t)
	fields := map[string]int{}
	for i, f := range structFields {
		fields[known[i]] = f.Index[0]
	}
	if f := v.FieldByName("Pos"); f.IsValid() && f.Type() == posType {
		f.Set(reflect.ValueOf(nodePos(n)))
	}
	keys := map[string]Pos{}
	pairs := mappingPairs(n)
	for pi, p := range pairs {
		k := p[0].Value
		i, ok := fields[k]
		if !ok && pi > 0 && d.splitByComma(n, pairs[pi-1], p, key) {
			continue
		}
		if !ok {
			d.unknownKey(p[0], key, k, known)
			continue
		}
		if _, dup := keys[k]; dup && key == "" {
			d.errorf(p[0], k, "the key %q is written twice in the top level; keep one", k)
			continue
		} else if dup {
			d.errorf(p[0], joinKey(key, k), "the key %q is written twice in %s; keep one", k, key)
			continue
		}
		keys[k] = nodePos(p[0])
		d.decode(p[1], v.Field(i), joinKey(key, k))
	}
	if f := v.FieldByName("Keys"); f.IsValid() && f.Type() == keysType {
		f.Set(reflect.ValueOf(keys))
	}
}

// unknownKey reports the key k, unknown in the mapping at key. The top
// level has messages of its own: it is not a key, and other languages say
// "in it" otherwise.
func (d *decoder) unknownKey(n *yaml.Node, key, k string, known []string) {
	switch near := Nearest(k, known); {
	case key == "" && near != "":
		d.errorf(n, k, "unknown key %q in the top level; did you mean %q?", k, near)
	case key == "":
		d.errorf(n, k, "unknown key %q in the top level; the keys here are: %s", k, strings.Join(sorted(known), ", "))
	case near != "":
		d.errorf(n, joinKey(key, k), "unknown key %q in %s; did you mean %q?", k, key, near)
	default:
		d.errorf(n, joinKey(key, k), "unknown key %q in %s; the keys here are: %s", k, key, strings.Join(sorted(known), ", "))
	}
}

// splitByComma reports an unknown key that is really the rest of the value
// before it: inside {…} a comma ends a value, so in
// {name: Bodens kommun, Arbetsmarknadsförvaltningen, role: …} the second
// part reads as a key without a value. The message says to quote the text.
func (d *decoder) splitByComma(n *yaml.Node, before, unknown [2]*yaml.Node, key string) bool {
	if n.Style&yaml.FlowStyle == 0 || !isNull(resolve(unknown[1])) || unknown[1].Value != "" ||
		before[1].Kind != yaml.ScalarNode || before[1].Style != 0 {
		return false
	}
	k := unknown[0].Value
	d.errorf(unknown[0], joinKey(key, k), "%q is read as a key because inside {…} a comma ends a value; if it belongs to %s, put the whole text in quotes: %s: \"%s, %s\"",
		k, onOneLine(before[0].Value), onOneLine(before[0].Value), onOneLine(before[1].Value), onOneLine(k))
	return true
}

// onOneLine is a key or value as a message shows it unquoted: a plain
// scalar that YAML folded over several lines keeps its line breaks, which
// would cut the message into lines of their own.
func onOneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}

// keyOr is key, or the words alt where there is no key.
func keyOr(key string, alt string) any {
	if key == "" {
		return word(alt)
	}
	return key
}

func nonEmpty(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func sorted(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// Nearest returns the candidate closest to s in edit distance when it is
// close enough to be a likely typo, else "". Messages use it to say
// "did you mean …?".
func Nearest(s string, candidates []string) string {
	best, bestDist := "", math.MaxInt
	for _, c := range candidates {
		if dist := editDistance(strings.ToLower(s), strings.ToLower(c)); dist < bestDist {
			best, bestDist = c, dist
		}
	}
	limit := max(2, len([]rune(s))/3)
	if bestDist <= limit && bestDist < len([]rune(s)) {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// decodeNode reads a date written as YYYY-MM-DD.
func (dt *Date) decodeNode(d *decoder, n *yaml.Node, key string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, key, "%s must be a date (YYYY-MM-DD), found %s", key, kindName(n))
		return
	}
	parsed, err := ParseDate(strings.TrimSpace(n.Value))
	if err != nil {
		d.errorf(n, key, "%s: %q is not a date; write it as YYYY-MM-DD, for example 2025-03-12", key, strings.TrimSpace(n.Value))
		return
	}
	*dt = parsed
}

// decodeNode reads a baseline given as a number or as {value, date, source}.
func (b *Baseline) decodeNode(d *decoder, n *yaml.Node, key string) {
	if n.Kind == yaml.ScalarNode {
		f, ok := parseNumber(n)
		if !ok {
			d.errorf(n, key, "%s must be a number or {value: …, date: …, source: …}, found %s", key, kindName(n))
			return
		}
		*b = Baseline{Value: f, Pos: nodePos(n), Keys: map[string]Pos{}}
		return
	}
	type plain Baseline
	d.decodeStruct(n, reflect.ValueOf((*plain)(b)).Elem(), key)
	if _, ok := b.Keys["value"]; !ok && n.Kind == yaml.MappingNode {
		d.errorf(n, key, "%s has no value; add value: followed by the baseline figure", key)
	}
}

// decodeNode reads a range given as a number or as {low, mid, high}.
func (r *Range) decodeNode(d *decoder, n *yaml.Node, key string) {
	if n.Kind == yaml.ScalarNode {
		f, ok := parseNumber(n)
		if !ok {
			d.errorf(n, key, "%s must be a number or {low: …, mid: …, high: …}, found %s", key, kindName(n))
			return
		}
		*r = Range{Low: f, Mid: f, High: f, Pos: nodePos(n), Keys: map[string]Pos{}}
		return
	}
	type plain Range
	d.decodeStruct(n, reflect.ValueOf((*plain)(r)).Elem(), key)
	for _, k := range []string{"low", "mid", "high"} {
		if _, ok := r.Keys[k]; !ok && n.Kind == yaml.MappingNode {
			d.errorf(n, key, "%s has no %s; give low, mid and high, or one number", key, k)
			return
		}
	}
}

// decodeNode reads a ratio's part: an indicator id or an inline count measure.
func (m *MeasureRef) decodeNode(d *decoder, n *yaml.Node, key string) {
	m.Pos = nodePos(n)
	if n.Kind == yaml.ScalarNode {
		m.Indicator = n.Value
		return
	}
	m.Measure = &Measure{}
	d.decode(n, reflect.ValueOf(m.Measure).Elem(), key)
	if m.Measure.Kind == "" {
		m.Measure.Kind = KindCount
	}
}

// decodeNode reads a condition: a value, a list of values, or {from, to}.
func (c *Condition) decodeNode(d *decoder, n *yaml.Node, key string) {
	c.Pos = nodePos(n)
	switch n.Kind {
	case yaml.ScalarNode:
		c.Values = []string{n.Value}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			item = resolve(item)
			if !d.visit(item) {
				return
			}
			if item.Kind != yaml.ScalarNode {
				d.errorf(item, key, "%s must list single values, found %s", key, kindName(item))
				continue
			}
			c.Values = append(c.Values, item.Value)
		}
	case yaml.MappingNode:
		for _, p := range mappingPairs(n) {
			v := resolve(p[1])
			switch p[0].Value {
			case "from":
				c.From = v.Value
			case "to":
				c.To = v.Value
			default:
				d.errorf(p[0], joinKey(key, p[0].Value), "unknown key %q in %s; a range has only from and to", p[0].Value, key)
			}
		}
		if c.From == "" && c.To == "" {
			d.errorf(n, key, "%s is an empty range; give from:, to: or both", key)
		}
	}
}
