package ldserver

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/rdf"
)

// serveVoID answers /.well-known/void, content-negotiated.
func (s *Server) serveVoID(w http.ResponseWriter, r *http.Request) {
	dr, ok := s.parseDocReq(w, r, docOffers)
	if !ok {
		return
	}
	dr.path = "/.well-known/void"
	s.serveBuilt(w, r, dr, func(rd *reader) (*built, status, error) {
		quads, err := s.voidQuads(rd)
		if err != nil {
			return nil, 0, err
		}
		b := &built{iri: s.base.URL(".well-known/void"), quads: quads}
		if dr.rep.HTML {
			pb, err := s.newPageBuilder(rd, dr, quads)
			if err != nil {
				return nil, 0, err
			}
			main, err := pb.view(rdf.IRI(s.voidIRI("dataset")))
			if err != nil {
				return nil, 0, err
			}
			var terms []*resourceView
			for _, lt := range voidstats.LinkTargets {
				if _, ok := pb.bySubj[rdf.IRI(s.voidIRI("linkset-"+lt.Frag))]; !ok {
					continue
				}
				for _, id := range []string{"linkset-" + lt.Frag, lt.Frag} {
					v, err := pb.view(rdf.IRI(s.voidIRI(id)))
					if err != nil {
						return nil, 0, err
					}
					terms = append(terms, v)
				}
			}
			b.page = &pageModel{Lang: dr.lang, Title: main.Title, IRI: b.iri, Main: main, Terms: terms, Page: 1}
			b.page.Alternates = alternates(func(o httpx.Rep) string { return s.docURLOf(dr, o, 1) })
		}
		return b, statusOK, nil
	})
}

func (s *Server) voidIRI(frag string) string {
	return voidstats.DescriptionIRI(s.base.IRI) + "#" + frag
}

// voidQuads describes the dataset in VoID. Every graph counts for the ETag:
// the statistics change with any write.
func (s *Server) voidQuads(rd *reader) ([]rdf.Quad, error) {
	st, err := s.stats.Get(rd.ctx, rd.v)
	if err != nil {
		return nil, err
	}
	if err := rd.v.Graphs(rd.ctx, func(g uint64) bool { rd.use([4]uint64{0, 0, 0, g}); return true }); err != nil {
		return nil, err
	}
	if def, ok, err := rd.v.Lookup(rdf.Term{}); err != nil {
		return nil, err
	} else if ok {
		rd.use([4]uint64{0, 0, 0, def})
	}
	ds := rdf.IRI(s.voidIRI("dataset"))
	doc := rdf.IRI(s.base.URL(".well-known/void"))
	var out []rdf.Quad
	add := func(sub rdf.Term, p string, o rdf.Term) { out = append(out, rdf.Quad{S: sub, P: rdf.IRI(p), O: o}) }
	integer := func(n int) rdf.Term { return rdf.TypedLiteral(strconv.Itoa(n), rdf.XSDInteger) }
	add(doc, rdf.RDFType, rdf.IRI(nsVOID+"DatasetDescription"))
	add(doc, dctTitle, rdf.LangLiteral("Beschrijving van de open-data-maturiteitsdataset", "nl"))
	add(doc, dctTitle, rdf.LangLiteral("Description of the open data maturity dataset", "en"))
	add(doc, foafPrimaryTopic, ds)
	add(ds, rdf.RDFType, rdf.IRI(nsVOID+"Dataset"))
	add(ds, dctTitle, rdf.LangLiteral("Open-data-maturiteit van Vlaamse steden", "nl"))
	add(ds, dctTitle, rdf.LangLiteral("Open data maturity of Flemish cities", "en"))
	add(ds, dctDescription, rdf.LangLiteral("Het maturiteitsmodel, de organisaties, hun zelfevaluaties, bevragingen en actieplannen als linked open data.", "nl"))
	add(ds, dctDescription, rdf.LangLiteral("The maturity model, the organisations, their self-assessments, surveys and action plans as linked open data.", "en"))
	add(ds, dctLicense, rdf.IRI(s.cfg.Licence))
	add(ds, nsFOAF+"homepage", rdf.IRI(s.base.IRI))
	add(ds, nsVOID+"uriSpace", rdf.Literal(s.base.IRI))
	add(ds, nsVOID+"triples", integer(st.Quads))
	add(ds, nsVOID+"distinctSubjects", integer(st.Subjects))
	add(ds, nsVOID+"distinctObjects", integer(st.Objects))
	add(ds, nsVOID+"classes", integer(len(st.Classes)))
	add(ds, nsVOID+"properties", integer(len(st.Properties)))
	add(ds, nsVOID+"dataDump", rdf.IRI(s.base.URL("dumps/dataset.nq.gz")))
	add(ds, nsVOID+"dataDump", rdf.IRI(s.base.URL("dumps/dataset.ttl.gz")))
	add(ds, nsVOID+"rootResource", rdf.IRI(s.base.IRI))
	if s.routed("/sparql") {
		add(ds, nsVOID+"sparqlEndpoint", rdf.IRI(s.base.URL("sparql")))
	}
	for _, n := range s.base.Mirror.Namespaces() {
		if n.Hash() {
			add(ds, nsVOID+"vocabulary", rdf.IRI(strings.TrimSuffix(n.IRI, "#")))
		}
	}
	var classes []string
	for c := range st.Classes {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for i, c := range classes {
		part := rdf.Blank("class" + strconv.Itoa(i))
		add(ds, nsVOID+"classPartition", part)
		add(part, nsVOID+"class", rdf.IRI(c))
		add(part, nsVOID+"entities", integer(st.Classes[c]))
	}
	var props []string
	for p := range st.Properties {
		props = append(props, p)
	}
	sort.Strings(props)
	for i, p := range props {
		part := rdf.Blank("prop" + strconv.Itoa(i))
		add(ds, nsVOID+"propertyPartition", part)
		add(part, nsVOID+"property", rdf.IRI(p))
		add(part, nsVOID+"triples", integer(st.Properties[p]))
	}
	for _, lt := range voidstats.LinkTargets {
		byPred := st.Links[lt.Frag]
		if len(byPred) == 0 {
			continue
		}
		ls := rdf.IRI(s.voidIRI("linkset-" + lt.Frag))
		target := rdf.IRI(s.voidIRI(lt.Frag))
		add(ds, nsVOID+"subset", ls)
		add(ls, rdf.RDFType, rdf.IRI(nsVOID+"Linkset"))
		add(ls, dctTitle, rdf.Literal("→ "+lt.Title))
		add(ls, nsVOID+"subjectsTarget", ds)
		add(ls, nsVOID+"objectsTarget", target)
		total := 0
		var lps []string
		for lp, n := range byPred {
			lps = append(lps, lp)
			total += n
		}
		sort.Strings(lps)
		for _, lp := range lps {
			add(ls, nsVOID+"linkPredicate", rdf.IRI(lp))
		}
		add(ls, nsVOID+"triples", integer(total))
		add(target, rdf.RDFType, rdf.IRI(nsVOID+"Dataset"))
		add(target, dctTitle, rdf.Literal(lt.Title))
		add(target, nsVOID+"uriSpace", rdf.Literal(lt.URISpace))
		add(target, nsFOAF+"homepage", rdf.IRI(lt.Homepage))
	}
	return out, nil
}
