package i18n

// helpCommandsCatalogue holds the help of each command: its arguments
// (args.NAME), its explanation (help.NAME), the description of each of its
// flags (flag.NAME.FLAG, or flag.FLAG for a flag several commands share)
// and the frame impact help NAME prints them in. A flag's description
// names its value in back quotes (`DIR`), which help shows after the flag.
var helpCommandsCatalogue = map[string]map[string]string{
	"en": {
		"command.usage":   "Usage: impact %[1]s %[2]s",
		"command.flags":   "Flags:",
		"command.example": "Example:",

		"args.init":     "[DIR] [--lang sv|en|lv] [--example]",
		"args.ingest":   "[FILE…] [--kind K] [--event ID --event-kind K --date D] [--wave W] [--skip-invalid] [--dry-run]",
		"args.lint":     "[--json] [--strict]",
		"args.evaluate": "[--as-of DATE] [--json]",
		"args.report":   "workshop|memo|quality [--format html|md|pdf|docx] [--template FILE.docx] [--lang sv|en|lv] [--as-of DATE] [--out PATH]",
		"args.serve":    "[--addr 127.0.0.1:8080]",
		"args.collect":  "open|close|status [--event ID] [--wave W] [--instrument I]... [--addr HOST:PORT]",
		"args.export":   "--format parquet|csv|xlsx --out DIR [--csv-dialect plain|semicolon] [--lang sv|en|lv]",
		"args.demo":     "[--out DIR]",
		"args.version":  "",
		"args.schema":   "",
		"args.help":     "[COMMAND]",

		"help.init": "Makes DIR (default: this folder) a project: a commented impact.yaml to fill in, a data/ folder\n" +
			"for the files, .impact/secret (readable only by you) that keys the pseudonyms of participants,\n" +
			"and a .gitignore that keeps .impact/ out of version control. With --example the folder gets the\n" +
			"bundled example project (Samlad kraft för framtidens Boden) with all its data instead.",
		"help.ingest": "Without FILE, loads every source listed under sources: in impact.yaml, in order. A FILE must be\n" +
			"a source listed there, or come with --kind (and, as its kind needs, --event, --event-kind,\n" +
			"--date and --wave, which also fill in what a listed source lacks).\n\n" +
			"Each file is loaded whole or not at all. By default one invalid row refuses the file (exit 3),\n" +
			"and every bad row is listed with its line, column, what is wrong and what would be right.\n" +
			"With --skip-invalid the valid rows are loaded and the others kept in the rejects table (exit 1).\n" +
			"A file already loaded with the same content and the same settings (its source entry in\n" +
			"impact.yaml: kind, event, wave, columns, sheet, date_format, and the flags above) is skipped;\n" +
			"a changed file, or one whose settings changed, is read again and replaces its earlier rows.\n" +
			"Participant ids are replaced by keyed pseudonyms (the key is .impact/secret or IMPACT_SECRET);\n" +
			"columns of names, e-mail addresses, phone numbers, addresses or personal identity numbers are\n" +
			"refused unless the source maps them to drop.",
		"help.lint": "Judges impact.yaml like a compiler: every finding has a rule code (S001 … G002), a severity,\n" +
			"the place in the file (file:line:column), the goal or node it concerns, and one sentence in the\n" +
			"project's language that says what to do. Needs no data; once data is ingested it also checks\n" +
			"what the data shows (M004, A003 at the current n, T003).\n" +
			"Exits 1 when there are errors; with --strict, warnings count too.",
		"help.evaluate": "Measures every indicator of impact.yaml on the ingested data as it stood on the as-of date\n" +
			"(rows dated later are left out), judges each goal against its target with its interval\n" +
			"(met, likely met, likely not met, not met, or too little data to say), forecasts the goals\n" +
			"measured over time to their deadline, and sums up costs and the social return on investment.\n" +
			"--json prints the same evaluation as one JSON document, the one that reports and dashboards read.",
		"help.report": "Writes one of three documents from the evaluation at the as-of date:\n" +
			"  workshop  for the learning and closing workshops: the goal board, the theory of change,\n" +
			"            each goal's plot, participation, questions, cost and value, data quality\n" +
			"  memo      the draft tjänsteutlåtande that proposes continued funding\n" +
			"  quality   the ingest log, rejected rows, missing values, response rates and checks\n" +
			"html is one self-contained file; md is Markdown with its plots as PNG in a folder beside it;\n" +
			"pdf is the HTML printed by headless Chromium (install it with apt-get install -y chromium);\n" +
			"docx is a Word document; with --template (or memo.template in impact.yaml for the memo) it takes\n" +
			"the municipality's Word template's styles, page setup, header and footer, and drops its body text.\n" +
			"The language defaults to the project's. The colophon at the end names the engine version, the\n" +
			"data hash, the as-of date and the time it was made; SOURCE_DATE_EPOCH fixes that time, so the\n" +
			"same data and as-of date give the same bytes.",
		"help.serve": "Serves the dashboards of the project until Ctrl-C: the goal board with the theory of change,\n" +
			"one page per indicator, participation, cost and value, data quality, the reports made on\n" +
			"request, an upload form for data files (checked exactly as impact ingest checks them), and\n" +
			"the evaluation as JSON under /api/v1/.\n\n" +
			"On a loopback address (the default) nobody logs in. On any other address serve refuses to\n" +
			"start unless a viewer token and an editor token are set, in IMPACT_VIEW_TOKEN and\n" +
			"IMPACT_EDIT_TOKEN or as the lines view=… and edit=… of .impact/tokens (mode 600): viewers\n" +
			"read every page, editors also upload data. Give --cert and --key to serve HTTPS.\n\n" +
			"serve opens the store only while it reads or loads data, so impact ingest, evaluate, report\n" +
			"and lint work beside it in another terminal; the board shows what they loaded within seconds.",
		"help.collect": "Opens, closes and shows the collections of an impact-measurement day: a form that impact serve\n" +
			"offers at http://ADDR/c/TOKEN, which the participants open on their phones from a QR code.\n" +
			"  open    a collection for an event, its wave and its instruments; prints the link and writes\n" +
			"          the QR code (.impact/collect/EVENT.png and .svg) and a printable A4 page\n" +
			"          (.impact/collect/EVENT-poster.html, also served at /c/TOKEN/poster)\n" +
			"  close   ends the collection of --event: later answers get a page saying it is closed\n" +
			"  status  every collection (or --event's) with its answers against the event's register\n" +
			"An event not in impact.yaml is made as an ingest source's event is: --event-name, --event-kind\n" +
			"(default impact_day) and --date (default today). Answers are stored as impact ingest stores a\n" +
			"survey: the participant id pseudonymised at once, one transaction per answer, a second answer of\n" +
			"a person in the same wave replacing the first. --addr is the address the phones reach impact\n" +
			"serve at; serve on that address (with the viewer and editor tokens off loopback).",
		"help.export": "Writes the ingest log (sources), each data table and the rejects into DIR, one file per\n" +
			"table, for DuckDB, Spark, R or Excel. The data is exported as stored: participants are\n" +
			"pseudonyms, never ids or names. CSV follows the language: in Swedish and Latvian it has\n" +
			"semicolons, decimal commas and a UTF-8 byte-order mark, so that Excel opens it in columns\n" +
			"with å, ä, ö and ā, č, ē whole; --csv-dialect plain gives RFC 4180 with commas and a decimal\n" +
			"point, for R and Python. --format xlsx writes one workbook, impact.xlsx, with the goal table\n" +
			"on its first sheet and a sheet per table.",
		"help.demo": "Makes the example project (Samlad kraft för framtidens Boden) in DIR unless it is there\n" +
			"already, loads it and prints a summary of its plan.",
		"help.version": "Inside a project (or with --project) it also names the project, its store and the store's\n" +
			"schema version, migrating the store when it was made by an older impact.",
		"help.schema": "Prints the JSON Schema of impact.yaml: every key the loader accepts, with its meaning,\n" +
			"its allowed values and an example. impact init writes it beside impact.yaml as\n" +
			"%[1]s and points the file's first line to it, so that editors with the\n" +
			"YAML language server (VS Code's YAML extension, and others) complete keys and mark mistakes.\n" +
			"Run it again after upgrading impact. impact help project shows the same as text.",
		"help.help": "Without a command, lists every command. With one, explains it, its flags and an example.\n" +
			"impact help project explains every key of impact.yaml, with its allowed values and an example.",

		"flag.project":             "the project `DIR` (env IMPACT_PROJECT; default: this folder or the nearest parent with impact.yaml)",
		"flag.db":                  "the store `PATH` (default DIR/.impact/impact.duckdb)",
		"flag.wait":                "how long to wait for a store another impact process holds, such as `10s` or 1m; then exit 5, store busy",
		"flag.lang":                "the `LANGUAGE` of what the command writes: sv, en or lv (default: the language set in impact.yaml)",
		"flag.as-of":               "judge the evidence as it stood on `DATE` (YYYY-MM-DD; default today)",
		"flag.init.lang":           "the `LANGUAGE` of the project file's comments and of everything impact writes: sv, en or lv",
		"flag.init.example":        "copy in the bundled example project with its data",
		"flag.ingest.kind":         "the `KIND` of data in FILE: %[1]s",
		"flag.ingest.event":        "the event `ID` the rows of FILE belong to",
		"flag.ingest.event-kind":   "the `KIND` of that event: %[1]s",
		"flag.ingest.date":         "the `DATE` of that event, YYYY-MM-DD",
		"flag.ingest.wave":         "the survey `WAVE` of FILE's responses: %[1]s",
		"flag.ingest.skip-invalid": "load the valid rows and keep the invalid ones in the rejects table",
		"flag.ingest.dry-run":      "read and check every file, write nothing",
		"flag.lint.json":           "print the findings as a JSON list of {rule, severity, file, line, column, subject, message}",
		"flag.lint.strict":         "exit 1 on warnings too, not only on errors",
		"flag.evaluate.json":       "print the evaluation as one JSON document on stdout",
		"flag.report.format":       "the `FORMAT`: html, md, pdf or docx",
		"flag.report.template":     "with --format docx, the Word template `FILE` whose styles, page setup, header and footer to take (wins over memo.template)",
		"flag.report.out":          "write to `PATH` (default reports/NAME.FORMAT in the project folder)",
		"flag.serve.addr":          "listen on `HOST:PORT`; anything but a loopback address needs the tokens",
		"flag.serve.max-upload":    "the largest data file the upload form takes, in `MB`",
		"flag.serve.cert":          "serve HTTPS with the certificate in `FILE` (with --key)",
		"flag.serve.key":           "the private key of --cert, in `FILE`",
		"flag.serve.form-rate":     "at most `N` answers a minute from one address to a collection's form (impact collect)",
		"flag.collect.event":       "the event's `ID`",
		"flag.collect.event-name":  "the event's `NAME`, for a new event",
		"flag.collect.event-kind":  "the event's `KIND`, for a new event (default impact_day)",
		"flag.collect.date":        "the event's `DATE` (YYYY-MM-DD), for a new event (default today)",
		"flag.collect.wave":        "the `WAVE` the answers belong to, such as pre or post",
		"flag.collect.instrument":  "an `INSTRUMENT` the form asks; repeat it for more",
		"flag.collect.addr":        "the `HOST:PORT` phones reach impact serve at, for the link and the QR code",
		"flag.export.format":       "the file `FORMAT`: parquet, csv or xlsx",
		"flag.export.out":          "the `DIR` to write the files into",
		"flag.export.csv-dialect":  "the CSV `DIALECT`: plain (commas, decimal point) or semicolon (Excel in Swedish or Latvian); by default semicolon in Swedish and Latvian, plain in English",
		"flag.demo.out":            "the `DIR` to make the example project in",
	},
	"sv": {
		"command.usage":   "Användning: impact %[1]s %[2]s",
		"command.flags":   "Flaggor:",
		"command.example": "Exempel:",

		"args.init":     "[MAPP] [--lang sv|en|lv] [--example]",
		"args.ingest":   "[FIL…] [--kind TYP] [--event ID --event-kind TYP --date DATUM] [--wave VÅG] [--skip-invalid] [--dry-run]",
		"args.lint":     "[--json] [--strict]",
		"args.evaluate": "[--as-of DATUM] [--json]",
		"args.report":   "workshop|memo|quality [--format html|md|pdf|docx] [--template FIL.docx] [--lang sv|en|lv] [--as-of DATUM] [--out SÖKVÄG]",
		"args.serve":    "[--addr 127.0.0.1:8080]",
		"args.collect":  "open|close|status [--event ID] [--wave VÅG] [--instrument INSTRUMENT]... [--addr VÄRD:PORT]",
		"args.export":   "--format parquet|csv|xlsx --out MAPP [--csv-dialect plain|semicolon] [--lang sv|en|lv]",
		"args.demo":     "[--out MAPP]",
		"args.version":  "",
		"args.schema":   "",
		"args.help":     "[KOMMANDO]",

		"help.init": "Gör MAPP (standard: den här mappen) till ett projekt: en kommenterad impact.yaml att fylla i,\n" +
			"en mapp data/ för filerna, .impact/secret (läsbar bara för dig) som är nyckeln till deltagarnas\n" +
			"pseudonymer, och en .gitignore som håller .impact/ utanför versionshanteringen. Med --example får\n" +
			"mappen i stället det medföljande exempelprojektet (Samlad kraft för framtidens Boden) med alla data.",
		"help.ingest": "Utan FIL läses varje källa under sources: i impact.yaml in, i tur och ordning. En FIL måste vara\n" +
			"en källa som står där, eller komma med --kind (och, när dess typ kräver det, --event, --event-kind,\n" +
			"--date och --wave, som också fyller i det en listad källa saknar).\n\n" +
			"Varje fil läses in hel eller inte alls. En ogiltig rad avvisar som standard hela filen (slutkod 3),\n" +
			"och varje felaktig rad listas med sin rad, kolumn, vad som är fel och vad som vore rätt.\n" +
			"Med --skip-invalid läses de giltiga raderna in och de andra sparas i tabellen rejects (slutkod 1).\n" +
			"En fil som redan är inläst med samma innehåll och samma inställningar (dess källpost i\n" +
			"impact.yaml: kind, event, wave, columns, sheet, date_format, och flaggorna ovan) hoppas över;\n" +
			"en ändrad fil, eller en vars inställningar ändrats, läses in igen och ersätter sina tidigare rader.\n" +
			"Deltagarnas id ersätts av nyckelade pseudonymer (nyckeln är .impact/secret eller IMPACT_SECRET);\n" +
			"kolumner med namn, e-postadresser, telefonnummer, adresser eller personnummer avvisas om inte\n" +
			"källan mappar dem till drop.",
		"help.lint": "Granskar impact.yaml som en kompilator: varje anmärkning har en regelkod (S001 … G002), en\n" +
			"allvarlighetsgrad, platsen i filen (fil:rad:kolumn), målet eller noden den gäller, och en mening\n" +
			"på projektets språk som säger vad du ska göra. Behöver inga data; när data är inlästa granskas\n" +
			"också vad de visar (M004, A003 vid nuvarande n, T003).\n" +
			"Slutkod 1 när det finns fel; med --strict räknas även varningar.",
		"help.evaluate": "Mäter varje indikator i impact.yaml på inlästa data som de såg ut per datumet --as-of (rader\n" +
			"med senare datum lämnas utanför), bedömer varje mål mot dess målvärde med sitt intervall\n" +
			"(uppnått, troligen uppnått, troligen inte uppnått, inte uppnått, eller för lite data för att säga),\n" +
			"gör en prognos till slutdatum för mål som mäts över tid, och summerar kostnaderna och den sociala\n" +
			"avkastningen på investeringen (SROI). --json skriver samma utvärdering som ett JSON-dokument,\n" +
			"det som rapporterna och instrumentpanelen läser.",
		"help.report": "Skriver ett av tre dokument från utvärderingen per datumet --as-of:\n" +
			"  workshop  för lärande- och avslutningsworkshoparna: måltavlan, förändringsteorin, varje måls\n" +
			"            diagram, deltagande, frågor, kostnad och värde, datakvalitet\n" +
			"  memo      utkastet till tjänsteutlåtande som föreslår fortsatt finansiering\n" +
			"  quality   inläsningsloggen, avvisade rader, saknade värden, svarsfrekvenser och kontroller\n" +
			"html är en fristående fil; md är Markdown med diagrammen som PNG i en mapp bredvid;\n" +
			"pdf är HTML-filen utskriven av Chromium utan fönster (installera med apt-get install -y chromium);\n" +
			"docx är ett Word-dokument; med --template (eller memo.template i impact.yaml för memot) tar det\n" +
			"kommunens Word-malls format, sidinställningar, sidhuvud och sidfot, och släpper mallens brödtext.\n" +
			"Språket är som standard projektets. Kolofonen sist anger motorns version, datas hashvärde,\n" +
			"datumet --as-of och när dokumentet gjordes; SOURCE_DATE_EPOCH låser den tiden, så att samma\n" +
			"data och samma datum ger samma byte.",
		"help.serve": "Visar projektets instrumentpanel tills du trycker Ctrl-C: måltavlan med förändringsteorin,\n" +
			"en sida per indikator, deltagande, kostnad och värde, datakvalitet, rapporter som görs på\n" +
			"begäran, ett uppladdningsformulär för datafiler (som granskas precis som impact ingest gör)\n" +
			"och utvärderingen som JSON under /api/v1/.\n\n" +
			"På en loopback-adress (standard) loggar ingen in. På alla andra adresser startar serve bara om\n" +
			"en läsnyckel och en redigeringsnyckel är satta, i IMPACT_VIEW_TOKEN och IMPACT_EDIT_TOKEN\n" +
			"eller som raderna view=… och edit=… i .impact/tokens (läge 600): läsare ser varje sida,\n" +
			"redigerare laddar också upp data. Ange --cert och --key för HTTPS.\n\n" +
			"serve öppnar lagret bara medan den läser eller läser in data, så impact ingest, evaluate,\n" +
			"report och lint fungerar bredvid i en annan terminal; måltavlan visar det de läst in inom\n" +
			"några sekunder.",
		"help.collect": "Öppnar, stänger och visar insamlingarna på en effektmätningsdag: ett formulär som impact serve\n" +
			"visar på http://ADRESS/c/NYCKEL och som deltagarna öppnar i mobilen från en QR-kod.\n" +
			"  open    en insamling för en händelse, dess våg och dess instrument; skriver ut länken och\n" +
			"          skriver QR-koden (.impact/collect/HÄNDELSE.png och .svg) och en A4-sida att skriva\n" +
			"          ut (.impact/collect/HÄNDELSE-poster.html, som också visas på /c/NYCKEL/poster)\n" +
			"  close   avslutar insamlingen för --event: senare svar får en sida som säger att den är stängd\n" +
			"  status  varje insamling (eller den för --event) med dess svar mot händelsens register\n" +
			"En händelse som inte finns i impact.yaml skapas som en källas händelse skapas: --event-name,\n" +
			"--event-kind (standard impact_day) och --date (standard i dag). Svaren sparas som impact ingest\n" +
			"sparar en enkät: deltagarens id pseudonymiseras direkt, en transaktion per svar, och ett andra\n" +
			"svar från samma person i samma våg ersätter det första. --addr är adressen där mobilerna når\n" +
			"impact serve; kör serve på den adressen (med läs- och redigeringsnycklarna utanför loopback).",
		"help.export": "Skriver inläsningsloggen (sources), varje datatabell och de avvisade raderna (rejects) i MAPP,\n" +
			"en fil per tabell, för DuckDB, Spark, R eller Excel. Data exporteras som de är lagrade:\n" +
			"deltagarna är pseudonymer, aldrig id eller namn. CSV följer språket: på svenska och lettiska har\n" +
			"den semikolon, decimalkomma och en UTF-8-byteordningsmarkering, så att Excel öppnar den i\n" +
			"kolumner med å, ä, ö och ā, č, ē hela; --csv-dialect plain ger RFC 4180 med kommatecken och\n" +
			"decimalpunkt, för R och Python. --format xlsx skriver en arbetsbok, impact.xlsx, med måltabellen\n" +
			"på första bladet och ett blad per tabell.",
		"help.demo": "Gör exempelprojektet (Samlad kraft för framtidens Boden) i MAPP om det inte redan finns där,\n" +
			"läser in det och skriver en sammanfattning av dess plan.",
		"help.version": "I ett projekt (eller med --project) anges också projektet, dess lager och lagrets\n" +
			"schemaversion, och lagret migreras om det gjordes av en äldre impact.",
		"help.schema": "Skriver ut JSON-schemat för impact.yaml: varje nyckel som inläsaren godtar, med betydelse,\n" +
			"tillåtna värden och ett exempel. impact init skriver det bredvid impact.yaml som\n" +
			"%[1]s och pekar filens första rad dit, så att redigerare med YAML-språkservern\n" +
			"(VS Codes YAML-tillägg med flera) kompletterar nycklar och markerar misstag.\n" +
			"Kör det igen efter att du uppgraderat impact. impact help project visar samma sak som text.",
		"help.help": "Utan kommando listas alla kommandon. Med ett kommando förklaras det, dess flaggor och ett exempel.\n" +
			"impact help project förklarar varje nyckel i impact.yaml, med tillåtna värden och ett exempel.",

		"flag.project":             "projektets `MAPP` (miljövariabel IMPACT_PROJECT; standard: den här mappen eller närmaste överordnade mapp med impact.yaml)",
		"flag.db":                  "lagrets `SÖKVÄG` (standard MAPP/.impact/impact.duckdb)",
		"flag.wait":                "hur länge impact väntar på ett lager som en annan impact-process håller, till exempel `10s` eller 1m; sedan slutkod 5, lagret upptaget",
		"flag.lang":                "`SPRÅK` för det kommandot skriver: sv, en eller lv (standard: språket som anges i impact.yaml)",
		"flag.as-of":               "bedöm underlaget som det såg ut per `DATUM` (ÅÅÅÅ-MM-DD; standard i dag)",
		"flag.init.lang":           "`SPRÅK` för projektfilens kommentarer och för allt impact skriver: sv, en eller lv",
		"flag.init.example":        "kopiera in det medföljande exempelprojektet med dess data",
		"flag.ingest.kind":         "`TYP` av data i FIL: %[1]s",
		"flag.ingest.event":        "händelsens `ID` som raderna i FIL hör till",
		"flag.ingest.event-kind":   "händelsens `TYP`: %[1]s",
		"flag.ingest.date":         "händelsens `DATUM`, ÅÅÅÅ-MM-DD",
		"flag.ingest.wave":         "enkätens `VÅG` för svaren i FIL: %[1]s",
		"flag.ingest.skip-invalid": "läs in de giltiga raderna och spara de ogiltiga i tabellen rejects",
		"flag.ingest.dry-run":      "läs och granska varje fil, skriv ingenting",
		"flag.lint.json":           "skriv anmärkningarna som en JSON-lista av {rule, severity, file, line, column, subject, message}",
		"flag.lint.strict":         "slutkod 1 även vid varningar, inte bara vid fel",
		"flag.evaluate.json":       "skriv utvärderingen som ett JSON-dokument på standard ut",
		"flag.report.format":       "`FORMAT`: html, md, pdf eller docx",
		"flag.report.template":     "med --format docx, Word-mallen `FIL` vars format, sidinställningar, sidhuvud och sidfot används (går före memo.template)",
		"flag.report.out":          "skriv till `SÖKVÄG` (standard reports/NAMN.FORMAT i projektmappen)",
		"flag.serve.addr":          "lyssna på `VÄRD:PORT`; alla adresser utom loopback kräver nycklarna",
		"flag.serve.max-upload":    "den största datafil uppladdningsformuläret tar emot, i `MB`",
		"flag.serve.cert":          "använd HTTPS med certifikatet i `FIL` (med --key)",
		"flag.serve.key":           "den privata nyckeln till --cert, i `FIL`",
		"flag.serve.form-rate":     "högst `N` svar per minut från en adress till en insamlings formulär (impact collect)",
		"flag.collect.event":       "händelsens `ID`",
		"flag.collect.event-name":  "händelsens `NAMN`, för en ny händelse",
		"flag.collect.event-kind":  "händelsens `TYP`, för en ny händelse (standard impact_day)",
		"flag.collect.date":        "händelsens `DATUM` (ÅÅÅÅ-MM-DD), för en ny händelse (standard i dag)",
		"flag.collect.wave":        "`VÅG` som svaren hör till, till exempel pre eller post",
		"flag.collect.instrument":  "ett `INSTRUMENT` som formuläret frågar efter; upprepa flaggan för fler",
		"flag.collect.addr":        "`VÄRD:PORT` där mobilerna når impact serve, för länken och QR-koden",
		"flag.export.format":       "filernas `FORMAT`: parquet, csv eller xlsx",
		"flag.export.out":          "`MAPP` att skriva filerna i",
		"flag.export.csv-dialect":  "CSV-`DIALEKT`: plain (kommatecken, decimalpunkt) eller semicolon (Excel på svenska eller lettiska); som standard semicolon på svenska och lettiska, plain på engelska",
		"flag.demo.out":            "`MAPP` att göra exempelprojektet i",
	},
	"lv": {
		"command.usage":   "Lietošana: impact %[1]s %[2]s",
		"command.flags":   "Karodziņi:",
		"command.example": "Piemērs:",

		"args.init":     "[MAPE] [--lang sv|en|lv] [--example]",
		"args.ingest":   "[FAILS…] [--kind VEIDS] [--event ID --event-kind VEIDS --date DATUMS] [--wave VILNIS] [--skip-invalid] [--dry-run]",
		"args.lint":     "[--json] [--strict]",
		"args.evaluate": "[--as-of DATUMS] [--json]",
		"args.report":   "workshop|memo|quality [--format html|md|pdf|docx] [--template FAILS.docx] [--lang sv|en|lv] [--as-of DATUMS] [--out CEĻŠ]",
		"args.serve":    "[--addr 127.0.0.1:8080]",
		"args.collect":  "open|close|status [--event ID] [--wave VILNIS] [--instrument INSTRUMENTS]... [--addr RESURSDATORS:PORTS]",
		"args.export":   "--format parquet|csv|xlsx --out MAPE [--csv-dialect plain|semicolon] [--lang sv|en|lv]",
		"args.demo":     "[--out MAPE]",
		"args.version":  "",
		"args.schema":   "",
		"args.help":     "[KOMANDA]",

		"help.init": "Padara MAPI (pēc noklusējuma šo mapi) par projektu: izveido aizpildāmu impact.yaml ar\n" +
			"komentāriem, mapi data/ failiem, .impact/secret (lasāms tikai jums), kas ir dalībnieku\n" +
			"pseidonīmu atslēga, un .gitignore, kas neļauj .impact/ nonākt versiju kontrolē. Ar --example\n" +
			"mapē tā vietā tiek ievietots pievienotais piemēra projekts (Samlad kraft för framtidens Boden)\n" +
			"ar visiem tā datiem.",
		"help.ingest": "Bez FAILA ielādē visus avotus, kas uzskaitīti impact.yaml sadaļā sources:, to secībā. FAILAM\n" +
			"jābūt tur uzskaitītam avotam vai jābūt norādītam ar --kind (un, ja tā veids to prasa, ar --event,\n" +
			"--event-kind, --date un --wave, kas arī papildina to, kā uzskaitītajam avotam trūkst).\n\n" +
			"Katru failu ielādē pilnībā vai nemaz. Pēc noklusējuma viena nederīga rinda noraida visu failu\n" +
			"(izejas kods 3), un katra kļūdainā rinda tiek uzskaitīta ar tās rindu, kolonnu, kļūdu un to,\n" +
			"kā būtu pareizi. Ar --skip-invalid derīgās rindas tiek ielādētas, bet pārējās saglabātas\n" +
			"tabulā rejects (izejas kods 1). Fails, kas jau ielādēts ar tādu pašu saturu un tādiem pašiem\n" +
			"iestatījumiem (tā avota ieraksts impact.yaml: kind, event, wave, columns, sheet, date_format\n" +
			"un iepriekš minētie karodziņi), tiek izlaists; mainīts fails vai fails ar mainītiem\n" +
			"iestatījumiem tiek nolasīts vēlreiz un aizstāj savas iepriekšējās rindas.\n" +
			"Dalībnieku identifikatori tiek aizstāti ar pseidonīmiem, kas veidoti ar atslēgu (.impact/secret\n" +
			"vai IMPACT_SECRET); kolonnas ar vārdiem, e-pasta adresēm, tālruņa numuriem, adresēm vai personas\n" +
			"kodiem tiek noraidītas, ja vien avots tās nenorāda kā drop.",
		"help.lint": "Pārbauda impact.yaml kā kompilators: katram atradumam ir noteikuma kods (S001 … G002), nopietnības\n" +
			"pakāpe, vieta failā (fails:rinda:kolonna), mērķis vai mezgls, uz ko tas attiecas, un viens\n" +
			"teikums projekta valodā par to, kas jādara. Dati nav vajadzīgi; kad dati ir ielādēti, tiek\n" +
			"pārbaudīts arī tas, ko tie rāda (M004, A003 ar pašreizējo n, T003).\n" +
			"Izejas kods 1, ja ir kļūdas; ar --strict tiek skaitīti arī brīdinājumi.",
		"help.evaluate": "Mēra katru impact.yaml rādītāju ielādētajos datos, kādi tie bija datumā --as-of (vēlāk\n" +
			"datētās rindas netiek ņemtas vērā), novērtē katru mērķi pret tā mērķvērtību ar intervālu\n" +
			"(sasniegts, visticamāk sasniegts, visticamāk nav sasniegts, nav sasniegts vai pārāk maz datu),\n" +
			"prognozē laika gaitā mērīto mērķu stāvokli termiņā un apkopo izmaksas un sociālo ieguldījumu\n" +
			"atdevi (SROI). --json izdrukā to pašu novērtējumu kā vienu JSON dokumentu, ko lasa ziņojumi\n" +
			"un informācijas panelis.",
		"help.report": "Sagatavo vienu no trim dokumentiem no novērtējuma datumā --as-of:\n" +
			"  workshop  mācību un noslēguma darbsemināriem: mērķu pārskats, pārmaiņu teorija, katra\n" +
			"            mērķa grafiks, dalība, jautājumi, izmaksas un vērtība, datu kvalitāte\n" +
			"  memo      lēmuma projekts, kas ierosina turpināt finansējumu\n" +
			"  quality   ielādes žurnāls, noraidītās rindas, trūkstošās vērtības, atbilžu īpatsvars un pārbaudes\n" +
			"html ir viens patstāvīgs fails; md ir Markdown ar grafikiem PNG formātā blakus esošā mapē;\n" +
			"pdf ir HTML, ko izdrukā Chromium bez loga (instalējiet ar apt-get install -y chromium);\n" +
			"docx ir Word dokuments; ar --template (vai lēmuma projektam ar memo.template impact.yaml) tas\n" +
			"pārņem pašvaldības Word veidnes stilus, lappuses iestatījumus, galveni un kājeni, bet ne tās tekstu.\n" +
			"Pēc noklusējuma valoda ir projekta valoda. Beigu piezīmē norādīta programmas versija, datu\n" +
			"jaucējvērtība, datums --as-of un sagatavošanas laiks; SOURCE_DATE_EPOCH šo laiku nofiksē, lai\n" +
			"tie paši dati un tas pats datums dotu tos pašus baitus.",
		"help.serve": "Rāda projekta informācijas paneli, līdz nospiežat Ctrl-C: mērķu pārskatu ar pārmaiņu teoriju,\n" +
			"lapu katram rādītājam, dalību, izmaksas un vērtību, datu kvalitāti, pēc pieprasījuma\n" +
			"sagatavotus ziņojumus, datu failu augšupielādes veidlapu (faili tiek pārbaudīti tieši tāpat\n" +
			"kā ar impact ingest) un novērtējumu JSON formātā zem /api/v1/.\n\n" +
			"Loopback adresē (pēc noklusējuma) neviens nepiesakās. Jebkurā citā adresē serve sāk darbu tikai\n" +
			"tad, ja ir iestatīti skatītāja un redaktora marķieri mainīgajos IMPACT_VIEW_TOKEN un\n" +
			"IMPACT_EDIT_TOKEN vai rindās view=… un edit=… failā .impact/tokens (režīms 600): skatītāji\n" +
			"redz visas lapas, redaktori var arī augšupielādēt datus. HTTPS norādiet ar --cert un --key.\n\n" +
			"serve atver krātuvi tikai tad, kad lasa vai ielādē datus, tāpēc impact ingest, evaluate, report\n" +
			"un lint darbojas blakus citā terminālī; pārskats dažu sekunžu laikā parāda to, ko tie ielādēja.",
		"help.collect": "Atver, aizver un parāda ietekmes mērījumu dienas datu vākšanas: veidlapu, ko impact serve\n" +
			"piedāvā adresē http://ADRESE/c/MARĶIERIS un ko dalībnieki atver tālrunī no QR koda.\n" +
			"  open    vākšana pasākumam, tā vilnim un instrumentiem; izdrukā saiti un ieraksta QR kodu\n" +
			"          (.impact/collect/PASĀKUMS.png un .svg) un izdrukājamu A4 lapu\n" +
			"          (.impact/collect/PASĀKUMS-poster.html, pieejama arī adresē /c/MARĶIERIS/poster)\n" +
			"  close   beidz --event vākšanu: vēlākas atbildes saņem lapu, kurā teikts, ka tā ir slēgta\n" +
			"  status  katra vākšana (vai --event vākšana) ar tās atbildēm salīdzinājumā ar pasākuma reģistru\n" +
			"Pasākums, kura nav impact.yaml, tiek izveidots tāpat kā avota pasākums: ar --event-name,\n" +
			"--event-kind (pēc noklusējuma impact_day) un --date (pēc noklusējuma šodiena). Atbildes tiek\n" +
			"saglabātas tāpat, kā impact ingest saglabā aptauju: dalībnieka identifikators uzreiz tiek\n" +
			"pseidonimizēts, katra atbilde ir viena transakcija, un tās pašas personas otrā atbilde tajā pašā\n" +
			"vilnī aizstāj pirmo. --addr ir adrese, kurā tālruņi sasniedz impact serve; palaidiet serve šajā\n" +
			"adresē (ārpus loopback ar skatītāja un redaktora marķieriem).",
		"help.export": "Ieraksta mapē MAPE ielādes žurnālu (sources), katru datu tabulu un noraidītās rindas (rejects),\n" +
			"pa vienam failam katrai tabulai, lietošanai DuckDB, Spark, R vai Excel. Dati tiek eksportēti tā,\n" +
			"kā tie glabājas: dalībnieki ir pseidonīmi, nekad ne identifikatori vai vārdi. CSV seko valodai:\n" +
			"zviedru un latviešu valodā tajā ir semikoli, decimālkomati un UTF-8 baitu secības zīme, lai\n" +
			"Excel to atvērtu kolonnās ar neskartiem å, ä, ö un ā, č, ē; --csv-dialect plain dod RFC 4180 ar\n" +
			"komatiem un decimālpunktu lietošanai R un Python. --format xlsx ieraksta vienu darbgrāmatu\n" +
			"impact.xlsx ar mērķu tabulu pirmajā lapā un pa lapai katrai tabulai.",
		"help.demo": "Izveido piemēra projektu (Samlad kraft för framtidens Boden) mapē MAPE, ja tā tur vēl nav,\n" +
			"ielādē to un izdrukā tā plāna kopsavilkumu.",
		"help.version": "Projektā (vai ar --project) nosauc arī projektu, tā krātuvi un krātuves shēmas versiju un\n" +
			"migrē krātuvi, ja to izveidoja vecāka impact versija.",
		"help.schema": "Izdrukā impact.yaml JSON shēmu: katru atslēgu, ko pieņem ielādētājs, ar tās nozīmi,\n" +
			"atļautajām vērtībām un piemēru. impact init to ieraksta blakus impact.yaml kā\n" +
			"%[1]s un faila pirmajā rindā norāda uz to, lai redaktori ar YAML valodas\n" +
			"serveri (VS Code YAML paplašinājums un citi) papildinātu atslēgas un atzīmētu kļūdas.\n" +
			"Palaidiet to vēlreiz pēc impact atjaunināšanas. impact help project to pašu parāda kā tekstu.",
		"help.help": "Bez komandas uzskaita visas komandas. Ar komandu izskaidro to, tās karodziņus un piemēru.\n" +
			"impact help project izskaidro katru impact.yaml atslēgu ar atļautajām vērtībām un piemēru.",

		"flag.project":             "projekta `MAPE` (vides mainīgais IMPACT_PROJECT; pēc noklusējuma šī mape vai tuvākā augstākā mape ar impact.yaml)",
		"flag.db":                  "krātuves `CEĻŠ` (pēc noklusējuma MAPE/.impact/impact.duckdb)",
		"flag.wait":                "cik ilgi gaidīt krātuvi, ko aizņem cits impact process, piemēram, `10s` vai 1m; pēc tam izejas kods 5, krātuve aizņemta",
		"flag.lang":                "komandas rakstītā teksta `VALODA`: sv, en vai lv (pēc noklusējuma – impact.yaml norādītā valoda)",
		"flag.as-of":               "vērtēt datus, kādi tie bija datumā `DATUMS` (GGGG-MM-DD; pēc noklusējuma šodiena)",
		"flag.init.lang":           "projekta faila komentāru un visa impact rakstītā `VALODA`: sv, en vai lv",
		"flag.init.example":        "iekopēt pievienoto piemēra projektu ar tā datiem",
		"flag.ingest.kind":         "FAILA datu `VEIDS`: %[1]s",
		"flag.ingest.event":        "pasākuma `ID`, pie kura pieder FAILA rindas",
		"flag.ingest.event-kind":   "šī pasākuma `VEIDS`: %[1]s",
		"flag.ingest.date":         "šī pasākuma `DATUMS`, GGGG-MM-DD",
		"flag.ingest.wave":         "FAILA atbilžu aptaujas `VILNIS`: %[1]s",
		"flag.ingest.skip-invalid": "ielādēt derīgās rindas un nederīgās saglabāt tabulā rejects",
		"flag.ingest.dry-run":      "nolasīt un pārbaudīt katru failu, neko neierakstot",
		"flag.lint.json":           "izdrukāt atradumus kā JSON sarakstu ar {rule, severity, file, line, column, subject, message}",
		"flag.lint.strict":         "izejas kods 1 arī brīdinājumu, ne tikai kļūdu gadījumā",
		"flag.evaluate.json":       "izdrukāt novērtējumu kā vienu JSON dokumentu standarta izvadē",
		"flag.report.format":       "`FORMĀTS`: html, md, pdf vai docx",
		"flag.report.template":     "ar --format docx Word veidnes `FAILS`, kura stili, lappuses iestatījumi, galvene un kājene tiek izmantoti (svarīgāks par memo.template)",
		"flag.report.out":          "ierakstīt failā `CEĻŠ` (pēc noklusējuma reports/NOSAUKUMS.FORMĀTS projekta mapē)",
		"flag.serve.addr":          "klausīties `RESURSDATORS:PORTS`; jebkurai adresei, kas nav loopback, vajadzīgi marķieri",
		"flag.serve.max-upload":    "lielākais datu fails, ko pieņem augšupielādes veidlapa, `MB`",
		"flag.serve.cert":          "izmantot HTTPS ar sertifikātu no `FAILS` (kopā ar --key)",
		"flag.serve.key":           "--cert privātā atslēga no `FAILS`",
		"flag.serve.form-rate":     "ne vairāk kā `N` atbildes minūtē no vienas adreses uz vākšanas veidlapu (impact collect)",
		"flag.collect.event":       "pasākuma `ID`",
		"flag.collect.event-name":  "pasākuma `NOSAUKUMS` jaunam pasākumam",
		"flag.collect.event-kind":  "pasākuma `VEIDS` jaunam pasākumam (pēc noklusējuma impact_day)",
		"flag.collect.date":        "pasākuma `DATUMS` (GGGG-MM-DD) jaunam pasākumam (pēc noklusējuma šodiena)",
		"flag.collect.wave":        "`VILNIS`, pie kura pieder atbildes, piemēram, pre vai post",
		"flag.collect.instrument":  "`INSTRUMENTS`, ko jautā veidlapa; atkārtojiet karodziņu, lai pievienotu vēl",
		"flag.collect.addr":        "`RESURSDATORS:PORTS`, kurā tālruņi sasniedz impact serve, saitei un QR kodam",
		"flag.export.format":       "failu `FORMĀTS`: parquet, csv vai xlsx",
		"flag.export.out":          "`MAPE`, kurā ierakstīt failus",
		"flag.export.csv-dialect":  "CSV `DIALEKTS`: plain (komati, decimālpunkts) vai semicolon (Excel zviedru vai latviešu valodā); pēc noklusējuma zviedru un latviešu valodā semicolon, angļu valodā plain",
		"flag.demo.out":            "`MAPE`, kurā izveidot piemēra projektu",
	},
}
