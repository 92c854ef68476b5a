package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestServeKill9DuringPublishes is the short form of bench/kill9.sh (which
// does it 100 times, beside imports and dump writes): serve is killed with
// SIGKILL at a random moment while a client publishes through the web
// form, five times. After each kill the store passes check, the published
// versions are numbered 1…N without a gap, each is whole (a score pair for
// every domain) and N is at least the publishes the server acknowledged.
func TestServeKill9DuringPublishes(t *testing.T) {
	if testing.Short() {
		t.Skip("kills serve five times (seconds); ./test.sh runs it without -short")
	}
	data := filepath.Join(t.TempDir(), "data")
	base, err := resolveBase(data, "")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 11))
	var acked atomic.Int64
	for round := range 5 {
		p := startServeProc(t, data)
		pub := newPublisher(t, p.base, base)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; ctx.Err() == nil; i++ {
				if code, err := pub.publish(ctx, "99991", 2016, round*1000+i); err == nil && code == http.StatusSeeOther {
					acked.Add(1)
				}
			}
		}()
		time.Sleep(time.Duration(100+rng.IntN(700)) * time.Millisecond)
		p.kill()
		cancel()
		<-done

		runCases(t, []cliCase{{fmt.Sprintf("check after kill %d", round+1), []string{"check", "--data", data}, 0, "ok", ""}})
		n := versionsOf(t, data, base+"graph/evaluatie/99991/2016/v")
		if int64(n) < acked.Load() {
			t.Fatalf("kill %d: %d publishes acknowledged, %d versions in the store", round+1, acked.Load(), n)
		}
		code, out, errs := runCLI(t, "query", "--data", data, "--format", "csv", writeQuery(t, fmt.Sprintf(
			`PREFIX mat: <https://w3id.org/open-data-maturiteit/ns#>
SELECT ?g (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?o a <http://purl.org/linked-data/cube#Observation> ; mat:maturityScore ?m ; mat:needScore ?x } FILTER(STRSTARTS(STR(?g), "%sgraph/evaluatie/99991/2016/v")) } GROUP BY ?g`, base)))
		if code != 0 {
			t.Fatalf("query: %s", errs)
		}
		rows := strings.Fields(strings.TrimPrefix(strings.ReplaceAll(out, "\r", ""), "g,n"))
		if len(rows) != n {
			t.Fatalf("kill %d: %d versions, %d with scores:\n%s", round+1, n, len(rows), out)
		}
		for _, r := range rows {
			if !strings.HasSuffix(r, ","+strconv.Itoa(len(pub.domain))) {
				t.Errorf("kill %d: a partial version: %s (want %d domains)", round+1, r, len(pub.domain))
			}
		}
		t.Logf("kill %d: %d versions, %d acknowledged", round+1, n, acked.Load())
	}
	if acked.Load() == 0 {
		t.Error("no publish was acknowledged: the kills hit nothing")
	}
}

// versionsOf returns how many version graphs named prefix1, prefix2, …
// the store in data holds, failing on a gap.
func versionsOf(t *testing.T, data, prefix string) int {
	t.Helper()
	code, out, errs := runCLI(t, "stats", "--data", data)
	if code != 0 {
		t.Fatalf("stats: %s", errs)
	}
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(prefix) + `(\d+)\s`)
	var vs []int
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.Atoi(m[1])
		vs = append(vs, v)
	}
	sort.Ints(vs)
	for i, v := range vs {
		if v != i+1 {
			t.Fatalf("versions %v: a gap at %d", vs, i+1)
		}
	}
	return len(vs)
}

// writeQuery writes a query to a file of its own and returns its path.
func writeQuery(t *testing.T, q string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "q.rq")
	if err := os.WriteFile(path, []byte(q), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
