package webfetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Options configures a Client. The zero value gives the defaults.
type Options struct {
	// UserAgent is sent with every request (default DefaultUserAgent).
	UserAgent string
	// Timeout bounds one request: connecting, headers and reading the body
	// (default 10 s, as data.europa.eu's URL checker).
	Timeout time.Duration
	// PerHost is the number of requests in flight per host (default 4).
	PerHost int
	// MaxBytes caps the bytes Get reads from a body (default 5 MiB).
	MaxBytes int64
	// AllowPrivate permits loopback, private and link-local addresses (for
	// tests and for measuring a catalog on the local network on purpose).
	AllowPrivate bool
	// MaxRedirects is the number of redirects followed (default 10).
	MaxRedirects int
	// MaxRetryWait is the longest Retry-After honoured (default 30 s).
	MaxRetryWait time.Duration
}

// DefaultUserAgent identifies the tool to the servers it checks.
const DefaultUserAgent = "maturity/1 (open-data-maturiteit; +https://w3id.org/open-data-maturiteit/)"

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.PerHost <= 0 {
		o.PerHost = 4
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 5 << 20
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	if o.MaxRetryWait <= 0 {
		o.MaxRetryWait = 30 * time.Second
	}
	return o
}

// Client fetches URLs safely. It is safe for concurrent use.
type Client struct {
	opts Options
	hc   *http.Client

	mu    sync.Mutex
	hosts map[string]*hostGate
}

// hostGate bounds the requests to one host and remembers how long the host
// asked us to wait.
type hostGate struct {
	sem       chan struct{}
	mu        sync.Mutex
	notBefore time.Time
}

// New returns a client with the given options.
func New(opts Options) *Client {
	control := controlAddress
	if opts.AllowPrivate {
		control = nil
	}
	return newClient(opts, control)
}

// newClient lets tests put another address check in the dial hook.
func newClient(opts Options, control func(network, address string, c syscall.RawConn) error) *Client {
	opts = opts.withDefaults()
	c := &Client{opts: opts, hosts: map[string]*hostGate{}}
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}
	dialer.Control = control
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the address check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   opts.PerHost,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	c.hc = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("webfetch: more than %d redirects", opts.MaxRedirects)
			}
			if err := checkURL(req.URL); err != nil {
				return err
			}
			if rule, ok := req.Context().Value(redirectKey{}).(func(*url.URL) error); ok {
				return rule(req.URL)
			}
			return nil
		},
	}
	return c
}

// Options returns the options in effect, defaults filled in.
func (c *Client) Options() Options { return c.opts }

// Response is the outcome of one Check or Get. A response that never came
// (connection refused, timeout, refused address, bad URL) has Status 0 and
// Err set; a response with any HTTP status has Err nil.
type Response struct {
	URL         string // the URL asked for
	FinalURL    string // the URL that answered, after redirects
	Method      string // HEAD or GET: the request that produced Status
	Status      int
	ContentType string
	Body        []byte // Get only: at most the byte cap
	Truncated   bool   // the body was longer than the cap
	// Header holds the response's headers (ETag, Last-Modified,
	// Retry-After, …); nil when no response came.
	Header http.Header
	Err    error
}

// OK reports whether the status is 2xx, the success rule of the MQA.
func (r Response) OK() bool { return r.Status >= 200 && r.Status <= 299 }

// ErrBadURL is returned for a URL that is not an absolute http(s) URL.
var ErrBadURL = errors.New("not an absolute http or https URL")

// RefusedError is returned when a URL (or a redirect, or a DNS answer)
// leads to an address the client must not contact.
type RefusedError struct {
	Address string // the IP address
	Reason  string // e.g. "loopback"
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("webfetch: refused to contact %s (%s address; allow with AllowPrivate)", e.Address, e.Reason)
}

// IsRefused reports whether err is (or wraps) a RefusedError.
func IsRefused(err error) bool {
	var re *RefusedError
	return errors.As(err, &re)
}

// Check tests whether a URL answers, as the MQA's URL checker does: a
// HEAD request, and for a server that refuses HEAD (403, 405, 501) a GET of
// the first kilobyte. Redirects are followed; Status is the final answer.
func (c *Client) Check(ctx context.Context, rawURL string) Response {
	r := c.do(ctx, http.MethodHead, rawURL, 0)
	switch r.Status {
	case http.StatusForbidden, http.StatusMethodNotAllowed, http.StatusNotImplemented:
		g := c.do(ctx, http.MethodGet, rawURL, 1024, header{"Range", "bytes=0-1023"})
		if g.Err == nil {
			return g
		}
	}
	return r
}

// Get downloads at most maxBytes of a URL (≤ 0: the client's cap) with the
// given Accept header ("" for none).
func (c *Client) Get(ctx context.Context, rawURL, accept string, maxBytes int64) Response {
	if maxBytes <= 0 {
		maxBytes = c.opts.MaxBytes
	}
	var hs []header
	if accept != "" {
		hs = append(hs, header{"Accept", accept})
	}
	return c.do(ctx, http.MethodGet, rawURL, maxBytes, hs...)
}

type header struct{ name, value string }

// Request is a GET with the headers a harvester needs: conditional
// validators and a per-request redirect rule.
type Request struct {
	URL    string
	Accept string // "" for none
	// IfNoneMatch and IfModifiedSince make the request conditional: a
	// server whose copy is unchanged answers 304 Not Modified, no body.
	IfNoneMatch     string // an ETag, as the server sent it
	IfModifiedSince string // a Last-Modified value, as the server sent it
	// MaxBytes caps the body (≤ 0: the client's cap).
	MaxBytes int64
	// Redirect, when set, is asked about every redirect target after the
	// client's own checks; an error refuses the redirect (and the request
	// fails with it). A harvester keeps a source's requests on the
	// source's own origin this way.
	Redirect func(*url.URL) error
}

// Fetch performs a GET described by req. A 304 answer has Status 304 and
// no body; the response headers are in Response.Header.
func (c *Client) Fetch(ctx context.Context, req Request) Response {
	maxBytes := req.MaxBytes
	if maxBytes <= 0 {
		maxBytes = c.opts.MaxBytes
	}
	var hs []header
	for _, h := range []header{{"Accept", req.Accept}, {"If-None-Match", req.IfNoneMatch}, {"If-Modified-Since", req.IfModifiedSince}} {
		if h.value != "" {
			hs = append(hs, h)
		}
	}
	if req.Redirect != nil {
		ctx = context.WithValue(ctx, redirectKey{}, req.Redirect)
	}
	return c.do(ctx, http.MethodGet, req.URL, maxBytes, hs...)
}

// redirectKey carries a Request's redirect rule to CheckRedirect, which
// the http.Client shares between all requests.
type redirectKey struct{}

// do performs one request, honouring the host's concurrency bound and a
// Retry-After of up to MaxRetryWait once.
func (c *Client) do(ctx context.Context, method, rawURL string, maxBytes int64, hs ...header) Response {
	out := Response{URL: rawURL, FinalURL: rawURL, Method: method}
	u, err := url.Parse(rawURL)
	if err == nil {
		err = checkURL(u)
	}
	if err != nil {
		out.Err = err
		return out
	}
	gate := c.gate(u.Host)
	for attempt := 0; ; attempt++ {
		if err := gate.acquire(ctx); err != nil {
			out.Err = err
			return out
		}
		r, wait := c.once(ctx, method, u, maxBytes, hs)
		gate.release()
		if wait <= 0 || attempt > 0 {
			return r
		}
		if wait > c.opts.MaxRetryWait {
			gate.delay(c.opts.MaxRetryWait)
			return r
		}
		gate.delay(wait)
	}
}

// once sends one request. wait is the Retry-After of a 429 or 503.
func (c *Client) once(ctx context.Context, method string, u *url.URL, maxBytes int64, hs []header) (Response, time.Duration) {
	out := Response{URL: u.String(), FinalURL: u.String(), Method: method}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		out.Err = fmt.Errorf("%w: %v", ErrBadURL, err)
		return out, 0
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	for _, h := range hs {
		req.Header.Set(h.name, h.value)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		out.Err = err
		return out, 0
	}
	defer resp.Body.Close()
	out.Status = resp.StatusCode
	out.FinalURL = resp.Request.URL.String()
	out.ContentType = resp.Header.Get("Content-Type")
	out.Header = resp.Header
	if method == http.MethodGet && maxBytes > 0 {
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
		if int64(len(body)) > maxBytes {
			body, out.Truncated = body[:maxBytes], true
		}
		out.Body = body
		if err != nil && !out.Truncated {
			// The status came back; the body broke off. Keep what arrived.
			out.Truncated = true
		}
	}
	var wait time.Duration
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		wait = RetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return out, wait
}

// RetryAfter parses a Retry-After value (seconds or an HTTP date); 0 when
// absent or unparsable. A zero-second wait becomes 1 ns, so it still counts
// as "retry".
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n <= 0 {
			return time.Nanosecond
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
		return time.Nanosecond
	}
	return 0
}

func (c *Client) gate(hostport string) *hostGate {
	key := strings.ToLower(hostport)
	c.mu.Lock()
	defer c.mu.Unlock()
	g := c.hosts[key]
	if g == nil {
		g = &hostGate{sem: make(chan struct{}, c.opts.PerHost)}
		c.hosts[key] = g
	}
	return g
}

// acquire takes a slot and then waits until the host's Retry-After is over.
func (g *hostGate) acquire(ctx context.Context) error {
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	g.mu.Lock()
	wait := time.Until(g.notBefore)
	g.mu.Unlock()
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			<-g.sem
			return ctx.Err()
		}
	}
	return nil
}

func (g *hostGate) release() { <-g.sem }

func (g *hostGate) delay(d time.Duration) {
	g.mu.Lock()
	if t := time.Now().Add(d); t.After(g.notBefore) {
		g.notBefore = t
	}
	g.mu.Unlock()
}

// checkURL accepts absolute http and https URLs with a host.
func checkURL(u *url.URL) error {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%w: %q", ErrBadURL, u.String())
	}
	return nil
}

// controlAddress runs after DNS resolution, just before connecting, for
// every address tried: the only place where the address is final.
func controlAddress(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return &RefusedError{Address: address, Reason: "unparsable"}
	}
	if reason := Blocked(host); reason != "" {
		return &RefusedError{Address: host, Reason: reason}
	}
	return nil
}
