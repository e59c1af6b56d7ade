package synth

import "time"

// The comparison cohort: young adults of the municipality who registered
// for the follow-ups but took part in nothing, called at six months as the
// participants were. The example's work_or_study_6m compares with them
// (compare: in impact.yaml), which shows the comparison of statistics.md;
// being chosen by who agreed to be called, not by lot, it is observational.
const comparisonCohort = "Jämförelse 2025"

// comparisonStart is the day the comparison people were registered.
var comparisonStart = day(2025, 1, 15)

// comparisonPeople is the size of the comparison cohort: one for every five
// participants.
func comparisonPeople(participants int) int {
	return max(participants/5, 1)
}

// drawComparison fills p with the story of comparison person j (0-based)
// of a project of n participants: numbered after the participants, a young
// adult in the register, at no event, and reached at six months or not.
// Their draws come from a stream of their own, so adding them changes no
// participant's story.
func (s *storyteller) drawComparison(j, n int, p *person) {
	s.src.Seed(s.seed^0x636f6d7061726500, splitmix64(uint64(j)))
	r := s.rng
	*p = person{contactsAt: p.contactsAt[:0], comparison: true}
	p.id = participantID(n+j+1, s.width)
	p.group = groupYoung
	switch u := r.Float64(); {
	case u < 0.5:
		p.gender = "female"
	case u < 0.97:
		p.gender = "male"
	default:
		p.gender = "other"
	}
	p.birthYear = 2025 - 18 - r.IntN(12)
	p.start = comparisonStart
	p.engagement = r.NormFloat64()
	if r.Float64() < 0.75 {
		p.followup6 = followup{true, weekday(followup6Start.AddDate(0, 0, r.IntN(19))), status(r, false, 1, p.engagement)}
	}
}

// cohortOf is the register's Kohort of a person: the comparison cohort, or
// the term the participant started in.
func cohortOf(p *person) string {
	switch {
	case p.comparison:
		return comparisonCohort
	case p.start.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)):
		return "Höst 2024"
	}
	return "Vår 2025"
}
