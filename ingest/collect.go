package ingest

import (
	"errors"
	"strings"

	"github.com/joiningforces/impact"
)

// Why CheckParticipantID refuses an id typed into a collection's form
// (collect.md).
var (
	ErrIDEmpty    = errors.New("no participant id")
	ErrIDPattern  = errors.New("the participant id does not match participant_id.pattern")
	ErrIDPersonal = errors.New("the participant id looks like personal data")
)

// CheckParticipantID checks an id typed into a collection's form as ingest
// checks an id cell: present, matching the project's participant_id.pattern
// (without the separators people type), and never a personnummer or an
// e-mail address. The id itself never goes into an error.
func CheckParticipantID(p *impact.Project, id string) error {
	id = strings.TrimSpace(id)
	switch {
	case id == "":
		return ErrIDEmpty
	case containsPersonnummer(id) || strings.Contains(id, "@"):
		return ErrIDPersonal
	}
	if p.ParticipantID != nil && p.ParticipantID.Pattern != "" {
		re, err := p.ParticipantID.Regexp()
		if err != nil || !re.MatchString(stripIDSeparators(id)) {
			return ErrIDPattern
		}
	}
	return nil
}
