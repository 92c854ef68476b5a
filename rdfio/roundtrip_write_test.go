package rdfio

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piprate/json-gold/ld"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// wtFormats are the formats every round-trip test writes and reads back.
var wtFormats = []Format{NTriples, NQuads, Turtle, RDFXML, JSONLD}

// wtPrefixes exercise prefixed names in the conformance round trips.
var wtPrefixes = []Prefix{
	{Name: "ex", IRI: "http://example.org/"},
	{Name: "a", IRI: "http://a.example/"},
	{Name: "", IRI: "http://www.w3.org/2013/TurtleTests/"},
	{Name: "xsd", IRI: rdf.XSDNS},
	{Name: "rdf", IRI: rdf.RDFNS},
	{Name: "rdfs", IRI: rdf.RDFSNS},
}

// wtWrite serializes qs in format f.
func wtWrite(t testing.TB, f Format, qs []rdf.Quad, opts WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAll(&buf, f, slices.Clone(qs), opts); err != nil {
		t.Fatalf("write %v: %v", f, err)
	}
	return buf.Bytes()
}

// wtRead parses data in format f. JSON-LD goes through json-gold's toRDF,
// an implementation independent of ours.
func wtRead(f Format, data []byte) ([]rdf.Quad, error) {
	if f == JSONLD {
		return wtJSONGoldToRDF(data)
	}
	var qs []rdf.Quad
	err := Parse(bytes.NewReader(data), f, ParseOptions{Base: "http://base.example/doc"}, func(q rdf.Quad) error {
		qs = append(qs, q)
		return nil
	})
	return qs, err
}

func wtJSONGoldToRDF(data []byte) ([]rdf.Quad, error) {
	doc, err := ld.DocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	opts := ld.NewJsonLdOptions("")
	opts.DocumentLoader = &jsonldContextLoader{}
	res, err := ld.NewJsonLdProcessor().ToRDF(doc, opts)
	if err != nil {
		return nil, err
	}
	ds := res.(*ld.RDFDataset)
	var qs []rdf.Quad
	conv := func(n ld.Node) rdf.Term {
		switch v := n.(type) {
		case ld.IRI:
			return rdf.IRI(v.Value)
		case ld.BlankNode:
			return rdf.Blank(strings.TrimPrefix(v.Attribute, "_:"))
		case ld.Literal:
			if v.Language != "" {
				return rdf.LangLiteral(v.Value, v.Language)
			}
			return rdf.TypedLiteral(v.Value, v.Datatype)
		}
		return rdf.Term{}
	}
	for g, quads := range ds.Graphs {
		var gt rdf.Term
		if g != "@default" {
			if strings.HasPrefix(g, "_:") {
				gt = rdf.Blank(g[2:])
			} else {
				gt = rdf.IRI(g)
			}
		}
		for _, q := range quads {
			qs = append(qs, rdf.Quad{S: conv(q.Subject), P: conv(q.Predicate), O: conv(q.Object), G: gt})
		}
	}
	return qs, nil
}

// wtExpect is what format f can carry of qs: the triple formats drop graph
// names, and JSON-LD lower-cases language tags (which RDF 1.1 allows: tags
// compare case-insensitively).
func wtExpect(f Format, qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		if !f.SupportsQuads() {
			q.G = rdf.Term{}
		}
		if f == JSONLD {
			q.O.Lang = strings.ToLower(q.O.Lang)
		}
		out[i] = q
	}
	return out
}

// wtRoundTrip writes qs in f, reads the output back and reports whether
// the graphs are isomorphic; on failure it returns the output.
func wtRoundTrip(t testing.TB, f Format, qs []rdf.Quad, opts WriteOptions) (ok bool, out []byte, err error) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteAll(&buf, f, slices.Clone(qs), opts); err != nil {
		return false, nil, err
	}
	got, err := wtRead(f, buf.Bytes())
	if err != nil {
		return false, buf.Bytes(), err
	}
	return rdf.Isomorphic(got, wtExpect(f, qs)), buf.Bytes(), nil
}

// wtCorpus parses every N-Triples and Turtle file of the W3C suites that our
// reader accepts (the negative syntax tests fail and are left out).
func wtCorpus(t *testing.T) map[string][]rdf.Quad {
	t.Helper()
	corpus := map[string][]rdf.Quad{}
	for _, dir := range []string{"turtle", "ntriples"} {
		root := testtool.Testdata(t, dir)
		files, err := filepath.Glob(filepath.Join(root, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			f := FormatForExt(path)
			if (f != Turtle && f != NTriples) || filepath.Base(path) == "manifest.ttl" {
				continue
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var qs []rdf.Quad
			base := "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-" + dir + "/" + filepath.Base(path)
			err = Parse(bytes.NewReader(data), f, ParseOptions{Base: base, File: path}, func(q rdf.Quad) error {
				qs = append(qs, q)
				return nil
			})
			if err == nil {
				corpus[dir+"/"+filepath.Base(path)] = qs
			}
		}
	}
	return corpus
}

// wtMinRoundTrips is what each format achieved over the conformance corpus;
// the test fails if a change makes fewer files survive the round trip.
var wtMinRoundTrips = map[Format]int{NTriples: 377, NQuads: 377, Turtle: 377, RDFXML: 352, JSONLD: 377}

// Ensure that every format writes every conformance graph so that it reads
// back as the same graph.
func TestWriteConformanceRoundTrip(t *testing.T) {
	corpus := wtCorpus(t)
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, f := range wtFormats {
		pass, unwritable := 0, 0
		for _, name := range names {
			ok, out, err := wtRoundTrip(t, f, corpus[name], WriteOptions{Prefixes: wtPrefixes})
			switch {
			case ok:
				pass++
			case err != nil && out == nil:
				unwritable++
				t.Logf("%v: %s: cannot write: %v", f, name, err)
			default:
				t.Errorf("%v: %s: round trip differs (read error: %v)\n%s", f, name, err, out)
			}
		}
		t.Logf("%v: %d/%d conformance graphs round-trip (%d refused by the writer)", f, pass, len(names), unwritable)
		if pass < wtMinRoundTrips[f] {
			t.Errorf("%v: %d round trips, fewer than the %d achieved before", f, pass, wtMinRoundTrips[f])
		}
	}
}

// wtTargeted are graphs that exercise what the conformance files touch only
// lightly. RDF/XML cannot carry control characters (XML 1.0 forbids them),
// so cases with them say so.
var wtTargeted = []struct {
	name     string
	qs       []rdf.Quad
	noRDFXML bool
}{
	{name: "local names needing escapes", qs: []rdf.Quad{
		rdf.Triple(rdf.IRI(wtEx+"a.b"), rdf.IRI(wtEx+"p"), rdf.IRI(wtEx+"a:b")),
		rdf.Triple(rdf.IRI(wtEx+"123"), rdf.IRI(wtEx+"p.q"), rdf.IRI(wtEx+"a%20b")),
		rdf.Triple(rdf.IRI(wtEx+"x%25"), rdf.IRI(wtEx+"p-"), rdf.IRI(wtEx+"-a.")),
		rdf.Triple(rdf.IRI(wtEx+"a/b?c#d"), rdf.IRI(wtEx+"é"), rdf.IRI(wtEx)),
		rdf.Triple(rdf.IRI(wtEx+"(x)"), rdf.IRI(wtEx+"p_"), rdf.IRI(wtEx+"~!$&'*+,;=@")),
	}},
	{name: "strings", noRDFXML: true, qs: []rdf.Quad{
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal(`"quoted" and 'single' \ back`)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("line 1\nline 2\r\n\"\"\"triple\"\"\"\n\"")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("ctl \x00\x01\x08\x0b\x0c\x1f\x7f")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("  spaces  \t")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("<tag attr=\"x\">&amp;</tag> ]]>")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("ünïcødé 🎉 \u2028 \uFFFD")),
	}},
	{name: "xml-safe strings", qs: []rdf.Quad{
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("line 1\nline 2\r\n\"\"\"triple\"\"\"\n\"\t")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("<tag attr=\"x\">&amp;</tag> ]]>")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Literal("\r")),
		rdf.Triple(rdf.IRI(wtEx+"s&t"), rdf.IRI(wtEx+"p"), rdf.IRI(wtEx+"o?a=1&b='2'")),
	}},
	{name: "language tags and datatypes", qs: []rdf.Quad{
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.LangLiteral("hallo", "nl")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.LangLiteral("hallo", "nl-be")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.LangLiteral("x\ny", "de-ch-1901")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("1", rdf.XSDInteger)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("01.50", rdf.XSDDecimal)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("1E3", rdf.XSDDouble)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("not a number", rdf.XSDInteger)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("true", rdf.XSDBoolean)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("", rdf.XSDInteger)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("x y", wtEx+"dt#custom")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("<b>bold</b>", rdf.RDFXMLLiteral)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral(`{"a":1}`, rdf.RDFJSON)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.TypedLiteral("2024-05-01", rdf.XSDDate)),
	}},
	{name: "types", qs: []rdf.Quad{
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(rdf.RDFType), rdf.IRI(wtEx+"T1")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(rdf.RDFType), rdf.IRI(wtEx+"T2")),
		rdf.Triple(rdf.IRI(wtEx+"t"), rdf.IRI(rdf.RDFType), rdf.IRI(wtEx+"123")),
		rdf.Triple(rdf.IRI(wtEx+"u"), rdf.IRI(rdf.RDFType), rdf.IRI(rdf.RDFNS+"Description")),
		rdf.Triple(rdf.IRI(wtEx+"v"), rdf.IRI(rdf.RDFType), rdf.Blank("class")),
		rdf.Triple(rdf.Blank("w"), rdf.IRI(rdf.RDFType), rdf.IRI(wtEx+"T1")),
		rdf.Triple(rdf.IRI(wtEx+"x"), rdf.IRI(rdf.RDFNS+"_1"), rdf.Literal("first")),
	}},
	{name: "blank nodes", qs: []rdf.Quad{
		rdf.Triple(rdf.Blank("a"), rdf.IRI(wtEx+"p"), rdf.Blank("a")),
		rdf.Triple(rdf.Blank("b"), rdf.IRI(wtEx+"p"), rdf.Blank("c")),
		rdf.Triple(rdf.Blank("c"), rdf.IRI(wtEx+"p"), rdf.Blank("b")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"p"), rdf.Blank("leaf")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"q"), rdf.Blank("nested")),
		rdf.Triple(rdf.Blank("nested"), rdf.IRI(wtEx+"q"), rdf.Blank("shared")),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"r"), rdf.Blank("shared")),
		rdf.Triple(rdf.Blank("shared"), rdf.IRI(wtEx+"p"), rdf.Literal("x")),
		rdf.Triple(rdf.Blank("label with spaces"), rdf.IRI(wtEx+"p"), rdf.Blank("x_61")),
		rdf.Triple(rdf.Blank("a"), rdf.IRI(wtEx+"p"), rdf.Blank("1st")),
		rdf.Triple(rdf.Blank("trailing."), rdf.IRI(wtEx+"p"), rdf.Blank("")),
		rdf.Triple(rdf.Blank("a"), rdf.IRI(wtEx+"p"), rdf.Blank("label with spaces")),
	}},
	{name: "lists", qs: []rdf.Quad{
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"list"), rdf.Blank("l1")),
		rdf.Triple(rdf.Blank("l1"), rdf.IRI(rdf.RDFFirst), rdf.Literal("one")),
		rdf.Triple(rdf.Blank("l1"), rdf.IRI(rdf.RDFRest), rdf.Blank("l2")),
		rdf.Triple(rdf.Blank("l2"), rdf.IRI(rdf.RDFFirst), rdf.IRI(wtEx+"two")),
		rdf.Triple(rdf.Blank("l2"), rdf.IRI(rdf.RDFRest), rdf.IRI(rdf.RDFNil)),
		rdf.Triple(rdf.IRI(wtEx+"s"), rdf.IRI(wtEx+"empty"), rdf.IRI(rdf.RDFNil)),
	}},
	{name: "named graphs", qs: []rdf.Quad{
		{S: rdf.IRI(wtEx + "s"), P: rdf.IRI(wtEx + "p"), O: rdf.Literal("default")},
		{S: rdf.IRI(wtEx + "s"), P: rdf.IRI(wtEx + "p"), O: rdf.Literal("in g1"), G: rdf.IRI(wtEx + "g1")},
		{S: rdf.IRI(wtEx + "s"), P: rdf.IRI(wtEx + "p"), O: rdf.Literal("default"), G: rdf.IRI(wtEx + "g1")},
		{S: rdf.Blank("b"), P: rdf.IRI(wtEx + "p"), O: rdf.Blank("c"), G: rdf.IRI(wtEx + "g2")},
		{S: rdf.Blank("b"), P: rdf.IRI(wtEx + "q"), O: rdf.Literal("shared blank across graphs")},
		{S: rdf.IRI(wtEx + "g1"), P: rdf.IRI(wtEx + "p"), O: rdf.Literal("graph as subject")},
		{S: rdf.IRI(wtEx + "s"), P: rdf.IRI(wtEx + "p"), O: rdf.Literal("blank graph"), G: rdf.Blank("g3")},
	}},
	{name: "empty", qs: nil},
}

// Ensure that every format writes the targeted graphs so that they read
// back as the same graph, with and without prefixes.
func TestWriteTargetedRoundTrip(t *testing.T) {
	for _, tc := range wtTargeted {
		for _, f := range wtFormats {
			for _, opts := range []WriteOptions{{}, {Prefixes: wtPrefixes}} {
				t.Run(tc.name+"/"+f.String(), func(t *testing.T) {
					ok, out, err := wtRoundTrip(t, f, tc.qs, opts)
					if f == RDFXML && tc.noRDFXML {
						if err == nil || out != nil {
							t.Errorf("RDF/XML writer accepted XML-illegal characters:\n%s", out)
						}
						return
					}
					if !ok {
						t.Errorf("round trip differs (err %v)\n%s", err, out)
					}
				})
			}
		}
	}
}
