package fn

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

const (
	xsdTime              = rdf.XSDNS + "time"
	xsdDayTimeDuration   = rdf.XSDNS + "dayTimeDuration"
	xsdYearMonthDuration = rdf.XSDNS + "yearMonthDuration"
	xsdDuration          = rdf.XSDNS + "duration"
)

// temporal is an xsd:dateTime, xsd:date or xsd:time value as written: the
// fields are kept un-normalised so YEAR, HOURS … return what the literal
// says, and instant() does the timezone arithmetic for comparisons.
type temporal struct {
	datatype             string
	year                 int64
	month, day           int
	hour, minute, second int
	frac                 string // fraction digits of the seconds, no trailing zeros
	hasTZ                bool
	tzMinutes            int // offset east of UTC
}

// parseTemporal parses the lexical form of a dateTime, date or time.
func parseTemporal(dt, lex string) (temporal, error) {
	s := xsdSpace(lex)
	v := temporal{datatype: dt, month: 1, day: 1}
	bad := func(why string) (temporal, error) {
		return temporal{}, fmt.Errorf("%q is not a valid %s (%s): %w", lex, dt, why, ErrLexical)
	}
	rest := s
	var err error
	if dt != xsdTime {
		if rest, err = v.parseDate(rest); err != nil {
			return bad(err.Error())
		}
	}
	if dt == rdf.XSDDateTime {
		if !strings.HasPrefix(rest, "T") {
			return bad("missing T")
		}
		rest = rest[1:]
	}
	if dt != rdf.XSDDate {
		if rest, err = v.parseTime(rest); err != nil {
			return bad(err.Error())
		}
	}
	if err := v.parseTZ(rest); err != nil {
		return bad(err.Error())
	}
	return v, nil
}

func fixedDigits(s string, n int) (int, string, bool) {
	if len(s) < n || !isDigits(s[:n]) {
		return 0, s, false
	}
	v, _ := strconv.Atoi(s[:n])
	return v, s[n:], true
}

func (v *temporal) parseDate(s string) (string, error) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i < 4 || (i > 4 && s[0] == '0') {
		return "", fmt.Errorf("year")
	}
	// Years are limited to nine digits so that instants fit in int64.
	y, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil || y > 999_999_999 {
		return "", fmt.Errorf("year out of the supported range")
	}
	if neg {
		y = -y
	}
	v.year, s = y, s[i:]
	var ok bool
	if !strings.HasPrefix(s, "-") {
		return "", fmt.Errorf("month")
	}
	if v.month, s, ok = fixedDigits(s[1:], 2); !ok || v.month < 1 || v.month > 12 {
		return "", fmt.Errorf("month")
	}
	if !strings.HasPrefix(s, "-") {
		return "", fmt.Errorf("day")
	}
	if v.day, s, ok = fixedDigits(s[1:], 2); !ok || v.day < 1 || v.day > daysIn(v.year, v.month) {
		return "", fmt.Errorf("day")
	}
	return s, nil
}

func (v *temporal) parseTime(s string) (string, error) {
	var ok bool
	if v.hour, s, ok = fixedDigits(s, 2); !ok || v.hour > 24 || !strings.HasPrefix(s, ":") {
		return "", fmt.Errorf("hour")
	}
	if v.minute, s, ok = fixedDigits(s[1:], 2); !ok || v.minute > 59 || !strings.HasPrefix(s, ":") {
		return "", fmt.Errorf("minute")
	}
	if v.second, s, ok = fixedDigits(s[1:], 2); !ok || v.second > 59 {
		return "", fmt.Errorf("second")
	}
	if strings.HasPrefix(s, ".") {
		i := 1
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 1 {
			return "", fmt.Errorf("fraction")
		}
		v.frac = strings.TrimRight(s[1:i], "0")
		s = s[i:]
	}
	if v.hour == 24 && (v.minute != 0 || v.second != 0 || v.frac != "") {
		return "", fmt.Errorf("24:00:00 is the only valid time in hour 24")
	}
	return s, nil
}

func (v *temporal) parseTZ(s string) error {
	switch {
	case s == "":
		return nil
	case s == "Z":
		v.hasTZ = true
		return nil
	case len(s) == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		h, _, ok1 := fixedDigits(s[1:3], 2)
		m, _, ok2 := fixedDigits(s[4:6], 2)
		if !ok1 || !ok2 || m > 59 || h*60+m > 14*60 {
			return fmt.Errorf("timezone")
		}
		v.hasTZ, v.tzMinutes = true, h*60+m
		if s[0] == '-' {
			v.tzMinutes = -v.tzMinutes
		}
		return nil
	}
	return fmt.Errorf("timezone")
}

// daysIn uses the proleptic Gregorian calendar of XSD 1.1, in which year 0
// (1 BCE) is a leap year.
func daysIn(y int64, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil counts days from 1970-01-01 for any proleptic Gregorian
// date (H. Hinnant's algorithm), so no year range limits comparisons.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// instant returns the value as whole seconds since 1970-01-01T00:00:00Z
// (time values on the XPath reference date 1972-12-31), taking a missing
// timezone as UTC; shiftMinutes is added to the timezone offset. The
// fraction is in v.frac.
func (v temporal) instant(shiftMinutes int) int64 {
	y, m, d := v.year, v.month, v.day
	if v.datatype == xsdTime {
		y, m, d = 1972, 12, 31
	}
	return daysFromCivil(y, m, d)*86400 + int64(v.hour*3600+v.minute*60+v.second) - int64((v.tzMinutes+shiftMinutes)*60)
}

// fracRat returns the fractional seconds as a number.
func (v temporal) fracRat() *big.Rat {
	r := new(big.Rat)
	if v.frac != "" {
		r.SetString("0." + v.frac)
	}
	return r
}

// seconds is instant with the fraction, for arithmetic.
func (v temporal) seconds(shiftMinutes int) *big.Rat {
	r := new(big.Rat).SetInt64(v.instant(shiftMinutes))
	return r.Add(r, v.fracRat())
}

// cmpAt compares a shifted by shiftA minutes with b; fraction digit
// strings without trailing zeros compare like the fractions themselves.
func cmpAt(a temporal, shiftA int, b temporal) int {
	if c := cmpInt64(a.instant(shiftA), b.instant(0)); c != 0 {
		return c
	}
	return strings.Compare(a.frac, b.frac)
}

// cmpTemporal orders two values of the same datatype per XSD's partial
// order: a value without timezone is only ordered against one with a
// timezone when they are more than 14 hours apart.
func cmpTemporal(a, b temporal) (int, error) {
	if a.hasTZ == b.hasTZ {
		return cmpAt(a, 0, b), nil
	}
	sign := 1
	if a.hasTZ {
		a, b, sign = b, a, -1
	}
	// a has no timezone: in UTC it lies somewhere in [a-14h, a+14h].
	if cmpAt(a, -14*60, b) < 0 {
		return -sign, nil
	}
	if cmpAt(a, 14*60, b) > 0 {
		return sign, nil
	}
	return 0, fmt.Errorf("comparing a time with and one without timezone: %w", ErrUnordered)
}

// temporalOf returns the value of a dateTime, date or time literal; ok is
// false for other terms.
func temporalOf(t rdf.Term) (v temporal, ok bool, err error) {
	if !t.IsLiteral() {
		return temporal{}, false, nil
	}
	switch t.Datatype {
	case rdf.XSDDateTime, rdf.XSDDate, xsdTime:
		v, err = parseTemporal(t.Datatype, t.Value)
		return v, true, err
	}
	return temporal{}, false, nil
}

// tzString is the TZ() form: "Z", "-05:00", or "" without timezone.
func (v temporal) tzString() string {
	if !v.hasTZ {
		return ""
	}
	if v.tzMinutes == 0 {
		return "Z"
	}
	m, sign := v.tzMinutes, "+"
	if m < 0 {
		m, sign = -m, "-"
	}
	return fmt.Sprintf("%s%02d:%02d", sign, m/60, m%60)
}

// tzDuration is the TIMEZONE() form, an xsd:dayTimeDuration such as PT0S
// or -PT5H30M.
func (v temporal) tzDuration() string {
	m := v.tzMinutes
	if m == 0 {
		return "PT0S"
	}
	var b strings.Builder
	if m < 0 {
		b.WriteByte('-')
		m = -m
	}
	b.WriteString("PT")
	if m/60 != 0 {
		b.WriteString(strconv.Itoa(m/60) + "H")
	}
	if m%60 != 0 {
		b.WriteString(strconv.Itoa(m%60) + "M")
	}
	return b.String()
}

// secondsValue is the SECONDS() result: seconds with fraction, a decimal.
func (v temporal) secondsValue() number {
	r := new(big.Rat).SetInt64(int64(v.second))
	return number{kind: kDecimal, r: r.Add(r, v.fracRat())}
}

// formatNow prints t as an xsd:dateTime with its timezone.
func formatNow(t time.Time) string {
	return t.Format("2006-01-02T15:04:05.999999999Z07:00")
}
