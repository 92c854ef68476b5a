package results

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

func TestCloseTruncated(t *testing.T) {
	rows := [][]rdf.Term{{rdf.IRI("http://example.org/a")}, {rdf.Literal("b")}}
	for _, f := range Formats() {
		t.Run(f.String(), func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf, f)
			if err := w.Head([]string{"x"}); err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if err := w.Row(r); err != nil {
					t.Fatal(err)
				}
			}
			if err := CloseTruncated(w); err != nil {
				t.Fatal(err)
			}
			// The document stays readable, with every row written.
			tab, err := Read(bytes.NewReader(buf.Bytes()), f)
			if err != nil {
				t.Fatalf("read back: %v\n%s", err, buf.String())
			}
			if len(tab.Rows) != len(rows) {
				t.Fatalf("%d rows, want %d", len(tab.Rows), len(rows))
			}
			switch f {
			case JSON:
				var doc struct{ Truncated bool }
				if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || !doc.Truncated {
					t.Fatalf("no truncated member (%v):\n%s", err, buf.String())
				}
			case XML:
				if !strings.Contains(buf.String(), "<!-- truncated") {
					t.Fatalf("no comment:\n%s", buf.String())
				}
			}
			if err := w.Row(rows[0]); err == nil {
				t.Error("Row after CloseTruncated succeeded")
			}
		})
	}
}
