package hub

// texts are the pages' words, Dutch first.
var texts = map[string][2]string{
	"skip":          {"Naar de inhoud", "Skip to content"},
	"home":          {"Start", "Home"},
	"brand":         {"Open-data-maturiteit", "Open data maturity"},
	"licence":       {"De gegevens zijn open data.", "The data are open data."},
	"statusTitle":   {"Oogst: de bronnen van deze hub", "Harvest: the sources of this hub"},
	"statusIntro":   {"Deze hub oogst de DCAT-catalogi van de instanties hieronder. Een bron die faalt, behoudt haar laatste goede gegevens; de hub probeert opnieuw, telkens na een langere pauze.", "This hub harvests the DCAT catalogs of the instances below. A source that fails keeps its last good data; the hub tries again, after a longer pause each time."},
	"source":        {"Bron", "Source"},
	"lastSuccess":   {"Laatste geslaagde oogst", "Last success"},
	"lastError":     {"Laatste fout", "Last error"},
	"nextAttempt":   {"Volgende poging", "Next attempt"},
	"datasets":      {"Datasets", "Datasets"},
	"graphs":        {"Grafen", "Graphs"},
	"triples":       {"Triples", "Triples"},
	"withdrawn":     {"Ingetrokken", "Withdrawn"},
	"lastRun":       {"Laatste poging: verzoeken (304) en bytes", "Last attempt: requests (304) and bytes"},
	"none":          {"geen", "none"},
	"ok":            {"in orde", "fine"},
	"failing":       {"faalt", "failing"},
	"failures":      {"mislukte pogingen op rij", "failures in a row"},
	"totals":        {"Samen", "Together"},
	"statusCaption": {"Bronnen met hun laatste oogst, fouten en wat de hub van hen bewaart", "Sources with their last harvest, errors and what the hub keeps of them"},
	"json":          {"Als JSON", "As JSON"},
	"csv":           {"Als CSV", "As CSV"},
	"datasetErrors": {"Datasets die niet opgehaald konden worden", "Datasets that could not be fetched"},
	"compareTitle":  {"Steden naast elkaar: maturiteit per domein", "Cities side by side: maturity per domain"},
	"compareIntro":  {"De scores van de geldende versie van de meest recente evaluatie van elke organisatie (of van het gekozen jaar), per domein van het maturiteitsmodel. Elk cijfer linkt naar de observatie waar het vandaan komt, bij de instantie van de stad zelf. Onderaan per domein de mediaan en de spreiding.", "The scores of the current version of each organisation's latest assessment (or of the year chosen), per domain of the maturity model. Every figure links to the observation it comes from, at the city's own instance. Below, per domain, the median and the spread."},
	"year":          {"Jaar", "Year"},
	"latest":        {"meest recente", "latest"},
	"province":      {"Provincie", "Province"},
	"allProvinces":  {"alle", "all"},
	"measure":       {"Score", "Score"},
	"maturiteit":    {"maturiteit", "maturity"},
	"nood":          {"nood", "need"},
	"kloof":         {"kloof (nood − maturiteit)", "gap (need − maturity)"},
	"show":          {"Toon", "Show"},
	"organisation":  {"Organisatie", "Organisation"},
	"nis":           {"NIS-code", "NIS code"},
	"median":        {"Mediaan", "Median"},
	"iqr":           {"Interkwartielbereik (Q1–Q3)", "Interquartile range (Q1–Q3)"},
	"range":         {"Bereik (min–max)", "Range (min–max)"},
	"count":         {"Aantal organisaties", "Organisations"},
	"noRows":        {"Geen evaluaties voor deze keuze.", "No assessments for this choice."},
	"caption":       {"%s per domein (schaal 1 tot 5), per organisatie", "%s per domain (scale 1 to 5), per organisation"},
	"captionGap":    {"%s per domein (verschil, −4 tot 4), per organisatie", "%s per domain (difference, −4 to 4), per organisation"},
	"name":          {"naam", "name"},
	"endpoint":      {"Zware vragen over alle steden stel je best aan het SPARQL-eindpunt", "Heavy queries over all cities are best sent to the SPARQL endpoint"},
	"endpointAfter": {": een kopie van alle gegevens van deze hub, bijgewerkt na elke oogst.", ": a copy of all of this hub's data, updated after every harvest."},
	"at":            {"bij", "at"},
	"observation":   {"observatie", "observation"},
	"provinceNote":  {"De provincie volgt uit de NIS-code: 11–13 Antwerpen, 23–24 Vlaams-Brabant, 31–38 West-Vlaanderen, 41–46 Oost-Vlaanderen, 71–73 Limburg; 21 is het Brussels Hoofdstedelijk Gewest, 25 en 5–9 Wallonië, niet Vlaams.", "The province follows from the NIS code: 11–13 Antwerp, 23–24 Flemish Brabant, 31–38 West Flanders, 41–46 East Flanders, 71–73 Limburg; 21 is the Brussels-Capital Region, 25 and 5–9 Wallonia, not Flemish."},
	"badYear":       {"Ongeldig jaar: kies een jaar tussen 2000 en 2100.", "Invalid year: choose a year between 2000 and 2100."},
	"badMeasure":    {"Onbekende score: kies maturiteit, nood of kloof.", "Unknown score: choose maturiteit, nood or kloof."},
	"badProvince":   {"Onbekende provincie.", "Unknown province."},
}

// text returns the words for key in lang (nl or en).
func text(key, lang string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return t[1]
	}
	return t[0]
}
