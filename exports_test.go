package impact_test

import (
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

const exportsKeys = `version: 1
project: {id: p, name: P, period: {start: 2025-01-01, end: 2025-12-31}}
participant_id: {pattern: 'BD\d{4}'}
cost_categories:
  - {id: childcare, name: Barnpassning, synonyms: [barnvakt]}
instruments:
  - id: jobbtro
    items:
      - {id: jt1, text: {sv: "Jag tror att jag har ett jobb inom ett år", en: "I believe I will have a job within a year"}}
      - jt2
    scale: {min: 1, max: 5}
    labels: {1: [Stämmer inte alls, Not at all true], 5: [Stämmer helt, Completely true]}
  - {id: swemwbs, builtin: swemwbs}
`

func TestExportsKeys(t *testing.T) {
	p := MustParse(t, exportsKeys)
	re, err := p.ParticipantID.Regexp()
	if err != nil {
		t.Fatal(err)
	}
	if !re.MatchString("bd0042") || re.MatchString("12") {
		t.Errorf("pattern %s matches wrongly", re)
	}
	if got, want := strings.Join(p.Categories(), ","), "staff,venue,material,travel,catering,marketing,other,childcare"; got != want {
		t.Errorf("categories = %s, want %s", got, want)
	}
	jobbtro, _ := p.Instrument("jobbtro")
	if got, want := strings.Join(jobbtro.Items, ","), "jt1,jt2"; got != want {
		t.Errorf("items = %s, want %s", got, want)
	}
	if got, want := jobbtro.Texts["jt1"]["en"], "I believe I will have a job within a year"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if got, want := strings.Join(jobbtro.Labels[5], "/"), "Stämmer helt/Completely true"; got != want {
		t.Errorf("label 5 = %q, want %q", got, want)
	}
	swemwbs, _ := p.Instrument("swemwbs")
	if got, want := swemwbs.Texts["swemwbs_7"]["sv"], "Jag har kunnat bestämma mig i olika frågor"; got != want {
		t.Errorf("swemwbs_7 = %q, want %q", got, want)
	}
	if got, want := strings.Join(swemwbs.Labels[4], "/"), "Ofta/Often"; got != want {
		t.Errorf("swemwbs label 4 = %q, want %q", got, want)
	}
}

func TestExportsKeysRefused(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"bad pattern", strings.Replace(exportsKeys, `'BD\d{4}'`, `'BD(\d{4}'`, 1), `impact.yaml:3:18: participant_id.pattern: "BD(\\d{4}" is not a regular expression`},
		{"category clash", strings.Replace(exportsKeys, "id: childcare", "id: venue", 1), `cost_categories[0].id: "venue" is already a cost category`},
		{"label outside scale", strings.Replace(exportsKeys, "5: [Stämmer helt", "7: [Stämmer helt", 1), "instruments[0].labels: the label of 7 is outside the scale 1–5"},
		{"item without id", strings.Replace(exportsKeys, "{id: jt1, text", "{text", 1), "instruments[0].items[0].id: missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := impact.Parse("impact.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
