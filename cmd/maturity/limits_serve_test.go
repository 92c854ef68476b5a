package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Issue 11, finding 8, against serve as a process: a POST body trickled at
// one byte per 4.5 s is cut at --body-timeout with 408; 500 idle keep-alive
// connections never hold more than --max-conns descriptors and do not keep
// others out; a header block beyond --max-header-bytes is refused.
func TestServeConnectionLimits(t *testing.T) {
	data := t.TempDir()
	p := startServeProc(t, data, "--body-timeout", "2s", "--max-conns", "64", "--idle-timeout", "30s", "--max-header-bytes", "16KiB")
	u, err := url.Parse(p.base)
	if err != nil {
		t.Fatal(err)
	}
	get := func() int {
		resp, err := http.Get(p.base + "doc/organisatie/24062")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(); code != http.StatusOK {
		t.Fatalf("GET: %d", code)
	}
	before := p.fds(t)

	t.Run("trickled body", func(t *testing.T) {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		start := time.Now()
		fmt.Fprintf(c, "POST /sparql HTTP/1.1\r\nHost: %s\r\nContent-Type: application/sparql-query\r\nContent-Length: 40\r\n\r\nA", u.Host)
		go func() {
			for range 10 {
				time.Sleep(4500 * time.Millisecond)
				if _, err := c.Write([]byte("S")); err != nil {
					return
				}
			}
		}()
		c.SetReadDeadline(time.Now().Add(20 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("no answer to a trickled body: %v", err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(body), "not received in time") {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("cut after %v, want about 2s", d)
		}
		if _, err := c.Read(make([]byte, 1)); err == nil {
			t.Error("the connection stays open")
		}
	})

	t.Run("idle connections", func(t *testing.T) {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		peak := 0
		for i := range 500 {
			c, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
			if err != nil {
				t.Fatalf("connection %d: %v", i, err)
			}
			c.SetDeadline(time.Now().Add(30 * time.Second))
			fmt.Fprintf(c, "GET /ns/context.jsonld HTTP/1.1\r\nHost: %s\r\n\r\n", u.Host)
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			conns = append(conns, c) // left open and idle
			if i%50 == 49 {
				peak = max(peak, p.fds(t))
			}
		}
		peak = max(peak, p.fds(t))
		// The sockets beyond the cap were closed by the server; what is left
		// is the cap plus the descriptors serve held before.
		if peak > before+64+8 {
			t.Errorf("serve holds %d descriptors with 500 idle connections (%d before, cap 64)", peak, before)
		}
		if code := get(); code != http.StatusOK {
			t.Errorf("a new client with 500 idle connections around: %d", code)
		}
		t.Logf("500 idle keep-alive connections: serve holds at most %d descriptors (%d before, --max-conns 64)", peak, before)
	})

	t.Run("header size", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, p.base, nil)
		req.Header.Set("X-Big", strings.Repeat("a", 40<<10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
			t.Errorf("a 40 KiB header: %d", resp.StatusCode)
		}
	})
}
