package jsonld

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/piprate/json-gold/ld"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// jsonldWriter keeps the quads until Close, turns them into expanded
// JSON-LD with json-gold (native types off, so lexical forms survive) and
// compacts that with the project's context. Named graphs become @graph
// objects. Every Writer has its own json-gold options and loader: json-gold's
// caching loaders are not safe to share between goroutines.
//
// For the common case, a flat context and a graph without lists or named
// graphs, the writer skips json-gold and writes the same document directly
// (compact_write.go), many times faster.
type jsonldWriter struct {
	w       io.Writer
	ctxArg  any // what Compact gets: the context document, or its URL
	loader  *jsonldContextLoader
	flat    *jsonldFlatContext // nil: always use json-gold
	ctxJSON []byte             // the "@context" value as the direct path writes it
	quads   []rdf.Quad
	closed  bool
}

// NewWriter returns a Writer of compacted JSON-LD, which writes everything
// at Close.
func NewWriter(w io.Writer, opts codec.WriteOptions) (codec.Writer, error) {
	return newJSONLDWriter(w, opts)
}

func newJSONLDWriter(w io.Writer, opts codec.WriteOptions) (*jsonldWriter, error) {
	doc, err := jsonldContextDoc(opts)
	if err != nil {
		return nil, err
	}
	jw := &jsonldWriter{w: w, loader: &jsonldContextLoader{url: opts.ContextURL}, ctxArg: doc, quads: make([]rdf.Quad, 0, codec.InitialQuads)}
	if opts.ContextURL != "" {
		jw.loader.doc = doc
		jw.ctxArg = opts.ContextURL
	}
	if flat, err := newJSONLDFlatContext(doc["@context"]); err == nil {
		jw.flat = flat
		if jw.ctxJSON, err = jsonldContextJSON(opts.ContextURL, doc["@context"]); err != nil {
			return nil, err
		}
	}
	return jw, nil
}

// jsonldContextJSON renders the "@context" value as encoding/json would at
// depth one of the document.
func jsonldContextJSON(url string, ctx any) ([]byte, error) {
	if url != "" {
		return jsonAppendString(nil, url), nil
	}
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ctx); err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD context: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, bytes.TrimSpace(compact.Bytes()), "  ", "  "); err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD context: %w", err)
	}
	return out.Bytes(), nil
}

// jsonldContextDoc returns the context as a document {"@context": ...}:
// opts.Context as given (with or without the @context wrapper), else a
// context made of the prefixes.
func jsonldContextDoc(opts codec.WriteOptions) (map[string]any, error) {
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
		return codec.ErrClosed
	}
	if err := codec.CheckQuad(q); err != nil {
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
	qs := jsonldSort(jw.quads)
	jw.quads = nil
	if jw.flat != nil {
		out, err := jsonldCompact(make([]byte, 0, 128*len(qs)+len(jw.ctxJSON)+64), jw.flat, jw.ctxJSON, qs)
		if err == nil {
			if _, err := jw.w.Write(out); err != nil {
				return fmt.Errorf("rdfio: writing JSON-LD: %w", err)
			}
			return nil
		}
		if err != errJSONLDGeneral {
			return err
		}
	}
	if jw.flat != nil {
		if iri, bad := jw.flat.slashHazard(qs); bad {
			return fmt.Errorf("%w: it would write <%s> as a compact IRI that reads back as another IRI", ErrJSONGoldFails, iri)
		}
	}
	doc, err := jw.compact(qs)
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
//
// json-gold v0.9.1 panics on some graphs (fromRDF takes a node with an
// rdf:rest to rdf:nil but no rdf:first for a list node); the panic is
// turned into an error wrapping ErrJSONGoldFails, so that one odd resource
// cannot take down the server.
func (jw *jsonldWriter) compact(qs []rdf.Quad) (doc map[string]any, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, fmt.Errorf("%w: %v", ErrJSONGoldFails, p)
		}
	}()
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = jw.loader
	opts.ProcessingMode = ld.JsonLd_1_1
	opts.UseNativeTypes = false
	opts.UseRdfType = false
	expanded, err := ld.NewJsonLdApi().FromRDF(jsonldDataset(qs), opts)
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD from RDF: %w", err)
	}
	doc, err = ld.NewJsonLdProcessor().Compact(expanded, jw.ctxArg, opts)
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD compaction: %w", err)
	}
	if len(doc) == 0 {
		// json-gold leaves out the context of an empty document.
		doc = map[string]any{"@context": jsonldContextValue(jw.ctxArg)}
	}
	return doc, nil
}

// ErrJSONGoldFails marks graphs that json-gold cannot convert correctly
// (a Writer's Close returns it wrapped).
var ErrJSONGoldFails = errors.New("rdfio: JSON-LD: json-gold fails on this graph")

func jsonldContextValue(ctxArg any) any {
	if m, ok := ctxArg.(map[string]any); ok {
		return m["@context"]
	}
	return ctxArg
}

// jsonldSort sorts quads by graph, subject, predicate and object and drops
// duplicates: both JSON-LD paths list values in this order.
func jsonldSort(qs []rdf.Quad) []rdf.Quad {
	return codec.SortQuads(qs, func(a, b *rdf.Quad) int {
		if c := codec.CompareTerm(&a.G, &b.G); c != 0 {
			return c
		}
		return codec.CompareTriple(a, b)
	})
}

// jsonldDataset converts sorted quads to json-gold's dataset.
func jsonldDataset(qs []rdf.Quad) *ld.RDFDataset {
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
		codec.WriteBlankLabel(&b, t.Value)
		return ld.NewBlankNode(b.String())
	}
	dt := t.Datatype
	if t.Lang != "" {
		dt = rdf.RDFLangString
	}
	return ld.NewLiteral(t.Value, dt, t.Lang)
}

// jsonldContextLoader serves the one context document it was given, at its
// URL, and refuses every other: remote contexts are never fetched. Each load
// returns a fresh copy, because json-gold may keep and change documents.
type jsonldContextLoader struct {
	url string
	doc map[string]any
}

func (l *jsonldContextLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if l.url == "" || u != l.url || l.doc == nil {
		return nil, ld.NewJsonLdError(ld.LoadingDocumentFailed,
			fmt.Sprintf("rdfio: remote JSON-LD context %s is not fetched; only %q is served locally", u, l.url))
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: ld.CloneDocument(l.doc)}, nil
}
