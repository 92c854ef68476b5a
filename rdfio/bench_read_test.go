package rdfio

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	knakk "github.com/knakk/rdf"

	"github.com/stadleuven/maturity/rdf"
)

// readGenNTriples writes n deterministic triples that look like real open data:
// grouped subjects, a few dozen predicates, IRIs, plain, language-tagged and
// typed literals, some blank nodes and escapes.
func readGenNTriples(n int) []byte {
	var b bytes.Buffer
	preds := []string{"name", "label", "description", "created", "modified", "population", "publisher", "theme", "keyword", "landingPage", "sameAs", "partOf"}
	for i := 0; i < n; i++ {
		s := i / 8
		p := preds[i%len(preds)]
		fmt.Fprintf(&b, "<https://data.stad.be/id/resource/%d> <http://purl.org/dc/terms/%s> ", s, p)
		switch i % 6 {
		case 0:
			fmt.Fprintf(&b, "<https://data.stad.be/id/resource/%d>", (s*7919)%100003)
		case 1:
			fmt.Fprintf(&b, "\"Gemeente nummer %d in de provincie, met \\\"citaat\\\" en één accent\"@nl", i)
		case 2:
			fmt.Fprintf(&b, "\"%d\"^^<http://www.w3.org/2001/XMLSchema#integer>", i*31)
		case 3:
			fmt.Fprintf(&b, "\"2024-%02d-%02dT10:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>", i%12+1, i%28+1)
		case 4:
			fmt.Fprintf(&b, "_:b%d", i%5000)
		default:
			fmt.Fprintf(&b, "\"keyword %d\"", i%977)
		}
		b.WriteString(" .\n")
	}
	return b.Bytes()
}

const readBenchTriples = 200_000

func BenchmarkParseNTriples(b *testing.B) {
	data := readGenNTriples(readBenchTriples)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := processCPUTime()
	for b.Loop() {
		n := 0
		err := Parse(bytes.NewReader(data), NTriples, ParseOptions{}, func(rdf.Quad) error {
			n++
			return nil
		})
		if err != nil || n != readBenchTriples {
			b.Fatalf("parsed %d triples: %v", n, err)
		}
	}
	reportRate(b, readBenchTriples, cpu0)
}

// BenchmarkKnakkNTriples is the baseline that justified our own parser: the
// same input through knakk/rdf's decoder (a lexer goroutine per decoder).
func BenchmarkKnakkNTriples(b *testing.B) {
	data := readGenNTriples(readBenchTriples)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := processCPUTime()
	for b.Loop() {
		dec := knakk.NewQuadDecoder(bytes.NewReader(data), knakk.NQuads)
		n := 0
		for {
			_, err := dec.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != readBenchTriples {
			b.Fatalf("parsed %d triples", n)
		}
	}
	reportRate(b, readBenchTriples, cpu0)
}

func BenchmarkParseTurtle(b *testing.B) {
	var buf bytes.Buffer
	// N-Triples is valid Turtle; the prefixed form below exercises the
	// Turtle-specific paths (prefixed names, ';' lists).
	buf.WriteString("@prefix r: <https://data.stad.be/id/resource/> .\n@prefix dct: <http://purl.org/dc/terms/> .\n")
	for s := 0; s < readBenchTriples/4; s++ {
		fmt.Fprintf(&buf, "r:%d dct:name \"Naam %d\"@nl ;\n  dct:created \"2024-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> ;\n  dct:population %d ;\n  dct:partOf r:%d, [ dct:keyword \"k\" ] .\n", s, s, s*3, s/10)
	}
	data := buf.Bytes()
	want := readBenchTriples / 4 * 6
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := processCPUTime()
	for b.Loop() {
		n := 0
		err := Parse(bytes.NewReader(data), Turtle, ParseOptions{}, func(rdf.Quad) error {
			n++
			return nil
		})
		if err != nil || n != want {
			b.Fatalf("parsed %d triples: %v", n, err)
		}
	}
	reportRate(b, want, cpu0)
}

// reportRate reports triples per wall-clock second and per CPU second.
func reportRate(b *testing.B, perOp int, cpu0 time.Duration) {
	total := float64(perOp) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "triples/s")
	if cpu := processCPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(total/cpu.Seconds(), "triples/cpu-s")
	}
}

func BenchmarkParseRDFXML(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">` + "\n")
	const nodes = readBenchTriples / 4
	for s := 0; s < nodes; s++ {
		fmt.Fprintf(&buf, `<rdf:Description rdf:about="https://data.stad.be/id/resource/%d"><dct:title xml:lang="nl">Naam %d</dct:title><dct:created rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2024-01-01</dct:created><dct:partOf rdf:resource="https://data.stad.be/id/resource/%d"/><dct:subject dct:title="k"/></rdf:Description>`+"\n", s, s, s/10)
	}
	buf.WriteString("</rdf:RDF>\n")
	data := buf.Bytes()
	want := nodes * 5
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := processCPUTime()
	for b.Loop() {
		n := 0
		err := Parse(bytes.NewReader(data), RDFXML, ParseOptions{}, func(rdf.Quad) error {
			n++
			return nil
		})
		if err != nil || n != want {
			b.Fatalf("parsed %d triples: %v", n, err)
		}
	}
	reportRate(b, want, cpu0)
}
