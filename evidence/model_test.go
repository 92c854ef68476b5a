package evidence

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

var update = flag.Bool("update", false, "rewrite vocab/ttl/model/evidence.ttl from ModelTurtle")

const modelFile = "../vocab/ttl/model/evidence.ttl"

// TestModelDescribesMetrics: the model file is what ModelTurtle writes,
// parses, and describes every metric with the dimension and datatype the
// scorer uses.
func TestModelDescribesMetrics(t *testing.T) {
	want := ModelTurtle()
	if *update {
		if err := os.WriteFile(modelFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(modelFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s differs from ModelTurtle(); run go test ./evidence -run TestModelDescribesMetrics -update", filepath.Base(modelFile))
	}
	g := newGraph(modelQuads(t))
	for _, m := range AllMetrics() {
		s := rdf.IRI(m.IRI())
		if !g.isA(s, nsDQV+"Metric") {
			t.Errorf("%s is not a dqv:Metric in the model", m.Name)
		}
		if d := g.iris(s, nsDQV+"inDimension"); len(d) != 1 || d[0] != vocab.EvidenceDimension(m.Dimension) {
			t.Errorf("%s: dimension %v, want %s", m.Name, d, m.Dimension)
		}
		if dt := g.iris(s, nsDQV+"expectedDataType"); len(dt) != 1 || dt[0] != m.Datatype {
			t.Errorf("%s: datatype %v, want %s", m.Name, dt, m.Datatype)
		}
		labels := g.objs(s, nsSKOS+"prefLabel")
		if literalText(labels, "nl") == "" || literalText(labels, "en") == literalText(labels, "nl") && m.Label[0] != m.Label[1] {
			t.Errorf("%s: no Dutch and English label", m.Name)
		}
		if m.Points > 0 {
			if pv := g.iris(s, nsSKOS+"exactMatch"); len(pv) != 1 || pv[0] != PV+m.Name {
				t.Errorf("%s: exactMatch %v, want pv:%s", m.Name, pv, m.Name)
			}
		}
	}
	// The model loads with the rest of the model, into graph/model.
	var n int
	err = vocab.Load("http://localhost:8080/", func(q rdf.Quad) error {
		if strings.HasPrefix(q.S.Value, "https://w3id.org/open-data-maturiteit/model/metriek/") {
			n++
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("vocab.Load: %d metric triples, err %v", n, err)
	}
}

func modelQuads(t testing.TB) []rdf.Quad {
	t.Helper()
	var qs []rdf.Quad
	err := rdfio.Parse(strings.NewReader(ModelTurtle()), rdfio.Turtle, rdfio.ParseOptions{Base: "http://localhost:8080/", File: "evidence.ttl"},
		func(q rdf.Quad) error { qs = append(qs, q); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestDQVIntegrity checks the published evidence of a generated catalog
// (URLs checked) and of the real catalog (metadata only) with CheckDQV,
// then breaks it on purpose: each break must be found.
func TestDQVIntegrity(t *testing.T) {
	_, checked := scoreGenerated(t, 60, 7)
	c, err := Load(context.Background(), "testdata/brussel/catalogus.nt.gz", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Score(context.Background(), c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	model := modelQuads(t)
	pub := Publication{Base: "http://localhost:8080/", Org: "21004", Year: 2025}
	for name, r := range map[string]*Result{"generated, checked": checked, "Brussels, metadata only": plain} {
		qs := r.Quads(pub)
		if v := CheckDQV(qs, model); len(v) > 0 {
			t.Fatalf("%s: %d violations, first %s", name, len(v), v[0])
		}
		for _, q := range qs {
			if q.G.Value != r.Graph(pub) {
				t.Fatalf("%s: quad outside the evidence graph: %s", name, q)
			}
		}
		// Every quad round-trips through N-Quads.
		var buf bytes.Buffer
		if err := rdfio.WriteAll(&buf, rdfio.NQuads, qs, rdfio.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d quads, %d measurements, no violations", name, len(qs), strings.Count(buf.String(), "dqv#QualityMeasurement>"))
	}
	qs := checked.Quads(pub)
	metric := rdf.IRI(metricStars.IRI())
	drop := func(pred func(q rdf.Quad) bool) func([]rdf.Quad, []rdf.Quad) ([]rdf.Quad, []rdf.Quad) {
		return func(ev, mo []rdf.Quad) ([]rdf.Quad, []rdf.Quad) {
			var e2, m2 []rdf.Quad
			for _, q := range ev {
				if !pred(q) {
					e2 = append(e2, q)
				}
			}
			for _, q := range mo {
				if !pred(q) {
					m2 = append(m2, q)
				}
			}
			return e2, m2
		}
	}
	// replace gives the first value of datatype dt the term o instead.
	replace := func(dt string, o rdf.Term) func(ev, mo []rdf.Quad) ([]rdf.Quad, []rdf.Quad) {
		return func(ev, mo []rdf.Quad) ([]rdf.Quad, []rdf.Quad) {
			out := append([]rdf.Quad(nil), ev...)
			for i, q := range out {
				if q.P.Value == nsDQV+"value" && q.O.Datatype == dt {
					out[i].O = o
					break
				}
			}
			return out, mo
		}
	}
	retype := replace(xsdBoolean, rdf.TypedLiteral("1", xsdInteger))
	badLexical := replace(xsdInteger, rdf.TypedLiteral("vijf", xsdInteger))
	for _, tc := range []struct {
		name   string
		break_ func(ev, mo []rdf.Quad) ([]rdf.Quad, []rdf.Quad)
		want   string
	}{
		{"metric without dimension", drop(func(q rdf.Quad) bool { return q.S == metric && q.P.Value == nsDQV+"inDimension" }), "has no dqv:inDimension"},
		{"metric not a dqv:Metric", drop(func(q rdf.Quad) bool { return q.S == metric && q.P.Value == rdf.RDFType }), "is not a dqv:Metric"},
		{"dimension not a dqv:Dimension", drop(func(q rdf.Quad) bool { return q.P.Value == rdf.RDFType && q.O.Value == nsDQV+"Dimension" }), "is not a dqv:Dimension"},
		{"no expected datatype", drop(func(q rdf.Quad) bool { return q.S == metric && q.P.Value == nsDQV+"expectedDataType" }), "dqv:expectedDataType, want 1"},
		{"value of the wrong datatype", retype, "is not of"},
		{"invalid lexical form", badLexical, "is not a valid"},
		{"no computedOn", drop(func(q rdf.Quad) bool { return q.P.Value == nsDQV+"computedOn" && q.O.Value == checked.Catalog }), "dqv:computedOn, want 1"},
		{"no value", drop(func(q rdf.Quad) bool { return q.P.Value == nsDQV+"value" && q.O.Datatype == xsdDecimal }), "dqv:value, want 1"},
		{"no isMeasurementOf", drop(func(q rdf.Quad) bool { return q.P.Value == nsDQV+"isMeasurementOf" && q.O == metric }), "dqv:isMeasurementOf, want 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, mo := tc.break_(qs, model)
			v := CheckDQV(ev, mo)
			found := false
			for _, s := range v {
				found = found || strings.Contains(s, tc.want)
			}
			if !found {
				t.Fatalf("no %q among %d violations %v", tc.want, len(v), v[:min(len(v), 3)])
			}
		})
	}
}

// TestReadSummary: the catalog indicators survive publication: what
// ReadSummary reads from the DQV graph is what Score computed, and
// Compare gives the same findings from either.
func TestReadSummary(t *testing.T) {
	_, r := scoreGenerated(t, 120, 11)
	pub := Publication{Base: "http://localhost:8080/", Org: "24062", Year: 2025}
	s, err := ReadSummary(r.Quads(pub))
	if err != nil {
		t.Fatal(err)
	}
	in := r.Indicators
	got := s.Indicators
	if s.Org != "http://localhost:8080/id/organisatie/24062" || s.Year != 2025 || s.Date != r.Date() || s.Catalog != r.Catalog || !s.Checked {
		t.Errorf("summary %+v", s)
	}
	pairs := [][2]float64{
		{got.AtLeast[1], in.AtLeast[1]}, {got.AtLeast[3], in.AtLeast[3]}, {got.AtLeast[5], in.AtLeast[5]},
		{got.MeanMQA, in.MeanMQA}, {got.MeanV2, in.MeanV2}, {got.Bands[BandGood], in.Bands[BandGood]},
		{got.DownloadOK, in.DownloadOK}, {got.AccessOK, in.AccessOK}, {got.DCATAP3, in.DCATAP3}, {got.ContactPoint, in.ContactPoint},
		{got.OpenLicence, in.OpenLicence}, {got.Keyword, in.Keyword}, {float64(got.Datasets), float64(in.Datasets)},
	}
	for i, p := range pairs {
		if p[0] != p[1] {
			t.Errorf("indicator %d: read %v, computed %v", i, p[0], p[1])
		}
	}
	if len(got.Formats) == 0 || got.Formats[0].Share != in.Formats[0].Share {
		t.Errorf("formats: read %v, computed %v", got.Formats, in.Formats)
	}
	self := map[string]float64{DomainInfrastructure: 5, DomainGovernance: 1, DomainSupport: 5}
	a, b := Compare(in, self), Compare(got, self)
	if len(a) != len(b) {
		t.Fatalf("findings from the result %v, from the store %v", a, b)
	}
	for i := range a {
		if a[i].Text != b[i].Text {
			t.Errorf("finding %d: %q vs %q", i, a[i].Text[0], b[i].Text[0])
		}
	}
	if _, err := ReadSummary(nil); err == nil {
		t.Error("an empty graph reads without error")
	}
}
