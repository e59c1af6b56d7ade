package synth

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// Target-group ids as the project file declares them. The data files hold
// exactly these codes, as a drop-down list in a registration template would.
const (
	groupYoung        = "unga_vuxna"
	groupAccompanying = "medfoljande"
)

// Follow-up statuses in the spec's canonical words; followups.go writes them
// in English or Swedish depending on the file.
const (
	statusEmployed   = "employed"
	statusStudying   = "studying"
	statusInternship = "internship"
	statusJobSeeking = "job_seeking"
	statusInactive   = "inactive"
	statusOther      = "other"
)

// employers are the fictive employers at the job market.
var employers = []string{
	"Bodens Stålverk AB",
	"Norrbottens Vätgas AB",
	"Sävast Bygg & Montage AB",
	"Polarlogistik Boden AB",
	"Rödberget Energi AB",
	"Bodens kommun, äldreomsorgen",
	"Bodens kommun, förskolan",
	"Kusttrafik i Norr AB",
	"Luleälvens Elinstallation AB",
	"Garnisonens Restauranger AB",
	"Norrsken Fastighetsservice AB",
	"Björkelunds Lager & Transport AB",
	"Bodens Industriservice AB",
	"Fältbyns Handel AB",
	"Sunderby Vård & Omsorg AB",
	"Arktisk Datacenter Boden AB",
}

// person is one participant's whole story, drawn before any file is written
// so that every file tells the same story about the same person.
type person struct {
	id         string // as registered, e.g. BD-0042
	group      string // a target-group id, or "" when not registered
	gender     string // female, male, other, or "" when not registered
	shortForm  bool   // the registrar typed K/M rather than Kvinna/Man
	birthYear  int    // 0 when not registered
	start      time.Time
	engagement float64 // how likely the person is to show up, on a logit scale

	meetup   [3]bool
	listedAs [3]string // the id as written on each meetup's attendance list
	contacts [3]int    // new contacts per meetup; -1 when not noted

	pre, post  survey
	preID      string  // the id as the person typed it into Microsoft Forms
	preSeconds float64 // how long the person took to fill in the form

	market     bool
	hired      bool
	contactsAt []employerContact

	followup3, followup6 followup

	// comparison marks a person of the comparison cohort (comparison.go).
	comparison bool
}

// survey is one person's answers on one impact day; a zero item is a
// question left unanswered.
type survey struct {
	answered bool
	swemwbs  [7]int
	jobbtro  [4]int
}

// employerContact is one row of the job market's list: one person met one employer.
type employerContact struct {
	employer                string
	interview, offer, hired bool
}

// followup is one follow-up call that reached the person.
type followup struct {
	reached bool
	date    time.Time
	status  string
}

// storyteller draws persons. One PCG is reseeded for every person, so a
// person's story depends only on the seed and the person's number: the first
// 200 people of a large project live the stories of the example's 200.
type storyteller struct {
	seed    uint64
	width   int
	src     *rand.PCG
	rng     *rand.Rand
	shuffle []int
}

// newStoryteller prepares the draws for a register of n participants.
func newStoryteller(seed uint64, n int) *storyteller {
	src := rand.NewPCG(seed, 0)
	return &storyteller{
		seed:    seed,
		width:   max(4, len(strconv.Itoa(n))),
		src:     src,
		rng:     rand.New(src),
		shuffle: make([]int, len(employers)),
	}
}

// splitmix64 spreads consecutive person numbers over the PCG's state space,
// so that neighbours do not start from neighbouring states.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// participantID is the id a coordinator types: BD- and the number, zero-padded.
func participantID(number, width int) string {
	digits := strconv.Itoa(number)
	buf := make([]byte, 0, 3+width)
	buf = append(buf, "BD-"...)
	for range width - len(digits) {
		buf = append(buf, '0')
	}
	return string(append(buf, digits...))
}

// draw fills p with the story of person number i (0-based). It reuses p's
// slices, so a pass over a million people allocates little.
func (s *storyteller) draw(i int, p *person) {
	s.src.Seed(s.seed, splitmix64(uint64(i)))
	r := s.rng
	contacts := p.contactsAt[:0]
	*p = person{contactsAt: contacts}
	p.id = participantID(i+1, s.width)

	// Register attributes, with the gaps a real register has.
	switch u := r.Float64(); {
	case u < 0.70:
		p.group = groupYoung
	case u < 0.975:
		p.group = groupAccompanying
	}
	switch u := r.Float64(); {
	case u < 0.475:
		p.gender = "female"
	case u < 0.95:
		p.gender = "male"
	case u < 0.975:
		p.gender = "other"
	}
	p.shortForm = r.Float64() < 0.18
	if r.Float64() >= 0.02 {
		age := 18 + r.IntN(12)
		if p.group == groupAccompanying {
			age = 24 + r.IntN(30)
		}
		p.birthYear = 2025 - age
	}
	switch u := r.Float64(); {
	case u < 0.60:
		p.start = periodStart.AddDate(0, 0, r.IntN(50))
	case u < 0.85:
		p.start = day(2025, 1, 2).AddDate(0, 0, r.IntN(19))
	default:
		p.start = day(2025, 2, 1).AddDate(0, 0, r.IntN(120))
	}
	p.engagement = r.NormFloat64()

	// Network meetups: young adults come more often than the accompanying,
	// and fewer come in May than in winter.
	rates := [3]float64{0.50, 0.50, 0.36}
	switch p.group {
	case groupAccompanying:
		rates = [3]float64{0.34, 0.32, 0.24}
	case "":
		rates = [3]float64{0.40, 0.40, 0.30}
	}
	seen := false
	for k, date := range meetupDays {
		p.contacts[k] = -1
		if p.start.After(date) || !chance(r, rates[k], p.engagement) {
			continue
		}
		p.meetup[k] = true
		p.listedAs[k] = typedID(r, p.id, 0.05, 0)
		mean := 3.3
		if seen {
			mean = 2.2 // a returning participant already knows people
		}
		seen = true
		if r.Float64() < 0.07 {
			continue // the contacts column was left empty
		}
		p.contacts[k] = poisson(r, mean)
	}
	attended := p.meetup[0] || p.meetup[1] || p.meetup[2]

	// Impact days: latent wellbeing and belief in finding work, and the
	// change the meetups and the job market are meant to make.
	wellbeing := r.NormFloat64()
	belief := r.NormFloat64()
	if !p.start.After(preDay) && chance(r, 0.72, p.engagement) {
		p.pre = answer(r, wellbeing, belief, 0.012)
		p.preID = typedID(r, p.id, 0.04, 0.01)
		p.preSeconds = 180 + 360*r.Float64()
	}

	// The job market.
	marketRate := 0.58
	switch p.group {
	case groupAccompanying:
		marketRate = 0.35
	case "":
		marketRate = 0.45
	}
	if !p.start.After(marketDay) && chance(r, marketRate, p.engagement) {
		p.market = true
		met := 1 + binomial(r, 3, 0.4)
		for k := range s.shuffle {
			s.shuffle[k] = k
		}
		for k := range met {
			// A partial Fisher-Yates shuffle: each person meets distinct employers.
			j := k + r.IntN(len(s.shuffle)-k)
			s.shuffle[k], s.shuffle[j] = s.shuffle[j], s.shuffle[k]
			c := employerContact{employer: employers[s.shuffle[k]]}
			c.interview = chance(r, 0.28, 0.3*p.engagement)
			c.offer = c.interview && r.Float64() < 0.34
			// One person takes at most one job, so later offers are declined.
			c.hired = c.offer && !p.hired && r.Float64() < 0.55
			p.hired = p.hired || c.hired
			p.contactsAt = append(p.contactsAt, c)
		}
	}

	// The second impact day: most who answered the first come back
	// (attrition about a fifth), and some who started later come for the first time.
	postRate := 0.40
	if p.pre.answered {
		postRate = 0.86
	}
	if chance(r, postRate, 0.5*p.engagement) {
		shift := 0.12 + 0.5*r.NormFloat64()
		if attended {
			shift += 0.75
		}
		lift := 0.08 + 0.45*r.NormFloat64()
		if p.market {
			lift += 0.45
		}
		p.post = answer(r, wellbeing+shift, belief+lift, 0.008)
	}

	// Follow-up calls reach only job-market participants; the accompanying
	// are hard to reach in the summer, which leaves that goal with too little data.
	if p.market {
		reach3, reach6 := 0.62, 0.75
		switch p.group {
		case groupAccompanying:
			reach3, reach6 = 0.20, 0.55
		case "":
			reach3, reach6 = 0.50, 0.60
		}
		if r.Float64() < reach3 {
			p.followup3 = followup{true, weekday(followup3Start.AddDate(0, 0, r.IntN(19))), status(r, p.hired, 0, p.engagement)}
		}
		if r.Float64() < reach6 {
			p.followup6 = followup{true, weekday(followup6Start.AddDate(0, 0, r.IntN(19))), status(r, p.hired, 1, p.engagement)}
		}
	}
}

// status draws the follow-up status; round 0 is three months, 1 six months.
// A job from the job market mostly lasts; others find work or studies slowly.
func status(r *rand.Rand, wasHired bool, round int, engagement float64) string {
	u := r.Float64()
	if wasHired {
		switch {
		case u < 0.88:
			return statusEmployed
		case u < 0.92:
			return statusStudying
		default:
			return statusJobSeeking
		}
	}
	employed := 0.14 + 0.10*float64(round) + 0.04*engagement
	studying := 0.10 + 0.07*float64(round)
	other := 0.06
	if round == 1 {
		other = 0 // the six-month sheet uses only the five Swedish words
	}
	switch {
	case u < employed:
		return statusEmployed
	case u < employed+studying:
		return statusStudying
	case u < employed+studying+0.12:
		return statusInternship
	case u < employed+studying+0.12+0.10:
		return statusInactive
	case u < employed+studying+0.12+0.10+other:
		return statusOther
	default:
		return statusJobSeeking
	}
}

// answer draws one questionnaire: seven SWEMWBS items and four items of the
// custom jobbtro scale (item 3 reverse-coded), each 1–5, some left empty.
func answer(r *rand.Rand, wellbeing, belief, missing float64) survey {
	var s survey
	s.answered = true
	for k := range s.swemwbs {
		s.swemwbs[k] = likert(2.95 + 0.8*wellbeing + 0.65*r.NormFloat64())
		if r.Float64() < missing {
			s.swemwbs[k] = 0
		}
	}
	for k := range s.jobbtro {
		v := likert(3.0 + 0.7*belief + 0.6*r.NormFloat64())
		if k == 2 {
			v = 6 - v // "Det känns meningslöst att söka jobb": agreement means low belief
		}
		s.jobbtro[k] = v
		if r.Float64() < missing {
			s.jobbtro[k] = 0
		}
	}
	return s
}

// likert rounds a latent value to the 1–5 answer scale.
func likert(x float64) int {
	return int(min(5, max(1, math.Round(x))))
}

// typedID is the id as a person types it into a form: mostly right, some in
// lower case, a few without the hyphen (which no longer matches the register,
// as in real data).
func typedID(r *rand.Rand, id string, lower, noHyphen float64) string {
	switch u := r.Float64(); {
	case u < noHyphen:
		return id[:2] + id[3:]
	case u < noHyphen+lower:
		return "bd" + id[2:]
	}
	return id
}

// chance is a Bernoulli draw whose base rate moves with a logit-scale shift,
// so that engaged people show up more often at everything.
func chance(r *rand.Rand, rate, shift float64) bool {
	logit := math.Log(rate/(1-rate)) + 0.8*shift
	return r.Float64() < 1/(1+math.Exp(-logit))
}

// poisson draws a Poisson count by Knuth's method, fine for small means.
func poisson(r *rand.Rand, mean float64) int {
	limit, k, prod := math.Exp(-mean), 0, r.Float64()
	for prod > limit {
		k++
		prod *= r.Float64()
	}
	return k
}

// binomial draws the number of successes in n trials.
func binomial(r *rand.Rand, n int, p float64) int {
	k := 0
	for range n {
		if r.Float64() < p {
			k++
		}
	}
	return k
}
