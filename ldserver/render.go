package ldserver

import (
	"fmt"
	"io"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// contextURL is the stable URL of our JSON-LD context.
func (s *Server) contextURL() string { return s.base.URL("ns/context.jsonld") }

// writeOptions are the serializer options for r.
func (s *Server) writeOptions() rdfio.WriteOptions {
	o := rdfio.WriteOptions{Prefixes: s.cfg.Prefixes, Context: s.cfg.Context}
	if len(s.cfg.Context) > 0 {
		o.ContextURL = s.contextURL()
	}
	return o
}

// renderRDF writes quads in r's format. Descriptions are graphs, not
// datasets: graph names are dropped so every format carries the same
// triples (N-Quads keeps them where it is offered).
func (s *Server) renderRDF(w io.Writer, r httpx.Rep, quads []rdf.Quad) error {
	wr, err := rdfio.NewWriter(w, r.Format, s.writeOptions())
	if err != nil {
		return fmt.Errorf("render %s: %w", r.Name(), err)
	}
	keepGraphs := r.Format == rdfio.NQuads
	for _, q := range quads {
		if !keepGraphs {
			q.G = rdf.Term{}
		}
		if err := wr.Write(q); err != nil {
			return fmt.Errorf("render %s: %w", r.Name(), err)
		}
	}
	if err := wr.Close(); err != nil {
		return fmt.Errorf("render %s: %w", r.Name(), err)
	}
	return nil
}
