package algebra

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// The printer writes the SSE-like form of the algebra on one line, e.g.
//
//	(project (?s) (filter (= ?o 1) (bgp (triple ?s <http://ex/p> ?o))))
//
// Names follow Jena's SSE where one exists, so printed trees can be read next
// to the spec's and Jena's examples.

var (
	integerRE = regexp.MustCompile(`^[+-]?[0-9]+$`)
	decimalRE = regexp.MustCompile(`^[+-]?[0-9]*\.[0-9]+$`)
	doubleRE  = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+$`)
)

// FormatTerm prints t as N-Triples, except that integers, decimals, doubles
// and booleans whose lexical form is valid SPARQL syntax print bare (1, 1.5,
// 1e0, true), as in a query.
func FormatTerm(t rdf.Term) string {
	if t.Kind == rdf.KindLiteral {
		switch t.Datatype {
		case rdf.XSDInteger:
			if integerRE.MatchString(t.Value) {
				return t.Value
			}
		case rdf.XSDDecimal:
			if decimalRE.MatchString(t.Value) {
				return t.Value
			}
		case rdf.XSDDouble:
			if doubleRE.MatchString(t.Value) {
				return t.Value
			}
		case rdf.XSDBoolean:
			if t.Value == "true" || t.Value == "false" {
				return t.Value
			}
		}
	}
	if t.IsZero() {
		return "UNDEF"
	}
	return t.String()
}

func (p *BGP) String() string      { return patternString(p) }
func (p *Path) String() string     { return patternString(p) }
func (p *Join) String() string     { return patternString(p) }
func (p *LeftJoin) String() string { return patternString(p) }
func (p *Filter) String() string   { return patternString(p) }
func (p *Union) String() string    { return patternString(p) }
func (p *Graph) String() string    { return patternString(p) }
func (p *Extend) String() string   { return patternString(p) }
func (p *Minus) String() string    { return patternString(p) }
func (p *Group) String() string    { return patternString(p) }
func (p *Table) String() string    { return patternString(p) }
func (p *Service) String() string  { return patternString(p) }
func (p *Project) String() string  { return patternString(p) }
func (p *Distinct) String() string { return patternString(p) }
func (p *Reduced) String() string  { return patternString(p) }
func (p *Slice) String() string    { return patternString(p) }
func (p *OrderBy) String() string  { return patternString(p) }

// String prints "(triple s p o)".
func (t TriplePattern) String() string {
	var b strings.Builder
	writeTriple(&b, t)
	return b.String()
}

func patternString(p Pattern) string {
	var b strings.Builder
	writePattern(&b, p)
	return b.String()
}

func writeTriple(b *strings.Builder, t TriplePattern) {
	b.WriteString("(triple ")
	b.WriteString(t.S.String())
	b.WriteByte(' ')
	b.WriteString(t.P.String())
	b.WriteByte(' ')
	b.WriteString(t.O.String())
	b.WriteByte(')')
}

func writeVars(b *strings.Builder, vars []Var) {
	b.WriteByte('(')
	for i, v := range vars {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(v.String())
	}
	b.WriteByte(')')
}

func writePattern(b *strings.Builder, p Pattern) {
	switch p := p.(type) {
	case nil:
		b.WriteString("(null)")
	case *BGP:
		b.WriteString("(bgp")
		for _, t := range p.Triples {
			b.WriteByte(' ')
			writeTriple(b, t)
		}
		b.WriteByte(')')
	case *Path:
		b.WriteString("(path ")
		b.WriteString(p.S.String())
		b.WriteByte(' ')
		writePath(b, p.Path)
		b.WriteByte(' ')
		b.WriteString(p.O.String())
		b.WriteByte(')')
	case *Join:
		writeBinaryPattern(b, "join", p.Left, p.Right)
	case *LeftJoin:
		b.WriteString("(leftjoin ")
		writePattern(b, p.Left)
		b.WriteByte(' ')
		writePattern(b, p.Right)
		if p.Expr != nil {
			b.WriteByte(' ')
			writeExpr(b, p.Expr)
		}
		b.WriteByte(')')
	case *Filter:
		b.WriteString("(filter ")
		writeExpr(b, p.Expr)
		b.WriteByte(' ')
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Union:
		writeBinaryPattern(b, "union", p.Left, p.Right)
	case *Graph:
		b.WriteString("(graph ")
		b.WriteString(p.Name.String())
		b.WriteByte(' ')
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Extend:
		b.WriteString("(extend ((")
		b.WriteString(p.Var.String())
		b.WriteByte(' ')
		writeExpr(b, p.Expr)
		b.WriteString(")) ")
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Minus:
		writeBinaryPattern(b, "minus", p.Left, p.Right)
	case *Group:
		b.WriteString("(group ")
		writeVars(b, p.Keys)
		b.WriteString(" (")
		for i, a := range p.Aggregates {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteByte('(')
			b.WriteString(a.Var.String())
			b.WriteByte(' ')
			writeExpr(b, a.Aggregate)
			b.WriteByte(')')
		}
		b.WriteString(") ")
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Table:
		b.WriteString("(table (vars")
		for _, v := range p.Vars {
			b.WriteByte(' ')
			b.WriteString(v.String())
		}
		b.WriteByte(')')
		for _, row := range p.Rows {
			b.WriteString(" (row")
			for i, t := range row {
				if t.IsZero() || i >= len(p.Vars) {
					continue
				}
				b.WriteString(" [")
				b.WriteString(p.Vars[i].String())
				b.WriteByte(' ')
				b.WriteString(FormatTerm(t))
				b.WriteByte(']')
			}
			b.WriteByte(')')
		}
		b.WriteByte(')')
	case *Service:
		b.WriteString("(service ")
		if p.Silent {
			b.WriteString("silent ")
		}
		b.WriteString(p.Endpoint.String())
		b.WriteByte(' ')
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Project:
		b.WriteString("(project ")
		writeVars(b, p.Vars)
		b.WriteByte(' ')
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Distinct:
		b.WriteString("(distinct ")
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Reduced:
		b.WriteString("(reduced ")
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *Slice:
		b.WriteString("(slice ")
		b.WriteString(strconv.FormatInt(p.Offset, 10))
		b.WriteByte(' ')
		if p.Limit < 0 {
			b.WriteByte('_')
		} else {
			b.WriteString(strconv.FormatInt(p.Limit, 10))
		}
		b.WriteByte(' ')
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	case *OrderBy:
		b.WriteString("(order (")
		for i, c := range p.Conditions {
			if i > 0 {
				b.WriteByte(' ')
			}
			if c.Desc {
				b.WriteString("(desc ")
				writeExpr(b, c.Expr)
				b.WriteByte(')')
			} else {
				writeExpr(b, c.Expr)
			}
		}
		b.WriteString(") ")
		writePattern(b, p.Pattern)
		b.WriteByte(')')
	default:
		b.WriteString("(unknown)")
	}
}

func writeBinaryPattern(b *strings.Builder, name string, l, r Pattern) {
	b.WriteByte('(')
	b.WriteString(name)
	b.WriteByte(' ')
	writePattern(b, l)
	b.WriteByte(' ')
	writePattern(b, r)
	b.WriteByte(')')
}
