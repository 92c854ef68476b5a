package rdfxml

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdfio/internal/codec"

	"github.com/stadleuven/maturity/rdfio/internal/rdftest"
)

// TestEntityExpansionBudget checks that entity bombs are refused with a
// positioned syntax error naming the limit, taking about the budget in
// memory, while documents that use entities as intended read. The
// 547-byte bomb used to import as a 100 MB literal (611 MB RSS).
func TestEntityExpansionBudget(t *testing.T) {
	quadratic := `<!DOCTYPE rdf:RDF [<!ENTITY big "` + strings.Repeat("x", 100_000) + `">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">
 <rdf:Description rdf:about="http://ex.org/s"><ex:p>` + strings.Repeat("&big;", 2000) + `</ex:p></rdf:Description></rdf:RDF>`
	var many strings.Builder
	many.WriteString(`<!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/a/rather/long/namespace/iri#">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="&ex;">`)
	for i := range 20000 {
		fmt.Fprintf(&many, `<rdf:Description rdf:about="&ex;s%d"><ex:p rdf:resource="&ex;o%d"/></rdf:Description>`, i, i)
	}
	many.WriteString(`</rdf:RDF>`)
	bomb := rdftest.BillionLaughs(9)
	if len(bomb) > 1024 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	for _, tc := range []struct {
		name  string
		doc   string
		max   int64
		quads int // -1: refused
	}{
		{"billion laughs", bomb, 0, -1},
		{"one large entity referenced 2000 times", quadratic, 0, -1},
		{"20000 references to a namespace", many.String(), 0, 20000},
		{"small bomb under a raised limit", rdftest.BillionLaughs(5), 16 << 20, 1},
		{"small bomb without a limit", rdftest.BillionLaughs(5), -1, 1},
		{"small bomb under a lowered limit", rdftest.BillionLaughs(3), 1000, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			qs, err := rdftest.ParseString(Parse, tc.doc, codec.ParseOptions{MaxEntityBytes: tc.max})
			runtime.ReadMemStats(&after)
			if tc.quads >= 0 {
				if err != nil || len(qs) != tc.quads {
					t.Fatalf("%d quads, err %v; want %d", len(qs), err, tc.quads)
				}
				return
			}
			var se *codec.SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || !strings.Contains(err.Error(), "max-entity-bytes") {
				t.Fatalf("%d quads, err = %v; want a syntax error naming max-entity-bytes", len(qs), err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("refusing it allocated %d MB", alloc>>20)
			}
		})
	}
}
