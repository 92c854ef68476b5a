package jsonld

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// NewGroupWriter returns a Writer that streams a compacted JSON-LD document
// one subject at a time (rdfio.NewGroupWriter): one node object per group
// in @graph. It needs a context the direct writer handles (a flat one):
// term definitions with a container other than @set are left out of the
// streamed document's context (which is then written inline, not by its
// URL), and a context that is still not flat fails with
// codec.ErrCannotStream.
func NewGroupWriter(w io.Writer, opts codec.WriteOptions) (codec.Writer, error) {
	jw, err := newJSONLDWriter(w, opts)
	if err != nil {
		return nil, err
	}
	if jw.flat == nil {
		// A context with language maps (@container @language) needs
		// all of a property's values at once; a stream writes them
		// plainly, with the rest of the context.
		if jw, err = flatJSONLDWriter(w, opts); err != nil {
			return nil, err
		}
	}
	return codec.NewGroupWriter(w, &jsonldGroups{w: jw}), nil
}

// flatJSONLDWriter returns a direct JSON-LD writer for the flat part of
// opts' context: the term definitions with a container other than @set
// are dropped.
func flatJSONLDWriter(w io.Writer, opts codec.WriteOptions) (*jsonldWriter, error) {
	doc, err := jsonldContextDoc(opts)
	if err != nil {
		return nil, err
	}
	ctx, ok := doc["@context"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: JSON-LD with this context", codec.ErrCannotStream)
	}
	flat := make(map[string]any, len(ctx))
	for name, def := range ctx {
		if m, ok := def.(map[string]any); ok {
			if c, has := m["@container"]; has && c != "@set" {
				continue
			}
		}
		flat[name] = def
	}
	b, err := json.Marshal(map[string]any{"@context": flat})
	if err != nil {
		return nil, fmt.Errorf("rdfio: JSON-LD context: %w", err)
	}
	opts.Context, opts.ContextURL = b, ""
	jw, err := newJSONLDWriter(w, opts)
	if err != nil {
		return nil, err
	}
	if jw.flat == nil {
		return nil, fmt.Errorf("%w: JSON-LD with this context", codec.ErrCannotStream)
	}
	return jw, nil
}

// jsonldGroups writes a compacted JSON-LD document whose @graph holds one
// node object per group.
type jsonldGroups struct {
	w  *jsonldWriter
	nb jsonldNodeBuilder
}

func (j *jsonldGroups) Head(b *strings.Builder) error {
	b.WriteString("{\n")
	if j.w.ctxJSON != nil {
		b.WriteString(`  "@context": `)
		b.Write(j.w.ctxJSON)
		b.WriteString(",\n")
	}
	b.WriteString(`  "@graph": [`)
	return nil
}

func (j *jsonldGroups) Group(b *strings.Builder, ts []rdf.Quad, first bool) error {
	for _, t := range ts {
		if t.P.Value == rdf.RDFType && t.O.IsLiteral() {
			return fmt.Errorf("%w: JSON-LD: rdf:type with a literal value on %s", codec.ErrCannotStream, t.S)
		}
	}
	entries, err := j.nb.build(j.w.flat, jsonldID(ts[0].S), ts)
	if err != nil {
		return err
	}
	if !first {
		b.WriteByte(',')
	}
	b.WriteString("\n    ")
	b.Write(jsonldAppendObject(nil, entries, 2))
	return nil
}

func (j *jsonldGroups) Tail(b *strings.Builder) error {
	b.WriteString("\n  ]\n}\n")
	return nil
}
