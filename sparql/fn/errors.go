package fn

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps one of them;
// the evaluator treats any of them as a SPARQL expression error.
var (
	// ErrType is an operand of the wrong kind or type.
	ErrType = errors.New("type error")
	// ErrLexical is a literal whose lexical form is not valid for its
	// datatype, such as "abc"^^xsd:integer.
	ErrLexical = errors.New("invalid lexical form")
	// ErrDivisionByZero is integer or decimal division by zero.
	ErrDivisionByZero = errors.New("division by zero")
	// ErrUnbound is an unbound (zero) term where a value is needed.
	ErrUnbound = errors.New("unbound value")
	// ErrArity is a call with the wrong number of arguments.
	ErrArity = errors.New("wrong number of arguments")
	// ErrUnknownFunction is a call of a function this package lacks.
	ErrUnknownFunction = errors.New("unknown function")
	// ErrUnordered is a comparison whose order is undefined (NaN, or a
	// dateTime with and one without timezone that are too close to tell).
	ErrUnordered = errors.New("values are not ordered")
	// ErrRegex is a regular expression that is invalid or that uses XPath
	// syntax Go's RE2 engine cannot express (back-references, class
	// subtraction, Unicode block names).
	ErrRegex = errors.New("unsupported regular expression")
	// ErrEmptyGroup is an aggregate (MIN, MAX, SAMPLE) over no values.
	ErrEmptyGroup = errors.New("aggregate over an empty group")
	// ErrOverflow is an arithmetic result too large to represent
	// (XPath's FOAR0002).
	ErrOverflow = errors.New("numeric overflow")
)

// typeErr builds an ErrType with the function or operator named.
func typeErr(where string, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %w", where, fmt.Sprintf(format, args...), ErrType)
}
