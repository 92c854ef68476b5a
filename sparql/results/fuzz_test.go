package results

import (
	"bytes"
	"testing"
)

// FuzzRead checks that no input makes a reader panic, and that whatever
// any reader reads is written and read back unchanged (CSV: as the
// literals and blank nodes CSV can tell apart).
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://a"}}]}}`), uint8(JSON))
	f.Add([]byte(`<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="x"/></head><results><result><binding name="x"><literal xml:lang="en">a</literal></binding></result></results></sparql>`), uint8(XML))
	f.Add([]byte("?x\t?y\n<http://a>\t\"b\"@en\n1.5\t\n"), uint8(TSV))
	f.Add([]byte("x,y\r\nhttp://a,\"b,c\"\r\n"), uint8(CSV))
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		fm := Formats()[int(format)%len(Formats())]
		tab, err := Read(bytes.NewReader(data), fm)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := tab.Write(&buf, fm); err != nil {
			return // e.g. a name or character XML cannot carry
		}
		back, err := Read(&buf, fm)
		if err != nil {
			t.Fatalf("%v: re-reading our own output failed: %v\n%s", fm, err, buf.String())
		}
		if !equalTables(tab, back) {
			t.Fatalf("%v: round trip changed\n%+v\nto\n%+v\nvia\n%s", fm, tab, back, buf.String())
		}
	})
}

// FuzzParseTerm checks that a parsed TSV term prints (as TSV writes it)
// to a form that parses back to the same term.
func FuzzParseTerm(f *testing.F) {
	for _, s := range []string{`<http://a>`, `"x\ty"@en`, `"1"^^<http://www.w3.org/2001/XMLSchema#integer>`, "-1.5e3", "_:b", "true"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		term, err := ParseTerm(s)
		if err != nil || term.IsZero() {
			return
		}
		back, err := ParseTerm(term.String())
		if err != nil || back != term {
			t.Fatalf("%q parsed as %#v, printed as %s, read back as %#v (%v)", s, term, term.String(), back, err)
		}
	})
}
