package catalogread

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
)

func TestSniffRDF(t *testing.T) {
	for _, tc := range []struct {
		body, name string
		want       rdfio.Format
	}{
		{`{"@context": {}}`, "", rdfio.JSONLD},
		{"\ufeff  [ {\"@id\": \"x\"} ]", "", rdfio.JSONLD},
		{`<?xml version="1.0"?><rdf:RDF/>`, "", rdfio.RDFXML},
		{"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "", rdfio.RDFXML},
		{"<RDF>", "", rdfio.RDFXML},
		{"<http://x/s> <http://x/p> <http://x/o> .", "", rdfio.Turtle},
		{"<urn:x:y> <http://x/p> 1 .", "", rdfio.Turtle},
		{"_:b <http://x/p> <http://x/o> .", "", rdfio.Turtle},
		{"@prefix dcat: <http://www.w3.org/ns/dcat#> .", "", rdfio.Turtle},
		{"PREFIX dcat: <http://www.w3.org/ns/dcat#>", "", rdfio.Turtle},
		{"# a comment\n<a> <b> <c> .", "", rdfio.Turtle},
		{"<!DOCTYPE html><html>", "http://x/catalog.ttl", rdfio.FormatUnknown},
		{"<html><body>", "", rdfio.FormatUnknown},
		{"dcat:Catalog a x .", "http://x/catalog.ttl?page=2", rdfio.Turtle},
		{"ds1,ds2", "http://x/catalog.csv", rdfio.FormatUnknown},
		{"", "", rdfio.FormatUnknown},
	} {
		if got := SniffRDF([]byte(tc.body), tc.name); got != tc.want {
			t.Errorf("SniffRDF(%.30q, %q) = %v, want %v", tc.body, tc.name, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	const ttl = `<http://x/s> <http://x/p> "o" .`
	for _, tc := range []struct {
		name, body, ctype string
		triples           int
		err               string
	}{
		{"Turtle", ttl, "text/turtle; charset=utf-8", 1, ""},
		{"generic type sniffed", ttl, "text/plain; charset=utf-8", 1, ""},
		{"octet-stream sniffed", `{"@id": "http://x/s", "http://x/p": "o"}`, "application/octet-stream", 1, ""},
		{"no type", ttl, "", 1, ""},
		{"HTML", "<html></html>", "text/html", 0, `Content-Type "text/html" is geen RDF-formaat`},
		{"syntax error names the document", "<http://x/s> <http://x/p> .", "text/turtle", 0, "http://x/cat:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs, err := Decode([]byte(tc.body), tc.ctype, "http://x/cat", "http://x/cat", "p1_", nil)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || len(qs) != tc.triples {
				t.Fatalf("%d quads, err %v", len(qs), err)
			}
		})
	}
}

// pages is a Hydra-paged catalog in memory: page n links to page n+1.
func pages(n int, loopTo string) map[string]string {
	m := map[string]string{}
	for i := 1; i <= n; i++ {
		next := ""
		if i < n {
			next = fmt.Sprintf(`<http://x/cat?page=%d> <http://www.w3.org/ns/hydra/core#next> <http://x/cat?page=%d> .`, i, i+1)
		} else if loopTo != "" {
			next = fmt.Sprintf(`<http://x/cat?page=%d> <http://purl.org/hydra/core#nextPage> <%s> .`, i, loopTo)
		}
		m[fmt.Sprintf("http://x/cat?page=%d", i)] = fmt.Sprintf(`<http://x/cat> a <%sCatalog> ; <%sdataset> <http://x/ds%d> .
_:b <http://x/p> "page %d" .
%s`, NSDCAT, NSDCAT, i, i, next)
	}
	return m
}

func TestWalk(t *testing.T) {
	fetchFrom := func(docs map[string]string) PageFunc {
		return func(ctx context.Context, url string, n int) ([]rdf.Quad, error) {
			b, ok := docs[url]
			if !ok {
				return nil, fmt.Errorf("%s: 404", url)
			}
			return Parse([]byte(b), rdfio.Turtle, url, url, BlankPrefix(n))
		}
	}
	broken := pages(2, "http://x/gone")
	for _, tc := range []struct {
		name     string
		docs     map[string]string
		opts     WalkOptions
		pages    int
		datasets int
		err      string
	}{
		{"one page", pages(1, ""), WalkOptions{}, 1, 1, ""},
		{"three pages", pages(3, ""), WalkOptions{}, 3, 3, ""},
		{"a loop back to page 1 ends the walk", pages(3, "http://x/cat?page=1"), WalkOptions{}, 3, 3, ""},
		{"too many pages", pages(3, ""), WalkOptions{MaxPages: 2}, 0, 0, "meer dan 2 pagina's"},
		{"a missing page fails the walk", broken, WalkOptions{}, 0, 0, "http://x/gone: 404"},
		{"Follow refuses a link", pages(3, ""), WalkOptions{Follow: func(u string) error {
			if strings.HasSuffix(u, "page=3") {
				return errors.New("refused: " + u)
			}
			return nil
		}}, 0, 0, "refused: http://x/cat?page=3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			quads, urls, err := Walk(context.Background(), "http://x/cat?page=1", fetchFrom(tc.docs), tc.opts)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c := Index(quads)
			if len(urls) != tc.pages || len(c.Datasets) != tc.datasets {
				t.Fatalf("%d pages, %d datasets; want %d, %d", len(urls), len(c.Datasets), tc.pages, tc.datasets)
			}
			// Blank nodes stay apart per page.
			if n := len(c.Instances("")); n != 0 {
				t.Fatalf("untyped instances: %d", n)
			}
			blanks := map[rdf.Term]bool{}
			for _, q := range quads {
				if q.S.IsBlank() {
					blanks[q.S] = true
				}
			}
			if len(blanks) != tc.pages {
				t.Fatalf("%d blank nodes over %d pages", len(blanks), tc.pages)
			}
		})
	}
}

func TestIndexAndDescribe(t *testing.T) {
	const doc = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<http://x/cat> a dcat:Catalog ; dcat:dataset <http://x/a> , <http://x/b> .
<http://x/small> a dcat:Catalog ; dcat:dataset <http://x/a> .
<http://x/a> a dcat:Dataset ; dct:title "A"@nl , "A (en)"@en ; dct:publisher <http://x/org> ;
  dcat:distribution <http://x/a#ttl> , <http://x/a#csv> .
<http://x/b> dct:title "B" ; dcat:distribution [ dcat:accessService <http://x/svc2> ] .
<http://x/c> a dcat:Dataset .
<http://x/a#ttl> dcat:downloadURL <http://x/a.ttl> .
<http://x/org> dct:identifier "24062" ; dct:spatial <http://x/place> .
<http://x/place> dct:title "deep" .
<http://x/svc> a dcat:DataService ; dcat:servesDataset <http://x/a> .`
	qs, err := Parse([]byte(doc), rdfio.Turtle, "http://x/", "doc", "")
	if err != nil {
		t.Fatal(err)
	}
	qs = append(qs, qs[0]) // a duplicate counts once
	c := Index(qs)
	if c.IRI != "http://x/cat" || c.Triples != len(qs)-1 {
		t.Fatalf("IRI %s, %d triples", c.IRI, c.Triples)
	}
	var got []string
	for _, d := range c.Datasets {
		got = append(got, fmt.Sprintf("%s:%d:%d", d.ID(), len(d.Distributions), len(d.Services)))
	}
	if want := "http://x/a:2:1 http://x/b:1:1 http://x/c:0:0"; strings.Join(got, " ") != want {
		t.Fatalf("datasets %v, want %s", got, want)
	}
	a := c.Datasets[0].Node
	if c.Text(a, NSDCT+"title", "en") != "A (en)" || c.Text(a, NSDCT+"title", "fr") != "A" {
		t.Fatal("Text picks the wrong language")
	}
	for _, tc := range []struct {
		depth int
		stop  map[rdf.Term]bool
		want  int
	}{
		{1, nil, 6},
		{2, nil, 9},
		{3, nil, 10},
		{3, map[rdf.Term]bool{rdf.IRI("http://x/org"): true}, 7},
	} {
		if n := len(c.Describe(a, tc.depth, tc.stop)); n != tc.want {
			t.Errorf("Describe depth %d stop %v: %d triples, want %d", tc.depth, tc.stop, n, tc.want)
		}
	}
}
