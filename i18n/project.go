package i18n

import (
	"regexp"
	"strconv"
)

// projectMessages holds what the project loader says about impact.yaml,
// keyed by the English message with fmt's verbs, as the loader writes it;
// each value is the message in Swedish and in Latvian. Arguments are the
// user's text (keys, ids, values as written) or a word of projectWords.
var projectMessages = map[string][2]string{
	// The shape of a value.
	"%s must be a list, found %s": {
		"%[1]s ska vara en lista, men är %[2]s",
		"%[1]s jābūt sarakstam, bet atrasts: %[2]s"},
	"%s must be a list (each entry starting with \"- \"), found %s": {
		"%[1]s ska vara en lista (varje post börjar med \"- \"), men är %[2]s",
		"%[1]s jābūt sarakstam (katrs ieraksts sākas ar \"- \"), bet atrasts: %[2]s"},
	"%s must be a mapping (key: value), found %s": {
		"%[1]s ska vara en samling nycklar (nyckel: värde), men är %[2]s",
		"%[1]s jābūt atslēgu kopai (atslēga: vērtība), bet atrasts: %[2]s"},
	"%s must be a single value, found %s": {
		"%[1]s ska vara ett enda värde, men är %[2]s",
		"%[1]s jābūt vienai vērtībai, bet atrasts: %[2]s"},
	"%s must be a whole number, found %s": {
		"%[1]s ska vara ett heltal, men är %[2]s",
		"%[1]s jābūt veselam skaitlim, bet atrasts: %[2]s"},
	"%s must be a whole number, found %q": {
		"%[1]s ska vara ett heltal, men är %[2]q",
		"%[1]s jābūt veselam skaitlim, bet atrasts: %[2]q"},
	"%s must be a number (with a decimal point, as 0.4), found %s": {
		"%[1]s ska vara ett tal (med decimalpunkt, som 0.4), men är %[2]s",
		"%[1]s jābūt skaitlim (ar decimālpunktu, piemēram, 0.4), bet atrasts: %[2]s"},
	"%s must be true or false, found %s": {
		"%[1]s ska vara true eller false, men är %[2]s",
		"%[1]s jābūt true vai false, bet atrasts: %[2]s"},
	"%s must be a date (YYYY-MM-DD), found %s": {
		"%[1]s ska vara ett datum (ÅÅÅÅ-MM-DD), men är %[2]s",
		"%[1]s jābūt datumam (GGGG-MM-DD), bet atrasts: %[2]s"},
	"%s: %q is not a date; write it as YYYY-MM-DD, for example 2025-03-12": {
		"%[1]s: %[2]q är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2025-03-12",
		"%[1]s: %[2]q nav datums; rakstiet to formā GGGG-MM-DD, piemēram, 2025-03-12"},
	"%s must be a number or {value: …, date: …, source: …}, found %s": {
		"%[1]s ska vara ett tal eller {value: …, date: …, source: …}, men är %[2]s",
		"%[1]s jābūt skaitlim vai {value: …, date: …, source: …}, bet atrasts: %[2]s"},
	"%s has no value; add value: followed by the baseline figure": {
		"%[1]s saknar värde; lägg till value: följt av utgångsvärdet",
		"%[1]s nav vērtības; pievienojiet value: un aiz tā sākumvērtību"},
	"%s must be a number or {low: …, mid: …, high: …}, found %s": {
		"%[1]s ska vara ett tal eller {low: …, mid: …, high: …}, men är %[2]s",
		"%[1]s jābūt skaitlim vai {low: …, mid: …, high: …}, bet atrasts: %[2]s"},
	"%s has no %s; give low, mid and high, or one number": {
		"%[1]s saknar %[2]s; ange low, mid och high, eller ett enda tal",
		"%[1]s trūkst %[2]s; norādiet low, mid un high vai vienu skaitli"},
	"%s must list single values, found %s": {
		"%[1]s ska räkna upp enstaka värden, men innehåller %[2]s",
		"%[1]s jāuzskaita atsevišķas vērtības, bet atrasts: %[2]s"},
	"%s must map each answer value to its words, as {1: [Aldrig, None of the time], 5: [Hela tiden, All of the time]}; found %s": {
		"%[1]s ska ge varje svarsvärde dess ord, som {1: [Aldrig, None of the time], 5: [Hela tiden, All of the time]}; men är %[2]s",
		"%[1]s katrai atbildes vērtībai jāpiešķir tās vārdi, piemēram, {1: [Aldrig, None of the time], 5: [Hela tiden, All of the time]}; atrasts: %[2]s"},
	// Keys.
	"unknown key %q in %s; did you mean %q?": {
		"okänd nyckel %[1]q i %[2]s; menade du %[3]q?",
		"nezināma atslēga %[1]q sadaļā %[2]s; vai domājāt %[3]q?"},
	"unknown key %q in the top level; did you mean %q?": {
		"okänd nyckel %[1]q på filens översta nivå; menade du %[2]q?",
		"nezināma atslēga %[1]q faila augšējā līmenī; vai domājāt %[2]q?"},
	"unknown key %q in the top level; the keys here are: %s": {
		"okänd nyckel %[1]q på filens översta nivå; här finns nycklarna: %[2]s",
		"nezināma atslēga %[1]q faila augšējā līmenī; šeit derīgās atslēgas: %[2]s"},
	"the key %q is written twice in the top level; keep one": {
		"nyckeln %[1]q står två gånger på filens översta nivå; behåll en",
		"atslēga %[1]q faila augšējā līmenī ierakstīta divreiz; atstājiet vienu"},
	"unknown key %q in %s; the keys here are: %s": {
		"okänd nyckel %[1]q i %[2]s; här finns nycklarna: %[3]s",
		"nezināma atslēga %[1]q sadaļā %[2]s; šeit derīgās atslēgas: %[3]s"},
	"the key %q is written twice in %s; keep one": {
		"nyckeln %[1]q står två gånger i %[2]s; behåll en",
		"atslēga %[1]q sadaļā %[2]s ierakstīta divreiz; atstājiet vienu"},
	"%q is read as a key because inside {…} a comma ends a value; if it belongs to %s, put the whole text in quotes: %s: \"%s, %s\"": {
		"%[1]q läses som en nyckel eftersom ett kommatecken avslutar ett värde inom {…}; hör det till %[2]s, sätt hela texten inom citattecken: %[3]s: \"%[4]s, %[5]s\"",
		"%[1]q tiek nolasīts kā atslēga, jo iekavās {…} komats beidz vērtību; ja tas pieder pie %[2]s, ielieciet visu tekstu pēdiņās: %[3]s: \"%[4]s, %[5]s\""},
	"unknown key %q in %s; a range has only from and to": {
		"okänd nyckel %[1]q i %[2]s; ett intervall har bara from och to",
		"nezināma atslēga %[1]q sadaļā %[2]s; intervālam ir tikai from un to"},
	"%s is an empty range; give from:, to: or both": {
		"%[1]s är ett tomt intervall; ange from:, to: eller båda",
		"%[1]s ir tukšs intervāls; norādiet from:, to: vai abus"},
	// The file as a whole.
	"the project file is empty; start from impact init, which writes a commented one": {
		"projektfilen är tom; börja med impact init, som skriver en med kommentarer",
		"projekta fails ir tukšs; sāciet ar impact init, kas izveido failu ar komentāriem"},
	"this is not valid YAML: %s; check the indentation and that every text with a colon is in quotes": {
		"detta är inte giltig YAML: %[1]s; kontrollera indraget och att varje text med kolon står inom citattecken",
		"tas nav derīgs YAML: %[1]s; pārbaudiet atkāpes un to, vai katrs teksts ar kolu ir pēdiņās"},
	"this is not valid YAML: a text holds \": \" (a colon and a space) without quotes; put the whole text in quotes, as name: \"Nätverksträff 1: Välkommen\", or check the indentation": {
		"detta är inte giltig YAML: en text innehåller \": \" (kolon och mellanslag) utan citattecken; sätt hela texten inom citattecken, som name: \"Nätverksträff 1: Välkommen\", eller kontrollera indraget",
		"tas nav derīgs YAML: tekstā ir \": \" (kols un atstarpe) bez pēdiņām; ielieciet visu tekstu pēdiņās, piemēram, name: \"Tīklošanās tikšanās 1: Laipni lūdzam\", vai pārbaudiet atkāpes"},
	"%s does not exist; run impact init %s to make a project there": {
		"%[1]s finns inte; kör impact init %[2]s för att skapa ett projekt där",
		"%[1]s neeksistē; palaidiet impact init %[2]s, lai tur izveidotu projektu"},
	"cannot read %s: %v": {
		"kan inte läsa %[1]s: %[2]v",
		"nevar nolasīt %[1]s: %[2]v"},
	"no %s in %s or any folder above it; run impact init to make one, or give --project DIR": {
		"ingen %[1]s i %[2]s eller någon mapp ovanför; kör impact init för att skapa en, eller ange --project MAPP",
		"%[2]s un augstākajās mapēs nav %[1]s; izveidojiet to ar impact init vai norādiet --project MAPE"},
	"%s is %.1f MB, more than the %d MiB a project file may be; it holds the plan (goals, indicators, sources), never data: put data in files listed under sources:": {
		"%[1]s är %.1[2]f MB, mer än de %[3]d MiB en projektfil får vara; den innehåller planen (mål, indikatorer, källor), aldrig data: lägg data i filer som listas under sources:",
		"%[1]s ir %.1[2]f MB, vairāk nekā %[3]d MiB, ko drīkst aizņemt projekta fails; tajā ir plāns (mērķi, rādītāji, avoti), nekad dati: datus glabājiet failos, kas uzskaitīti sadaļā sources:"},
	"indicators: %d indicators, more than the %d a project may have; measure the goals that matter, or split the plan into several projects": {
		"indicators: %[1]d indikatorer, fler än de %[2]d ett projekt får ha; mät de mål som betyder något, eller dela planen i flera projekt",
		"indicators: %[1]d rādītāji, vairāk nekā %[2]d, kas atļauti vienam projektam; mēriet svarīgākos mērķus vai sadaliet plānu vairākos projektos"},
	"the project file expands to more than %d values (anchors and aliases repeated inside each other); write the values out, or use fewer aliases": {
		"projektfilen växer till mer än %[1]d värden (ankare och alias upprepade inuti varandra); skriv ut värdena, eller använd färre alias",
		"projekta fails izvēršas vairāk nekā %[1]d vērtībās (enkuri un aizstājvārdi atkārtoti cits citā); izrakstiet vērtības vai lietojiet mazāk aizstājvārdu"},
	"and %d more problems; fix these first": {
		"och %[1]d problem till; rätta dessa först",
		"un vēl %[1]d problēmas; vispirms izlabojiet šīs"},
	// The project section.
	"missing; put version: 1 at the top of the file": {
		"saknas; skriv version: 1 överst i filen",
		"trūkst; faila sākumā ierakstiet version: 1"},
	"%d is not a version this impact reads; write version: 1": {
		"%[1]d är ingen version som den här impact läser; skriv version: 1",
		"%[1]d nav versija, ko šī impact versija lasa; rakstiet version: 1"},
	"missing; add a project: section with at least id:": {
		"saknas; lägg till en project:-del med minst id:",
		"trūkst; pievienojiet sadaļu project: ar vismaz id:"},
	"missing; give the project an id of lower-case letters, digits and -, such as boden-2025": {
		"saknas; ge projektet ett id av små bokstäver, siffror och -, som boden-2025",
		"trūkst; piešķiriet projektam id no mazajiem burtiem, cipariem un -, piemēram, boden-2025"},
	"%q may hold only lower-case letters a-z, digits and -; for example %q": {
		"%[1]q får bara innehålla små bokstäver a-z, siffror och -; till exempel %[2]q",
		"%[1]q drīkst saturēt tikai mazos burtus a-z, ciparus un -; piemēram, %[2]q"},
	"%g is not a confidence level; use a share between 0.5 and 1, such as 0.95": {
		"%[1]g är ingen konfidensnivå; använd en andel mellan 0.5 och 1, som 0.95",
		"%[1]g nav ticamības līmenis; norādiet daļu no 0.5 līdz 1, piemēram, 0.95"},
	"%d is too small; groups smaller than min_cell are hidden, so use at least 1 (5 is usual)": {
		"%[1]d är för litet; grupper mindre än min_cell döljs, så använd minst 1 (5 är vanligt)",
		"%[1]d ir par maz; grupas, kas mazākas par min_cell, tiek slēptas, tāpēc norādiet vismaz 1 (parasti 5)"},
	"%d is too small; no interval can be drawn from fewer than 2 answers, so use at least 2 (5 is usual)": {
		"%[1]d är för litet; inget intervall kan beräknas från färre än 2 svar, så använd minst 2 (5 är vanligt)",
		"%[1]d ir par maz; no mazāk nekā 2 atbildēm intervālu aprēķināt nevar, tāpēc norādiet vismaz 2 (parasti 5)"},
	"%q is not a language impact speaks; use one of %s": {
		"%[1]q är inget språk som impact talar; använd något av %[2]s",
		"%[1]q nav valoda, kurā runā impact; izmantojiet kādu no: %[2]s"},
	"%s is before the start %s; swap them": {
		"%[1]s ligger före starten %[2]s; byt plats på dem",
		"%[1]s ir pirms sākuma %[2]s; samainiet tos vietām"},
	"%q is not a known role%s; use one of %s": {
		"%[1]q är ingen känd roll%[2]s; använd någon av %[3]s",
		"%[1]q nav zināma loma%[2]s; izmantojiet kādu no: %[3]s"},
	// Ids and references.
	" (did you mean %q?)": {
		" (menade du %[1]q?)",
		" (vai domājāt %[1]q?)"},
	"this %s has no id; add id: with a short name to refer to it by": {
		"%[1]s utan id; lägg till id: med ett kort namn att hänvisa till",
		"%[1]s bez id; pievienojiet id: ar īsu nosaukumu, ar ko uz to atsaukties"},
	"%q may hold only letters, digits, _ and -, at most %d characters": {
		"%[1]q får bara innehålla bokstäver, siffror, _ och -, högst %[2]d tecken",
		"%[1]q drīkst saturēt tikai burtus, ciparus, _ un -, ne vairāk kā %[2]d rakstzīmes"},
	"another %s already has the id %q; give each a different id": {
		"id %[2]q finns redan (%[1]s); ge var och en ett eget id",
		"id %[2]q jau ir piešķirts (%[1]s); piešķiriet katram savu id"},
	"%q names a %s, but the project has none; add it or remove %s": {
		"%[1]q hänvisar till något av typen %[2]s, men projektet har inget sådant; lägg till det eller ta bort %[3]s",
		"%[1]q ir atsauce (%[2]s), bet projektā tādu nav; pievienojiet to vai izņemiet %[3]s"},
	"no %s is called %q%s; known: %s": {
		"%[1]s %[2]q finns inte%[3]s; kända: %[4]s",
		"%[1]s %[2]q neeksistē%[3]s; zināmie: %[4]s"},
	"%q is not a known %s%s; use one of %s": {
		"%[1]q är inget tillåtet värde för %[2]s%[3]s; använd något av %[4]s",
		"%[1]q nav atļauta vērtība (%[2]s)%[3]s; izmantojiet kādu no: %[4]s"},
	"%s column": {
		"kolumn i %[1]s",
		"%[1]s kolonna"},
	// The theory of change.
	"node %q has no level; use one of %s": {
		"noden %[1]q saknar nivå; använd någon av %[2]s",
		"mezglam %[1]q nav līmeņa; izmantojiet kādu no: %[2]s"},
	"the edge from %s %q down to %s %q goes against the theory of change, which runs activity → output → outcome → impact; turn it around or change a level": {
		"kanten från %[1]s %[2]q ner till %[3]s %[4]q går mot förändringsteorin, som går aktivitet → prestation → resultat → effekt; vänd på den eller ändra en nivå",
		"saikne no %[1]s %[2]q lejup uz %[3]s %[4]q ir pretēja pārmaiņu teorijai, kas virzās aktivitāte → iznākums → rezultāts → ietekme; apgrieziet to vai mainiet līmeni"},
	"node %q leads to itself; remove %q from its from: list": {
		"noden %[1]q leder till sig själv; ta bort %[2]q ur dess from:-lista",
		"mezgls %[1]q ved pats uz sevi; izņemiet %[2]q no tā from: saraksta"},
	"the nodes form a circle (%s); a theory of change must lead from activities to impact without returning, so remove one of these edges": {
		"noderna bildar en cirkel (%[1]s); en förändringsteori ska leda från aktiviteter till effekt utan att gå tillbaka, så ta bort en av dessa kanter",
		"mezgli veido apli (%[1]s); pārmaiņu teorijai jāved no aktivitātēm uz ietekmi bez atgriešanās, tāpēc izņemiet vienu no šīm saiknēm"},
	// Instruments.
	"the built-in instrument %s fixes its %s; remove %s: or drop builtin: and describe the instrument yourself": {
		"det inbyggda instrumentet %[1]s bestämmer själv sitt %[2]s; ta bort %[3]s: eller ta bort builtin: och beskriv instrumentet själv",
		"iebūvētais instruments %[1]s pats nosaka savu %[2]s; izņemiet %[3]s: vai izņemiet builtin: un aprakstiet instrumentu paši"},
	"instrument %q lists no items; add items: [item1, item2, …] with the column names of its questions": {
		"instrumentet %[1]q listar inga frågor; lägg till items: [fraga1, fraga2, …] med frågornas kolumnnamn",
		"instrumentā %[1]q nav uzskaitīts neviens jautājums; pievienojiet items: [jautajums1, jautajums2, …] ar jautājumu kolonnu nosaukumiem"},
	"the item %q is listed twice": {
		"frågan %[1]q står två gånger",
		"jautājums %[1]q uzskaitīts divreiz"},
	"instrument %q has no scale; add scale: {min: 1, max: 5} with the lowest and highest answer": {
		"instrumentet %[1]q saknar skala; lägg till scale: {min: 1, max: 5} med lägsta och högsta svar",
		"instrumentam %[1]q nav skalas; pievienojiet scale: {min: 1, max: 5} ar zemāko un augstāko atbildi"},
	"min %g is not below max %g": {
		"min %[1]g är inte lägre än max %[2]g",
		"min %[1]g nav mazāks par max %[2]g"},
	// Indicators and their measures.
	"missing; give the goal a name people will recognise": {
		"saknas; ge målet ett namn som människor känner igen",
		"trūkst; piešķiriet mērķim nosaukumu, ko cilvēki atpazīs"},
	"%d is not a number of people; give the planned number measured, at least 1": {
		"%[1]d är inget antal personer; ange hur många som planeras mätas, minst 1",
		"%[1]d nav cilvēku skaits; norādiet plānoto mērāmo cilvēku skaitu, vismaz 1"},
	"%s is outside the project period %s to %s; move it inside or extend the period": {
		"%[1]s ligger utanför projektperioden %[2]s till %[3]s; flytta in det eller förläng perioden",
		"%[1]s ir ārpus projekta perioda no %[2]s līdz %[3]s; pārceliet to periodā vai pagariniet periodu"},
	"missing; say how the goal is measured, for example measure: {kind: count, source: attendance}": {
		"saknas; ange hur målet mäts, till exempel measure: {kind: count, source: attendance}",
		"trūkst; norādiet, kā mērķi mēra, piemēram, measure: {kind: count, source: attendance}"},
	"missing; use one of %s": {
		"saknas; använd något av %[1]s",
		"trūkst; izmantojiet kādu no: %[1]s"},
	"missing; name the data the %s is counted from: %s": {
		"saknas; ange vilka data %[1]s räknas från: %[2]s",
		"trūkst; norādiet datus, no kuriem aprēķina %[1]s: %[2]s"},
	"missing; say what counts as a success, for example success: {status: [employed, studying]}": {
		"saknas; ange vad som räknas som en framgång, till exempel success: {status: [employed, studying]}",
		"trūkst; norādiet, kas skaitās sekmīgs iznākums, piemēram, success: {status: [employed, studying]}"},
	"a mean needs instrument: (a survey scale) or column: (a numeric column of %s)": {
		"ett medelvärde behöver instrument: (en enkätskala) eller column: (en numerisk kolumn i %[1]s)",
		"vidējai vērtībai vajag instrument: (aptaujas skalu) vai column: (skaitlisku %[1]s kolonnu)"},
	"give instrument: or column:, not both": {
		"ange instrument: eller column:, inte båda",
		"norādiet instrument: vai column:, ne abus"},
	"%q does not hold numbers, so it has no mean; pick a numeric column": {
		"%[1]q innehåller inte tal och har därför inget medelvärde; välj en numerisk kolumn",
		"%[1]q nesatur skaitļus, tāpēc tai nav vidējās vērtības; izvēlieties skaitlisku kolonnu"},
	"missing; a paired change compares an instrument's scores, so name it": {
		"saknas; en parad förändring jämför ett instruments poäng, så ange det",
		"trūkst; pāru izmaiņas salīdzina instrumenta punktus, tāpēc norādiet to"},
	"pre and post are both %q; a change needs two different waves": {
		"pre och post är båda %[1]q; en förändring behöver två olika vågor",
		"pre un post abi ir %[1]q; izmaiņām vajag divus dažādus viļņus"},
	"missing; a ratio needs a numerator and a denominator, each a count measure or a count indicator's id": {
		"saknas; en kvot behöver en täljare och en nämnare, var och en ett antalsmått eller id:t för en antalsindikator",
		"trūkst; attiecībai vajag skaitītāju un saucēju, katru kā skaita mēru vai skaita rādītāja id"},
	"the indicator refers to itself": {
		"indikatorn hänvisar till sig själv",
		"rādītājs atsaucas pats uz sevi"},
	"%q is a %s, but a ratio divides counts; name a count indicator or write a count measure here": {
		"%[1]q är av typen %[2]s, men en kvot delar antal; ange en antalsindikator eller skriv ett antalsmått här",
		"%[1]q ir veids %[2]s, bet attiecība dala skaitus; norādiet skaita rādītāju vai ierakstiet šeit skaita mēru"},
	"a ratio divides counts, so its %s must have kind: count": {
		"en kvot delar antal, så dess %[1]s måste ha kind: count",
		"attiecība dala skaitus, tāpēc tās %[1]s jābūt kind: count"},
	"missing; name the indicator whose count or successes the cost is divided by": {
		"saknas; ange indikatorn vars antal eller framgångar kostnaden delas med",
		"trūkst; norādiet rādītāju, kura skaits vai sekmīgie iznākumi dala izmaksas"},
	"the indicator refers to itself; name another indicator": {
		"indikatorn hänvisar till sig själv; ange en annan indikator",
		"rādītājs atsaucas pats uz sevi; norādiet citu rādītāju"},
	"%q is not a municipality code; write the four digits in quotes, such as \"2582\"": {
		"%[1]q är ingen kommunkod; skriv de fyra siffrorna inom citattecken, som \"2582\"",
		"%[1]q nav pašvaldības kods; ierakstiet četrus ciparus pēdiņās, piemēram, \"2582\""},
	"a kpi measure reads Kolada figures; leave source: out or write source: kpi": {
		"ett kpi-mått läser Koladas nyckeltal; utelämna source: eller skriv source: kpi",
		"kpi mērs nolasa Kolada rādītājus; izlaidiet source: vai rakstiet source: kpi"},
	"missing; name the Kolada key figure to follow, such as kpi: N00914": {
		"saknas; ange vilket nyckeltal i Kolada som ska följas, som kpi: N00914",
		"trūkst; norādiet Kolada rādītāju, kam sekot, piemēram, kpi: N00914"},
	"missing; give the municipality's code, such as municipality: \"2582\", or project.municipality.code": {
		"saknas; ange kommunens kod, som municipality: \"2582\", eller project.municipality.code",
		"trūkst; norādiet pašvaldības kodu, piemēram, municipality: \"2582\", vai project.municipality.code"},
	// Costs and value.
	"missing; say whether the cost is budget or actual": {
		"saknas; ange om kostnaden är budget eller utfall (budget eller actual)",
		"trūkst; norādiet, vai izmaksas ir plānotas vai faktiskas (budget vai actual)"},
	"give amount:, or hours: and rate: (the amount is then hours × rate)": {
		"ange amount:, eller hours: och rate: (beloppet blir då timmar × timpris)",
		"norādiet amount: vai hours: un rate: (summa tad ir stundas × likme)"},
	"%g is negative; costs are written as positive figures": {
		"%[1]g är negativt; kostnader skrivs som positiva tal",
		"%[1]g ir negatīvs; izmaksas raksta kā pozitīvus skaitļus"},
	"%g is not a yearly rate; write it as a share, such as 0.035 for 3.5 %%": {
		"%[1]g är ingen årlig ränta; skriv den som en andel, som 0.035 för 3,5 %%",
		"%[1]g nav gada likme; rakstiet to kā daļu, piemēram, 0.035 nozīmē 3,5%%"},
	"missing; name the indicator whose successes this proxy values": {
		"saknas; ange indikatorn vars framgångar detta schablonvärde värderar",
		"trūkst; norādiet rādītāju, kura sekmīgos iznākumus šis aizstājējrādītājs novērtē"},
	"%q is a %s; only the successes of a proportion or a count can be valued": {
		"%[1]q är av typen %[2]s; bara framgångar i en andel eller ett antal kan värderas",
		"%[1]q ir veids %[2]s; novērtēt var tikai daļas vai skaita sekmīgos iznākumus"},
	"missing; give what one outcome is worth per year, as a number or {low, mid, high}": {
		"saknas; ange vad ett utfall är värt per år, som ett tal eller {low, mid, high}",
		"trūkst; norādiet, cik gadā ir vērts viens rezultāts, kā skaitli vai {low, mid, high}"},
	"%d is not a number of years the value lasts; use 1 to 50": {
		"%[1]d är inget antal år som värdet varar; använd 1 till 50",
		"%[1]d nav gadu skaits, cik ilgi vērtība saglabājas; norādiet no 1 līdz 50"},
	"low %g, mid %g and high %g are not in order; low ≤ mid ≤ high": {
		"low %[1]g, mid %[2]g och high %[3]g står inte i ordning; low ≤ mid ≤ high",
		"low %[1]g, mid %[2]g un high %[3]g nav pareizā secībā; low ≤ mid ≤ high"},
	"is a share and must lie between 0 and 1 (0.3 for 30 %%)": {
		"är en andel och måste ligga mellan 0 och 1 (0.3 för 30 %%)",
		"ir daļa, un tai jābūt no 0 līdz 1 (0.3 nozīmē 30%%)"},
	"%g is negative; a value per outcome is a positive amount": {
		"%[1]g är negativt; ett värde per utfall är ett positivt belopp",
		"%[1]g ir negatīvs; vērtība uz vienu rezultātu ir pozitīva summa"},
	"%s is before from %s; swap them": {
		"%[1]s ligger före from %[2]s; byt plats på dem",
		"%[1]s ir pirms from %[2]s; samainiet tos vietām"},
	"%g is negative; give the yearly cost as a positive amount": {
		"%[1]g är negativt; ange årskostnaden som ett positivt belopp",
		"%[1]g ir negatīvs; norādiet gada izmaksas kā pozitīvu summu"},
	// Sources and the memo.
	"missing; give the data file's path, relative to impact.yaml": {
		"saknas; ange datafilens sökväg, relativt impact.yaml",
		"trūkst; norādiet datu faila ceļu attiecībā pret impact.yaml"},
	"%s is listed twice; list each file once": {
		"%[1]s står två gånger; lista varje fil en gång",
		"%[1]s uzskaitīts divreiz; uzskaitiet katru failu vienreiz"},
	"missing; say what the file holds: %s": {
		"saknas; ange vad filen innehåller: %[1]s",
		"trūkst; norādiet, kas ir failā: %[1]s"},
	"%q leads out of the project folder; keep data files inside it (in data/), or name a file elsewhere by its absolute path": {
		"%[1]q leder ut ur projektmappen; håll datafilerna i den (i data/), eller ange en fil på annat ställe med dess absoluta sökväg",
		"%[1]q ved ārpus projekta mapes; glabājiet datu failus tajā (mapē data/) vai norādiet citur esošu failu ar pilnu ceļu"},
	"missing; continue_with_changes needs the changes, such as changes: [\"Jobbmarknaden flyttas till våren\"]": {
		"saknas; continue_with_changes behöver ändringarna, som changes: [\"Jobbmarknaden flyttas till våren\"]",
		"trūkst; continue_with_changes vajag izmaiņas, piemēram, changes: [\"Darba tirgus pasākums tiek pārcelts uz pavasari\"]"},
	"is given but decision is %s; write decision: continue_with_changes or remove changes": {
		"är angivet men decision är %[1]s; skriv decision: continue_with_changes eller ta bort changes",
		"ir norādīts, bet decision ir %[1]s; rakstiet decision: continue_with_changes vai izņemiet changes"},
	"missing; give the Kolada key figure's id, such as N00914": {
		"saknas; ange id för nyckeltalet i Kolada, som N00914",
		"trūkst; norādiet Kolada rādītāja id, piemēram, N00914"},
	"%s is listed twice; list each key figure once": {
		"%[1]s står två gånger; lista varje nyckeltal en gång",
		"%[1]s uzskaitīts divreiz; uzskaitiet katru rādītāju vienreiz"},
	"%q is not a municipality code; write the four digits in quotes, such as \"0000\" for the country": {
		"%[1]q är ingen kommunkod; skriv de fyra siffrorna inom citattecken, som \"0000\" för hela landet",
		"%[1]q nav pašvaldības kods; ierakstiet četrus ciparus pēdiņās, piemēram, \"0000\" visai valstij"},
	// Comparisons, exports' settings and survey texts.
	"names no one; give cohort: or target_group: of the people to compare with": {
		"anger ingen; ange cohort: eller target_group: för de personer som ska jämföras med",
		"nenorāda nevienu; norādiet cohort: vai target_group: cilvēkiem, ar kuriem salīdzināt"},
	"has both cohort: and target_group:; keep the one that names the comparison people": {
		"har både cohort: och target_group:; behåll den som anger jämförelsegruppen",
		"ir gan cohort:, gan target_group:; atstājiet to, kas norāda salīdzināmos cilvēkus"},
	"%q is the indicator's own target group; compare with another one": {
		"%[1]q är indikatorns egen målgrupp; jämför med en annan",
		"%[1]q ir paša rādītāja mērķgrupa; salīdziniet ar citu"},
	"a %s has no comparison group; compare a proportion, mean or paired_change (%s)": {
		"ett mått av typen %[1]s har ingen jämförelsegrupp; jämför en proportion, mean eller paired_change (%[2]s)",
		"mēram ar veidu %[1]s nav salīdzinājuma grupas; salīdziniet proportion, mean vai paired_change (%[2]s)"},
	"%s.id: missing; give the item's id, as {id: jt1, text: {sv: \"…\", en: \"…\"}}": {
		"%[1]s.id: saknas; ange frågans id, som {id: jt1, text: {sv: \"…\", en: \"…\"}}",
		"%[1]s.id: trūkst; norādiet jautājuma id, piemēram, {id: jt1, text: {sv: \"…\", en: \"…\"}}"},
	"%q is not an answer value; the keys of labels: are the numbers of the scale": {
		"%[1]q är inget svarsvärde; nycklarna i labels: är skalans tal",
		"%[1]q nav atbildes vērtība; labels: atslēgas ir skalas skaitļi"},
	"is empty; give a regular expression such as 'BD\\d{4}', or remove participant_id:": {
		"är tomt; ange ett reguljärt uttryck som 'BD\\d{4}', eller ta bort participant_id:",
		"ir tukšs; norādiet regulāro izteiksmi, piemēram, 'BD\\d{4}', vai izņemiet participant_id:"},
	"%q is not a regular expression (%v); write it as 'BD\\d{4}' (letters, then \\d{4} for four digits)": {
		"%[1]q är inget reguljärt uttryck (%[2]v); skriv det som 'BD\\d{4}' (bokstäver, sedan \\d{4} för fyra siffror)",
		"%[1]q nav regulāra izteiksme (%[2]v); rakstiet to kā 'BD\\d{4}' (burti, tad \\d{4} četriem cipariem)"},
	"missing; give the category an id, such as childcare": {
		"saknas; ge kategorin ett id, som childcare",
		"trūkst; piešķiriet kategorijai id, piemēram, childcare"},
	"%q is already a cost category; give another id, or add the words as synonyms of it": {
		"%[1]q är redan en kostnadskategori; ge ett annat id, eller lägg till orden som synonymer till den",
		"%[1]q jau ir izmaksu kategorija; piešķiriet citu id vai pievienojiet vārdus kā tās sinonīmus"},
	"the text of %q belongs to no item": {
		"texten till %[1]q hör inte till någon fråga",
		"%[1]q teksts nepieder nevienam jautājumam"},
	"the label of %g is outside the scale %g–%g": {
		"etiketten för %[1]g ligger utanför skalan %[2]g–%[3]g",
		"vērtības %[1]g nosaukums ir ārpus skalas %[2]g–%[3]g"},
	"the value %g has no words; give them as [Svenska, English]": {
		"värdet %[1]g saknar ord; ange dem som [Svenska, English]",
		"vērtībai %[1]g nav vārdu; norādiet tos kā [Svenska, English]"},
	// impact init's files, and the frame of an error impact did not expect.
	"cannot make the project folder %s: %v; check the path and its permissions": {
		"kan inte skapa projektmappen %[1]s: %[2]v; kontrollera sökvägen och behörigheterna",
		"nevar izveidot projekta mapi %[1]s: %[2]v; pārbaudiet ceļu un piekļuves tiesības"},
	"cannot make %s: %v; check the folder's permissions": {
		"kan inte skapa %[1]s: %[2]v; kontrollera mappens behörigheter",
		"nevar izveidot %[1]s: %[2]v; pārbaudiet mapes piekļuves tiesības"},
	"cannot write %s: %v; check the folder's permissions": {
		"kan inte skriva %[1]s: %[2]v; kontrollera mappens behörigheter",
		"nevar ierakstīt %[1]s: %[2]v; pārbaudiet mapes piekļuves tiesības"},
	"cannot write %s: %v": {
		"kan inte skriva %[1]s: %[2]v",
		"nevar ierakstīt %[1]s: %[2]v"},
	"internal error: %s (run again with IMPACT_DEBUG=1 for details, and report it)": {
		"internt fel: %[1]s (kör igen med IMPACT_DEBUG=1 för detaljer, och rapportera det)",
		"iekšēja kļūda: %[1]s (palaidiet vēlreiz ar IMPACT_DEBUG=1, lai redzētu sīkāk, un ziņojiet par to)"},
	"the disk is full: %s; nothing was left half-written: free some space, or write to another disk, and run again": {
		"disken är full: %[1]s; inget lämnades halvskrivet: frigör utrymme, eller skriv till en annan disk, och kör igen",
		"disks ir pilns: %[1]s; nekas netika atstāts pusierakstīts: atbrīvojiet vietu vai rakstiet citā diskā un palaidiet vēlreiz"},
	"stopped by Ctrl-C or a stop signal before the end; what was being written was left out whole (the store keeps its last complete state): run the command again": {
		"stoppad med Ctrl-C eller en stoppsignal före slutet; det som skrevs lämnades helt utanför (lagret behåller sitt senaste kompletta tillstånd): kör kommandot igen",
		"apturēts ar Ctrl-C vai apturēšanas signālu pirms beigām; tas, kas tika rakstīts, pilnībā izlaists (krātuve saglabā savu pēdējo pilnīgo stāvokli): palaidiet komandu vēlreiz"},
	// The command line's frame of the loader's warnings.
	"warning: %s": {
		"varning: %[1]s",
		"brīdinājums: %[1]s"},

	// Saving a source's columns from the upload page into the project
	// file (editsource.go).
	"cannot read the project file %s: %v": {
		"kan inte läsa projektfilen %[1]s: %[2]v",
		"nevar nolasīt projekta failu %[1]s: %[2]v"},
	"%s cannot be edited: it is not a YAML mapping; correct it in an editor": {
		"%[1]s kan inte redigeras: filen är ingen YAML-samling av nycklar (nyckel: värde); rätta den i en textredigerare",
		"failu %[1]s nevar rediģēt: tā nav YAML atslēgu kopa (atslēga: vērtība); izlabojiet to teksta redaktorā"},
	"cannot write the project file %s: %v": {
		"kan inte skriva projektfilen %[1]s: %[2]v",
		"nevar ierakstīt projekta failu %[1]s: %[2]v"},
	"the columns cannot be saved: the project file would not load: %s": {
		"kolumnerna kan inte sparas: projektfilen skulle inte gå att läsa in: %[1]s",
		"kolonnas nevar saglabāt: projekta failu pēc tam nevarētu ielādēt: %[1]s"},
	"cannot write next to %s: %v": {
		"kan inte skriva bredvid %[1]s: %[2]v",
		"nevar ierakstīt blakus failam %[1]s: %[2]v"},
}

// projectWords are the nouns and phrases the loader passes as arguments:
// the kind of thing an id names, what a value was found to be. Each is
// written to stand on its own (in parentheses or after a colon), so that
// it needs no agreement with the words around it.
var projectWords = map[string][2]string{
	"a mapping (key: value)": {"en samling nycklar (nyckel: värde)", "atslēgu kopa (atslēga: vērtība)"},
	"a list":                 {"en lista", "saraksts"},
	"nothing":                {"tomt", "nekas"},
	"the file":               {"filen", "fails"},
	"partner":                {"partner", "partneris"},
	"target group":           {"målgrupp", "mērķgrupa"},
	"node":                   {"nod", "mezgls"},
	"level":                  {"nivå", "līmenis"},
	"horizon":                {"tidshorisont", "laika horizonts"},
	"assumption":             {"antagande", "pieņēmums"},
	"instrument":             {"instrument", "instruments"},
	"built-in instrument":    {"inbyggt instrument", "iebūvētais instruments"},
	"item":                   {"fråga", "jautājums"},
	"way to score":           {"sätt att räkna poäng", "punktu aprēķina veids"},
	"indicator":              {"indikator", "rādītājs"},
	"direction":              {"riktning", "virziens"},
	"frequency":              {"mätfrekvens", "mērīšanas biežums"},
	"dimension":              {"uppdelning", "dalījums"},
	"kind of measure":        {"typ av mått", "mēra veids"},
	"kind of data":           {"typ av data", "datu veids"},
	"wave":                   {"våg", "vilnis"},
	"cost category":          {"kostnadskategori", "izmaksu kategorija"},
	"kind of cost":           {"typ av kostnad", "izmaksu veids"},
	"kind of event":          {"typ av händelse", "pasākuma veids"},
	"decision":               {"beslut", "lēmums"},
	"Kolada gender (T total, K women, M men)": {"kön i Kolada (T totalt, K kvinnor, M män)", "dzimums Kolada datos (T kopā, K sievietes, M vīrieši)"},
}

// unindexed matches a fmt verb without an argument index, and %%.
var unindexed = regexp.MustCompile(`%%|%[-+# 0]*(?:\.\d+)?[a-zA-Z]`)

// indexed writes the verbs of an English format with argument indices, as
// the other languages write theirs.
func indexed(format string) string {
	n := 0
	return unindexed.ReplaceAllStringFunc(format, func(v string) string {
		if v == "%%" {
			return v
		}
		n++
		return "%" + v[1:len(v)-1] + "[" + strconv.Itoa(n) + "]" + v[len(v)-1:]
	})
}

// projectCatalogue is the project domain: the messages under their English
// format, the words under "word." and their English text.
var projectCatalogue = func() map[string]map[string]string {
	c := map[string]map[string]string{"en": {}, "sv": {}, "lv": {}}
	for key, m := range projectMessages {
		c["en"][key] = indexed(key)
		c["sv"][key], c["lv"][key] = m[0], m[1]
	}
	for w, m := range projectWords {
		c["en"]["word."+w] = w
		c["sv"]["word."+w], c["lv"]["word."+w] = m[0], m[1]
	}
	return c
}()
