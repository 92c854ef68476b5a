package eval

import (
	"context"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
)

// DefaultGraphMode says what the default graph of a query is when neither
// FROM nor the protocol names one.
type DefaultGraphMode int

const (
	// UnionDefaultGraph makes the default graph the union of all graphs
	// (the stored default graph and every named graph); GRAPH ?g ranges
	// over the named graphs. Like FROM, the union is an RDF merge, a set:
	// a triple held by several graphs is matched once.
	UnionDefaultGraph DefaultGraphMode = iota
	// OwnDefaultGraph makes the default graph only the stored default
	// graph, as the W3C test suites expect.
	OwnDefaultGraph
)

// ServiceHandler evaluates SERVICE clauses. Implementations decide which
// endpoints may be called: an open handler lets any query make the server
// send requests anywhere.
type ServiceHandler interface {
	// Select sends query (a complete SELECT query) to endpoint and returns
	// the variables and rows; a zero Term in a row is unbound. An answer
	// of more than maxBytes bytes is refused with a *budget.Error before
	// it is read whole.
	Select(ctx context.Context, endpoint string, query string, maxBytes int64) (vars []string, rows [][]rdf.Term, err error)
}

// Options tune one execution.
type Options struct {
	DefaultGraph DefaultGraphMode
	// DefaultGraphIRIs and NamedGraphIRIs are the protocol's
	// default-graph-uri and named-graph-uri; when either is set they
	// replace the query's FROM and FROM NAMED.
	DefaultGraphIRIs, NamedGraphIRIs []rdf.Term
	// Service evaluates SERVICE; nil makes SERVICE fail (SILENT: one empty
	// solution).
	Service ServiceHandler
	// Now is the value of NOW(); zero means time.Now().
	Now time.Time
	// Limits bounds the execution: the length of computed strings
	// (StringBytes), the memory its operators hold (MemoryBytes) and the
	// size of SERVICE answers (ServiceBytes). The zero value is the
	// default of package budget. Exceeding one stops the query with a
	// *budget.Error.
	Limits budget.Limits
	// Tables, when set, keeps the hash tables the execution builds for
	// later executions over the same generation of the data, and hands
	// it those that earlier ones built (tablecache.go).
	Tables *TableCache

	// linearPlans makes every group use the near-linear join order, so
	// that tests can compare its answers with the other orders'
	// (export_test.go).
	linearPlans bool
}
