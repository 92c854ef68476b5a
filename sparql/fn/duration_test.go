package fn

import (
	"errors"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func dayTime(s string) rdf.Term   { return typed(s, xsdDayTimeDuration) }
func yearMonth(s string) rdf.Term { return typed(s, xsdYearMonthDuration) }
func date(s string) rdf.Term      { return typed(s, rdf.XSDDate) }

func TestDurationLexical(t *testing.T) {
	tests := []struct {
		dt, lex string
		canon   string // "" = invalid
	}{
		{xsdDuration, "P1Y2M3DT4H5M6.5S", "P1Y2M3DT4H5M6.5S"},
		{xsdDuration, "-P14M", "-P1Y2M"},
		{xsdDuration, "PT36H", "P1DT12H"},
		{xsdDayTimeDuration, "PT0S", "PT0S"},
		{xsdDayTimeDuration, "P0D", "PT0S"},
		{xsdDayTimeDuration, "PT90M", "PT1H30M"},
		{xsdDayTimeDuration, "PT0.25S", "PT0.25S"},
		{xsdYearMonthDuration, "P0Y", "P0M"},
		{xsdYearMonthDuration, "P2Y", "P2Y"},
		{xsdDayTimeDuration, "P1Y", ""},
		{xsdYearMonthDuration, "P1D", ""},
		{xsdDuration, "P", ""},
		{xsdDuration, "PT", ""},
		{xsdDuration, "P1DT", ""},
		{xsdDuration, "P1H", ""},
		{xsdDuration, "PT1D", ""},
		{xsdDuration, "P1M1Y", ""},
		{xsdDuration, "P1.5Y", ""},
		{xsdDuration, "1Y", ""},
		{xsdDuration, "P9999999999999999Y", ""},
	}
	for _, tc := range tests {
		d, err := parseDuration(tc.dt, tc.lex)
		if tc.canon == "" {
			if !errors.Is(err, ErrLexical) {
				t.Errorf("parse %q as %s = %+v, %v; want ErrLexical", tc.lex, tc.dt, d, err)
			}
			continue
		}
		if err != nil || d.lexical() != tc.canon {
			t.Errorf("parse %q as %s: %q, %v; want %q", tc.lex, tc.dt, d.lexical(), err, tc.canon)
		}
	}
}

func TestDurationComparison(t *testing.T) {
	eq := []struct {
		a, b rdf.Term
		want bool
	}{
		{dayTime("PT24H"), dayTime("P1D"), true},
		{typed("P1Y", xsdDuration), yearMonth("P12M"), true},
		{typed("P0D", xsdDuration), yearMonth("P0M"), true},
		{dayTime("PT1H"), dayTime("PT61M"), false},
	}
	for _, tc := range eq {
		if got, err := Equal(tc.a, tc.b); err != nil || got != tc.want {
			t.Errorf("%s = %s: %v, %v; want %v", tc.a, tc.b, got, err, tc.want)
		}
	}
	if c, err := Compare(dayTime("PT1H"), dayTime("PT61M")); err != nil || c != -1 {
		t.Errorf("PT1H < PT61M: %d, %v", c, err)
	}
	if c, err := Compare(yearMonth("P1Y1M"), yearMonth("P13M")); err != nil || c != 0 {
		t.Errorf("P1Y1M vs P13M: %d, %v", c, err)
	}
	if _, err := Compare(typed("P1M", xsdDuration), typed("P30D", xsdDuration)); !errors.Is(err, ErrType) {
		t.Errorf("xsd:duration is not ordered, got %v", err)
	}
	if _, err := Compare(dayTime("P1D"), yearMonth("P1M")); !errors.Is(err, ErrType) {
		t.Errorf("dayTime vs yearMonth ordered: %v", err)
	}
}

// Ensure date/time arithmetic follows XPath: differences are
// dayTimeDurations, months are added before seconds with the day pinned,
// timezones are kept.
func TestTemporalArith(t *testing.T) {
	tests := []struct {
		op   byte
		a, b rdf.Term
		want rdf.Term
		err  error
	}{
		{'-', dateTime("2000-01-02T00:00:00Z"), dateTime("2000-01-01T12:00:00Z"), dayTime("PT12H"), nil},
		{'-', dateTime("2000-01-01T00:00:00+01:00"), dateTime("2000-01-01T00:00:00Z"), dayTime("-PT1H"), nil},
		{'-', date("2000-03-01"), date("2000-02-01"), dayTime("P29D"), nil},
		{'-', dateTime("2000-01-01T00:00:00"), dateTime("2000-01-01T00:00:00Z"), rdf.Term{}, ErrUnordered},
		{'+', dateTime("2000-01-31T10:00:00Z"), yearMonth("P1M"), dateTime("2000-02-29T10:00:00Z"), nil},
		{'+', dateTime("2000-12-31T23:30:00-05:00"), dayTime("PT45M"), dateTime("2001-01-01T00:15:00-05:00"), nil},
		{'-', dateTime("2000-03-01T00:00:00"), dayTime("PT0.5S"), dateTime("2000-02-29T23:59:59.5"), nil},
		{'+', yearMonth("P1Y"), date("1999-02-28Z"), date("2000-02-28Z"), nil},
		{'+', date("2000-01-01"), dayTime("PT36H"), date("2000-01-02"), nil},
		{'-', date("0001-01-01"), dayTime("P1D"), date("0000-12-31"), nil},
		{'+', typed("23:00:00", xsdTime), dayTime("PT2H"), typed("01:00:00", xsdTime), nil},
		{'+', typed("23:00:00", xsdTime), yearMonth("P1M"), rdf.Term{}, ErrType},
		{'+', dayTime("PT1H"), dayTime("PT30M"), dayTime("PT1H30M"), nil},
		{'-', yearMonth("P1Y"), yearMonth("P13M"), yearMonth("-P1M"), nil},
		{'+', dayTime("PT1H"), yearMonth("P1M"), rdf.Term{}, ErrType},
		{'*', dayTime("PT1H"), decimal("1.5"), dayTime("PT1H30M"), nil},
		{'*', integer("2"), yearMonth("P7M"), yearMonth("P1Y2M"), nil},
		{'*', yearMonth("P1M"), decimal("1.5"), yearMonth("P2M"), nil},
		{'/', dayTime("PT1H"), integer("4"), dayTime("PT15M"), nil},
		{'/', dayTime("PT1H"), integer("0"), rdf.Term{}, ErrDivisionByZero},
		{'/', dayTime("P1D"), dayTime("PT6H"), decimal("4"), nil},
		{'/', integer("2"), dayTime("PT1H"), rdf.Term{}, ErrType},
		{'+', dateTime("2000-01-01T00:00:00Z"), integer("1"), rdf.Term{}, ErrType},
		{'+', dateTime("2000-13-01T00:00:00Z"), dayTime("PT1H"), rdf.Term{}, ErrLexical},
	}
	for _, tc := range tests {
		got, err := Arith(tc.op, tc.a, tc.b)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("%s %c %s = %s, %v; want error %v", tc.a, tc.op, tc.b, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %c %s = %s, %v; want %s", tc.a, tc.op, tc.b, got, err, tc.want)
		}
	}
}

func TestCivilFromDays(t *testing.T) {
	for z := int64(-800000); z < 800000; z += 997 {
		y, m, d := civilFromDays(z)
		if back := daysFromCivil(y, m, d); back != z || d < 1 || d > daysIn(y, m) {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, which maps back to %d", z, y, m, d, back)
		}
	}
}
