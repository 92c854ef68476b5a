package ttl

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// NewTurtleGroupWriter returns a Writer that streams Turtle one subject at a
// time (rdfio.NewGroupWriter): @base and every prefix up front, then one
// statement per group, blank nodes by label.
func NewTurtleGroupWriter(w io.Writer, opts codec.WriteOptions) (codec.Writer, error) {
	prefixes, err := turtlePrefixes(opts.Prefixes)
	if err != nil {
		return nil, err
	}
	if opts.Base != "" {
		if err := codec.CheckIRI(rdf.IRI(opts.Base)); err != nil {
			return nil, fmt.Errorf("rdfio: base: %w", err)
		}
	}
	return codec.NewGroupWriter(w, &turtleGroups{prefixes: prefixes, base: newWriteBase(opts.Base)}), nil
}

// turtleGroups writes Turtle: @base and @prefix lines, then one statement
// per group.
type turtleGroups struct {
	prefixes []codec.Prefix
	base     *writeBase
}

func (t *turtleGroups) Head(b *strings.Builder) error {
	if t.base != nil {
		b.WriteString("@base ")
		rdf.IRI(t.base.iri).AppendNT(b)
		b.WriteString(" .\n")
	}
	decl := slices.Clone(t.prefixes)
	slices.SortFunc(decl, func(a, b codec.Prefix) int { return cmp.Compare(a.Name, b.Name) })
	for _, p := range decl {
		b.WriteString("@prefix ")
		b.WriteString(p.Name)
		b.WriteString(": ")
		rdf.IRI(p.IRI).AppendNT(b)
		b.WriteString(" .\n")
	}
	return nil
}

func (t *turtleGroups) Group(b *strings.Builder, ts []rdf.Quad, first bool) error {
	s := turtleSer{prefixes: t.prefixes, base: t.base, used: make([]bool, len(t.prefixes))}
	s.g = codec.NewFlatGraph(ts)
	if first && (t.base != nil || len(t.prefixes) > 0) {
		b.WriteByte('\n')
	}
	s.term(ts[0].S, 0)
	s.b.WriteByte(' ')
	s.predicateObjects(s.g.Triples, 4)
	s.b.WriteString(" .\n")
	b.WriteString(s.b.String())
	return nil
}

func (t *turtleGroups) Tail(*strings.Builder) error { return nil }
