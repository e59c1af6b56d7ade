package synth

import (
	"errors"
	"path/filepath"
)

// generator holds what every file of one project needs.
type generator struct {
	dir   string
	opts  Options
	scale scaler
}

// newGenerator prepares the generation of one project folder.
func newGenerator(dir string, opts Options) *generator {
	return &generator{
		dir:   dir,
		opts:  opts,
		scale: scaler(float64(opts.Participants) / DefaultParticipants),
	}
}

// path is a project-relative file name as a path on disk.
func (g *generator) path(rel string) string {
	return filepath.Join(g.dir, filepath.FromSlash(rel))
}

// preFile is the first impact day's file, XLSX or, for a large project, CSV.
func (o Options) preFile() string {
	if o.formsAsXLSX() {
		return preXLSXFile
	}
	return preCSVFile
}

// Swedish words for follow-up statuses, as the six-month sheet has them.
var swedishStatus = map[string]string{
	statusEmployed:   "arbete",
	statusStudying:   "studier",
	statusInternship: "praktik",
	statusJobSeeking: "arbetssökande",
	statusInactive:   "inaktiv",
}

// writeParticipantFiles writes every file that has a row per person, in one
// pass over the participants: each person's story is drawn once and written
// to all the files it appears in, so memory stays constant at any size.
// Every file is made by a different hand, and so in a different dialect.
func (g *generator) writeParticipantFiles() error {
	register := createTable(g.path(participantsFile), swedishExcel,
		"Deltagar-ID", "Målgrupp", "Kön", "Födelseår", "Kohort", "Startdatum")
	meetups := [3]*table{
		createTable(g.path(meetupFiles[0]), plainCSV, "Deltagare", "Nya kontakter"),
		createTable(g.path(meetupFiles[1]), excelUTF8, "Deltagar-ID", "Kön", "Nya kontakter"),
		createTable(g.path(meetupFiles[2]), tabbed, "participant", "new_contacts"),
	}
	tour := createTable(g.path(tourFile), plainCSV, "Deltagare")
	var pre formsExport
	if g.opts.formsAsXLSX() {
		pre = newXLSXForms(g.path(preXLSXFile), g.opts.Participants)
	} else {
		pre = newCSVForms(g.path(preCSVFile), g.opts.Participants)
	}
	post := createTable(g.path(postFile), plainCSV, "Deltagar-ID", "Datum",
		"F1", "F2", "F3", "F4", "F5", "F6", "F7", "J1", "J2", "J3", "J4")
	market := createTable(g.path(marketFile), excelUTF8,
		"Deltagar-ID", "Arbetsgivare", "Intervju", "Erbjudande", "Anställd")
	followup3 := createTable(g.path(followup3File), plainCSV, "participant", "date", "months_after", "status")
	followup6 := createTable(g.path(followup6File), excelUTF8, "Deltagar-ID", "Datum", "Månader efter", "Status")

	s := newStoryteller(g.opts.Seed, g.opts.Participants)
	var p person
	// typedTotal is the sum the second list's typist adds below it.
	typedTotal := 0
	for i := range g.opts.Participants {
		s.draw(i, &p)
		writeRegisterRow(register, &p)
		for k, t := range meetups {
			if p.meetup[k] {
				t.text(p.listedAs[k])
				if k == 1 {
					t.text(genderAsTyped(&p))
				}
				if p.contacts[k] >= 0 {
					t.int(p.contacts[k])
					if k == 1 {
						typedTotal += p.contacts[k]
					}
				} else {
					t.blank()
				}
				t.end()
			}
		}
		if p.meetup[2] {
			tour.text(p.listedAs[2])
			tour.end()
		}
		if p.pre.answered {
			pre.add(&p)
		}
		if p.post.answered {
			post.text(p.id)
			post.date(postDay)
			for _, a := range p.post.swemwbs {
				post.answer(a)
			}
			for _, a := range p.post.jobbtro {
				post.answer(a)
			}
			post.end()
		}
		for _, c := range p.contactsAt {
			market.text(p.id)
			market.text(c.employer)
			market.text(yesNo(c.interview))
			market.text(yesNo(c.offer))
			market.text(yesNo(c.hired))
			market.end()
		}
		if f := p.followup3; f.reached {
			followup3.text(p.id)
			followup3.date(f.date)
			followup3.int(3)
			followup3.text(f.status)
			followup3.end()
		}
		writeFollowup6(followup6, &p)
	}
	for j := range comparisonPeople(g.opts.Participants) {
		s.drawComparison(j, g.opts.Participants, &p)
		writeRegisterRow(register, &p)
		writeFollowup6(followup6, &p)
	}
	// The typed list ends as people end one: a blank row, then the total.
	meetups[1].blank()
	meetups[1].blank()
	meetups[1].blank()
	meetups[1].end()
	meetups[1].text("Summa")
	meetups[1].blank()
	meetups[1].int(typedTotal)
	meetups[1].end()
	return errors.Join(
		register.close(),
		meetups[0].close(), meetups[1].close(), meetups[2].close(), tour.close(),
		pre.close(), post.close(), market.close(),
		followup3.close(), followup6.close(),
	)
}

// writeFollowup6 writes a person's six-month follow-up, when the call reached them.
func writeFollowup6(t *table, p *person) {
	if f := p.followup6; f.reached {
		t.text(p.id)
		t.date(f.date)
		t.int(6)
		t.text(swedishStatus[f.status])
		t.end()
	}
}

// writeRegisterRow writes one person to the participant register, with the
// gender as the registrar typed it and the gaps the register has.
func writeRegisterRow(t *table, p *person) {
	t.text(p.id)
	t.text(p.group)
	t.text(genderAsTyped(p))
	if p.birthYear > 0 {
		t.int(p.birthYear)
	} else {
		t.blank()
	}
	t.text(cohortOf(p))
	t.date(p.start)
	t.end()
}

// genderAsTyped is the register's Kön column: Kvinna/Man/Annat, or K/M from
// a registrar who abbreviates, or empty.
func genderAsTyped(p *person) string {
	switch p.gender {
	case "female":
		if p.shortForm {
			return "K"
		}
		return "Kvinna"
	case "male":
		if p.shortForm {
			return "M"
		}
		return "Man"
	case "other":
		return "Annat"
	}
	return ""
}

// yesNo is a boolean as a Swedish list has it.
func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nej"
}
