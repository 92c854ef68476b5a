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

// writePattern writes p as an SSE-like tree: one case per operator, the
// longer ones in functions of their own.
func writePattern(b *strings.Builder, p Pattern) {
	switch p := p.(type) {
	case nil:
		b.WriteString("(null)")
	case *BGP:
		writeBGP(b, p)
	case *Path:
		writePathPattern(b, p)
	case *Join:
		writeBinaryPattern(b, "join", p.Left, p.Right)
	case *LeftJoin:
		writeLeftJoin(b, p)
	case *Filter:
		b.WriteString("(filter ")
		writeExpr(b, p.Expr)
		writeInner(b, p.Pattern)
	case *Union:
		writeBinaryPattern(b, "union", p.Left, p.Right)
	case *Graph:
		b.WriteString("(graph ")
		b.WriteString(p.Name.String())
		writeInner(b, p.Pattern)
	case *Extend:
		b.WriteString("(extend ((")
		b.WriteString(p.Var.String())
		b.WriteByte(' ')
		writeExpr(b, p.Expr)
		b.WriteString("))")
		writeInner(b, p.Pattern)
	case *Minus:
		writeBinaryPattern(b, "minus", p.Left, p.Right)
	case *Group:
		writeGroup(b, p)
	case *Table:
		writeTable(b, p)
	case *Service:
		b.WriteString("(service ")
		if p.Silent {
			b.WriteString("silent ")
		}
		b.WriteString(p.Endpoint.String())
		writeInner(b, p.Pattern)
	case *Project:
		b.WriteString("(project ")
		writeVars(b, p.Vars)
		writeInner(b, p.Pattern)
	case *Distinct:
		b.WriteString("(distinct")
		writeInner(b, p.Pattern)
	case *Reduced:
		b.WriteString("(reduced")
		writeInner(b, p.Pattern)
	case *Slice:
		writeSlice(b, p)
	case *OrderBy:
		writeOrderBy(b, p)
	default:
		b.WriteString("(unknown)")
	}
}

// writeInner ends an operator's form with the pattern it applies to:
// " pattern)".
func writeInner(b *strings.Builder, p Pattern) {
	b.WriteByte(' ')
	writePattern(b, p)
	b.WriteByte(')')
}

// writeBGP writes "(bgp (triple …) …)".
func writeBGP(b *strings.Builder, p *BGP) {
	b.WriteString("(bgp")
	for _, t := range p.Triples {
		b.WriteByte(' ')
		writeTriple(b, t)
	}
	b.WriteByte(')')
}

// writePathPattern writes "(path s path o)".
func writePathPattern(b *strings.Builder, p *Path) {
	b.WriteString("(path ")
	b.WriteString(p.S.String())
	b.WriteByte(' ')
	writePath(b, p.Path)
	b.WriteByte(' ')
	b.WriteString(p.O.String())
	b.WriteByte(')')
}

// writeLeftJoin writes "(leftjoin left right expr?)".
func writeLeftJoin(b *strings.Builder, p *LeftJoin) {
	b.WriteString("(leftjoin ")
	writePattern(b, p.Left)
	b.WriteByte(' ')
	writePattern(b, p.Right)
	if p.Expr != nil {
		b.WriteByte(' ')
		writeExpr(b, p.Expr)
	}
	b.WriteByte(')')
}

// writeGroup writes "(group (keys) ((?v aggregate) …) pattern)".
func writeGroup(b *strings.Builder, p *Group) {
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
	b.WriteByte(')')
	writeInner(b, p.Pattern)
}

// writeTable writes "(table (vars ?a ?b) (row [?a 1] …) …)"; unbound
// values are left out of their row.
func writeTable(b *strings.Builder, p *Table) {
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
}

// writeSlice writes "(slice offset limit pattern)", "_" for no limit.
func writeSlice(b *strings.Builder, p *Slice) {
	b.WriteString("(slice ")
	b.WriteString(strconv.FormatInt(p.Offset, 10))
	b.WriteByte(' ')
	if p.Limit < 0 {
		b.WriteByte('_')
	} else {
		b.WriteString(strconv.FormatInt(p.Limit, 10))
	}
	writeInner(b, p.Pattern)
}

// writeOrderBy writes "(order (expr (desc expr) …) pattern)".
func writeOrderBy(b *strings.Builder, p *OrderBy) {
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
	b.WriteByte(')')
	writeInner(b, p.Pattern)
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
