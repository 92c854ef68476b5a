package mappings

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/mappings/rml"
	"github.com/stadleuven/maturity/rdf"
)

// fuzzCase is a mapping with the CSV its sources read.
type fuzzCase struct{ mapping, csv string }

// fuzzSeeds are the RML conformance cases (testdata/rml: each mapping with
// the first CSV file of its folder) and the shipped mappings with the
// example sheets they are written for.
func fuzzSeeds(tb testing.TB) []fuzzCase {
	root := testtool.ConformanceDir(tb)
	maps, _ := filepath.Glob(filepath.Join(root, "rml", "*", "*", "mapping.ttl"))
	var out []fuzzCase
	for _, m := range maps {
		doc, err := os.ReadFile(m)
		if err != nil {
			tb.Fatal(err)
		}
		csvs, _ := filepath.Glob(filepath.Join(filepath.Dir(m), "*.csv"))
		data := []byte("id,name,age\n1,a,2\n")
		if len(csvs) > 0 {
			if data, err = os.ReadFile(csvs[0]); err != nil {
				tb.Fatal(err)
			}
		}
		out = append(out, fuzzCase{string(doc), string(data)})
	}
	if len(out) == 0 {
		tb.Fatalf("no RML conformance cases under %s", root)
	}
	for name, sheet := range map[string]string{rml.Survey: "bevraging-99991-2025.csv", rml.SelfAssessment: "zelfevaluatie-99991-2025.csv"} {
		doc, err := rml.Files().Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(doc)
		doc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(testtool.RepoRoot(tb), "examples", "data", sheet))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, fuzzCase{string(b), string(data)})
	}
	return out
}

// runFuzz parses doc and runs it over data (every source reads data),
// checking what the importers rely on: each quad has an IRI or blank node
// subject, an absolute IRI predicate and graph name, absolute IRIs
// elsewhere, and a language tag only on rdf:langString literals.
func runFuzz(t *testing.T, doc, data string) {
	tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("mapping hangs:\n%s\n--- on ---\n%s", doc, data)) })
	defer tm.Stop()
	m, err := Parse(strings.NewReader(doc), Options{Base: "http://example.org/", File: "fuzz.ttl"})
	if err != nil {
		return
	}
	n := 0
	_ = m.Run(context.Background(), func(string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(data)), nil
	}, func(q rdf.Quad) error {
		if n++; n > 1e6 {
			return fmt.Errorf("enough")
		}
		checkTerm := func(pos string, x rdf.Term, kinds ...rdf.Kind) {
			ok := false
			for _, k := range kinds {
				ok = ok || x.Kind == k
			}
			if !ok {
				t.Fatalf("%s of %v is a %v", pos, q, x.Kind)
			}
			switch x.Kind {
			case rdf.KindIRI:
				if !rdf.IsAbsoluteIRI(x.Value) {
					t.Fatalf("%s of %v is no absolute IRI", pos, q)
				}
			case rdf.KindLiteral:
				if (x.Lang != "") != (x.Datatype == rdf.RDFLangString) || x.Datatype == "" {
					t.Fatalf("%s of %v: language %q, datatype %q", pos, q, x.Lang, x.Datatype)
				}
			}
		}
		checkTerm("subject", q.S, rdf.KindIRI, rdf.KindBlank)
		checkTerm("predicate", q.P, rdf.KindIRI)
		checkTerm("object", q.O, rdf.KindIRI, rdf.KindBlank, rdf.KindLiteral)
		if q.G != (rdf.Term{}) {
			checkTerm("graph", q.G, rdf.KindIRI, rdf.KindBlank)
		}
		return nil
	})
}

// FuzzRMLParse fuzzes the mapping document (RML in Turtle) over a fixed
// source of each seed.
func FuzzRMLParse(f *testing.F) {
	for _, c := range fuzzSeeds(f) {
		f.Add(c.mapping)
	}
	f.Add(personsMapping)
	f.Add(`@prefix rr: <http://www.w3.org/ns/r2rml#> . <#a> rr:subjectMap [ rr:template "{x" ] .`)
	f.Fuzz(func(t *testing.T, doc string) {
		runFuzz(t, doc, "id,name,age,ID,Name,Sport,FirstName,LastName\n1,a,2,3,b,c,d,e\n")
	})
}

// FuzzRMLRun fuzzes the mapping and its CSV source together.
func FuzzRMLRun(f *testing.F) {
	for _, c := range fuzzSeeds(f) {
		f.Add(c.mapping, c.csv)
	}
	f.Fuzz(runFuzz)
}
