package i18n

// cliStore holds the store's refusals a person reads on the terminal: a
// --db that cannot be a store, a store made by a newer impact or held by
// another process, and the frame of a failure inside the store, whose
// detail (what impact was doing, DuckDB's own words) is for the report of
// the bug and stays as written; and the command line's own failures to
// write what was asked (the example project, the findings, DuckDB that
// cannot start). They are kept on the error and said in the command's
// language when it is printed.
var cliStore = map[string]map[string]string{
	"en": {
		"store.no_path":         "store: no database path given; pass --db PATH or run inside a project",
		"store.path":            "store %[1]s: cannot resolve the path: %[2]v; pass another --db",
		"store.path_question":   "store %[1]s: a database path cannot contain '?'; pass another --db",
		"store.folder":          "store %[1]s is a folder, not a database file; pass a file path such as %[2]s",
		"store.mkdir":           "store %[1]s: cannot create its folder: %[2]v; check the permissions or pass another --db",
		"store.damaged":         "the store %[1]s is damaged: it is shorter than its own contents say; restore it from a backup, or remove it and run impact ingest again",
		"store.open":            "cannot open the store %[1]s: %[2]s; check that --db names an impact store you may write",
		"store.newer":           "store %[1]s has schema version %[2]d but this impact knows only up to %[3]d; upgrade impact or use another --db",
		"store.out_of_sequence": "store: migration %[1]s is out of sequence (expected version %[2]d); this build of impact is broken",
		"store.internal":        "store %[1]s: cannot %[2]s: %[3]s; run again with IMPACT_DEBUG=1 and report it",
		"store.bug":             "store: %[1]s; this is a bug in impact, report it",
		"store.busy":            "store busy: %[1]s holds the store %[2]s; wait for it to finish and try again, or give --wait a longer time such as --wait 1m",
		"store.busy_wait":       "store busy: %[1]s holds the store %[2]s for more than %[3]s; wait for it to finish and try again, or give --wait a longer time such as --wait 1m",
		"store.busy_other":      "store busy: another impact process holds the store %[1]s; wait for it to finish and try again, or give --wait a longer time such as --wait 1m",
		"store.busy_other_wait": "store busy: another impact process holds the store %[1]s for more than %[2]s; wait for it to finish and try again, or give --wait a longer time such as --wait 1m",
		"duckdb.start":          "cannot start DuckDB: %[1]v",
		"evaluate.json":         "evaluate: cannot write the JSON: %[1]v; report it",
		"init.example":          "cannot write the example project into %[1]s: %[2]v; check the folder's permissions and free space",
		"lint.write":            "lint: cannot write the findings: %[1]v",
		"store.copy_read":       "store %[1]s: cannot read it to copy: %[2]v",
		"store.copy_make":       "store %[1]s: cannot make a copy at %[2]s: %[3]v; check the free space and the folder's permissions",
		"store.copy":            "store %[1]s: cannot copy it to %[2]s: %[3]v; check the free space",
	},
	"sv": {
		"store.no_path":         "lagret: ingen sökväg till databasen angavs; ange --db SÖKVÄG eller kör kommandot i en projektmapp",
		"store.path":            "lagret %[1]s: sökvägen går inte att tolka: %[2]v; ange en annan --db",
		"store.path_question":   "lagret %[1]s: en sökväg till databasen får inte innehålla '?'; ange en annan --db",
		"store.folder":          "lagret %[1]s är en mapp, inte en databasfil; ange sökvägen till en fil, till exempel %[2]s",
		"store.mkdir":           "lagret %[1]s: mappen för det kan inte skapas: %[2]v; kontrollera behörigheterna eller ange en annan --db",
		"store.damaged":         "lagret %[1]s är skadat: filen är kortare än dess eget innehåll anger; återställ den från en säkerhetskopia, eller ta bort den och kör impact ingest igen",
		"store.open":            "kan inte öppna lagret %[1]s: %[2]s; kontrollera att --db anger ett impact-lager som du har rätt att skriva i",
		"store.newer":           "lagret %[1]s har schemaversion %[2]d, men den här versionen av impact känner bara till versioner till och med %[3]d; uppgradera impact eller ange en annan --db",
		"store.out_of_sequence": "lagret: migreringen %[1]s kommer i fel ordning (version %[2]d väntades); den här versionen av impact är felaktigt byggd",
		"store.internal":        "lagret %[1]s: ett internt fel uppstod (%[2]s: %[3]s); kör igen med IMPACT_DEBUG=1 och rapportera felet",
		"store.bug":             "lagret: ett fel i impact (%[1]s); rapportera felet",
		"store.busy":            "lagret upptaget: %[1]s håller lagret %[2]s; vänta tills processen är klar och försök igen, eller ge --wait en längre tid, till exempel --wait 1m",
		"store.busy_wait":       "lagret upptaget: %[1]s har hållit lagret %[2]s i mer än %[3]s; vänta tills processen är klar och försök igen, eller ge --wait en längre tid, till exempel --wait 1m",
		"store.busy_other":      "lagret upptaget: en annan impact-process håller lagret %[1]s; vänta tills den är klar och försök igen, eller ge --wait en längre tid, till exempel --wait 1m",
		"store.busy_other_wait": "lagret upptaget: en annan impact-process har hållit lagret %[1]s i mer än %[2]s; vänta tills den är klar och försök igen, eller ge --wait en längre tid, till exempel --wait 1m",
		"duckdb.start":          "kan inte starta DuckDB: %[1]v",
		"evaluate.json":         "evaluate: kan inte skriva JSON: %[1]v; rapportera felet",
		"init.example":          "kan inte skriva exempelprojektet till %[1]s: %[2]v; kontrollera mappens behörigheter och lediga utrymme",
		"lint.write":            "lint: kan inte skriva ut anmärkningarna: %[1]v",
		"store.copy_read":       "lagret %[1]s: kan inte läsas för att kopieras: %[2]v",
		"store.copy_make":       "lagret %[1]s: kan inte skapa en kopia i %[2]s: %[3]v; kontrollera det lediga utrymmet och mappens behörigheter",
		"store.copy":            "lagret %[1]s: kan inte kopieras till %[2]s: %[3]v; kontrollera det lediga utrymmet",
	},
	"lv": {
		"store.no_path":         "datu krātuve: nav norādīts datubāzes ceļš; norādiet --db CEĻŠ vai palaidiet komandu projekta mapē",
		"store.path":            "datu krātuve %[1]s: ceļu nevar noteikt: %[2]v; norādiet citu --db",
		"store.path_question":   "datu krātuve %[1]s: datubāzes ceļā nedrīkst būt '?'; norādiet citu --db",
		"store.folder":          "datu krātuve %[1]s ir mape, nevis datubāzes fails; norādiet faila ceļu, piemēram, %[2]s",
		"store.mkdir":           "datu krātuve %[1]s: nevar izveidot tās mapi: %[2]v; pārbaudiet atļaujas vai norādiet citu --db",
		"store.damaged":         "datu krātuve %[1]s ir bojāta: fails ir īsāks, nekā norāda tā saturs; atjaunojiet to no rezerves kopijas vai izdzēsiet to un vēlreiz palaidiet impact ingest",
		"store.open":            "nevar atvērt datu krātuvi %[1]s: %[2]s; pārbaudiet, vai --db norāda uz impact datu krātuvi, kurā jums ir tiesības rakstīt",
		"store.newer":           "datu krātuvei %[1]s ir shēmas versija %[2]d, bet šī impact versija zina tikai versijas līdz %[3]d; atjauniniet impact vai norādiet citu --db",
		"store.out_of_sequence": "datu krātuve: migrācija %[1]s ir nepareizā secībā (gaidīta versija %[2]d); šī impact būve ir bojāta",
		"store.internal":        "datu krātuve %[1]s: radās iekšēja kļūda (%[2]s: %[3]s); palaidiet vēlreiz ar IMPACT_DEBUG=1 un ziņojiet par to",
		"store.bug":             "datu krātuve: kļūda impact programmā (%[1]s); ziņojiet par to",
		"store.busy":            "datu krātuve aizņemta: %[1]s izmanto datu krātuvi %[2]s; pagaidiet, līdz process beidz darbu, un mēģiniet vēlreiz vai norādiet ilgāku --wait laiku, piemēram, --wait 1m",
		"store.busy_wait":       "datu krātuve aizņemta: %[1]s izmanto datu krātuvi %[2]s ilgāk par %[3]s; pagaidiet, līdz process beidz darbu, un mēģiniet vēlreiz vai norādiet ilgāku --wait laiku, piemēram, --wait 1m",
		"store.busy_other":      "datu krātuve aizņemta: cits impact process izmanto datu krātuvi %[1]s; pagaidiet, līdz tas beidz darbu, un mēģiniet vēlreiz vai norādiet ilgāku --wait laiku, piemēram, --wait 1m",
		"store.busy_other_wait": "datu krātuve aizņemta: cits impact process izmanto datu krātuvi %[1]s ilgāk par %[2]s; pagaidiet, līdz tas beidz darbu, un mēģiniet vēlreiz vai norādiet ilgāku --wait laiku, piemēram, --wait 1m",
		"duckdb.start":          "nevar palaist DuckDB: %[1]v",
		"evaluate.json":         "evaluate: nevar ierakstīt JSON: %[1]v; ziņojiet par to",
		"init.example":          "nevar ierakstīt parauga projektu mapē %[1]s: %[2]v; pārbaudiet mapes atļaujas un brīvo vietu",
		"lint.write":            "lint: nevar izvadīt piezīmes: %[1]v",
		"store.copy_read":       "datu krātuve %[1]s: to nevar nolasīt, lai izveidotu kopiju: %[2]v",
		"store.copy_make":       "datu krātuve %[1]s: nevar izveidot kopiju %[2]s: %[3]v; pārbaudiet brīvo vietu un mapes atļaujas",
		"store.copy":            "datu krātuve %[1]s: to nevar nokopēt uz %[2]s: %[3]v; pārbaudiet brīvo vietu",
	},
}

var _ = mergeInto(cliCatalogue, cliStore)
