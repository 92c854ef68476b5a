package sparql

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/parse"
	"github.com/stadleuven/maturity/sparql/service"
)

// Dataset is what a query is evaluated over: a consistent read view with
// dictionary-encoded terms (see dataset.Dataset). The store's snapshots
// satisfy it.
type Dataset = dataset.Dataset

// Decoder maps a Dataset's ids to terms and back, remembering what it
// decoded; one per request or query.
type Decoder = dataset.Decoder

// NewDecoder returns a Decoder over ds.
func NewDecoder(ds Dataset) *Decoder { return dataset.NewDecoder(ds) }

// Form is a query's form: SELECT, CONSTRUCT, ASK or DESCRIBE.
type Form = algebra.Form

// The query forms.
const (
	Select    = algebra.Select
	Construct = algebra.Construct
	Ask       = algebra.Ask
	Describe  = algebra.Describe
)

// SyntaxError is what Parse returns for a query that is not SPARQL 1.1 or
// is too big for its Limits: line, column, a message in Dutch or English
// (Localized) and the offending line with a caret (Snippet).
type SyntaxError = parse.Error

// LimitError is a query stopped at one of its Limits, naming the limit
// (Localized gives the message in Dutch or English).
type LimitError = budget.Error

// ServiceRefused reports whether err stopped a query because a SERVICE
// call was refused: no SERVICE handler was configured, or the endpoint is
// not on the allow-list of NewServiceClient.
func ServiceRefused(err error) bool {
	return errors.Is(err, eval.ErrNoService) || errors.Is(err, service.ErrNotAllowed)
}

// NewServiceClient returns the ServiceHandler that lets SERVICE call the
// allowed endpoints only (and nothing they redirect to), with the answer
// bounded by the query's Limits. timeout bounds one remote call (0: only
// the query's own deadline), so that one slow city's endpoint cannot take
// a federated query's whole time.
func NewServiceClient(allow []string, timeout time.Duration) (ServiceHandler, error) {
	c, err := service.New(allow)
	if err != nil {
		return nil, err
	}
	c.SetTimeout(timeout)
	return c, nil
}

// Query is a parsed query, ready to be executed any number of times (also
// concurrently).
type Query struct {
	q *algebra.Query
}

// Limits bounds one query: its size when parsed, its strings and memory
// when evaluated, its SERVICE answers; see budget.Limits. The zero value
// is the documented default.
type Limits = budget.Limits

// ParseOptions tune parsing.
type ParseOptions struct {
	// Base resolves relative IRIs when the query has no BASE.
	Base string
	// Limits bounds the query's nesting, patterns and path steps; pass
	// the same Limits to Exec.
	Limits Limits
}

// Parse parses a SPARQL 1.1 query. Syntax errors, and a query too big for
// opts.Limits, are *SyntaxError values with line and column.
func Parse(text string, opts ParseOptions) (*Query, error) {
	q, err := parse.ParseWith(text, parse.Options{Base: opts.Base, Limits: opts.Limits})
	if err != nil {
		return nil, err
	}
	if q.Base == "" {
		// IRI() resolves against the base at evaluation time too.
		q.Base = opts.Base
	}
	return &Query{q: q}, nil
}

// Form returns the query form.
func (q *Query) Form() Form { return q.q.Form }

// Algebra returns the query's algebra. It must not be modified.
func (q *Query) Algebra() *algebra.Query { return q.q }

// String prints the query's algebra.
func (q *Query) String() string { return q.q.Pattern.String() }

// DefaultGraphMode says what the default graph is; see eval.DefaultGraphMode.
type DefaultGraphMode = eval.DefaultGraphMode

// The default graph modes.
const (
	UnionDefaultGraph = eval.UnionDefaultGraph
	OwnDefaultGraph   = eval.OwnDefaultGraph
)

// ServiceHandler evaluates SERVICE clauses; see eval.ServiceHandler.
type ServiceHandler = eval.ServiceHandler

// ExecOptions tune one execution; see eval.Options.
type ExecOptions = eval.Options

// TableCache keeps the hash tables of executions for later ones over the
// same data; see eval.TableCache.
type TableCache = eval.TableCache

// NewTableCache returns a table cache of at most maxBytes.
func NewTableCache(maxBytes int64) *TableCache { return eval.NewTableCache(maxBytes) }

// DefaultTableCacheBytes is the size of a server's table cache unless
// configured otherwise.
const DefaultTableCacheBytes = eval.DefaultTableCacheBytes

// Result streams the answer of one execution.
type Result struct {
	r *eval.Result
}

// Exec evaluates q over ds. The context bounds the whole evaluation,
// including reading the result.
func Exec(ctx context.Context, ds Dataset, q *Query, opts ExecOptions) (*Result, error) {
	r, err := eval.Exec(ctx, ds, q.q, opts)
	if err != nil {
		return nil, fmt.Errorf("evaluate query: %w", err)
	}
	return &Result{r: r}, nil
}

// Form returns the query form.
func (r *Result) Form() Form { return r.r.Form() }

// Vars returns the SELECT variables, in order.
func (r *Result) Vars() []string { return r.r.Vars() }

// Boolean returns the answer of an ASK query.
func (r *Result) Boolean() bool { return r.r.Boolean() }

// Next advances to the next SELECT row or CONSTRUCT/DESCRIBE triple.
func (r *Result) Next() bool { return r.r.Next() }

// Row returns the current row, aligned with Vars; a zero Term is unbound.
func (r *Result) Row() []rdf.Term { return r.r.Row() }

// Quad returns the current CONSTRUCT/DESCRIBE triple (default graph).
func (r *Result) Quad() rdf.Quad { return r.r.Quad() }

// Err returns the error that ended the stream, if any.
func (r *Result) Err() error { return r.r.Err() }

// Close stops the evaluation.
func (r *Result) Close() error { return r.r.Close() }

// Explain prints the query's algebra (SSE-like), as parsed and before any
// dataset-dependent planning.
func Explain(q *Query) string { return q.q.Pattern.String() }

// ExplainPlan prints the plan Exec would run over ds: the operator tree
// with the join order chosen from ds's estimates.
func ExplainPlan(ctx context.Context, ds Dataset, q *Query, opts ExecOptions) (string, error) {
	return eval.Explain(ctx, ds, q.q, opts)
}
