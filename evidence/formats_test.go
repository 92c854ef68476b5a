package evidence

import (
	"testing"

	"github.com/stadleuven/maturity/evidence/evidencetest"
)

func TestSniff(t *testing.T) {
	bodies := evidencetest.Bodies("http://data.stad.be/id/ding/", "http://www.wikidata.org/entity/Q118958")
	for code, b := range bodies {
		t.Run(code, func(t *testing.T) {
			if got := Sniff(b.Bytes); got != FileType(code) {
				t.Errorf("Sniff(%.40q) = %q, want %s", b.Bytes, got, code)
			}
		})
	}
	for _, tc := range []struct {
		name string
		in   string
		want FileType
	}{
		{"empty", "", ""},
		{"binary noise", "\x00\x01\x02\x03garbage", ""},
		{"gzipped Turtle is Turtle", string(evidencetest.Gzip(bodies["RDF_TURTLE"].Bytes)), "RDF_TURTLE"},
		{"gzipped noise is GZIP", string(evidencetest.Gzip([]byte{0, 1, 2, 3, 4})), "GZIP"},
		{"semicolon CSV", "a;b;c\n1;2;3\n", "CSV"},
		{"quoted CSV", "\"naam, volledig\",aantal\n\"Leuven, stad\",3\n", "CSV"},
		{"one line of prose", "Hallo, dit is tekst.", "TXT"},
		{"BOM and CSV", "\xef\xbb\xbfa,b\n1,2\n", "CSV"},
		{"N-Quads", "<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n", "RDF_N_QUADS"},
		{"Turtle without prefixes", "<http://a/s> a <http://a/C> ;\n  <http://a/p> \"x\" .\n", "RDF_TURTLE"},
		{"Turtle after a comment", "# dump\n@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n", "RDF_TURTLE"},
		{"SPARQL-style PREFIX", "PREFIX ex: <http://e/>\nex:a ex:b ex:c .\n", "RDF_TURTLE"},
		{"XHTML page", "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>", "HTML"},
		{"Atom feed", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", "ATOM"},
		{"GML", "<wfs:FeatureCollection xmlns:gml=\"http://www.opengis.net/gml\"></wfs:FeatureCollection>", "GML"},
		{"JSON array", "[1,2,3]", "JSON"},
		{"JSON-LD with @id only", `[{"@id":"http://a/b"}]`, "JSON_LD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff([]byte(tc.in)); got != tc.want {
				t.Errorf("Sniff(%.40q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatLists(t *testing.T) {
	for _, tc := range []struct {
		t           FileType
		mr, np, rdf bool
	}{
		{"CSV", true, true, false},
		{"XLSX", true, false, false},
		{"XLS", true, false, false},
		{"SHP", true, false, false},
		{"PDF", false, false, false},
		{"HTML", false, true, false},
		{"ZIP", false, true, false},
		{"TSV", false, true, false}, // on the non-proprietary list only
		{"RDF_TURTLE", true, true, true},
		{"JSON_LD", true, true, true},
		{"RDF_TRIG", true, true, true},
		{"", false, false, false},
	} {
		if tc.t.MachineReadable() != tc.mr || tc.t.NonProprietary() != tc.np || tc.t.RDF() != tc.rdf {
			t.Errorf("%q: MR %v NP %v RDF %v, want %v %v %v", tc.t, tc.t.MachineReadable(), tc.t.NonProprietary(), tc.t.RDF(), tc.mr, tc.np, tc.rdf)
		}
	}
}

func TestForDeclared(t *testing.T) {
	for _, tc := range []struct {
		v     string
		isIRI bool
		want  FileType
	}{
		{FileTypeNS + "CSV", true, "CSV"},
		{FileTypeNS + "NOPE", true, ""},
		{"https://publications.europa.eu/resource/authority/file-type/XLSX", true, "XLSX"},
		{"http://www.iana.org/assignments/media-types/text/csv", true, "CSV"},
		{"https://www.iana.org/assignments/media-types/application/vnd.ms-excel", true, "XLS"},
		{"http://purl.org/NET/mediatypes/text/turtle", true, "RDF_TURTLE"},
		{"http://example.org/formats/csv", true, ""},
		{"CSV", false, "CSV"},
		{"csv", false, "CSV"},
		{"json-ld", false, "JSON_LD"},
		{"text/csv", false, "CSV"},
		{"application/json; charset=utf-8", false, "JSON"},
		{".xlsx", false, "XLSX"},
		{"Excel", false, "XLS"},
		{"RDF/XML", false, "RDF_XML"},
		{"ESRI Shapefile", false, "SHP"},
		{"Geheim formaat", false, ""},
	} {
		if got := ForDeclared(tc.v, tc.isIRI); got != tc.want {
			t.Errorf("ForDeclared(%q, %v) = %q, want %q", tc.v, tc.isIRI, got, tc.want)
		}
	}
}

func TestMediaTypesAndExtensions(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want FileType
	}{
		{"text/csv; charset=utf-8", "CSV"},
		{"application/octet-stream", ""},
		{"TEXT/TURTLE", "RDF_TURTLE"},
		{"application/ld+json", "JSON_LD"},
	} {
		if got := ForMediaType(tc.in); got != tc.want {
			t.Errorf("ForMediaType(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want FileType
	}{
		{"/data/x.CSV", "CSV"},
		{"/data/x.csv?download=1", "CSV"},
		{"/dump.ttl.gz", "GZIP"},
		{"/api/records", ""},
	} {
		if got := ForExtension(tc.in); got != tc.want {
			t.Errorf("ForExtension(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		iri  string
		want bool
	}{
		{"http://www.iana.org/assignments/media-types/text/csv", true},
		{"https://www.iana.org/assignments/media-types/application/vnd.ms-excel", true},
		{"http://www.iana.org/assignments/media-types/application/x-shapefile", false},
		{"http://www.iana.org/assignments/media-types/csv", false},
		{"http://purl.org/NET/mediatypes/text/csv", false},
		{FileTypeNS + "CSV", false},
	} {
		if got := IANAAligned(tc.iri); got != tc.want {
			t.Errorf("IANAAligned(%q) = %v, want %v", tc.iri, got, tc.want)
		}
	}
}
