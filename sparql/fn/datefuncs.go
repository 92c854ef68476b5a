package fn

import (
	"math/big"

	"github.com/stadleuven/maturity/rdf"
)

// temporalArg decodes a dateTime argument; date and time literals are
// accepted too where the component exists.
func temporalArg(where string, t rdf.Term, allowed ...string) (temporal, error) {
	v, ok, err := temporalOf(t)
	if !ok {
		return temporal{}, typeErr(where, "%s is not an xsd:dateTime", t)
	}
	if err != nil {
		return temporal{}, err
	}
	for _, dt := range allowed {
		if t.Datatype == dt {
			return v, nil
		}
	}
	return temporal{}, typeErr(where, "%s has no such component", t)
}

// componentFunc builds YEAR, MONTH, … returning an xsd:integer field.
func componentFunc(name string, get func(temporal) int64, allowed ...string) builtinFunc {
	return func(_ *Env, a []rdf.Term) (rdf.Term, error) {
		v, err := temporalArg(name, a[0], allowed...)
		if err != nil {
			return rdf.Term{}, err
		}
		return number{kind: kInteger, i: big.NewInt(get(v))}.term(), nil
	}
}

var (
	fnYear    = componentFunc("YEAR", func(v temporal) int64 { return v.year }, rdf.XSDDateTime, rdf.XSDDate)
	fnMonth   = componentFunc("MONTH", func(v temporal) int64 { return int64(v.month) }, rdf.XSDDateTime, rdf.XSDDate)
	fnDay     = componentFunc("DAY", func(v temporal) int64 { return int64(v.day) }, rdf.XSDDateTime, rdf.XSDDate)
	fnHours   = componentFunc("HOURS", func(v temporal) int64 { return int64(v.hour) }, rdf.XSDDateTime, xsdTime)
	fnMinutes = componentFunc("MINUTES", func(v temporal) int64 { return int64(v.minute) }, rdf.XSDDateTime, xsdTime)
)

func fnSeconds(_ *Env, a []rdf.Term) (rdf.Term, error) {
	v, err := temporalArg("SECONDS", a[0], rdf.XSDDateTime, xsdTime)
	if err != nil {
		return rdf.Term{}, err
	}
	return v.secondsValue().term(), nil
}

// fnTimezone is an error for a value without timezone.
func fnTimezone(_ *Env, a []rdf.Term) (rdf.Term, error) {
	v, err := temporalArg("TIMEZONE", a[0], rdf.XSDDateTime, rdf.XSDDate, xsdTime)
	if err != nil {
		return rdf.Term{}, err
	}
	if !v.hasTZ {
		return rdf.Term{}, typeErr("TIMEZONE", "%s has no timezone", a[0])
	}
	return rdf.TypedLiteral(v.tzDuration(), xsdDayTimeDuration), nil
}

func fnTZ(_ *Env, a []rdf.Term) (rdf.Term, error) {
	v, err := temporalArg("TZ", a[0], rdf.XSDDateTime, rdf.XSDDate, xsdTime)
	if err != nil {
		return rdf.Term{}, err
	}
	return rdf.Literal(v.tzString()), nil
}

// fnNow returns the same instant for every call within one query.
func fnNow(e *Env, _ []rdf.Term) (rdf.Term, error) {
	return rdf.TypedLiteral(formatNow(e.now()), rdf.XSDDateTime), nil
}
