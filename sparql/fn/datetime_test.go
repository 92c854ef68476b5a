package fn

import (
	"errors"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
)

func TestDateFunctions(t *testing.T) {
	dt := dateTime("2011-01-10T14:45:13.815-05:00")
	runCalls(t, []callCase{
		{name: "YEAR", args: []rdf.Term{dt}, want: integer("2011")},
		{name: "MONTH", args: []rdf.Term{dt}, want: integer("1")},
		{name: "DAY", args: []rdf.Term{dt}, want: integer("10")},
		{name: "HOURS", args: []rdf.Term{dt}, want: integer("14")},
		{name: "MINUTES", args: []rdf.Term{dt}, want: integer("45")},
		{name: "SECONDS", args: []rdf.Term{dt}, want: decimal("13.815")},
		{name: "SECONDS", args: []rdf.Term{dateTime("2011-01-10T14:45:13Z")}, want: decimal("13")},
		{name: "TIMEZONE", args: []rdf.Term{dt}, want: typed("-PT5H", xsdDayTimeDuration)},
		{name: "TIMEZONE", args: []rdf.Term{dateTime("2011-01-10T14:45:13Z")}, want: typed("PT0S", xsdDayTimeDuration)},
		{name: "TIMEZONE", args: []rdf.Term{dateTime("2011-01-10T14:45:13+05:30")}, want: typed("PT5H30M", xsdDayTimeDuration)},
		{name: "TIMEZONE", args: []rdf.Term{dateTime("2011-01-10T14:45:13")}, err: ErrType},
		{name: "TZ", args: []rdf.Term{dt}, want: str("-05:00")},
		{name: "TZ", args: []rdf.Term{dateTime("2011-01-10T14:45:13Z")}, want: str("Z")},
		{name: "TZ", args: []rdf.Term{dateTime("2011-01-10T14:45:13")}, want: str("")},
		{name: "YEAR", args: []rdf.Term{dateTime("-0044-03-15T12:00:00")}, want: integer("-44")},
		{name: "YEAR", args: []rdf.Term{typed("2020-02-29", rdf.XSDDate)}, want: integer("2020")},
		{name: "HOURS", args: []rdf.Term{typed("2020-02-29", rdf.XSDDate)}, err: ErrType},
		{name: "YEAR", args: []rdf.Term{str("2011-01-10T14:45:13Z")}, err: ErrType},
		{name: "YEAR", args: []rdf.Term{dateTime("2011-02-30T00:00:00Z")}, err: ErrLexical},
	})
}

func TestTemporalLexical(t *testing.T) {
	tests := []struct {
		dt, lex string
		valid   bool
	}{
		{rdf.XSDDateTime, "2002-10-10T12:00:00-05:00", true},
		{rdf.XSDDateTime, "2002-10-10T24:00:00Z", true},
		{rdf.XSDDateTime, "2002-10-10T24:00:01Z", false},
		{rdf.XSDDateTime, "2002-10-10T12:00:00.5", true},
		{rdf.XSDDateTime, "2002-10-10T12:00:00.", false},
		{rdf.XSDDateTime, "2002-10-10 12:00:00", false},
		{rdf.XSDDateTime, "02002-10-10T12:00:00", false},
		{rdf.XSDDateTime, "12002-10-10T12:00:00", true},
		{rdf.XSDDateTime, "2002-10-10T12:00:00+15:00", false},
		{rdf.XSDDateTime, "2000-02-29T00:00:00", true},
		{rdf.XSDDateTime, "1900-02-29T00:00:00", false},
		{rdf.XSDDate, "2002-10-10Z", true},
		{rdf.XSDDate, "2002-13-10", false},
		{xsdTime, "23:59:59.999+01:00", true},
		{xsdTime, "23:60:00", false},
	}
	for _, tc := range tests {
		_, err := parseTemporal(tc.dt, tc.lex)
		if (err == nil) != tc.valid {
			t.Errorf("parse %q as %s: %v, want valid=%v", tc.lex, tc.dt, err, tc.valid)
		}
		if err != nil && !errors.Is(err, ErrLexical) {
			t.Errorf("parse %q: error %v does not wrap ErrLexical", tc.lex, err)
		}
	}
}

// Ensure NOW is fixed per Env and carries its timezone.
func TestNow(t *testing.T) {
	at := time.Date(2024, 5, 6, 7, 8, 9, 500_000_000, time.FixedZone("", 2*3600))
	env := &Env{Now: at}
	got, err := env.Call("NOW", nil)
	if err != nil || got != dateTime("2024-05-06T07:08:09.5+02:00") {
		t.Fatalf("NOW() = %s, %v", got, err)
	}
	var zero Env
	a, _ := zero.Call("NOW", nil)
	time.Sleep(time.Millisecond)
	b, _ := zero.Call("NOW", nil)
	if a != b {
		t.Errorf("NOW changed within one Env: %s then %s", a, b)
	}
	if tz, _ := env.Call("TZ", []rdf.Term{got}); tz != str("+02:00") {
		t.Errorf("TZ(NOW()) = %s", tz)
	}
}

func TestDaysFromCivil(t *testing.T) {
	for _, y := range []int64{-400, -1, 0, 1, 1600, 1969, 1970, 2000, 2400, 9999} {
		for _, m := range []int{1, 2, 3, 12} {
			want := time.Date(int(y), time.Month(m), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
			if got := daysFromCivil(y, m, 1); got != want {
				t.Errorf("daysFromCivil(%d, %d, 1) = %d, want %d", y, m, got, want)
			}
		}
	}
}
