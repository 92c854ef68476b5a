package eval

import (
	"context"
	"fmt"
	"strconv"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
)

// pathKind enumerates compiled property path forms.
type pathKind uint8

const (
	pLink pathKind = iota
	pInv
	pSeq
	pAlt
	pStar
	pPlus
	pOpt
	pNeg
)

// ppath is a property path with its IRIs resolved to ids (0: absent from
// the dataset, so a link matches nothing).
type ppath struct {
	kind     pathKind
	id       uint64
	a, b     *ppath
	fwd, inv []uint64 // negated property set members
	hasFwd   bool
	hasInv   bool
}

func (c *compiler) compilePathExpr(p algebra.PathExpr) (*ppath, error) {
	lookup := func(t rdf.Term) (uint64, error) {
		id, _, err := c.x.d.lookup(t)
		return id, err
	}
	switch p := p.(type) {
	case *algebra.PathLink:
		id, err := lookup(p.IRI)
		return &ppath{kind: pLink, id: id}, err
	case *algebra.PathInverse:
		a, err := c.compilePathExpr(p.Path)
		return &ppath{kind: pInv, a: a}, err
	case *algebra.PathSeq, *algebra.PathAlt:
		var l, r algebra.PathExpr
		k := pSeq
		if s, ok := p.(*algebra.PathSeq); ok {
			l, r = s.Left, s.Right
		} else {
			a := p.(*algebra.PathAlt)
			l, r, k = a.Left, a.Right, pAlt
		}
		a, err := c.compilePathExpr(l)
		if err != nil {
			return nil, err
		}
		b, err := c.compilePathExpr(r)
		return &ppath{kind: k, a: a, b: b}, err
	case *algebra.PathZeroOrMore:
		a, err := c.compilePathExpr(p.Path)
		return &ppath{kind: pStar, a: a}, err
	case *algebra.PathOneOrMore:
		a, err := c.compilePathExpr(p.Path)
		return &ppath{kind: pPlus, a: a}, err
	case *algebra.PathZeroOrOne:
		a, err := c.compilePathExpr(p.Path)
		return &ppath{kind: pOpt, a: a}, err
	case *algebra.PathNegated:
		n := &ppath{kind: pNeg, hasFwd: len(p.Forward) > 0, hasInv: len(p.Inverse) > 0}
		for _, t := range p.Forward {
			id, err := lookup(t)
			if err != nil {
				return nil, err
			}
			n.fwd = append(n.fwd, id)
		}
		for _, t := range p.Inverse {
			id, err := lookup(t)
			if err != nil {
				return nil, err
			}
			n.inv = append(n.inv, id)
		}
		return n, nil
	}
	return nil, fmt.Errorf("unsupported path %T", p)
}

// pathOp matches a property path between two ends, each a variable slot or
// a constant.
type pathOp struct {
	path     *ppath
	sSlot    int // -1: constant sID
	oSlot    int
	sID, oID uint64
	g        graphCtx
	src      *algebra.Path // for Explain
	// memo keeps the pairs found from a bound end, as a join probes the
	// same start nodes again and again and a closure is costly.
	memo      map[[3]uint64][][2]uint64
	memoPairs int
}

// memoMaxPairs bounds the memory of a path's memo.
const memoMaxPairs = 1 << 20

func (c *compiler) compilePath(p *algebra.Path, sc *scope, g graphCtx) (op, error) {
	pp, err := c.compilePathExpr(p.Path)
	if err != nil {
		return nil, err
	}
	o := &pathOp{path: pp, sSlot: -1, oSlot: -1, g: g, src: p}
	end := func(n algebra.Node) (int, uint64, error) {
		if n.IsVar() {
			return sc.slot(n.Var), 0, nil
		}
		// A constant absent from the data still matches a zero-length
		// path, so it gets an overlay id.
		id, err := c.x.d.intern(n.Term)
		return -1, id, err
	}
	if o.sSlot, o.sID, err = end(p.S); err != nil {
		return nil, err
	}
	if o.oSlot, o.oID, err = end(p.O); err != nil {
		return nil, err
	}
	return o, nil
}

func (o *pathOp) run(ctx context.Context, x *exec, row []uint64, yield yieldFn) error {
	s, obj := o.sID, o.oID
	if o.sSlot >= 0 {
		s = row[o.sSlot]
	}
	if o.oSlot >= 0 {
		obj = row[o.oSlot]
	}
	same := o.sSlot >= 0 && o.sSlot == o.oSlot
	pr := &pathRun{ctx: ctx, x: x, g: o.g, constS: o.sID, constO: o.oID}
	stopped := false
	each := func(a, b uint64) bool {
		if same && s == 0 && a != b {
			return true
		}
		var set [2]int
		n := 0
		if o.sSlot >= 0 && row[o.sSlot] == 0 {
			row[o.sSlot] = a
			set[n] = o.sSlot
			n++
		}
		if o.oSlot >= 0 && row[o.oSlot] == 0 {
			row[o.oSlot] = b
			set[n] = o.oSlot
			n++
		}
		cont := yield(row)
		for i := 0; i < n; i++ {
			row[set[i]] = 0
		}
		if !cont {
			stopped = true
		}
		return cont
	}
	if s == 0 && obj == 0 {
		pr.eval(o.path, s, obj, each)
	} else {
		pairs, err := o.pairs(pr, s, obj)
		if err != nil {
			return err
		}
		for _, p := range pairs {
			if !each(p[0], p[1]) {
				break
			}
		}
	}
	if pr.err != nil {
		return pr.err
	}
	if stopped {
		return errStop
	}
	return nil
}

// pairs returns the pairs the path connects from the bound end(s), from
// the memo when it has them.
func (o *pathOp) pairs(pr *pathRun, s, obj uint64) ([][2]uint64, error) {
	key := [3]uint64{s, obj, 0}
	if o.g == inNamed {
		key[2] = pr.x.graph
	}
	if p, ok := o.memo[key]; ok {
		return p, nil
	}
	var pairs [][2]uint64
	pr.eval(o.path, s, obj, func(a, b uint64) bool {
		pairs = append(pairs, [2]uint64{a, b})
		return true
	})
	if pr.err != nil {
		return nil, pr.err
	}
	// The memo is an optimisation: past its own bound or the memory
	// budget, pairs are found again instead of remembered.
	if n := 16*len(pairs) + sliceHeader + 24 + mapEntry; o.memoPairs+len(pairs) <= memoMaxPairs && pr.x.mem.grow(n, "path") == nil {
		if o.memo == nil {
			o.memo = make(map[[3]uint64][][2]uint64)
		}
		o.memo[key] = pairs
		o.memoPairs += len(pairs)
	}
	return pairs, nil
}

// pathRun evaluates paths; the first error stops it and is kept in err.
type pathRun struct {
	ctx context.Context
	x   *exec
	g   graphCtx
	err error
	// nodes caches every subject and object of the graph, for zero-length
	// paths with both ends free.
	nodes []uint64
	// constS and constO are the constant ends of the path (0: variable).
	constS, constO uint64
	// present caches which terms occur in the graph.
	present map[uint64]bool
}

// inGraph reports whether id is a subject or object in the active graph,
// or a constant end of the path: only those match a zero-length path. A
// variable bound elsewhere to a term outside the graph does not, as if
// the path had been evaluated with the variable free.
func (pr *pathRun) inGraph(id uint64) bool {
	if id == pr.constS || id == pr.constO {
		return true
	}
	if id&overlayBit != 0 {
		return false
	}
	if v, ok := pr.present[id]; ok {
		return v
	}
	found := false
	probe := func([4]uint64) bool { found = true; return false }
	pr.match(id, 0, 0, probe)
	if !found {
		pr.match(0, 0, id, probe)
	}
	if pr.present == nil {
		pr.present = make(map[uint64]bool)
	}
	pr.present[id] = found
	return found
}

type pairFn = func(s, o uint64) bool

// eval yields the (s, o) pairs connected by p, with s and o fixed where
// non-zero. It returns false when stopped or failed.
func (pr *pathRun) eval(p *ppath, s, o uint64, yield pairFn) bool {
	if pr.err != nil {
		return false
	}
	switch p.kind {
	case pLink:
		if p.id == 0 {
			return true
		}
		return pr.match(s, p.id, o, func(q [4]uint64) bool { return yield(q[0], q[2]) })
	case pInv:
		return pr.eval(p.a, o, s, func(a, b uint64) bool { return yield(b, a) })
	case pAlt:
		return pr.eval(p.a, s, o, yield) && pr.eval(p.b, s, o, yield)
	case pSeq:
		if s == 0 && o != 0 {
			return pr.eval(p.b, 0, o, func(m, y uint64) bool {
				return pr.eval(p.a, 0, m, func(x1, _ uint64) bool { return yield(x1, y) })
			})
		}
		return pr.eval(p.a, s, 0, func(x1, m uint64) bool {
			return pr.eval(p.b, m, o, func(_, y uint64) bool { return yield(x1, y) })
		})
	case pNeg:
		if p.hasFwd && !pr.match(s, 0, o, func(q [4]uint64) bool {
			if contains(p.fwd, q[1]) {
				return true
			}
			return yield(q[0], q[2])
		}) {
			return false
		}
		if p.hasInv {
			return pr.match(o, 0, s, func(q [4]uint64) bool {
				if contains(p.inv, q[1]) {
					return true
				}
				return yield(q[2], q[0])
			})
		}
		return true
	case pOpt:
		return pr.zeroOrOne(p, s, o, yield)
	case pStar, pPlus:
		return pr.closure(p, s, o, yield)
	}
	return true
}

func contains(ids []uint64, id uint64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

func (pr *pathRun) match(s, p, o uint64, yield func([4]uint64) bool) bool {
	stopped := false
	err := pr.x.match(pr.ctx, pr.g, s, p, o, func(q [4]uint64) bool {
		if err := pr.x.tick(pr.ctx); err != nil {
			pr.err = err
			return false
		}
		if !yield(q) {
			stopped = true
			return false
		}
		return true
	})
	if err != nil && pr.err == nil {
		pr.err = fatal(err)
	}
	return pr.err == nil && !stopped
}

// allNodes returns every subject and object in the active graph.
func (pr *pathRun) allNodes() []uint64 {
	if pr.nodes != nil {
		return pr.nodes
	}
	seen := make(map[uint64]struct{})
	nodes := []uint64{}
	pr.match(0, 0, 0, func(q [4]uint64) bool {
		for _, n := range [2]uint64{q[0], q[2]} {
			if _, ok := seen[n]; !ok {
				seen[n] = struct{}{}
				nodes = append(nodes, n)
			}
		}
		return true
	})
	pr.nodes = nodes
	return nodes
}

// zeroOrOne is path? : the zero-length pairs and one step, each pair once.
func (pr *pathRun) zeroOrOne(p *ppath, s, o uint64, yield pairFn) bool {
	switch {
	case s != 0 && o != 0:
		if s == o {
			if pr.inGraph(s) {
				return yield(s, o)
			}
			return pr.err == nil
		}
		found := false
		if !pr.eval(p.a, s, o, func(uint64, uint64) bool { found = true; return false }) && pr.err != nil {
			return false
		}
		if found {
			return yield(s, o)
		}
		return true
	case s != 0 || o != 0:
		fixed, fwd := s, true
		if s == 0 {
			fixed, fwd = o, false
		}
		seen := map[uint64]struct{}{fixed: {}}
		if pr.inGraph(fixed) && !yield(fixed, fixed) {
			return false
		}
		return pr.eval(p.a, s, o, func(a, b uint64) bool {
			other := b
			if !fwd {
				other = a
			}
			if _, dup := seen[other]; dup {
				return true
			}
			seen[other] = struct{}{}
			return yield(a, b)
		})
	}
	seen := make(map[[2]uint64]struct{})
	for _, n := range pr.allNodes() {
		seen[[2]uint64{n, n}] = struct{}{}
		if !yield(n, n) {
			return false
		}
	}
	return pr.eval(p.a, 0, 0, func(a, b uint64) bool {
		k := [2]uint64{a, b}
		if _, dup := seen[k]; dup {
			return true
		}
		seen[k] = struct{}{}
		return yield(a, b)
	})
}

// closure is path* and path+: a breadth-first search from the bound end
// (from every node when both are free), visiting each node once, so
// cycles end and every pair comes out once.
func (pr *pathRun) closure(p *ppath, s, o uint64, yield pairFn) bool {
	zero := p.kind == pStar
	switch {
	case s != 0 && o != 0:
		found := false
		if !pr.reach(p.a, s, true, zero, func(n uint64) bool {
			found = n == o
			return !found
		}) && pr.err != nil {
			return false
		}
		if found {
			return yield(s, o)
		}
		return true
	case s != 0:
		return pr.reach(p.a, s, true, zero, func(n uint64) bool { return yield(s, n) })
	case o != 0:
		return pr.reach(p.a, o, false, zero, func(n uint64) bool { return yield(n, o) })
	}
	var starts []uint64
	if zero {
		starts = pr.allNodes()
	} else {
		seen := make(map[uint64]struct{})
		if !pr.eval(p.a, 0, 0, func(a, _ uint64) bool {
			if _, ok := seen[a]; !ok {
				seen[a] = struct{}{}
				starts = append(starts, a)
			}
			return true
		}) {
			return false
		}
	}
	for _, n := range starts {
		if !pr.reach(p.a, n, true, zero, func(m uint64) bool { return yield(n, m) }) {
			return false
		}
	}
	return true
}

// reach calls visit with every node reachable from start by one or more
// steps of p (forward, or backward when !fwd), and start itself first when
// zero. It returns false when visit stopped it or on error.
func (pr *pathRun) reach(p *ppath, start uint64, fwd, zero bool, visit func(uint64) bool) bool {
	seen := map[uint64]struct{}{}
	if zero && pr.inGraph(start) {
		seen[start] = struct{}{}
		if !visit(start) {
			return false
		}
	}
	queue := []uint64{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		stopped := false
		step := func(a, b uint64) bool {
			next := b
			if !fwd {
				next = a
			}
			if _, ok := seen[next]; ok {
				return true
			}
			seen[next] = struct{}{}
			queue = append(queue, next)
			if !visit(next) {
				stopped = true
				return false
			}
			return true
		}
		var ok bool
		if fwd {
			ok = pr.eval(p, n, 0, step)
		} else {
			ok = pr.eval(p, 0, n, step)
		}
		if stopped || !ok {
			return false
		}
	}
	return true
}

func intTerm(n int64) rdf.Term {
	return rdf.TypedLiteral(strconv.FormatInt(n, 10), rdf.XSDInteger)
}
