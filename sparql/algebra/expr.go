package algebra

import "github.com/stadleuven/maturity/rdf"

// Expr is an expression (§17, §18.2.2.5 for the translation). The set of
// implementations is closed: Var, Const, Binary, Unary, In, Call, Exists and
// Aggregate. After translation, Aggregate occurs only inside
// Group.Aggregates: HAVING and SELECT expressions refer to the aggregate's
// hidden variable instead.
type Expr interface {
	expr()
	String() string
}

// Const is an RDF term constant (IRI or literal).
type Const struct {
	Term rdf.Term
}

// Binary operators, as Binary.Op.
const (
	OpOr  = "||"
	OpAnd = "&&"
	OpEq  = "="
	OpNe  = "!="
	OpLt  = "<"
	OpGt  = ">"
	OpLe  = "<="
	OpGe  = ">="
	OpAdd = "+"
	OpSub = "-"
	OpMul = "*"
	OpDiv = "/"
	OpNot = "!" // unary only
)

// Binary is a binary operator: one of the Op constants other than OpNot.
// || and && evaluate lazily with the error rules of §17.2.
type Binary struct {
	Op          string
	Left, Right Expr
}

// Unary is !, unary - or unary +.
type Unary struct {
	Op  string
	Arg Expr
}

// In is "Arg IN (List…)" or, with Not, "Arg NOT IN (List…)" (§17.4.1.9).
type In struct {
	Arg  Expr
	List []Expr
	Not  bool
}

// Call calls a function. Name is the upper-case SPARQL name of a built-in
// ("STR", "REGEX", "BOUND", "IF", "COALESCE", "SAMETERM", …) or the full IRI
// of any other function (XSD casts such as
// "http://www.w3.org/2001/XMLSchema#integer", extension functions).
// BOUND, IF and COALESCE are special forms the evaluator handles lazily.
type Call struct {
	Name string
	Args []Expr
}

// Exists is EXISTS { Pattern } or, with Not, NOT EXISTS (§17.4.1.4): it
// evaluates Pattern with the variables of the current solution substituted.
type Exists struct {
	Not     bool
	Pattern Pattern
}

// Aggregate names of Aggregate.Name.
const (
	AggCount       = "COUNT"
	AggSum         = "SUM"
	AggMin         = "MIN"
	AggMax         = "MAX"
	AggAvg         = "AVG"
	AggSample      = "SAMPLE"
	AggGroupConcat = "GROUP_CONCAT"
)

// Aggregate is a set function over a group (§18.5: Aggregation). Expr is nil
// only for COUNT(*), which counts solutions; COUNT(DISTINCT *) counts
// distinct solutions. Separator is GROUP_CONCAT's separator (the parser sets
// the default " ").
type Aggregate struct {
	Name      string
	Distinct  bool
	Expr      Expr
	Separator string
}

func (Var) expr()        {}
func (*Const) expr()     {}
func (*Binary) expr()    {}
func (*Unary) expr()     {}
func (*In) expr()        {}
func (*Call) expr()      {}
func (*Exists) expr()    {}
func (*Aggregate) expr() {}
