package jsonld

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

func TestJSONLDRead(t *testing.T) {
	const ctx = `{"@context": {"naam": "http://xmlns.com/foaf/0.1/name", "ex": "http://ex.org/", "knows": {"@id": "http://xmlns.com/foaf/0.1/knows", "@type": "@id"}}}`
	name, knows := rdf.IRI("http://xmlns.com/foaf/0.1/name"), rdf.IRI("http://xmlns.com/foaf/0.1/knows")
	tests := []struct {
		name string
		in   string
		opts codec.ParseOptions
		want []rdf.Quad
	}{
		{"inline context, relative @id against base",
			`{"@context": {"naam": "http://xmlns.com/foaf/0.1/name"}, "@id": "a", "naam": {"@value": "Leuven", "@language": "nl"}}`,
			codec.ParseOptions{Base: "http://ex.org/"},
			[]rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/a"), name, rdf.LangLiteral("Leuven", "nl"))}},
		{"remote context served locally",
			`{"@context": "https://schema.example/context.jsonld", "@id": "ex:a", "knows": "ex:b", "naam": "x"}`,
			codec.ParseOptions{Context: []byte(ctx)},
			[]rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/a"), knows, rdf.IRI("http://ex.org/b")), rdf.Triple(rdf.IRI("http://ex.org/a"), name, rdf.Literal("x"))}},
		{"bare local context object",
			`{"@context": "https://schema.example/context.jsonld", "@id": "ex:a", "naam": 1234567890}`,
			codec.ParseOptions{Context: []byte(`{"naam": "http://xmlns.com/foaf/0.1/name", "ex": "http://ex.org/"}`)},
			[]rdf.Quad{rdf.Triple(rdf.IRI("http://ex.org/a"), name, rdf.TypedLiteral("1234567890", rdf.XSDInteger))}},
		{"named graph and blank nodes",
			`{"@id": "http://ex.org/g", "@graph": [{"http://xmlns.com/foaf/0.1/knows": {"http://xmlns.com/foaf/0.1/name": "b"}}]}`,
			codec.ParseOptions{BlankPrefix: "j1"},
			[]rdf.Quad{
				{S: rdf.Blank("j1b0"), P: knows, O: rdf.Blank("j1b1"), G: rdf.IRI("http://ex.org/g")},
				{S: rdf.Blank("j1b1"), P: name, O: rdf.Literal("b"), G: rdf.IRI("http://ex.org/g")},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rdftest.ParseString(Parse, tc.in, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !rdf.Isomorphic(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", rdftest.NQuadsOf(got), rdftest.NQuadsOf(tc.want))
			}
			for _, q := range got {
				for _, term := range []rdf.Term{q.S, q.O, q.G} {
					if term.IsBlank() && tc.opts.BlankPrefix != "" && !strings.HasPrefix(term.Value, tc.opts.BlankPrefix) {
						t.Errorf("blank node %q lacks prefix", term.Value)
					}
				}
			}
		})
	}
}

func TestJSONLDReadErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"JSON syntax error", "{\n  \"@id\": \"http://ex.org/a\",\n  \"x\" 1\n}", 3, 7, "invalid character"},
		{"truncated JSON", "{\"@id\": ", 1, 9, "end of JSON"},
		{"trailing data", "{} {}", 1, 4, "after the JSON"},
		{"remote context is never fetched", `{"@context": "https://w3id.org/never-fetched.jsonld", "@id": "http://ex.org/a"}`, 0, 0, "https://w3id.org/never-fetched.jsonld"},
		{"relative IRI without base", `{"@id": "a", "http://ex.org/p": {"@id": "../b"}}`, 0, 0, "no base"},
		{"invalid JSON-LD", `{"@context": {"@vocab": 5}, "@id": "http://ex.org/a"}`, 0, 0, "JSON-LD"},
		// These used to import 0 quads without a word (the JSON-LD
		// algorithms drop what RDF cannot hold).
		{"invalid @id", "{\n  \"@id\": \"http://ex.org/a b\",\n  \"http://ex.org/p\": \"x\"\n}", 2, 10, `subject "http://ex.org/a b" is not a valid IRI`},
		{"invalid object @id", `{"@id": "http://ex.org/a", "http://ex.org/p": {"@id": "http://ex.org/{b}"}}`, 1, 55, `object "http://ex.org/{b}" is not a valid IRI`},
		{"invalid property", `{"@id": "http://ex.org/a", "http://ex.org/p q": "x"}`, 1, 28, `predicate "http://ex.org/p q" is not a valid IRI`},
		{"invalid language tag", `{"@id": "http://ex.org/a", "http://ex.org/p": {"@value": "x", "@language": "not a tag"}}`, 1, 76, `language tag "not a tag"`},
		{"invalid datatype", `{"@id": "http://ex.org/a", "http://ex.org/p": {"@value": "x", "@type": "http://ex.org/t y"}}`, 1, 72, `datatype "http://ex.org/t y"`},
		{"expanded prefix", `{"@context": {"ex": "http://ex.org/x y/"}, "@id": "ex:a", "http://ex.org/p": "x"}`, 0, 0, `subject "http://ex.org/x y/a" is not a valid IRI`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rdftest.ParseString(Parse, tc.in, codec.ParseOptions{File: "doc.jsonld"})
			var se *codec.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error = %v, want *codec.SyntaxError", err)
			}
			if se.Line != tc.line || se.Col != tc.col || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("error = %v (line %d col %d), want %d:%d ...%s...", err, se.Line, se.Col, tc.line, tc.col, tc.msg)
			}
		})
	}
}

// Each Parse call has its own json-gold processor and loader; run with
// -race to check that nothing is shared.
func TestJSONLDReadConcurrent(t *testing.T) {
	ctx := []byte(`{"@context": {"v": "http://ex.org/v"}}`)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := fmt.Sprintf(`{"@context": "http://ctx.example/", "@id": "http://ex.org/%d", "v": %d}`, i, i)
			qs, err := rdftest.ParseString(Parse, in, codec.ParseOptions{Context: ctx})
			if err == nil && (len(qs) != 1 || qs[0].O.Value != fmt.Sprint(i)) {
				err = fmt.Errorf("goroutine %d got %v", i, qs)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
