package conformance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

// The W3C negative tests fail within their first few lines, before the
// import has handed any quads to the store. These documents fail only after
// tens of thousands of triples, several of the import's hand-over chunks,
// and the store must still end up untouched.
func TestFailedImportAfterManyQuads(t *testing.T) {
	const good = 40000
	var doc strings.Builder
	for i := range good {
		fmt.Fprintf(&doc, "<http://ex/s%d> <http://ex/p> \"%d\" .\n", i, i)
	}
	tests := []struct {
		name   string
		format rdfio.Format
		bad    string // the last line, which breaks the grammar
		col    int    // the column the error must name; 0: any
	}{
		{"turtle, unterminated IRI", rdfio.Turtle, "<http://ex/s> <http://ex/p> <http://ex/o .\n", 0},
		{"n-triples, missing dot", rdfio.NTriples, "<http://ex/s> <http://ex/p> <http://ex/o>\n", 0},
		{"n-triples, bare word", rdfio.NTriples, "<http://ex/s> <http://ex/p> oops .\n", 29},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t)
			if err := st.Add(ctx, []rdf.Quad{sentinel}); err != nil {
				t.Fatal(err)
			}
			_, err := importReader(ctx, st, strings.NewReader(doc.String()+tc.bad), tc.format, rdfio.ParseOptions{File: "big"})
			var se *rdfio.SyntaxError
			switch {
			case err == nil:
				t.Fatal("invalid document imported")
			case !errors.As(err, &se):
				t.Fatalf("error is not an *rdfio.SyntaxError: %v", err)
			}
			// The error is on the last line or, for a missing dot, where
			// the parser finds the statement unterminated: the end.
			if se.Line < good+1 || se.Col <= 0 || tc.col > 0 && se.Col != tc.col {
				t.Errorf("error at %d:%d, want line %d (column %d): %v", se.Line, se.Col, good+1, tc.col, err)
			}
			assertOnly(t, st, sentinel)
			if err := st.Check(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}
