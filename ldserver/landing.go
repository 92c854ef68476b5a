package ldserver

import (
	"net/http"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Classes whose instances the landing page lists as organisations.
var orgClasses = []string{
	"http://www.w3.org/ns/org#Organization",
	"http://www.w3.org/ns/org#FormalOrganization",
	"http://xmlns.com/foaf/0.1/Organization",
	"http://schema.org/Organization",
	"http://data.vlaanderen.be/ns/besluit#Bestuurseenheid",
}

const maxLandingItems = 100

// landingModel is the content of the landing page.
type landingModel struct {
	Organisations []value
	Schemes       []schemeView
	Vocabulary    value
	Datasets      []value
	SPARQL        string
	Catalog       string
	AssessForm    string
	VoID          string
	Context       string
	Dumps         []dumpLink
}

type schemeView struct {
	Scheme   value
	Concepts []value
	Open     bool // shown unfolded: the maturity model itself
	rank     int
}

type dumpLink struct{ Name, Href, Text string }

// serveLanding answers / with the page that introduces the instance; as
// RDF it is the VoID description of the dataset.
func (s *Server) serveLanding(w http.ResponseWriter, r *http.Request) {
	dr, ok := s.parseDocReq(w, r, pageOffers)
	if !ok {
		return
	}
	dr.path = "/"
	s.serveBuilt(w, r, dr, func(rd *reader) (*built, status, error) {
		quads, err := s.voidQuads(rd)
		if err != nil {
			return nil, 0, err
		}
		b := &built{iri: s.base.iri, quads: quads}
		if dr.rep.html {
			lm, err := s.buildLanding(rd, dr)
			if err != nil {
				return nil, 0, err
			}
			b.page = &pageModel{Lang: dr.lang, Title: s.msg(dr.lang, msgIntroTitle), IRI: s.base.iri, Landing: lm}
			for _, o := range docOffers {
				if !o.html {
					b.page.Alternates = append(b.page.Alternates, alternate{Name: strings.ToUpper(strings.TrimPrefix(o.ext(), ".")), MediaType: o.mediaType(), Href: s.base.url(".well-known/void") + "?format=" + o.name()})
				}
			}
		}
		return b, statusOK, nil
	})
}

func (s *Server) buildLanding(rd *reader, dr docReq) (*landingModel, error) {
	pb, err := s.newPageBuilder(rd, dr, nil)
	if err != nil {
		return nil, err
	}
	lm := &landingModel{
		VoID:    s.base.url(".well-known/void"),
		Context: s.contextURL(),
		Dumps: []dumpLink{
			{Name: "dataset.nq.gz", Href: s.base.url("dumps/dataset.nq.gz"), Text: s.msg(dr.lang, msgDumpNQ)},
			{Name: "dataset.ttl.gz", Href: s.base.url("dumps/dataset.ttl.gz"), Text: s.msg(dr.lang, msgDumpTTL)},
		},
	}
	if dr.langParam {
		lm.VoID += "?lang=" + dr.lang
	}
	if s.routed("/sparql") {
		lm.SPARQL = s.base.url("sparql")
	}
	if s.routed("/catalog") {
		lm.Catalog = s.base.url("catalog")
	}
	if s.routed("/evaluatie/nieuw") {
		lm.AssessForm = s.base.url("evaluatie/nieuw")
		if dr.langParam {
			lm.AssessForm += "?lang=" + dr.lang
		}
	}
	orgs, err := pb.instances(orgClasses, maxLandingItems)
	if err != nil {
		return nil, err
	}
	lm.Organisations = orgs
	if lm.Datasets, err = pb.instances([]string{qbDataSet}, maxLandingItems); err != nil {
		return nil, err
	}
	if onts, err := pb.instances([]string{nsOWL + "Ontology"}, 1); err != nil {
		return nil, err
	} else if len(onts) > 0 {
		lm.Vocabulary = onts[0]
	}
	schemes, err := pb.instanceIDs([]string{skosConceptScheme}, maxLandingItems)
	if err != nil {
		return nil, err
	}
	inScheme, err := rd.iriID(skosInScheme)
	if err != nil {
		return nil, err
	}
	top, err := rd.iriID(nsSKOS + "hasTopConcept")
	if err != nil {
		return nil, err
	}
	typ, err := rd.iriID(rdf.RDFType)
	if err != nil {
		return nil, err
	}
	for _, sc := range schemes {
		t, err := rd.term(sc)
		if err != nil {
			return nil, err
		}
		sv := schemeView{}
		if sv.Scheme, err = pb.value(t, 0); err != nil {
			return nil, err
		}
		members, err := rd.subjects(inScheme, sc, maxLandingItems)
		if err != nil {
			return nil, err
		}
		tops, err := rd.objects(sc, top)
		if err != nil {
			return nil, err
		}
		// A scheme with a type of its own besides skos:ConceptScheme (a
		// mat:MaturityModel) is the model; then schemes with top concepts.
		types, err := rd.objects(sc, typ)
		if err != nil {
			return nil, err
		}
		switch {
		case len(types) > 1:
			sv.rank = 0
		case len(tops) > 0:
			sv.rank = 1
		default:
			sv.rank = 2
		}
		tbl, err := pb.table(members, map[string]bool{skosInScheme: true}, nil)
		if err != nil {
			return nil, err
		}
		for _, row := range tbl.Rows {
			sv.Concepts = append(sv.Concepts, row[0]...)
		}
		lm.Schemes = append(lm.Schemes, sv)
	}
	sort.SliceStable(lm.Schemes, func(i, j int) bool {
		if lm.Schemes[i].rank != lm.Schemes[j].rank {
			return lm.Schemes[i].rank < lm.Schemes[j].rank
		}
		return strings.ToLower(lm.Schemes[i].Scheme.Text) < strings.ToLower(lm.Schemes[j].Scheme.Text)
	})
	if len(lm.Schemes) > 0 {
		lm.Schemes[0].Open = true
	}
	return lm, nil
}

// instanceIDs returns up to limit distinct instances of the classes.
func (pb *pageBuilder) instanceIDs(classes []string, limit int) ([]uint64, error) {
	rd := pb.rd
	typ, err := rd.iriID(rdf.RDFType)
	if err != nil || typ == 0 {
		return nil, err
	}
	seen := map[uint64]bool{}
	var out []uint64
	for _, c := range classes {
		cid, err := rd.iriID(c)
		if err != nil {
			return nil, err
		}
		ids, err := rd.subjects(typ, cid, limit)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if !seen[id] && len(out) < limit {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// instances renders the instances of the classes as labelled links, sorted.
func (pb *pageBuilder) instances(classes []string, limit int) ([]value, error) {
	ids, err := pb.instanceIDs(classes, limit)
	if err != nil {
		return nil, err
	}
	var out []value
	for _, id := range ids {
		t, err := pb.rd.term(id)
		if err != nil {
			return nil, err
		}
		if !t.IsIRI() {
			continue
		}
		v, err := pb.value(t, 0)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Text) < strings.ToLower(out[j].Text) })
	return out, nil
}
