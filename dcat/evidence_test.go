package dcat

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// TestEvidenceDataset: an evidence graph (graph/bewijs/{nis}/{date}) is a
// dataset of the catalog, valid against DCAT-AP-VL and DCAT-AP 3.0.1, whose
// CSV lists the measurements; other graphs under graph/bewijs are not.
func TestEvidenceDataset(t *testing.T) {
	d := exampleData(t)
	g := vocab.EvidenceGraph(testBase, "24062", "2025-06-01")
	m := rdf.IRI(vocab.Evidence(testBase, "24062", "2025-06-01") + "/abc")
	q := func(s rdf.Term, p string, o rdf.Term) rdf.Quad {
		return rdf.Quad{S: s, P: rdf.IRI(p), O: o, G: rdf.IRI(g)}
	}
	d.put(g, []rdf.Quad{
		q(m, rdfType, rdf.IRI(nsDQV+"QualityMeasurement")),
		q(m, nsDQV+"isMeasurementOf", rdf.IRI(vocab.EvidenceMetric("sterren"))),
		q(m, nsDQV+"computedOn", rdf.IRI("https://data.stad.be/id/dataset/bomen")),
		q(m, nsDQV+"value", rdf.TypedLiteral("3", rdf.XSDInteger)),
	}, t0)
	d.put(testBase+"graph/bewijs/24062/gisteren", []rdf.Quad{q(m, rdfType, rdf.IRI(nsDQV+"QualityMeasurement"))}, t0)
	c := build(t, d, Config{})
	ds, ok := c.Dataset("bewijs/24062/2025-06-01")
	if !ok {
		t.Fatalf("no evidence dataset among %d", len(c.Datasets))
	}
	if ds.Kind != KindEvidence || ds.IRI != testBase+"id/dataset/bewijs/24062/2025-06-01" || !strings.Contains(ds.Title["nl"], "Leuven, 2025-06-01") {
		t.Errorf("dataset %+v", ds)
	}
	if _, ok := c.Dataset("bewijs/24062/gisteren"); ok {
		t.Error("a graph whose date is not a date became a dataset")
	}
	if ms := Validate(c.Quads(), "nl"); len(ms) != 0 {
		t.Errorf("DCAT-AP-VL: %d messages, first %s", len(ms), ms[0])
	}
	if ms := ValidateDCATAP3(c.Quads(), "nl"); len(ms) != 0 {
		t.Errorf("DCAT-AP 3.0.1: %d messages, first %s", len(ms), ms[0])
	}
	var buf bytes.Buffer
	if err := c.Render(context.Background(), d.view(), ds, formats[4], &buf); err != nil {
		t.Fatal(err)
	}
	want := "gemeten,metriek,waarde,meting\r\nhttps://data.stad.be/id/dataset/bomen,sterren,3," + m.Value + "\r\n"
	if got := strings.TrimPrefix(buf.String(), utf8BOM); got != want {
		t.Errorf("CSV:\n%q\nwant\n%q", got, want)
	}
}
