// Package dcat builds the instance's DCAT-AP Vlaanderen catalog from the
// data and checks DCAT documents against the mandatory DCAT-AP-VL rules.
//
// The catalog is computed, never stored: Build reads a consistent view and
// describes one dcat:Dataset per published assessment (organisation +
// year), per published staff survey, the maturity model and the study's
// findings, plus the SPARQL endpoint as a dcat:DataService. Every date is
// true because it comes from the view: dct:modified is the latest
// modification of the graphs a dataset is made of, dct:issued the first
// publication of its first version. Changing one assessment therefore
// changes that dataset's dct:modified and nothing else.
//
// Each dataset has five distributions (Turtle, JSON-LD, N-Triples, RDF/XML
// and CSV, a flat table of the scores for spreadsheet users). Render writes
// the bytes the download route serves, and dcat:byteSize is the length of
// exactly those bytes; Sizes caches the lengths per dataset ETag so a new
// catalog costs only the datasets that changed.
//
// Layout:
//
//	view.go         View, graph and label reading
//	config.go       Config: base, licence, publisher, contact, profile
//	terms.go        vocabulary IRIs and the EU/Flemish controlled values used
//	discover.go     which datasets the view holds (Dataset)
//	build.go        Build and the quads of catalog, datasets, distributions
//	distribution.go the five distributions, Render and the size cache
//	csv.go          the flat CSV table of a Data Cube or the model
//	page.go         Hydra paging of the catalog
//	validate.go     Validate: mandatory DCAT-AP-VL rules, messages in nl/en
//
// Profile choice: DCAT-AP 2.1.1 types dcat:byteSize as xsd:decimal, DCAT-AP
// 3.0.1 (and DCAT-AP-VL 3, which builds on it) as xsd:nonNegativeInteger;
// no literal satisfies both. The default follows DCAT-AP 3; Config.Profile
// ProfileDCATAP2 writes the 2.x datatype for harvesters that still validate
// against DCAT-AP 2.1.1 (the server offers it as ?profile=dcat-ap-2).
package dcat
