package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stadleuven/maturity/store"
)

// storeUse opens the store in dir read-only and reports how much of the
// file is in use (the high-water mark) and the file's size.
func storeUse(t *testing.T, dir string) (used, file int64) {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, dbFile), &store.Options{ReadOnly: true, MmapSize: 1 << 15})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	s, err := snap.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return s.UsedBytes, s.FileBytes
}

// mapFor is the memory map bbolt gives a file of size bytes opened with a
// small initial map: the next power of two.
func mapFor(size int64) int64 {
	m := int64(1 << 15)
	for m < size {
		m *= 2
	}
	return m
}

// padStore fills the store in dir with filler triples until the pages in
// use come within margin of the memory map that serve --map-size 32KiB will
// open it with, so that the first commits that need new pages must grow
// the map. Each round imports filler and compacts the store: compaction
// packs the pages and cuts the file to them (bbolt grows a small file
// ahead, to its whole map), so the file, and with it the map bbolt opens
// (the next power of two), follow the data predictably. It returns the
// map's size.
func padStore(t *testing.T, dir string, margin int64) int64 {
	t.Helper()
	quiet := stdio{out: io.Discard, err: io.Discard}
	compact := func() {
		if code := run(context.Background(), []string{"compact", "--data", dir}, quiet); code != 0 {
			t.Fatalf("compact failed (%d)", code)
		}
	}
	compact()
	bytesPer := int64(40) // a first guess of a compacted filler triple's size
	next := 0
	for range 30 {
		used, file := storeUse(t, dir)
		m := mapFor(file)
		gap := m - used
		if gap <= margin {
			t.Logf("store padded: %d of %d bytes of the map in use", used, m)
			return m
		}
		n := int(max(float64(gap-margin/2)/float64(bytesPer)*0.8, 20))
		f := writeFiller(t, t.TempDir(), next, n)
		next += n
		if code := run(context.Background(), []string{"import", "--data", dir, "--graph", "http://example.org/vulling", f}, quiet); code != 0 {
			t.Fatalf("import of filler failed (%d)", code)
		}
		compact()
		if used2, _ := storeUse(t, dir); used2 > used {
			bytesPer = max(8, (used2-used)/int64(n))
		}
	}
	t.Fatal("could not pad the store near its memory map")
	return 0
}

// slowGet sends a GET and reads only the response headers: a client that
// then reads nothing for a while.
func slowGet(t *testing.T, target string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// Issue 11, finding 3, over the real store with a small memory map and the
// server as cmd/maturity wires it: while clients that read nothing hold
// large answers (a SPARQL result, the dump, a large document), publishes
// through the web form commit without waiting for them, even the ones that
// must grow the memory map, and the reads after them are served. Before,
// the /sparql stream (and serveComputed) held their read transaction while
// writing to the client, and a commit that had to grow the map waited for
// it for good, with every later read queued behind that commit.
func TestPublishWhileSlowClientsRead(t *testing.T) {
	data := t.TempDir()
	// The model and the examples, then filler up to near the map.
	st, err := openStore(data)
	if err != nil {
		t.Fatal(err)
	}
	base, err := resolveBase(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := ensureLoaded(context.Background(), st, data, base, firstLoad{examples: true}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	mapped := padStore(t, data, 256<<10)

	p := startServeProc(t, data, "--map-size", "32KiB", "--timeout", "60s")
	pub := newPublisher(t, p.base, base)

	// Three clients that take a large answer and read none of it.
	// About a kilobyte a row, tens of megabytes: more than the sockets
	// between server and client buffer.
	q := url.QueryEscape(`SELECT ?s (CONCAT(?o, "` + strings.Repeat("x", 1000) + `") AS ?v) WHERE { GRAPH <http://example.org/vulling> { ?s ?p ?o } }`)
	sparql := slowGet(t, p.base+"sparql?query="+q, "Accept", "text/csv")
	if sparql.StatusCode != http.StatusOK {
		t.Fatalf("sparql: %d", sparql.StatusCode)
	}
	dump := slowGet(t, p.base+"dumps/dataset.nq.gz")
	graph := slowGet(t, p.base+"graph/vulling", "Accept", "application/n-triples")
	_ = graph

	// Readers that must keep being served while the publishes commit.
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var mu sync.Mutex
	var slowest time.Duration
	var readErrs []string
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths := []string{"doc/organisatie/99991", "catalog", "doc/evaluatie/99991/2026", "model/domein/kennis"}
			c := &http.Client{Timeout: 30 * time.Second}
			for ctx.Err() == nil {
				start := time.Now()
				resp, err := c.Get(p.base + paths[i])
				d := time.Since(start)
				mu.Lock()
				slowest = max(slowest, d)
				if err != nil {
					readErrs = append(readErrs, err.Error())
				} else if resp.StatusCode >= 500 {
					readErrs = append(readErrs, fmt.Sprintf("%s: %d", paths[i], resp.StatusCode))
				}
				mu.Unlock()
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
	const publishes = 25
	var longest time.Duration
	for i := range publishes {
		pctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		start := time.Now()
		code, err := pub.publish(pctx, "99991", 2026, i)
		cancel()
		d := time.Since(start)
		longest = max(longest, d)
		if err != nil || code != http.StatusSeeOther {
			stop()
			wg.Wait()
			t.Fatalf("publish %d: %d %v after %v (a commit waits for a reader that writes to a slow client?)\n%s", i+1, code, err, d, p.logs.String())
		}
	}
	stop()
	wg.Wait()
	if len(readErrs) > 0 {
		t.Errorf("%d reads failed, first: %s", len(readErrs), readErrs[0])
	}
	t.Logf("%d publishes, longest %v; slowest read %v", publishes, longest, slowest)

	// The slow clients still get their whole answers, as of their start.
	for name, r := range map[string]*http.Response{"sparql": sparql, "dump": dump} {
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			t.Errorf("%s: %v after %d bytes", name, err, n)
		}
	}
	// Stop serve and see whether the commits had to grow the map.
	p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	used, _ := storeUse(t, data)
	t.Logf("pages in use: %d bytes, memory map at start %d bytes: the map grew: %v", used, mapped, used > mapped)
	if used <= mapped {
		t.Errorf("the publishes never needed more than the memory map (%d of %d bytes): the test did not exercise a remap", used, mapped)
	}
}
