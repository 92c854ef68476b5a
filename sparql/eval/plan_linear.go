package eval

import (
	"container/heap"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// orderLinear sorts a large group by the rule of order — steps that share
// a variable with those placed before cross products, the cheapest first —
// without rescanning the remaining steps after every choice, which is
// quadratic (a 20,000-step path took 65 s to plan that way). A step's cost
// changes only when one of its variables becomes bound, so only those
// steps are costed again, and a heap hands out the best; stale heap
// entries are skipped. The work is O(m log m) for m variable occurrences.
func (c *compiler) orderLinear(steps []*step, g graphCtx, bound varSet) error {
	known := bound.union(nil)
	byVar := make(map[algebra.Var][]int)
	for i, s := range steps {
		for v := range s.maybe {
			byVar[v] = append(byVar[v], i)
		}
	}
	version := make([]int, len(steps))
	placed := make([]bool, len(steps))
	h := &candHeap{}
	push := func(i int) {
		s := steps[i]
		connected := false
		for v := range s.maybe {
			if known.has(v) {
				connected = true
				break
			}
		}
		heap.Push(h, stepCand{i: i, version: version[i], connected: connected, cost: c.cost(s, g, known)})
	}
	for i := range steps {
		if i&255 == 255 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
		push(i)
	}
	order := make([]*step, 0, len(steps))
	for pops := 1; len(order) < len(steps); pops++ {
		if pops&255 == 0 {
			if err := c.ctx.Err(); err != nil {
				return err
			}
		}
		cand := heap.Pop(h).(stepCand)
		if placed[cand.i] || cand.version != version[cand.i] {
			continue
		}
		placed[cand.i] = true
		s := steps[cand.i]
		order = append(order, s)
		for v := range s.certain {
			if known.has(v) {
				continue
			}
			known[v] = struct{}{}
			for _, j := range byVar[v] {
				if !placed[j] {
					version[j]++
					push(j)
				}
			}
		}
	}
	copy(steps, order)
	return nil
}

// stepCand is a step with its cost when it was pushed; version tells a
// current entry from one made stale by a later push of the same step.
type stepCand struct {
	i, version int
	connected  bool
	cost       float64
}

// candHeap orders candidates as order picks them: connected first, then
// cheaper, then earlier in the group.
type candHeap []stepCand

func (h candHeap) Len() int { return len(h) }
func (h candHeap) Less(a, b int) bool {
	x, y := h[a], h[b]
	if x.connected != y.connected {
		return x.connected
	}
	if x.cost != y.cost {
		return x.cost < y.cost
	}
	return x.i < y.i
}
func (h candHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *candHeap) Push(v any)   { *h = append(*h, v.(stepCand)) }
func (h *candHeap) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}
