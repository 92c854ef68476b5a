// Package rdftest holds what the tests of rdfio and of its syntax packages
// share: the graphs they write (graphs.go), the W3C files they read as a
// corpus, and an independent JSON-LD reader (json-gold's toRDF). Only tests
// import it.
package rdftest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// ParseFunc is a reader of one syntax, as the syntax packages export them
// (ttl.ParseTurtle, rdfxml.Parse, …).
type ParseFunc func(r io.Reader, opts codec.ParseOptions, emit func(rdf.Quad) error) error

// NewWriterFunc is a writer constructor, as the syntax packages export
// them (ttl.NewTurtleWriter, rdfxml.NewWriter, …).
type NewWriterFunc func(w io.Writer, opts codec.WriteOptions) (codec.Writer, error)

// WriteAll writes a copy of qs (writers take ownership) with a Writer from
// newWriter and closes it.
func WriteAll(w io.Writer, newWriter NewWriterFunc, qs []rdf.Quad, opts codec.WriteOptions) error {
	wr, err := newWriter(w, opts)
	if err != nil {
		return err
	}
	for _, q := range slices.Clone(qs) {
		if err := wr.Write(q); err != nil {
			return err
		}
	}
	return wr.Close()
}

// Write is WriteAll into a buffer; an error ends the test.
func Write(t testing.TB, newWriter NewWriterFunc, qs []rdf.Quad, opts codec.WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAll(&buf, newWriter, qs, opts); err != nil {
		t.Fatalf("write: %v", err)
	}
	return buf.Bytes()
}

// ParseString parses a document held in a string.
func ParseString(parse ParseFunc, s string, opts codec.ParseOptions) ([]rdf.Quad, error) {
	var qs []rdf.Quad
	err := parse(strings.NewReader(s), opts, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

// NQuadsOf is qs as sorted N-Quads lines, for comparisons that print well.
func NQuadsOf(qs []rdf.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = q.String()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Corpus parses every N-Triples and Turtle file of the W3C suites that our
// reader accepts (the negative syntax tests fail and are left out).
func Corpus(t *testing.T, parseTurtle, parseNTriples ParseFunc) map[string][]rdf.Quad {
	t.Helper()
	corpus := map[string][]rdf.Quad{}
	for _, dir := range []string{"turtle", "ntriples"} {
		root := testtool.Testdata(t, dir)
		files, err := filepath.Glob(filepath.Join(root, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			var parse ParseFunc
			switch filepath.Ext(path) {
			case ".ttl":
				parse = parseTurtle
			case ".nt":
				parse = parseNTriples
			}
			if parse == nil || filepath.Base(path) == "manifest.ttl" {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var qs []rdf.Quad
			base := "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-" + dir + "/" + filepath.Base(path)
			err = parse(bytes.NewReader(data), codec.ParseOptions{Base: base, File: path}, func(q rdf.Quad) error {
				qs = append(qs, q)
				return nil
			})
			if err == nil {
				corpus[dir+"/"+filepath.Base(path)] = qs
			}
		}
	}
	return corpus
}

// JSONGoldToRDF reads JSON-LD with json-gold's toRDF, an implementation
// independent of ours; it fetches no remote context.
func JSONGoldToRDF(data []byte) ([]rdf.Quad, error) {
	doc, err := ld.DocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = refuseLoader{}
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, err
	}
	ds := res.(*ld.RDFDataset)
	var qs []rdf.Quad
	conv := func(n ld.Node) rdf.Term {
		switch v := n.(type) {
		case ld.IRI:
			return rdf.IRI(v.Value)
		case ld.BlankNode:
			return rdf.Blank(strings.TrimPrefix(v.Attribute, "_:"))
		case ld.Literal:
			if v.Language != "" {
				return rdf.LangLiteral(v.Value, v.Language)
			}
			return rdf.TypedLiteral(v.Value, v.Datatype)
		}
		return rdf.Term{}
	}
	for g, quads := range ds.Graphs {
		var gt rdf.Term
		if g != "@default" {
			if strings.HasPrefix(g, "_:") {
				gt = rdf.Blank(g[2:])
			} else {
				gt = rdf.IRI(g)
			}
		}
		for _, q := range quads {
			qs = append(qs, rdf.Quad{S: conv(q.Subject), P: conv(q.Predicate), O: conv(q.Object), G: gt})
		}
	}
	return qs, nil
}

// refuseLoader loads no document: a test never reaches the network.
type refuseLoader struct{}

func (refuseLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, fmt.Sprintf("remote document %s is not fetched in tests", u))
}
