// Command loadgen puts a running `maturity serve` under mixed load and
// reports latency, errors and the server's memory: bench/load.sh starts the
// server and runs it; see there for what is measured and why.
//
// Phases:
//
//  1. idle: one connection dereferences resources (GET /id/… → 303, then
//     GET /doc/… in a rotating Accept) for -idle, giving the idle p99;
//  2. load: -c connections for -d. Connection 0 publishes self-assessments
//     through the web form, one after the other (-publish-every apart);
//     the others mix dereferencing, catalog pages and the example SPARQL
//     queries. At -hostile-at, three more connections each send one
//     hostile query (a runaway cross product, a REPLACE bomb and a
//     20,000-step path) and report how the server cut it. With -think,
//     each connection pauses between requests, as crawlers and harvesters
//     do; without, the connections saturate the server and latency is
//     their queue (Little's law).
//
// Throughout, the server's VmRSS is sampled from /proc/PID/status every
// 100 ms. The report ends with the checks of issue 11 (0 errors on the
// normal requests, every hostile query cut with an error naming its limit,
// RSS under -max-rss, dereferencing p99 under load within 2× idle); the
// exit status is 1 if any fails.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	cfg := config{}
	flag.StringVar(&cfg.base, "base", "", "the server's base URL (its --base), with a trailing slash")
	flag.IntVar(&cfg.conns, "c", 64, "connections during the load phase")
	flag.DurationVar(&cfg.dur, "d", 60*time.Second, "length of the load phase")
	flag.DurationVar(&cfg.idle, "idle", 10*time.Second, "length of the idle phase (one connection)")
	flag.DurationVar(&cfg.hostileAt, "hostile-at", 30*time.Second, "when in the load phase the hostile queries start")
	flag.DurationVar(&cfg.think, "think", 0, "mean pause of a connection between two requests (uniform in [0, 2×think]); 0: none, the server saturated")
	flag.DurationVar(&cfg.publishEvery, "publish-every", 250*time.Millisecond, "pause between two publishes")
	flag.IntVar(&cfg.pid, "pid", 0, "the server's process id (for its memory)")
	flag.StringVar(&cfg.queries, "queries", "examples/queries", "directory of .rq files: the normal SPARQL queries")
	flag.StringVar(&cfg.org, "org", "99991", "organisation whose assessment the publishes replace")
	flag.IntVar(&cfg.year, "year", 2016, "year of that assessment (the form accepts 2000 to next year)")
	flag.Int64Var(&cfg.maxRSS, "max-rss", 512, "RSS the server must stay under, in MB")
	flag.Parse()
	if !strings.HasSuffix(cfg.base, "/") {
		fmt.Fprintln(os.Stderr, "loadgen: -base URL/ is required")
		os.Exit(2)
	}
	ok, err := run(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

type config struct {
	base                        string
	conns                       int
	dur, idle, hostileAt, think time.Duration
	publishEvery                time.Duration
	pid                         int
	queries, org                string
	year                        int
	maxRSS                      int64
}

// target is what the load is made of, found on the server itself.
type target struct {
	resources []string // IRIs under base+"id/"
	queries   []string // SPARQL query texts
	domains   []string // the form's domain slugs
}

func run(cfg config) (bool, error) {
	tg, err := discover(cfg)
	if err != nil {
		return false, err
	}
	fmt.Printf("# %s: %d resources, %d queries, %d domains in the form\n", cfg.base, len(tg.resources), len(tg.queries), len(tg.domains))
	fmt.Printf("# %d connections for %v, think time %v; load average before: %s\n", cfg.conns, cfg.dur, cfg.think, loadavg())

	mem := &rssSampler{pid: cfg.pid}
	stopMem := mem.start()

	// Phase 1: idle dereferencing.
	idle := newStats()
	w := newWorker(cfg, tg, 0)
	end := time.Now().Add(cfg.idle)
	for time.Now().Before(end) {
		w.deref(idle)
	}

	// Phase 2: load.
	load := newStats()
	ctx, cancel := context.WithTimeout(context.Background(), cfg.dur)
	defer cancel()
	var wg sync.WaitGroup
	for i := range cfg.conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(cfg, tg, i)
			for ctx.Err() == nil {
				if i == 0 {
					w.publish(load)
					sleep(ctx, cfg.publishEvery)
					continue
				}
				switch r := w.rng.IntN(100); {
				case r < 60:
					w.deref(load)
				case r < 80:
					w.catalog(load)
				default:
					w.sparql(load)
				}
				if cfg.think > 0 {
					sleep(ctx, time.Duration(w.rng.Int64N(int64(2*cfg.think))))
				}
			}
		}()
	}
	var hostile []hostileResult
	var hmu sync.Mutex
	var hostileFrom, hostileTo time.Duration // since the load began
	wg.Add(1)
	go func() {
		defer wg.Done()
		sleep(ctx, cfg.hostileAt)
		if ctx.Err() != nil {
			return
		}
		hostileFrom = time.Since(load.t0)
		defer func() { hostileTo = time.Since(load.t0) }()
		var hwg sync.WaitGroup
		for _, h := range hostileQueries() {
			hwg.Add(1)
			go func() {
				defer hwg.Done()
				res := sendHostile(cfg.base, h)
				hmu.Lock()
				hostile = append(hostile, res)
				hmu.Unlock()
			}()
		}
		hwg.Wait()
	}()
	wg.Wait()
	stopMem()
	la := loadavg()

	idleD := idle.get("deref")
	fmt.Printf("\n%-10s %7s %6s %9s %9s %9s %9s\n", "phase/kind", "n", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms")
	idle.print("idle")
	load.print("load")
	fmt.Printf("\n%-16s %6s %8s  %s\n", "hostile", "status", "seconds", "answer")
	for _, h := range hostile {
		fmt.Printf("%-16s %6d %8.2f  %.160s\n", h.name, h.status, h.dur.Seconds(), h.body)
	}
	fmt.Printf("\nserver RSS: max %d MB sampled (%d samples), peak (VmHWM) %d MB\n", mem.max/1024, mem.n, mem.hwm()/1024)
	fmt.Printf("load average after: %s\n", la)
	for _, e := range load.firstErrors() {
		fmt.Println("error:", e)
	}

	// The checks.
	ok := true
	check := func(pass bool, format string, args ...any) {
		verdict := "PASS"
		if !pass {
			verdict, ok = "FAIL", false
		}
		fmt.Printf("%s  %s\n", verdict, fmt.Sprintf(format, args...))
	}
	fmt.Println()
	check(load.errors() == 0 && idle.errors() == 0, "%d errors in %d normal requests", load.errors()+idle.errors(), load.total()+idle.total())
	check(load.get("publish").n > 0 && load.get("publish").errs == 0, "%d publishes, %d failed", load.get("publish").n, load.get("publish").errs)
	check(len(hostile) == len(hostileQueries()), "%d of %d hostile queries answered", len(hostile), len(hostileQueries()))
	for _, h := range hostile {
		check(h.cut, "%s cut with %d: %.80s", h.name, h.status, h.body)
	}
	if cfg.pid != 0 {
		peak := max(mem.max, mem.hwm()) / 1024
		check(peak < cfg.maxRSS, "RSS peak %d MB < %d MB", peak, cfg.maxRSS)
	}
	loadD := load.get("deref")
	if hostileTo > hostileFrom {
		during := func(at time.Duration) bool { return at >= hostileFrom && at < hostileTo }
		outside := func(at time.Duration) bool { return !during(at) }
		fmt.Printf("dereferencing p99 while the hostile queries ran (%.1f–%.1f s): %.1f ms; the rest of the load phase: %.1f ms\n",
			hostileFrom.Seconds(), hostileTo.Seconds(), ms(loadD.quantileWhen(0.99, during)), ms(loadD.quantileWhen(0.99, outside)))
	}
	check(loadD.quantile(0.99) <= 2*idleD.quantile(0.99), "dereferencing p99 %.1f ms under load ≤ 2 × idle p99 %.1f ms",
		ms(loadD.quantile(0.99)), ms(idleD.quantile(0.99)))
	return ok, nil
}

// discover finds resources to dereference (through /sparql), the normal
// queries (files) and the form's domains (its page).
func discover(cfg config) (*target, error) {
	tg := &target{}
	files, err := filepath.Glob(filepath.Join(cfg.queries, "*.rq"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no .rq files in %s", cfg.queries)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		tg.queries = append(tg.queries, string(b))
	}
	q := fmt.Sprintf(`SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "%sid/")) } LIMIT 3000`, cfg.base)
	resp, err := http.Get(cfg.base + "sparql?query=" + url.QueryEscape(q) + "&format=csv")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("resource query: %s", resp.Status)
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); strings.HasPrefix(s, cfg.base) {
			tg.resources = append(tg.resources, s)
		}
	}
	if len(tg.resources) == 0 {
		return nil, fmt.Errorf("no resources under %sid/", cfg.base)
	}
	formURL := fmt.Sprintf("%sevaluatie/nieuw?org=%s&year=%d", cfg.base, cfg.org, cfg.year)
	form, err := http.Get(formURL)
	if err != nil {
		return nil, err
	}
	b, _ := io.ReadAll(form.Body)
	form.Body.Close()
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`name="m-([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			tg.domains = append(tg.domains, m[1])
		}
	}
	if len(tg.domains) == 0 {
		return nil, fmt.Errorf("no domains in the form at %s (%s)", formURL, form.Status)
	}
	return tg, nil
}

// worker is one connection's client and choices.
type worker struct {
	cfg    config
	tg     *target
	rng    *rand.Rand
	client *http.Client
	n      int
}

func newWorker(cfg config, tg *target, i int) *worker {
	return &worker{cfg: cfg, tg: tg, rng: rand.New(rand.NewPCG(uint64(i), 11)), client: &http.Client{
		Timeout: 60 * time.Second,
		// One keep-alive connection per worker.
		Transport:     &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

var accepts = []string{"text/turtle", "application/ld+json", "text/html", "application/n-triples", "application/rdf+xml"}

// deref fetches a resource's /id/ IRI (303) and then its document.
func (w *worker) deref(st *stats) {
	iri := w.tg.resources[w.rng.IntN(len(w.tg.resources))]
	acc := accepts[w.rng.IntN(len(accepts))]
	loc := w.do(st, "deref", http.MethodGet, iri, acc, "", nil, http.StatusSeeOther)
	if loc == "" {
		return
	}
	if u, err := url.Parse(iri); err == nil {
		if l, err := u.Parse(loc); err == nil {
			w.do(st, "deref", http.MethodGet, l.String(), acc, "", nil, http.StatusOK)
		}
	}
}

var catalogPages = []string{"catalog", "catalog.ttl", "catalog.jsonld", "", ".well-known/void", "doc/catalogus"}

func (w *worker) catalog(st *stats) {
	p := catalogPages[w.rng.IntN(len(catalogPages))]
	w.do(st, "catalog", http.MethodGet, w.cfg.base+p, "text/html, */*;q=0.5", "", nil, http.StatusOK)
}

func (w *worker) sparql(st *stats) {
	q := w.tg.queries[w.rng.IntN(len(w.tg.queries))]
	w.do(st, "sparql", http.MethodPost, w.cfg.base+"sparql", "application/sparql-results+json", "application/sparql-query", strings.NewReader(q), http.StatusOK)
}

// publish posts a complete self-assessment from this machine (a loopback
// peer and Host, no proxy headers), as the person at the server would.
func (w *worker) publish(st *stats) {
	w.n++
	f := url.Values{"org": {w.cfg.org}, "year": {strconv.Itoa(w.cfg.year)}, "method": {"zelfevaluatie"}, "author": {"loadgen"}}
	for i, d := range w.tg.domains {
		f.Set("m-"+d, strconv.Itoa(1+(w.n+i)%5))
		f.Set("n-"+d, strconv.Itoa(1+(w.n+2*i)%5))
		f.Set("t-"+d, fmt.Sprintf("Toelichting %d bij %s", w.n, d))
	}
	w.do(st, "publish", http.MethodPost, w.cfg.base+"evaluatie", "text/html", "application/x-www-form-urlencoded", strings.NewReader(f.Encode()), http.StatusSeeOther)
}

// do sends one request, reads the whole answer and records it under kind;
// it returns the Location of a redirect.
func (w *worker) do(st *stats, kind, method, target, accept, ctype string, body io.Reader, want int) string {
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		st.add(kind, 0, err.Error())
		return ""
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Language", "nl")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	start := time.Now()
	resp, err := w.client.Do(req)
	if err != nil {
		st.add(kind, time.Since(start), err.Error())
		return ""
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	switch {
	case err != nil:
		st.add(kind, d, fmt.Sprintf("%s %s: reading the body: %v", method, target, err))
	case resp.StatusCode != want:
		st.add(kind, d, fmt.Sprintf("%s %s: %s, want %d", method, target, resp.Status, want))
	default:
		st.add(kind, d, "")
	}
	return resp.Header.Get("Location")
}

// hostile is one hostile query and the words its refusal must contain.
type hostile struct {
	name, query string
	limit       *regexp.Regexp
}

func hostileQueries() []hostile {
	replace := `"aaaaaaaaaa"`
	for range 7 { // 100 million characters
		replace = `REPLACE(` + replace + `, "a", "aaaaaaaaaa")`
	}
	path := make([]string, 20000)
	for i := range path {
		path[i] = "<http://example.org/p>"
	}
	return []hostile{
		{"cross product", `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }`, regexp.MustCompile(`longer than allowed.*limit`)},
		{"REPLACE bomb", `SELECT ?x WHERE { BIND(` + replace + ` AS ?x) }`, regexp.MustCompile(`limit max-string-bytes`)},
		{"20,000-step path", `SELECT * WHERE { ?a ` + strings.Join(path, "/") + ` ?b }`, regexp.MustCompile(`limit max-path-steps`)},
	}
}

type hostileResult struct {
	name   string
	status int
	dur    time.Duration
	body   string
	cut    bool // refused with a 4xx/5xx (or a trailer) naming the limit
}

func sendHostile(base string, h hostile) hostileResult {
	res := hostileResult{name: h.name}
	req, _ := http.NewRequest(http.MethodPost, base+"sparql", strings.NewReader(h.query))
	req.Header.Set("Content-Type", "application/sparql-query")
	req.Header.Set("Accept", "application/sparql-results+json")
	req.Header.Set("Accept-Language", "en")
	start := time.Now()
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
	if err != nil {
		res.dur, res.body = time.Since(start), err.Error()
		return res
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	res.dur, res.status = time.Since(start), resp.StatusCode
	res.body = strings.Join(strings.Fields(string(b)), " ")
	res.cut = resp.StatusCode >= 400 && h.limit.MatchString(res.body)
	return res
}

// stats collects latencies and errors per kind of request.
type stats struct {
	mu    sync.Mutex
	kinds map[string]*kindStats
	order []string
	t0    time.Time
}

type kindStats struct {
	n, errs int
	lat     []sample
	first   []string
}

// sample is one request: when it started (since the phase began) and how
// long it took.
type sample struct{ at, d time.Duration }

func newStats() *stats { return &stats{kinds: map[string]*kindStats{}, t0: time.Now()} }

func (s *stats) get(kind string) *kindStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.kinds[kind]
	if k == nil {
		k = &kindStats{}
		s.kinds[kind] = k
		s.order = append(s.order, kind)
	}
	return k
}

func (s *stats) add(kind string, d time.Duration, errMsg string) {
	k := s.get(kind)
	s.mu.Lock()
	defer s.mu.Unlock()
	k.n++
	k.lat = append(k.lat, sample{at: time.Since(s.t0) - d, d: d})
	if errMsg != "" {
		k.errs++
		if len(k.first) < 5 {
			k.first = append(k.first, kind+": "+errMsg)
		}
	}
}

func (s *stats) errors() (n int) {
	for _, k := range s.kinds {
		n += k.errs
	}
	return n
}

func (s *stats) total() (n int) {
	for _, k := range s.kinds {
		n += k.n
	}
	return n
}

func (s *stats) firstErrors() (out []string) {
	for _, name := range s.order {
		out = append(out, s.kinds[name].first...)
	}
	return out
}

func (s *stats) print(phase string) {
	for _, name := range s.order {
		k := s.kinds[name]
		fmt.Printf("%-10s %7d %6d %9.1f %9.1f %9.1f %9.1f\n", phase+"/"+name, k.n, k.errs,
			ms(k.quantile(0.5)), ms(k.quantile(0.9)), ms(k.quantile(0.99)), ms(k.quantile(1)))
	}
}

func (k *kindStats) quantile(q float64) time.Duration {
	return k.quantileWhen(q, func(time.Duration) bool { return true })
}

// quantileWhen is the q-quantile of the requests whose start satisfies in.
func (k *kindStats) quantileWhen(q float64, in func(at time.Duration) bool) time.Duration {
	var ds []time.Duration
	for _, s := range k.lat {
		if in(s.at) {
			ds = append(ds, s.d)
		}
	}
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := int(q*float64(len(ds))+0.5) - 1
	return ds[min(max(i, 0), len(ds)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// rssSampler samples a process's resident memory (kB).
type rssSampler struct {
	pid int
	max int64
	n   int
}

func (m *rssSampler) start() (stop func()) {
	if m.pid == 0 {
		return func() {}
	}
	var done atomic.Bool
	fin := make(chan struct{})
	go func() {
		defer close(fin)
		for !done.Load() {
			if v := procStatus(m.pid, "VmRSS"); v > 0 {
				m.max = max(m.max, v)
				m.n++
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-fin }
}

func (m *rssSampler) hwm() int64 {
	if m.pid == 0 {
		return 0
	}
	return procStatus(m.pid, "VmHWM")
}

// procStatus reads a kB field of /proc/PID/status.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field+":" {
			v, _ := strconv.ParseInt(f[1], 10, 64)
			return v
		}
	}
	return 0
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ")
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
