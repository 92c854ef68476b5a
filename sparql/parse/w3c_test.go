package parse

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// The W3C SPARQL syntax suites: every positive syntax test must parse, every
// negative one must be rejected, and every evaluation test's query must
// parse. The minimum counts below are what this parser achieves; a drop
// fails the test.

const (
	mfNS = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
	qtNS = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
)

// w3cTest is one manifest entry that has a query for the parser.
type w3cTest struct {
	name  string // manifest-relative entry IRI
	kind  string // local name of the rdf:type
	query string // file path of the query
}

// readManifest returns the syntax and evaluation tests of the manifest at
// path and of the manifests it includes.
func readManifest(t *testing.T, path string) []w3cTest {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props := map[rdf.Term]map[string][]rdf.Term{}
	err = rdfio.Parse(f, rdfio.Turtle, rdfio.ParseOptions{Base: "file://" + path, File: path}, func(q rdf.Quad) error {
		if props[q.S] == nil {
			props[q.S] = map[string][]rdf.Term{}
		}
		props[q.S][q.P.Value] = append(props[q.S][q.P.Value], q.O)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	file := func(iri rdf.Term) string { return strings.TrimPrefix(iri.Value, "file://") }
	var tests []w3cTest
	for s, p := range props {
		for _, include := range p[mfNS+"include"] {
			for _, m := range listItems(props, include) {
				tests = append(tests, readManifest(t, file(m))...)
			}
		}
		for _, typ := range p[rdf.RDFType] {
			kind := strings.TrimPrefix(typ.Value, mfNS)
			switch kind {
			case "PositiveSyntaxTest", "PositiveSyntaxTest11", "NegativeSyntaxTest", "NegativeSyntaxTest11":
				for _, a := range p[mfNS+"action"] {
					tests = append(tests, w3cTest{name: s.Value, kind: kind, query: file(a)})
				}
			case "PositiveUpdateSyntaxTest11", "NegativeUpdateSyntaxTest11":
				// SPARQL Update is not part of this engine: counted as skipped.
				tests = append(tests, w3cTest{name: s.Value, kind: kind})
			case "QueryEvaluationTest":
				for _, a := range p[mfNS+"action"] {
					for _, q := range props[a][qtNS+"query"] {
						tests = append(tests, w3cTest{name: s.Value, kind: kind, query: file(q)})
					}
				}
			}
		}
	}
	sort.Slice(tests, func(i, j int) bool { return tests[i].query < tests[j].query })
	return tests
}

// listItems returns the members of the RDF list at head.
func listItems(props map[rdf.Term]map[string][]rdf.Term, head rdf.Term) []rdf.Term {
	var out []rdf.Term
	for head.Value != rdf.RDFNil && len(props[head][rdf.RDFFirst]) > 0 {
		out = append(out, props[head][rdf.RDFFirst][0])
		head = props[head][rdf.RDFRest][0]
	}
	return out
}

func TestW3CSyntax(t *testing.T) {
	suites := []struct {
		manifest []string
		// minimum passes: positive, negative, evaluation queries
		pos, neg, eval int
	}{
		{[]string{"sparql11", "manifest-sparql11-query.ttl"}, 63, 40, 225},
		{[]string{"sparql10", "manifest-syntax.ttl"}, 149, 50, 0},
		{[]string{"sparql10", "manifest-evaluation.ttl"}, 0, 0, 284},
	}
	for _, s := range suites {
		path := testtool.Testdata(t, s.manifest...)
		t.Run(strings.Join(s.manifest, "/"), func(t *testing.T) {
			tests := readManifest(t, path)
			var pos, neg, eval, nPos, nNeg, nEval, skipped int
			for _, tc := range tests {
				if strings.Contains(tc.kind, "Update") {
					skipped++
					continue
				}
				src, err := os.ReadFile(tc.query)
				if err != nil {
					t.Errorf("%s: %v", tc.name, err)
					continue
				}
				q, perr := Parse(string(src), "file://"+tc.query)
				if perr == nil {
					if err := checkInvariants(q); err != nil {
						t.Errorf("%s: %v", tc.query, err)
					}
				}
				rel := strings.TrimPrefix(tc.query, filepath.Dir(filepath.Dir(path))+"/")
				switch {
				case strings.HasPrefix(tc.kind, "Positive"):
					nPos++
					if perr == nil {
						pos++
					} else {
						t.Logf("FAIL positive %s: %v", rel, perr)
					}
				case strings.HasPrefix(tc.kind, "Negative"):
					nNeg++
					if perr != nil {
						neg++
						if testing.Verbose() {
							t.Logf("rejected %s: %v", rel, perr)
						}
					} else {
						t.Logf("FAIL negative %s: accepted", rel)
					}
				default:
					nEval++
					if perr == nil {
						eval++
					} else {
						t.Logf("FAIL evaluation query %s: %v", rel, perr)
					}
				}
			}
			t.Logf("positive syntax %d/%d, negative syntax %d/%d, evaluation queries %d/%d", pos, nPos, neg, nNeg, eval, nEval)
			if skipped > 0 {
				t.Logf("skipped %d SPARQL Update syntax tests: SPARQL Update is out of scope", skipped)
			}
			if pos < s.pos || neg < s.neg || eval < s.eval {
				t.Errorf("passes dropped below %d/%d/%d", s.pos, s.neg, s.eval)
			}
		})
	}
}
