package sparqlhttp

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
)

// Vocabularies of the SPARQL 1.1 Service Description.
const (
	nsVOID    = "http://rdfs.org/ns/void#"
	nsDCT     = "http://purl.org/dc/terms/"
	dctTitle  = nsDCT + "title"
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

// serveServiceDescription answers GET /sparql without a query: the SPARQL
// 1.1 Service Description of the endpoint, with VoID statistics of its
// default dataset, in the negotiated RDF format (Turtle by default).
func (s *Endpoint) serveServiceDescription(w http.ResponseWriter, r *http.Request, format string) {
	lang, _ := s.pickLang(r)
	offers := []httpx.Rep{httpx.RepTurtle, httpx.RepJSONLD, httpx.RepNTriples, httpx.RepRDFXML}
	var (
		rp httpx.Rep
		ok bool
	)
	if format != "" {
		rp, ok = graphFormatByName(format)
	} else {
		rp, ok = httpx.Negotiate(r.Header.Get("Accept"), offers)
	}
	if !ok {
		s.sparqlError(w, r, http.StatusNotAcceptable, lang, "sparqlNotAcceptable", "text/turtle\napplication/ld+json\napplication/n-triples\napplication/rdf+xml")
		return
	}
	v, ok := s.view(w, r)
	if !ok {
		return
	}
	st, err := s.stats.Get(r.Context(), v)
	v.Close()
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	quads := s.sdQuads(st)
	h := w.Header()
	h.Set("Content-Type", rp.ContentType())
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
func (s *Endpoint) renderSD(w io.Writer, rp httpx.Rep, quads []rdf.Quad) error {
	opts := s.writeOpts
	opts.Prefixes = slices.Clip(opts.Prefixes)
	for _, p := range sdPrefixes {
		if !slices.ContainsFunc(opts.Prefixes, func(q rdfio.Prefix) bool { return q.Name == p.Name || q.IRI == p.IRI }) {
			opts.Prefixes = append(opts.Prefixes, p)
		}
	}
	wr, err := rdfio.NewWriter(w, rp.Format, opts)
	if err != nil {
		return fmt.Errorf("render %s: %w", rp.Name(), err)
	}
	for _, q := range quads {
		if err := wr.Write(q); err != nil {
			return fmt.Errorf("render %s: %w", rp.Name(), err)
		}
	}
	return wr.Close()
}

// sdQuads describes the endpoint, with the counts of st.
func (s *Endpoint) sdQuads(st *voidstats.Stats) []rdf.Quad {
	var out []rdf.Quad
	add := func(sub rdf.Term, p string, o rdf.Term) { out = append(out, rdf.Quad{S: sub, P: rdf.IRI(p), O: o}) }
	integer := func(n int) rdf.Term { return rdf.TypedLiteral(strconv.Itoa(n), rdf.XSDInteger) }
	svc := rdf.IRI(s.base.URL("sparql"))
	ds := rdf.IRI(voidstats.DatasetIRI(s.base.IRI))
	add(svc, rdf.RDFType, rdf.IRI(nsSD+"Service"))
	add(svc, dctTitle, rdf.LangLiteral("SPARQL-eindpunt van de open-data-maturiteit van Vlaamse steden", "nl"))
	add(svc, dctTitle, rdf.LangLiteral("SPARQL endpoint of the open data maturity of Flemish cities", "en"))
	add(svc, nsSD+"endpoint", svc)
	add(svc, nsSD+"supportedLanguage", rdf.IRI(nsSD+"SPARQL11Query"))
	add(svc, nsSD+"defaultEntailmentRegime", rdf.IRI(entSimple))
	if s.mode == sparql.UnionDefaultGraph {
		add(svc, nsSD+"feature", rdf.IRI(nsSD+"UnionDefaultGraph"))
	}
	if s.service != nil {
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
	add(ds, nsVOID+"triples", integer(st.Quads))
	add(ds, nsVOID+"distinctSubjects", integer(st.Subjects))
	add(ds, nsVOID+"distinctObjects", integer(st.Objects))
	add(ds, nsVOID+"classes", integer(len(st.Classes)))
	add(ds, nsVOID+"properties", integer(len(st.Properties)))

	def := rdf.Blank("defaultGraph")
	add(ds, nsSD+"defaultGraph", def)
	add(def, rdf.RDFType, rdf.IRI(nsSD+"Graph"))
	if s.mode == sparql.UnionDefaultGraph {
		add(def, nsVOID+"triples", integer(st.Quads))
	} else {
		add(def, nsVOID+"triples", integer(st.Default))
	}
	names := make([]string, 0, len(st.Named))
	for g := range st.Named {
		names = append(names, g)
	}
	sort.Strings(names)
	for i, g := range names {
		ng := rdf.Blank("ng" + strconv.Itoa(i))
		gr := rdf.Blank("g" + strconv.Itoa(i))
		add(ds, nsSD+"namedGraph", ng)
		add(ng, rdf.RDFType, rdf.IRI(nsSD+"NamedGraph"))
		add(ng, nsSD+"name", rdf.IRI(g))
		add(ng, nsSD+"graph", gr)
		add(gr, rdf.RDFType, rdf.IRI(nsSD+"Graph"))
		add(gr, nsVOID+"triples", integer(st.Named[g]))
	}
	return out
}
