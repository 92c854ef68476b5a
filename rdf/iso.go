package rdf

import (
	"hash/fnv"
	"sort"
	"strconv"
)

// Isomorphic reports whether two sets of quads are the same RDF dataset up to
// a renaming of blank nodes. Duplicates are ignored, as in RDF sets.
//
// It refines blank-node colours by their neighbourhood (as in the usual
// canonicalisation algorithms) and backtracks only over colours that stay
// ambiguous, so it is fast on the graphs tests compare and exact on all.
func Isomorphic(a, b []Quad) bool {
	a, b = dedupe(a), dedupe(b)
	if len(a) != len(b) {
		return false
	}
	ga, gb := splitGround(a), splitGround(b)
	if len(ga.ground) != len(gb.ground) || len(ga.blank) != len(gb.blank) {
		return false
	}
	for q := range ga.ground {
		if _, ok := gb.ground[q]; !ok {
			return false
		}
	}
	if len(ga.blank) == 0 {
		return true
	}
	ca, cb := refine(ga.blank, nil), refine(gb.blank, nil)
	if !sameColourCounts(ca, cb) {
		return false
	}
	want := make(map[Quad]struct{}, len(gb.blank))
	for _, q := range gb.blank {
		want[q] = struct{}{}
	}
	return search(ga.blank, gb.blank, ca, cb, map[string]uint64{}, want)
}

type split struct {
	ground map[Quad]struct{}
	blank  []Quad
}

func dedupe(qs []Quad) []Quad {
	seen := make(map[Quad]struct{}, len(qs))
	out := qs[:0:0]
	for _, q := range qs {
		if _, ok := seen[q]; !ok {
			seen[q] = struct{}{}
			out = append(out, q)
		}
	}
	return out
}

func splitGround(qs []Quad) split {
	s := split{ground: map[Quad]struct{}{}}
	for _, q := range qs {
		if q.S.IsBlank() || q.O.IsBlank() || q.G.IsBlank() || q.P.IsBlank() {
			s.blank = append(s.blank, q)
		} else {
			s.ground[q] = struct{}{}
		}
	}
	return s
}

// refine computes a stable colouring of the blank nodes in qs. fixed gives
// colours that are pinned (already matched nodes).
func refine(qs []Quad, fixed map[string]uint64) map[string]uint64 {
	col := map[string]uint64{}
	for _, q := range qs {
		for _, t := range [4]Term{q.S, q.P, q.O, q.G} {
			if t.IsBlank() {
				col[t.Value] = 1
			}
		}
	}
	for k, v := range fixed {
		col[k] = v
	}
	classes := countClasses(col)
	for {
		sigs := map[string][]uint64{}
		for _, q := range qs {
			terms := [4]Term{q.S, q.P, q.O, q.G}
			for i, t := range terms {
				if !t.IsBlank() {
					continue
				}
				h := fnv.New64a()
				h.Write([]byte{byte(i)})
				for j, u := range terms {
					if u.IsBlank() {
						if u.Value == t.Value {
							h.Write([]byte("self" + strconv.Itoa(j)))
						} else {
							h.Write([]byte("b" + strconv.FormatUint(col[u.Value], 16)))
						}
					} else {
						h.Write([]byte(u.String()))
					}
					h.Write([]byte{0})
				}
				sigs[t.Value] = append(sigs[t.Value], h.Sum64())
			}
		}
		next := make(map[string]uint64, len(col))
		for n, s := range sigs {
			sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
			h := fnv.New64a()
			h.Write([]byte(strconv.FormatUint(col[n], 16)))
			for _, x := range s {
				h.Write([]byte(strconv.FormatUint(x, 16) + ","))
			}
			next[n] = h.Sum64()
		}
		n := countClasses(next)
		col = next
		if n == classes {
			return col
		}
		classes = n
	}
}

func countClasses(col map[string]uint64) int {
	seen := map[uint64]struct{}{}
	for _, c := range col {
		seen[c] = struct{}{}
	}
	return len(seen)
}

func sameColourCounts(a, b map[string]uint64) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[uint64]int{}
	for _, c := range a {
		count[c]++
	}
	for _, c := range b {
		count[c]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return true
}

// search tries bijections between equally coloured blank nodes, pinning one
// pair at a time and refining again, until every colour is unique.
func search(qa, qb []Quad, ca, cb map[string]uint64, pinned map[string]uint64, want map[Quad]struct{}) bool {
	byColour := map[uint64][]string{}
	for n, c := range ca {
		byColour[c] = append(byColour[c], n)
	}
	var pick uint64
	best := 0
	for c, ns := range byColour {
		if len(ns) > 1 && (best == 0 || len(ns) < best || (len(ns) == best && c < pick)) {
			pick, best = c, len(ns)
		}
	}
	if best == 0 {
		// Every colour is unique: the mapping is determined; check it.
		inv := make(map[uint64]string, len(cb))
		for n, c := range cb {
			inv[c] = n
		}
		m := make(map[string]string, len(ca))
		for n, c := range ca {
			t, ok := inv[c]
			if !ok {
				return false
			}
			m[n] = t
		}
		for _, q := range qa {
			if _, ok := want[relabel(q, m)]; !ok {
				return false
			}
		}
		return true
	}
	sort.Strings(byColour[pick])
	a := byColour[pick][0]
	var cands []string
	for n, c := range cb {
		if c == pick {
			cands = append(cands, n)
		}
	}
	sort.Strings(cands)
	for _, bn := range cands {
		pa := make(map[string]uint64, len(pinned)+1)
		pb := make(map[string]uint64, len(pinned)+1)
		for k, v := range ca {
			pa[k] = v
		}
		for k, v := range cb {
			pb[k] = v
		}
		marker := uint64(len(pinned)+1)<<32 | 0x9e3779b9
		pa[a], pb[bn] = marker^pick, marker^pick
		na, nb := refine(qa, pa), refine(qb, pb)
		if !sameColourCounts(na, nb) {
			continue
		}
		np := map[string]uint64{a: marker}
		for k, v := range pinned {
			np[k] = v
		}
		if search(qa, qb, na, nb, np, want) {
			return true
		}
	}
	return false
}

func relabel(q Quad, m map[string]string) Quad {
	f := func(t Term) Term {
		if t.IsBlank() {
			return Blank(m[t.Value])
		}
		return t
	}
	return Quad{S: f(q.S), P: f(q.P), O: f(q.O), G: f(q.G)}
}
