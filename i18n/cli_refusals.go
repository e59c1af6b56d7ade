package i18n

// cliRefusals holds the command line's refusals that are kept on the error
// and said in the command's language when it is printed: those of export
// and serve, made where the language is not at hand. Names of files,
// flags and values are values, shown as written.
var cliRefusals = map[string]map[string]string{
	"en": {
		"refuse.lang":                "--lang: the language %q is not known; use %s",
		"refuse.collect.open":        "the collection of event %s is already open (wave %s); close it with impact collect close --event %s first",
		"refuse.collect.none":        "event %s has no collection; open one with impact collect open --event %s --wave W --instrument I",
		"refuse.export.format":       "export: format %q is not known; use --format parquet or --format csv",
		"refuse.export.mkdir":        "export: cannot create the folder %s: %v; check the permissions or pass another --out",
		"refuse.export.write":        "export: cannot write %s: %v; check the folder %s and its free space",
		"refuse.export.internal":     "export: %v; report it",
		"refuse.export.excel_rows":   "the table has more than %d rows, more than an Excel sheet holds; export it as CSV or Parquet",
		"refuse.serve.store":         "serve: the store cannot be read, so no page could show: %s",
		"refuse.serve.no_plot":       "there is no plot %q",
		"refuse.serve.report_format": "report format %q is not known; use html, md or pdf",
	},
	"sv": {
		"refuse.lang":                "--lang: språket %q finns inte; använd %s",
		"refuse.collect.open":        "insamlingen för aktiviteten %s är redan öppen (mätomgång %s); stäng den först med impact collect close --event %s",
		"refuse.collect.none":        "aktiviteten %s har ingen insamling; öppna en med impact collect open --event %s --wave W --instrument I",
		"refuse.export.format":       "export: formatet %q finns inte; använd --format parquet eller --format csv",
		"refuse.export.mkdir":        "export: kan inte skapa mappen %s: %v; kontrollera behörigheterna eller ange en annan --out",
		"refuse.export.write":        "export: kan inte skriva %s: %v; kontrollera mappen %s och hur mycket ledigt utrymme den har",
		"refuse.export.internal":     "export: %v; rapportera felet",
		"refuse.export.excel_rows":   "tabellen har fler än %d rader, fler än ett Excel-blad rymmer; exportera den som CSV eller Parquet",
		"refuse.serve.store":         "serve: databasen går inte att läsa, så ingen sida kunde visas: %s",
		"refuse.serve.no_plot":       "det finns inget diagram %q",
		"refuse.serve.report_format": "rapportformatet %q finns inte; använd html, md eller pdf",
	},
	"lv": {
		"refuse.lang":                "--lang: valoda %q nav zināma; izmantojiet %s",
		"refuse.collect.open":        "pasākuma %s datu vākšana jau ir atvērta (kārta %s); vispirms aizveriet to ar impact collect close --event %s",
		"refuse.collect.none":        "pasākumam %s nav datu vākšanas; atveriet to ar impact collect open --event %s --wave W --instrument I",
		"refuse.export.format":       "export: formāts %q nav zināms; izmantojiet --format parquet vai --format csv",
		"refuse.export.mkdir":        "export: nevar izveidot mapi %s: %v; pārbaudiet atļaujas vai norādiet citu --out",
		"refuse.export.write":        "export: nevar ierakstīt %s: %v; pārbaudiet mapi %s un brīvo vietu tajā",
		"refuse.export.internal":     "export: %v; ziņojiet par to",
		"refuse.export.excel_rows":   "tabulā ir vairāk nekā %d rindu, vairāk nekā ietilpst Excel lapā; eksportējiet to kā CSV vai Parquet",
		"refuse.serve.store":         "serve: datu krātuvi nevar nolasīt, tāpēc neviena lapa nevarētu tikt parādīta: %s",
		"refuse.serve.no_plot":       "diagrammas %q nav",
		"refuse.serve.report_format": "ziņojuma formāts %q nav zināms; izmantojiet html, md vai pdf",
	},
}

var _ = mergeInto(cliCatalogue, cliRefusals)
