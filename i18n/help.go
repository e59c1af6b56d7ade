package i18n

// helpCatalogue holds impact help: the overview and the help of each
// command (helpCommandsCatalogue).
var helpCatalogue = joinCatalogues(helpOverviewCatalogue, helpCommandsCatalogue)

// helpOverviewCatalogue holds impact help's overview: what impact is, how
// it is called, one line per command, the global flags and the exit codes.
var helpOverviewCatalogue = map[string]map[string]string{
	"en": {
		"intro":            "impact measures whether a collaboration between a municipality, a social\nentrepreneur and their partners worked, and what it is worth.",
		"usage":            "Usage:\n  impact [--project DIR] [--db PATH] [--wait 10s] COMMAND [ARGUMENTS]",
		"commands":         "Commands:",
		"global":           "Global flags (before or after the command):\n  --project DIR   the project folder (env IMPACT_PROJECT; default: this folder\n                  or the nearest parent that holds impact.yaml)\n  --db PATH       the store (default DIR/.impact/impact.duckdb)\n  --wait 10s      how long to wait while another impact process (such as\n                  impact serve at work) holds the store",
		"exit":             "Exit codes: 0 success, 1 problems found, 2 wrong usage or invalid project\nfile, 3 data refused, 4 internal error, 5 store busy (another impact process\nheld it past --wait). IMPACT_DEBUG=1 shows error details.",
		"more":             "Run impact help COMMAND for one command's flags and an example, and\nimpact help project for every key of impact.yaml.",
		"summary.init":     "start a new project: impact.yaml, data/ and a secret for pseudonyms",
		"summary.ingest":   "load the project's data files into its store",
		"summary.lint":     "check that the goals are SMART and the theory of change holds together",
		"summary.evaluate": "every indicator's result, status and forecast",
		"summary.report":   "write the workshop report, the funding memo or the data-quality report",
		"summary.serve":    "the dashboards: the goals, participation, costs, data quality and reports in a browser",
		"summary.collect":  "collect the answers of an impact-measurement day on the participants' phones, from a QR code",
		"summary.export":   "write every table of the store as Parquet, CSV or one Excel workbook",
		"summary.demo":     "run the whole job on the bundled example project",
		"summary.version":  "print the versions of impact, DuckDB and Go",
		"summary.schema":   "print the JSON Schema of impact.yaml, for editors that complete and check it",
		"summary.help":     "explain impact or one of its commands; impact help project explains impact.yaml",
	},
	"sv": {
		"intro":            "impact mäter om en samverkan mellan en kommun, en social entreprenör och\nderas partner fungerade, och vad den är värd.",
		"usage":            "Användning:\n  impact [--project MAPP] [--db SÖKVÄG] [--wait 10s] KOMMANDO [ARGUMENT]",
		"commands":         "Kommandon:",
		"global":           "Globala flaggor (före eller efter kommandot):\n  --project MAPP  projektmappen (miljövariabel IMPACT_PROJECT; standard: den här\n                  mappen eller närmaste överordnade mapp med impact.yaml)\n  --db SÖKVÄG     lagret (standard MAPP/.impact/impact.duckdb)\n  --wait 10s      hur länge impact väntar medan en annan impact-process (till\n                  exempel impact serve på jobbet) håller lagret",
		"exit":             "Slutkoder: 0 lyckades, 1 problem hittades, 2 fel användning eller ogiltig\nprojektfil, 3 data avvisades, 4 internt fel, 5 lagret upptaget (en annan\nimpact-process höll det längre än --wait). IMPACT_DEBUG=1 visar detaljer.",
		"more":             "Kör impact help KOMMANDO för ett kommandos flaggor och ett exempel, och\nimpact help project för varje nyckel i impact.yaml.",
		"summary.init":     "starta ett nytt projekt: impact.yaml, data/ och en hemlighet för pseudonymer",
		"summary.ingest":   "läs in projektets datafiler i dess lager",
		"summary.lint":     "granska att målen är SMARTa och att förändringsteorin hänger ihop",
		"summary.evaluate": "varje indikators resultat, status och prognos",
		"summary.report":   "skriv workshoprapporten, tjänsteutlåtandet eller datakvalitetsrapporten",
		"summary.serve":    "instrumentpanelen: målen, deltagandet, kostnaderna, datakvaliteten och rapporterna i en webbläsare",
		"summary.collect":  "samla in svaren på en effektmätningsdag i deltagarnas mobiler, från en QR-kod",
		"summary.export":   "skriv varje tabell i lagret som Parquet, CSV eller en Excel-arbetsbok",
		"summary.demo":     "kör hela jobbet på det medföljande exempelprojektet",
		"summary.version":  "visa versionerna av impact, DuckDB och Go",
		"summary.schema":   "skriv ut JSON-schemat för impact.yaml, för redigerare som kompletterar och kontrollerar",
		"summary.help":     "förklara impact eller ett av dess kommandon; impact help project förklarar impact.yaml",
	},
	"lv": {
		"intro":            "impact mēra, vai sadarbība starp pašvaldību, sociālo uzņēmēju un viņu\npartneriem izdevās un cik tā ir vērta.",
		"usage":            "Lietošana:\n  impact [--project MAPE] [--db CEĻŠ] [--wait 10s] KOMANDA [ARGUMENTI]",
		"commands":         "Komandas:",
		"global":           "Vispārīgie karodziņi (pirms vai pēc komandas):\n  --project MAPE  projekta mape (vides mainīgais IMPACT_PROJECT; pēc noklusējuma:\n                  šī mape vai tuvākā augstākā mape, kurā ir impact.yaml)\n  --db CEĻŠ       krātuve (pēc noklusējuma MAPE/.impact/impact.duckdb)\n  --wait 10s      cik ilgi gaidīt, kamēr cits impact process (piemēram,\n                  impact serve darbā) aizņem krātuvi",
		"exit":             "Izejas kodi: 0 izdevās, 1 atrastas problēmas, 2 nepareiza lietošana vai\nnederīgs projekta fails, 3 dati noraidīti, 4 iekšēja kļūda, 5 krātuve aizņemta\n(cits impact process to aizņēma ilgāk par --wait). IMPACT_DEBUG=1 rāda sīkāk.",
		"more":             "Palaidiet impact help KOMANDA, lai redzētu komandas karodziņus un piemēru, un\nimpact help project, lai redzētu katru impact.yaml atslēgu.",
		"summary.init":     "sākt jaunu projektu: impact.yaml, data/ un noslēpums pseidonīmiem",
		"summary.ingest":   "ielādēt projekta datu failus tā krātuvē",
		"summary.lint":     "pārbaudīt, vai mērķi ir SMART un pārmaiņu teorija ir saskaņota",
		"summary.evaluate": "katra rādītāja rezultāts, statuss un prognoze",
		"summary.report":   "sagatavot darbsemināra ziņojumu, lēmuma projektu vai datu kvalitātes ziņojumu",
		"summary.serve":    "informācijas panelis: mērķi, dalība, izmaksas, datu kvalitāte un ziņojumi pārlūkā",
		"summary.collect":  "vākt ietekmes mērījumu dienas atbildes dalībnieku tālruņos no QR koda",
		"summary.export":   "ierakstīt katru krātuves tabulu kā Parquet, CSV vai vienu Excel darbgrāmatu",
		"summary.demo":     "izpildīt visu darbu ar pievienoto piemēra projektu",
		"summary.version":  "parādīt impact, DuckDB un Go versijas",
		"summary.schema":   "izdrukāt impact.yaml JSON shēmu redaktoriem, kas to papildina un pārbauda",
		"summary.help":     "izskaidrot impact vai kādu tā komandu; impact help project izskaidro impact.yaml",
	},
}

// joinCatalogues returns one catalogue with the messages of each, per
// language; a key must be in only one of them.
func joinCatalogues(parts ...map[string]map[string]string) map[string]map[string]string {
	joined := map[string]map[string]string{}
	for _, part := range parts {
		for lang, msgs := range part {
			if joined[lang] == nil {
				joined[lang] = map[string]string{}
			}
			for key, msg := range msgs {
				if _, dup := joined[lang][key]; dup {
					panic("i18n: " + lang + " " + key + " is in two catalogues")
				}
				joined[lang][key] = msg
			}
		}
	}
	return joined
}
