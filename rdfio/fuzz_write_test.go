package rdfio

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// wtFuzzLocal is the alphabet of fuzzed local names: letters and digits,
// and every character that makes prefixed names, QNames or IRIs tricky.
const wtFuzzLocal = "aZ09._-:~!$&'()*+,;=/?#@é·%"

// wtFuzzGraph builds a small graph from fuzz input: each chunk of four
// bytes picks subject, predicate and object shapes, and the text between
// '|' separators supplies local names and literal values.
func wtFuzzGraph(data []byte, text string) []rdf.Quad {
	parts := strings.Split(text, "|")
	part := func(i byte) string { return parts[int(i)%len(parts)] }
	alphabet := []rune(wtFuzzLocal)
	local := func(i byte) string {
		var b strings.Builder
		for _, r := range part(i) {
			c := alphabet[int(r)%len(alphabet)]
			if c == '%' {
				b.WriteString("%25") // json-gold drops IRIs with a bare %
				continue
			}
			b.WriteRune(c)
		}
		return b.String()
	}
	var qs []rdf.Quad
	for i := 0; i+4 <= len(data) && len(qs) < 64; i += 4 {
		c := data[i : i+4]
		var s, o, g rdf.Term
		if c[0]&1 == 0 {
			s = rdf.IRI(wtEx + local(c[1]))
		} else {
			s = rdf.Blank(part(c[1]))
		}
		p := rdf.IRI(wtEx + "p" + local(c[2]))
		switch c[3] % 8 {
		case 0:
			o = rdf.IRI(wtEx + local(c[1]+c[2]))
		case 1:
			o = rdf.Blank(part(c[2]))
		case 2:
			o = rdf.LangLiteral(part(c[2]), []string{"nl", "en-GB", "de-ch-1901"}[c[1]%3])
		case 3:
			o = rdf.TypedLiteral(part(c[2]), []string{rdf.XSDInteger, rdf.XSDDecimal, rdf.XSDDouble, rdf.XSDBoolean, wtEx + "dt"}[c[1]%5])
		case 4:
			p = rdf.IRI(rdf.RDFType)
			o = rdf.IRI(wtEx + local(c[2]))
		case 5: // list nodes, well-formed or not
			p, o = rdf.IRI(rdf.RDFFirst), rdf.Literal(part(c[2]))
		case 6:
			p, o = rdf.IRI(rdf.RDFRest), rdf.Blank(part(c[2]))
			if c[1]&1 == 1 {
				o = rdf.IRI(rdf.RDFNil)
			}
		default:
			o = rdf.Literal(part(c[2]))
		}
		if c[0]&6 == 6 {
			g = rdf.IRI(wtEx + "g" + local(c[3]))
		}
		qs = append(qs, rdf.Quad{S: s, P: p, O: o, G: g})
	}
	return qs
}

// FuzzWriteRoundTrip checks that whatever graph the writers accept, they
// write so that it reads back as the same graph, in every format.
func FuzzWriteRoundTrip(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 1, 2, 3, 4, 6, 0, 1, 2}, "a|b c|\"q\"\n|1.5|x.y")
	f.Add([]byte{1, 0, 0, 1, 1, 1, 1, 1, 0, 2, 3, 5}, "|\\|]]>|e5|-")
	f.Add([]byte{7, 5, 9, 2, 0, 3, 3, 3}, "true|\r\n|\"\"\"|é·")
	f.Add([]byte{1, 0, 1, 1, 1, 0, 0, 5, 1, 0, 1, 6, 1, 1, 0, 5, 1, 1, 0, 6, 0, 0, 0, 1}, "l|m|x")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		if !utf8.ValidString(text) {
			return
		}
		qs := wtFuzzGraph(data, text)
		for _, format := range wtFormats {
			var buf bytes.Buffer
			if err := WriteAll(&buf, format, qs, WriteOptions{Prefixes: wtPrefixes}); err != nil {
				if format == RDFXML {
					continue // XML 1.0 cannot carry control characters, some IRIs lack a QName
				}
				if format == JSONLD && errors.Is(err, errJSONGoldFails) {
					continue // a json-gold bug, reported as an error; see jsonldWriter.compact
				}
				t.Fatalf("%v: %v", format, err)
			}
			got, err := wtRead(format, buf.Bytes())
			if err != nil {
				t.Fatalf("%v: output does not parse: %v\n%s", format, err, buf.Bytes())
			}
			if !rdf.Isomorphic(got, wtExpect(format, qs)) {
				t.Fatalf("%v: output reads as a different graph\n%s", format, buf.Bytes())
			}
		}
	})
}
