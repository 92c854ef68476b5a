package httpx

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// startLimited serves h through Deadlines and a ConnLimit of max
// connections, as serve does.
func startLimited(t *testing.T, h http.Handler, body, write time.Duration, max int) (string, *ConnLimit) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := NewConnLimit(max)
	srv := &http.Server{Handler: Deadlines(h, body, write), ConnState: conns.ConnState, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(conns.Listener(ln))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), conns
}

// Issue 11, finding 8: a POST body trickled at one byte per 4.5 s stayed
// open past 45 s. With a body deadline the handler reads an error naming
// it, and the connection ends.
func TestTrickledBodyIsCut(t *testing.T) {
	got := make(chan error, 1)
	addr, _ := startLimited(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, err := io.ReadAll(r.Body)
		got <- err
		if BodyTimedOut(err) {
			http.Error(w, err.Error(), http.StatusRequestTimeout)
		}
	}), time.Second, time.Second, 10)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	fmt.Fprintf(c, "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nS")
	go func() {
		for range 10 {
			time.Sleep(4500 * time.Millisecond)
			if _, err := c.Write([]byte("E")); err != nil {
				return
			}
		}
	}()
	select {
	case err := <-got:
		if !BodyTimedOut(err) {
			t.Fatalf("the handler read %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the trickled body is still being read after 10 s")
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err == nil {
		if resp.StatusCode != http.StatusRequestTimeout {
			t.Errorf("status %d", resp.StatusCode)
		}
		_, err = io.ReadAll(resp.Body)
		_, err = c.Read(make([]byte, 1))
	}
	if err == nil || (err != io.EOF && !strings.Contains(err.Error(), "reset")) {
		t.Errorf("the connection stays open: %v", err)
	}
	if d := time.Since(start); d > 9*time.Second {
		t.Errorf("cut after %v", d)
	}
}

// A body that arrives in time lifts the read deadline: a handler that
// works longer than the body deadline after reading it is not cut off.
func TestBodyDeadlineLifted(t *testing.T) {
	addr, _ := startLimited(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		select {
		case <-time.After(1500 * time.Millisecond):
		case <-r.Context().Done():
			http.Error(w, "context ended", 500)
			return
		}
		fmt.Fprintf(w, "%s", b)
	}), 500*time.Millisecond, time.Second, 10)
	resp, err := http.Post("http://"+addr+"/", "text/plain", strings.NewReader("hallo"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "hallo" {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
}

// A client that stops reading is dropped after the write deadline; one
// that keeps reading gets an answer of any length, however long it takes.
func TestWriteProgressDeadline(t *testing.T) {
	chunk := strings.Repeat("x", 64<<10)
	ended := make(chan error, 1)
	addr, _ := startLimited(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 2000 { // 128 MB, more than the sockets buffer
			if _, err := io.WriteString(w, chunk); err != nil {
				ended <- err
				return
			}
		}
		ended <- nil
	}), time.Second, time.Second, 10)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	select {
	case err := <-ended:
		if err == nil {
			t.Fatal("128 MB written to a client that reads nothing")
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the handler still writes to a client that reads nothing")
	}
	// A slow but steady reader gets everything: 8 MB at about 2 MB/s.
	var n int64
	addr2, _ := startLimited(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range 128 {
			io.WriteString(w, chunk)
		}
	}), time.Second, time.Second, 10)
	resp, err := http.Get("http://" + addr2 + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 64<<10)
	for {
		k, err := resp.Body.Read(buf)
		n += int64(k)
		if err != nil {
			break
		}
		time.Sleep(30 * time.Millisecond)
	}
	if n != 128*64<<10 {
		t.Fatalf("a steady reader got %d bytes of %d", n, 128*64<<10)
	}
}

// Issue 11, finding 8: 500 idle keep-alive connections stayed open and
// could exhaust the file descriptors. With a cap, the longest idle ones
// are closed to make room: the server never holds more than the cap, and
// a new client is still served.
func TestIdleConnectionsCapped(t *testing.T) {
	const limit = 50
	addr, conns := startLimited(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}), time.Second, time.Second, limit)
	var (
		mu   sync.Mutex
		open []net.Conn
		peak int
	)
	defer func() {
		for _, c := range open {
			c.Close()
		}
	}()
	for i := range 500 {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		mu.Lock()
		open = append(open, c) // kept open, idle
		peak = max(peak, conns.Open())
		mu.Unlock()
	}
	if peak > limit {
		t.Fatalf("%d connections open at once, cap %d", peak, limit)
	}
	// The oldest were closed by the server.
	open[0].SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := open[0].Read(make([]byte, 1)); err != io.EOF && (err == nil || !strings.Contains(err.Error(), "reset")) {
		t.Errorf("the first idle connection is still open: %v", err)
	}
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	t.Logf("500 idle connections, at most %d open on the server", peak)
}

func TestSecurityHeadersDefault(t *testing.T) {
	h := SecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case "/own":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", PageCSP)
		default:
			w.Header().Set("Content-Type", "text/turtle")
		}
		io.WriteString(w, "x")
	}))
	for path, want := range map[string]string{"/page": FrameCSP, "/own": PageCSP, "/data": DataCSP} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("Content-Security-Policy"); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", path)
		}
	}
}

func TestVisibleControls(t *testing.T) {
	for in, want := range map[string]string{
		"gewoon":              "gewoon",
		"a\tb\nc\r":           "a\tb\nc\r",
		"exe\u202Etxt":        "exe[U+202E]txt",
		"\x00\x1b\x7f":        "\u2400\u241b\u2421",
		"\u2066x\u2069\u200f": "[U+2066]x[U+2069][U+200F]",
		"\u0085":              "[U+0085]",
		"é漢字":                 "é漢字",
	} {
		if got := VisibleControls(in); got != want {
			t.Errorf("VisibleControls(%q) = %q, want %q", in, got, want)
		}
		if got := string(VisibleControlsHTML([]byte(in))); got != want {
			t.Errorf("VisibleControlsHTML(%q) = %q, want %q", in, got, want)
		}
	}
	if got := JSONControlEscapes(`{"a":"x` + "\u202E\x7f" + `"}`); got != `{"a":"x\u202e\u007f"}` {
		t.Errorf("JSONControlEscapes: %s", got)
	}
	if got := string(VisibleControlsHTML([]byte("\xff\u202E"))); got != "\xff[U+202E]" {
		t.Errorf("invalid UTF-8: %q", got)
	}
}
