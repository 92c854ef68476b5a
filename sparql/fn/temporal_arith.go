package fn

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// arithTemporal implements the XPath operators on dates, times and
// durations: subtracting two date/times gives a dayTimeDuration, a
// duration can be added to or subtracted from a date/time, durations of
// one subtype add, subtract, scale by a number and divide. ok is false
// when neither operand is a date/time or duration, so Arith goes on with
// numbers.
func arithTemporal(op byte, a, b rdf.Term) (rdf.Term, bool, error) {
	ta, isTA, errA := temporalOf(a)
	tb, isTB, errB := temporalOf(b)
	da, isDA, errDA := durationOf(a)
	db, isDB, errDB := durationOf(b)
	if !isTA && !isTB && !isDA && !isDB {
		return rdf.Term{}, false, nil
	}
	for _, err := range []error{errA, errB, errDA, errDB} {
		if err != nil {
			return rdf.Term{}, true, fmt.Errorf("%c: %w", op, err)
		}
	}
	where := string(op)
	switch {
	case isTA && isTB && op == '-' && a.Datatype == b.Datatype:
		if ta.hasTZ != tb.hasTZ {
			return rdf.Term{}, true, fmt.Errorf("subtracting a time with and one without timezone: %w", ErrUnordered)
		}
		diff := new(big.Rat).Sub(ta.seconds(0), tb.seconds(0))
		return duration{datatype: xsdDayTimeDuration, secs: diff}.term(), true, nil
	case isTA && isDB && (op == '+' || op == '-'):
		return addDuration(ta, db, op == '-')
	case isDA && isTB && op == '+':
		return addDuration(tb, da, false)
	case isDA && isDB:
		return durationArith(op, da, db)
	case isDA && !isTB && !isDB:
		return scaleDuration(op, da, b, false)
	case isDB && !isTA && !isDA && op == '*':
		return scaleDuration(op, db, a, true)
	}
	return rdf.Term{}, true, typeErr(where, "no operator for %s and %s", a, b)
}

// durationArith adds, subtracts or divides durations of one subtype.
func durationArith(op byte, a, b duration) (rdf.Term, bool, error) {
	if a.datatype != b.datatype || a.datatype == xsdDuration {
		return rdf.Term{}, true, typeErr(string(op), "%s and %s are not durations of one subtype", a.datatype, b.datatype)
	}
	switch op {
	case '+', '-':
		sign := int64(1)
		s := new(big.Rat).Set(b.secs)
		if op == '-' {
			sign = -1
			s.Neg(s)
		}
		return duration{datatype: a.datatype, months: a.months + sign*b.months, secs: s.Add(s, a.secs)}.term(), true, nil
	case '/':
		num, den := new(big.Rat).SetInt64(a.months), new(big.Rat).SetInt64(b.months)
		if a.datatype == xsdDayTimeDuration {
			num, den = a.secs, b.secs
		}
		if den.Sign() == 0 {
			return rdf.Term{}, true, fmt.Errorf("duration / zero duration: %w", ErrDivisionByZero)
		}
		return number{kind: kDecimal, r: roundDecimal(new(big.Rat).Quo(num, den))}.term(), true, nil
	}
	return rdf.Term{}, true, typeErr(string(op), "durations cannot be multiplied")
}

// scaleDuration multiplies or divides a duration by a number; a
// yearMonthDuration is rounded to whole months (half up, as fn:round).
func scaleDuration(op byte, d duration, n rdf.Term, numberFirst bool) (rdf.Term, bool, error) {
	if (op != '*' && op != '/') || (numberFirst && op != '*') || d.datatype == xsdDuration {
		return rdf.Term{}, true, typeErr(string(op), "cannot apply to %s and %s", d.datatype, n)
	}
	x, err := operand(string(op), n)
	if err != nil {
		return rdf.Term{}, true, err
	}
	var f *big.Rat
	switch x.kind {
	case kInteger:
		f = new(big.Rat).SetInt(x.i)
	case kDecimal:
		f = x.r
	default:
		if math.IsNaN(x.f) || math.IsInf(x.f, 0) {
			return rdf.Term{}, true, typeErr(string(op), "cannot scale a duration by %s", n)
		}
		f = new(big.Rat).SetFloat64(x.f)
	}
	if op == '/' {
		if f.Sign() == 0 {
			return rdf.Term{}, true, fmt.Errorf("duration / 0: %w", ErrDivisionByZero)
		}
		f = new(big.Rat).Inv(f)
	}
	out := duration{datatype: d.datatype, secs: new(big.Rat)}
	if d.datatype == xsdYearMonthDuration {
		m := ratRound(new(big.Rat).Mul(new(big.Rat).SetInt64(d.months), f))
		out.months = m.Num().Int64()
	} else {
		out.secs = roundDecimal(new(big.Rat).Mul(d.secs, f))
	}
	return out.term(), true, nil
}

// addDuration adds (or subtracts) a duration to a date/time: months first,
// with the day pinned to the end of a shorter month, then seconds. The
// timezone is kept.
func addDuration(t temporal, d duration, subtract bool) (rdf.Term, bool, error) {
	months, secs := d.months, new(big.Rat).Set(d.secs)
	if subtract {
		months = -months
		secs.Neg(secs)
	}
	if t.datatype == xsdTime && months != 0 {
		return rdf.Term{}, true, typeErr("+", "cannot add months to an xsd:time")
	}
	total := t.year*12 + int64(t.month-1) + months
	y := floorDiv(total, 12)
	t.year, t.month = y, int(total-y*12)+1
	t.day = min(t.day, daysIn(t.year, t.month))
	if t.datatype == rdf.XSDDate {
		// XPath adds only whole days to a date.
		secs = ratFloor(new(big.Rat).Quo(secs, big.NewRat(86400, 1)))
		secs.Mul(secs, big.NewRat(86400, 1))
	}
	local := new(big.Rat).SetInt64(daysFromCivil(t.year, t.month, t.day)*86400 + int64(t.hour*3600+t.minute*60+t.second))
	local.Add(local, t.fracRat())
	local.Add(local, secs)
	whole := ratFloor(local)
	if !whole.Num().IsInt64() || math.Abs(float64(whole.Num().Int64())) > 1e17 {
		return rdf.Term{}, true, typeErr("+", "date out of range")
	}
	t.frac = ""
	if f := new(big.Rat).Sub(local, whole); f.Sign() != 0 {
		t.frac = strings.TrimPrefix(formatDecimal(f), "0.")
	}
	w := whole.Num().Int64()
	days := floorDiv(w, 86400)
	rest := w - days*86400
	t.year, t.month, t.day = civilFromDays(days)
	t.hour, t.minute, t.second = int(rest/3600), int(rest%3600/60), int(rest%60)
	return rdf.TypedLiteral(t.lexical(), t.datatype), true, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (int64, int, int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := int(doy - (153*mp+2)/5 + 1)
	m := int(mp + 3)
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// lexical prints a normalised value in its datatype's form.
func (t temporal) lexical() string {
	var b strings.Builder
	if t.datatype != xsdTime {
		b.WriteString(datePart(t))
	}
	if t.datatype == rdf.XSDDateTime {
		b.WriteByte('T')
	}
	if t.datatype != rdf.XSDDate {
		fmt.Fprintf(&b, "%02d:%02d:%02d", t.hour, t.minute, t.second)
		if t.frac != "" {
			b.WriteString("." + t.frac)
		}
	}
	b.WriteString(t.tzString())
	return b.String()
}
