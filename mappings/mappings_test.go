package mappings

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestParseTemplate(t *testing.T) {
	tests := []struct {
		in      string
		want    []templatePart
		wantErr bool
	}{
		{"http://ex/{a}", []templatePart{{text: "http://ex/"}, {text: "a", column: true}}, false},
		{"{a}{b}", []templatePart{{text: "a", column: true}, {text: "b", column: true}}, false},
		{`x\{y\}`, []templatePart{{text: "x{y}"}}, false},
		{`{N\}ame}`, []templatePart{{text: "N}ame", column: true}}, false},
		{"{}", nil, true},
		{"{a", nil, true},
		{"a}", nil, true},
	}
	for _, tc := range tests {
		got, err := parseTemplate(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseTemplate(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("parseTemplate(%q) = %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("parseTemplate(%q)[%d] = %v, want %v", tc.in, i, got[i], tc.want[i])
			}
		}
	}
}

func TestIRISafe(t *testing.T) {
	tests := map[string]string{
		"Bob Smith": "Bob%20Smith",
		"a/b?c#d":   "a%2Fb%3Fc%23d",
		"Ghent-é~_": "Ghent-é~_",
		"100%":      "100%25",
	}
	for in, want := range tests {
		if got := iriSafe(in); got != want {
			t.Errorf("iriSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

const personsMapping = `
@prefix rml: <http://w3id.org/rml/> .
@prefix ex: <http://example.org/> .
<#P> a rml:TriplesMap ;
  rml:logicalSource [ rml:source [ rml:path "p.csv" ] ; rml:referenceFormulation rml:CSV ] ;
  rml:subjectMap [ rml:template "http://example.org/person/{id}" ; rml:class ex:Person ] ;
  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference "name" ; rml:language "nl" ] ] ;
  rml:predicateObjectMap [ rml:predicate ex:age ; rml:objectMap [ rml:reference "age" ; rml:datatype <http://www.w3.org/2001/XMLSchema#integer> ] ] .
`

func runString(t *testing.T, mapping, csvData string) ([]rdf.Quad, error) {
	t.Helper()
	m, err := Parse(strings.NewReader(mapping), Options{Base: "http://example.org/map/", File: "test.ttl"})
	if err != nil {
		return nil, err
	}
	var out []rdf.Quad
	err = m.Run(context.Background(), func(string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(csvData)), nil
	}, func(q rdf.Quad) error { out = append(out, q); return nil })
	return out, err
}

// Ensure that data errors name the source, the line and what is wrong.
func TestRun_Errors(t *testing.T) {
	tests := []struct {
		name, csv, want string
	}{
		{"missing column", "id,naam,age\n1,An,30\n", `no column "name"`},
		{"ragged row", "id,name,age\n1,An,30\n2,Bo\n", "line 3"},
		{"empty file", "", "is empty"},
		{"not utf-8", "id,name,age\n1,\xff\xfe,30\n", "not UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runString(t, personsMapping, tc.csv)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v (%d quads), want one containing %q", err, len(out), tc.want)
			}
			if !strings.Contains(err.Error(), "test.ttl") {
				t.Errorf("error %q does not name the mapping file", err)
			}
		})
	}
}

func TestRun_Output(t *testing.T) {
	out, err := runString(t, personsMapping, "id,name,age\n1,An Peeters,30\n2,Bo,\n")
	if err != nil {
		t.Fatal(err)
	}
	ex := func(s string) rdf.Term { return rdf.IRI("http://example.org/" + s) }
	want := []rdf.Quad{
		rdf.Triple(ex("person/1"), rdf.IRI(rdf.RDFType), ex("Person")),
		rdf.Triple(ex("person/1"), ex("name"), rdf.LangLiteral("An Peeters", "nl")),
		rdf.Triple(ex("person/1"), ex("age"), rdf.TypedLiteral("30", rdf.XSDInteger)),
		rdf.Triple(ex("person/2"), rdf.IRI(rdf.RDFType), ex("Person")),
		rdf.Triple(ex("person/2"), ex("name"), rdf.LangLiteral("Bo", "nl")),
		rdf.Triple(ex("person/2"), ex("age"), rdf.TypedLiteral("", rdf.XSDInteger)),
	}
	if !rdf.Isomorphic(out, want) {
		t.Errorf("got %v\nwant %v", out, want)
	}
}
