package jsonld

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
	"github.com/stadleuven/maturity/rdfio/internal/ttl"
)

// wtCompactContexts are flat contexts that the direct compactor handles.
var wtCompactContexts = map[string]string{
	"project": rdftest.Context,
	"prefixes": `{"@context": {"ex": "http://example.org/", "a": "http://a.example/",
		"t": "http://www.w3.org/2013/TurtleTests/", "xsd": "http://www.w3.org/2001/XMLSchema#"}}`,
	"competing terms": `{"@context": {"a": "http://a.example/", "xsd": "http://www.w3.org/2001/XMLSchema#",
		"p": "a:p", "ps": {"@id": "a:p", "@container": "@set"},
		"pid": {"@id": "a:p", "@type": "@id"}, "pen": {"@id": "a:p", "@language": "en"},
		"pint": {"@id": "http://a.example/p", "@type": "xsd:integer"},
		"s": "http://a.example/s", "o": "http://a.example/o",
		"t": "http://www.w3.org/2013/TurtleTests/", "tp": {"@id": "t:p", "@container": ["@set"]},
		"ttype": "http://www.w3.org/2013/TurtleTests/Type", "@version": 1.1}}`,
	"typed terms": `{"@context": {"a": "http://a.example/", "xsd": "http://www.w3.org/2001/XMLSchema#",
		"pid": {"@id": "a:p", "@type": "@id"}, "pen": {"@id": "a:p", "@language": "en"},
		"pint": {"@id": "http://a.example/p", "@type": "xsd:integer"},
		"pstr": {"@id": "http://a.example/p", "@type": "xsd:string"},
		"t": "http://www.w3.org/2013/TurtleTests/", "s": "t:s", "p": "t:p", "o": "t:o",
		"label": {"@id": "http://example.org/label", "@language": "nl"},
		"score": {"@id": "http://example.org/score", "@type": "http://www.w3.org/2001/XMLSchema#decimal"},
		"related": {"@id": "http://example.org/related", "@type": "@id", "@container": "@set"}}}`,
}

// wtJSONLDBoth writes qs with the direct compactor and with json-gold.
func wtJSONLDBoth(t *testing.T, ctx string, qs []rdf.Quad) (direct, gold []byte, general bool) {
	t.Helper()
	opts := codec.WriteOptions{Context: []byte(ctx)}
	jw, err := newJSONLDWriter(nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if jw.flat == nil {
		t.Fatalf("context not recognised as flat:\n%s", ctx)
	}
	sorted := jsonldSort(slices.Clone(qs))
	direct, err = jsonldCompact(nil, jw.flat, jw.ctxJSON, sorted)
	if err == errJSONLDGeneral {
		return nil, nil, true
	}
	if _, bad := jw.flat.slashHazard(sorted); bad {
		return nil, nil, true // json-gold's output would be wrong: nothing to agree with
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jw.compact(sorted)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return direct, buf.Bytes(), false
}

// wtCompactMin is how many conformance graphs the direct compactor wrote
// byte for byte as json-gold does, per context.
var wtCompactMin = map[string]int{"project": 355, "prefixes": 355, "competing terms": 355, "typed terms": 355}

// Ensure that the direct compactor writes exactly json-gold's document,
// byte for byte, for every graph it accepts, and that it accepts the
// graphs the server serves.
func TestJSONLDCompactAgreesWithJSONGold(t *testing.T) {
	corpus := rdftest.Corpus(t, ttl.ParseTurtle, ttl.ParseNTriples)
	for _, tc := range rdftest.Targeted {
		corpus["targeted/"+tc.Name] = tc.Quads
	}
	corpus["resource"] = rdftest.Resource()
	corpus["resource50"] = rdftest.Resource50()
	names := make([]string, 0, len(corpus))
	for n := range corpus {
		names = append(names, n)
	}
	slices.Sort(names)
	for cname, ctx := range wtCompactContexts {
		same, general := 0, 0
		for _, name := range names {
			direct, gold, gen := wtJSONLDBoth(t, ctx, corpus[name])
			switch {
			case gen:
				general++
				if strings.HasPrefix(name, "resource") {
					t.Errorf("%s: %s: the direct compactor refused a plain resource", cname, name)
				}
			case bytes.Equal(direct, gold):
				same++
			default:
				t.Errorf("%s: %s: direct compaction differs from json-gold\ndirect:\n%s\njson-gold:\n%s", cname, name, direct, gold)
			}
		}
		t.Logf("context %q: %d/%d graphs compacted directly, identical to json-gold; %d left to json-gold", cname, same, len(names), general)
		if same < wtCompactMin[cname] {
			t.Errorf("context %q: %d identical, fewer than the %d achieved before", cname, same, wtCompactMin[cname])
		}
	}
}

// Ensure that contexts outside the flat form go to json-gold.
func TestJSONLDFlatContextRefuses(t *testing.T) {
	for _, ctx := range []string{
		`{"@vocab": "http://ex/"}`,
		`{"@base": "http://ex/"}`,
		`{"@language": "nl"}`,
		`{"id": "@id"}`,
		`{"ex": "http://ex/", "x": {"@id": "ex:x", "@container": "@list"}}`,
		`{"x": {"@id": "http://ex/x", "@context": {}}}`,
		`{"x": {"@type": "@id"}}`,
		`{"x": "relative"}`,
		`{"ex:x": "http://ex/x"}`,
		`{"x": "http://ex/x", "y": "http://ex/x"}`,
		`{"x": {"@id": "http://ex/x", "@type": "http://t"}, "yy": {"@id": "http://ex/x", "@type": "http://t"}}`,
		`{"x": null}`,
		`["http://remote/ctx"]`,
		`"http://remote/ctx"`,
	} {
		var v any
		if err := json.Unmarshal([]byte(ctx), &v); err != nil {
			t.Fatal(err)
		}
		if _, err := newJSONLDFlatContext(v); err != errJSONLDGeneral {
			t.Errorf("%s: err = %v, want errJSONLDGeneral", ctx, err)
		}
	}
}

// Ensure that JSON strings are escaped exactly as encoding/json escapes
// them with HTML escaping off.
func TestJSONAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "\x00\x01\b\f\n\r\t\x1f\x7f", "<&>", "é🎉", "\u2028\u2029", "bad\xffutf8\xc3", "\ufffd"} {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(buf.String(), "\n")
		if got := string(jsonAppendString(nil, s)); got != want {
			t.Errorf("jsonAppendString(%q) = %s, want %s", s, got, want)
		}
	}
}

// wtFuzzContext has terms for the predicates wtFuzzGraph makes most often.
const wtFuzzContext = `{"@context": {"ex": "http://example.org/", "xsd": "http://www.w3.org/2001/XMLSchema#",
	"p": "ex:p", "pid": {"@id": "ex:p", "@type": "@id"}, "pnl": {"@id": "ex:p", "@language": "nl"},
	"pint": {"@id": "ex:p", "@type": "xsd:integer"}, "pa": {"@id": "ex:pa", "@container": "@set"},
	"pen": {"@id": "ex:pa", "@language": "en-gb", "@container": "@set"}, "T": "ex:a", "dt": "ex:dt"}}`

// FuzzJSONLDCompact checks that the direct compactor writes exactly what
// json-gold writes, for any graph it accepts.
func FuzzJSONLDCompact(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 1, 2, 3, 4, 6, 0, 1, 2}, "a|b c|\"q\"\n|1.5|x.y")
	f.Add([]byte{0, 0, 0, 2, 0, 1, 0, 3, 0, 2, 0, 0, 1, 3, 0, 1}, "|a|nl")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		if !utf8.ValidString(text) {
			return
		}
		qs := rdftest.FuzzGraph(data, text)
		for _, ctx := range []string{wtFuzzContext, rdftest.Context} {
			direct, gold, general := wtJSONLDBoth(t, ctx, qs)
			if !general && !bytes.Equal(direct, gold) {
				t.Fatalf("direct compaction differs from json-gold\ndirect:\n%s\njson-gold:\n%s", direct, gold)
			}
		}
	})
}
