package ldserver

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/stadleuven/maturity/rdf"
)

// linkTargets are the external datasets our resources link to, each
// described as a void:Linkset target.
var linkTargets = []struct {
	frag, title, uriSpace, homepage string
}{
	{"gemeenten", "Vlaamse gemeenten (data.vlaanderen.be)", "https://data.vlaanderen.be/id/gemeente/", "https://data.vlaanderen.be/"},
	{"wikidata", "Wikidata", "http://www.wikidata.org/entity/", "https://www.wikidata.org/"},
}

// linkPredicates are the properties that count as links to those datasets.
var linkPredicates = []string{nsOWL + "sameAs", nsSKOS + "exactMatch", nsSKOS + "closeMatch"}

// stats are the VoID statistics of one generation of the dataset.
type stats struct {
	quads, subjects, objects int
	classes                  map[string]int            // class → distinct instances
	properties               map[string]int            // property → statements
	links                    map[string]map[string]int // target frag → link predicate → statements
}

// statsCache computes the statistics once per generation: a full scan.
type statsCache struct {
	mu  sync.Mutex
	gen uint64
	st  *stats
}

func (c *statsCache) get(rd *reader) (*stats, error) {
	gen := rd.v.Generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st != nil && c.gen == gen {
		return c.st, nil
	}
	st, err := computeStats(rd)
	if err != nil {
		return nil, err
	}
	c.st, c.gen = st, gen
	return st, nil
}

func computeStats(rd *reader) (*stats, error) {
	st := &stats{classes: map[string]int{}, properties: map[string]int{}, links: map[string]map[string]int{}}
	typ, err := rd.iriID(rdf.RDFType)
	if err != nil {
		return nil, err
	}
	// Sets of ids, not maps: at ten million triples maps of the distinct
	// subjects and objects held some 150 MB while the statistics were
	// computed; bit sets over the store's dense ids hold a few MB.
	var subjects, objects idSet
	preds := map[uint64]int{}
	classInst := map[uint64]*idSet{}
	err = rd.match(0, 0, 0, 0, func(q [4]uint64) bool {
		st.quads++
		subjects.add(q[0])
		objects.add(q[2])
		preds[q[1]]++
		if q[1] == typ {
			m := classInst[q[2]]
			if m == nil {
				m = &idSet{}
				classInst[q[2]] = m
			}
			m.add(q[0])
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	st.subjects, st.objects = subjects.n, objects.n
	for p, n := range preds {
		t, err := rd.term(p)
		if err != nil {
			return nil, err
		}
		st.properties[t.Value] = n
	}
	for c, m := range classInst {
		t, err := rd.term(c)
		if err != nil {
			return nil, err
		}
		if t.IsIRI() {
			st.classes[t.Value] = m.n
		}
	}
	for _, lp := range linkPredicates {
		pid, err := rd.iriID(lp)
		if err != nil {
			return nil, err
		}
		if pid == 0 {
			continue
		}
		var terr error
		err = rd.match(0, pid, 0, 0, func(q [4]uint64) bool {
			o, err := rd.term(q[2])
			if err != nil {
				terr = err
				return false
			}
			for _, lt := range linkTargets {
				if strings.HasPrefix(o.Value, lt.uriSpace) {
					if st.links[lt.frag] == nil {
						st.links[lt.frag] = map[string]int{}
					}
					st.links[lt.frag][lp]++
				}
			}
			return true
		})
		if err == nil {
			err = terr
		}
		if err != nil {
			return nil, err
		}
	}
	return st, nil
}

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
		b := &built{iri: s.base.url(".well-known/void"), quads: quads}
		if dr.rep.html {
			pb, err := s.newPageBuilder(rd, dr, quads)
			if err != nil {
				return nil, 0, err
			}
			main, err := pb.view(rdf.IRI(s.voidIRI("dataset")))
			if err != nil {
				return nil, 0, err
			}
			var terms []*resourceView
			for _, lt := range linkTargets {
				if _, ok := pb.bySubj[rdf.IRI(s.voidIRI("linkset-"+lt.frag))]; !ok {
					continue
				}
				for _, id := range []string{"linkset-" + lt.frag, lt.frag} {
					v, err := pb.view(rdf.IRI(s.voidIRI(id)))
					if err != nil {
						return nil, 0, err
					}
					terms = append(terms, v)
				}
			}
			b.page = &pageModel{Lang: dr.lang, Title: main.Title, IRI: b.iri, Main: main, Terms: terms, Page: 1}
			for _, o := range docOffers {
				if !o.html {
					b.page.Alternates = append(b.page.Alternates, alternate{Name: strings.ToUpper(strings.TrimPrefix(o.ext(), ".")), MediaType: o.mediaType(), Href: s.docURLOf(dr, o, 1)})
				}
			}
		}
		return b, statusOK, nil
	})
}

func (s *Server) voidIRI(frag string) string { return s.base.url(".well-known/void") + "#" + frag }

// voidQuads describes the dataset in VoID. Every graph counts for the ETag:
// the statistics change with any write.
func (s *Server) voidQuads(rd *reader) ([]rdf.Quad, error) {
	st, err := s.stats.get(rd)
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
	doc := rdf.IRI(s.base.url(".well-known/void"))
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
	add(ds, nsFOAF+"homepage", rdf.IRI(s.base.iri))
	add(ds, nsVOID+"uriSpace", rdf.Literal(s.base.iri))
	add(ds, nsVOID+"triples", integer(st.quads))
	add(ds, nsVOID+"distinctSubjects", integer(st.subjects))
	add(ds, nsVOID+"distinctObjects", integer(st.objects))
	add(ds, nsVOID+"classes", integer(len(st.classes)))
	add(ds, nsVOID+"properties", integer(len(st.properties)))
	add(ds, nsVOID+"dataDump", rdf.IRI(s.base.url("dumps/dataset.nq.gz")))
	add(ds, nsVOID+"dataDump", rdf.IRI(s.base.url("dumps/dataset.ttl.gz")))
	add(ds, nsVOID+"rootResource", rdf.IRI(s.base.iri))
	if s.routed("/sparql") {
		add(ds, nsVOID+"sparqlEndpoint", rdf.IRI(s.base.url("sparql")))
	}
	for _, p := range s.cfg.Prefixes {
		if strings.HasPrefix(p.IRI, s.base.iri+"ns/") {
			add(ds, nsVOID+"vocabulary", rdf.IRI(strings.TrimRight(p.IRI, "#/")))
		}
	}
	var classes []string
	for c := range st.classes {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for i, c := range classes {
		part := rdf.Blank("class" + strconv.Itoa(i))
		add(ds, nsVOID+"classPartition", part)
		add(part, nsVOID+"class", rdf.IRI(c))
		add(part, nsVOID+"entities", integer(st.classes[c]))
	}
	var props []string
	for p := range st.properties {
		props = append(props, p)
	}
	sort.Strings(props)
	for i, p := range props {
		part := rdf.Blank("prop" + strconv.Itoa(i))
		add(ds, nsVOID+"propertyPartition", part)
		add(part, nsVOID+"property", rdf.IRI(p))
		add(part, nsVOID+"triples", integer(st.properties[p]))
	}
	for _, lt := range linkTargets {
		byPred := st.links[lt.frag]
		if len(byPred) == 0 {
			continue
		}
		ls := rdf.IRI(s.voidIRI("linkset-" + lt.frag))
		target := rdf.IRI(s.voidIRI(lt.frag))
		add(ds, nsVOID+"subset", ls)
		add(ls, rdf.RDFType, rdf.IRI(nsVOID+"Linkset"))
		add(ls, dctTitle, rdf.Literal("→ "+lt.title))
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
		add(target, dctTitle, rdf.Literal(lt.title))
		add(target, nsVOID+"uriSpace", rdf.Literal(lt.uriSpace))
		add(target, nsFOAF+"homepage", rdf.IRI(lt.homepage))
	}
	return out, nil
}

// idSet is a set of term ids that counts its members: a bit set over the
// ids below idSetDense (stores hand ids out one by one, so a dataset's
// ids are dense), a map above.
type idSet struct {
	bits []uint64
	big  map[uint64]struct{}
	n    int
}

// idSetDense bounds the bit set (at most 64 MiB).
const idSetDense = 1 << 29

func (s *idSet) add(id uint64) {
	if id >= idSetDense {
		if _, ok := s.big[id]; !ok {
			if s.big == nil {
				s.big = map[uint64]struct{}{}
			}
			s.big[id] = struct{}{}
			s.n++
		}
		return
	}
	w := id / 64
	if w >= uint64(len(s.bits)) {
		s.bits = append(s.bits, make([]uint64, int(w)+1-len(s.bits)+len(s.bits)/4)...)
	}
	if m := uint64(1) << (id % 64); s.bits[w]&m == 0 {
		s.bits[w] |= m
		s.n++
	}
}
