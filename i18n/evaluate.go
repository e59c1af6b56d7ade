package i18n

// evaluateMessages holds what evaluate says when a measure of the project
// cannot be computed as written, or the store cannot be read: keyed by the
// English message with fmt's verbs, as metrics writes it; each value is the
// message in Swedish and in Latvian. The place in impact.yaml (file:line)
// stands before the message, as written. Arguments are the user's text
// (keys, ids, column names, values as written) or another message of this
// domain.
var evaluateMessages = map[string][2]string{
	// A measure the project file asks for that cannot be computed.
	"%s.distinct: %s has no column %q; use participant, event or employer": {
		"%[1]s.distinct: %[2]s har ingen kolumn %[3]q; använd participant, event eller employer",
		"%[1]s.distinct: %[2]s nav kolonnas %[3]q; izmantojiet participant, event vai employer"},
	"%s.%s: %s has no column %q; use one of %s": {
		"%[1]s.%[2]s: %[3]s har ingen kolumn %[4]q; använd någon av %[5]s",
		"%[1]s.%[2]s: %[3]s nav kolonnas %[4]q; izmantojiet kādu no: %[5]s"},
	"%s.%s: %v": {
		"%[1]s.%[2]s: %[3]v",
		"%[1]s.%[2]s: %[3]v"},
	"%s.where.score: %v": {
		"%[1]s.where.score: %[2]v",
		"%[1]s.where.score: %[2]v"},
	"%s.column: %s has no column %q": {
		"%[1]s.column: %[2]s har ingen kolumn %[3]q",
		"%[1]s.column: %[2]s nav kolonnas %[3]q"},
	"%s.source: %q is not a kind of data; use one of %s": {
		"%[1]s.source: %[2]q är ingen typ av data; använd någon av %[3]s",
		"%[1]s.source: %[2]q nav datu veids; izmantojiet kādu no: %[3]s"},
	"%s.source: a proportion is a share of participants, but %s has no participant column; count it instead": {
		"%[1]s.source: en andel är en andel av deltagarna, men %[2]s har ingen kolumn participant; räkna den i stället (kind: count)",
		"%[1]s.source: daļa ir dalībnieku daļa, bet %[2]s nav kolonnas participant; tā vietā skaitiet (kind: count)"},
	"%s: a mean needs instrument: (a survey scale) or column: (a numeric column of %s)": {
		"%[1]s: ett medelvärde behöver instrument: (en enkätskala) eller column: (en numerisk kolumn i %[2]s)",
		"%[1]s: vidējai vērtībai vajag instrument: (aptaujas skalu) vai column: (skaitlisku %[2]s kolonnu)"},
	"%s.instrument: missing; a paired change compares an instrument's scores, so name it": {
		"%[1]s.instrument: saknas; en parad förändring jämför ett instruments poäng, så ange det",
		"%[1]s.instrument: trūkst; pāru izmaiņas salīdzina instrumenta punktus, tāpēc norādiet to"},
	"%s.instrument: no instrument %q; define it under instruments:": {
		"%[1]s.instrument: det finns inget instrument %[2]q; beskriv det under instruments:",
		"%[1]s.instrument: instrumenta %[2]q nav; aprakstiet to sadaļā instruments:"},
	"%s.kind: %q is not a kind of measure; use one of %s": {
		"%[1]s.kind: %[2]q är ingen typ av mått; använd någon av %[3]s",
		"%[1]s.kind: %[2]q nav mēra veids; izmantojiet kādu no: %[3]s"},
	"%s.per: missing; name the indicator whose count or successes the cost is divided by": {
		"%[1]s.per: saknas; ange indikatorn vars antal eller framgångar kostnaden delas med",
		"%[1]s.per: trūkst; norādiet rādītāju, kura skaits vai sekmīgie iznākumi dala izmaksas"},
	"indicator %s: a ratio needs a %s; give a count measure or a count indicator's id": {
		"indikator %[1]s: en kvot behöver %[2]s; ange ett antalsmått eller id:t för en antalsindikator",
		"rādītājs %[1]s: attiecībai vajag %[2]s; norādiet skaita mēru vai skaita rādītāja id"},
	"indicator %s: the %s %q is not a count indicator; name one, or write a count measure": {
		"indikator %[1]s: %[2]s %[3]q är ingen antalsindikator; ange en sådan, eller skriv ett antalsmått",
		"rādītājs %[1]s: %[2]s %[3]q nav skaita rādītājs; norādiet tādu vai ierakstiet skaita mēru"},
	"indicator %s has no measure; say how it is measured": {
		"indikator %[1]s saknar mått; ange hur den mäts",
		"rādītājam %[1]s nav mēra; norādiet, kā to mēra"},
	"indicator %s depends on itself through per: or a ratio; break the circle": {
		"indikator %[1]s beror på sig själv genom per: eller en kvot; bryt cirkeln",
		"rādītājs %[1]s ar per: vai attiecības starpniecību ir atkarīgs pats no sevis; pārtrauciet šo apli"},
	"no indicator %q; check the per:, numerator: or indicator: that names it": {
		"det finns ingen indikator %[1]q; kontrollera den per:, numerator: eller indicator: som nämner den",
		"rādītāja %[1]q nav; pārbaudiet per:, numerator: vai indicator:, kurā tas minēts"},
	"instrument %s lists no items; add items: with the column names of its questions": {
		"instrumentet %[1]s listar inga frågor; lägg till items: med frågornas kolumnnamn",
		"instrumentā %[1]s nav uzskaitīts neviens jautājums; pievienojiet items: ar jautājumu kolonnu nosaukumiem"},
	"instrument %s has %d items; impact scores at most %d, so split it": {
		"instrumentet %[1]s har %[2]d frågor; impact räknar poäng för högst %[3]d, så dela upp det",
		"instrumentā %[1]s ir %[2]d jautājumi; impact aprēķina punktus ne vairāk kā %[3]d jautājumiem, tāpēc sadaliet to"},
	"instrument %s: score %q is not known; use sum or mean": {
		"instrumentet %[1]s: score %[2]q finns inte; använd sum eller mean",
		"instruments %[1]s: score %[2]q nav zināms; izmantojiet sum vai mean"},
	"value.proxies (%s).%s: low %g, mid %g, high %g must be in order, low ≤ mid ≤ high": {
		"value.proxies (%[1]s).%[2]s: low %[3]g, mid %[4]g, high %[5]g ska stå i ordning, low ≤ mid ≤ high",
		"value.proxies (%[1]s).%[2]s: low %[3]g, mid %[4]g, high %[5]g jābūt secībā low ≤ mid ≤ high"},
	"value: the social value cannot be computed: %v": {
		"value: det sociala värdet kan inte beräknas: %[1]v",
		"value: sociālo vērtību nevar aprēķināt: %[1]v"},
	// A value of a where: filter that cannot be one of its column.
	"%q is not a whole number; write one such as 6": {
		"%[1]q är inget heltal; skriv ett, som 6",
		"%[1]q nav vesels skaitlis; ierakstiet tādu, piemēram, 6"},
	"%q is not a number; write one such as 3.5": {
		"%[1]q är inget tal; skriv ett, som 3.5",
		"%[1]q nav skaitlis; ierakstiet tādu, piemēram, 3.5"},
	"%q is not a date; write it as YYYY-MM-DD, for example 2025-03-12": {
		"%[1]q är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2025-03-12",
		"%[1]q nav datums; rakstiet to formā GGGG-MM-DD, piemēram, 2025-03-12"},
	"%q is not true or false; write true or false": {
		"%[1]q är varken true eller false; skriv true eller false",
		"%[1]q nav ne true, ne false; rakstiet true vai false"},
	"%q is not a pseudonym; write one as the exports show it, 16 hex characters such as 0a1b2c3d4e5f6071": {
		"%[1]q är ingen pseudonym; skriv den som exporterna visar den, 16 hexadecimala tecken som 0a1b2c3d4e5f6071",
		"%[1]q nav pseidonīms; rakstiet to tā, kā to rāda eksports: 16 heksadecimālas rakstzīmes, piemēram, 0a1b2c3d4e5f6071"},
	// The store could not be read: each whole sentence, with the store's
	// own words after it.
	"read the costs": {
		"evaluate: kan inte läsa kostnaderna: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt izmaksas: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"read the participant register": {
		"evaluate: kan inte läsa deltagarregistret: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt dalībnieku reģistru: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"read the ingest log": {
		"evaluate: kan inte läsa inläsningsloggen: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt datu ielādes žurnālu: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"read the responses": {
		"evaluate: kan inte läsa enkätsvaren: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt aptaujas atbildes: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"read the dates of events": {
		"evaluate: kan inte läsa aktiviteternas datum: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt pasākumu datumus: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"read the survey forms": {
		"evaluate: kan inte läsa enkätformulären: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt aptaujas veidlapas: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"measure the indicators": {
		"evaluate: kan inte mäta indikatorerna: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar izmērīt rādītājus: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"read the Kolada figures of %s": {
		"evaluate: kan inte läsa Koladas nyckeltal för %[2]s: %[1]s; kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"evaluate: nevar nolasīt rādītāja %[2]s Kolada datus: %[1]s; palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to"},
	"evaluate: the Holm adjustment refused a p-value; this is a bug in impact, report it": {
		"evaluate: Holm-justeringen avvisade ett p-värde; det är ett fel i impact, rapportera det",
		"evaluate: Holma korekcija noraidīja p vērtību; tā ir kļūda impact programmā, ziņojiet par to"},
	"evaluate: stopped before it had read the store (%v); run it again": {
		"evaluate: avbröts innan lagret var läst (%[1]v); kör kommandot igen",
		"evaluate: pārtraukts, pirms datu krātuve bija nolasīta (%[1]v); palaidiet komandu vēlreiz"},
}

// evaluateStoreEnglish is the English sentence of each action of
// evaluateMessages whose key names the action only: the store's words
// first, then any id.
var evaluateStoreEnglish = map[string]string{
	"read the costs":                "evaluate: cannot read the costs: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"read the participant register": "evaluate: cannot read the participant register: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"read the ingest log":           "evaluate: cannot read the ingest log: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"read the responses":            "evaluate: cannot read the responses: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"read the dates of events":      "evaluate: cannot read the dates of events: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"read the survey forms":         "evaluate: cannot read the survey forms: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"measure the indicators":        "evaluate: cannot measure the indicators: %[1]s; run again with IMPACT_DEBUG=1 and report it",
	"read the Kolada figures of %s": "evaluate: cannot read the Kolada figures of %[2]s: %[1]s; run again with IMPACT_DEBUG=1 and report it",
}

// evaluateCatalogue is the evaluate domain: the messages under their
// English format (the store's under the action they name).
var evaluateCatalogue = func() map[string]map[string]string {
	c := map[string]map[string]string{"en": {}, "sv": {}, "lv": {}}
	for key, m := range evaluateMessages {
		c["en"][key] = indexed(key)
		if english, ok := evaluateStoreEnglish[key]; ok {
			c["en"][key] = english
		}
		c["sv"][key], c["lv"][key] = m[0], m[1]
	}
	return c
}()
