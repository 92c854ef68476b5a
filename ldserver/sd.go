package ldserver

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
)

// Vocabularies of the SPARQL 1.1 Service Description.
const (
	nsSD      = "http://www.w3.org/ns/sparql-service-description#"
	nsFormats = "http://www.w3.org/ns/formats/"
	entSimple = "http://www.w3.org/ns/entailment/Simple"
)

// formatIRIs are the W3C unique identifiers of the formats we send.
var formatIRIs = map[string]string{
	results.JSON.MediaType():   nsFormats + "SPARQL_Results_JSON",
	results.XML.MediaType():    nsFormats + "SPARQL_Results_XML",
	results.CSV.MediaType():    nsFormats + "SPARQL_Results_CSV",
	results.TSV.MediaType():    nsFormats + "SPARQL_Results_TSV",
	rdfio.Turtle.MediaType():   nsFormats + "Turtle",
	rdfio.NTriples.MediaType(): nsFormats + "N-Triples",
	rdfio.NQuads.MediaType():   nsFormats + "N-Quads",
	rdfio.RDFXML.MediaType():   nsFormats + "RDF_XML",
	rdfio.JSONLD.MediaType():   nsFormats + "JSON-LD",
}

// graphCounts are the sizes of the stored graphs in one generation.
type graphCounts struct {
	def   int               // the stored default graph
	named map[uint64]int    // named graph id → quads
	names map[uint64]string // named graph id → IRI
}

// sdCache computes the graph sizes once per generation: a full scan.
type sdCache struct {
	mu  sync.Mutex
	gen uint64
	gc  *graphCounts
}

func (c *sdCache) get(rd *reader) (*graphCounts, error) {
	gen := rd.v.Generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gc != nil && c.gen == gen {
		return c.gc, nil
	}
	def, _, err := rd.v.Lookup(rdf.Term{})
	if err != nil {
		return nil, err
	}
	gc := &graphCounts{named: map[uint64]int{}, names: map[uint64]string{}}
	if err := rd.v.Graphs(rd.ctx, func(g uint64) bool { gc.named[g] = 0; return true }); err != nil {
		return nil, err
	}
	err = rd.match(0, 0, 0, 0, func(q [4]uint64) bool {
		if q[3] == def {
			gc.def++
		} else {
			gc.named[q[3]]++
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	for g := range gc.named {
		t, err := rd.term(g)
		if err != nil {
			return nil, err
		}
		gc.names[g] = t.Value
	}
	c.gc, c.gen = gc, gen
	return gc, nil
}

// serveServiceDescription answers GET /sparql without a query: the SPARQL
// 1.1 Service Description of the endpoint, with VoID statistics of its
// default dataset, in the negotiated RDF format (Turtle by default).
func (s *Server) serveServiceDescription(w http.ResponseWriter, r *http.Request, format string) {
	lang, _ := s.pickLang(r)
	offers := []rep{repTurtle, repJSONLD, repNTriples, repRDFXML}
	var (
		rp rep
		ok bool
	)
	if format != "" {
		rp, ok = graphFormatByName(format)
	} else {
		rp, ok = negotiate(r.Header.Get("Accept"), offers)
	}
	if !ok {
		s.sparqlError(w, r, http.StatusNotAcceptable, lang, smNotAcceptable, "text/turtle\napplication/ld+json\napplication/n-triples\napplication/rdf+xml")
		return
	}
	v, ok := s.view(w, r)
	if !ok {
		return
	}
	defer v.Close()
	rd := newReader(r.Context(), v)
	quads, err := s.sdQuads(rd)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", rp.contentType())
	h.Set("Cache-Control", "public, max-age=60")
	if r.Method == http.MethodHead {
		return
	}
	if err := s.renderSD(w, rp, quads); err != nil {
		s.log.ErrorContext(r.Context(), "service description", "err", err)
	}
}

// sdPrefixes make the description readable; Turtle declares the ones used.
var sdPrefixes = []rdfio.Prefix{
	{Name: "sd", IRI: nsSD},
	{Name: "void", IRI: nsVOID},
	{Name: "formats", IRI: nsFormats},
	{Name: "dct", IRI: nsDCT},
}

// renderSD writes the description with the server's prefixes and those of
// the Service Description vocabularies.
func (s *Server) renderSD(w io.Writer, rp rep, quads []rdf.Quad) error {
	opts := s.writeOptions()
	opts.Prefixes = slices.Clip(opts.Prefixes)
	for _, p := range sdPrefixes {
		if !slices.ContainsFunc(opts.Prefixes, func(q rdfio.Prefix) bool { return q.Name == p.Name || q.IRI == p.IRI }) {
			opts.Prefixes = append(opts.Prefixes, p)
		}
	}
	wr, err := rdfio.NewWriter(w, rp.format, opts)
	if err != nil {
		return fmt.Errorf("render %s: %w", rp.name(), err)
	}
	for _, q := range quads {
		if err := wr.Write(q); err != nil {
			return fmt.Errorf("render %s: %w", rp.name(), err)
		}
	}
	return wr.Close()
}

// sdQuads describes the endpoint.
func (s *Server) sdQuads(rd *reader) ([]rdf.Quad, error) {
	st, err := s.stats.get(rd)
	if err != nil {
		return nil, err
	}
	gc, err := s.sparql.sd.get(rd)
	if err != nil {
		return nil, err
	}
	var out []rdf.Quad
	add := func(sub rdf.Term, p string, o rdf.Term) { out = append(out, rdf.Quad{S: sub, P: rdf.IRI(p), O: o}) }
	integer := func(n int) rdf.Term { return rdf.TypedLiteral(strconv.Itoa(n), rdf.XSDInteger) }
	svc := rdf.IRI(s.base.url("sparql"))
	ds := rdf.IRI(s.voidIRI("dataset"))
	add(svc, rdf.RDFType, rdf.IRI(nsSD+"Service"))
	add(svc, dctTitle, rdf.LangLiteral("SPARQL-eindpunt van de open-data-maturiteit van Vlaamse steden", "nl"))
	add(svc, dctTitle, rdf.LangLiteral("SPARQL endpoint of the open data maturity of Flemish cities", "en"))
	add(svc, nsSD+"endpoint", svc)
	add(svc, nsSD+"supportedLanguage", rdf.IRI(nsSD+"SPARQL11Query"))
	add(svc, nsSD+"defaultEntailmentRegime", rdf.IRI(entSimple))
	if s.sparql.mode == sparql.UnionDefaultGraph {
		add(svc, nsSD+"feature", rdf.IRI(nsSD+"UnionDefaultGraph"))
	}
	if s.sparql.service != nil {
		add(svc, nsSD+"feature", rdf.IRI(nsSD+"BasicFederatedQuery"))
	}
	for _, o := range selectOffers {
		add(svc, nsSD+"resultFormat", rdf.IRI(formatIRIs[o.format.MediaType()]))
	}
	for _, f := range rdfFormats() {
		add(svc, nsSD+"resultFormat", rdf.IRI(formatIRIs[f.MediaType()]))
	}
	add(svc, nsSD+"defaultDataset", ds)

	add(ds, rdf.RDFType, rdf.IRI(nsSD+"Dataset"))
	add(ds, rdf.RDFType, rdf.IRI(nsVOID+"Dataset"))
	add(ds, nsVOID+"sparqlEndpoint", svc)
	add(ds, nsVOID+"triples", integer(st.quads))
	add(ds, nsVOID+"distinctSubjects", integer(st.subjects))
	add(ds, nsVOID+"distinctObjects", integer(st.objects))
	add(ds, nsVOID+"classes", integer(len(st.classes)))
	add(ds, nsVOID+"properties", integer(len(st.properties)))

	def := rdf.Blank("defaultGraph")
	add(ds, nsSD+"defaultGraph", def)
	add(def, rdf.RDFType, rdf.IRI(nsSD+"Graph"))
	if s.sparql.mode == sparql.UnionDefaultGraph {
		add(def, nsVOID+"triples", integer(st.quads))
	} else {
		add(def, nsVOID+"triples", integer(gc.def))
	}
	ids := make([]uint64, 0, len(gc.named))
	for g := range gc.named {
		ids = append(ids, g)
	}
	sort.Slice(ids, func(i, j int) bool { return gc.names[ids[i]] < gc.names[ids[j]] })
	for i, g := range ids {
		ng := rdf.Blank("ng" + strconv.Itoa(i))
		gr := rdf.Blank("g" + strconv.Itoa(i))
		add(ds, nsSD+"namedGraph", ng)
		add(ng, rdf.RDFType, rdf.IRI(nsSD+"NamedGraph"))
		add(ng, nsSD+"name", rdf.IRI(gc.names[g]))
		add(ng, nsSD+"graph", gr)
		add(gr, rdf.RDFType, rdf.IRI(nsSD+"Graph"))
		add(gr, nsVOID+"triples", integer(gc.named[g]))
	}
	return out, nil
}
