package fn

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Aggregator accumulates one group's values of an aggregate expression.
// Add takes the value of the expression for one solution, or the error its
// evaluation gave (an unbound variable included); Result returns the
// aggregate, or an error that leaves the result unbound.
type Aggregator interface {
	Add(t rdf.Term, err error)
	Result() (rdf.Term, error)
	// Size estimates the bytes the aggregator holds, for the
	// evaluator's memory budget: GROUP_CONCAT and DISTINCT grow.
	Size() int
}

// NewAggregator returns an accumulator for COUNT, SUM, AVG, MIN, MAX,
// SAMPLE or GROUP_CONCAT (upper case). With distinct, repeated terms are
// added once. COUNT(*) is not an expression and is counted by the
// evaluator.
//
// Errors follow SPARQL 1.1 §18.5.1: COUNT, MIN, MAX and SAMPLE skip values
// whose evaluation failed; SUM, AVG and GROUP_CONCAT fail as a whole.
func NewAggregator(name string, distinct bool, separator string) (Aggregator, error) {
	return (&Env{}).NewAggregator(name, distinct, separator)
}

// NewAggregator is NewAggregator under e's MaxString: GROUP_CONCAT
// fails with a *budget.Error once its result would exceed it.
func (e *Env) NewAggregator(name string, distinct bool, separator string) (Aggregator, error) {
	var a Aggregator
	switch strings.ToUpper(name) {
	case "COUNT":
		a = &countAgg{}
	case "SUM":
		a = &sumAgg{sum: number{kind: kInteger, i: new(big.Int)}}
	case "AVG":
		a = &avgAgg{sumAgg: sumAgg{sum: number{kind: kInteger, i: new(big.Int)}}}
	case "MIN":
		a = &extremeAgg{sign: -1}
	case "MAX":
		a = &extremeAgg{sign: 1}
	case "SAMPLE":
		a = &sampleAgg{}
	case "GROUP_CONCAT":
		a = &concatAgg{sep: separator, env: e}
	default:
		return nil, fmt.Errorf("aggregate %s: %w", name, ErrUnknownFunction)
	}
	if distinct {
		a = &distinctAgg{inner: a, seen: map[rdf.Term]struct{}{}}
	}
	return a, nil
}

type distinctAgg struct {
	inner Aggregator
	seen  map[rdf.Term]struct{}
	bytes int // held by seen
}

func (d *distinctAgg) Add(t rdf.Term, err error) {
	if err == nil && !t.IsZero() {
		if _, dup := d.seen[t]; dup {
			return
		}
		d.seen[t] = struct{}{}
		d.bytes += TermSize(t) + 16
	}
	d.inner.Add(t, err)
}

func (d *distinctAgg) Result() (rdf.Term, error) { return d.inner.Result() }

func (d *distinctAgg) Size() int { return d.inner.Size() + d.bytes }

// failed reports whether an added value is an error or unbound.
func failed(t rdf.Term, err error) bool { return err != nil || t.IsZero() }

type countAgg struct{ n int64 }

func (c *countAgg) Add(t rdf.Term, err error) {
	if !failed(t, err) {
		c.n++
	}
}

func (c *countAgg) Result() (rdf.Term, error) { return intTerm(c.n), nil }

func (c *countAgg) Size() int { return 8 }

type sumAgg struct {
	sum number
	err error
	// fast is the sum while every value is a fixed-point integer or
	// decimal (fixed.go) and the sum fits; fastKind is its kind. slow is
	// set once the sum has moved to sum.
	fast     fixed
	fastKind numKind
	slow     bool
}

func (s *sumAgg) Add(t rdf.Term, err error) {
	if s.err != nil {
		return
	}
	if failed(t, err) {
		s.err = fmt.Errorf("SUM over an error: %w", ErrType)
		if err != nil {
			s.err = fmt.Errorf("SUM: %w", err)
		}
		return
	}
	if !s.slow {
		if f, kind, ok := fixedOf(t); ok {
			if r, ok := arithFixed('+', s.fast, f); ok {
				s.fast, s.fastKind = r, max(s.fastKind, kind)
				return
			}
		}
		s.slow = true
		s.sum = s.fast.number(s.fastKind)
	}
	n, err := operand("SUM", t)
	if err != nil {
		s.err = err
		return
	}
	s.sum, s.err = arith('+', s.sum, n)
}

func (s *sumAgg) Size() int { return 64 }

func (s *sumAgg) Result() (rdf.Term, error) {
	if s.err != nil {
		return rdf.Term{}, s.err
	}
	if !s.slow {
		return s.fast.term(s.fastKind), nil
	}
	return s.sum.term(), nil
}

// total returns the sum as a general number.
func (s *sumAgg) total() number {
	if !s.slow {
		return s.fast.number(s.fastKind)
	}
	return s.sum
}

type avgAgg struct {
	sumAgg
	n int64
}

func (a *avgAgg) Add(t rdf.Term, err error) {
	a.sumAgg.Add(t, err)
	a.n++
}

// Result of an empty group is 0, as the spec defines Avg({}).
func (a *avgAgg) Result() (rdf.Term, error) {
	if a.err != nil {
		return rdf.Term{}, a.err
	}
	if a.n == 0 {
		return intTerm(0), nil
	}
	if !a.slow {
		if lex, ok := quoFixed(a.fast, fixed{m: a.n}); ok {
			return rdf.TypedLiteral(lex, rdf.XSDDecimal), nil
		}
	}
	q, err := arith('/', a.total(), number{kind: kInteger, i: big.NewInt(a.n)})
	if err != nil {
		return rdf.Term{}, err
	}
	return q.term(), nil
}

// extremeAgg is MIN (sign -1) or MAX (sign 1) in ORDER BY order.
type extremeAgg struct {
	sign int
	best rdf.Term
}

func (m *extremeAgg) Add(t rdf.Term, err error) {
	if failed(t, err) {
		return
	}
	if m.best.IsZero() || OrderCompare(t, m.best)*m.sign > 0 {
		m.best = t
	}
}

func (m *extremeAgg) Size() int { return TermSize(m.best) }

func (m *extremeAgg) Result() (rdf.Term, error) {
	if m.best.IsZero() {
		return rdf.Term{}, ErrEmptyGroup
	}
	return m.best, nil
}

type sampleAgg struct{ v rdf.Term }

func (s *sampleAgg) Add(t rdf.Term, err error) {
	if s.v.IsZero() && !failed(t, err) {
		s.v = t
	}
}

func (s *sampleAgg) Size() int { return TermSize(s.v) }

func (s *sampleAgg) Result() (rdf.Term, error) {
	if s.v.IsZero() {
		return rdf.Term{}, ErrEmptyGroup
	}
	return s.v, nil
}

// concatAgg joins the lexical forms of literals into a simple literal,
// dropping language tags even when all values share one (the W3C tests
// agg-groupconcat-04/06 compare the result with a simple literal).
type concatAgg struct {
	sep string
	env *Env
	b   strings.Builder
	n   int
	err error
}

func (c *concatAgg) Add(t rdf.Term, err error) {
	if c.err != nil {
		return
	}
	switch {
	case err != nil:
		c.err = fmt.Errorf("GROUP_CONCAT: %w", err)
		return
	case !t.IsLiteral():
		c.err = typeErr("GROUP_CONCAT", "%s is not a literal", t)
		return
	}
	n := c.b.Len() + len(t.Value)
	if c.n > 0 {
		n += len(c.sep)
	}
	if err := c.env.checkLen("GROUP_CONCAT", n); err != nil {
		c.err = err
		return
	}
	if c.n > 0 {
		c.b.WriteString(c.sep)
	}
	c.b.WriteString(t.Value)
	c.n++
}

func (c *concatAgg) Size() int { return c.b.Cap() }

func (c *concatAgg) Result() (rdf.Term, error) {
	if c.err != nil {
		return rdf.Term{}, c.err
	}
	return rdf.Literal(c.b.String()), nil
}
