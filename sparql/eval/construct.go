package eval

import (
	"context"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// tmplNode is a template position: a slot, a constant, or a blank node
// label that becomes a fresh blank node per solution.
type tmplNode struct {
	slot  int // -1 when not a variable
	term  rdf.Term
	blank bool
}

func compileTemplate(x *exec, tmpl []algebra.TriplePattern, sc *scope) ([][3]tmplNode, error) {
	out := make([][3]tmplNode, len(tmpl))
	for i, t := range tmpl {
		for j, n := range [3]algebra.Node{t.S, t.P, t.O} {
			switch {
			case n.IsVar():
				out[i][j] = tmplNode{slot: sc.slot(n.Var)}
			case n.Term.IsBlank():
				out[i][j] = tmplNode{slot: -1, term: n.Term, blank: true}
			default:
				out[i][j] = tmplNode{slot: -1, term: n.Term}
			}
		}
	}
	return out, nil
}

// construct instantiates the template for every solution (§16.2), with
// fresh blank nodes per solution; triples that would be invalid (unbound
// variable, literal subject, non-IRI predicate) are left out, and each
// triple comes out once.
func construct(ctx context.Context, x *exec, root op, sc *scope, tmpl [][3]tmplNode, yield func(rdf.Quad) bool) error {
	seen := make(map[rdf.Quad]struct{})
	row := make([]uint64, sc.size())
	var fatalErr error
	stopped := false
	fresh := make(map[string]rdf.Term)
	err := root.run(ctx, x, row, func(r []uint64) bool {
		clear(fresh)
		for _, t := range tmpl {
			var terms [3]rdf.Term
			ok := true
			for j, n := range t {
				switch {
				case n.slot >= 0:
					if r[n.slot] == 0 {
						ok = false
						break
					}
					v, err := x.d.term(r[n.slot])
					if err != nil {
						fatalErr = err
						return false
					}
					terms[j] = v
				case n.blank:
					b, seen := fresh[n.term.Value]
					if !seen {
						b = x.freshBlank()
						fresh[n.term.Value] = b
					}
					terms[j] = b
				default:
					terms[j] = n.term
				}
			}
			if !ok || terms[0].IsLiteral() || !terms[1].IsIRI() {
				continue
			}
			q := rdf.Quad{S: terms[0], P: terms[1], O: terms[2]}
			if _, dup := seen[q]; dup {
				continue
			}
			if err := x.mem.grow(termBytes(q.S)+termBytes(q.P)+termBytes(q.O)+termSize+mapEntry, "CONSTRUCT"); err != nil {
				fatalErr = err
				return false
			}
			seen[q] = struct{}{}
			if !yield(q) {
				stopped = true
				return false
			}
		}
		return true
	})
	if fatalErr != nil {
		return fatalErr
	}
	if stopped {
		return errStop
	}
	return err
}

// describe returns the concise bounded description of each resource: its
// triples as subject in the default graph, following blank-node objects.
func describe(ctx context.Context, x *exec, root op, sc *scope, nodes []algebra.Node, yield func(rdf.Quad) bool) error {
	var ids []uint64
	seenRes := make(map[uint64]struct{})
	var memErr error
	add := func(id uint64) {
		if id == 0 || memErr != nil {
			return
		}
		if _, ok := seenRes[id]; !ok {
			if memErr = x.mem.grow(16+mapEntry, "DESCRIBE"); memErr != nil {
				return
			}
			seenRes[id] = struct{}{}
			ids = append(ids, id)
		}
	}
	var slots []int
	for _, n := range nodes {
		if n.IsVar() {
			slots = append(slots, sc.slot(n.Var))
			continue
		}
		id, ok, err := x.d.lookup(n.Term)
		if err != nil {
			return err
		}
		if ok {
			add(id)
		}
	}
	if len(slots) > 0 {
		row := make([]uint64, sc.size())
		err := root.run(ctx, x, row, func(r []uint64) bool {
			for _, s := range slots {
				add(r[s])
			}
			return memErr == nil
		})
		if memErr != nil {
			return memErr
		}
		if err != nil && err != errStop {
			return err
		}
	}
	seen := make(map[[3]uint64]struct{})
	for len(ids) > 0 {
		id := ids[0]
		ids = ids[1:]
		var out [][3]uint64
		err := x.match(ctx, inDefault, id, 0, 0, func(q [4]uint64) bool {
			k := [3]uint64{q[0], q[1], q[2]}
			if _, dup := seen[k]; !dup {
				seen[k] = struct{}{}
				out = append(out, k)
			}
			return true
		})
		if err != nil {
			return err
		}
		for _, k := range out {
			var q rdf.Quad
			var err error
			if q.S, err = x.d.term(k[0]); err != nil {
				return err
			}
			if q.P, err = x.d.term(k[1]); err != nil {
				return err
			}
			if q.O, err = x.d.term(k[2]); err != nil {
				return err
			}
			if q.O.IsBlank() {
				if add(k[2]); memErr != nil {
					return memErr
				}
			}
			if !yield(q) {
				return errStop
			}
		}
	}
	return nil
}
