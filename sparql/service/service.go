package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"

	"github.com/knakk/sparql"

	"github.com/stadleuven/maturity/rdf"
)

// ErrNotAllowed is returned for an endpoint that is not on the allow-list.
var ErrNotAllowed = errors.New("SERVICE endpoint is not on the allow-list")

// Client is an eval.ServiceHandler that only calls allow-listed endpoints.
// The zero value refuses everything. It is safe for concurrent use.
type Client struct {
	allowed map[string]bool // endpoint IRIs, normalised
	hosts   map[string]bool // host:port of allowed endpoints, for redirects
}

// New returns a Client that may call exactly the endpoints in allow (full
// IRIs, compared after normalising scheme and host case and default ports).
func New(allow []string) (*Client, error) {
	c := &Client{allowed: map[string]bool{}, hosts: map[string]bool{}}
	for _, a := range allow {
		u, err := url.Parse(strings.TrimSpace(a))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("service: allow-list entry %q is not an http(s) IRI", a)
		}
		c.allowed[normalise(u)] = true
		c.hosts[hostPort(u)] = true
	}
	return c, nil
}

// Allowed reports whether endpoint may be called.
func (c *Client) Allowed(endpoint string) bool {
	if c == nil || len(c.allowed) == 0 {
		return false
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	return c.allowed[normalise(u)]
}

// Endpoints returns the allow-list, normalised, for the service description.
func (c *Client) Endpoints() []string {
	if c == nil {
		return nil
	}
	out := make([]string, 0, len(c.allowed))
	for e := range c.allowed {
		out = append(out, e)
	}
	return out
}

// Select sends query to endpoint with the SPARQL 1.1 protocol and returns its
// variables and rows; a zero Term is unbound.
func (c *Client) Select(ctx context.Context, endpoint, query string) ([]string, [][]rdf.Term, error) {
	if !c.Allowed(endpoint) {
		return nil, nil, fmt.Errorf("%w: <%s>", ErrNotAllowed, endpoint)
	}
	repo, err := sparql.NewRepo(endpoint)
	if err != nil {
		return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, err)
	}
	gctx, cancel := c.guard(ctx)
	defer cancel(nil)
	res, err := repo.Query(request{ctx: gctx, query: query})
	if err != nil {
		if cause := context.Cause(gctx); cause != nil {
			return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, cause)
		}
		return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, err)
	}
	return convert(res)
}

// guard returns a context that is cancelled as soon as the HTTP client is
// about to connect to a host that no allowed endpoint lives on, which is
// what following a redirect elsewhere would do. The knakk client uses
// http.DefaultClient, whose redirect policy cannot be set per request; the
// connection hook can.
func (c *Client) guard(ctx context.Context) (context.Context, context.CancelCauseFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	trace := &httptrace.ClientTrace{
		GetConn: func(hp string) {
			if !c.hosts[strings.ToLower(hp)] {
				cancel(fmt.Errorf("%w: redirect to %s", ErrNotAllowed, hp))
			}
		},
	}
	return httptrace.WithClientTrace(ctx, trace), cancel
}

// request is a knakk/sparql Provider that binds the HTTP request to a
// context; the library's own requests have none.
type request struct {
	ctx   context.Context
	query string
}

// GenRequest builds the protocol request: a form-encoded POST, so long
// sub-queries do not hit URL length limits.
func (r request) GenRequest(endpoint string) (*http.Request, error) {
	body := url.Values{"query": {r.query}}.Encode()
	req, err := http.NewRequestWithContext(r.ctx, http.MethodPost, endpoint, bytes.NewBufferString(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/sparql-results+json")
	return req, nil
}

// convert maps knakk's result to ours, from the raw JSON bindings: knakk's
// own conversion (Solutions) silently drops terms it cannot parse, which
// would turn a bad remote answer into a wrong one.
func convert(res *sparql.Results) ([]string, [][]rdf.Term, error) {
	vars := res.Head.Vars
	index := make(map[string]int, len(vars))
	for i, v := range vars {
		index[v] = i
	}
	rows := make([][]rdf.Term, 0, len(res.Results.Bindings))
	for _, sol := range res.Results.Bindings {
		row := make([]rdf.Term, len(vars))
		for name, b := range sol {
			i, ok := index[name]
			if !ok {
				continue
			}
			t, err := term(b.Type, b.Value, b.Lang, b.DataType)
			if err != nil {
				return nil, nil, fmt.Errorf("service: binding of ?%s: %w", name, err)
			}
			row[i] = t
		}
		rows = append(rows, row)
	}
	return vars, rows, nil
}

// term builds a term from the fields of a SPARQL JSON binding, accepting
// the SPARQL 1.0 "typed-literal" that Virtuoso still sends.
func term(typ, value, lang, datatype string) (rdf.Term, error) {
	switch typ {
	case "uri":
		return rdf.IRI(value), nil
	case "bnode":
		return rdf.Blank(value), nil
	case "literal", "typed-literal":
		switch {
		case lang != "":
			return rdf.LangLiteral(value, lang), nil
		case datatype != "":
			return rdf.TypedLiteral(value, datatype), nil
		}
		return rdf.Literal(value), nil
	}
	return rdf.Term{}, fmt.Errorf("unknown binding type %q", typ)
}

// normalise gives the comparable form of an endpoint IRI: lower-case scheme
// and host, default port dropped, fragment dropped.
func normalise(u *url.URL) string {
	v := *u
	v.Scheme = strings.ToLower(v.Scheme)
	v.Host = strings.ToLower(v.Host)
	if h, p, err := net.SplitHostPort(v.Host); err == nil && ((v.Scheme == "http" && p == "80") || (v.Scheme == "https" && p == "443")) {
		v.Host = h
	}
	v.Fragment = ""
	v.RawFragment = ""
	if v.Path == "" {
		v.Path = "/"
	}
	return v.String()
}

// hostPort is the host:port the HTTP client dials for u.
func hostPort(u *url.URL) string {
	h := strings.ToLower(u.Host)
	if _, _, err := net.SplitHostPort(h); err == nil {
		return h
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(strings.Trim(h, "[]"), "443")
	}
	return net.JoinHostPort(strings.Trim(h, "[]"), "80")
}
