package rdfio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/piprate/json-gold/ld"

	"github.com/stadleuven/maturity/rdf"
)

// jsonldWriter keeps the quads until Close, turns them into expanded
// JSON-LD with json-gold (native types off, so lexical forms survive) and
// compacts that with the project's context. Named graphs become @graph
// objects. Every Writer has its own json-gold options and loader: json-gold's
// caching loaders are not safe to share between goroutines.
type jsonldWriter struct {
	w      io.Writer
	ctxArg any // what Compact gets: the context document, or its URL
	loader *jsonldContextLoader
	quads  []rdf.Quad
	closed bool
}

func newJSONLDWriter(w io.Writer, opts WriteOptions) (*jsonldWriter, error) {
	doc, err := jsonldContextDoc(opts)
	if err != nil {
		return nil, err
	}
	jw := &jsonldWriter{w: w, loader: &jsonldContextLoader{url: opts.ContextURL}}
	if opts.ContextURL != "" {
		raw, err := json.Marshal(doc)
		if err != nil {
			return nil, fmt.Errorf("rdfio: JSON-LD context: %w", err)
		}
		jw.loader.doc = raw
		jw.ctxArg = opts.ContextURL
	} else {
		jw.ctxArg = doc
	}
	return jw, nil
}

// jsonldContextDoc returns the context as a document {"@context": ...}:
// opts.Context as given (with or without the @context wrapper), else a
// context made of the prefixes.
func jsonldContextDoc(opts WriteOptions) (map[string]any, error) {
	if opts.Context == nil {
		ctx := map[string]any{}
		for _, p := range opts.Prefixes {
			if p.Name != "" {
				ctx[p.Name] = p.IRI
			}
		}
		return map[string]any{"@context": ctx}, nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(opts.Context))
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD context is not valid JSON: %w", err)
	}
	if m, ok := v.(map[string]any); ok {
		if _, wrapped := m["@context"]; wrapped {
			return m, nil
		}
	}
	return map[string]any{"@context": v}, nil
}

func (jw *jsonldWriter) Write(q rdf.Quad) error {
	if jw.closed {
		return errClosed
	}
	if err := checkQuad(q); err != nil {
		return err
	}
	jw.quads = append(jw.quads, q)
	return nil
}

func (jw *jsonldWriter) Close() error {
	if jw.closed {
		return nil
	}
	jw.closed = true
	doc, err := jw.compact()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(jw.w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("rdfio: writing JSON-LD: %w", err)
	}
	return nil
}

// compact runs json-gold's fromRDF and compaction algorithms.
func (jw *jsonldWriter) compact() (map[string]any, error) {
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = jw.loader
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.UseNativeTypes = false
	opts.UseRdfType = false
	expanded, err := ld.NewJsonLdApi().FromRDF(jsonldDataset(jw.quads), opts)
	jw.quads = nil
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD from RDF: %w", err)
	}
	doc, err := ld.NewJsonLdProcessor().Compact(expanded, jw.ctxArg, opts)
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD compaction: %w", err)
	}
	if len(doc) == 0 {
		// json-gold leaves out the context of an empty document.
		doc = map[string]any{"@context": jsonldContextValue(jw.ctxArg)}
	}
	return doc, nil
}

func jsonldContextValue(ctxArg any) any {
	if m, ok := ctxArg.(map[string]any); ok {
		return m["@context"]
	}
	return ctxArg
}

// jsonldDataset converts quads, sorted and without duplicates, to
// json-gold's dataset.
func jsonldDataset(qs []rdf.Quad) *ld.RDFDataset {
	slices.SortFunc(qs, func(a, b rdf.Quad) int {
		if c := writeCompareTerm(a.G, b.G); c != 0 {
			return c
		}
		return writeCompareTriple(a, b)
	})
	qs = slices.Compact(qs)
	ds := ld.NewRDFDataset()
	for _, q := range qs {
		g := "@default"
		if !q.G.IsZero() {
			g = jsonldNode(q.G).GetValue()
		}
		ds.Graphs[g] = append(ds.Graphs[g], ld.NewQuad(jsonldNode(q.S), jsonldNode(q.P), jsonldNode(q.O), g))
	}
	return ds
}

func jsonldNode(t rdf.Term) ld.Node {
	switch t.Kind {
	case rdf.KindIRI:
		return ld.NewIRI(t.Value)
	case rdf.KindBlank:
		var b strings.Builder
		b.WriteString("_:")
		writeBlankLabel(&b, t.Value)
		return ld.NewBlankNode(b.String())
	}
	dt := t.Datatype
	if t.Lang != "" {
		dt = rdf.RDFLangString
	}
	return ld.NewLiteral(t.Value, dt, t.Lang)
}

// jsonldContextLoader serves the one context document it was given, at its URL,
// and refuses every other: remote contexts are never fetched. Each load
// decodes a fresh copy, because json-gold may keep and change documents.
type jsonldContextLoader struct {
	url string
	doc []byte
}

func (l *jsonldContextLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if l.url == "" || u != l.url || l.doc == nil {
		return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed,
			fmt.Sprintf("rdfio: remote JSON-LD context %s is not fetched; only %q is served locally", u, l.url))
	}
	var doc any
	if err := json.Unmarshal(l.doc, &doc); err != nil {
		return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed, err)
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
}
