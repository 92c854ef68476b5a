package w3c

// Vocabularies of the W3C test manifests.
const (
	MF   = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	QT   = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
	RS   = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
	RDFT = "http://www.w3.org/ns/rdftest#"
)
