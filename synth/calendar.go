package synth

import "time"

// The project's calendar. The dates are fixed, not drawn, so that the
// project file, the data and the story agree at every size and seed.
var (
	periodStart = day(2024, 11, 1)
	periodEnd   = day(2025, 11, 30)

	// meetupDays are the three network meetups (nätverksträffar).
	meetupDays = [3]time.Time{day(2024, 12, 5), day(2025, 2, 20), day(2025, 5, 15)}
	// preDay and postDay are the two impact-measurement days.
	preDay  = day(2025, 1, 22)
	postDay = day(2025, 9, 17)
	// marketDay is the job market (jobbmarknad).
	marketDay = day(2025, 4, 10)
	// The follow-up calls start three and six months after the job market
	// and take a few weeks, as phone rounds do.
	followup3Start = day(2025, 7, 7)
	followup6Start = day(2025, 10, 6)
)

// The data files, relative to the project folder. The first impact day is an
// XLSX unless the project is too large for one (see DefaultXLSXRowLimit).
const (
	participantsFile = "data/deltagare.csv"
	preXLSXFile      = "data/effektmatning-1-januari.xlsx"
	preCSVFile       = "data/effektmatning-1-januari.csv"
	postFile         = "data/effektmatning-2-september.csv"
	marketFile       = "data/jobbmarknad-april.csv"
	followup3File    = "data/uppfoljning-3-manader.csv"
	followup6File    = "data/uppfoljning-6-manader.csv"
	costsFile        = "data/kostnader.csv"
	koladaFile       = "data/kolada-N00914.json"
	koladaMetaFile   = "data/kolada-N00914-meta.json"
)

// meetupFiles are the attendance lists, one per meetup, each typed by a
// different hand and so saved in a different dialect (see files.go).
var meetupFiles = [3]string{
	"data/natverkstraff-1-december.csv",
	"data/natverkstraff-2-februari.csv",
	"data/natverkstraff-3-maj.csv",
}

// tourFile is the attendance list of a fourth meetup that impact.yaml does
// not name yet: the file the README's tour loads on the command line, as
// someone does at a weekly check-in with the newest list. Its people are
// those of the third meetup, so it draws nothing at random and leaves the
// other files as they were.
const tourFile = "data/natverkstraff-4-juni.csv"

// day is a calendar date at midnight UTC: dates in the files carry no zone,
// and UTC keeps Excel's serial numbers free of the machine's zone.
func day(year int, month time.Month, d int) time.Time {
	return time.Date(year, month, d, 0, 0, 0, 0, time.UTC)
}

// weekday moves a date that falls on a weekend to the Monday after, because
// follow-up calls are made on working days.
func weekday(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, 2)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}
