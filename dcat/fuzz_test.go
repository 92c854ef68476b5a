package dcat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// FuzzValidate feeds Validate whatever DCAT-like Turtle parses: it must
// not panic, and every message must name its rule and explain itself in
// the language asked for.
func FuzzValidate(f *testing.F) {
	f.Add(`<c> a <http://www.w3.org/ns/dcat#Catalog> ; <http://www.w3.org/ns/dcat#dataset> <d> .`)
	f.Add(`<d> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "x" ; <http://purl.org/dc/terms/modified> "2025-13-40"^^<http://www.w3.org/2001/XMLSchema#date> .`)
	f.Add(`_:x a <http://www.w3.org/ns/dcat#Distribution> ; <http://www.w3.org/ns/dcat#byteSize> "-1" ; <http://purl.org/dc/terms/publisher> _:x .`)
	f.Fuzz(func(t *testing.T, doc string) {
		var qs []rdf.Quad
		err := rdfio.Parse(bytes.NewReader([]byte(doc)), rdfio.Turtle, rdfio.ParseOptions{Base: "http://example.org/"}, func(q rdf.Quad) error {
			qs = append(qs, q)
			return nil
		})
		if err != nil {
			return
		}
		for _, lang := range []string{"nl", "en"} {
			for _, m := range Validate(qs, lang) {
				prefix := map[string][2]string{"nl": {"FOUT: ", "WAARSCHUWING: "}, "en": {"ERROR: ", "WARNING: "}}[lang][m.Severity]
				if m.Rule == "" || !strings.HasPrefix(m.Text, prefix) || len(m.Text) < len(prefix)+10 {
					t.Fatalf("message %+v", m)
				}
			}
		}
	})
}
