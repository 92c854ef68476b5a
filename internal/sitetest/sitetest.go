// Package sitetest holds what the tests of the HTTP packages (ldserver,
// sparqlhttp, webapp) share: the data a fresh instance holds and an HTTP
// client that shows redirects instead of following them.
package sitetest

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Quads is what a fresh instance at base holds: the model, the
// organisations and the examples (the study's findings, fictional demo
// assessments and a demo survey).
func Quads(tb testing.TB, base string) []rdf.Quad {
	tb.Helper()
	var quads []rdf.Quad
	emit := func(q rdf.Quad) error { quads = append(quads, q); return nil }
	if err := vocab.Load(base, emit); err != nil {
		tb.Fatalf("vocab.Load: %v", err)
	}
	if err := examples.Load(context.Background(), base, emit); err != nil {
		tb.Fatalf("examples.Load: %v", err)
	}
	return quads
}

// Listen opens a listener on a free loopback port and returns it with the
// base IRI it answers at, so every IRI a test server mints dereferences
// on it.
func Listen(tb testing.TB) (net.Listener, string) {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	return ln, "http://" + ln.Addr().String() + "/"
}

// Client does not follow redirects, so tests see the 303s, and does not
// ask for gzip, so tests see the bodies.
func Client() *http.Client {
	return &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64},
	}
}

// Get fetches url with Client, headers given as "Name: value" pairs, and
// returns the response with its whole body.
func Get(tb testing.TB, method, url string, headers ...string) (*http.Response, []byte) {
	tb.Helper()
	return Do(tb, method, url, "", nil, headers...)
}

// Post sends body as contentType to url with Client.
func Post(tb testing.TB, url, contentType string, body io.Reader, headers ...string) (*http.Response, []byte) {
	tb.Helper()
	return Do(tb, http.MethodPost, url, contentType, body, headers...)
}

// Do sends a request with Client: a body (nil for none) of contentType
// ("" for none) and headers as "Name: value" pairs. It returns the
// response with its whole body.
func Do(tb testing.TB, method, url, contentType string, body io.Reader, headers ...string) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	resp, err := Client().Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, b
}
