package evidencetest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
)

// Body is a file in a known format: what a distribution really serves.
type Body struct {
	Format string // EU File-Type code of the bytes
	Bytes  []byte
}

// Bodies returns a small file of each format the generator serves. subject
// is the base of the subject IRIs of the RDF bodies; link, when not "",
// is an IRI of another authority the RDF bodies point to.
func Bodies(subject, link string) map[string]Body {
	out := map[string]Body{}
	add := func(code string, b []byte) { out[code] = Body{code, b} }
	add("CSV", []byte("id,naam,aantal\n1,Leuven,101\n2,Gent,262\n"))
	add("TSV", []byte("id\tnaam\n1\tLeuven\n2\tGent\n"))
	add("JSON", []byte(`{"items":[{"id":1,"naam":"Leuven"}]}`))
	add("GEOJSON", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[4.7,50.88]},"properties":{}}]}`))
	add("XML", []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n<gemeenten><gemeente id=\"24062\">Leuven</gemeente></gemeenten>\n"))
	add("KML", []byte(`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>x</name></Placemark></kml>`))
	add("HTML", []byte("<!DOCTYPE html>\n<html><head><title>Dataset</title></head><body><p>Download hier</p></body></html>\n"))
	add("TXT", []byte("Dit bestand bevat de toelichting bij de dataset.\nZie de website voor meer informatie.\n"))
	add("PDF", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"))
	add("PNG", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 32)...))
	add("XLSX", zipOf("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"))
	add("DOCX", zipOf("[Content_Types].xml", "<Types/>", "word/document.xml", "<document/>"))
	add("ODS", zipOf("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<office:document-content/>"))
	add("ZIP", zipOf("tabel1.csv", "a,b\n1,2\n", "tabel2.csv", "a,b\n3,4\n"))
	add("XLS", oleWith("Workbook"))
	var ttl, nt, rdfxml, jsonld strings.Builder
	fmt.Fprintf(&ttl, "@prefix ex: <http://example.org/ns#> .\n<%s1> a ex:Ding ; ex:naam \"een\" .\n<%s2> a ex:Ding ; ex:naam \"twee\" .\n", subject, subject)
	fmt.Fprintf(&nt, "<%s1> <http://example.org/ns#naam> \"een\" .\n", subject)
	fmt.Fprintf(&rdfxml, "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/ns#\">\n<rdf:Description rdf:about=\"%s1\"><ex:naam>een</ex:naam>", subject)
	fmt.Fprintf(&jsonld, `{"@context":{"naam":"http://example.org/ns#naam"},"@id":"%s1","naam":"een"`, subject)
	if link != "" {
		fmt.Fprintf(&ttl, "<%s1> <http://www.w3.org/2002/07/owl#sameAs> <%s> .\n", subject, link)
		fmt.Fprintf(&nt, "<%s1> <http://www.w3.org/2002/07/owl#sameAs> <%s> .\n", subject, link)
		fmt.Fprintf(&rdfxml, "<rdfs:seeAlso xmlns:rdfs=\"http://www.w3.org/2000/01/rdf-schema#\" rdf:resource=\"%s\"/>", link)
		fmt.Fprintf(&jsonld, `,"http://www.w3.org/2004/02/skos/core#exactMatch":{"@id":"%s"}`, link)
	}
	rdfxml.WriteString("</rdf:Description>\n</rdf:RDF>\n")
	jsonld.WriteString("}")
	add("RDF_TURTLE", []byte(ttl.String()))
	add("RDF_N_TRIPLES", []byte(nt.String()))
	add("RDF_XML", []byte(rdfxml.String()))
	add("JSON_LD", []byte(jsonld.String()))
	return out
}

// Gzip compresses b.
func Gzip(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// zipOf builds a ZIP archive of name, content pairs; entries are stored
// uncompressed, as OpenDocument requires of "mimetype".
func zipOf(pairs ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(pairs); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: pairs[i], Method: zip.Store})
		if err != nil {
			panic(err)
		}
		w.Write([]byte(pairs[i+1]))
	}
	zw.Close()
	return buf.Bytes()
}

// oleWith fakes the start of a legacy Office (OLE2) file whose directory
// names the stream: enough for a sniffer, not for Excel.
func oleWith(stream string) []byte {
	b := []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	b = append(b, make([]byte, 504)...)
	for _, c := range []byte(stream) {
		b = append(b, c, 0)
	}
	return append(b, make([]byte, 64)...)
}
