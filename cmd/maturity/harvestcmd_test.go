package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// The harvest and mirror commands refuse what they cannot do, naming why,
// and a harvest of a source that is down fails with its name while the
// data stays.
func TestHarvestAndMirrorCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "hub")
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("leuven http://127.0.0.1:1/catalog\nLeuven http://x/catalog\n"), 0o644)
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	runCases(t, []cliCase{
		{"no sources", []string{"harvest", "--data", data}, 1, "", "no sources"},
		{"bad source list", []string{"harvest", "--data", data, "--sources", bad}, 1, "", "bad.txt:2: ID \"Leuven\""},
		{"not an http URL", []string{"harvest", "--data", data, "file:///etc/passwd"}, 1, "", "not an absolute http(s) URL"},
		{"loopback refused without --allow-private", []string{"harvest", "--data", data, notFound.URL + "/catalog"}, 1, "MISLUKT", "1 van 1 bronnen mislukt"},
		{"a source that is down", []string{"harvest", "--data", data, "--allow-private", down.URL + "/catalog"}, 1, "connection refused", "1 van 1 bronnen mislukt"},
		{"a catalog that is not found", []string{"harvest", "--data", data, "--allow-private", notFound.URL + "/catalog"}, 1, "antwoordt HTTP 404", ""},
		{"mirror without a store", []string{"mirror", "--data", data}, 1, "", "--store and --url are required"},
		{"mirror to an unknown store", []string{"mirror", "--data", data, "--store", "stardog", "--url", "http://x"}, 1, "", `unknown store "stardog"`},
		{"mirror to a store that is down", []string{"mirror", "--data", data, "--store", "oxigraph", "--url", down.URL}, 1, "", "connection refused"},
		{"mirror into a dump", []string{"mirror", "--data", data, "--store", "qlever", "--url", filepath.Join(dir, "dump")}, 0, "0 differ", ""},
		{"mirror into a dump again", []string{"mirror", "--data", data, "--store", "qlever", "--url", filepath.Join(dir, "dump")}, 0, "0 written", ""},
		{"serve --mirror-store without --harvest", []string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--mirror-store", "qlever", "--mirror-url", dir}, 1, "", "--mirror-store and --mirror-public need --harvest"},
		{"serve --mirror-public without --harvest", []string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--mirror-public", "https://sparql.example/sparql"}, 1, "", "need --harvest"},
		{"serve --mirror-public not a URL", []string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--mirror-public", "sparql.example"}, 1, "", `--mirror-public: "sparql.example" is geen http(s)-URL`},
	})
}
