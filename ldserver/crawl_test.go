package ldserver

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/rdfio"
)

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"]+)"`)

// TestCrawl starts at the landing page, follows every link in every HTML
// page and dereferences every IRI of ours found in any served document
// (through its Turtle): none may fail.
func TestCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("requests every page and document one at a time; the full run crawls")
	}
	e := newTestEnv(t, nil, nil)
	type item struct{ url, from string }
	queue := []item{{e.base, "start"}}
	seen := map[string]bool{e.base: true}
	enqueue := func(u, from string) {
		u = strings.ReplaceAll(u, "&amp;", "&")
		if i := strings.IndexByte(u, '#'); i >= 0 {
			u = u[:i]
		}
		if !strings.HasPrefix(u, e.base) || seen[u] {
			return
		}
		seen[u] = true
		queue = append(queue, item{u, from})
	}
	pages, rdfDocs := 0, 0
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if len(seen) > 5000 {
			t.Fatalf("crawl did not converge: %d URLs", len(seen))
		}
		resp, body := e.get(t, "GET", it.url, "Accept: text/html")
		if resp.StatusCode == http.StatusSeeOther {
			enqueue(resp.Header.Get("Location"), it.url)
			continue
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s (linked from %s): %d", it.url, it.from, resp.StatusCode)
			continue
		}
		ct := resp.Header.Get("Content-Type")
		if !strings.HasPrefix(ct, "text/html") {
			continue // dumps, the context, CSS
		}
		pages++
		if strings.Contains(it.url, "lang=") && it.url != e.base+"?lang=en" {
			// The same document in the other language: checked to answer,
			// its links are those of the Dutch page with ?lang= added.
			continue
		}
		for _, m := range hrefRE.FindAllSubmatch(body, -1) {
			enqueue(string(m[1]), it.url)
		}
		// The same document as RDF: every IRI of ours in it must dereference.
		tr, tbody := e.get(t, "GET", it.url, "Accept: text/turtle")
		if tr.StatusCode != http.StatusOK {
			t.Errorf("%s as Turtle: %d", it.url, tr.StatusCode)
			continue
		}
		rdfDocs++
		for _, q := range parseOurs(t, rdfio.Turtle, tbody, it.url) {
			for _, term := range [...]string{q.S.Value, q.P.Value, q.O.Value} {
				if strings.HasPrefix(term, e.base) {
					enqueue(term, it.url+" (RDF)")
				}
			}
		}
	}
	t.Logf("crawled %d URLs: %d HTML pages, %d RDF documents", len(seen), pages, rdfDocs)
	if pages < 500 {
		t.Errorf("only %d pages reached from the landing page", pages)
	}
}
