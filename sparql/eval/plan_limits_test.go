package eval_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
)

// hostileQueries are the two planning cases of issue 11: a 20,000-step
// path and a 5,000-pattern BGP. The parser refuses both under the default
// limits; parsed without them, they reach the planner.
func hostileQueries() map[string]string {
	var bgp strings.Builder
	bgp.WriteString("SELECT * {")
	for i := range 5000 {
		fmt.Fprintf(&bgp, " ?s%d <%snext> ?o%d .", i%97, ex, i)
	}
	bgp.WriteString(" }")
	return map[string]string{
		"path": "SELECT * { ?a " + strings.TrimSuffix(strings.Repeat("<"+ex+"next>/", 20000), "/") + " ?b }",
		"bgp":  bgp.String(),
	}
}

func parseUnlimited(t testing.TB, text string) *parse.Options {
	return &parse.Options{Base: ex, Limits: budget.Limits{Patterns: -1, PathSteps: -1}}
}

// countdown is a context that reports itself cancelled from its n-th Err
// call on, and counts the calls: the planner polls Err in its loops, so
// the cancellation lands in the middle of planning, whatever the speed of
// the machine.
type countdown struct {
	context.Context
	n     int64
	calls atomic.Int64
}

func (c *countdown) Err() error {
	if c.calls.Add(1) >= c.n {
		return context.Canceled
	}
	return nil
}

// TestPlanningIsCancellable checks that a query cancelled while its join
// order is being chosen stops there, with the context's error: the
// hostile queries (the near-linear greedy order), 30 patterns (the
// quadratic greedy order) and a chain of 9 (the dynamic programming).
// Planning used not to look at the context at all. Time is not measured
// here; BenchmarkPlanHostile does that.
func TestPlanningIsCancellable(t *testing.T) {
	queries := hostileQueries()
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString("SELECT * {")
		for i := range n {
			fmt.Fprintf(&b, " ?x%d <%sp%d> ?x%d .", i, ex, i%10, i+1)
		}
		return b.String() + " }"
	}
	queries["dp"], queries["greedy"] = chain(9), chain(30)
	var data []rdf.Quad
	for i := range 2000 {
		s, o := rdf.IRI(fmt.Sprintf("%sn%d", ex, i%300)), rdf.IRI(fmt.Sprintf("%sn%d", ex, (i*7)%300))
		data = append(data, rdf.Triple(s, rdf.IRI(fmt.Sprintf("%sp%d", ex, i%10)), o), rdf.Triple(s, rdf.IRI(ex+"next"), o))
	}
	ds := dataset.NewMemory(data)
	for name, text := range queries {
		t.Run(name, func(t *testing.T) {
			q, err := parse.ParseWith(text, *parseUnlimited(t, text))
			if err != nil {
				t.Fatal(err)
			}
			ctx := &countdown{Context: context.Background(), n: 3}
			r, err := eval.Exec(ctx, ds, q, eval.Options{})
			if err == nil {
				r.Close()
				t.Fatalf("Exec planned to the end after the context ended (%d polls)", ctx.calls.Load())
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
		})
	}
}

// BenchmarkPlanHostile measures planning (Exec compiles the whole query
// before the first row) of the hostile queries with the size limits
// lifted: 69 s (path) and 5.0 s (BGP) with the quadratic greedy order.
func BenchmarkPlanHostile(b *testing.B) {
	ds := dataset.NewMemory(cities)
	for name, text := range hostileQueries() {
		q, err := parse.ParseWith(text, *parseUnlimited(b, text))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r, err := eval.Exec(context.Background(), ds, q, eval.Options{})
				if err != nil {
					b.Fatal(err)
				}
				r.Close()
			}
		})
	}
}
