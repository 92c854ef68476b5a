package fn

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// castTargets are the datatypes usable as constructor functions, such as
// xsd:integer(?x): SPARQL's five plus the date/time and derived integer
// types XPath allows.
var castTargets = func() map[string]string {
	m := map[string]string{}
	for _, dt := range []string{rdf.XSDString, rdf.XSDBoolean, rdf.XSDDecimal, rdf.XSDFloat, rdf.XSDDouble,
		rdf.XSDDateTime, rdf.XSDDate, xsdTime} {
		m[dt] = dt
	}
	for dt := range integerTypes {
		m[dt] = dt
	}
	return m
}()

// Cast converts t to the datatype target following the XPath casting
// table (SPARQL 1.1 §17.5): strings are parsed by the target's lexical
// rules, numbers convert between each other and to and from booleans,
// date/times to strings and between dateTime and date. Invalid input —
// "1.5" to xsd:integer, NaN to xsd:decimal, an IRI to a number — is an
// error. Results are in canonical lexical form.
func Cast(target string, t rdf.Term) (rdf.Term, error) {
	where := "cast to " + target
	if _, ok := castTargets[target]; !ok {
		return rdf.Term{}, fmt.Errorf("%s: %w", where, ErrUnknownFunction)
	}
	switch {
	case t.IsZero():
		return rdf.Term{}, fmt.Errorf("%s: %w", where, ErrUnbound)
	case t.IsIRI():
		if target == rdf.XSDString {
			return rdf.Literal(t.Value), nil
		}
		return rdf.Term{}, typeErr(where, "cannot cast IRI %s", t)
	case t.IsBlank():
		return rdf.Term{}, typeErr(where, "cannot cast blank node %s", t)
	}
	if t.Datatype == rdf.RDFLangString {
		return rdf.Term{}, typeErr(where, "cannot cast language-tagged %s", t)
	}
	if t.Datatype == rdf.XSDString {
		return castString(target, t.Value)
	}
	v := decode(t)
	if v.err != nil {
		return rdf.Term{}, fmt.Errorf("%s: %w", where, v.err)
	}
	if target == rdf.XSDString {
		return rdf.Literal(canonical(v)), nil
	}
	switch v.cat {
	case catNumeric:
		return castNumber(target, v.num)
	case catBoolean:
		if target == rdf.XSDBoolean {
			return Bool(v.b), nil
		}
		n := int64(0)
		if v.b {
			n = 1
		}
		return castNumber(target, number{kind: kInteger, i: big.NewInt(n)})
	case catTemporal:
		return castTemporal(target, v.tm, t)
	}
	return rdf.Term{}, typeErr(where, "cannot cast %s", t)
}

// canonical is the string form of a decoded literal, used by
// xsd:string(…): XPath's cast of numbers to strings (decimals without a
// trailing ".0", doubles between 1e-6 and 1e6 without exponent), booleans
// as true/false, other literals as written.
func canonical(v value) string {
	switch v.cat {
	case catNumeric:
		return xpathString(v.num)
	case catBoolean:
		return strconv.FormatBool(v.b)
	}
	return v.term.Value
}

func xpathString(n number) string {
	switch n.kind {
	case kInteger:
		return n.i.String()
	case kDecimal:
		return formatDecimal(n.r)
	}
	bits := 64
	if n.kind == kFloat {
		bits = 32
	}
	if a := math.Abs(n.f); a == 0 || (a >= 1e-6 && a < 1e6) {
		if n.f == 0 && math.Signbit(n.f) {
			return "-0"
		}
		return strconv.FormatFloat(n.f, 'f', -1, bits)
	}
	return formatDouble(n.f, bits)
}

// castString parses a string in the target's lexical space.
func castString(target, s string) (rdf.Term, error) {
	switch target {
	case rdf.XSDString:
		return rdf.Literal(s), nil
	case rdf.XSDBoolean:
		b, err := parseBool(s)
		if err != nil {
			return rdf.Term{}, fmt.Errorf("cast to xsd:boolean: %w", err)
		}
		return Bool(b), nil
	case rdf.XSDDateTime, rdf.XSDDate, xsdTime:
		if _, err := parseTemporal(target, s); err != nil {
			return rdf.Term{}, fmt.Errorf("cast: %w", err)
		}
		return rdf.TypedLiteral(xsdSpace(s), target), nil
	}
	k, _ := numericKind(target)
	n, err := parseNumber(k, s)
	if err != nil {
		return rdf.Term{}, fmt.Errorf("cast: %w", err)
	}
	return castNumber(target, n)
}

// castNumber converts a number to a numeric or boolean target.
func castNumber(target string, n number) (rdf.Term, error) {
	if target == rdf.XSDBoolean {
		return Bool(!n.isZeroOrNaN()), nil
	}
	k, ok := numericKind(target)
	if !ok {
		return rdf.Term{}, typeErr("cast to "+target, "cannot cast the number %s", n.lexical())
	}
	switch k {
	case kInteger:
		var i *big.Int
		switch n.kind {
		case kInteger:
			i = n.i
		case kDecimal:
			i = new(big.Int).Quo(n.r.Num(), n.r.Denom()) // truncates towards zero
		default:
			if math.IsNaN(n.f) || math.IsInf(n.f, 0) {
				return rdf.Term{}, fmt.Errorf("cast %s to integer: %w", n.lexical(), ErrType)
			}
			i, _ = big.NewFloat(n.f).Int(nil)
		}
		if r := integerTypes[target]; (r.min != nil && i.Cmp(r.min) < 0) || (r.max != nil && i.Cmp(r.max) > 0) {
			return rdf.Term{}, fmt.Errorf("cast %s to %s: out of range: %w", i, target, ErrType)
		}
		return rdf.TypedLiteral(i.String(), target), nil
	case kDecimal:
		switch n.kind {
		case kFloat, kDouble:
			if math.IsNaN(n.f) || math.IsInf(n.f, 0) {
				return rdf.Term{}, fmt.Errorf("cast %s to decimal: %w", n.lexical(), ErrType)
			}
			// The shortest decimal that reads back as the same float, so
			// 0.1f becomes 0.1 and not 0.100000001490116….
			bits := 64
			if n.kind == kFloat {
				bits = 32
			}
			r, _ := new(big.Rat).SetString(strconv.FormatFloat(n.f, 'f', -1, bits))
			return number{kind: kDecimal, r: r}.term(), nil
		}
		return n.promote(kDecimal).term(), nil
	default:
		if n.kind > k { // double to float
			return number{kind: k, f: float64(float32(n.f))}.term(), nil
		}
		return n.promote(k).term(), nil
	}
}

// castTemporal converts between dateTime and date; time only to itself.
func castTemporal(target string, v temporal, t rdf.Term) (rdf.Term, error) {
	if target == t.Datatype {
		return rdf.TypedLiteral(xsdSpace(t.Value), target), nil
	}
	switch {
	case target == rdf.XSDDate && t.Datatype == rdf.XSDDateTime:
		return rdf.TypedLiteral(datePart(v)+v.tzString(), rdf.XSDDate), nil
	case target == rdf.XSDDateTime && t.Datatype == rdf.XSDDate:
		return rdf.TypedLiteral(datePart(v)+"T00:00:00"+v.tzString(), rdf.XSDDateTime), nil
	case target == xsdTime && t.Datatype == rdf.XSDDateTime:
		lex := xsdSpace(t.Value)
		i := strings.IndexByte(lex, 'T')
		return rdf.TypedLiteral(lex[i+1:], xsdTime), nil
	}
	return rdf.Term{}, typeErr("cast to "+target, "cannot cast %s", t)
}

func datePart(v temporal) string {
	y := v.year
	sign := ""
	if y < 0 {
		sign, y = "-", -y
	}
	return fmt.Sprintf("%s%04d-%02d-%02d", sign, y, v.month, v.day)
}
