package parse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/sparql/algebra"
)

// expression parses Expression (§19.8 [110]-[121]) with the usual
// precedence: || < && < relational < additive < multiplicative < unary.
func (p *parser) expression() (algebra.Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	left, err := p.andExpression()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("||") {
		right, err := p.andExpression()
		if err != nil {
			return nil, err
		}
		left = &algebra.Binary{Op: algebra.OpOr, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) andExpression() (algebra.Expr, error) {
	left, err := p.relationalExpression()
	if err != nil {
		return nil, err
	}
	for p.acceptPunct("&&") {
		right, err := p.relationalExpression()
		if err != nil {
			return nil, err
		}
		left = &algebra.Binary{Op: algebra.OpAnd, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) relationalExpression() (algebra.Expr, error) {
	left, err := p.additiveExpression()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.kind == tPunct {
		switch t.val {
		case "=", "!=", "<", ">", "<=", ">=":
			p.skip()
			right, err := p.additiveExpression()
			if err != nil {
				return nil, err
			}
			return &algebra.Binary{Op: t.val, Left: left, Right: right}, nil
		}
	}
	not := false
	if p.isWord("NOT") && p.peekAt(1).kind == tWord && strings.EqualFold(p.peekAt(1).val, "IN") {
		p.skip()
		not = true
	}
	if p.acceptWord("IN") {
		list, err := p.expressionList()
		if err != nil {
			return nil, err
		}
		return &algebra.In{Arg: left, List: list, Not: not}, nil
	}
	return left, nil
}

// expressionList parses ExpressionList ::= NIL | '(' Expression ( ','
// Expression )* ')'.
func (p *parser) expressionList() ([]algebra.Expr, error) {
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	list := []algebra.Expr{}
	if p.acceptPunct(")") {
		return list, nil
	}
	for {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		list = append(list, e)
		if p.acceptPunct(")") {
			return list, nil
		}
		if err := p.expectPunct(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) additiveExpression() (algebra.Expr, error) {
	left, err := p.multiplicativeExpression()
	if err != nil {
		return nil, err
	}
	for p.isPunct("+") || p.isPunct("-") {
		op := p.next().val
		right, err := p.multiplicativeExpression()
		if err != nil {
			return nil, err
		}
		left = &algebra.Binary{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) multiplicativeExpression() (algebra.Expr, error) {
	left, err := p.unaryExpression()
	if err != nil {
		return nil, err
	}
	for p.isPunct("*") || p.isPunct("/") {
		op := p.next().val
		right, err := p.unaryExpression()
		if err != nil {
			return nil, err
		}
		left = &algebra.Binary{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) unaryExpression() (algebra.Expr, error) {
	t := p.peek()
	if t.kind == tPunct && (t.val == "!" || t.val == "+" || t.val == "-") {
		if t.val != "!" && p.signedNumberFollows() {
			lit, _, err := p.literal() // -1 is a literal, not -(1)
			return &algebra.Const{Term: lit}, err
		}
		p.skip()
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		arg, err := p.primaryExpression()
		if err != nil {
			return nil, err
		}
		return &algebra.Unary{Op: t.val, Arg: arg}, nil
	}
	return p.primaryExpression()
}

// primaryExpression parses PrimaryExpression ::= BrackettedExpression |
// BuiltInCall | iriOrFunction | RDFLiteral | NumericLiteral |
// BooleanLiteral | Var.
func (p *parser) primaryExpression() (algebra.Expr, error) {
	t := p.peek()
	switch t.kind {
	case tVar:
		p.skip()
		return algebra.Var(t.val), nil
	case tIRI, tPName:
		return p.iriOrFunction()
	case tPunct:
		if t.val == "(" {
			return p.bracketted()
		}
	case tWord:
		if !p.isWord("true") && !p.isWord("false") {
			return p.builtInCall()
		}
	}
	if lit, ok, err := p.literal(); ok || err != nil {
		return &algebra.Const{Term: lit}, err
	}
	return nil, p.unexpected("an expression", "een expressie")
}

// bracketted parses BrackettedExpression ::= '(' Expression ')'.
func (p *parser) bracketted() (algebra.Expr, error) {
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	e, err := p.expression()
	if err != nil {
		return nil, err
	}
	return e, p.expectPunct(")")
}

// isConstraintStart reports whether a Constraint (FILTER, HAVING, ORDER
// BY) starts here.
func (p *parser) isConstraintStart() bool {
	return p.isPunct("(") || p.isBuiltInStart() || p.isIRIStart()
}

// constraint parses Constraint ::= BrackettedExpression | BuiltInCall |
// FunctionCall.
func (p *parser) constraint() (algebra.Expr, error) {
	switch {
	case p.isPunct("("):
		return p.bracketted()
	case p.isBuiltInStart():
		return p.builtInCall()
	case p.isIRIStart():
		if n := p.peekAt(1); n.kind != tPunct || n.val != "(" {
			p.skip()
			return nil, p.unexpected("'(' after the function IRI", "'(' na de functie-IRI")
		}
		return p.iriOrFunction()
	}
	return nil, p.unexpected("'(', a built-in call or a function call", "'(', een ingebouwde functie of een functieaanroep")
}

func (p *parser) isBuiltInStart() bool {
	t := p.peek()
	if t.kind != tWord {
		return false
	}
	if _, _, _, ok := builtinArity(t.val); ok {
		return true
	}
	if _, ok := aggregateName(t.val); ok {
		return true
	}
	return p.isWord("EXISTS") || p.isWord("NOT") && p.peekAt(1).kind == tWord && strings.EqualFold(p.peekAt(1).val, "EXISTS")
}

// iriOrFunction parses iri ArgList? : an IRI constant or a function call.
func (p *parser) iriOrFunction() (algebra.Expr, error) {
	iri, err := p.iri()
	if err != nil {
		return nil, err
	}
	if !p.isPunct("(") {
		return &algebra.Const{Term: iri}, nil
	}
	p.skip()
	call := &algebra.Call{Name: iri.Value, Args: []algebra.Expr{}}
	if p.acceptPunct(")") {
		return call, nil
	}
	if t := p.peek(); p.acceptWord("DISTINCT") {
		return nil, p.errAt(t, "DISTINCT in a call of <%s>: custom aggregates are not supported",
			"DISTINCT in een aanroep van <%s>: eigen aggregaten worden niet ondersteund", iri.Value)
	}
	for {
		e, err := p.expression()
		if err != nil {
			return nil, err
		}
		call.Args = append(call.Args, e)
		if p.acceptPunct(")") {
			return call, nil
		}
		if err := p.expectPunct(","); err != nil {
			return nil, err
		}
	}
}

// builtInCall parses BuiltInCall: aggregates, EXISTS/NOT EXISTS and the
// built-in functions with their arities.
func (p *parser) builtInCall() (algebra.Expr, error) {
	t := p.peek()
	if t.kind != tWord {
		return nil, p.unexpected("a function", "een functie")
	}
	if name, ok := aggregateName(t.val); ok {
		return p.aggregate(name)
	}
	if p.acceptWord("NOT") {
		if err := p.expectWord("EXISTS"); err != nil {
			return nil, err
		}
		pat, err := p.existsPattern()
		return &algebra.Exists{Not: true, Pattern: pat}, err
	}
	if p.acceptWord("EXISTS") {
		pat, err := p.existsPattern()
		return &algebra.Exists{Pattern: pat}, err
	}
	name, min, max, ok := builtinArity(t.val)
	if !ok {
		if near, ok := closestName(t.val); ok {
			return nil, p.errAt(t, "unknown function %s (did you mean %s?)", "onbekende functie %s (bedoelde je %s?)", t.val, near)
		}
		return nil, p.errAt(t, "unknown function %s", "onbekende functie %s", t.val)
	}
	p.skip()
	if name == "BOUND" {
		if err := p.expectPunct("("); err != nil {
			return nil, err
		}
		v := p.peek()
		if v.kind != tVar {
			return nil, p.unexpected("a variable in BOUND", "een variabele in BOUND")
		}
		p.skip()
		return &algebra.Call{Name: name, Args: []algebra.Expr{algebra.Var(v.val)}}, p.expectPunct(")")
	}
	if !p.isPunct("(") {
		return nil, p.unexpected("'(' after "+t.val, "'(' na "+t.val)
	}
	args, err := p.expressionList()
	if err != nil {
		return nil, err
	}
	if len(args) < min || max >= 0 && len(args) > max {
		return nil, p.errText(t, fmt.Sprintf("%s takes %s, not %d", name, arity(min, max, false), len(args)),
			fmt.Sprintf("%s verwacht %s, niet %d", name, arity(min, max, true), len(args)))
	}
	return &algebra.Call{Name: name, Args: args}, nil
}

// arity describes an argument count for error messages, in English or
// Dutch.
func arity(min, max int, nl bool) string {
	word, words, or, atLeast := "argument", "arguments", " or ", "at least "
	if nl {
		word, words, or, atLeast = "argument", "argumenten", " of ", "minstens "
	}
	switch {
	case max < 0:
		return atLeast + strconv.Itoa(min) + " " + words
	case min == 1 && max == 1:
		return "1 " + word
	case min == max:
		return strconv.Itoa(min) + " " + words
	}
	return strconv.Itoa(min) + or + strconv.Itoa(max) + " " + words
}

// existsPattern parses the group of EXISTS, where aggregates of the
// enclosing SELECT are not allowed.
func (p *parser) existsPattern() (algebra.Pattern, error) {
	saved := p.agg
	p.agg = nil
	defer func() { p.agg = saved }()
	return p.groupGraphPattern()
}

// aggregate parses Aggregate (§19.8 [127]) and returns the hidden variable
// the aggregate's value is bound to by the Group.
func (p *parser) aggregate(name string) (algebra.Expr, error) {
	t := p.next()
	switch {
	case p.agg == nil:
		return nil, p.errAt(t, "aggregate %s is only allowed in SELECT, HAVING and ORDER BY",
			"aggregaat %s mag alleen in SELECT, HAVING en ORDER BY", name)
	case p.agg.inside:
		return nil, p.errAt(t, "aggregate %s inside another aggregate", "aggregaat %s binnen een ander aggregaat", name)
	}
	if err := p.expectPunct("("); err != nil {
		return nil, err
	}
	a := &algebra.Aggregate{Name: name, Distinct: p.acceptWord("DISTINCT")}
	if name == algebra.AggGroupConcat {
		a.Separator = " "
	}
	if name == algebra.AggCount && p.acceptPunct("*") {
		// COUNT(*): Expr stays nil.
	} else {
		p.agg.inside = true
		e, err := p.expression()
		p.agg.inside = false
		if err != nil {
			return nil, err
		}
		a.Expr = e
	}
	if name == algebra.AggGroupConcat && p.acceptPunct(";") {
		if err := p.expectWord("SEPARATOR"); err != nil {
			return nil, err
		}
		if err := p.expectPunct("="); err != nil {
			return nil, err
		}
		s := p.peek()
		if s.kind != tString {
			return nil, p.unexpected("a string after SEPARATOR =", "een string na SEPARATOR =")
		}
		p.skip()
		a.Separator = s.val
	}
	if err := p.expectPunct(")"); err != nil {
		return nil, err
	}
	v := p.freshVar("agg")
	p.agg.bindings = append(p.agg.bindings, algebra.AggregateBinding{Var: v, Aggregate: a})
	return v, nil
}
