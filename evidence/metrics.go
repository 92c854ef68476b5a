package evidence

import (
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Level is what a metric is computed on.
type Level int

const (
	OnDataset Level = iota
	OnDistribution
	OnCatalog
)

// Metric is one quality metric: an MQA metric under its piveau (pv:)
// name, or one of our own. vocab/ttl/model/evidence.ttl describes each as a
// dqv:Metric; TestModelDescribesMetrics keeps the two in step.
type Metric struct {
	Name      string // local name of model/metriek/{Name}
	Dimension string // local name of model/dimensie/{Dimension}
	Level     Level
	Datatype  string // the dqv:expectedDataType
	Points    int    // MQA v1 points when met (0: not an MQA v1 metric)
	Label     [2]string
	Fix       [2]string // what to do when it fails, for the city's staff: nl, en
}

// IRI returns the metric's model resource.
func (m *Metric) IRI() string { return vocab.EvidenceMetric(m.Name) }

// PV is piveau's namespace, whose metric names ours mirror.
const PV = "https://piveau.eu/ns/voc#"

const (
	xsdBoolean = rdf.XSDBoolean
	xsdInteger = rdf.XSDInteger
	xsdDecimal = rdf.XSDDecimal
)

// The MQA v1 metrics (405 points), in data.europa.eu's order.
var mqaMetrics = []*Metric{
	{"keywordAvailability", "findability", OnDataset, xsdBoolean, 30,
		[2]string{"Trefwoorden aanwezig", "Keywords present"},
		[2]string{"Geef de dataset enkele trefwoorden (dcat:keyword), bv. \"parkeren\" en \"mobiliteit\".", "Give the dataset some keywords (dcat:keyword), e.g. \"parking\" and \"mobility\"."}},
	{"categoryAvailability", "findability", OnDataset, xsdBoolean, 30,
		[2]string{"Thema aanwezig", "Theme present"},
		[2]string{"Kies een thema uit de EU-lijst van datathema's (dcat:theme), bv. Vervoer.", "Choose a theme from the EU data-theme list (dcat:theme), e.g. Transport."}},
	{"spatialAvailability", "findability", OnDataset, xsdBoolean, 20,
		[2]string{"Gebied vermeld", "Spatial coverage present"},
		[2]string{"Vermeld over welk gebied de gegevens gaan (dct:spatial), bv. je gemeente uit het adressenregister.", "State which area the data cover (dct:spatial), e.g. your municipality in the address register."}},
	{"temporalAvailability", "findability", OnDataset, xsdBoolean, 20,
		[2]string{"Periode vermeld", "Temporal coverage present"},
		[2]string{"Vermeld over welke periode de gegevens gaan (dct:temporal).", "State which period the data cover (dct:temporal)."}},
	{"accessUrlStatusCode", "accessibility", OnDistribution, xsdInteger, 50,
		[2]string{"Toegangslink werkt", "Access URL works"},
		[2]string{"Herstel de toegangslink (dcat:accessURL): die antwoordt nu niet met \"200 OK\".", "Repair the access URL (dcat:accessURL): it does not answer \"200 OK\"."}},
	{"downloadUrlAvailability", "accessibility", OnDistribution, xsdBoolean, 20,
		[2]string{"Downloadlink aanwezig", "Download URL present"},
		[2]string{"Geef een rechtstreekse downloadlink naar het bestand (dcat:downloadURL).", "Give a direct link to the file (dcat:downloadURL)."}},
	{"downloadUrlStatusCode", "accessibility", OnDistribution, xsdInteger, 30,
		[2]string{"Downloadlink werkt", "Download URL works"},
		[2]string{"Herstel de downloadlink (dcat:downloadURL): die antwoordt nu niet met \"200 OK\".", "Repair the download URL (dcat:downloadURL): it does not answer \"200 OK\"."}},
	{"formatAvailability", "interoperability", OnDistribution, xsdBoolean, 20,
		[2]string{"Formaat vermeld", "Format present"},
		[2]string{"Vermeld het bestandsformaat (dct:format), bv. CSV uit de EU-lijst.", "State the file format (dct:format), e.g. CSV from the EU list."}},
	{"mediaTypeAvailability", "interoperability", OnDistribution, xsdBoolean, 10,
		[2]string{"Mediatype vermeld", "Media type present"},
		[2]string{"Vermeld het mediatype (dcat:mediaType), bv. text/csv.", "State the media type (dcat:mediaType), e.g. text/csv."}},
	{"formatMediaTypeVocabularyAlignment", "interoperability", OnDistribution, xsdBoolean, 10,
		[2]string{"Formaat uit de EU-lijst", "Format from the controlled vocabulary"},
		[2]string{"Gebruik voor het formaat een adres uit de EU-lijst (…/file-type/CSV) of een IANA-mediatype, geen vrije tekst.", "Use an EU File-Type IRI (…/file-type/CSV) or an IANA media type for the format, not free text."}},
	{"formatMediaTypeNonProprietary", "interoperability", OnDistribution, xsdBoolean, 20,
		[2]string{"Open formaat", "Non-proprietary format"},
		[2]string{"Publiceer (ook) in een open formaat zoals CSV of JSON in plaats van bv. Excel.", "Publish (also) in an open format such as CSV or JSON instead of e.g. Excel."}},
	{"formatMediaTypeMachineInterpretable", "interoperability", OnDistribution, xsdBoolean, 20,
		[2]string{"Machineleesbaar formaat", "Machine-readable format"},
		[2]string{"Publiceer in een machineleesbaar formaat (CSV, JSON, XML) in plaats van PDF of een webpagina.", "Publish in a machine-readable format (CSV, JSON, XML) instead of PDF or a web page."}},
	{"dcatApCompliance", "interoperability", OnDataset, xsdBoolean, 30,
		[2]string{"Voldoet aan DCAT-AP", "DCAT-AP compliant"},
		[2]string{"Vul de verplichte velden van DCAT-AP 3 in: titel en beschrijving van de dataset, een toegangslink per distributie, en geef datums en groottes in het juiste type.", "Fill in the mandatory DCAT-AP 3 properties: the dataset's title and description, an access URL per distribution, and dates and sizes of the right datatype."}},
	{"licenceAvailability", "reusability", OnDistribution, xsdBoolean, 20,
		[2]string{"Licentie vermeld", "Licence present"},
		[2]string{"Vermeld bij elke distributie een licentie (dct:license), bij voorkeur CC0 of de Vlaamse modellicentie gratis hergebruik.", "State a licence on every distribution (dct:license), preferably CC0 or the Flemish model licence for free reuse."}},
	{"knownLicence", "reusability", OnDistribution, xsdBoolean, 10,
		[2]string{"Gekende licentie", "Known licence"},
		[2]string{"Kies een gekende licentie (EU-lijst, Creative Commons of een Vlaamse modellicentie) in plaats van een eigen tekst.", "Choose a known licence (EU list, Creative Commons or a Flemish model licence) instead of your own text."}},
	{"accessRightsAvailability", "reusability", OnDataset, xsdBoolean, 10,
		[2]string{"Toegangsrechten vermeld", "Access rights present"},
		[2]string{"Vermeld of de dataset publiek is (dct:accessRights).", "State whether the dataset is public (dct:accessRights)."}},
	{"accessRightsVocabularyAlignment", "reusability", OnDataset, xsdBoolean, 5,
		[2]string{"Toegangsrechten uit de EU-lijst", "Access rights from the controlled vocabulary"},
		[2]string{"Gebruik voor de toegangsrechten een waarde uit de EU-lijst, bv. …/access-right/PUBLIC.", "Use a value from the EU list for the access rights, e.g. …/access-right/PUBLIC."}},
	{"contactPointAvailability", "reusability", OnDataset, xsdBoolean, 20,
		[2]string{"Contactpunt aanwezig", "Contact point present"},
		[2]string{"Geef een contactpunt (dcat:contactPoint) met een e-mailadres voor vragen over de gegevens.", "Give a contact point (dcat:contactPoint) with an e-mail address for questions about the data."}},
	{"publisherAvailability", "reusability", OnDataset, xsdBoolean, 10,
		[2]string{"Uitgever vermeld", "Publisher present"},
		[2]string{"Vermeld de organisatie die de dataset uitgeeft (dct:publisher).", "State the organisation that publishes the dataset (dct:publisher)."}},
	{"rightsAvailability", "contextuality", OnDistribution, xsdBoolean, 5,
		[2]string{"Rechtenverklaring aanwezig", "Rights statement present"},
		[2]string{"Voeg een rechtenverklaring toe (dct:rights), bv. een verwijzing naar de gebruiksvoorwaarden.", "Add a rights statement (dct:rights), e.g. a link to the terms of use."}},
	{"byteSizeAvailability", "contextuality", OnDistribution, xsdBoolean, 5,
		[2]string{"Bestandsgrootte vermeld", "Byte size present"},
		[2]string{"Vermeld de bestandsgrootte in bytes (dcat:byteSize).", "State the file size in bytes (dcat:byteSize)."}},
	{"dateIssuedAvailability", "contextuality", OnDistribution, xsdBoolean, 5,
		[2]string{"Uitgiftedatum vermeld", "Issue date present"},
		[2]string{"Vermeld wanneer de gegevens voor het eerst gepubliceerd werden (dct:issued).", "State when the data were first published (dct:issued)."}},
	{"dateModifiedAvailability", "contextuality", OnDistribution, xsdBoolean, 5,
		[2]string{"Wijzigingsdatum vermeld", "Modification date present"},
		[2]string{"Vermeld wanneer de gegevens laatst gewijzigd werden (dct:modified).", "State when the data were last changed (dct:modified)."}},
}

// MQADimensions are the five MQA v1 dimensions with their maximum points.
var MQADimensions = []struct {
	Name  string
	Max   int
	Label [2]string
}{
	{"findability", 100, [2]string{"Vindbaarheid", "Findability"}},
	{"accessibility", 100, [2]string{"Toegankelijkheid", "Accessibility"}},
	{"interoperability", 110, [2]string{"Interoperabiliteit", "Interoperability"}},
	{"reusability", 75, [2]string{"Herbruikbaarheid", "Reusability"}},
	{"contextuality", 20, [2]string{"Context", "Contextuality"}},
}

// MQAMax is the highest MQA v1 score.
const MQAMax = 405

// Our own metrics: scores, stars and per-dataset checks.
var (
	metricScoring = &Metric{"scoring", "kwaliteit", OnDataset, xsdInteger, 0,
		[2]string{"MQA-score (0–405)", "MQA score (0–405)"}, [2]string{}}
	metricStars = &Metric{"sterren", "openheid", OnDataset, xsdInteger, 0,
		[2]string{"Sterren (0–5)", "Stars (0–5)"}, [2]string{}}
	metricV2 = &Metric{"mqaV2", "kwaliteit", OnDataset, xsdDecimal, 0,
		[2]string{"MQA-score methode 2 (0–7,5)", "MQA score, methodology 2 (0–7.5)"}, [2]string{}}
	metricVL = &Metric{"dcatApVlConformiteit", "interoperability", OnDataset, xsdBoolean, 0,
		[2]string{"Voldoet aan DCAT-AP Vlaanderen", "Conforms to DCAT-AP Flanders"},
		[2]string{"Vul de verplichte velden van DCAT-AP Vlaanderen in (identificator, uitgever, contactpunt, toegangsrechten; per distributie identificator, toegangs- en downloadlink); `maturity validate` zegt welke.", "Fill in the mandatory DCAT-AP Flanders properties (identifier, publisher, contact point, access rights; per distribution identifier, access and download URL); `maturity validate` says which."}}
	metricCurrent = &Metric{"actueel", "actualiteit", OnDataset, xsdBoolean, 0,
		[2]string{"Bijgewerkt volgens de frequentie", "Updated within its accrual periodicity"},
		[2]string{"Werk de dataset bij zo vaak als beloofd (dct:accrualPeriodicity) en pas dct:modified aan, of zet de frequentie juist.", "Update the dataset as often as promised (dct:accrualPeriodicity) and set dct:modified, or correct the frequency."}}
)

// dimensionScoring returns piveau's per-dimension total, e.g.
// findabilityScoring.
var dimensionScoring = func() map[string]*Metric {
	m := map[string]*Metric{}
	for _, d := range MQADimensions {
		m[d.Name] = &Metric{d.Name + "Scoring", d.Name, OnDataset, xsdInteger, 0,
			[2]string{"MQA-score " + d.Label[0], "MQA score " + d.Label[1]}, [2]string{}}
	}
	return m
}()

// Catalog indicators: percentages (0–100) unless the datatype says otherwise.
var (
	indDatasets      = catMetric("aantalDatasets", "kwaliteit", xsdInteger, "Aantal datasets", "Number of datasets")
	indStars         = [6]*Metric{nil, catMetric("aandeelMinstens1Ster", "openheid", xsdDecimal, "Datasets met minstens ★ (%)", "Datasets with at least ★ (%)"), catMetric("aandeelMinstens2Sterren", "openheid", xsdDecimal, "Datasets met minstens ★★ (%)", "Datasets with at least ★★ (%)"), catMetric("aandeelMinstens3Sterren", "openheid", xsdDecimal, "Datasets met minstens ★★★ (%)", "Datasets with at least ★★★ (%)"), catMetric("aandeelMinstens4Sterren", "openheid", xsdDecimal, "Datasets met minstens ★★★★ (%)", "Datasets with at least ★★★★ (%)"), catMetric("aandeelMinstens5Sterren", "openheid", xsdDecimal, "Datasets met ★★★★★ (%)", "Datasets with ★★★★★ (%)")}
	indMeanMQA       = catMetric("gemiddeldeMqa", "kwaliteit", xsdDecimal, "Gemiddelde MQA-score (0–405)", "Mean MQA score (0–405)")
	indMeanV2        = catMetric("gemiddeldeMqaV2", "kwaliteit", xsdDecimal, "Gemiddelde MQA-score methode 2 (0–7,5)", "Mean MQA score, methodology 2 (0–7.5)")
	indBand          = map[Band]*Metric{BandExcellent: catMetric("aandeelMqaUitstekend", "kwaliteit", xsdDecimal, "Datasets met MQA Uitstekend (%)", "Datasets rated MQA Excellent (%)"), BandGood: catMetric("aandeelMqaGoed", "kwaliteit", xsdDecimal, "Datasets met MQA Goed (%)", "Datasets rated MQA Good (%)"), BandSufficient: catMetric("aandeelMqaVoldoende", "kwaliteit", xsdDecimal, "Datasets met MQA Voldoende (%)", "Datasets rated MQA Sufficient (%)"), BandBad: catMetric("aandeelMqaOnvoldoende", "kwaliteit", xsdDecimal, "Datasets met MQA Onvoldoende (%)", "Datasets rated MQA Bad (%)")}
	indAccessOK      = catMetric("aandeelToegangslinkWerkt", "accessibility", xsdDecimal, "Distributies met werkende toegangslink (%)", "Distributions whose access URL works (%)")
	indWithDownload  = catMetric("aandeelMetDownloadlink", "accessibility", xsdDecimal, "Distributies met downloadlink (%)", "Distributions with a download URL (%)")
	indDownloadOK    = catMetric("aandeelDownloadlinkWerkt", "accessibility", xsdDecimal, "Distributies met werkende downloadlink (%)", "Distributions whose download URL works (%)")
	indDCATAP3       = catMetric("aandeelDcatAp3Conform", "interoperability", xsdDecimal, "Datasets conform DCAT-AP 3.0.1 (%)", "Datasets conforming to DCAT-AP 3.0.1 (%)")
	indDCATAPVL      = catMetric("aandeelDcatApVlConform", "interoperability", xsdDecimal, "Datasets conform DCAT-AP Vlaanderen (%)", "Datasets conforming to DCAT-AP Flanders (%)")
	indKeyword       = catMetric("aandeelTrefwoord", "findability", xsdDecimal, "Datasets met trefwoorden (%)", "Datasets with keywords (%)")
	indTheme         = catMetric("aandeelThema", "findability", xsdDecimal, "Datasets met thema (%)", "Datasets with a theme (%)")
	indSpatial       = catMetric("aandeelGebied", "findability", xsdDecimal, "Datasets met gebied (%)", "Datasets with spatial coverage (%)")
	indTemporal      = catMetric("aandeelPeriode", "findability", xsdDecimal, "Datasets met periode (%)", "Datasets with temporal coverage (%)")
	indOpenLicence   = catMetric("aandeelOpenLicentie", "reusability", xsdDecimal, "Datasets met open licentie (%)", "Datasets with an open licence (%)")
	indKnownLicence  = catMetric("aandeelGekendeLicentie", "reusability", xsdDecimal, "Datasets met gekende licentie (%)", "Datasets with a known licence (%)")
	indAccessRights  = catMetric("aandeelToegangsrechtenEU", "reusability", xsdDecimal, "Datasets met toegangsrechten uit de EU-lijst (%)", "Datasets with access rights from the EU list (%)")
	indContact       = catMetric("aandeelContactpunt", "reusability", xsdDecimal, "Datasets met contactpunt (%)", "Datasets with a contact point (%)")
	indPublisher     = catMetric("aandeelUitgever", "reusability", xsdDecimal, "Datasets met uitgever (%)", "Datasets with a publisher (%)")
	indFormatNAL     = catMetric("aandeelFormaatEU", "interoperability", xsdDecimal, "Distributies met formaat uit de EU-lijst (%)", "Distributions with a format from the EU list (%)")
	indMediaTypeIANA = catMetric("aandeelMediatypeIANA", "interoperability", xsdDecimal, "Distributies met IANA-mediatype (%)", "Distributions with an IANA media type (%)")
	indCurrent       = catMetric("aandeelActueel", "actualiteit", xsdDecimal, "Datasets bijgewerkt volgens hun frequentie (%)", "Datasets updated within their accrual periodicity (%)")
	// indFormat is measured once per format; the measurement names the
	// format with dct:format.
	indFormat = catMetric("aandeelFormaat", "openheid", xsdDecimal, "Datasets waarvan de beste distributie dit formaat heeft (%)", "Datasets whose best distribution has this format (%)")
)

func catMetric(name, dim, dt, nl, en string) *Metric {
	return &Metric{Name: name, Dimension: dim, Level: OnCatalog, Datatype: dt, Label: [2]string{nl, en}}
}

// AllMetrics lists every metric the evidence publishes, for the model file
// and its test.
func AllMetrics() []*Metric {
	out := append([]*Metric(nil), mqaMetrics...)
	out = append(out, metricScoring)
	for _, d := range MQADimensions {
		out = append(out, dimensionScoring[d.Name])
	}
	out = append(out, metricV2, metricStars, metricVL, metricCurrent, indDatasets)
	out = append(out, indStars[1:]...)
	out = append(out, indMeanMQA, indBand[BandExcellent], indBand[BandGood], indBand[BandSufficient], indBand[BandBad], indMeanV2,
		indAccessOK, indWithDownload, indDownloadOK, indDCATAP3, indDCATAPVL, indKeyword, indTheme, indSpatial, indTemporal,
		indOpenLicence, indKnownLicence, indAccessRights, indContact, indPublisher, indFormatNAL, indMediaTypeIANA, indCurrent, indFormat)
	return out
}

// metricByName finds an MQA v1 metric.
func metricByName(name string) *Metric {
	for _, m := range mqaMetrics {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Band is the rating data.europa.eu shows for an MQA v1 score.
type Band string

const (
	BandExcellent  Band = "excellent"
	BandGood       Band = "good"
	BandSufficient Band = "sufficient"
	BandBad        Band = "bad"
)

// BandOf rates a v1 score: Excellent 351–405, Good 221–350, Sufficient
// 121–220, Bad 0–120.
func BandOf(points int) Band {
	switch {
	case points >= 351:
		return BandExcellent
	case points >= 221:
		return BandGood
	case points >= 121:
		return BandSufficient
	}
	return BandBad
}

// Label names the band in Dutch (li 0) or English (li 1).
func (b Band) Label(li int) string {
	return map[Band][2]string{
		BandExcellent:  {"Uitstekend", "Excellent"},
		BandGood:       {"Goed", "Good"},
		BandSufficient: {"Voldoende", "Sufficient"},
		BandBad:        {"Onvoldoende", "Bad"},
	}[b][li]
}

// V2BandOf rates a methodology-2 score (0–7.5) as data.europa.eu does since
// 2026: Excellent from 5, Good from 2.5, Sufficient below (as seen through
// data.europa.eu's API clients; the methodology page itself was not read).
func V2BandOf(score float64) Band {
	switch {
	case score >= 5:
		return BandExcellent
	case score >= 2.5:
		return BandGood
	}
	return BandSufficient
}
