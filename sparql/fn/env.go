package fn

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
)

// Env is the per-query state of function evaluation: the query's NOW and
// base IRI, the random source, blank-node labels and compiled regular
// expressions. Make one per query execution; it is not safe for concurrent
// use. The zero Env works (NOW is then fixed at its first use).
type Env struct {
	// Now is the value of NOW() for the whole query; zero means the time
	// of the first call.
	Now time.Time
	// Base resolves relative IRIs in IRI()/URI().
	Base string
	// MaxString bounds the strings functions and GROUP_CONCAT compute,
	// in bytes (0: no bound). A longer result is a *budget.Error, which
	// the evaluator does not treat as an expression error: it stops the
	// query. Functions check before or while they build a string, never
	// after, so nested REPLACE or CONCAT cannot allocate more than about
	// MaxString per call.
	MaxString int

	rng       *rand.Rand
	prefix    string // makes blank-node labels unique to this Env
	seq       uint64
	rowBnodes map[string]string
	regexps   map[string]*regexp.Regexp
}

// NewRow starts a new solution: BNODE("x") returns the same blank node for
// the same string only within one solution. The evaluator calls it before
// evaluating the expressions of each solution.
func (e *Env) NewRow() { clear(e.rowBnodes) }

// checkLen refuses a computed string of n bytes beyond MaxString.
func (e *Env) checkLen(where string, n int) error {
	if e.MaxString > 0 && n > e.MaxString {
		return budget.Exceeded(budget.NameStringBytes, int64(e.MaxString), where)
	}
	return nil
}

func (e *Env) now() time.Time {
	if e.Now.IsZero() {
		e.Now = time.Now()
	}
	return e.Now
}

func (e *Env) rand() *rand.Rand {
	if e.rng == nil {
		e.rng = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	return e.rng
}

// freshLabel returns a blank-node label no other Env produces, so BNODE()
// results never collide with nodes of the dataset or of other queries.
func (e *Env) freshLabel() string {
	if e.prefix == "" {
		e.prefix = "f" + strconv.FormatUint(e.rand().Uint64()&0xffffffffffff, 36)
	}
	e.seq++
	return e.prefix + "x" + strconv.FormatUint(e.seq, 10)
}

type builtinFunc func(e *Env, args []rdf.Term) (rdf.Term, error)

type builtin struct {
	min, max int // max < 0: variadic
	f        builtinFunc
}

// builtins maps upper-case SPARQL names to implementations. It is built
// once and only read.
var builtins = map[string]builtin{
	"STR": {1, 1, fnStr}, "LANG": {1, 1, fnLang}, "LANGMATCHES": {2, 2, fnLangMatches},
	"DATATYPE": {1, 1, fnDatatype}, "IRI": {1, 1, fnIRI}, "URI": {1, 1, fnIRI},
	"BNODE": {0, 1, fnBnode}, "RAND": {0, 0, fnRand},
	"ABS": {1, 1, fnAbs}, "CEIL": {1, 1, fnCeil}, "FLOOR": {1, 1, fnFloor}, "ROUND": {1, 1, fnRound},
	"CONCAT": {0, -1, fnConcat}, "SUBSTR": {2, 3, fnSubstr}, "STRLEN": {1, 1, fnStrlen},
	"REPLACE": {3, 4, fnReplace}, "UCASE": {1, 1, fnUcase}, "LCASE": {1, 1, fnLcase},
	"ENCODE_FOR_URI": {1, 1, fnEncodeForURI}, "CONTAINS": {2, 2, fnContains},
	"STRSTARTS": {2, 2, fnStrstarts}, "STRENDS": {2, 2, fnStrends},
	"STRBEFORE": {2, 2, fnStrbefore}, "STRAFTER": {2, 2, fnStrafter},
	"YEAR": {1, 1, fnYear}, "MONTH": {1, 1, fnMonth}, "DAY": {1, 1, fnDay},
	"HOURS": {1, 1, fnHours}, "MINUTES": {1, 1, fnMinutes}, "SECONDS": {1, 1, fnSeconds},
	"TIMEZONE": {1, 1, fnTimezone}, "TZ": {1, 1, fnTZ}, "NOW": {0, 0, fnNow},
	"UUID": {0, 0, fnUUID}, "STRUUID": {0, 0, fnStrUUID},
	"MD5": {1, 1, fnMD5}, "SHA1": {1, 1, fnSHA1}, "SHA256": {1, 1, fnSHA256},
	"SHA384": {1, 1, fnSHA384}, "SHA512": {1, 1, fnSHA512},
	"STRLANG": {2, 2, fnStrlang}, "STRDT": {2, 2, fnStrdt}, "SAMETERM": {2, 2, fnSameTerm},
	"ISIRI": {1, 1, fnIsIRI}, "ISURI": {1, 1, fnIsIRI}, "ISBLANK": {1, 1, fnIsBlank},
	"ISLITERAL": {1, 1, fnIsLiteral}, "ISNUMERIC": {1, 1, fnIsNumeric},
	"REGEX": {2, 3, fnRegex},
}

func lookup(name string) (builtin, bool) {
	if b, ok := builtins[name]; ok {
		return b, true
	}
	if !strings.Contains(name, ":") {
		b, ok := builtins[strings.ToUpper(name)]
		return b, ok
	}
	if target, ok := castTargets[name]; ok {
		return builtin{1, 1, func(_ *Env, a []rdf.Term) (rdf.Term, error) { return Cast(target, a[0]) }}, true
	}
	return builtin{}, false
}

// Known reports whether Call implements name: an upper-case SPARQL built-in
// or the IRI of an XSD cast.
func Known(name string) bool {
	_, ok := lookup(name)
	return ok
}

// Call evaluates a built-in function by its upper-case SPARQL name, or an
// XSD cast by the datatype's IRI. The special forms BOUND, IF, COALESCE,
// IN, EXISTS, && and || are the evaluator's: they need lazy evaluation.
// An unbound (zero) argument is an error.
func (e *Env) Call(name string, args []rdf.Term) (rdf.Term, error) {
	b, ok := lookup(name)
	if !ok {
		return rdf.Term{}, fmt.Errorf("%s: %w", name, ErrUnknownFunction)
	}
	if len(args) < b.min || (b.max >= 0 && len(args) > b.max) {
		return rdf.Term{}, fmt.Errorf("%s with %d arguments: %w", name, len(args), ErrArity)
	}
	for _, a := range args {
		if a.IsZero() {
			return rdf.Term{}, fmt.Errorf("%s: %w", name, ErrUnbound)
		}
	}
	return b.f(e, args)
}
