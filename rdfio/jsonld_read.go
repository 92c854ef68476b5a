package rdfio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/piprate/json-gold/ld"

	"github.com/stadleuven/maturity/rdf"
)

// parseJSONLD converts a JSON-LD document to quads with json-gold. The
// expansion algorithm needs the whole document, so this reader (unlike the
// others) holds it in memory. Every call gets its own processor and loader:
// json-gold's caching loaders are not safe for concurrent use.
func parseJSONLD(r io.Reader, opts ParseOptions, emit func(rdf.Quad) error) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("rdfio: read %s: %w", readFileName(opts.File), err)
	}
	doc, err := jsonldReadDecode(data, opts.File)
	if err != nil {
		return err
	}
	loader, err := newJSONLDReadLoader(opts)
	if err != nil {
		return err
	}
	base := opts.Base
	if base == "" {
		// json-gold silently drops triples with relative IRIs when it has no
		// base; resolving against a sentinel lets us report them instead.
		base = jsonldNoBase
	}
	ldOpts := ld.NewJsonLdOptions(base)
	ldOpts.DocumentLoader = loader
	out, err := jsonldToRDF(doc, ldOpts)
	if err != nil {
		return &SyntaxError{File: opts.File, Msg: "JSON-LD: " + jsonldReadMessage(err)}
	}
	ds, ok := out.(*ld.RDFDataset)
	if !ok {
		return fmt.Errorf("rdfio: JSON-LD: unexpected result %T", out)
	}
	names := make([]string, 0, len(ds.Graphs))
	for name := range ds.Graphs {
		names = append(names, name)
	}
	sort.Strings(names) // "@default" sorts first
	for _, name := range names {
		for _, lq := range ds.Graphs[name] {
			q, ok := jsonldReadQuad(lq, opts.BlankPrefix)
			if !ok {
				continue
			}
			for _, t := range [...]rdf.Term{q.S, q.P, q.O, q.G, {Value: q.O.Datatype}} {
				if strings.HasPrefix(t.Value, jsonldNoBase) || strings.HasPrefix(t.Value, jsonldNoBaseScheme) {
					rel := strings.TrimPrefix(strings.TrimPrefix(t.Value, jsonldNoBase), jsonldNoBaseScheme)
					return &SyntaxError{File: opts.File, Msg: fmt.Sprintf("JSON-LD: relative IRI %q but no base IRI is set", rel)}
				}
			}
			if err := emit(q); err != nil {
				return fmt.Errorf("rdfio: %s: %w", readFileName(opts.File), err)
			}
		}
	}
	return nil
}

const (
	jsonldNoBaseScheme = "x-rdfio-no-base:"
	jsonldNoBase       = jsonldNoBaseScheme + "//base/"
)

// jsonldToRDF runs json-gold, turning its panics on unexpected JSON shapes
// (it type-asserts freely) into errors: a hostile upload must not crash the
// server.
func jsonldToRDF(doc any, opts *ld.JsonLdOptions) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("invalid JSON-LD document (processor failed: %v)", r)
		}
	}()
	return ld.NewJsonLdProcessor().ToRDF(doc, opts)
}

func readFileName(file string) string {
	if file == "" {
		return "<input>"
	}
	return file
}

// jsonldReadDecode parses the JSON text, turning JSON syntax errors into
// jsonldPosError SyntaxErrors. Numbers stay json.Number so that big integers
// keep their digits.
func jsonldReadDecode(data []byte, file string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	err := dec.Decode(&doc)
	if err == nil {
		off := dec.InputOffset()
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n", data[off]) >= 0 {
			off++
		}
		if off < int64(len(data)) {
			return nil, jsonldPosError(data, off, file, "data after the JSON document")
		}
		return doc, nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, including the offending one.
		return nil, jsonldPosError(data, max(se.Offset-1, 0), file, se.Error())
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, jsonldPosError(data, int64(len(data)), file, "unexpected end of JSON input")
	}
	return nil, &SyntaxError{File: file, Line: 1, Col: 1, Msg: err.Error()}
}

// jsonldPosError makes a SyntaxError for a byte offset in data.
func jsonldPosError(data []byte, off int64, file, msg string) *SyntaxError {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col := len([]rune(string(before[start:]))) + 1
	return &SyntaxError{File: file, Line: line, Col: col, Msg: msg}
}

func jsonldReadMessage(err error) string {
	var le *ld.JsonLdError
	if errors.As(err, &le) {
		if le.Details != nil {
			return fmt.Sprintf("%s: %v", le.Code, le.Details)
		}
		return string(le.Code)
	}
	return err.Error()
}

// jsonldReadLoader serves the local context from ParseOptions.Context for any
// context IRI and refuses everything else, so parsing never touches the
// network, whatever the document asks for.
type jsonldReadLoader struct {
	context any // a document with an "@context" member, or nil
}

func newJSONLDReadLoader(opts ParseOptions) (*jsonldReadLoader, error) {
	if len(opts.Context) == 0 {
		return &jsonldReadLoader{}, nil
	}
	ctx, err := jsonldReadDecode(opts.Context, "context")
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD local context: %w", err)
	}
	// Accept both a context document and a bare context object.
	if m, ok := ctx.(map[string]any); !ok || m["@context"] == nil {
		ctx = map[string]any{"@context": ctx}
	}
	return &jsonldReadLoader{context: ctx}, nil
}

func (l *jsonldReadLoader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if l.context == nil {
		return nil, ld.NewJsonLdError(ld.LoadingRemoteContextFailed,
			fmt.Sprintf("remote document <%s> is never fetched; supply the context locally", u))
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: l.context}, nil
}

// jsonldReadQuad converts a json-gold quad. Like relative IRIs (which
// json-gold already leaves out), quads with ill-formed IRIs or language
// tags are dropped, as the JSON-LD 1.1 RDF conversion prescribes.
func jsonldReadQuad(q *ld.Quad, blankPrefix string) (rdf.Quad, bool) {
	var out rdf.Quad
	var ok bool
	if out.S, ok = jsonldReadTerm(q.Subject, blankPrefix); !ok || out.S.IsLiteral() {
		return out, false
	}
	if out.P, ok = jsonldReadTerm(q.Predicate, blankPrefix); !ok || !out.P.IsIRI() {
		return out, false
	}
	if out.O, ok = jsonldReadTerm(q.Object, blankPrefix); !ok {
		return out, false
	}
	if q.Graph != nil {
		if out.G, ok = jsonldReadTerm(q.Graph, blankPrefix); !ok || out.G.IsLiteral() {
			return out, false
		}
	}
	return out, true
}

func jsonldReadTerm(n ld.Node, blankPrefix string) (rdf.Term, bool) {
	switch n := n.(type) {
	case ld.IRI:
		return rdf.IRI(n.Value), lexValidIRI(n.Value)
	case ld.BlankNode:
		return rdf.Blank(readBlankLabel(blankPrefix, strings.TrimPrefix(n.Attribute, "_:"))), true
	case ld.Literal:
		if !utf8.ValidString(n.Value) {
			return rdf.Term{}, false
		}
		if n.Language != "" {
			return rdf.LangLiteral(n.Value, n.Language), lexValidLang(n.Language)
		}
		t := rdf.TypedLiteral(n.Value, n.Datatype)
		return t, lexValidIRI(t.Datatype)
	}
	return rdf.Term{}, false
}
