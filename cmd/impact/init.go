package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/synth"
)

//go:embed templates
var templates embed.FS

func initCommand() command {
	var lang string
	var example bool
	return command{
		Name:    "init",
		Example: "impact init boden --lang sv\nimpact init demo --example",
		Setup: func(m *Main, fs *flag.FlagSet) func(context.Context, []string) error {
			fs.StringVar(&lang, "lang", "sv", m.helpText("flag.init.lang"))
			fs.BoolVar(&example, "example", false, m.helpText("flag.init.example"))
			return func(ctx context.Context, args []string) error {
				if len(args) > 1 {
					return m.usageError("usage.init.args", len(args), strings.Join(args, " "))
				}
				dir := "."
				if len(args) == 1 {
					dir = args[0]
				}
				if !slices.Contains(impact.Languages, lang) {
					return m.usageError("usage.lang", lang)
				}
				return impact.SayIn(m.runInit(m.abs(dir), lang, example), lang)
			}
		},
	}
}

func (m *Main) runInit(dir, lang string, example bool) error {
	file := filepath.Join(dir, impact.ProjectFileName)
	if _, err := os.Stat(file); err == nil {
		return m.usageError("usage.init.exists", dir, impact.ProjectFileName)
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot make the project folder %s: %v; check the path and its permissions", dir, err)
	}
	if example {
		if err := synth.Generate(dir, synth.Options{}); err != nil {
			return refuse(impact.EINTERNAL, err, "init.example", dir, err)
		}
		if lang != impact.DefaultLanguage {
			if err := setLanguage(file, lang); err != nil {
				return err
			}
		}
	} else if err := writeTemplate(file, dir, lang, m.Now().Format(impact.DateLayout)); err != nil {
		return err
	}
	if err := writeSchemaFile(file, dir); err != nil {
		return err
	}
	if err := ensureSecret(dir); err != nil {
		return err
	}
	if err := ensureGitignore(dir); err != nil {
		return err
	}
	if _, err := impact.Load(dir); err != nil {
		return impact.Errorf(impact.EINTERNAL, "the new project does not load: %w", err)
	}
	made := "init.made"
	if example {
		made = "init.made.example"
	}
	// The demo writes the example in its own language and speaks --lang.
	if given, err := i18n.Choose(m.LangFlag, ""); m.LangFlag != "" && err == nil {
		lang = given
	}
	fmt.Fprintln(m.Stdout, msg(lang, made, dir, file, filepath.Join(dir, "data")+string(filepath.Separator), filepath.Join(dir, ".impact", "secret")))
	fmt.Fprintln(m.Stdout, msg(lang, "init.next", dir))
	return nil
}

// writeSchemaFile writes the JSON Schema beside impact.yaml and points the
// file's first line to it, so that editors with the YAML language server
// complete its keys and mark mistakes.
func writeSchemaFile(file, dir string) error {
	schema, err := schemaJSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, impact.SchemaFileName), schema, 0o644); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot write %s: %v; check the folder's permissions", impact.SchemaFileName, err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "reading %s: %w", file, err)
	}
	if bytes.HasPrefix(data, []byte(impact.SchemaComment)) {
		return nil
	}
	data = append([]byte(impact.SchemaComment+"\n"), data...)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot write %s: %v; check the folder's permissions", file, err)
	}
	return nil
}

// writeTemplate writes the commented project file in the chosen language.
func writeTemplate(file, dir, lang, today string) error {
	// A language without a commented template of its own gets the
	// English comments and its own language: key.
	written := lang
	if _, err := fs.Stat(templates, "templates/impact."+lang+".yaml"); err != nil {
		written = "en"
	}
	tmpl, err := template.ParseFS(templates, "templates/impact."+written+".yaml")
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "project template: %w", err)
	}
	abs, _ := filepath.Abs(dir)
	name := filepath.Base(abs)
	var b bytes.Buffer
	err = tmpl.Execute(&b, map[string]string{
		"ID":    impact.SuggestID(name),
		"Name":  name,
		"Start": today,
		"End":   addYear(today),
	})
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "project template: %w", err)
	}
	data := b.Bytes()
	if written != lang {
		data = bytes.Replace(data, []byte("\n  language: "+written+" "), []byte("\n  language: "+lang+" "), 1)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot write %s: %v; check the folder's permissions", file, err)
	}
	return nil
}

func addYear(date string) string {
	d, err := impact.ParseDate(date)
	if err != nil {
		return date
	}
	return d.AddDate(1, 0, -1).Format(impact.DateLayout)
}

// setLanguage switches the example project's report language.
func setLanguage(file, lang string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "reading %s: %w", file, err)
	}
	out := bytes.Replace(data, []byte("\n  language: sv"), []byte("\n  language: "+lang), 1)
	return os.WriteFile(file, out, 0o644)
}

// ensureSecret creates .impact/secret, readable only by its owner, unless
// it exists: replacing it would change every pseudonym.
func ensureSecret(dir string) error {
	path := filepath.Join(dir, ".impact", "secret")
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return impact.Sayf(impact.EINVALID, "cannot read %s: %v", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot make %s: %v; check the folder's permissions", filepath.Dir(path), err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return impact.Errorf(impact.EINTERNAL, "cannot make a secret: %w", err)
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot write %s: %v; check the folder's permissions", path, err)
	}
	return nil
}

// ensureGitignore makes sure .gitignore keeps .impact/ out of version control.
func ensureGitignore(dir string) error {
	path := filepath.Join(dir, ".gitignore")
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return impact.Sayf(impact.EINVALID, "cannot read %s: %v", path, err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if t := strings.TrimSpace(line); t == ".impact/" || t == ".impact" || t == "/.impact/" {
			return nil
		}
	}
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data, '\n')
	}
	data = append(data, []byte("# the store and the secret of impact: never in version control\n.impact/\n")...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return impact.Sayf(impact.EINVALID, "cannot write %s: %v", path, err)
	}
	return nil
}
