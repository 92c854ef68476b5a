package fn

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// FuzzNumber checks that every numeric literal either fails to parse or
// prints a canonical form that reads back as the same value.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"1", "-0.50", "1e3", "INF", "NaN", ".5", "+7", "1.", "9999999999999999999999"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, lex string, k uint8) {
		dt := kindDatatype[int(k)%len(kindDatatype)]
		n, ok, err := toNumber(rdf.TypedLiteral(lex, dt))
		if !ok || err != nil {
			return
		}
		back, ok, err := toNumber(n.term())
		if !ok || err != nil {
			t.Fatalf("%q^^%s printed as %s, which does not parse: %v", lex, dt, n.term(), err)
		}
		if c, err := cmpNumbers(n, back); err == nil && c != 0 {
			t.Fatalf("%q^^%s printed as %s, a different value", lex, dt, n.term())
		}
	})
}

// FuzzTemporal checks that parsing never panics and that valid values
// compare equal to themselves.
func FuzzTemporal(f *testing.F) {
	for _, s := range []string{"2002-10-10T12:00:00-05:00", "-0044-03-15T00:00:00", "2000-02-29T24:00:00Z", "12:00:00.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lex string) {
		for _, dt := range []string{rdf.XSDDateTime, rdf.XSDDate, xsdTime} {
			v, err := parseTemporal(dt, lex)
			if err != nil {
				continue
			}
			if c, err := cmpTemporal(v, v); err != nil || c != 0 {
				t.Fatalf("%q^^%s does not equal itself: %d, %v", lex, dt, c, err)
			}
		}
	})
}

// FuzzRegex checks that the XPath-to-RE2 translation never panics and
// either compiles or reports an error.
func FuzzRegex(f *testing.F) {
	for _, s := range []string{`^a.b$`, `[a-z-[aeiou]]`, `\p{Lu}\d+`, `(a)\1`, `[\w\s]`, `\`} {
		f.Add(s, "i")
	}
	f.Fuzz(func(t *testing.T, pattern, flags string) {
		re, err := compileRegex(pattern, flags)
		if err == nil && re == nil {
			t.Fatal("nil regexp without error")
		}
	})
}

// FuzzDuration checks that a parsed duration prints a canonical form that
// parses back to the same value.
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"P1Y2M3DT4H5M6.5S", "-PT36H", "P0M", "PT0.001S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lex string) {
		for _, dt := range []string{xsdDuration, xsdDayTimeDuration, xsdYearMonthDuration} {
			d, err := parseDuration(dt, lex)
			if err != nil {
				continue
			}
			back, err := parseDuration(dt, d.lexical())
			if err != nil {
				t.Fatalf("%q^^%s printed as %q, which does not parse: %v", lex, dt, d.lexical(), err)
			}
			if back.months != d.months || back.secs.Cmp(d.secs) != 0 {
				t.Fatalf("%q^^%s printed as %q, a different value", lex, dt, d.lexical())
			}
		}
	})
}
