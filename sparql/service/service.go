package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/knakk/sparql"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
)

// ErrNotAllowed is returned for an endpoint that is not on the allow-list.
var ErrNotAllowed = errors.New("SERVICE endpoint is not on the allow-list")

// Client is an eval.ServiceHandler that only calls allow-listed endpoints.
// The zero value refuses everything. It is safe for concurrent use.
type Client struct {
	allowed map[string]bool // endpoint IRIs, normalised
	hosts   map[string]bool // host:port of allowed endpoints, for redirects
	timeout time.Duration   // per remote call; 0: the query's own deadline only
}

// ErrTimeout is the cause of a remote call cut at the per-call timeout.
var ErrTimeout = errors.New("SERVICE endpoint did not answer in time")

// SetTimeout bounds each remote call (connecting, the query and reading
// the answer) to d, within the query's own deadline; 0 leaves only that.
// A federated query over many endpoints then fails fast on one that hangs
// instead of spending the whole query budget on it. Call it before use.
func (c *Client) SetTimeout(d time.Duration) { c.timeout = d }

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
// variables and rows; a zero Term is unbound. The answer is decoded as it
// arrives and refused with a *budget.Error once it exceeds maxBytes bytes
// (0: budget.DefaultServiceBytes), so a huge answer never sits in memory
// whole.
func (c *Client) Select(ctx context.Context, endpoint, query string, maxBytes int64) ([]string, [][]rdf.Term, error) {
	if !c.Allowed(endpoint) {
		return nil, nil, fmt.Errorf("%w: <%s>", ErrNotAllowed, endpoint)
	}
	if maxBytes == 0 {
		maxBytes = budget.DefaultServiceBytes
	}
	repo, err := sparql.NewRepo(endpoint)
	if err != nil {
		return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, err)
	}
	if c.timeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, c.timeout, fmt.Errorf("%w (%s)", ErrTimeout, c.timeout))
		defer stop()
	}
	gctx, cancel := c.guard(ctx)
	defer cancel(nil)
	// The library's Query decodes the whole answer into maps before
	// returning it (39 MB of JSON took 330 MB); the raw body is read
	// here instead, through a byte cap.
	body, err := repo.QueryWithoutParsing(request{ctx: gctx, query: query})
	if err != nil {
		if cause := context.Cause(gctx); cause != nil {
			return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, cause)
		}
		return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, err)
	}
	defer body.Close()
	cr := &cappedReader{r: body, left: maxBytes}
	vars, rows, err := decodeJSON(cr)
	if cr.over {
		return nil, nil, budget.Exceeded(budget.NameServiceBytes, maxBytes, "SERVICE <"+endpoint+">")
	}
	if err != nil {
		if cause := context.Cause(gctx); cause != nil {
			return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, cause)
		}
		return nil, nil, fmt.Errorf("service <%s>: %w", endpoint, err)
	}
	return vars, rows, nil
}

// guard returns a context that is cancelled as soon as the HTTP client is
// about to open a second connection, which is what following a redirect
// does (requests are sent with Connection: close and are never retried,
// so the first connection is the only one a plain exchange needs), or a
// connection to a host that no allowed endpoint lives on. SERVICE calls
// exactly the allow-listed IRI: a redirect, even to another path on the
// same host, could lead anywhere the server can reach. The knakk client
// uses http.DefaultClient, whose redirect policy cannot be set per
// request; the connection hook can.
func (c *Client) guard(ctx context.Context) (context.Context, context.CancelCauseFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	var conns atomic.Int32
	trace := &httptrace.ClientTrace{
		GetConn: func(hp string) {
			switch {
			case conns.Add(1) > 1:
				cancel(fmt.Errorf("%w: redirect to %s (SERVICE follows no redirects)", ErrNotAllowed, hp))
			case !c.hosts[strings.ToLower(hp)]:
				cancel(fmt.Errorf("%w: connection to %s", ErrNotAllowed, hp))
			}
		},
	}
	return httptrace.WithClientTrace(ctx, trace), cancel
}

// cappedReader reads at most left bytes of r; over is set when r has more.
type cappedReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a body of exactly the cap from a longer one.
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			c.over = true
			return 0, errOverCap
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

var errOverCap = errors.New("answer larger than the byte cap")

// request is a knakk/sparql Provider that binds the HTTP request to a
// context; the library's own requests have none.
type request struct {
	ctx   context.Context
	query string
}

// GenRequest builds the protocol request: a form-encoded POST, so long
// sub-queries do not hit URL length limits. Close asks for a connection of
// its own, so that the transport never retries the request on another one
// (guard counts connections to spot redirects).
func (r request) GenRequest(endpoint string) (*http.Request, error) {
	body := url.Values{"query": {r.query}}.Encode()
	req, err := http.NewRequestWithContext(r.ctx, http.MethodPost, endpoint, bytes.NewBufferString(body))
	if err != nil {
		return nil, err
	}
	req.Close = true
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/sparql-results+json")
	return req, nil
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
