package sparqlhttp

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/internal/httpx"
)

// maxQueryBytes bounds a query sent in a POST body: far more than any
// hand-written query, small enough that a client cannot make the server
// buffer a large upload.
const maxQueryBytes = 1 << 20

// protoRequest is one SPARQL protocol query operation, as the client sent it.
type protoRequest struct {
	query         string   // empty: no query (service description or query page)
	hasQuery      bool     // a query parameter or body was present, even if empty
	defaultGraphs []string // default-graph-uri
	namedGraphs   []string // named-graph-uri
	format        string   // ?format=, overriding Accept
}

// protoError is a request the protocol does not allow: status and message
// key for the client.
type protoError struct {
	status int
	key    string
	detail string
}

func (e *protoError) Error() string { return e.detail }

func badRequest(key string, detail string) *protoError {
	return &protoError{status: http.StatusBadRequest, key: key, detail: detail}
}

// parseProtoRequest reads a query operation from a GET or POST request
// (SPARQL 1.1 Protocol §2.1): query via GET, via URL-encoded POST, or
// directly in a POST body of type application/sparql-query. Graph
// parameters may also be in the URL of a POST, which is how the protocol
// tests send them with a direct body.
func parseProtoRequest(r *http.Request) (*protoRequest, *protoError) {
	urlParams, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("sparqlBadParams", err.Error())
	}
	params := urlParams
	var body string
	direct := false
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodPost:
		mt, mp, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			return nil, &protoError{status: http.StatusUnsupportedMediaType, key: "sparqlMediaType", detail: "missing or malformed Content-Type"}
		}
		if cs, ok := mp["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			return nil, &protoError{status: http.StatusUnsupportedMediaType, key: "sparqlCharset", detail: "charset " + cs}
		}
		b, perr := readBody(r)
		if perr != nil {
			return nil, perr
		}
		switch mt {
		case "application/x-www-form-urlencoded":
			form, err := url.ParseQuery(b)
			if err != nil {
				return nil, badRequest("sparqlBadParams", err.Error())
			}
			params = merge(urlParams, form)
		case "application/sparql-query":
			direct, body = true, b
		case "application/sparql-update":
			return nil, &protoError{status: http.StatusMethodNotAllowed, key: "sparqlReadOnly", detail: "SPARQL Update"}
		default:
			return nil, &protoError{status: http.StatusUnsupportedMediaType, key: "sparqlMediaType", detail: mt}
		}
	default:
		return nil, &protoError{status: http.StatusMethodNotAllowed, key: "sparqlMethod", detail: r.Method}
	}
	if _, ok := params["update"]; ok {
		return nil, &protoError{status: http.StatusMethodNotAllowed, key: "sparqlReadOnly", detail: "update parameter"}
	}
	pr := &protoRequest{
		defaultGraphs: params["default-graph-uri"],
		namedGraphs:   params["named-graph-uri"],
		format:        params.Get("format"),
	}
	for _, g := range append(pr.defaultGraphs[:len(pr.defaultGraphs):len(pr.defaultGraphs)], pr.namedGraphs...) {
		if u, err := url.Parse(g); err != nil || !u.IsAbs() {
			return nil, badRequest("sparqlBadGraph", g)
		}
	}
	qs := params["query"]
	switch {
	case direct:
		if len(qs) > 0 {
			return nil, badRequest("sparqlTwoQueries", "query parameter and query body")
		}
		pr.query, pr.hasQuery = body, true
	case len(qs) > 1:
		return nil, badRequest("sparqlTwoQueries", fmt.Sprintf("%d query parameters", len(qs)))
	case len(qs) == 1:
		pr.query, pr.hasQuery = qs[0], true
	}
	if pr.hasQuery && !utf8.ValidString(pr.query) {
		return nil, &protoError{status: http.StatusBadRequest, key: "sparqlCharset", detail: "query is not UTF-8"}
	}
	return pr, nil
}

// readBody reads a POST body of at most maxQueryBytes.
func readBody(r *http.Request) (string, *protoError) {
	b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxQueryBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return "", &protoError{status: http.StatusRequestEntityTooLarge, key: "sparqlTooLarge", detail: fmt.Sprintf("more than %d bytes", maxQueryBytes)}
	case httpx.BodyTimedOut(err):
		return "", &protoError{status: http.StatusRequestTimeout, key: "sparqlBadParams", detail: err.Error()}
	case err != nil:
		return "", badRequest("sparqlBadParams", err.Error())
	}
	return string(b), nil
}

// merge returns the parameters of a and b together, a's first.
func merge(a, b url.Values) url.Values {
	out := url.Values{}
	for k, v := range a {
		out[k] = append(out[k], v...)
	}
	for k, v := range b {
		out[k] = append(out[k], v...)
	}
	return out
}
