package dcat

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

func build(t *testing.T, d *graphSet, cfg Config) *Catalog {
	t.Helper()
	if cfg.Base == "" {
		cfg.Base = testBase
	}
	c, err := Build(context.Background(), d.view(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDatasetsOfExamples(t *testing.T) {
	c := build(t, exampleData(t), Config{})
	var names []string
	for _, d := range c.Datasets {
		names = append(names, d.Name)
	}
	want := "maturiteitsmodel studie-open-data-awareness evaluatie/99991/2024 evaluatie/99991/2025 evaluatie/99992/2024 evaluatie/99992/2025 bevraging/99991/2025"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("datasets\n got %s\nwant %s", got, want)
	}
	d, _ := c.Dataset("evaluatie/99991/2025")
	if d.Version != 2 || d.Cube != vocab.AssessmentVersion(testBase, "99991", 2025, 2) {
		t.Errorf("99991/2025: version %d, cube %s; want the revised version 2", d.Version, d.Cube)
	}
	if d.IRI != testBase+"id/dataset/evaluatie/99991/2025" {
		t.Errorf("IRI %s", d.IRI)
	}
	if s, _ := c.Dataset("studie-open-data-awareness"); s == nil || s.Title["nl"] != "Bevindingen van de studie Open data awareness bij lokale overheden" {
		t.Errorf("the study dataset must adopt the name and title the study graph gives it: %+v", s)
	} else if s.Cube != vocab.StudyDataset() || s.IRI != testBase+"id/dataset/studie-open-data-awareness" {
		t.Errorf("study: cube %s (want the shared IRI), catalog entry %s (want the instance's)", s.Cube, s.IRI)
	}
}

// TestDatesAreTrue: issued is when the first version was written, modified
// the latest change of the dataset's own graphs.
func TestDatesAreTrue(t *testing.T) {
	d := exampleData(t)
	v1, v2, idx := vocab.AssessmentGraph(testBase, "99991", 2025, 1), vocab.AssessmentGraph(testBase, "99991", 2025, 2), vocab.AssessmentIndexGraph(testBase, "99991", 2025)
	t1, t2 := t0.Add(-48*time.Hour), t0.Add(24*time.Hour)
	d.mod[rdf.IRI(v1)], d.mod[rdf.IRI(v2)], d.mod[rdf.IRI(idx)] = t1, t2, t2
	c := build(t, d, Config{})
	ds, _ := c.Dataset("evaluatie/99991/2025")
	if !ds.Issued.Equal(t1) || !ds.Modified.Equal(t2) {
		t.Errorf("issued %v modified %v, want %v and %v", ds.Issued, ds.Modified, t1, t2)
	}
	if !c.Modified.Equal(t2) || !c.Issued.Equal(t1) {
		t.Errorf("catalog issued %v modified %v, want %v and %v", c.Issued, c.Modified, t1, t2)
	}
	got := map[string]string{}
	for _, q := range c.DatasetQuads(ds) {
		if q.S.Value == ds.IRI && (q.P.Value == nsDCT+"issued" || q.P.Value == nsDCT+"modified") {
			got[q.P.Value] = q.O.Value
		}
	}
	if got[nsDCT+"issued"] != "2025-05-30T12:00:00Z" || got[nsDCT+"modified"] != "2025-06-02T12:00:00Z" {
		t.Errorf("written dates %v", got)
	}
}

// TestByteSizeIsRenderedLength: dcat:byteSize is the length of the bytes
// Render writes, for every dataset and format.
func TestByteSizeIsRenderedLength(t *testing.T) {
	d := exampleData(t)
	v := d.view()
	c, err := Build(context.Background(), v, Config{Base: testBase}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ds := range c.Datasets {
		for _, f := range Formats() {
			var buf bytes.Buffer
			if err := c.Render(context.Background(), v, ds, f, &buf); err != nil {
				t.Fatal(err)
			}
			if int64(buf.Len()) != ds.Size(f) || buf.Len() == 0 {
				t.Errorf("%s %s: rendered %d bytes, byteSize %d", ds.Name, f.Label, buf.Len(), ds.Size(f))
			}
		}
	}
}

func TestCSV(t *testing.T) {
	d := exampleData(t)
	v := d.view()
	c, err := Build(context.Background(), v, Config{Base: testBase}, nil)
	if err != nil {
		t.Fatal(err)
	}
	csvFormat, _ := FormatForExt(".csv")
	tests := []struct {
		dataset, header, contains string
		rows                      int
	}{
		{"evaluatie/99992/2024", "organisatie,periode,domein,kloof,maturiteit,nood,bewijs,methode,toelichting", "Demostad Zuid (fictief),2024,", 11},
		{"bevraging/99991/2025", "organisatie,periode,domein,vraag,groep,akkoord,instemming,respondenten,methode", "Demostad Noord (fictief),2025,", 0},
		{"studie-open-data-awareness", "groep,indicator,percentage,brontekst,methode,noot", "Personeelsbevraging", 0},
		{"maturiteitsmodel", "domein_nr,domein,actie_nr,actie,beschrijving,actie_iri", "1,Sponsoring,1,", 0},
	}
	for _, tc := range tests {
		t.Run(tc.dataset, func(t *testing.T) {
			ds, ok := c.Dataset(tc.dataset)
			if !ok {
				t.Fatal("no such dataset")
			}
			var buf bytes.Buffer
			if err := c.Render(context.Background(), v, ds, csvFormat, &buf); err != nil {
				t.Fatal(err)
			}
			body, ok := bytes.CutPrefix(buf.Bytes(), []byte(utf8BOM))
			if !ok {
				t.Error("no UTF-8 byte order mark: spreadsheets would misread é")
			}
			rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows[0], ","); got != tc.header {
				t.Errorf("header %s, want %s", got, tc.header)
			}
			if len(rows) < 2 || (tc.rows > 0 && len(rows)-1 != tc.rows) {
				t.Errorf("%d rows, want %d", len(rows)-1, tc.rows)
			}
			if !strings.Contains(string(body), tc.contains) {
				t.Errorf("no %q in\n%.400s", tc.contains, body)
			}
			for _, r := range rows[1:] {
				for _, cell := range r {
					if strings.HasPrefix(cell, "http://") && !strings.HasSuffix(rows[0][len(rows[0])-1], "iri") && !strings.Contains(cell, " | ") && strings.Contains(cell, "/id/") {
						t.Errorf("a resource is written as IRI %s instead of its label", cell)
					}
				}
			}
		})
	}
}

// TestETagChangesWithOneAssessment: a new version of one assessment
// changes that dataset's ETag and dct:modified only.
func TestETagChangesWithOneAssessment(t *testing.T) {
	d := exampleData(t)
	before := build(t, d, Config{})
	idx := vocab.AssessmentIndexGraph(testBase, "99992", 2024)
	d.mod[rdf.IRI(idx)] = t0.Add(time.Hour)
	after := build(t, d, Config{})
	for i, b := range before.Datasets {
		a := after.Datasets[i]
		changed := b.Name == "evaluatie/99992/2024"
		if (a.ETag() != b.ETag()) != changed || a.Modified.Equal(b.Modified) == changed {
			t.Errorf("%s: ETag %s → %s, modified %v → %v; changed should be %v", b.Name, b.ETag(), a.ETag(), b.Modified, a.Modified, changed)
		}
	}
}

func TestConfig(t *testing.T) {
	for _, l := range vocab.Licences() {
		if err := CheckLicence(l.IRI); err != nil {
			t.Errorf("%s: %v", l.IRI, err)
		}
	}
	if err := CheckLicence("https://creativecommons.org/licenses/by/4.0/"); err == nil {
		t.Error("CC-BY is no Flemish model licence")
	}
	for in, want := range map[string]Profile{"": ProfileDCATAP3, "dcat-ap-3": ProfileDCATAP3, "dcat-ap-2": ProfileDCATAP2} {
		if got, err := ParseProfile(in); err != nil || got != want {
			t.Errorf("ParseProfile(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseProfile("dcat-ap-9"); err == nil {
		t.Error("unknown profile accepted")
	}
	if _, err := Build(context.Background(), exampleData(t).view(), Config{Base: testBase, ContactEmail: "geen adres"}, nil); err == nil {
		t.Error("a contact address that is no e-mail address was accepted")
	}
}

// TestPages: the pages partition the datasets in catalog order.
func TestPages(t *testing.T) {
	c := build(t, exampleData(t), Config{PageSize: 3})
	if c.PageCount() != 3 {
		t.Fatalf("%d pages of 3 for %d datasets", c.PageCount(), len(c.Datasets))
	}
	var all []*Dataset
	for p := 1; p <= c.PageCount(); p++ {
		ds, _ := c.PageDatasets(p)
		all = append(all, ds...)
		qs, ok := c.PageQuads(p, testBase+"catalog", func(k int) string { return testBase + "catalog?page=" + string(rune('0'+k)) })
		if !ok {
			t.Fatal("page missing")
		}
		next := 0
		for _, q := range qs {
			if q.P.Value == nsHydra+"next" {
				next++
			}
		}
		if (next == 1) != (p < c.PageCount()) {
			t.Errorf("page %d: %d next links", p, next)
		}
	}
	for i := range all {
		if all[i] != c.Datasets[i] {
			t.Fatalf("page order differs at %d", i)
		}
	}
	if _, ok := c.PageDatasets(4); ok {
		t.Error("page 4 exists")
	}
}

// failingTimes is a view whose modification time of one graph cannot be
// read.
type failingTimes struct {
	memView
	graph string
}

func (v failingTimes) GraphModified(g rdf.Term) (time.Time, bool, error) {
	if g.Value == v.graph {
		return time.Time{}, false, errors.New("damaged graph index")
	}
	return v.memView.GraphModified(g)
}

// Issue 11, finding 10: an error reading a graph's modification time was
// dropped while the catalog computed a dataset's ETag, which then hashed a
// zero time. The organisations' graph is read for the ETags only (an
// assessment's entry names its city); the catalog now fails with the
// error instead.
func TestGraphModifiedErrorFailsTheCatalog(t *testing.T) {
	d := exampleData(t)
	_, err := Build(context.Background(), failingTimes{d.view(), vocab.OrganisationsGraph(testBase)}, Config{Base: testBase}, nil)
	if err == nil || !strings.Contains(err.Error(), "damaged graph index") {
		t.Fatalf("Build over an unreadable graph time: %v", err)
	}
}
