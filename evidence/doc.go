// Package evidence scores a city's published DCAT catalog, so that what the
// city publishes can stand beside what its self-assessment says: per
// dataset the five-star level (Tim Berners-Lee) and data.europa.eu's
// Metadata Quality Assessment (MQA, 405 points, and the 2026 methodology's
// 0–7.5 where it can be computed), per catalog the indicators (Indicators:
// shares of datasets per star level and MQA band, of URLs that answer, of
// the properties and controlled values present), published as W3C DQV
// measurements with their evidence.
//
// Load reads the catalog (any RDF format this project parses, one document
// or Hydra pages); Score measures it, optionally checking every URL and
// downloading a bounded sample of each distribution through
// internal/webfetch, which refuses private addresses; Result.Quads
// publishes the measurements; WriteCSV, WriteText and WriteHTML report
// them; Compare sets the indicators beside a self-assessment, and
// ReadSummary reads them back from the store for the dashboard.
//
// The rules, in short (the code says them exactly):
//
//   - Stars, per distribution, each star needing every lower one: ★ open
//     licence (allow-list: CC0, CC BY, CC BY-SA, ODC-BY, ODbL, PDDL, the
//     Flemish CC0 declaration and free-reuse model licence) and a URL that
//     answers 2xx; ★★ machine-readable and ★★★ also non-proprietary (the
//     EU lists); ★★★★ an RDF sample with HTTP(S) subjects, or a SPARQL
//     service; ★★★★★ the sample links to another authority. The format is
//     sniffed from the bytes, else the Content-Type, else the URL's
//     extension, else dct:format/dcat:mediaType. A dataset has the stars of
//     its best distribution. Without URL checks there is no sample: stars
//     rest on the metadata and stop at ★★★.
//   - MQA v1, per piveau: distribution metrics on the single best
//     distribution (first of equals), dataset metrics once, dct:issued and
//     dct:modified from the dataset when that distribution lacks them, a
//     status counts when it is 2xx. dcatApCompliance is DCAT-AP 3.0.1's
//     mandatory, cardinality and node-kind constraints (dcat.ValidateDCATAP3).
//
// Layout:
//
//	catalog.go     the catalog as read: datasets, distributions, services
//	load.go        Load: files and URLs, Hydra paging
//	formats.go     the EU File-Type table, media types, extensions, the two EU lists
//	sniff.go       Sniff: a format from the bytes
//	licences.go    open and known licences
//	probe.go       URL checks and samples (HEAD, ranged GET; RDF parse for subjects and links)
//	score.go       Score: the run, per-dataset metadata, format determination
//	mqa.go         stars and MQA v1 per distribution and dataset
//	v2.go          MQA methodology 2
//	currency.go    modified within the accrual periodicity
//	indicators.go  the catalog indicators
//	metrics.go     the metrics and bands
//	dqv.go         publication as DQV; CheckDQV
//	model.go       the model file vocab/ttl/model/evidence.ttl
//	advice.go      what to fix, worst metrics first
//	report.go      CSV and text
//	html.go        the HTML report (report.html.tmpl)
//	compare.go     beside the self-assessment: findings per domain
//	read.go        ReadSummary: the catalog indicators back from a published graph
//
// evidencetest generates catalogs with known truth and serves them on
// loopback; TestKnownTruth holds the scorer to it on 1,000 datasets.
package evidence
