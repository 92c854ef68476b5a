package fn

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// duration is an xsd:duration value (and its two ordered subtypes): a
// number of months and a number of seconds, with one sign for both.
type duration struct {
	datatype string
	months   int64
	secs     *big.Rat
}

func isDurationType(dt string) bool {
	return dt == xsdDuration || dt == xsdDayTimeDuration || dt == xsdYearMonthDuration
}

// parseDuration parses PnYnMnDTnHnMnS with the restrictions of the two
// subtypes (dayTimeDuration has no Y or M, yearMonthDuration only those).
func parseDuration(dt, lex string) (duration, error) {
	s := xsdSpace(lex)
	bad := func() (duration, error) {
		return duration{}, fmt.Errorf("%q is not a valid %s: %w", lex, dt, ErrLexical)
	}
	d := duration{datatype: dt, secs: new(big.Rat)}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if !strings.HasPrefix(s, "P") || len(s) < 2 || strings.HasSuffix(s, "T") {
		return bad()
	}
	s = s[1:]
	inTime, seen := false, 0
	for s != "" {
		if s[0] == 'T' {
			if inTime {
				return bad()
			}
			inTime, s = true, s[1:]
			continue
		}
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == 0 || i == len(s) {
			return bad()
		}
		num, unit := s[:i], s[i]
		s = s[i+1:]
		key := string(unit)
		if inTime {
			key = "T" + key
		}
		pos := strings.Index("YMD_HMS", key[len(key)-1:]) + 1
		if inTime {
			pos = strings.LastIndex("YMD_HMS", key[1:]) + 1
		}
		if pos == 0 || pos == 4 || pos <= seen || (inTime != (pos > 4)) {
			return bad()
		}
		seen = pos
		// More than 15 digits would overflow the int64 fields; no real
		// duration needs them.
		intPart, _, _ := strings.Cut(num, ".")
		if len(intPart) > 15 || (key != "TS" && !isDigits(num)) || (key == "TS" && !isDecimalLex(num)) {
			return bad()
		}
		v, _ := new(big.Rat).SetString(num)
		switch key {
		case "Y":
			d.months += 12 * v.Num().Int64()
		case "M":
			d.months += v.Num().Int64()
		case "D":
			d.secs.Add(d.secs, v.Mul(v, big.NewRat(86400, 1)))
		case "TH":
			d.secs.Add(d.secs, v.Mul(v, big.NewRat(3600, 1)))
		case "TM":
			d.secs.Add(d.secs, v.Mul(v, big.NewRat(60, 1)))
		case "TS":
			d.secs.Add(d.secs, v)
		}
	}
	if seen == 0 || (inTime && seen < 5) {
		return bad()
	}
	if (dt == xsdDayTimeDuration && d.months != 0) || (dt == xsdYearMonthDuration && d.secs.Sign() != 0) ||
		(dt == xsdDayTimeDuration && seen < 3) || (dt == xsdYearMonthDuration && seen > 2) {
		return bad()
	}
	if neg {
		d.months = -d.months
		d.secs.Neg(d.secs)
	}
	return d, nil
}

// durationOf returns the value of a duration literal; ok is false for
// other terms.
func durationOf(t rdf.Term) (d duration, ok bool, err error) {
	if !t.IsLiteral() || !isDurationType(t.Datatype) {
		return duration{}, false, nil
	}
	d, err = parseDuration(t.Datatype, t.Value)
	return d, true, err
}

// cmpDurations orders durations of the same subtype; equality (c == 0) is
// meaningful across all three types.
func cmpDurations(a, b duration) (int, error) {
	if a.months == b.months {
		return a.secs.Cmp(b.secs), nil
	}
	if a.secs.Cmp(b.secs) == 0 || (a.secs.Sign() == 0 && b.secs.Sign() == 0) {
		return cmpInt64(a.months, b.months), nil
	}
	return 0, fmt.Errorf("durations with months and seconds: %w", ErrUnordered)
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// term prints d canonically in its datatype.
func (d duration) term() rdf.Term {
	return rdf.TypedLiteral(d.lexical(), d.datatype)
}

func (d duration) lexical() string {
	months, secs := d.months, new(big.Rat).Set(d.secs)
	var b strings.Builder
	if months < 0 || secs.Sign() < 0 {
		b.WriteByte('-')
		months = -months
		secs.Neg(secs)
	}
	b.WriteByte('P')
	if y := months / 12; y != 0 {
		b.WriteString(strconv.FormatInt(y, 10) + "Y")
	}
	if m := months % 12; m != 0 || (d.datatype == xsdYearMonthDuration && months == 0) {
		b.WriteString(strconv.FormatInt(m, 10) + "M")
	}
	if d.datatype == xsdYearMonthDuration {
		return b.String()
	}
	whole := new(big.Int).Quo(secs.Num(), secs.Denom())
	frac := new(big.Rat).Sub(secs, new(big.Rat).SetInt(whole))
	rem := new(big.Int)
	days, _ := new(big.Int).QuoRem(whole, big.NewInt(86400), rem)
	w := rem.Int64() // < 86400: the big part is in days
	h, m, s := w/3600, w%3600/60, w%60
	if days.Sign() != 0 {
		b.WriteString(days.String() + "D")
	}
	if h != 0 || m != 0 || s != 0 || frac.Sign() != 0 || (days.Sign() == 0 && months == 0) {
		b.WriteByte('T')
		if h != 0 {
			b.WriteString(strconv.FormatInt(h, 10) + "H")
		}
		if m != 0 {
			b.WriteString(strconv.FormatInt(m, 10) + "M")
		}
		if s != 0 || frac.Sign() != 0 || (h == 0 && m == 0) {
			sec := new(big.Rat).Add(new(big.Rat).SetInt64(s), frac)
			b.WriteString(formatDecimal(sec) + "S")
		}
	}
	return b.String()
}
