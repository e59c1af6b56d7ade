package synth

import (
	_ "embed"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"
)

// projectTemplate is impact.yaml with the few figures that depend on the
// options left as template actions; it is kept as a file so that it reads as
// the project file it makes.
//
//go:embed impact.yaml.tmpl
var projectTemplate string

// column maps one header of a data file to its canonical name.
type column struct {
	Header, Canonical string
}

// projectData is what the template fills in.
type projectData struct {
	Participants int
	Seed         uint64
	PreIsXLSX    bool

	ParticipantsFile, PreFile, PostFile, MarketFile string
	Followup3File, Followup6File, CostsFile         string
	KoladaFile, KoladaMetaFile                      string
	MeetupFiles                                     [3]string

	PostColumns []column
}

// postColumns maps the paper forms' short question numbers F1–F7 and J1–J4.
func postColumns() []column {
	var cols []column
	for k := range swemwbsQuestions {
		cols = append(cols, column{"F" + strconv.Itoa(k+1), "swemwbs_" + strconv.Itoa(k+1)})
	}
	for k := range jobbtroQuestions {
		cols = append(cols, column{"J" + strconv.Itoa(k+1), "jt" + strconv.Itoa(k+1)})
	}
	return cols
}

// writeProject writes impact.yaml for the given options.
func writeProject(path string, opts Options, scale scaler) error {
	number := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	tmpl, err := template.New("impact.yaml").Funcs(template.FuncMap{
		"count":  scale.count,
		"hours":  func(x float64) string { return number(scale.hours(x)) },
		"amount": func(x float64) string { return number(scale.amount(x)) },
		// A double-quoted YAML scalar: the question texts as mapping keys.
		"quote": func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` },
	}).Parse(projectTemplate)
	if err != nil {
		return fmt.Errorf("synth: project template: %w", err)
	}
	var b strings.Builder
	err = tmpl.Execute(&b, projectData{
		Participants:     opts.Participants,
		Seed:             opts.Seed,
		PreIsXLSX:        opts.formsAsXLSX(),
		ParticipantsFile: participantsFile,
		PreFile:          opts.preFile(),
		PostFile:         postFile,
		MarketFile:       marketFile,
		Followup3File:    followup3File,
		Followup6File:    followup6File,
		CostsFile:        costsFile,
		KoladaFile:       koladaFile,
		KoladaMetaFile:   koladaMetaFile,
		MeetupFiles:      meetupFiles,
		PostColumns:      postColumns(),
	})
	if err != nil {
		return fmt.Errorf("synth: project template: %w", err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
