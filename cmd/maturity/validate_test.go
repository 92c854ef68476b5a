package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// brokenCatalog lacks the dataset's description and identifier and names
// no contact point for the catalog.
const brokenCatalog = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://example.org/cat> a dcat:Catalog ; dct:title "Catalogus"@nl ; dct:description "Test"@nl ;
  dct:identifier "cat" ; dct:publisher <http://example.org/org> ; dcat:dataset <http://example.org/ds> .
<http://example.org/org> foaf:name "Stad Voorbeeld"@nl .
<http://example.org/ds> a dcat:Dataset ; dct:title "Parkeerplaatsen"@nl .
`

func TestValidateCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "catalogus.ttl")
	if err := os.WriteFile(file, []byte(brokenCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/turtle")
		w.Write([]byte(brokenCatalog))
	}))
	defer srv.Close()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"validate", file}, []string{
			`FOUT: De dataset "Parkeerplaatsen" (<http://example.org/ds>) heeft geen beschrijving (dct:description).`,
			"FOUT: De catalogus", "heeft geen contactpunt", "fouten"}},
		{[]string{"validate", "--lang", "en", srv.URL + "/catalog"}, []string{
			`ERROR: The dataset "Parkeerplaatsen" (<http://example.org/ds>) has no description (dct:description).`, "errors"}},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1 (errors found)\n%s%s", tc.args, code, out, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out+errOut, w) {
				t.Errorf("%v: no %q in\n%s%s", tc.args, w, out, errOut)
			}
		}
	}
}

// TestValidateOwnCatalog: the catalog of a fresh store (model and
// examples) passes.
func TestValidateOwnCatalogCommand(t *testing.T) {
	data := t.TempDir()
	st, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := ensureLoaded(context.Background(), st, data, defaultBase, firstLoad{examples: true}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := runCLI(t, "validate", "--data", data, "--contact", "opendata@example.org")
	if code != 0 || !strings.Contains(out, "0 fouten, 0 waarschuwingen") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 fouten"}, {1, "1 fout"}, {2, "2 fouten"}} {
		if got := count(c.n, "fout", "fouten"); got != c.want {
			t.Errorf("count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
