package webfetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestBlocked(t *testing.T) {
	for _, tc := range []struct{ ip, want string }{
		{"127.0.0.1", "loopback"},
		{"127.3.4.5", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"}, // cloud metadata endpoint
		{"fe80::1", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"239.1.1.1", "multicast"},
		{"224.0.0.1", "link-local"},
		{"255.255.255.255", "broadcast"},
		{"100.64.0.1", "shared (CGNAT)"},
		{"198.18.0.1", "benchmarking"},
		{"64:ff9b::7f00:1", "loopback (embedded in 64:ff9b::7f00:1)"},
		{"2002:a00:1::", "private (embedded in 2002:a00:1::)"},
		{"8.8.8.8", ""},
		{"193.191.245.1", ""},
		{"2001:4860:4860::8888", ""},
		{"localhost", "not an IP address"},
	} {
		if got := Blocked(tc.ip); got != tc.want {
			t.Errorf("Blocked(%q) = %q, want %q", tc.ip, got, tc.want)
		}
	}
}

// server starts a loopback server for one test.
func server(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func TestRefusesPrivateUnlessAllowed(t *testing.T) {
	s := server(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		url   string
		allow bool
		want  int
	}{
		{"IP literal", s.URL, false, 0},
		{"name resolved to loopback", "http://localhost:" + port + "/", false, 0},
		{"allowed", s.URL, true, 200},
		{"allowed by name", "http://localhost:" + port + "/", true, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(Options{AllowPrivate: tc.allow})
			r := c.Check(ctx, tc.url)
			if r.Status != tc.want {
				t.Fatalf("status %d, want %d (err %v)", r.Status, tc.want, r.Err)
			}
			if tc.want == 0 && !IsRefused(r.Err) {
				t.Fatalf("error %v is not a RefusedError", r.Err)
			}
		})
	}
}

// A redirect to a forbidden address is refused at the hop: here only the
// first server's port counts as public.
func TestRefusesRedirectToForbiddenAddress(t *testing.T) {
	inner := server(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") })
	outer := server(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL+"/metadata", http.StatusFound)
	})
	_, allowed, _ := net.SplitHostPort(strings.TrimPrefix(outer.URL, "http://"))
	c := newClient(Options{}, func(network, address string, _ syscall.RawConn) error {
		if _, port, _ := net.SplitHostPort(address); port != allowed {
			return &RefusedError{Address: address, Reason: "test"}
		}
		return nil
	})
	for _, r := range []Response{c.Check(context.Background(), outer.URL), c.Get(context.Background(), outer.URL, "", 0)} {
		if r.Status != 0 || !IsRefused(r.Err) || len(r.Body) != 0 {
			t.Fatalf("%s: status %d body %q err %v; want the redirect refused", r.Method, r.Status, r.Body, r.Err)
		}
	}
}

func TestBadURL(t *testing.T) {
	c := New(Options{AllowPrivate: true})
	for _, u := range []string{"ftp://example.org/x", "/relative", "http://", "mailto:a@b.be", "http://[::1"} {
		if r := c.Check(context.Background(), u); !errors.Is(r.Err, ErrBadURL) && r.Err == nil {
			t.Errorf("Check(%q): err %v, want ErrBadURL", u, r.Err)
		} else if r.Status != 0 {
			t.Errorf("Check(%q): status %d", u, r.Status)
		}
	}
}

func TestCheckFallsBackToRangedGet(t *testing.T) {
	for _, headStatus := range []int{403, 405, 501} {
		t.Run(fmt.Sprint(headStatus), func(t *testing.T) {
			var gotRange string
			s := server(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodHead {
					w.WriteHeader(headStatus)
					return
				}
				gotRange = r.Header.Get("Range")
				w.Header().Set("Content-Type", "text/csv")
				w.WriteHeader(http.StatusPartialContent)
				fmt.Fprint(w, "a,b\n")
			})
			r := New(Options{AllowPrivate: true}).Check(context.Background(), s.URL)
			if r.Method != http.MethodGet || r.Status != 206 || !r.OK() || gotRange != "bytes=0-1023" {
				t.Fatalf("got %s %d range %q", r.Method, r.Status, gotRange)
			}
		})
	}
	// Other failures are the answer: no GET.
	var gets atomic.Int32
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			gets.Add(1)
		}
		w.WriteHeader(http.StatusNotFound)
	})
	r := New(Options{AllowPrivate: true}).Check(context.Background(), s.URL)
	if r.Status != 404 || r.Method != http.MethodHead || gets.Load() != 0 {
		t.Fatalf("404: got %s %d after %d GETs", r.Method, r.Status, gets.Load())
	}
}

func TestRedirectsFollowedAndCounted(t *testing.T) {
	var s *httptest.Server
	s = server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
		case "/b":
			fmt.Fprint(w, "here")
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		}
	})
	c := New(Options{AllowPrivate: true, MaxRedirects: 3})
	r := c.Get(context.Background(), s.URL+"/a", "", 0)
	if r.Status != 200 || r.FinalURL != s.URL+"/b" || string(r.Body) != "here" {
		t.Fatalf("got %d %s %q", r.Status, r.FinalURL, r.Body)
	}
	if r := c.Check(context.Background(), s.URL+"/loop"); r.Err == nil || r.Status != 0 {
		t.Fatalf("redirect loop: status %d err %v", r.Status, r.Err)
	}
}

func TestRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter string
		wantStatus int
		wantCalls  int32
	}{
		{"short wait is honoured once", "0", 200, 2},
		{"HTTP date in the past", "Mon, 02 Jan 2006 15:04:05 GMT", 200, 2},
		{"long wait is not", "3600", 429, 1},
		{"no header", "", 429, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			s := server(t, func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					if tc.retryAfter != "" {
						w.Header().Set("Retry-After", tc.retryAfter)
					}
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				fmt.Fprint(w, "ok")
			})
			c := New(Options{AllowPrivate: true, MaxRetryWait: time.Second})
			r := c.Get(context.Background(), s.URL, "", 0)
			if r.Status != tc.wantStatus || calls.Load() != tc.wantCalls {
				t.Fatalf("status %d after %d calls, want %d after %d", r.Status, calls.Load(), tc.wantStatus, tc.wantCalls)
			}
		})
	}
	// A Retry-After also holds back the next request to the same host.
	var calls atomic.Int32
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	})
	c := New(Options{AllowPrivate: true, MaxRetryWait: 5 * time.Second})
	start := time.Now()
	if r := c.Get(context.Background(), s.URL, "", 0); r.Status != 200 {
		t.Fatalf("status %d", r.Status)
	}
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Fatalf("retried after %v, before the 1 s Retry-After", el)
	}
}

func TestPerHostBound(t *testing.T) {
	var inFlight, peak atomic.Int32
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
	})
	c := New(Options{AllowPrivate: true, PerHost: 3})
	var wg sync.WaitGroup
	for range 15 {
		wg.Add(1)
		go func() { defer wg.Done(); c.Check(context.Background(), s.URL) }()
	}
	wg.Wait()
	if peak.Load() != 3 {
		t.Fatalf("peak concurrency %d, want exactly the bound 3", peak.Load())
	}
}

func TestByteCapAndUserAgent(t *testing.T) {
	var ua string
	s := server(t, func(w http.ResponseWriter, r *http.Request) {
		ua = r.UserAgent()
		w.Write([]byte(strings.Repeat("x", 10000)))
	})
	c := New(Options{AllowPrivate: true, MaxBytes: 100})
	r := c.Get(context.Background(), s.URL, "text/csv", 0)
	if len(r.Body) != 100 || !r.Truncated {
		t.Fatalf("body %d bytes, truncated %v", len(r.Body), r.Truncated)
	}
	if r = c.Get(context.Background(), s.URL, "", 20000); len(r.Body) != 10000 || r.Truncated {
		t.Fatalf("with a larger cap: body %d bytes, truncated %v", len(r.Body), r.Truncated)
	}
	if ua != DefaultUserAgent {
		t.Fatalf("User-Agent %q", ua)
	}
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	s := server(t, func(w http.ResponseWriter, r *http.Request) { <-release })
	defer close(release)
	c := New(Options{AllowPrivate: true, Timeout: 100 * time.Millisecond})
	start := time.Now()
	r := c.Check(context.Background(), s.URL)
	if r.Status != 0 || r.Err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("status %d err %v after %v", r.Status, r.Err, time.Since(start))
	}
}

func TestFetchConditionalAndRedirectRule(t *testing.T) {
	var s *httptest.Server
	s = server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/doc":
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
			if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Mon, 02 Jan 2006 15:04:05 GMT" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", r.Header.Get("Accept"))
			fmt.Fprint(w, "body")
		case "/away":
			http.Redirect(w, r, "/doc", http.StatusFound)
		}
	})
	c := New(Options{AllowPrivate: true})
	ctx := context.Background()
	refuse := func(u *url.URL) error { return fmt.Errorf("redirect to %s refused", u.Path) }
	for _, tc := range []struct {
		name   string
		req    Request
		status int
		body   string
		err    string
	}{
		{"plain", Request{URL: s.URL + "/doc", Accept: "text/turtle"}, 200, "body", ""},
		{"ETag matches", Request{URL: s.URL + "/doc", IfNoneMatch: `"v1"`}, 304, "", ""},
		{"ETag differs", Request{URL: s.URL + "/doc", IfNoneMatch: `"v0"`}, 200, "body", ""},
		{"Last-Modified matches", Request{URL: s.URL + "/doc", IfModifiedSince: "Mon, 02 Jan 2006 15:04:05 GMT"}, 304, "", ""},
		{"redirect allowed", Request{URL: s.URL + "/away"}, 200, "body", ""},
		{"redirect refused", Request{URL: s.URL + "/away", Redirect: refuse}, 0, "", "redirect to /doc refused"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Fetch(ctx, tc.req)
			if tc.err != "" {
				if r.Err == nil || !strings.Contains(r.Err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", r.Err, tc.err)
				}
				return
			}
			if r.Err != nil || r.Status != tc.status || string(r.Body) != tc.body || r.Header.Get("ETag") != `"v1"` {
				t.Fatalf("status %d body %q etag %q err %v", r.Status, r.Body, r.Header.Get("ETag"), r.Err)
			}
			if tc.req.Accept != "" && r.ContentType != tc.req.Accept {
				t.Fatalf("Accept not sent: Content-Type %q", r.ContentType)
			}
		})
	}
	// The rule of one request does not leak into the next.
	if r := c.Fetch(ctx, Request{URL: s.URL + "/away"}); r.Status != 200 {
		t.Fatalf("after a refused redirect: status %d err %v", r.Status, r.Err)
	}
}
