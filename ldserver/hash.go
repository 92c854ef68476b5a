package ldserver

import (
	"strings"
	"sync"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
)

// hashIndex maps a document IRI of ours to the hash IRIs under it
// (…/ns → …/ns#Domain, …, for the shared ontology as for any hash namespace
// under the base), so one document can describe a whole hash namespace. The dataset has no prefix scan, so the index is
// built from the typed subjects once per generation.
type hashIndex struct {
	mu  sync.Mutex
	gen uint64
	ok  bool
	m   map[string][]uint64
}

// subjects returns the ids of the typed subjects iri#… (iri without '#').
func (h *hashIndex) subjects(rd *reader, b httpx.Base, iri string) ([]uint64, error) {
	if strings.ContainsRune(iri, '#') {
		return nil, nil
	}
	gen := rd.v.Generation()
	h.mu.Lock()
	if !h.ok || h.gen != gen {
		m, err := buildHashIndex(rd, b)
		if err != nil {
			h.mu.Unlock()
			return nil, err
		}
		h.m, h.gen, h.ok = m, gen, true
	}
	ids := h.m[iri] // never modified once built: safe to read unlocked
	h.mu.Unlock()
	if len(ids) == 0 {
		return nil, nil
	}
	for _, id := range ids {
		// Record the graphs that type each subject: they decide the ETag.
		if err := rd.match(id, 0, 0, 0, func(q [4]uint64) bool { rd.use(q); return true }); err != nil {
			return nil, err
		}
	}
	return append([]uint64(nil), ids...), nil
}

func buildHashIndex(rd *reader, b httpx.Base) (map[string][]uint64, error) {
	typ, err := rd.iriID(rdf.RDFType)
	if err != nil || typ == 0 {
		return map[string][]uint64{}, err
	}
	m := map[string][]uint64{}
	seen := map[uint64]bool{}
	var terr error
	err = rd.match(0, typ, 0, 0, func(q [4]uint64) bool {
		if seen[q[0]] {
			return true
		}
		seen[q[0]] = true
		t, err := rd.v.Term(q[0])
		if err != nil {
			terr = err
			return false
		}
		if !t.IsIRI() || !b.Ours(t.Value) {
			return true
		}
		if doc, _, ok := strings.Cut(t.Value, "#"); ok {
			m[doc] = append(m[doc], q[0])
		}
		return true
	})
	if err == nil {
		err = terr
	}
	return m, err
}
