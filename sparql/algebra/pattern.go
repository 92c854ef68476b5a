package algebra

import "github.com/stadleuven/maturity/rdf"

// Pattern is a graph pattern of the algebra (§18.2, §18.5). The set of
// implementations is closed: BGP, Path, Join, LeftJoin, Filter, Union, Graph,
// Extend, Minus, Group, Table, Service, Project, Distinct, Reduced, Slice and
// OrderBy. A sub-select is a Project (possibly below Distinct, Slice, …)
// used as an ordinary pattern.
type Pattern interface {
	pattern()
	String() string
}

// TriplePattern is one triple of a BGP or of a CONSTRUCT template.
type TriplePattern struct {
	S, P, O Node
}

// BGP is a basic graph pattern (§18.2.1). A BGP without triples is the empty
// group pattern {}: it yields exactly one solution that binds nothing, the
// identity of Join (spec: Z).
type BGP struct {
	Triples []TriplePattern
}

// Path is a property path pattern that cannot be reduced to triple patterns
// (§18.2.2.4): it matches S and O connected by Path.
type Path struct {
	S    Node
	Path PathExpr
	O    Node
}

// Join is the join of two patterns (§18.5: Join).
type Join struct {
	Left, Right Pattern
}

// LeftJoin is OPTIONAL (§18.5: LeftJoin). Expr is the filter of the optional
// group, tested on the merged solution; nil means true.
type LeftJoin struct {
	Left, Right Pattern
	Expr        Expr
}

// Filter keeps the solutions of Pattern for which Expr's effective boolean
// value is true (errors count as false). Several FILTERs of one group are
// combined with && into one Filter; the translation keeps them in source
// order, which is equivalent because FILTER treats errors as false.
type Filter struct {
	Expr    Expr
	Pattern Pattern
}

// Union is UNION (§18.5: Union): a bag union, left solutions first.
type Union struct {
	Left, Right Pattern
}

// Graph evaluates Pattern against the named graph Name, an IRI or a
// variable that ranges over the named graphs (§18.5: Graph).
type Graph struct {
	Name    Node
	Pattern Pattern
}

// Extend is BIND (and SELECT expressions): it binds Var to the value of Expr
// for each solution, leaving Var unbound when Expr raises an error
// (§18.5: Extend). The parser guarantees Var is not in scope in Pattern.
type Extend struct {
	Pattern Pattern
	Var     Var
	Expr    Expr
}

// Minus is MINUS (§18.5: Minus): solutions of Left that are not compatible
// with any solution of Right sharing at least one variable.
type Minus struct {
	Left, Right Pattern
}

// Group groups the solutions of Pattern by the values of Keys and computes
// Aggregates per group (§18.5: Group, Aggregation, AggregateJoin). Each
// output solution binds the keys (unbound where the key was unbound or an
// error) and each aggregate's Var (unbound when the aggregate raised an
// error).
//
// GROUP BY expressions are bound by an Extend below the Group, so keys are
// always variables. With no keys (aggregates without GROUP BY) there is
// exactly one group, even when Pattern has no solutions; with keys, no
// solutions give no groups.
type Group struct {
	Pattern    Pattern
	Keys       []Var
	Aggregates []AggregateBinding
}

// AggregateBinding binds the result of an aggregate to a (hidden) variable
// that the HAVING and SELECT expressions refer to.
type AggregateBinding struct {
	Var       Var
	Aggregate *Aggregate
}

// Table is inline data, VALUES (§18.2.4.3, ToMultiSet). A zero rdf.Term in
// a row is UNDEF. A Table with no variables and one empty row is the same
// unit as the empty BGP.
type Table struct {
	Vars []Var
	Rows [][]rdf.Term
}

// Service is SERVICE (SPARQL 1.1 Federated Query §4): Pattern is evaluated
// by the endpoint Endpoint (an IRI or a variable). Query is a complete,
// self-contained SELECT * query (prologue included) holding the group as
// written, ready to send to the endpoint. With Silent, a failing endpoint
// contributes one empty solution instead of an error.
type Service struct {
	Endpoint Node
	Silent   bool
	Pattern  Pattern
	Query    string
}

// Project keeps only Vars in each solution (§18.5: Project). It is the top
// of a SELECT query and of every sub-select.
type Project struct {
	Pattern Pattern
	Vars    []Var
}

// Distinct removes duplicate solutions (§18.5: Distinct).
type Distinct struct {
	Pattern Pattern
}

// Reduced may remove duplicate solutions (§18.5: Reduced).
type Reduced struct {
	Pattern Pattern
}

// Slice is OFFSET/LIMIT (§18.5: Slice). Limit < 0 means no limit.
type Slice struct {
	Pattern Pattern
	Offset  int64
	Limit   int64
}

// OrderBy sorts the solutions by Conditions, the first deciding most
// (§18.5: OrderBy, §15.1 for the order of terms).
type OrderBy struct {
	Pattern    Pattern
	Conditions []OrderCondition
}

// OrderCondition is one ORDER BY key.
type OrderCondition struct {
	Expr Expr
	Desc bool
}

func (*BGP) pattern()      {}
func (*Path) pattern()     {}
func (*Join) pattern()     {}
func (*LeftJoin) pattern() {}
func (*Filter) pattern()   {}
func (*Union) pattern()    {}
func (*Graph) pattern()    {}
func (*Extend) pattern()   {}
func (*Minus) pattern()    {}
func (*Group) pattern()    {}
func (*Table) pattern()    {}
func (*Service) pattern()  {}
func (*Project) pattern()  {}
func (*Distinct) pattern() {}
func (*Reduced) pattern()  {}
func (*Slice) pattern()    {}
func (*OrderBy) pattern()  {}
