package ldserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/httpx"
)

// loadResult is one load run's outcome.
type loadResult struct {
	requests int
	errors   int
	rate     float64
	p50, p99 time.Duration
}

// load sends GETs with conns concurrent keep-alive connections for d.
func load(url, accept string, conns int, d time.Duration) loadResult {
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for ctx.Err() == nil {
				req, _ := http.NewRequest("GET", url, nil)
				req.Header.Set("Accept", accept)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					bad++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r := loadResult{requests: len(lat), errors: errs, rate: float64(len(lat)) / elapsed.Seconds()}
	if len(lat) > 0 {
		r.p50 = lat[len(lat)/2]
		r.p99 = lat[len(lat)*99/100]
	}
	return r
}

// staticBody is what the load test's yardstick serves.
var staticBody = bytes.Repeat([]byte("x"), 1<<20)

// serveYardstick serves ?size= bytes from memory with the same kind of
// headers as a cached document: the yardstick the load test measures a
// document against. It lives here, not in the server, so that no
// benchmark hook ships.
func serveYardstick(w http.ResponseWriter, r *http.Request) {
	n := 4096
	fmt.Sscan(r.URL.Query().Get("size"), &n)
	if n < 0 || n > len(staticBody) {
		n = 4096
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("ETag", `"static"`)
	h.Set("Vary", "Accept")
	w.Write(staticBody[:n])
}

// TestLoad compares one /doc/ resource as Turtle and as JSON-LD with a
// static body of the same size, served through the same middleware in the
// same process, at 32 connections.
//
// With LDSERVER_LOAD=SECONDS (per measurement) it is the load benchmark and
// holds the document to its goal, a fraction of the static rate; run it on
// a quiet machine, which CI is not. Without, it runs for about two seconds
// as a concurrency test: 32 connections at once through the
// response cache and the conneg paths, and no request may fail (the race
// run of ./test.sh runs it too).
func TestLoad(t *testing.T) {
	secs, _ := strconv.Atoi(os.Getenv("LDSERVER_LOAD"))
	timed := secs > 0
	d := time.Duration(secs) * time.Second
	if !timed {
		d = 400 * time.Millisecond
	}
	e := newTestEnv(t, nil, nil)
	yardstick := httptest.NewServer(httpx.Middleware(http.HandlerFunc(serveYardstick), e.ld.base, e.ld.cfg.RequestTimeout, e.ld.log))
	defer yardstick.Close()
	const conns = 32
	doc := e.base + "model/domein/sponsoring"
	for _, c := range []struct {
		name, accept string
		goal         float64
	}{
		{"Turtle", "text/turtle", 0.50},
		{"JSON-LD", "application/ld+json", 0.25},
	} {
		_, body := e.get(t, "GET", doc, "Accept: "+c.accept)
		static := fmt.Sprintf("%s/?size=%d", yardstick.URL, len(body))
		load(doc, c.accept, conns, d/4) // warm up: fills the cache, grows the pools
		// Interleave short runs so that load from other processes on the
		// machine hits both sides alike.
		var st, dr loadResult
		for i := 0; i < 4; i++ {
			st = mergeLoad(st, load(static, "*/*", conns, d/4))
			dr = mergeLoad(dr, load(doc, c.accept, conns, d/4))
		}
		ratio := dr.rate / st.rate
		t.Logf("%-8s %6d B  static %8.0f req/s p50 %v p99 %v | document %8.0f req/s p50 %v p99 %v | %.0f%% of static (goal %.0f%%), errors %d/%d",
			c.name, len(body), st.rate, st.p50, st.p99, dr.rate, dr.p50, dr.p99, ratio*100, c.goal*100, st.errors, dr.errors)
		if wrk, err := exec.LookPath("wrk"); err == nil && timed {
			// The same pair measured with wrk, a client that costs less CPU
			// than Go's on this shared machine.
			for _, u := range [][2]string{{"static", static}, {c.name, doc}} {
				out, err := exec.Command(wrk, "-t2", "-c32", fmt.Sprintf("-d%ds", secs), "--latency", "-H", "Accept: "+c.accept, u[1]).CombinedOutput()
				if err != nil {
					t.Errorf("wrk: %v\n%s", err, out)
					continue
				}
				t.Logf("wrk %-8s %s", u[0], wrkSummary(string(out)))
			}
		}
		if st.errors+dr.errors > 0 {
			t.Errorf("%s: %d failed requests", c.name, st.errors+dr.errors)
		}
		if timed && ratio < c.goal {
			t.Errorf("%s: %.0f%% of the static rate, goal %.0f%%", c.name, ratio*100, c.goal*100)
		}
	}
}

var wrkRE = regexp.MustCompile(`(?m)^\s*(99%\s+\S+|Requests/sec:\s+\S+|Non-2xx.*)$`)

// wrkSummary keeps wrk's rate, p99 and error lines.
func wrkSummary(out string) string {
	var parts []string
	for _, m := range wrkRE.FindAllStringSubmatch(out, -1) {
		parts = append(parts, strings.Join(strings.Fields(m[1]), " "))
	}
	return strings.Join(parts, ", ")
}

// merge combines two runs: rates add up over time, the percentiles are the
// worse of the two (an upper bound; the runs are equally long).
func mergeLoad(a, b loadResult) loadResult {
	if a.requests == 0 {
		return b
	}
	out := loadResult{requests: a.requests + b.requests, errors: a.errors + b.errors, rate: (a.rate + b.rate) / 2}
	out.p50, out.p99 = max(a.p50, b.p50), max(a.p99, b.p99)
	return out
}
