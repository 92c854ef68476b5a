package ldserver

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

const (
	// incomingPage is how many incoming links one page of a description
	// holds; a resource with more gets ?page= links (hydra:next).
	incomingPage = 200
	// maxBlankClosure caps the blank nodes followed from one description,
	// so a pathological blank-node chain cannot exhaust memory.
	maxBlankClosure = 10000
)

// status is how a request IRI resolves.
type status int

const (
	statusOK      status = iota
	statusUnknown        // never held: 404
	statusGone           // known to the dictionary but mentioned by no quad: 410
	// statusWithdrawn is a resource the data marks as withdrawn
	// (prov:qualifiedInvalidation): 410 with its tombstone, the
	// description of what was withdrawn, when and why.
	statusWithdrawn
)

// description is what a document holds about its subjects.
type description struct {
	subjects []uint64 // the main subject first (hash documents have several)
	quads    []rdf.Quad
	page     int  // 1-based page of incoming links
	hasNext  bool // more incoming links after this page
	incoming int  // incoming quads on this page
	seen     map[[3]uint64]bool
}

// describe collects what a document says about the given subject ids:
// their quads, blank nodes closed over, one page of incoming links and the
// labels of every linked resource.
func describe(rd *reader, subjects []uint64, page int) (*description, error) {
	d := &description{subjects: subjects, page: page, seen: map[[3]uint64]bool{}}
	isSubject := map[uint64]bool{}
	for _, s := range subjects {
		isSubject[s] = true
	}
	var blanks []uint64
	visitedBlank := map[uint64]bool{}
	add := func(q [4]uint64) error {
		k := [3]uint64{q[0], q[1], q[2]}
		rd.use(q)
		if d.seen[k] {
			return nil
		}
		d.seen[k] = true
		quad, err := rd.quad(q)
		if err != nil {
			return err
		}
		d.quads = append(d.quads, quad)
		if quad.O.IsBlank() && !visitedBlank[q[2]] {
			visitedBlank[q[2]] = true
			blanks = append(blanks, q[2])
		}
		return nil
	}
	scan := func(s, p, o uint64, keep func(q [4]uint64) bool) error {
		var ferr error
		err := rd.match(s, p, o, 0, func(q [4]uint64) bool {
			if keep != nil && !keep(q) {
				return true
			}
			if ferr = add(q); ferr != nil {
				return false
			}
			return true
		})
		if err == nil {
			err = ferr
		}
		return err
	}
	for _, s := range subjects {
		if err := scan(s, 0, 0, nil); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(blanks) && i < maxBlankClosure; i++ {
		if err := scan(blanks[i], 0, 0, nil); err != nil {
			return nil, err
		}
	}
	if err := d.addIncoming(rd, subjects[0], isSubject, add); err != nil {
		return nil, err
	}
	if err := d.addLabels(rd, isSubject); err != nil {
		return nil, err
	}
	sortQuads(d.quads)
	return d, nil
}

// addIncoming adds one page of quads pointing at subject. Quads from the
// document's own subjects are already there.
func (d *description) addIncoming(rd *reader, subject uint64, isSubject map[uint64]bool, add func([4]uint64) error) error {
	skip := (d.page - 1) * incomingPage
	n := 0
	var ferr error
	err := rd.match(0, 0, subject, 0, func(q [4]uint64) bool {
		if isSubject[q[0]] || d.seen[[3]uint64{q[0], q[1], q[2]}] {
			return true
		}
		n++
		if n <= skip {
			return true
		}
		if n > skip+incomingPage {
			d.hasNext = true
			return false
		}
		d.incoming++
		if ferr = add(q); ferr != nil {
			return false
		}
		return true
	})
	if err == nil {
		err = ferr
	}
	return err
}

// addLabels adds the names of every resource the quads mention, so pages
// show names instead of IRIs and RDF clients need no second request.
func (d *description) addLabels(rd *reader, isSubject map[uint64]bool) error {
	var preds []uint64
	for _, p := range labelPreds {
		id, err := rd.iriID(p)
		if err != nil {
			return err
		}
		if id != 0 {
			preds = append(preds, id)
		}
	}
	if len(preds) == 0 {
		return nil
	}
	linked := map[uint64]bool{}
	var order []uint64
	note := func(t rdf.Term) error {
		if !t.IsIRI() {
			return nil
		}
		id, err := rd.id(t)
		if err != nil || id == 0 || isSubject[id] || linked[id] {
			return err
		}
		linked[id] = true
		order = append(order, id)
		return nil
	}
	for _, q := range d.quads {
		for _, t := range [...]rdf.Term{q.S, q.P, q.O} {
			if err := note(t); err != nil {
				return err
			}
		}
	}
	return d.labelsOf(rd, order, preds)
}

// labelsOf adds the label quads of ids.
func (d *description) labelsOf(rd *reader, ids, preds []uint64) error {
	for _, id := range ids {
		for _, p := range preds {
			var ferr error
			err := rd.match(id, p, 0, 0, func(q [4]uint64) bool {
				rd.use(q)
				k := [3]uint64{q[0], q[1], q[2]}
				if d.seen[k] {
					return true
				}
				d.seen[k] = true
				quad, err := rd.quad(q)
				if err != nil {
					ferr = err
					return false
				}
				d.quads = append(d.quads, quad)
				return true
			})
			if err == nil {
				err = ferr
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// resolve finds the subject ids a document about iri describes: iri itself
// and, for a hash namespace, every subject iri#…. It tells 404 from 410.
func (s *Server) resolve(rd *reader, iri string) ([]uint64, status, error) {
	id, err := rd.iriID(iri)
	if err != nil {
		return nil, 0, err
	}
	hashes, err := s.hashes.subjects(rd, s.base, iri)
	if err != nil {
		return nil, 0, err
	}
	var subjects []uint64
	if id != 0 {
		used, err := mentioned(rd, id)
		if err != nil {
			return nil, 0, err
		}
		if used {
			subjects = append(subjects, id)
		}
	}
	subjects = append(subjects, hashes...)
	switch {
	case len(subjects) > 0 && id != 0 && subjects[0] == id:
		withdrawn, err := invalidated(rd, id)
		if err != nil {
			return nil, 0, err
		}
		if withdrawn {
			return subjects, statusWithdrawn, nil
		}
		return subjects, statusOK, nil
	case len(subjects) > 0:
		return subjects, statusOK, nil
	case id != 0:
		return nil, statusGone, nil
	}
	return nil, statusUnknown, nil
}

// invalidated reports whether the data says id was withdrawn: it names
// the invalidation that withdrew it (prov:qualifiedInvalidation, which
// says when and why). A thing that merely ceased to exist
// (prov:invalidatedAtTime alone, a merged municipality) keeps its
// description.
func invalidated(rd *reader, id uint64) (bool, error) {
	p, err := rd.iriID(provQualifiedInvalidation)
	if err != nil || p == 0 {
		return false, err
	}
	return rd.exists(id, p, 0, 0)
}

// mentioned reports whether any quad uses id in any position.
func mentioned(rd *reader, id uint64) (bool, error) {
	for _, pat := range [...][4]uint64{{id, 0, 0, 0}, {0, 0, id, 0}, {0, id, 0, 0}, {0, 0, 0, id}} {
		ok, err := rd.exists(pat[0], pat[1], pat[2], pat[3])
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// sortQuads orders quads by subject, predicate, object so equal data always
// serialises to equal bytes.
func sortQuads(qs []rdf.Quad) {
	sort.Slice(qs, func(i, j int) bool {
		a, b := qs[i], qs[j]
		if c := compareTerms(a.S, b.S); c != 0 {
			return c < 0
		}
		if c := compareTerms(a.P, b.P); c != 0 {
			return c < 0
		}
		return compareTerms(a.O, b.O) < 0
	})
}

func compareTerms(a, b rdf.Term) int {
	if a.Kind != b.Kind {
		return int(a.Kind) - int(b.Kind)
	}
	if c := strings.Compare(a.Value, b.Value); c != 0 {
		return c
	}
	if c := strings.Compare(a.Datatype, b.Datatype); c != 0 {
		return c
	}
	return strings.Compare(a.Lang, b.Lang)
}

// errorf wraps an error with the IRI being described.
func errorf(iri string, err error) error { return fmt.Errorf("describe %s: %w", iri, err) }
