package i18n

// The reports' texts of the attrition test and the comparison group
// (reports/compare.go), added to each language's catalogue.
var (
	compareSV = map[string]string{
		"attrition.words.lower":        "De som bara svarade före låg %[1]s poäng lägre från början än de som svarade båda gångerna (%[2]s mot %[3]s, p = %[4]s); förändringen kan vara överskattad.",
		"attrition.words.higher":       "De som bara svarade före låg %[1]s poäng högre från början än de som svarade båda gångerna (%[2]s mot %[3]s, p = %[4]s); förändringen kan vara underskattad.",
		"comparison.points.one":        "%s procentenhet",
		"comparison.points.other":      "%s procentenheter",
		"comparison.who.other":         "Jämfört med %[1]s personer i %[2]s som inte deltog: %[3]s (%[4]s, %[5]s konfidens).",
		"comparison.who_cohort.other":  "Jämfört med %[1]s personer i kohorten %[2]s som inte deltog: %[3]s (%[4]s, %[5]s konfidens).",
		"comparison.difference":        "Skillnaden, deltagarna minus jämförelsegruppen, är %[1]s (%[2]s, p = %[3]s).",
		"comparison.difference_point":  "Skillnaden, deltagarna minus jämförelsegruppen, är %[1]s; grupperna är för små (under %[2]s) för ett spann eller ett test.",
		"comparison.observational":     "Jämförelsegruppen är inte lottad: den kan skilja sig från deltagarna på fler sätt än att den inte deltog, så skillnaden är ingen effekt av samverkan.",
		"comparison.randomised":        "Grupperna lottades, så skillnaden skattar effekten av att delta.",
		"comparison.suppressed":        "Jämförelsegruppen (%[1]s) har %[2]s personer; dess siffror visas inte.",
		"comparison.suppressed_cohort": "Jämförelsegruppen (kohorten %[1]s) har %[2]s personer; dess siffror visas inte.",
		"figure.comparison":            "%s: deltagarna och jämförelsegruppen, och skillnaden mellan dem.",
		"plot.participants_n":          "Deltagare (n = %s)",
		"plot.comparison_n":            "Jämförelse (n = %s)",
		"plot.difference":              "Skillnad",
		"plot.difference_axis":         "Deltagare minus jämförelse",
		"plot.no_difference":           "Ingen skillnad",
	}
	compareEN = map[string]string{
		"attrition.words.lower":        "Those who answered only before started %[1]s points lower than those who answered both times (%[2]s against %[3]s, p = %[4]s); the change may be overstated.",
		"attrition.words.higher":       "Those who answered only before started %[1]s points higher than those who answered both times (%[2]s against %[3]s, p = %[4]s); the change may be understated.",
		"comparison.points.one":        "%s percentage point",
		"comparison.points.other":      "%s percentage points",
		"comparison.who.other":         "Compared with %[1]s people in %[2]s who did not take part: %[3]s (%[4]s, %[5]s confidence).",
		"comparison.who_cohort.other":  "Compared with %[1]s people in the cohort %[2]s who did not take part: %[3]s (%[4]s, %[5]s confidence).",
		"comparison.difference":        "The difference, participants minus the comparison group, is %[1]s (%[2]s, p = %[3]s).",
		"comparison.difference_point":  "The difference, participants minus the comparison group, is %[1]s; the groups are too small (under %[2]s) for a range or a test.",
		"comparison.observational":     "The comparison group was not drawn by lot: it may differ from the participants in more ways than not taking part, so the difference is no effect of the collaboration.",
		"comparison.randomised":        "The groups were drawn by lot, so the difference estimates the effect of taking part.",
		"comparison.suppressed":        "The comparison group (%[1]s) has %[2]s people; its figures are not shown.",
		"comparison.suppressed_cohort": "The comparison group (the cohort %[1]s) has %[2]s people; its figures are not shown.",
		"figure.comparison":            "%s: the participants and the comparison group, and the difference between them.",
		"plot.participants_n":          "Participants (n = %s)",
		"plot.comparison_n":            "Comparison (n = %s)",
		"plot.difference":              "Difference",
		"plot.difference_axis":         "Participants minus comparison",
		"plot.no_difference":           "No difference",
	}
	compareLV = map[string]string{
		"attrition.words.lower":        "Tie, kas atbildēja tikai pirms, sākumā bija par %[1]s punktiem zemāk nekā tie, kas atbildēja abas reizes (%[2]s pret %[3]s, p = %[4]s); pārmaiņa var būt pārvērtēta.",
		"attrition.words.higher":       "Tie, kas atbildēja tikai pirms, sākumā bija par %[1]s punktiem augstāk nekā tie, kas atbildēja abas reizes (%[2]s pret %[3]s, p = %[4]s); pārmaiņa var būt novērtēta par zemu.",
		"comparison.points.zero":       "%s procentpunktu",
		"comparison.points.one":        "%s procentpunkts",
		"comparison.points.other":      "%s procentpunkti",
		"comparison.who.one":           "Salīdzinājumā ar %[1]s cilvēku mērķgrupā %[2]s, kurš nepiedalījās: %[3]s (%[4]s, ticamība %[5]s).",
		"comparison.who.other":         "Salīdzinājumā ar %[1]s cilvēkiem mērķgrupā %[2]s, kuri nepiedalījās: %[3]s (%[4]s, ticamība %[5]s).",
		"comparison.who_cohort.one":    "Salīdzinājumā ar %[1]s cilvēku no kohortas %[2]s, kurš nepiedalījās: %[3]s (%[4]s, ticamība %[5]s).",
		"comparison.who_cohort.other":  "Salīdzinājumā ar %[1]s cilvēkiem no kohortas %[2]s, kuri nepiedalījās: %[3]s (%[4]s, ticamība %[5]s).",
		"comparison.difference":        "Atšķirība, dalībnieki mīnus salīdzinājuma grupa, ir %[1]s (%[2]s, p = %[3]s).",
		"comparison.difference_point":  "Atšķirība, dalībnieki mīnus salīdzinājuma grupa, ir %[1]s; grupas ir pārāk mazas (mazākas par %[2]s) intervālam vai testam.",
		"comparison.observational":     "Salīdzinājuma grupa nav izlozēta: tā var atšķirties no dalībniekiem ne tikai ar to, ka nepiedalījās, tāpēc atšķirība nav sadarbības ietekme.",
		"comparison.randomised":        "Grupas tika izlozētas, tāpēc atšķirība novērtē dalības ietekmi.",
		"comparison.suppressed":        "Salīdzinājuma grupā (mērķgrupa %[1]s) ir %[2]s cilvēki; tās skaitļi netiek rādīti.",
		"comparison.suppressed_cohort": "Salīdzinājuma grupā (kohorta %[1]s) ir %[2]s cilvēki; tās skaitļi netiek rādīti.",
		"figure.comparison":            "%s: dalībnieki, salīdzinājuma grupa un atšķirība starp tiem.",
		"plot.participants_n":          "Dalībnieki (n = %s)",
		"plot.comparison_n":            "Salīdzinājums (n = %s)",
		"plot.difference":              "Atšķirība",
		"plot.difference_axis":         "Dalībnieki mīnus salīdzinājums",
		"plot.no_difference":           "Nav atšķirības",
	}
)

var _ = mergeInto(map[string]map[string]string{"sv": reportsSV, "en": reportsEN, "lv": reportsLV},
	map[string]map[string]string{"sv": compareSV, "en": compareEN, "lv": compareLV})

// mergeInto adds the messages of more to into, language by language, while
// the package's variables are set, so before the catalogue is built; a key
// written twice is a mistake.
func mergeInto(into, more map[string]map[string]string) bool {
	for lang, msgs := range more {
		for key, msg := range msgs {
			if _, ok := into[lang][key]; ok {
				panic("i18n: " + lang + " " + key + " is written twice")
			}
			into[lang][key] = msg
		}
	}
	return true
}
