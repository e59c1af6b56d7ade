package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/joiningforces/impact"
)

// Change says what differs from a file's earlier ingest at the same path,
// which decides whether it is read again.
type Change int

const (
	// NoChange is a file ingested for the first time, or skipped because
	// its content and settings are those recorded.
	NoChange Change = iota
	// ContentChanged is a file whose content differs from what was loaded.
	ContentChanged
	// SettingsChanged is a file with the content that was loaded, read
	// another way: its source entry in impact.yaml (kind, event, wave,
	// columns:, sheet, date_format) or the command line's --kind, --event,
	// --event-kind, --date or --wave changed.
	SettingsChanged
	// SettingsUnknown is a file with the content that was loaded, by an
	// impact that did not record how it read it (a store migrated from
	// schema version 2): it is read once more so that they are recorded.
	SettingsUnknown
)

// readSettings is everything of a source, besides the file's bytes, that
// decides which rows ingest makes of it. Its JSON is canonical: the fields
// in this order, the maps with their keys sorted (as encoding/json writes
// every map), empty fields left out.
type readSettings struct {
	Kind       string            `json:"kind"`
	Event      *eventSettings    `json:"event,omitempty"`
	Wave       string            `json:"wave,omitempty"`
	Columns    map[string]string `json:"columns,omitempty"`
	Sheet      string            `json:"sheet,omitempty"`
	DateFormat string            `json:"date_format,omitempty"`
	// Items holds, for a responses file, each item of the project's
	// instruments with its scale: they decide which columns are answers
	// and which values are in range.
	Items map[string]string `json:"items,omitempty"`
	// IDs is the rule that makes an id a pseudonym (exports.md): its
	// version and the project's participant_id.pattern.
	IDs string `json:"ids"`
	// Activities and Categories are, for a costs file, the activities by
	// id and name and the project's own cost categories.
	Activities []string `json:"activities,omitempty"`
	Categories []string `json:"categories,omitempty"`
}

// eventSettings is the part of a source's event that becomes row values.
// The event's name is left out: it is not stored, so renaming an event
// reads nothing again.
type eventSettings struct {
	ID   string `json:"id,omitempty"`
	Kind string `json:"kind,omitempty"`
	Date string `json:"date,omitempty"`
}

// settingsOf returns the fingerprint of how the project reads a source:
// the hex SHA-256 of the canonical JSON of its readSettings. The store
// records it beside the file's hash, and a file is skipped only when both
// are the same. It never holds anything secret: the pseudonym key is not
// part of it, and the hash hides the column names of the columns: map.
func settingsOf(p *impact.Project, src impact.Source) (string, error) {
	s := readSettings{Kind: src.Kind, Wave: src.Wave, Sheet: src.Sheet, DateFormat: src.DateFormat}
	if e := src.Event; e != nil {
		s.Event = &eventSettings{ID: e.ID, Kind: e.Kind}
		if e.Date != nil && !e.Date.IsZero() {
			s.Event.Date = e.Date.String()
		}
		if *s.Event == (eventSettings{}) {
			s.Event = nil
		}
	}
	if len(src.Columns) > 0 {
		s.Columns = src.Columns
	}
	if src.Kind == "responses" && p != nil {
		s.Items = map[string]string{}
		// In the order newConverter reads them, so that an item in two
		// instruments has the scale the converter uses.
		for _, in := range surveyInstruments(p) {
			labels := labelsText(in.Labels)
			for _, item := range in.Items {
				texts, _ := json.Marshal(in.Texts[item])
				s.Items[item] = strconv.FormatFloat(in.Scale.Min, 'g', -1, 64) + ".." + strconv.FormatFloat(in.Scale.Max, 'g', -1, 64) +
					" " + labels + " " + string(texts)
			}
		}
	}
	s.IDs = "strip-separators-1"
	if p != nil && p.ParticipantID != nil {
		s.IDs += " " + p.ParticipantID.Pattern
	}
	if src.Kind == "costs" && p != nil {
		for _, n := range p.TheoryOfChange.Nodes {
			if n.Level == impact.LevelActivity {
				s.Activities = append(s.Activities, n.ID+"="+n.Name)
			}
		}
		for _, c := range p.CostCategoryList {
			s.Categories = append(s.Categories, c.ID+"="+c.Name+"="+strings.Join(c.Synonyms, ","))
		}
	}
	text, err := json.Marshal(s)
	if err != nil {
		return "", impact.Errorf(impact.EINTERNAL, "ingest %s: cannot encode how the file is read: %v; this is a bug in impact, report it", src.File, err)
	}
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:]), nil
}

// labelsText writes an instrument's answer labels in a stable order, value
// by value, for the fingerprint: editing labels: reads the file again.
// (encoding/json cannot write a map keyed by numbers.)
func labelsText(labels impact.Labels) string {
	values := slices.Sorted(maps.Keys(labels))
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64) + "=" + strings.Join(labels[v], "|")
	}
	return strings.Join(parts, ";")
}
