package i18n_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact/i18n"
)

// verbs matches the fmt verbs of a message, with their argument index.
var verbs = regexp.MustCompile(`%(\[\d+\])?[a-z]`)

// pluralForms are the key endings of CLDR plural categories: a language may
// have a form the English catalogue does not (Latvian's zero).
var pluralForms = []string{".zero", ".one", ".two", ".few", ".many"}

// TestSameKeysEveryLanguage checks that every domain has, in every language
// impact speaks, the keys of the English catalogue and no other (but for
// plural forms of a key English has), each taking the same arguments.
func TestSameKeysEveryLanguage(t *testing.T) {
	for _, domain := range i18n.Domains() {
		en := i18n.Keys(domain, "en")
		if len(en) == 0 {
			t.Fatalf("%s has no English catalogue", domain)
		}
		for _, lang := range i18n.Languages {
			keys := i18n.Keys(domain, lang)
			for _, key := range en {
				if !slices.Contains(keys, key) {
					t.Errorf("%s %s lacks %s", domain, lang, key)
				}
			}
			for _, key := range keys {
				if slices.Contains(en, key) {
					got, _ := i18n.Lookup(domain, lang, key)
					want, _ := i18n.Lookup(domain, "en", key)
					if a, b := argVerbs(got), argVerbs(want); !slices.Equal(a, b) && !sameArguments(domain, key, a, b) {
						t.Errorf("%s %s %s takes %v, en takes %v", domain, lang, key, a, b)
					}
					continue
				}
				if !isPluralOf(key, en) {
					t.Errorf("%s %s has %s, which English has not", domain, lang, key)
				}
			}
		}
	}
}

func argVerbs(msg string) []string {
	v := verbs.FindAllString(msg, -1)
	slices.Sort(v)
	return slices.Compact(v)
}

// sameArguments allows a message with explicit argument indices to leave
// out an argument another language needs (a Swedish date takes the day
// with its leading zero, an English one without), as long as no language
// refers to an argument the key is given in none.
func sameArguments(domain i18n.Domain, key string, a, b []string) bool {
	indexed := regexp.MustCompile(`^%\[(\d+)\][a-z]$`)
	most := 0
	for _, lang := range i18n.LanguagesOf(domain) {
		msg, _ := i18n.Lookup(domain, lang, key)
		for _, v := range argVerbs(msg) {
			m := indexed.FindStringSubmatch(v)
			if m == nil {
				return false
			}
			n, _ := strconv.Atoi(m[1])
			most = max(most, n)
		}
	}
	for _, v := range append(a, b...) {
		if !indexed.MatchString(v) {
			return false
		}
	}
	return most <= len(slices.Compact(append(slices.Clone(a), b...)))+1
}

func isPluralOf(key string, en []string) bool {
	parts := strings.Split(key, ".")
	for i, part := range parts {
		if slices.Contains(pluralForms, "."+part) {
			parts[i] = "other"
		}
	}
	return slices.Contains(en, strings.Join(parts, "."))
}

// use is one call of the catalogue found in the source: the domain, the key
// when it is a literal, and where.
type use struct {
	domain i18n.Domain
	key    string
	pos    string
}

// catalogueCall tells whether call reads the catalogue and, if so, its
// domain and the expression of its key. Each package reaches the catalogue
// through one function of its own: the reports' printer.T, Plural and refuse and
// the reporter's result sentences, the dashboards' t, refuse and page.T, the
// lint's message, the command line's Main.T, msg, refuse, usageError and
// helpText, ingest's noteOf and noteCount, and i18n's own functions.
func catalogueCall(pkg string, call *ast.CallExpr) (i18n.Domain, ast.Expr, bool) {
	arg := func(i int) ast.Expr {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		switch {
		case pkg == "dashboards" && fn.Name == "t":
			return i18n.Dashboards, arg(1), true
		case pkg == "dashboards" && fn.Name == "refuse":
			return i18n.Dashboards, arg(1), true
		case pkg == "smart" && fn.Name == "message":
			return i18n.Lint, arg(1), true
		case pkg == "main" && (fn.Name == "msg" || fn.Name == "msgCount" || fn.Name == "msgCounts"):
			return i18n.CLI, arg(1), true
		case pkg == "main" && fn.Name == "refuse":
			return i18n.CLI, arg(2), true
		case pkg == "reports" && fn.Name == "refuse":
			return i18n.Reports, arg(2), true
		case pkg == "ingest" && (fn.Name == "noteOf" || fn.Name == "noteCount"):
			return i18n.Ingest, arg(2), true
		case pkg == "impact" && (fn.Name == "say" || fn.Name == "Sayf"):
			return i18n.Project, arg(1), true
		case pkg == "impact" && fn.Name == "problemSaid":
			return i18n.Project, arg(3), true
		}
	case *ast.SelectorExpr:
		// The project loader's decoder and validator: d.errorf, v.errorf
		// and v.warnf.
		if pkg == "impact" && (fn.Sel.Name == "errorf" || fn.Sel.Name == "warnf") {
			return i18n.Project, arg(2), true
		}
		// Evaluate's refusals: e.invalid(pos, format, …) and
		// e.storeError(action, err, …).
		if pkg == "metrics" && fn.Sel.Name == "invalid" {
			return i18n.Evaluate, arg(1), true
		}
		if pkg == "metrics" && fn.Sel.Name == "storeError" {
			return i18n.Evaluate, arg(0), true
		}
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "impact" && fn.Sel.Name == "Sayf" {
			return i18n.Project, arg(1), true
		}
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "i18n" && (fn.Sel.Name == "Sprintf" || fn.Sel.Name == "Plural" || fn.Sel.Name == "Has" || fn.Sel.Name == "Keep") {
			if d, ok := arg(0).(*ast.SelectorExpr); ok {
				return i18n.Domain(strings.ToLower(d.Sel.Name)), arg(2), true
			}
		}
		if isResultSentence(pkg, call) {
			// A result's sentence: the key, with its goal's forms.
			return i18n.Reports, arg(1), true
		}
		// The command line's usage errors and help texts.
		if pkg == "main" && fn.Sel.Name == "usageError" {
			return i18n.CLI, arg(0), true
		}
		if pkg == "main" && fn.Sel.Name == "helpText" {
			return i18n.Help, arg(0), true
		}
		if fn.Sel.Name == "T" || (pkg == "reports" && fn.Sel.Name == "Plural") {
			switch pkg {
			case "reports":
				return i18n.Reports, arg(0), true
			case "dashboards":
				return i18n.Dashboards, arg(0), true
			case "main":
				return i18n.CLI, arg(0), true
			}
		}
	}
	return "", nil, false
}

// scan parses every Go file of the module but tests, and the dashboards'
// templates, and returns every call of the catalogue, and every place
// where a message read from the catalogue is joined with + or += to
// another text: a sentence pasted from translated fragments.
func scan(t *testing.T) (uses []use, pasted []string) {
	t.Helper()
	root := filepath.Join("..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "i18n/") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		pkg := f.Name.Name
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if domain, key, ok := catalogueCall(pkg, n); ok {
					u := use{domain: domain, pos: fset.Position(n.Pos()).String()}
					if lit, ok := key.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						u.key, _ = strconv.Unquote(lit.Value)
					}
					uses = append(uses, u)
					if u.key != "" && isResultSentence(pkg, n) {
						// A result's sentence has a form for either
						// direction of its goal.
						for _, goal := range []string{".goal_increase", ".goal_decrease"} {
							uses = append(uses, use{domain: domain, key: u.key + goal, pos: u.pos})
						}
					}
				}
			case *ast.BinaryExpr:
				if n.Op != token.ADD {
					return true
				}
				if isSpace(n.X) || isSpace(n.Y) || endsWithSpace(n.X) {
					// Two whole sentences joined by a space: each is one
					// message, and every language reads them so. A message
					// on either side of the space must then be a sentence,
					// not a word such as a month's name before its year.
					left, right := lastTerm(n.X), n.Y
					if isSpace(right) {
						right = nil
					}
					if endsWithSpace(n.X) {
						left = lastTerm(ast.Unparen(n.X).(*ast.BinaryExpr).X)
					}
					if isSymbol(left) || isSymbol(right) {
						// A status's symbol is no word of any language: "✓ Met".
						return true
					}
					for _, side := range []ast.Expr{left, right} {
						if call, ok := ast.Unparen(side).(*ast.CallExpr); ok && !isSentence(pkg, call) {
							pasted = append(pasted, filepath.ToSlash(fset.Position(n.Pos()).String()))
						}
					}
					return true
				}
				for _, side := range []ast.Expr{n.X, n.Y} {
					if call, ok := ast.Unparen(side).(*ast.CallExpr); ok {
						if _, _, ok := catalogueCall(pkg, call); ok {
							pasted = append(pasted, filepath.ToSlash(fset.Position(n.Pos()).String()))
						}
					}
				}
			case *ast.AssignStmt:
				// text += message pastes a message to the text before it.
				if n.Tok != token.ADD_ASSIGN || len(n.Rhs) != 1 {
					return true
				}
				if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
					if _, _, ok := catalogueCall(pkg, call); ok {
						pasted = append(pasted, filepath.ToSlash(fset.Position(n.Pos()).String()))
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	templateKey := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	pages, err := filepath.Glob(filepath.Join(root, "dashboards", "templates", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateKey.FindAllStringSubmatch(string(text), -1) {
			uses = append(uses, use{domain: i18n.Dashboards, key: m[1], pos: page})
		}
	}
	return uses, pasted
}

// isResultSentence tells whether call formats a result's sentence in the
// reports, whose key has a form for each direction of the goal.
func isResultSentence(pkg string, call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && pkg == "reports" && (sel.Sel.Name == "sentence" || sel.Sel.Name == "countedSentence")
}

// isSymbol tells whether e calls a Symbol method, as a status's does.
func isSymbol(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Symbol"
}

// lastTerm returns the last term of a sum, or e itself.
func lastTerm(e ast.Expr) ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
		return b.Y
	}
	return e
}

// sentenceEnd matches the end of a whole sentence, or of a note in
// brackets set after one ("(proposed)").
var sentenceEnd = regexp.MustCompile(`([.!?:]["”»]?|\))$`)

// isSentence tells whether call, set beside another text with a space, is
// a whole sentence in every language: true for a call that is not the
// catalogue's. A key built from a literal start ("month." + m) stands for
// every key that starts so.
func isSentence(pkg string, call *ast.CallExpr) bool {
	domain, key, ok := catalogueCall(pkg, call)
	if !ok {
		return true
	}
	prefix, whole := keyPrefix(key)
	if prefix == "" {
		return true
	}
	found := 0
	for _, lang := range i18n.LanguagesOf(domain) {
		for _, k := range i18n.Keys(domain, lang) {
			if whole && k != prefix && !strings.HasPrefix(k, prefix+".") || !strings.HasPrefix(k, prefix) {
				continue
			}
			found++
			msg, _ := i18n.Lookup(domain, lang, k)
			if !sentenceEnd.MatchString(strings.TrimSpace(msg)) {
				return false
			}
		}
	}
	// A key the catalogue lacks cannot be shown to be a sentence.
	return found > 0
}

// keyPrefix returns the literal key of e, whole, or the literal start of a
// key built from it: "month." of "month." + m or of fmt.Sprintf("month.%d", m).
func keyPrefix(e ast.Expr) (string, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, _ := strconv.Unquote(e.Value)
			return s, true
		}
	case *ast.BinaryExpr:
		if p, _ := keyPrefix(e.X); p != "" {
			return p, false
		}
	case *ast.CallExpr:
		if len(e.Args) > 0 {
			if p, _ := keyPrefix(e.Args[0]); p != "" {
				p, _, _ = strings.Cut(p, "%")
				return p, false
			}
		}
	}
	return "", false
}

// isSpace tells whether e is the literal " ".
func isSpace(e ast.Expr) bool {
	lit, ok := ast.Unparen(e).(*ast.BasicLit)
	return ok && lit.Kind == token.STRING && lit.Value == `" "`
}

// endsWithSpace tells whether e is a sum whose last term is " ".
func endsWithSpace(e ast.Expr) bool {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	return ok && b.Op == token.ADD && isSpace(b.Y)
}

// TestEveryKeyUsedExists checks that every message the program asks for by
// a literal key is in the catalogue of every language its domain speaks,
// so that no reader ever sees a key or another language.
func TestEveryKeyUsedExists(t *testing.T) {
	uses, _ := scan(t)
	literal := 0
	for _, u := range uses {
		if u.key == "" {
			continue
		}
		literal++
		for _, lang := range i18n.Languages {
			if !i18n.Has(u.domain, lang, u.key) && !hasPlural(u.domain, lang, u.key) {
				t.Errorf("%s: %s key %q is missing in %s", u.pos, u.domain, u.key, lang)
			}
		}
	}
	// The scan must see the program: the reports alone ask for hundreds.
	if literal < 300 {
		t.Fatalf("found %d literal keys; the scan missed the program's calls", literal)
	}
}

// hasPlural tells whether key is asked for by its count: key.other, or
// key.other.other for a message of two counts, is in the catalogue.
func hasPlural(domain i18n.Domain, lang, key string) bool {
	return i18n.Has(domain, lang, key+".other") || i18n.Has(domain, lang, key+".other.other")
}

// TestNoMessagePastedFromFragments checks that no text a person reads is
// made by joining a message from the catalogue to another with + or +=: a
// sentence is one message, so that each language can order its words. Two
// messages may stand side by side with a space only when each is a whole
// sentence in every language; a list is joined by i18n.List, a month and
// its year are one message of the format domain.
func TestNoMessagePastedFromFragments(t *testing.T) {
	uses, pasted := scan(t)
	if len(uses) == 0 {
		t.Fatal("the scan found no call of the catalogue")
	}
	for _, place := range pasted {
		t.Errorf("%s joins a message of the catalogue to other text; make the whole sentence one message", place)
	}
}
