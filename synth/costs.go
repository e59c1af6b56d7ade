package synth

import (
	"math"
	"time"
)

// costLine is one row of the partners' shared cost sheet.
type costLine struct {
	date     time.Time
	activity string // a theory-of-change activity id
	partner  string
	category string
	hours    float64 // staff lines: hours and rate, the amount left to the formula
	rate     float64
	amount   float64
	kind     string
	comment  string
}

// costLines are the example's costs at the default size: the budget made at
// the start, and the actual lines booked after each activity. Staff lines
// give hours and an hourly rate; the actual ones leave the amount empty, as
// the spec allows (amount = hours × rate). The facilitator's and the
// municipality's own time is in impact.yaml instead (see project.go).
var costLines = []costLine{
	{periodStart, "a1", "nyavagar", "staff", 140, 452.50, 63350, "budget", "Handledare nätverksträffar"},
	{periodStart, "a1", "nyavagar", "venue", 0, 0, 19500, "budget", "Lokal, tre träffar"},
	{periodStart, "a1", "nyavagar", "material", 0, 0, 7500, "budget", "Fika och material"},
	{periodStart, "a2", "industri", "staff", 90, 520, 46800, "budget", "Projektledning jobbmarknad"},
	{periodStart, "a2", "industri", "venue", 0, 0, 25000, "budget", "Mässhall"},
	{periodStart, "a2", "industri", "material", 0, 0, 10000, "budget", "Trycksaker"},
	{periodStart, "a2", "industri", "travel", 0, 0, 4000, "budget", "Bussresor"},
	{periodStart, "a3", "rfc", "staff", 60, 650, 39000, "budget", "Två effektmätningsdagar"},
	{periodStart, "a3", "rfc", "material", 0, 0, 3000, "budget", "Enkäter och surfplattor"},
	{periodStart, "a4", "kommun", "staff", 100, 480, 48000, "budget", "Kommunikatör"},
	{periodStart, "a4", "kommun", "material", 0, 0, 15000, "budget", "Annonser"},

	{meetupDays[0], "a1", "nyavagar", "staff", 22.5, 452.50, 0, "actual", "Två handledare, förberedelse och träff"},
	{meetupDays[0], "a1", "nyavagar", "venue", 0, 0, 6500, "actual", "Lokalhyra Folkets hus"},
	{meetupDays[0], "a1", "nyavagar", "material", 0, 0, 1840.50, "actual", "Fika och frukt"},
	{preDay, "a3", "rfc", "staff", 28, 650, 0, "actual", "Effektmätningsdag 1"},
	{preDay, "a3", "rfc", "material", 0, 0, 1200, "actual", "Lån av surfplattor"},
	{day(2025, 1, 31), "a1", "nyavagar", "staff", 40, 452.50, 0, "actual", "Planering och uppsökande"},
	{meetupDays[1], "a1", "nyavagar", "staff", 24, 452.50, 0, "actual", "Två handledare"},
	{meetupDays[1], "a1", "nyavagar", "venue", 0, 0, 6500, "actual", "Lokalhyra Folkets hus"},
	{meetupDays[1], "a1", "nyavagar", "material", 0, 0, 2115, "actual", "Fika"},
	{day(2025, 3, 14), "a4", "kommun", "staff", 62, 480, 0, "actual", "Uppsökande och information"},
	{day(2025, 3, 14), "a4", "kommun", "material", 0, 0, 12400, "actual", "Annonser i sociala medier"},
	{marketDay, "a2", "industri", "staff", 88, 520, 0, "actual", "Projektledning jobbmarknad"},
	{marketDay, "a2", "industri", "venue", 0, 0, 24000, "actual", "Hyra mässhall"},
	{marketDay, "a2", "industri", "material", 0, 0, 8750, "actual", "Trycksaker och skyltar"},
	{marketDay, "a2", "industri", "travel", 0, 0, 3420, "actual", "Buss från Sävast och Harads"},
	{meetupDays[2], "a1", "nyavagar", "staff", 19.5, 452.50, 0, "actual", "Två handledare"},
	{meetupDays[2], "a1", "nyavagar", "venue", 0, 0, 6500, "actual", "Lokalhyra Folkets hus"},
	{meetupDays[2], "a1", "nyavagar", "material", 0, 0, 1690, "actual", "Fika"},
	{day(2025, 8, 29), "a4", "kommun", "staff", 38, 480, 0, "actual", "Inbjudan effektmätningsdag 2"},
	{postDay, "a3", "rfc", "staff", 31, 650, 0, "actual", "Effektmätningsdag 2"},
	{postDay, "a3", "rfc", "material", 0, 0, 1350, "actual", "Lån av surfplattor"},
}

// scaler turns the example's figures into figures for a project of another
// size: targets, hours and amounts grow with the number of participants,
// while rates and costs per person stay what they are.
type scaler float64

// count scales a number of people, at least one.
func (s scaler) count(x int) int {
	return max(1, int(math.Round(float64(x)*float64(s))))
}

// hours scales a number of hours to the nearest half hour.
func (s scaler) hours(x float64) float64 {
	return math.Round(x*float64(s)*2) / 2
}

// amount scales an amount of money to the öre.
func (s scaler) amount(x float64) float64 {
	return math.Round(x*float64(s)*100) / 100
}

// writeCosts writes the cost sheet as Swedish Excel saves it: semicolons,
// decimal commas, grouped thousands, Windows-1252.
func writeCosts(path string, scale scaler) error {
	t := createTable(path, swedishExcel, "Datum", "Aktivitet", "Partner", "Kategori", "Timmar", "Timpris", "Belopp (kr)", "Typ", "Kommentar")
	for _, c := range costLines {
		t.date(c.date)
		t.text(activityNames[c.activity])
		t.text(c.partner)
		t.text(swedishCategories[c.category])
		if c.hours > 0 {
			t.number(scale.hours(c.hours), 1, false)
			t.number(c.rate, 2, true)
		} else {
			t.blank()
			t.blank()
		}
		if c.amount > 0 {
			t.number(scale.amount(c.amount), 2, true)
		} else {
			t.blank()
		}
		t.text(swedishCostKinds[c.kind])
		t.text(c.comment)
		t.end()
	}
	return t.close()
}

// activityNames are the theory-of-change activities as the partners name
// them in their cost sheet: by name, not by id (impact.yaml.tmpl).
var activityNames = map[string]string{
	"a1": "Nätverksträffar",
	"a2": "Jobbmarknad",
	"a3": "Effektmätningsdagar och lärande",
	"a4": "Riktad kommunikation och uppsökande arbete",
}

// swedishCategories and swedishCostKinds are the words of the cost sheet.
var (
	swedishCategories = map[string]string{"staff": "Personal", "venue": "Lokalhyra", "material": "Material", "travel": "Resor"}
	swedishCostKinds  = map[string]string{"budget": "Budget", "actual": "Utfall"}
)
