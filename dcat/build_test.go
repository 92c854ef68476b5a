package dcat

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/stadleuven/maturity/rdfio"
)

func TestDumpExample(t *testing.T) {
	d := exampleData(t)
	c, err := Build(context.Background(), d.view(), Config{Base: testBase, ContactEmail: "opendata@leuven.be"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rdfio.WriteAll(&buf, rdfio.Turtle, c.Quads(), rdfio.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/dcat-example.ttl", buf.Bytes(), 0o644)
	for _, ds := range c.Datasets {
		t.Logf("%s %v %v %v", ds.Name, ds.Graphs, ds.sizes, ds.Modified)
	}
}
