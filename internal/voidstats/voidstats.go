// Package voidstats counts what VoID (ldserver, /.well-known/void) and the
// SPARQL service description (sparqlhttp) say about the dataset: triples,
// distinct subjects and objects, instances per class, statements per
// property, links to other datasets, quads per graph. Counting takes a
// full scan, so a Cache does it once per generation for both.
package voidstats

import (
	"context"
	"strings"
	"sync"

	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
)

// LinkTarget is an external dataset our resources link to, described as
// the target of a void:Linkset.
type LinkTarget struct {
	Frag, Title, URISpace, Homepage string
}

// LinkTargets are the external datasets counted.
var LinkTargets = []LinkTarget{
	{"gemeenten", "Vlaamse gemeenten (data.vlaanderen.be)", "https://data.vlaanderen.be/id/gemeente/", "https://data.vlaanderen.be/"},
	{"wikidata", "Wikidata", "http://www.wikidata.org/entity/", "https://www.wikidata.org/"},
}

// LinkPredicates are the properties that count as links to those datasets.
var LinkPredicates = []string{
	"http://www.w3.org/2002/07/owl#sameAs",
	"http://www.w3.org/2004/02/skos/core#exactMatch",
	"http://www.w3.org/2004/02/skos/core#closeMatch",
}

// Stats are the counts of one generation of the dataset.
type Stats struct {
	Quads, Subjects, Objects int
	Classes                  map[string]int            // class → distinct instances
	Properties               map[string]int            // property → statements
	Links                    map[string]map[string]int // target Frag → link predicate → statements
	Default                  int                       // quads in the stored default graph
	Named                    map[string]int            // named graph → quads (0 for an empty one)
}

// Cache holds the Stats of the latest generation it was asked for.
type Cache struct {
	mu  sync.Mutex
	gen uint64
	st  *Stats
}

// Get returns the Stats of v's generation, counting them when they are
// not cached.
func (c *Cache) Get(ctx context.Context, v readview.View) (*Stats, error) {
	gen := v.Generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st != nil && c.gen == gen {
		return c.st, nil
	}
	st, err := Compute(ctx, v)
	if err != nil {
		return nil, err
	}
	c.st, c.gen = st, gen
	return st, nil
}

// Generation returns the generation whose Stats the cache holds, and
// false when it holds none.
func (c *Cache) Generation() (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen, c.st != nil
}

// Compute counts v in one scan (and one more of the link predicates).
func Compute(ctx context.Context, v sparql.Dataset) (*Stats, error) {
	st := &Stats{Classes: map[string]int{}, Properties: map[string]int{}, Links: map[string]map[string]int{}, Named: map[string]int{}}
	dec := sparql.NewDecoder(v)
	typ, err := dec.ID(rdf.IRI(rdf.RDFType))
	if err != nil {
		return nil, err
	}
	def, _, err := v.Lookup(rdf.Term{})
	if err != nil {
		return nil, err
	}
	named := map[uint64]int{}
	if err := v.Graphs(ctx, func(g uint64) bool { named[g] = 0; return true }); err != nil {
		return nil, err
	}
	// Sets of ids, not maps: at ten million triples maps of the distinct
	// subjects and objects held some 150 MB while the statistics were
	// computed; bit sets over the store's dense ids hold a few MB.
	var subjects, objects idSet
	preds := map[uint64]int{}
	classInst := map[uint64]*idSet{}
	err = v.Match(ctx, [4]uint64{}, func(q [4]uint64) bool {
		st.Quads++
		subjects.add(q[0])
		objects.add(q[2])
		preds[q[1]]++
		if q[3] == def {
			st.Default++
		} else {
			named[q[3]]++
		}
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
	st.Subjects, st.Objects = subjects.n, objects.n
	for p, n := range preds {
		t, err := dec.Term(p)
		if err != nil {
			return nil, err
		}
		st.Properties[t.Value] = n
	}
	for c, m := range classInst {
		t, err := dec.Term(c)
		if err != nil {
			return nil, err
		}
		if t.IsIRI() {
			st.Classes[t.Value] = m.n
		}
	}
	for g, n := range named {
		t, err := dec.Term(g)
		if err != nil {
			return nil, err
		}
		st.Named[t.Value] = n
	}
	return st, countLinks(ctx, v, dec, st)
}

// countLinks counts the statements of the link predicates whose object
// lies in a link target's URI space.
func countLinks(ctx context.Context, v sparql.Dataset, dec *sparql.Decoder, st *Stats) error {
	for _, lp := range LinkPredicates {
		pid, err := dec.ID(rdf.IRI(lp))
		if err != nil {
			return err
		}
		if pid == 0 {
			continue
		}
		var terr error
		err = v.Match(ctx, [4]uint64{0, pid, 0, 0}, func(q [4]uint64) bool {
			o, err := dec.Term(q[2])
			if err != nil {
				terr = err
				return false
			}
			for _, lt := range LinkTargets {
				if strings.HasPrefix(o.Value, lt.URISpace) {
					if st.Links[lt.Frag] == nil {
						st.Links[lt.Frag] = map[string]int{}
					}
					st.Links[lt.Frag][lp]++
				}
			}
			return true
		})
		if err == nil {
			err = terr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DatasetIRI is the IRI of the dataset as VoID describes it.
func DatasetIRI(base string) string { return DescriptionIRI(base) + "#dataset" }

// DescriptionIRI is the VoID description's own IRI: base/.well-known/void.
func DescriptionIRI(base string) string {
	return strings.TrimSuffix(base, "/") + "/.well-known/void"
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
