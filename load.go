package impact

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ProjectFileName is the name of the project file at a project folder's root.
const ProjectFileName = "impact.yaml"

// Defaults of the project settings.
const (
	DefaultConfidence = 0.95
	DefaultMinCell    = 5
	DefaultMinN       = 5
	DefaultLanguage   = "sv"
	DefaultCurrency   = "SEK"
)

// Languages lists the languages reports can be written in.
var Languages = []string{"sv", "en", "lv"}

// ErrNoProject is returned by FindProjectDir when no folder holds a project file.
var ErrNoProject = errors.New("no impact.yaml found")

// FindProjectDir returns start, or the nearest of its parents, that holds
// an impact.yaml.
func FindProjectDir(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, ProjectFileName)); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			e := Sayf(ENOTFOUND, "no %s in %s or any folder above it; run impact init to make one, or give --project DIR", ProjectFileName, start)
			e.Err = ErrNoProject
			return "", e
		}
		dir = parent
	}
}

// Load reads, checks and completes the project file at path, which may be
// the file itself or its folder. A file with problems gives an *Error with
// code EINVALID whose cause is a *ProblemsError listing all of them.
func Load(path string) (*Project, error) {
	file := path
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		file = filepath.Join(path, ProjectFileName)
	}
	if info, err := os.Stat(file); err == nil {
		if err := checkProjectSize(file, info.Size()); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Sayf(ENOTFOUND, "%s does not exist; run impact init %s to make a project there", file, filepath.Dir(file))
	} else if err != nil {
		return nil, Sayf(EINVALID, "cannot read %s: %v", file, err)
	}
	p, err := Parse(file, data)
	if err != nil {
		return nil, err
	}
	if p.Dir, err = filepath.Abs(filepath.Dir(file)); err != nil {
		return nil, Errorf(EINTERNAL, "%s: %w", file, err)
	}
	return p, nil
}

// Parse reads, checks and completes a project file's content; file names it
// in messages.
func Parse(file string, data []byte) (*Project, error) {
	d := &decoder{file: file}
	p := &Project{File: file}
	if err := checkProjectSize(file, int64(len(data))); err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(file, err)
	}
	if len(root.Content) == 0 {
		return nil, problemsError(file, []Problem{problemSaid(file, Pos{1, 1}, "", "the project file is empty; start from impact init, which writes a commented one")})
	}
	if err := checkIndicatorCount(file, root.Content[0]); err != nil {
		return nil, err
	}
	d.decode(root.Content[0], reflect.ValueOf(p).Elem(), "")
	if len(d.problems) == 0 {
		v := &validator{p: p, file: file}
		v.run()
		d.problems = append(d.problems, v.problems...)
		p.Warnings = v.warnings
	}
	if len(d.problems) > 0 {
		err := problemsError(file, d.problems)
		// The file parsed: its language: is known, or the default.
		err.(*Error).Err.(*ProblemsError).Language = nonEmpty(p.Info.Language, DefaultLanguage)
		return nil, err
	}
	return p, nil
}

func problemsError(file string, problems []Problem) error {
	pe := &ProblemsError{Problems: uniqueProblems(file, problems)}
	return &Error{Code: EINVALID, Message: pe.Error(), Err: pe}
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// syntaxError turns the YAML parser's error into a problem at its line.
func syntaxError(file string, err error) error {
	var problems []Problem
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, msg := range msgs {
		pr := Problem{File: file, Message: msg}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			pr.Pos = Pos{Line: line}
			pr = problemSaid(file, Pos{Line: line}, "", "this is not valid YAML: %s; check the indentation and that every text with a colon is in quotes", m[2])
			if strings.Contains(m[2], "mapping values are not allowed") {
				// An unquoted ": " inside a value starts a second mapping.
				pr = problemSaid(file, Pos{Line: line}, "", "this is not valid YAML: a text holds \": \" (a colon and a space) without quotes; put the whole text in quotes, as name: \"Nätverksträff 1: Välkommen\", or check the indentation")
			}
		}
		problems = append(problems, pr)
	}
	return problemsError(file, problems)
}
