package rdftest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// Ex is the namespace of the test graphs.
const Ex = "http://example.org/"

// Prefixes exercise prefixed names in the round trips.
var Prefixes = []codec.Prefix{
	{Name: "ex", IRI: "http://example.org/"},
	{Name: "a", IRI: "http://a.example/"},
	{Name: "", IRI: "http://www.w3.org/2013/TurtleTests/"},
	{Name: "xsd", IRI: rdf.XSDNS},
	{Name: "rdf", IRI: rdf.RDFNS},
	{Name: "rdfs", IRI: rdf.RDFSNS},
}

// Context is shaped like the project's own context: prefixes plus terms
// with coercion.
const Context = `{"@context": {
  "ex": "http://example.org/",
  "xsd": "http://www.w3.org/2001/XMLSchema#",
  "dct": "http://purl.org/dc/terms/",
  "Thing": "ex:Thing",
  "title": {"@id": "dct:title"},
  "label": {"@id": "ex:label", "@language": "nl"},
  "score": {"@id": "ex:score", "@type": "xsd:decimal"},
  "related": {"@id": "ex:related", "@type": "@id"},
  "tags": {"@id": "ex:tag", "@container": "@set"}
}}`

// Resource is a small resource as the linked-data server serves it.
func Resource() []rdf.Quad {
	s := rdf.IRI(Ex + "city/leuven")
	return []rdf.Quad{
		rdf.Triple(s, rdf.IRI(rdf.RDFType), rdf.IRI(Ex+"Thing")),
		rdf.Triple(s, rdf.IRI("http://purl.org/dc/terms/title"), rdf.Literal("Leuven")),
		rdf.Triple(s, rdf.IRI(Ex+"label"), rdf.LangLiteral("Stad Leuven", "nl")),
		rdf.Triple(s, rdf.IRI(Ex+"label"), rdf.LangLiteral("City of Leuven", "en")),
		rdf.Triple(s, rdf.IRI(Ex+"score"), rdf.TypedLiteral("3.50", rdf.XSDDecimal)),
		rdf.Triple(s, rdf.IRI(Ex+"count"), rdf.TypedLiteral("011", rdf.XSDInteger)),
		rdf.Triple(s, rdf.IRI(Ex+"related"), rdf.IRI(Ex+"city/gent")),
		rdf.Triple(s, rdf.IRI(Ex+"tag"), rdf.Literal("open data")),
		rdf.Triple(s, rdf.IRI(Ex+"part"), rdf.Blank("b")),
		rdf.Triple(rdf.Blank("b"), rdf.IRI(Ex+"label"), rdf.LangLiteral("deel", "nl")),
	}
}

// Resource50 is a 50-triple resource like those the linked-data server
// serves: one subject, typed, labelled, with scores, links and a few
// nested blank nodes.
func Resource50() []rdf.Quad {
	s := rdf.IRI(Ex + "assessment/leuven-2026")
	qs := []rdf.Quad{
		rdf.Triple(s, rdf.IRI(rdf.RDFType), rdf.IRI(Ex+"Thing")),
		rdf.Triple(s, rdf.IRI("http://purl.org/dc/terms/title"), rdf.Literal("Zelfevaluatie Leuven 2026")),
		rdf.Triple(s, rdf.IRI(Ex+"label"), rdf.LangLiteral("Zelfevaluatie", "nl")),
		rdf.Triple(s, rdf.IRI(Ex+"label"), rdf.LangLiteral("Self-assessment", "en")),
	}
	for i := 0; len(qs) < 38; i++ {
		n := strconv.Itoa(i)
		qs = append(qs,
			rdf.Triple(s, rdf.IRI(Ex+"score"), rdf.TypedLiteral(n+".5", rdf.XSDDecimal)),
			rdf.Triple(s, rdf.IRI(Ex+"related"), rdf.IRI(Ex+"domain/"+n)),
			rdf.Triple(s, rdf.IRI(Ex+"tag"), rdf.Literal("tag "+n)),
		)
	}
	for i := range 4 {
		b := rdf.Blank("gap" + strconv.Itoa(i))
		qs = append(qs,
			rdf.Triple(s, rdf.IRI(Ex+"gap"), b),
			rdf.Triple(b, rdf.IRI(Ex+"count"), rdf.TypedLiteral(strconv.Itoa(i), rdf.XSDInteger)),
			rdf.Triple(b, rdf.IRI(Ex+"label"), rdf.LangLiteral("kloof "+strconv.Itoa(i), "nl")),
		)
	}
	return qs[:50]
}

// Case is a named graph to write. NoRDFXML marks graphs with characters
// XML 1.0 cannot carry.
type Case struct {
	Name     string
	Quads    []rdf.Quad
	NoRDFXML bool
}

// Targeted are graphs that exercise what the conformance files touch only
// lightly. RDF/XML cannot carry control characters (XML 1.0 forbids them),
// so cases with them say so.
var Targeted = []Case{
	{Name: "local names needing escapes", Quads: []rdf.Quad{
		rdf.Triple(rdf.IRI(Ex+"a.b"), rdf.IRI(Ex+"p"), rdf.IRI(Ex+"a:b")),
		rdf.Triple(rdf.IRI(Ex+"123"), rdf.IRI(Ex+"p.q"), rdf.IRI(Ex+"a%20b")),
		rdf.Triple(rdf.IRI(Ex+"x%25"), rdf.IRI(Ex+"p-"), rdf.IRI(Ex+"-a.")),
		rdf.Triple(rdf.IRI(Ex+"a/b?c#d"), rdf.IRI(Ex+"é"), rdf.IRI(Ex)),
		rdf.Triple(rdf.IRI(Ex+"(x)"), rdf.IRI(Ex+"p_"), rdf.IRI(Ex+"~!$&'*+,;=@")),
	}},
	{Name: "strings", NoRDFXML: true, Quads: []rdf.Quad{
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal(`"quoted" and 'single' \ back`)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("line 1\nline 2\r\n\"\"\"triple\"\"\"\n\"")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("ctl \x00\x01\x08\x0b\x0c\x1f\x7f")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("  spaces  \t")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("<tag attr=\"x\">&amp;</tag> ]]>")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("ünïcødé 🎉 \u2028 \uFFFD")),
	}},
	{Name: "xml-safe strings", Quads: []rdf.Quad{
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("line 1\nline 2\r\n\"\"\"triple\"\"\"\n\"\t")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("<tag attr=\"x\">&amp;</tag> ]]>")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Literal("\r")),
		rdf.Triple(rdf.IRI(Ex+"s&t"), rdf.IRI(Ex+"p"), rdf.IRI(Ex+"o?a=1&b='2'")),
	}},
	{Name: "language tags and datatypes", Quads: []rdf.Quad{
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.LangLiteral("hallo", "nl")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.LangLiteral("hallo", "nl-be")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.LangLiteral("x\ny", "de-ch-1901")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("1", rdf.XSDInteger)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("01.50", rdf.XSDDecimal)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("1E3", rdf.XSDDouble)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("not a number", rdf.XSDInteger)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("true", rdf.XSDBoolean)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("", rdf.XSDInteger)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("x y", Ex+"dt#custom")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("<b>bold</b>", rdf.RDFXMLLiteral)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral(`{"a":1}`, rdf.RDFJSON)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.TypedLiteral("2024-05-01", rdf.XSDDate)),
	}},
	{Name: "types", Quads: []rdf.Quad{
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(rdf.RDFType), rdf.IRI(Ex+"T1")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(rdf.RDFType), rdf.IRI(Ex+"T2")),
		rdf.Triple(rdf.IRI(Ex+"t"), rdf.IRI(rdf.RDFType), rdf.IRI(Ex+"123")),
		rdf.Triple(rdf.IRI(Ex+"u"), rdf.IRI(rdf.RDFType), rdf.IRI(rdf.RDFNS+"Description")),
		rdf.Triple(rdf.IRI(Ex+"v"), rdf.IRI(rdf.RDFType), rdf.Blank("class")),
		rdf.Triple(rdf.Blank("w"), rdf.IRI(rdf.RDFType), rdf.IRI(Ex+"T1")),
		rdf.Triple(rdf.IRI(Ex+"x"), rdf.IRI(rdf.RDFNS+"_1"), rdf.Literal("first")),
	}},
	{Name: "blank nodes", Quads: []rdf.Quad{
		rdf.Triple(rdf.Blank("a"), rdf.IRI(Ex+"p"), rdf.Blank("a")),
		rdf.Triple(rdf.Blank("b"), rdf.IRI(Ex+"p"), rdf.Blank("c")),
		rdf.Triple(rdf.Blank("c"), rdf.IRI(Ex+"p"), rdf.Blank("b")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"p"), rdf.Blank("leaf")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"q"), rdf.Blank("nested")),
		rdf.Triple(rdf.Blank("nested"), rdf.IRI(Ex+"q"), rdf.Blank("shared")),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"r"), rdf.Blank("shared")),
		rdf.Triple(rdf.Blank("shared"), rdf.IRI(Ex+"p"), rdf.Literal("x")),
		rdf.Triple(rdf.Blank("label with spaces"), rdf.IRI(Ex+"p"), rdf.Blank("x_61")),
		rdf.Triple(rdf.Blank("a"), rdf.IRI(Ex+"p"), rdf.Blank("1st")),
		rdf.Triple(rdf.Blank("trailing."), rdf.IRI(Ex+"p"), rdf.Blank("")),
		rdf.Triple(rdf.Blank("a"), rdf.IRI(Ex+"p"), rdf.Blank("label with spaces")),
	}},
	{Name: "lists", Quads: []rdf.Quad{
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"list"), rdf.Blank("l1")),
		rdf.Triple(rdf.Blank("l1"), rdf.IRI(rdf.RDFFirst), rdf.Literal("one")),
		rdf.Triple(rdf.Blank("l1"), rdf.IRI(rdf.RDFRest), rdf.Blank("l2")),
		rdf.Triple(rdf.Blank("l2"), rdf.IRI(rdf.RDFFirst), rdf.IRI(Ex+"two")),
		rdf.Triple(rdf.Blank("l2"), rdf.IRI(rdf.RDFRest), rdf.IRI(rdf.RDFNil)),
		rdf.Triple(rdf.IRI(Ex+"s"), rdf.IRI(Ex+"empty"), rdf.IRI(rdf.RDFNil)),
	}},
	{Name: "named graphs", Quads: []rdf.Quad{
		{S: rdf.IRI(Ex + "s"), P: rdf.IRI(Ex + "p"), O: rdf.Literal("default")},
		{S: rdf.IRI(Ex + "s"), P: rdf.IRI(Ex + "p"), O: rdf.Literal("in g1"), G: rdf.IRI(Ex + "g1")},
		{S: rdf.IRI(Ex + "s"), P: rdf.IRI(Ex + "p"), O: rdf.Literal("default"), G: rdf.IRI(Ex + "g1")},
		{S: rdf.Blank("b"), P: rdf.IRI(Ex + "p"), O: rdf.Blank("c"), G: rdf.IRI(Ex + "g2")},
		{S: rdf.Blank("b"), P: rdf.IRI(Ex + "q"), O: rdf.Literal("shared blank across graphs")},
		{S: rdf.IRI(Ex + "g1"), P: rdf.IRI(Ex + "p"), O: rdf.Literal("graph as subject")},
		{S: rdf.IRI(Ex + "s"), P: rdf.IRI(Ex + "p"), O: rdf.Literal("blank graph"), G: rdf.Blank("g3")},
	}},
	{Name: "empty", Quads: nil},
}

// fuzzLocal is the alphabet of fuzzed local names: letters and digits,
// and every character that makes prefixed names, QNames or IRIs tricky.
const fuzzLocal = "aZ09._-:~!$&'()*+,;=/?#@é·%"

// FuzzGraph builds a small graph from fuzz input: each chunk of four
// bytes picks subject, predicate and object shapes, and the text between
// '|' separators supplies local names and literal values.
func FuzzGraph(data []byte, text string) []rdf.Quad {
	parts := strings.Split(text, "|")
	part := func(i byte) string { return parts[int(i)%len(parts)] }
	alphabet := []rune(fuzzLocal)
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
			s = rdf.IRI(Ex + local(c[1]))
		} else {
			s = rdf.Blank(part(c[1]))
		}
		p := rdf.IRI(Ex + "p" + local(c[2]))
		switch c[3] % 8 {
		case 0:
			o = rdf.IRI(Ex + local(c[1]+c[2]))
		case 1:
			o = rdf.Blank(part(c[2]))
		case 2:
			o = rdf.LangLiteral(part(c[2]), []string{"nl", "en-GB", "de-ch-1901"}[c[1]%3])
		case 3:
			o = rdf.TypedLiteral(part(c[2]), []string{rdf.XSDInteger, rdf.XSDDecimal, rdf.XSDDouble, rdf.XSDBoolean, Ex + "dt"}[c[1]%5])
		case 4:
			p = rdf.IRI(rdf.RDFType)
			o = rdf.IRI(Ex + local(c[2]))
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
			g = rdf.IRI(Ex + "g" + local(c[3]))
		}
		qs = append(qs, rdf.Quad{S: s, P: p, O: o, G: g})
	}
	return qs
}

// BillionLaughs is the classic 10-level entity bomb around one literal.
func BillionLaughs(levels int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE rdf:RDF [` + "\n" + ` <!ENTITY lol0 "lol">` + "\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, " <!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	fmt.Fprintf(&b, `]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">
 <rdf:Description rdf:about="http://ex.org/s"><ex:p>&lol%d;</ex:p></rdf:Description>
</rdf:RDF>`, levels)
	return b.String()
}
