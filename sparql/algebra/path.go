package algebra

import "github.com/stadleuven/maturity/rdf"

// PathExpr is a property path expression (§9, §18.2.2.3). The set of
// implementations is closed: PathLink, PathInverse, PathSeq, PathAlt,
// PathZeroOrMore, PathOneOrMore, PathZeroOrOne and PathNegated.
type PathExpr interface {
	pathExpr()
	String() string
}

// PathLink is a single predicate IRI (spec: link).
type PathLink struct {
	IRI rdf.Term
}

// PathInverse is ^path (spec: inv).
type PathInverse struct {
	Path PathExpr
}

// PathSeq is left/right (spec: seq).
type PathSeq struct {
	Left, Right PathExpr
}

// PathAlt is left|right (spec: alt).
type PathAlt struct {
	Left, Right PathExpr
}

// PathZeroOrMore is path* (spec: ZeroOrMorePath): distinct nodes.
type PathZeroOrMore struct {
	Path PathExpr
}

// PathOneOrMore is path+ (spec: OneOrMorePath): distinct nodes.
type PathOneOrMore struct {
	Path PathExpr
}

// PathZeroOrOne is path? (spec: ZeroOrOnePath): distinct nodes.
type PathZeroOrOne struct {
	Path PathExpr
}

// PathNegated is a negated property set !(p1|…|^q1|…) (spec: NPS). Forward
// holds the IRIs excluded in the forward direction, Inverse those excluded
// in the inverse direction; an edge matches in a direction only when that
// direction has at least one entry (§18.2.2.3: a mixed set is the
// alternative of the forward and the inverse negated sets).
type PathNegated struct {
	Forward []rdf.Term
	Inverse []rdf.Term
}

func (*PathLink) pathExpr()       {}
func (*PathInverse) pathExpr()    {}
func (*PathSeq) pathExpr()        {}
func (*PathAlt) pathExpr()        {}
func (*PathZeroOrMore) pathExpr() {}
func (*PathOneOrMore) pathExpr()  {}
func (*PathZeroOrOne) pathExpr()  {}
func (*PathNegated) pathExpr()    {}
