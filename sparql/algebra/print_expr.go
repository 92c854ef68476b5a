package algebra

import (
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Printing of property paths, expressions and whole queries; see print.go.

func (p *PathLink) String() string       { return pathString(p) }
func (p *PathInverse) String() string    { return pathString(p) }
func (p *PathSeq) String() string        { return pathString(p) }
func (p *PathAlt) String() string        { return pathString(p) }
func (p *PathZeroOrMore) String() string { return pathString(p) }
func (p *PathOneOrMore) String() string  { return pathString(p) }
func (p *PathZeroOrOne) String() string  { return pathString(p) }
func (p *PathNegated) String() string    { return pathString(p) }

func pathString(p PathExpr) string {
	var b strings.Builder
	writePath(&b, p)
	return b.String()
}

func writePath(b *strings.Builder, p PathExpr) {
	unary := func(name string, inner PathExpr) {
		b.WriteByte('(')
		b.WriteString(name)
		b.WriteByte(' ')
		writePath(b, inner)
		b.WriteByte(')')
	}
	binary := func(name string, l, r PathExpr) {
		b.WriteByte('(')
		b.WriteString(name)
		b.WriteByte(' ')
		writePath(b, l)
		b.WriteByte(' ')
		writePath(b, r)
		b.WriteByte(')')
	}
	switch p := p.(type) {
	case *PathLink:
		b.WriteString(FormatTerm(p.IRI))
	case *PathInverse:
		unary("inv", p.Path)
	case *PathSeq:
		binary("seq", p.Left, p.Right)
	case *PathAlt:
		binary("alt", p.Left, p.Right)
	case *PathZeroOrMore:
		unary("path*", p.Path)
	case *PathOneOrMore:
		unary("path+", p.Path)
	case *PathZeroOrOne:
		unary("path?", p.Path)
	case *PathNegated:
		b.WriteString("(notoneof")
		for _, t := range p.Forward {
			b.WriteByte(' ')
			b.WriteString(FormatTerm(t))
		}
		for _, t := range p.Inverse {
			b.WriteString(" (inv ")
			b.WriteString(FormatTerm(t))
			b.WriteByte(')')
		}
		b.WriteByte(')')
	default:
		b.WriteString("(unknown)")
	}
}

func (e *Const) String() string     { return FormatTerm(e.Term) }
func (e *Binary) String() string    { return exprString(e) }
func (e *Unary) String() string     { return exprString(e) }
func (e *In) String() string        { return exprString(e) }
func (e *Call) String() string      { return exprString(e) }
func (e *Exists) String() string    { return exprString(e) }
func (e *Aggregate) String() string { return exprString(e) }

func exprString(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case nil:
		b.WriteString("(null)")
	case Var:
		b.WriteString(e.String())
	case *Const:
		b.WriteString(FormatTerm(e.Term))
	case *Binary:
		b.WriteByte('(')
		b.WriteString(e.Op)
		b.WriteByte(' ')
		writeExpr(b, e.Left)
		b.WriteByte(' ')
		writeExpr(b, e.Right)
		b.WriteByte(')')
	case *Unary:
		b.WriteByte('(')
		b.WriteString(e.Op)
		b.WriteByte(' ')
		writeExpr(b, e.Arg)
		b.WriteByte(')')
	case *In:
		if e.Not {
			b.WriteString("(notin ")
		} else {
			b.WriteString("(in ")
		}
		writeExpr(b, e.Arg)
		for _, x := range e.List {
			b.WriteByte(' ')
			writeExpr(b, x)
		}
		b.WriteByte(')')
	case *Call:
		b.WriteByte('(')
		if strings.Contains(e.Name, ":") {
			b.WriteString(rdf.IRI(e.Name).String())
		} else {
			b.WriteString(strings.ToLower(e.Name))
		}
		for _, x := range e.Args {
			b.WriteByte(' ')
			writeExpr(b, x)
		}
		b.WriteByte(')')
	case *Exists:
		if e.Not {
			b.WriteString("(notexists ")
		} else {
			b.WriteString("(exists ")
		}
		writePattern(b, e.Pattern)
		b.WriteByte(')')
	case *Aggregate:
		b.WriteByte('(')
		b.WriteString(strings.ToLower(e.Name))
		if e.Distinct {
			b.WriteString(" distinct")
		}
		if e.Name == AggGroupConcat {
			b.WriteString(" (separator ")
			b.WriteString(rdf.Literal(e.Separator).String())
			b.WriteByte(')')
		}
		if e.Expr != nil {
			b.WriteByte(' ')
			writeExpr(b, e.Expr)
		}
		b.WriteByte(')')
	default:
		b.WriteString("(unknown)")
	}
}

// String prints the query as "(select (vars) pattern)", "(construct
// (template) pattern)", "(ask pattern)" or "(describe (nodes) pattern)",
// preceded inside the parentheses by the dataset clause when there is one.
func (q *Query) String() string {
	var b strings.Builder
	b.WriteByte('(')
	b.WriteString(strings.ToLower(q.Form.String()))
	for _, g := range q.From {
		b.WriteString(" (from ")
		b.WriteString(FormatTerm(g))
		b.WriteByte(')')
	}
	for _, g := range q.FromNamed {
		b.WriteString(" (from named ")
		b.WriteString(FormatTerm(g))
		b.WriteByte(')')
	}
	switch q.Form {
	case Select:
		b.WriteByte(' ')
		writeVars(&b, q.Vars)
	case Construct:
		b.WriteString(" (")
		for i, t := range q.Template {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeTriple(&b, t)
		}
		b.WriteByte(')')
	case Describe:
		b.WriteString(" (")
		for i, n := range q.Describe {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(n.String())
		}
		b.WriteByte(')')
	}
	b.WriteByte(' ')
	writePattern(&b, q.Pattern)
	b.WriteByte(')')
	return b.String()
}
