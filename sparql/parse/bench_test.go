package parse

import "testing"

// benchQuery is a typical 20-line query of the maturity dashboards.
const benchQuery = `PREFIX mat: <https://data.leuven.be/ns/maturity#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?city ?domainLabel (AVG(?score) AS ?avg) (COUNT(DISTINCT ?a) AS ?n)
FROM <https://data.leuven.be/graph/assessments>
WHERE {
  ?a a mat:Assessment ;
     mat:city ?city ;
     dct:issued ?date ;
     mat:result [ mat:domain ?domain ; mat:score ?score ] .
  ?domain skos:prefLabel ?domainLabel .
  OPTIONAL { ?domain mat:weight ?w FILTER(?w > 0) }
  FILTER(LANG(?domainLabel) = "nl" && ?date >= "2024-01-01"^^xsd:date)
  FILTER NOT EXISTS { ?a mat:withdrawn true }
}
GROUP BY ?city ?domainLabel
HAVING (COUNT(?a) > 1)
ORDER BY ?city DESC(?avg)
LIMIT 100`

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchQuery)))
	for b.Loop() {
		if _, err := Parse(benchQuery, ""); err != nil {
			b.Fatal(err)
		}
	}
}
