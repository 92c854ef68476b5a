package ldserver

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
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
	// Definitions and Conclusions are the study's, as the model links
	// them (mat:usesDefinition, mat:conclusion): what someone filling in an
	// assessment must know first.
	Definitions []definitionView
	Conclusions []conclusionView
}

// definitionView is one of the study's definitions with its conditions.
type definitionView struct {
	Term       value
	Text       string
	Basis      *basisMark
	Conditions []textView
	Notes      []textView
}

// conclusionView is one conclusion: the study's words (or our translation)
// and our reading of it.
type conclusionView struct {
	Link    value
	Text    string
	Basis   *basisMark
	Notes   []textView
	Reading string
}

type textView struct {
	Text  string
	Basis *basisMark
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
		b := &built{iri: s.base.IRI, quads: quads}
		if dr.rep.HTML {
			lm, err := s.buildLanding(rd, dr)
			if err != nil {
				return nil, 0, err
			}
			b.page = &pageModel{Lang: dr.lang, Title: i18n.T(dr.lang, "introTitle"), IRI: s.base.IRI, Landing: lm}
			b.page.Alternates = alternates(func(o httpx.Rep) string { return s.base.URL(".well-known/void") + "?format=" + o.Name() })
		}
		return b, statusOK, nil
	})
}

// buildLanding builds the landing page: the links to the services, the
// organisations, the concept schemes of the model, the datasets and the
// study's definitions and conclusions.
func (s *Server) buildLanding(rd *reader, dr docReq) (*landingModel, error) {
	pb, err := s.newPageBuilder(rd, dr, nil)
	if err != nil {
		return nil, err
	}
	lm := s.landingLinks(dr)
	if lm.Organisations, err = pb.instances(orgClasses, maxLandingItems); err != nil {
		return nil, err
	}
	if lm.Datasets, err = pb.instances([]string{qbDataSet}, maxLandingItems); err != nil {
		return nil, err
	}
	if onts, err := pb.instances([]string{nsOWL + "Ontology"}, 1); err != nil {
		return nil, err
	} else if len(onts) > 0 {
		lm.Vocabulary = onts[0]
	}
	if lm.Schemes, err = pb.schemes(); err != nil {
		return nil, err
	}
	if err := pb.study(lm); err != nil {
		return nil, err
	}
	return lm, nil
}

// landingLinks links the dataset's description, context and dumps, and
// the services that are routed.
func (s *Server) landingLinks(dr docReq) *landingModel {
	lm := &landingModel{
		VoID:    s.base.URL(".well-known/void"),
		Context: s.contextURL(),
		Dumps: []dumpLink{
			{Name: "dataset.nq.gz", Href: s.base.URL("dumps/dataset.nq.gz"), Text: i18n.T(dr.lang, "dumpNQ")},
			{Name: "dataset.ttl.gz", Href: s.base.URL("dumps/dataset.ttl.gz"), Text: i18n.T(dr.lang, "dumpTTL")},
		},
	}
	if dr.langParam {
		lm.VoID += "?lang=" + dr.lang
	}
	if s.routed("/sparql") {
		lm.SPARQL = s.base.URL("sparql")
	}
	if s.routed("/catalog") {
		lm.Catalog = s.base.URL("catalog")
	}
	if s.routed("/evaluatie/nieuw") {
		lm.AssessForm = s.base.URL("evaluatie/nieuw")
		if dr.langParam {
			lm.AssessForm += "?lang=" + dr.lang
		}
	}
	return lm
}

// schemes lists the concept schemes with their concepts: the maturity
// model (a scheme with a type of its own) first and unfolded, then the
// schemes with top concepts, then the rest, each group by name.
func (pb *pageBuilder) schemes() ([]schemeView, error) {
	rd := pb.rd
	schemes, err := pb.instanceIDs([]string{skosConceptScheme}, maxLandingItems)
	if err != nil {
		return nil, err
	}
	var ids [3]uint64
	for i, p := range []string{skosInScheme, nsSKOS + "hasTopConcept", rdf.RDFType} {
		if ids[i], err = rd.iriID(p); err != nil {
			return nil, err
		}
	}
	inScheme, top, typ := ids[0], ids[1], ids[2]
	var out []schemeView
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
		out = append(out, sv)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].rank != out[j].rank {
			return out[i].rank < out[j].rank
		}
		return strings.ToLower(out[i].Scheme.Text) < strings.ToLower(out[j].Scheme.Text)
	})
	if len(out) > 0 {
		out[0].Open = true
	}
	return out, nil
}

// study fills in the definitions and conclusions the maturity model links
// to, in their order (mat:order), each text marked as the study's words,
// our translation or our reading.
func (pb *pageBuilder) study(lm *landingModel) error {
	models, err := pb.instanceIDs([]string{vocab.Mat("MaturityModel")}, 10)
	if err != nil || len(models) == 0 {
		return err
	}
	linked := func(p string) ([]uint64, error) {
		pid, err := pb.rd.iriID(p)
		if err != nil || pid == 0 {
			return nil, err
		}
		seen := map[uint64]bool{}
		var out []uint64
		for _, m := range models {
			ids, err := pb.rd.objects(m, pid)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				if !seen[id] {
					seen[id] = true
					out = append(out, id)
				}
			}
		}
		return out, pb.byOrder(out)
	}
	defs, err := linked(vocab.Mat("usesDefinition"))
	if err != nil {
		return err
	}
	for _, id := range defs {
		t, qs, err := pb.termQuads(id)
		if err != nil {
			return err
		}
		dv := definitionView{}
		if dv.Term, err = pb.value(t, 0); err != nil {
			return err
		}
		dv.Text, dv.Basis = pb.marked(qs, skosDefinition)
		dv.Notes = pb.markedAll(qs, nsSKOS+"note")
		conds, err := linkedFrom(pb, id, vocab.Mat("condition"))
		if err != nil {
			return err
		}
		for _, c := range conds {
			_, cqs, err := pb.termQuads(c)
			if err != nil {
				return err
			}
			txt, b := pb.marked(cqs, skosDefinition)
			dv.Conditions = append(dv.Conditions, textView{Text: txt, Basis: b})
		}
		lm.Definitions = append(lm.Definitions, dv)
	}
	concl, err := linked(vocab.Mat("conclusion"))
	if err != nil {
		return err
	}
	for _, id := range concl {
		t, qs, err := pb.termQuads(id)
		if err != nil {
			return err
		}
		cv := conclusionView{}
		if cv.Link, err = pb.value(t, 0); err != nil {
			return err
		}
		cv.Text, cv.Basis = pb.marked(qs, vocab.Mat("sourceText"))
		cv.Notes = pb.markedAll(qs, nsSKOS+"note")
		cv.Reading = pb.pickLiteral(qs, vocab.Mat("interpretation"))
		lm.Conclusions = append(lm.Conclusions, cv)
	}
	return nil
}

// linkedFrom returns the objects of (s, p), in their mat:order.
func linkedFrom(pb *pageBuilder, s uint64, p string) ([]uint64, error) {
	pid, err := pb.rd.iriID(p)
	if err != nil || pid == 0 {
		return nil, err
	}
	ids, err := pb.rd.objects(s, pid)
	if err != nil {
		return nil, err
	}
	return ids, pb.byOrder(ids)
}

// termQuads returns a resource's term and quads.
func (pb *pageBuilder) termQuads(id uint64) (rdf.Term, []rdf.Quad, error) {
	t, err := pb.rd.term(id)
	if err != nil {
		return t, nil, err
	}
	qs, err := pb.subjectQuads(id)
	return t, qs, err
}

// byOrder sorts resources by their mat:order.
func (pb *pageBuilder) byOrder(ids []uint64) error {
	order := map[uint64]int{}
	for _, id := range ids {
		qs, err := pb.subjectQuads(id)
		if err != nil {
			return err
		}
		for _, q := range qs {
			if q.P.Value == vocab.Mat("order") {
				order[id], _ = strconv.Atoi(q.O.Value)
			}
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return order[ids[i]] < order[ids[j]] })
	return nil
}

// marked picks p's value in the page's language with its badge.
func (pb *pageBuilder) marked(qs []rdf.Quad, p string) (string, *basisMark) {
	verbatim, interpreted := basisOf(qs)
	txt, lang := pb.pickLiteralLang(qs, p)
	return txt, pb.mark(verbatim[p], interpreted[p], lang)
}

// markedAll returns every value of p in the page's language, with badges.
func (pb *pageBuilder) markedAll(qs []rdf.Quad, p string) []textView {
	verbatim, interpreted := basisOf(qs)
	var ts []rdf.Term
	for _, q := range qs {
		if q.P.Value == p {
			ts = append(ts, q.O)
		}
	}
	var out []textView
	for _, t := range pb.inLang(ts) {
		out = append(out, textView{Text: t.Value, Basis: pb.mark(verbatim[p], interpreted[p], t.Lang)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
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
