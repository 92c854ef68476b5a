package jsonld

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
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// Parse converts a JSON-LD document to quads with json-gold and calls emit
// for each, as rdfio.Parse describes. The
// expansion algorithm needs the whole document, so this reader (unlike the
// others) holds it in memory. Every call gets its own processor and loader:
// json-gold's caching loaders are not safe for concurrent use.
func Parse(r io.Reader, opts codec.ParseOptions, emit func(rdf.Quad) error) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("rdfio: read %s: %w", codec.FileName(opts.File), err)
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
	// Expanded first and checked: the conversion to RDF drops what RDF
	// cannot hold (an @id that is no valid IRI, a bad language tag)
	// without a word, and a document whose every @id was broken imported
	// nothing with success.
	expanded, err := jsonldRun(func() (any, error) { return ld.NewJsonLdProcessor().Expand(doc, ldOpts) })
	if err != nil {
		return &codec.SyntaxError{File: opts.File, Msg: "JSON-LD: " + jsonldReadMessage(err)}
	}
	if err := jsonldCheck(expanded, ""); err != nil {
		return jsonldTermError(data, opts.File, err)
	}
	out, err := jsonldToRDF(expanded, ldOpts)
	if err != nil {
		return &codec.SyntaxError{File: opts.File, Msg: "JSON-LD: " + jsonldReadMessage(err)}
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
			q, err := jsonldReadQuad(lq, opts.BlankPrefix)
			if err != nil {
				// The JSON-LD algorithms drop such a triple silently, and
				// a document whose every @id is broken imported nothing
				// without a word. Here it is an error, placed at the
				// value's first occurrence in the text when it is found
				// there as written.
				return jsonldTermError(data, opts.File, err)
			}
			for _, t := range [...]rdf.Term{q.S, q.P, q.O, q.G, {Value: q.O.Datatype}} {
				if strings.HasPrefix(t.Value, jsonldNoBase) || strings.HasPrefix(t.Value, jsonldNoBaseScheme) {
					rel := strings.TrimPrefix(strings.TrimPrefix(t.Value, jsonldNoBase), jsonldNoBaseScheme)
					return &codec.SyntaxError{File: opts.File, Msg: fmt.Sprintf("JSON-LD: relative IRI %q but no base IRI is set", rel)}
				}
			}
			if err := emit(q); err != nil {
				return fmt.Errorf("rdfio: %s: %w", codec.FileName(opts.File), err)
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
	return jsonldRun(func() (any, error) { return ld.NewJsonLdProcessor().ToRDF(doc, opts) })
}

// jsonldRun runs a json-gold call, turning its panics into errors.
func jsonldRun(f func() (any, error)) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("invalid JSON-LD document (processor failed: %v)", r)
		}
	}()
	return f()
}

// jsonldCheck walks an expanded JSON-LD document and returns the first
// IRI, blank node property or language tag that RDF cannot hold. role
// says what v is in its parent ("" for the document, a list or a set).
func jsonldCheck(v any, role string) error {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if err := jsonldCheck(e, role); err != nil {
				return err
			}
		}
	case map[string]any:
		if _, ok := v["@value"]; ok {
			if lang, ok := v["@language"].(string); ok && !codec.ValidLang(lang) {
				return &jsonldBadTerm{"language tag", lang, "is not a valid language tag (BCP 47)"}
			}
			if dt, ok := v["@type"].(string); ok && dt != "@json" && !codec.ValidIRI(dt) {
				return &jsonldBadTerm{"datatype", dt, "is not a valid IRI"}
			}
			return nil
		}
		nodeRole := "subject"
		if role != "" {
			nodeRole = role
		}
		if id, ok := v["@id"].(string); ok && !strings.HasPrefix(id, "_:") && !codec.ValidIRI(id) {
			return &jsonldBadTerm{nodeRole, id, "is not a valid IRI"}
		}
		for key, val := range v {
			switch key {
			case "@id", "@index", "@direction":
			case "@type":
				if types, ok := val.([]any); ok {
					for _, t := range types {
						if s, ok := t.(string); ok && !strings.HasPrefix(s, "_:") && !codec.ValidIRI(s) {
							return &jsonldBadTerm{"type", s, "is not a valid IRI"}
						}
					}
				}
			case "@graph", "@included", "@list", "@set":
				if err := jsonldCheck(val, role); err != nil {
					return err
				}
			case "@reverse":
				if m, ok := val.(map[string]any); ok {
					if err := jsonldCheck(m, "subject"); err != nil {
						return err
					}
				}
			default:
				if strings.HasPrefix(key, "_:") {
					return &jsonldBadTerm{"predicate", key, "is a blank node, which RDF does not allow as a property"}
				}
				if !strings.HasPrefix(key, "@") && !codec.ValidIRI(key) {
					return &jsonldBadTerm{"predicate", key, "is not a valid IRI"}
				}
				if err := jsonldCheck(val, "object"); err != nil {
					return err
				}
			}
		}
	}
	return nil
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
	return nil, &codec.SyntaxError{File: file, Line: 1, Col: 1, Msg: err.Error()}
}

// jsonldPosError makes a codec.SyntaxError for a byte offset in data.
func jsonldPosError(data []byte, off int64, file, msg string) *codec.SyntaxError {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	col := len([]rune(string(before[start:]))) + 1
	return &codec.SyntaxError{File: file, Line: line, Col: col, Msg: msg}
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

// jsonldReadLoader serves the local context from ParseOptions.Context for
// any context IRI and refuses everything else, so parsing never touches
// the network, whatever the document asks for.
type jsonldReadLoader struct {
	context any // a document with an "@context" member, or nil
}

func newJSONLDReadLoader(opts codec.ParseOptions) (*jsonldReadLoader, error) {
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

// jsonldBadTerm is a term of a converted quad that RDF cannot hold: an
// ill-formed IRI or language tag, text that is not UTF-8.
type jsonldBadTerm struct {
	role  string // "subject", "predicate", "object", "graph", "datatype", "language tag"
	value string
	why   string
}

func (e *jsonldBadTerm) Error() string {
	return fmt.Sprintf("JSON-LD: %s %q %s", e.role, e.value, e.why)
}

// jsonldTermError places a bad term at the first occurrence of its value,
// as a JSON string, in the document; a value that the processor built
// (an expanded prefix, a resolved relative IRI) is not found and the
// error names it without a position.
func jsonldTermError(data []byte, file string, err error) error {
	var bt *jsonldBadTerm
	if errors.As(err, &bt) {
		if rel, ok := strings.CutPrefix(bt.value, jsonldNoBase); ok {
			return &codec.SyntaxError{File: file, Msg: fmt.Sprintf("JSON-LD: relative IRI %q but no base IRI is set", rel)}
		}
		lit, _ := json.Marshal(bt.value)
		if i := bytes.Index(data, lit); i >= 0 {
			return jsonldPosError(data, int64(i), file, bt.Error())
		}
	}
	return &codec.SyntaxError{File: file, Msg: err.Error()}
}

// jsonldReadQuad converts a json-gold quad; a term RDF cannot hold is an
// error that names it.
func jsonldReadQuad(q *ld.Quad, blankPrefix string) (rdf.Quad, error) {
	var out rdf.Quad
	var err error
	if out.S, err = jsonldReadTerm(q.Subject, blankPrefix, "subject"); err != nil {
		return out, err
	}
	if out.S.IsLiteral() {
		return out, &jsonldBadTerm{"subject", out.S.Value, "is a literal"}
	}
	if out.P, err = jsonldReadTerm(q.Predicate, blankPrefix, "predicate"); err != nil {
		return out, err
	}
	if !out.P.IsIRI() {
		return out, &jsonldBadTerm{"predicate", out.P.Value, "is not an IRI (a blank node cannot be a property in RDF)"}
	}
	if out.O, err = jsonldReadTerm(q.Object, blankPrefix, "object"); err != nil {
		return out, err
	}
	if q.Graph != nil {
		if out.G, err = jsonldReadTerm(q.Graph, blankPrefix, "graph"); err != nil {
			return out, err
		}
	}
	return out, nil
}

func jsonldReadTerm(n ld.Node, blankPrefix, role string) (rdf.Term, error) {
	switch n := n.(type) {
	case ld.IRI:
		if !codec.ValidIRI(n.Value) {
			return rdf.Term{}, &jsonldBadTerm{role, n.Value, "is not a valid IRI"}
		}
		return rdf.IRI(n.Value), nil
	case ld.BlankNode:
		return rdf.Blank(codec.BlankLabel(blankPrefix, strings.TrimPrefix(n.Attribute, "_:"))), nil
	case ld.Literal:
		if !utf8.ValidString(n.Value) {
			return rdf.Term{}, &jsonldBadTerm{role, n.Value, "is not valid UTF-8"}
		}
		if n.Language != "" {
			if !codec.ValidLang(n.Language) {
				return rdf.Term{}, &jsonldBadTerm{"language tag", n.Language, "is not a valid language tag (BCP 47)"}
			}
			return rdf.LangLiteral(n.Value, n.Language), nil
		}
		t := rdf.TypedLiteral(n.Value, n.Datatype)
		if !codec.ValidIRI(t.Datatype) {
			return rdf.Term{}, &jsonldBadTerm{"datatype", t.Datatype, "is not a valid IRI"}
		}
		return t, nil
	}
	return rdf.Term{}, &jsonldBadTerm{role, fmt.Sprint(n), "is not an RDF term"}
}
