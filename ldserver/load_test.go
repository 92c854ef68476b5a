package ldserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
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

// TestLoad compares one /doc/ resource as Turtle and as JSON-LD with a
// static body of the same size from the same server, at 32 connections.
// It runs only with LDSERVER_LOAD=SECONDS (per measurement): a benchmark
// needs a quiet machine, which CI is not.
func TestLoad(t *testing.T) {
	secs, _ := strconv.Atoi(os.Getenv("LDSERVER_LOAD"))
	if secs <= 0 {
		t.Skip("set LDSERVER_LOAD=SECONDS to run the load benchmark")
	}
	d := time.Duration(secs) * time.Second
	e := newTestEnv(t, nil, func(c *Config) { c.BenchStatic = true })
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
		static := fmt.Sprintf("%s_bench/static?size=%d", e.base, len(body))
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
		if wrk, err := exec.LookPath("wrk"); err == nil {
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
		if ratio < c.goal {
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
