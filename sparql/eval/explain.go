package eval

import (
	"context"
	"fmt"
	"strings"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// Explain compiles q for ds as Exec would and prints the operator tree:
// the join order chosen, the estimates behind it and where each filter
// runs. It evaluates nothing.
func Explain(ctx context.Context, ds Dataset, q *algebra.Query, opts Options) (string, error) {
	x, root, _, err := prepare(ctx, ds, q, opts)
	if err != nil {
		return "", err
	}
	p := &planPrinter{x: x}
	p.op(root, 0)
	return p.b.String(), nil
}

type planPrinter struct {
	b strings.Builder
	x *exec
}

func (p *planPrinter) line(depth int, format string, args ...any) {
	p.b.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(&p.b, format, args...)
	p.b.WriteByte('\n')
}

func (p *planPrinter) id(id uint64) string {
	if id == 0 {
		return "?"
	}
	t, err := p.x.termOf(id)
	if err != nil {
		return fmt.Sprintf("#%d", id)
	}
	return algebra.FormatTerm(t)
}

func (p *planPrinter) op(o op, depth int) {
	switch o := o.(type) {
	case *joinOp:
		p.line(depth, "join")
		p.filters(o.filters[0], depth+1)
		for k, s := range o.steps {
			if s.tp != nil {
				var parts [3]string
				b := s.pattern.(*algebra.BGP).Triples[0]
				for i, n := range [3]algebra.Node{b.S, b.P, b.O} {
					parts[i] = n.String()
				}
				g := ""
				if s.tp.graph == inNamed {
					g = " in GRAPH"
				}
				p.line(depth+1, "triple %s %s %s%s  (matches %.0f)", parts[0], parts[1], parts[2], g, s.full)
				if len(s.scanFilters) > 0 {
					p.line(depth+2, "filter (%d) on its matches", len(s.scanFilters))
				}
			} else {
				p.op(s.op, depth+1)
			}
			p.filters(o.filters[k+1], depth+1)
		}
	case *isolate:
		p.op(o.inner, depth)
	case *unionOp:
		p.line(depth, "union")
		p.op(o.left, depth+1)
		p.op(o.right, depth+1)
	case *leftJoinOp:
		p.line(depth, "optional%s", map[bool]string{true: " with filter"}[o.filter != nil])
		p.op(o.left, depth+1)
		p.op(o.right, depth+1)
	case *minusOp:
		p.line(depth, "minus")
		p.op(o.left, depth+1)
		p.op(o.right.inner, depth+1)
	case *extendOp:
		p.line(depth, "bind %s", o.name)
		p.op(o.in, depth+1)
	case *graphOp:
		if o.slot >= 0 {
			p.line(depth, "graph %s", o.name.String())
		} else {
			p.line(depth, "graph %s", p.id(o.id))
		}
		p.op(o.in, depth+1)
	case *tableOp:
		p.line(depth, "values (%d rows)", len(o.rows))
	case *materialized:
		p.line(depth, "evaluate once, hash join")
		p.op(o.inner, depth+1)
	case *groupOp:
		p.line(depth, "group (%d keys, %d aggregates)", len(o.keys), len(o.aggs))
		p.op(o.in, depth+1)
	case *projectOp:
		p.line(depth, "project (%d variables)", len(o.from))
		p.op(o.in, depth+1)
	case *distinctOp:
		p.line(depth, "distinct")
		p.op(o.in, depth+1)
	case *sliceOp:
		p.line(depth, "slice offset %d limit %d", o.offset, o.limit)
		p.op(o.in, depth+1)
	case *orderOp:
		p.line(depth, "order by (%d keys)", len(o.keys))
		p.op(o.in, depth+1)
	case *pathOp:
		p.line(depth, "path %s", o.src)
	case *serviceOp:
		p.line(depth, "service %s silent=%v", o.name, o.silent)
	default:
		p.line(depth, "%T", o)
	}
}

func (p *planPrinter) filters(fs []expr, depth int) {
	if len(fs) > 0 {
		p.line(depth, "filter (%d)", len(fs))
	}
}
