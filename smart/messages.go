package smart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// catalogue holds every message of the lint per language: a rule code, or
// code.variant, maps to a fmt template. Fragments that several messages
// share (A003.n.data …) are entries too, so that every word a person reads
// is translated here and nowhere else. Values quoted from the project file
// (targets, dates, ids) are shown as written; figures the lint computes are
// written in the language's style (a decimal comma in Swedish).
var catalogue = map[string]map[string]string{
	"en": {
		"S001":             "the goal is attached to no node of the theory of change; add node: with the id of the output or outcome it measures.",
		"S002":             "the project has %[1]d target groups (%[2]s) but the goal names none; add target_group:, or disaggregate: [target_group] to follow each group.",
		"S003.event_kind":  "the %[1]s data holds events of several kinds (%[2]s) and the measure picks none; add where: {event_kind: %[3]s} so that it counts one kind.",
		"S003.event":       "the %[1]s data holds events of several kinds (%[2]s) and the measure picks none; add where: {event: …} so that it counts the events of one kind.",
		"M001":             "the goal has no target; add target: with the value to reach by the deadline.",
		"M002.none":        "the goal has no baseline; add baseline: {value: …, date: …, source: …} with where it stood before the collaboration.",
		"M002.incomplete":  "the baseline has no %[1]s; write baseline: {value: %[2]s, date: …, source: …} so that others can check it.",
		"M002.date":        "date",
		"M002.source":      "source",
		"M002.both":        "date and no source",
		"M003.proportion":  "the target %[1]s is not a proportion; write a share between 0 and 1 (0.4 for 40 %%).",
		"M003.negative":    "a %[1]s cannot be negative, so the target %[2]s cannot be reached; give a target of 0 or more.",
		"M003.score":       "the score of %[1]s runs from %[2]s to %[3]s, so the target %[4]s cannot be reached; give a target inside that range.",
		"M003.change":      "a change in the score of %[1]s lies between -%[2]s and %[2]s, so the target %[3]s cannot be reached; give a change inside that range.",
		"M004.none":        "no data has been ingested yet for %[1]s; ingest it with impact ingest before the goal can be judged.",
		"M004.empty":       "the data holds nothing yet for %[1]s; ingest it, or check the measure's where: and success:.",
		"A001.increase":    "the goal is to increase but the target %[1]s is below the baseline %[2]s; turn direction: around or correct the target.",
		"A001.decrease":    "the goal is to decrease but the target %[1]s is above the baseline %[2]s; turn direction: around or correct the target.",
		"A002":             "the target equals the baseline (%[1]s), so no change is asked for; set the target to the value the collaboration aims for.",
		"A003":             "with %[1]s the smallest change that can be shown (%[2]s %% confidence, 80 %% power) is %[3]s, but the goal asks for a change of %[4]s; %[5]s.",
		"A003.never":       "with %[1]s no change in the goal's direction can be shown (%[2]s %% confidence, 80 %% power), but the goal asks for a change of %[3]s; %[4]s.",
		"A003.unknown":     "the goal does not say how many people will be measured; add expected_n: so that the lint can check that a change of %[1]s can be shown.",
		"A003.n.data":      "the %[1]d people measured so far",
		"A003.n.few":       "the fewer than %[1]d people measured so far",
		"A003.n.expected":  "the %[1]d people planned (expected_n)",
		"A003.fix.needed":  "plan for at least %[1]d people or ask for a larger change",
		"A003.fix":         "measure more people or ask for a larger change",
		"A003.unit.prop":   "%[1]s percentage points",
		"A003.unit.mean":   "%[1]s",
		"R001":             "the goal refers to no steering document or key figure of the municipality; add policy: (the goal of the municipality's plan it serves) or kpi: (the Kolada key figure it relates to), or follow the key figure itself with measure: {kind: kpi, kpi: N00914}.",
		"R002":             "the node %[1]s leads to no impact in the theory of change; connect it to an impact node through the from: of a later node.",
		"R003.outcome":     "no goal measures this outcome; add an indicator with node: %[1]s, or remove the node if it is not a goal.",
		"R003.impact":      "no goal measures this impact; add an indicator with node: %[1]s, for example one that follows a Kolada key figure with measure: {kind: kpi, kpi: N00914}.",
		"R004":             "the activity has no responsible partner; add responsible: with the id of the partner who runs it.",
		"T001":             "the goal has no deadline; add deadline: with the date by which the target is to be reached.",
		"T002":             "the deadline %[1]s is outside the project period %[2]s to %[3]s; move it inside the period or extend the period.",
		"T003.none":        "the goal does not say how often it is measured; add frequency: (per_event, monthly, quarterly or once).",
		"T003.short":       "frequency: %[1]s implies %[2]d measurement points by %[3]s, but the data has %[4]d; measure as planned, or choose a frequency the data can meet.",
		"T003.plan":        "frequency: %[1]s gives at most one measurement point before the deadline %[2]s; use frequency: once, or a shorter interval.",
		"G001":             "no activity leads to this node; add from: with the activity or output that brings it about.",
		"G002":             "the assumption names no node it is about; add about: with the ids of the nodes that rely on it.",
		"kind.count":       "count",
		"kind.ratio":       "ratio",
		"kind.cost_per":    "cost",
		"kind.mean_of":     "mean of %[1]s",
		"kind.list.and":    " and ",
		"source.costs_per": "costs",
	},
	"sv": {
		"S001":             "målet är inte kopplat till någon nod i förändringsteorin; lägg till node: med id för den prestation eller det resultat som det mäter.",
		"S002":             "projektet har %[1]d målgrupper (%[2]s) men målet anger ingen; lägg till target_group:, eller disaggregate: [target_group] för att följa varje grupp.",
		"S003.event_kind":  "källan %[1]s innehåller händelser av flera slag (%[2]s) och måttet väljer inget; lägg till where: {event_kind: %[3]s} så att det räknar ett slag.",
		"S003.event":       "källan %[1]s innehåller händelser av flera slag (%[2]s) och måttet väljer inget; lägg till where: {event: …} så att det räknar händelser av ett slag.",
		"M001":             "målet saknar målvärde; lägg till target: med det värde som ska nås till deadline.",
		"M002.none":        "målet saknar utgångsvärde; lägg till baseline: {value: …, date: …, source: …} med läget före samverkan.",
		"M002.incomplete":  "utgångsvärdet saknar %[1]s; skriv baseline: {value: %[2]s, date: …, source: …} så att andra kan kontrollera det.",
		"M002.date":        "datum",
		"M002.source":      "källa",
		"M002.both":        "datum och källa",
		"M003.proportion":  "målvärdet %[1]s är ingen andel; skriv en andel mellan 0 och 1 (0.4 för 40 %%).",
		"M003.negative":    "måttet (%[1]s) kan inte vara negativt, så målvärdet %[2]s kan inte nås; ange ett målvärde på 0 eller mer.",
		"M003.score":       "poängen på %[1]s går från %[2]s till %[3]s, så målvärdet %[4]s kan inte nås; ange ett målvärde inom det intervallet.",
		"M003.change":      "en förändring av poängen på %[1]s ligger mellan -%[2]s och %[2]s, så målvärdet %[3]s kan inte nås; ange en förändring inom det intervallet.",
		"M004.none":        "inga data har lästs in ännu för %[1]s; läs in dem med impact ingest innan målet kan bedömas.",
		"M004.empty":       "data innehåller ännu inget för %[1]s; läs in dem, eller kontrollera måttets where: och success:.",
		"A001.increase":    "målet ska öka men målvärdet %[1]s ligger under utgångsvärdet %[2]s; vänd på direction: eller rätta målvärdet.",
		"A001.decrease":    "målet ska minska men målvärdet %[1]s ligger över utgångsvärdet %[2]s; vänd på direction: eller rätta målvärdet.",
		"A002":             "målvärdet är lika med utgångsvärdet (%[1]s), så ingen förändring efterfrågas; ange det värde som samverkan siktar på.",
		"A003":             "med %[1]s är den minsta förändring som kan påvisas (%[2]s %% konfidens, 80 %% styrka) %[3]s, men målet begär en förändring på %[4]s; %[5]s.",
		"A003.never":       "med %[1]s kan ingen förändring i målets riktning påvisas (%[2]s %% konfidens, 80 %% styrka), men målet begär en förändring på %[3]s; %[4]s.",
		"A003.unknown":     "målet anger inte hur många personer som ska mätas; lägg till expected_n: så att granskningen kan pröva att en förändring på %[1]s kan påvisas.",
		"A003.n.data":      "de %[1]d personer som mätts hittills",
		"A003.n.few":       "de färre än %[1]d personer som mätts hittills",
		"A003.n.expected":  "de %[1]d personer som planeras (expected_n)",
		"A003.fix.needed":  "planera för minst %[1]d personer eller begär en större förändring",
		"A003.fix":         "mät fler personer eller begär en större förändring",
		"A003.unit.prop":   "%[1]s procentenheter",
		"A003.unit.mean":   "%[1]s",
		"R001":             "målet hänvisar inte till något av kommunens styrdokument eller nyckeltal; lägg till policy: (det mål i kommunens plan som det tjänar) eller kpi: (det nyckeltal i Kolada det hör till), eller följ nyckeltalet självt med measure: {kind: kpi, kpi: N00914}.",
		"R002":             "noden %[1]s leder inte till någon effekt i förändringsteorin; koppla den till en effektnod genom from: på en senare nod.",
		"R003.outcome":     "inget mål mäter det här resultatet; lägg till en indikator med node: %[1]s, eller ta bort noden om den inte är ett mål.",
		"R003.impact":      "inget mål mäter den här effekten; lägg till en indikator med node: %[1]s, till exempel en som följer ett nyckeltal i Kolada med measure: {kind: kpi, kpi: N00914}.",
		"R004":             "aktiviteten har ingen ansvarig partner; lägg till responsible: med id för den partner som genomför den.",
		"T001":             "målet saknar deadline; lägg till deadline: med det datum då målvärdet ska vara nått.",
		"T002":             "deadline %[1]s ligger utanför projektperioden %[2]s till %[3]s; flytta in den i perioden eller förläng perioden.",
		"T003.none":        "målet anger inte hur ofta det mäts; lägg till frequency: (per_event, monthly, quarterly eller once).",
		"T003.short":       "frequency: %[1]s innebär %[2]d mätpunkter till %[3]s, men data har %[4]d; mät som planerat, eller välj en frekvens som data kan hålla.",
		"T003.plan":        "frequency: %[1]s ger högst en mätpunkt före deadline %[2]s; använd frequency: once, eller ett kortare intervall.",
		"G001":             "ingen aktivitet leder till den här noden; lägg till from: med den aktivitet eller prestation som åstadkommer den.",
		"G002":             "antagandet anger inte vilken nod det gäller; lägg till about: med id för de noder som vilar på det.",
		"kind.count":       "antal",
		"kind.ratio":       "kvot",
		"kind.cost_per":    "kostnad",
		"kind.mean_of":     "medelvärde av %[1]s",
		"kind.list.and":    " och ",
		"source.costs_per": "kostnaderna",
	},
}

// message fills the catalogue entry key of lang with args. A key missing
// from the catalogue is a bug that the catalogue test catches; it is shown
// rather than hidden.
func message(lang, key string, args ...any) string {
	template, ok := catalogue[lang][key]
	if !ok {
		return key + fmt.Sprint(args...)
	}
	return fmt.Sprintf(template, args...)
}

// written returns x as it would be written in the project file, so that a
// message quotes the user's own value.
func written(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// figure returns a computed figure with the given number of decimals in the
// style of lang: Swedish writes a decimal comma.
func figure(lang string, x float64, decimals int) string {
	s := strconv.FormatFloat(x, 'f', decimals, 64)
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// percent returns a confidence level such as 0.95 as "95" (or "97,5").
func percent(lang string, conf float64) string {
	x := math.Round(conf*1000) / 10
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if lang == "sv" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
