package fn

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// category groups literals into the value spaces the operators know.
type category uint8

const (
	catPlain    category = iota // xsd:string and rdf:langString
	catNumeric                  // valid numeric literal
	catBoolean                  // valid xsd:boolean
	catTemporal                 // valid dateTime, date or time (same datatype only)
	catDuration                 // valid xsd:duration and its subtypes
	catOther                    // unknown datatype or invalid lexical form
)

// value is a literal decoded into its value space.
type value struct {
	cat  category
	num  number
	b    bool
	tm   temporal
	dur  duration
	term rdf.Term
	// err is set when the datatype is known but the lexical form invalid.
	err error
}

func decode(t rdf.Term) value {
	v := value{cat: catOther, term: t}
	switch t.Datatype {
	case rdf.XSDString, rdf.RDFLangString:
		v.cat = catPlain
		return v
	case rdf.XSDBoolean:
		b, err := parseBool(t.Value)
		if err != nil {
			v.err = err
			return v
		}
		v.cat, v.b = catBoolean, b
		return v
	}
	if n, ok, err := toNumber(t); ok {
		if err != nil {
			v.err = err
			return v
		}
		v.cat, v.num = catNumeric, n
		return v
	}
	if tm, ok, err := temporalOf(t); ok {
		if err != nil {
			v.err = err
			return v
		}
		v.cat, v.tm = catTemporal, tm
		return v
	}
	if d, ok, err := durationOf(t); ok {
		if err != nil {
			v.err = err
			return v
		}
		v.cat, v.dur = catDuration, d
	}
	return v
}

// parseBool accepts the xsd:boolean lexical space.
func parseBool(lex string) (bool, error) {
	switch xsdSpace(lex) {
	case "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a valid xsd:boolean: %w", lex, ErrLexical)
}

// EBV returns the effective boolean value (SPARQL 1.1 §17.2.2). Booleans and
// numbers with an invalid lexical form are false; IRIs, blank nodes and
// literals of other datatypes are a type error.
func EBV(t rdf.Term) (bool, error) {
	if t.IsZero() {
		return false, fmt.Errorf("effective boolean value: %w", ErrUnbound)
	}
	if !t.IsLiteral() {
		return false, typeErr("effective boolean value", "%s is not a literal", t)
	}
	v := decode(t)
	switch {
	case v.cat == catPlain:
		return t.Value != "", nil
	case v.cat == catBoolean:
		return v.b, nil
	case v.cat == catNumeric:
		return !v.num.isZeroOrNaN(), nil
	case v.err != nil && (t.Datatype == rdf.XSDBoolean || IsNumericDatatype(t.Datatype)):
		return false, nil
	}
	return false, typeErr("effective boolean value", "no boolean value for %s", t)
}

// Equal implements the = operator: RDF term equality, value equality for
// numbers, booleans, strings and date/times. Literals whose values cannot
// be known (unknown datatype, invalid lexical form) are equal when they are
// the same term and an error otherwise, as the open-world tests require.
// Language-tagged strings compare their tags case-insensitively and are
// never equal to a literal of another type.
func Equal(a, b rdf.Term) (bool, error) {
	if a.IsZero() || b.IsZero() {
		return false, fmt.Errorf("=: %w", ErrUnbound)
	}
	if !a.IsLiteral() || !b.IsLiteral() {
		return a == b, nil
	}
	if x, y, ok := smallPair(a, b); ok {
		return x == y, nil
	}
	if x, y, _, ok := fixedPair(a, b); ok {
		if c, ok := cmpFixed(x, y); ok {
			return c == 0, nil
		}
	}
	if a == b && !(IsNumericDatatype(a.Datatype) && xsdSpace(a.Value) == "NaN") {
		return true, nil
	}
	if a.Datatype == rdf.RDFLangString || b.Datatype == rdf.RDFLangString {
		return a.Datatype == b.Datatype && a.Value == b.Value && strings.EqualFold(a.Lang, b.Lang), nil
	}
	va, vb := decode(a), decode(b)
	if va.cat == catOther || vb.cat == catOther {
		return false, typeErr("=", "cannot compare %s and %s", a, b)
	}
	if va.cat != vb.cat || (va.cat == catTemporal && a.Datatype != b.Datatype) {
		return false, nil
	}
	if va.cat == catDuration {
		// Durations are equal when both components are, whatever the
		// subtype (op:duration-equal).
		return va.dur.months == vb.dur.months && va.dur.secs.Cmp(vb.dur.secs) == 0, nil
	}
	c, err := cmpValues(va, vb)
	if err != nil {
		if va.cat == catNumeric {
			return false, nil // NaN is equal to nothing
		}
		return false, err
	}
	return c == 0, nil
}

// Compare orders two terms for <, <=, > and >=: numbers, simple strings,
// booleans, date/times of the same datatype, and dayTimeDurations or
// yearMonthDurations. As an extension (§17.3.1), language-tagged strings
// with the same tag compare too ("Gent"@nl < "Leuven"@nl): SPARQL 1.1
// leaves them an error, which surprises users sorting labels. Other pairs are a type
// error. A NaN operand or an indeterminate date/time comparison returns an
// error wrapping ErrUnordered: the operators are then false (use Relational
// for that).
func Compare(a, b rdf.Term) (int, error) {
	if a.IsZero() || b.IsZero() {
		return 0, fmt.Errorf("compare: %w", ErrUnbound)
	}
	if !a.IsLiteral() || !b.IsLiteral() {
		return 0, typeErr("compare", "cannot order %s and %s", a, b)
	}
	if x, y, ok := smallPair(a, b); ok {
		return cmpInt64(x, y), nil
	}
	if x, y, _, ok := fixedPair(a, b); ok {
		if c, ok := cmpFixed(x, y); ok {
			return c, nil
		}
	}
	va, vb := decode(a), decode(b)
	if va.cat != vb.cat || va.cat == catOther || ((va.cat == catTemporal || va.cat == catDuration) && a.Datatype != b.Datatype) ||
		(va.cat == catDuration && a.Datatype == xsdDuration) ||
		(va.cat == catPlain && (a.Datatype != b.Datatype || !strings.EqualFold(a.Lang, b.Lang))) {
		return 0, typeErr("compare", "cannot order %s and %s", a, b)
	}
	return cmpValues(va, vb)
}

func cmpValues(a, b value) (int, error) {
	switch a.cat {
	case catPlain:
		if c := strings.Compare(a.term.Value, b.term.Value); c != 0 {
			return c, nil
		}
		return strings.Compare(strings.ToLower(a.term.Lang), strings.ToLower(b.term.Lang)), nil
	case catNumeric:
		return cmpNumbers(a.num, b.num)
	case catBoolean:
		return boolCmp(a.b, b.b), nil
	case catTemporal:
		return cmpTemporal(a.tm, b.tm)
	case catDuration:
		return cmpDurations(a.dur, b.dur)
	}
	return 0, typeErr("compare", "cannot order %s and %s", a.term, b.term)
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

// Relational evaluates one of the operators = != < <= > >= and returns its
// boolean result, with the IEEE rule that every comparison with NaN is
// false except !=.
func Relational(op string, a, b rdf.Term) (bool, error) {
	switch op {
	case "=":
		return Equal(a, b)
	case "!=":
		eq, err := Equal(a, b)
		return !eq, err
	}
	c, err := Compare(a, b)
	if err != nil {
		if isUnorderedNaN(err) {
			return false, nil
		}
		return false, err
	}
	switch op {
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	}
	return false, fmt.Errorf("unknown operator %q: %w", op, ErrType)
}

func isUnorderedNaN(err error) bool { return errors.Is(err, errNaN) }

// OrderCompare is the total order of ORDER BY: unbound < blank nodes < IRIs
// < literals. Literals are grouped as plain strings, numbers, booleans,
// date/times and the rest; within a group they are ordered by value and
// ties are broken by the term itself so that the order is total and stable.
func OrderCompare(a, b rdf.Term) int {
	if c := cmp.Compare(kindRank[a.Kind], kindRank[b.Kind]); c != 0 {
		return c
	}
	if !a.IsLiteral() {
		return strings.Compare(a.Value, b.Value)
	}
	if x, y, ok := smallPair(a, b); ok {
		if c := cmpInt64(x, y); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	}
	if x, y, _, ok := fixedPair(a, b); ok {
		if c, ok := cmpFixed(x, y); ok {
			// Equal values are told apart by the terms, as below.
			if c != 0 {
				return c
			}
			if c := strings.Compare(a.Value, b.Value); c != 0 {
				return c
			}
			return strings.Compare(a.Datatype, b.Datatype)
		}
	}
	va, vb := decode(a), decode(b)
	if c := cmp.Compare(va.cat, vb.cat); c != 0 {
		return c
	}
	if va.cat == catTemporal || va.cat == catDuration || va.cat == catOther {
		if c := strings.Compare(a.Datatype, b.Datatype); c != 0 {
			return c
		}
	}
	if c := orderValues(va, vb); c != 0 {
		return c
	}
	if c := strings.Compare(a.Value, b.Value); c != 0 {
		return c
	}
	if c := strings.Compare(a.Datatype, b.Datatype); c != 0 {
		return c
	}
	return strings.Compare(a.Lang, b.Lang)
}

// orderValues orders two values of one category totally, unlike
// cmpValues: date/times without timezone are placed as if in UTC,
// durations by months then seconds, NaN before every number.
func orderValues(a, b value) int {
	switch a.cat {
	case catOther:
		return 0
	case catTemporal:
		return cmpAt(a.tm, 0, b.tm)
	case catDuration:
		if c := cmpInt64(a.dur.months, b.dur.months); c != 0 {
			return c
		}
		return a.dur.secs.Cmp(b.dur.secs)
	case catNumeric:
		if an, bn := isNaN(a.num), isNaN(b.num); an || bn {
			return boolCmp(bn, an) // NaN first
		}
	}
	c, _ := cmpValues(a, b)
	return c
}

// kindRank orders term kinds for ORDER BY (§15.1).
var kindRank = [...]int{rdf.KindNone: 0, rdf.KindBlank: 1, rdf.KindIRI: 2, rdf.KindLiteral: 3}

func isNaN(n number) bool { return n.kind >= kFloat && n.f != n.f }
