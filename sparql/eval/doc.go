// Package eval evaluates SPARQL algebra over a Dataset of dictionary ids,
// streaming solutions instead of materialising tables.
//
// A query is compiled per execution into a tree of operators over solution
// rows: each variable gets a slot and a row is a []uint64 of term ids (0 =
// unbound). Operators push rows to a yield callback (the row is shared and
// mutated in place; whoever keeps one copies it), so a BGP join allocates
// nothing per solution. Each operator receives the bindings already made
// by the operators before it and joins with them, which lets a join bind
// outer values into inner index scans; operators whose semantics forbid
// seeing outer values (FILTER over optional variables, OPTIONAL on
// variables the left side may not bind, BIND, sub-selects) hide those
// bindings and check compatibility afterwards.
//
// Terms are decoded only when an expression, ORDER BY or the output needs
// them; computed terms get ids from a per-execution overlay dictionary.
//
// A group of joined patterns runs batched (batch.go): each step takes up
// to 256 solutions at once from the step before, extends them through
// its index scan or hash table in one loop, and hands its own buffer on,
// instead of a chain of calls per solution and step. A filter that reads
// only the variables of one triple pattern runs on that pattern's
// matches, and on a hash table's quads once each (scanfilter.go). Index
// scans come a block of quads at a time where the dataset offers it
// (blockMatcher, which the store implements).
//
// OPTIONAL and EXISTS over a single triple pattern probe that pattern
// directly per solution (probe.go). Hash tables can outlive an execution:
// given a TableCache (Options.Tables), executions over the same
// generation of the data share the tables they build (tablecache.go).
//
// Planning happens at execution time, because it reads the dataset: the
// join order of each group comes from Dataset.Estimate and sampled
// fan-outs (plan.go), filters run as soon as their variables are
// certainly bound (join.go), a join step probed many times switches from
// index lookups to a hash table (hashjoin.go), and sub-selects,
// aggregations and the right side of MINUS are evaluated once and probed
// through a hash index (materialize.go). Explain prints the resulting plan.
//
// Every scan and long loop checks the context, so a cancelled query stops
// within milliseconds; so does planning, which stays near-linear in the
// size of a group (plan_linear.go) however many patterns it has.
//
// Options.Limits bounds what one execution may hold (meter.go): ORDER BY,
// GROUP BY, DISTINCT, materialised sub-results, SERVICE rows and computed
// terms charge their bytes to a meter and stop the query with a
// *budget.Error past the budget; a hash table that does not fit is not
// built (the step keeps its index lookups) and a path stops memoising.
// Functions refuse strings longer than Limits.StringBytes (fn.Env).
//
// Files:
//
//	doc.go, options.go, errors.go  this map; Options; errors
//	dataset.go     Dataset, the storage contract (and blockMatcher)
//	memory.go      Memory, the in-memory reference Dataset
//	exec.go        Exec's state: the active graphs, ticks, fresh blank nodes
//	scan.go        reading a pattern in its graph; the union as a set; estimates
//	compile.go     algebra → operators; op.go the operator interface and helpers
//	join.go        joinOp: flattening a group, compiling its steps, join order
//	joinrun.go     running a joinOp depth first
//	batch.go       running a joinOp 256 solutions a step at a time
//	plan.go        join order by dynamic programming over sampled fan-outs
//	plan_linear.go join order of large groups, near-linear
//	correlate.go   fan-out of a bound position, sampled from the binding step
//	hashjoin.go    hash tables of a step's matches, and bit sets of keys
//	idindex.go     open-addressing index of term ids
//	tablecache.go  hash tables kept between executions (TableCache)
//	scanfilter.go  filters judged on a step's own matches
//	probe.go       OPTIONAL and EXISTS over one pattern, probed per solution
//	optional.go, minus.go, union.go, graph.go, values.go, bind.go, service.go
//	               the other operators of the algebra
//	materialize.go sub-results evaluated once and probed by hash
//	path.go        property paths
//	expr.go, memo.go  expressions; memoised filters and BINDs
//	group.go, tally.go  GROUP BY and aggregates; MIN/MAX/SUM/AVG on ids
//	order.go, distinct.go, slice.go, chain.go  solution modifiers
//	construct.go   CONSTRUCT and DESCRIBE
//	result.go      Result, the streamed answer
//	decoder.go, dict.go  id ↔ term decoding; per-execution overlay dictionary
//	meter.go       the memory budget of an execution
//	vars.go        variable sets for static analysis
//	explain.go     Explain, the printed plan
package eval
