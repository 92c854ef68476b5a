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
//	withdrawn.go    datasets withdrawn from the catalog: a dcat:CatalogRecord each
//	build.go        Build and the quads of catalog, datasets, distributions
//	distribution.go the five distributions, Render and the size cache
//	csv.go          the flat CSV table of a Data Cube or the model
//	page.go         Hydra paging of the catalog
//	evidence.go     the evidence graphs as datasets
//	harvested.go    a hub's harvested datasets, with their original publishers
//	validate.go     Validate: mandatory DCAT-AP-VL rules, messages in nl/en
//	dcatap.go       ValidateDCATAP3: DCAT-AP 3.0.1's cardinalities, as
//	                data.europa.eu checks them first (package evidence uses it)
//
// Conformance (TestOfficialShapes, with rdf-validate-shacl): the catalog of
// the examples, of the examples with one assessment withdrawn (its
// record included) and of 500 generated assessments has zero violations
// against DCAT-AP 2.1.1 (shapes, range and controlled vocabularies),
// DCAT-AP 3.0.1 (shapes and controlled vocabularies) and DCAT-AP-VL 3; so
// does a Hydra page. Two warnings remain, both from the controlled-
// vocabulary shapes, both by design:
//
//   - dct:publisher is not in the EU Corporate Bodies table: that table
//     lists EU institutions, not Flemish cities; DCAT-AP makes it a MAY.
//   - dct:spatial is the municipality of the address register
//     (data.vlaanderen.be/id/gemeente/{NIS}), which is what DCAT-AP-VL users
//     look for, not an EU Places or GeoNames IRI.
//
// The DCAT-AP-VL 3 shapes as published write "no maximum" as sh:maxCount
// "n", which is not an integer; a SHACL processor must treat that shapes
// graph as ill-formed (rdf-validate-shacl flags every such property). The
// test drops those 48 lines and changes nothing else.
//
// Profile choice: DCAT-AP 2.1.1 types dcat:byteSize as xsd:decimal, DCAT-AP
// 3.0.1 (and DCAT-AP-VL 3, which builds on it) as xsd:nonNegativeInteger;
// no literal satisfies both. The default follows DCAT-AP 3; Config.Profile
// ProfileDCATAP2 writes the 2.x datatype for harvesters that still validate
// against DCAT-AP 2.1.1 (the server offers it as ?profile=dcat-ap-2).
package dcat
