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
package eval
