// Package budget holds the resource limits of one SPARQL query and the error
// that reports a limit met. One Limits value travels with a query, next to
// its context.Context: the parser checks the size of the query (nesting,
// triple patterns, property path steps), the evaluator the length of
// computed strings and the memory its operators hold, the SERVICE client
// the size of remote answers. Nothing is global: two queries may run under
// different limits in one process.
//
// A zero field means the default below and a negative one no limit, so the
// zero Limits is the safe, documented default everywhere.
package budget

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Defaults of the limits. They leave every query of the W3C suites and of
// the benchmarks alone and stop the hostile ones of issue 11 early: a
// 20,000-step path, a 5,000-pattern BGP, nested REPLACE building a 100 M
// character string, a sorted cross product of 9 million rows.
const (
	DefaultDepth        = 200
	DefaultPatterns     = 1000
	DefaultPathSteps    = 100
	DefaultStringBytes  = 4 << 20
	DefaultMemoryBytes  = 128 << 20
	DefaultServiceBytes = 16 << 20
)

// Limits bounds one query. See the package comment for zero and negative
// values.
type Limits struct {
	// Depth bounds the nesting of groups, sub-queries, expressions, paths
	// and collections, so that a query cannot exhaust the stack.
	Depth int
	// Patterns bounds the triple and path patterns of a query, those that
	// property paths and collections expand to included: join ordering
	// and evaluation grow with them.
	Patterns int
	// PathSteps bounds the steps (IRIs, 'a' and negated property sets) of
	// one property path.
	PathSteps int
	// StringBytes bounds a string that a function or an aggregate
	// computes (CONCAT, REPLACE, GROUP_CONCAT, ENCODE_FOR_URI, …).
	StringBytes int
	// MemoryBytes bounds the state the operators of one execution hold:
	// ORDER BY, GROUP BY, DISTINCT, hash joins, sub-selects evaluated
	// once, SERVICE answers and the terms the query computes. It is
	// counted in bytes, from the sizes of what is kept, not in rows.
	MemoryBytes int64
	// ServiceBytes bounds one SERVICE answer as read from the network.
	ServiceBytes int64
}

// Resolved returns the limits with defaults filled in, and math's
// largest values where a field is negative (no limit).
func (l Limits) Resolved() Limits {
	pick := func(v, def int64) int64 {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 1<<63 - 1
		}
		return v
	}
	pickInt := func(v, def int) int { return int(min(pick(int64(v), int64(def)), 1<<31-1)) }
	return Limits{
		Depth:        pickInt(l.Depth, DefaultDepth),
		Patterns:     pickInt(l.Patterns, DefaultPatterns),
		PathSteps:    pickInt(l.PathSteps, DefaultPathSteps),
		StringBytes:  pickInt(l.StringBytes, DefaultStringBytes),
		MemoryBytes:  pick(l.MemoryBytes, DefaultMemoryBytes),
		ServiceBytes: pick(l.ServiceBytes, DefaultServiceBytes),
	}
}

// Name identifies a limit. It is spelled as the `maturity serve` flag that
// sets it, so that an error tells an operator what to change.
type Name string

// The limits, by flag name.
const (
	NameDepth        Name = "max-depth"
	NamePatterns     Name = "max-patterns"
	NamePathSteps    Name = "max-path-steps"
	NameStringBytes  Name = "max-string-bytes"
	NameMemoryBytes  Name = "query-memory"
	NameServiceBytes Name = "max-service-bytes"
)

// units is what a count limit counts, in English and Dutch; the other
// limits count bytes.
var units = map[Name][2]string{
	NameDepth:     {"levels", "niveaus"},
	NamePatterns:  {"patterns", "patronen"},
	NamePathSteps: {"steps", "stappen"},
}

// scopes says what a limit applies to, when not to the whole query.
var scopes = map[Name][2]string{
	NamePathSteps:    {"per path", "per pad"},
	NameStringBytes:  {"per string", "per string"},
	NameServiceBytes: {"per SERVICE answer", "per SERVICE-antwoord"},
}

// ErrLimit is wrapped by every *Error, for errors.Is.
var ErrLimit = errors.New("query limit exceeded")

// Error reports that a query needs more than a limit allows. The query was
// stopped: nothing it produced after the limit was met is used.
type Error struct {
	Limit Name
	Max   int64
	// What names the part of the query that met the limit: "ORDER BY",
	// "REPLACE", "SERVICE <http://…>".
	What string
}

func (e *Error) Error() string { return e.Localized("en") }

// Unwrap makes errors.Is(err, ErrLimit) hold.
func (e *Error) Unwrap() error { return ErrLimit }

// Localized returns the message in Dutch ("nl", the default for "") or
// English (any other tag).
func (e *Error) Localized(lang string) string {
	nl := lang == "" || lang == "nl" || len(lang) > 3 && lang[:3] == "nl-"
	max := Bytes(e.Max)
	if u, ok := units[e.Limit]; ok {
		max = strconv.FormatInt(e.Max, 10) + " " + u[0]
		if nl {
			max = strconv.FormatInt(e.Max, 10) + " " + u[1]
		}
	}
	per := scopes[e.Limit]
	if per == [2]string{} {
		per = [2]string{"per query", "per query"}
	}
	if nl {
		return fmt.Sprintf("%s overschrijdt de grens %s van %s %s", e.What, e.Limit, max, per[1])
	}
	return fmt.Sprintf("%s exceeds the limit %s of %s %s", e.What, e.Limit, max, per[0])
}

// Exceeded returns the *Error for limit name with maximum max, met by what.
func Exceeded(name Name, max int64, what string) *Error {
	return &Error{Limit: name, Max: max, What: what}
}

// Bytes prints a byte count for people: "4 MiB", "512 KiB", "17 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// ParseBytes reads a byte count as people write it: a number with an
// optional binary unit (1048576, 1024KiB, 1MiB, 1M, 2GiB); "-1" means no
// limit.
func ParseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.TrimSpace(s[len(num):])
	shift := map[string]uint{"": 0, "B": 0, "K": 10, "KIB": 10, "KB": 10, "M": 20, "MIB": 20, "MB": 20, "G": 30, "GIB": 30, "GB": 30}
	sh, ok := shift[strings.ToUpper(unit)]
	n, err := strconv.ParseInt(num, 10, 64)
	if strings.HasPrefix(s, "-") {
		n, err = strconv.ParseInt(s, 10, 64) // -1: no limit
		sh, ok = 0, err == nil
	}
	if err != nil || !ok || n > (1<<62)>>sh {
		return 0, fmt.Errorf("%q is not a size such as 64MiB", s)
	}
	return n << sh, nil
}
