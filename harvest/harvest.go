package harvest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"

	"github.com/stadleuven/maturity/catalogread"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// Store is what the harvester needs of the hub's store. cmd/maturity
// wires the quad store in; the harvester never sees it.
type Store interface {
	// GraphQuads returns the quads of one named graph, none when it does
	// not exist.
	GraphQuads(ctx context.Context, graph string) ([]rdf.Quad, error)
	// ReplaceGraphs replaces every graph given, in one transaction: all
	// of them change or none does. Empty content removes a graph.
	ReplaceGraphs(ctx context.Context, graphs []Graph) error
}

// Graph is the whole new content of one named graph.
type Graph struct {
	IRI   string
	Quads []rdf.Quad
}

// Options configure a Harvester.
type Options struct {
	Base   string           // the hub's base IRI
	Client *webfetch.Client // fetches everything; its PerHost bounds the requests per host
	Store  Store
	// CacheDir keeps the catalog pages last received, so that a page the
	// source answers 304 is read from there ("" : pages are fetched
	// unconditionally).
	CacheDir string
	// Parallel is the number of a source's distributions fetched at once
	// (default 4; the client's per-host bound applies as well).
	Parallel int
	// Backoff is the wait after n failures in a row (default 1 min × 2^(n-1),
	// at most the source's interval).
	Backoff func(n int) time.Duration
	Now     func() time.Time
	Log     *slog.Logger
}

// Harvester harvests sources into a store.
type Harvester struct {
	opts  Options
	cache *pageCache
}

// New returns a Harvester.
func New(opts Options) (*Harvester, error) {
	if opts.Base == "" || opts.Client == nil || opts.Store == nil {
		return nil, errors.New("harvest: Base, Client and Store are required")
	}
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.Backoff == nil {
		opts.Backoff = func(n int) time.Duration { return time.Minute << min(max(n-1, 0), 20) }
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	return &Harvester{opts: opts, cache: newPageCache(opts.CacheDir)}, nil
}

// Report is the outcome of one harvest of one source.
type Report struct {
	Source     string
	Started    time.Time
	Duration   time.Duration
	Pages      int // catalog pages read
	Datasets   int // datasets in the catalog
	Changed    int // datasets whose data the hub wrote anew
	Unchanged  int // datasets whose data had not changed (304, or the same triples)
	RecordOnly int // datasets without an RDF distribution: record only
	Withdrawn  int // datasets withdrawn by this harvest (410, or gone from the catalog)
	Failed     int // datasets whose fetch failed: their last good data stays

	Requests    int   // HTTP requests sent
	NotModified int   // of which answered 304
	Bodies      int   // of which answered with a body (2xx)
	Bytes       int64 // body bytes received
	Triples     int64 // triples the hub holds of the source after the harvest

	// Err is set when the source failed as a whole (its catalog could not
	// be read, the byte cap was met): nothing but its status changed.
	Err error
	// DatasetErrors are the datasets that failed, by dataset IRI.
	DatasetErrors map[string]string
	// NextAttempt is when the source is due again.
	NextAttempt time.Time
}

// Harvest reads the source's catalog and fetches the data of every
// dataset that changed, then writes the source's new graphs, records and
// status in one transaction. A source that fails keeps its last good
// data; the failure is in the report and the status graph.
func (h *Harvester) Harvest(ctx context.Context, src Source) *Report {
	start := h.opts.Now()
	now := start.UTC().Truncate(time.Second) // what the records say: RFC 3339 to the second
	rep := &Report{Source: src.ID, Started: now, DatasetErrors: map[string]string{}}
	defer func() { rep.Duration = h.opts.Now().Sub(start) }()
	prev, err := ReadStatus(ctx, h.opts.Store, h.opts.Base, src)
	if err != nil {
		rep.Err = fmt.Errorf("harvest %s: read status: %w", src.ID, err)
		return rep
	}
	status := &Status{ID: src.ID, Catalog: src.Catalog, Endpoint: src.Endpoint, LastAttempt: now,
		LastSuccess: prev.LastSuccess, DatasetErrors: map[string]string{}}
	writes, err := h.harvest(ctx, src, rep)
	status.Requests, status.NotModified, status.Bytes = rep.Requests, rep.NotModified, rep.Bytes
	if err != nil {
		rep.Err = err
		status.LastError, status.ErrorTime = oneLine(err.Error()), now
		status.Failures = prev.Failures + 1
		wait := min(h.opts.Backoff(status.Failures), src.Interval)
		if ra := retryAfterOf(err); ra > wait {
			wait = ra
		}
		status.NextAttempt = now.Add(wait)
		rep.NextAttempt = status.NextAttempt
		rep.Triples = prev.Triples // what the hub still holds of the source
		writes = nil
	} else {
		status.LastSuccess = now
		status.NextAttempt = now.Add(src.Interval)
		rep.NextAttempt = status.NextAttempt
		for d, msg := range rep.DatasetErrors {
			status.DatasetErrors[d] = oneLine(msg)
		}
		if len(rep.DatasetErrors) > 0 {
			status.LastError = fmt.Sprintf("%d dataset(s) niet opgehaald; hun laatste goede gegevens blijven (%d dataset(s) not fetched; their last good data stays)", len(rep.DatasetErrors), len(rep.DatasetErrors))
			status.ErrorTime = now
		}
	}
	writes = append(writes, Graph{IRI: vocab.HarvestStatusGraph(h.opts.Base, src.ID), Quads: statusQuads(h.opts.Base, status)})
	if err := h.opts.Store.ReplaceGraphs(ctx, writes); err != nil {
		rep.Err = errors.Join(rep.Err, fmt.Errorf("harvest %s: write: %w", src.ID, err))
	}
	return rep
}

// retryError carries a source's Retry-After beyond what the client waits
// for by itself.
type retryError struct {
	err  error
	wait time.Duration
}

func (e *retryError) Error() string { return e.err.Error() }
func (e *retryError) Unwrap() error { return e.err }

func retryAfterOf(err error) time.Duration {
	var re *retryError
	if errors.As(err, &re) {
		return re.wait
	}
	return 0
}

// run is the state of one harvest of one source.
type run struct {
	h   *Harvester
	src Source
	rep *Report

	mu     sync.Mutex
	left   int64               // bytes the source may still send
	pageOf map[rdf.Term]string // the first page that lists each dataset
}

// fetch sends one GET through the client, on the source's origins only,
// within the source's byte budget.
func (r *run) fetch(ctx context.Context, req webfetch.Request) (webfetch.Response, error) {
	if err := r.src.allows(req.URL); err != nil {
		return webfetch.Response{}, err
	}
	req.Redirect = func(u *url.URL) error { return r.src.allows(u.String()) }
	r.mu.Lock()
	req.MaxBytes = r.left
	r.mu.Unlock()
	if req.MaxBytes <= 0 {
		return webfetch.Response{}, r.overBudget()
	}
	resp := r.h.opts.Client.Fetch(ctx, req)
	r.mu.Lock()
	defer r.mu.Unlock()
	if resp.Err != nil {
		return resp, fmt.Errorf("%s: ophalen mislukt (fetch failed): %w", req.URL, resp.Err)
	}
	r.rep.Requests++
	r.rep.Bytes += int64(len(resp.Body))
	r.left -= int64(len(resp.Body))
	switch {
	case resp.Status == http.StatusNotModified:
		r.rep.NotModified++
	case resp.OK():
		r.rep.Bodies++
	}
	if resp.Truncated || r.left < 0 {
		return resp, r.overBudget()
	}
	return resp, nil
}

func (r *run) overBudget() error { return &budgetError{source: r.src.ID, max: r.src.MaxBytes} }

// budgetError says a source sent more than its byte cap: the harvest of
// the whole source stops.
type budgetError struct {
	source string
	max    int64
}

func (e *budgetError) Error() string {
	return fmt.Sprintf("%s: meer dan max-bytes=%d bytes in één oogst; gestopt (more than max-bytes=%d bytes in one harvest; stopped)", e.source, e.max, e.max)
}

// statusError describes an answer that is neither data nor 304.
func statusError(u string, resp webfetch.Response) error {
	err := fmt.Errorf("%s antwoordt HTTP %d (answers HTTP %d)", u, resp.Status, resp.Status)
	if resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusServiceUnavailable {
		if wait := webfetch.RetryAfter(resp.Header.Get("Retry-After"), time.Now()); wait > 0 {
			return &retryError{err: fmt.Errorf("%w; Retry-After %s", err, wait.Round(time.Second)), wait: wait}
		}
	}
	return err
}

// page fetches catalog page n, conditionally when the cache holds it.
func (r *run) page(ctx context.Context, u string, n int) ([]rdf.Quad, error) {
	cached := r.h.cache.load(u)
	req := webfetch.Request{URL: u, Accept: catalogread.Accept}
	if cached != nil {
		req.IfNoneMatch, req.IfModifiedSince = cached.ETag, cached.LastModified
	}
	resp, err := r.fetch(ctx, req)
	if err != nil {
		return nil, err
	}
	switch {
	case resp.Status == http.StatusNotModified && cached != nil:
		resp.Body, resp.ContentType, resp.FinalURL = cached.Body, cached.ContentType, cached.FinalURL
	case resp.OK():
		r.h.cache.store(u, resp)
	default:
		return nil, statusError(u, resp)
	}
	quads, err := catalogread.Decode(resp.Body, resp.ContentType, resp.FinalURL, u, catalogread.BlankPrefix(n), nil)
	if err != nil {
		return nil, err
	}
	for _, q := range quads {
		d := rdf.Term{}
		switch {
		case q.P.Value == nsDCAT+"dataset":
			d = q.O
		case q.P.Value == rdf.RDFType && q.O.Value == nsDCAT+"Dataset":
			d = q.S
		}
		if _, ok := r.pageOf[d]; !d.IsZero() && !ok {
			r.pageOf[d] = u
		}
	}
	return quads, nil
}

// harvest does the work of Harvest and returns the graphs to write.
func (h *Harvester) harvest(ctx context.Context, src Source, rep *Report) ([]Graph, error) {
	base := h.opts.Base
	r := &run{h: h, src: src, rep: rep, left: src.MaxBytes, pageOf: map[rdf.Term]string{}}
	oldQuads, err := h.opts.Store.GraphQuads(ctx, vocab.HarvestGraph(base, src.ID))
	if err != nil {
		return nil, err
	}
	old := readRecords(base, src, oldQuads)
	quads, pages, err := catalogread.Walk(ctx, src.Catalog, r.page, catalogread.WalkOptions{Follow: src.allows})
	if err != nil {
		return nil, err
	}
	rep.Pages = len(pages)
	cat := catalogread.Index(quads)
	stop := map[rdf.Term]bool{}
	for _, class := range []string{nsDCAT + "Catalog", nsDCAT + "DataService", nsDCAT + "Dataset"} {
		for _, n := range cat.Instances(class) {
			stop[n] = true
		}
	}
	for _, d := range cat.Datasets {
		stop[d.Node] = true
	}

	// One job per dataset; the fetches run Parallel at a time.
	type job struct {
		rec   *record
		prev  *record
		quads []rdf.Quad // new data, nil when unchanged or none
		err   error
		gone  bool
	}
	var jobs []*job
	seen := map[string]bool{}
	for _, d := range cat.Datasets {
		key, ok := datasetKey(src.Catalog, cat, d.Node)
		if !ok || seen[key] {
			continue
		}
		seen[key] = true
		rep.Datasets++
		rec := &record{Key: key, Dataset: d.Node, Page: r.pageOf[d.Node], Desc: relabel(cat.Describe(d.Node, 3, stop), key)}
		if rec.Dataset.IsBlank() {
			rec.Dataset = rdf.IRI(vocab.HarvestRecord(base, src.ID, key) + "#dataset")
		}
		rec.Dist, _ = chooseDistribution(cat, d)
		jobs = append(jobs, &job{rec: rec, prev: old[key]})
	}
	sem := make(chan struct{}, h.opts.Parallel)
	var wg sync.WaitGroup
	for _, j := range jobs {
		if j.rec.Dist == "" {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			j.quads, j.gone, j.err = r.dataset(ctx, j.rec, j.prev)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	now := rep.Started
	var writes []Graph
	var recs []*record
	for _, j := range jobs {
		rec, prev := j.rec, j.prev
		graph := vocab.HarvestDataGraph(base, src.ID, rec.Key)
		hadGraph := prev != nil && prev.HasGraph && prev.Withdrawn.IsZero()
		switch {
		case rec.Dist == "":
			rep.RecordOnly++
			if hadGraph {
				writes = append(writes, Graph{IRI: graph})
			}
		case j.gone:
			rec.Withdrawn, rec.Reason, rec.Desc = now, vocab.Text{"nl": "De bron antwoordt 410 Gone voor de distributie.", "en": "The source answers 410 Gone for the distribution."}, nil
			if prev != nil && !prev.Withdrawn.IsZero() {
				rec.Withdrawn, rec.Reason = prev.Withdrawn, prev.Reason // withdrawn before
			} else {
				rep.Withdrawn++
			}
			if hadGraph {
				writes = append(writes, Graph{IRI: graph})
			}
		case j.err != nil:
			// The last good data stays, with its provenance.
			var be *budgetError
			if errors.As(j.err, &be) {
				return nil, j.err
			}
			rep.Failed++
			rep.DatasetErrors[catalogread.TermID(rec.Dataset)] = j.err.Error()
			if hadGraph {
				rec.HasGraph, rec.Dist, rec.ETag, rec.LastModified, rec.Digest, rec.Generated, rec.Triples = true, prev.Dist, prev.ETag, prev.LastModified, prev.Digest, prev.Generated, prev.Triples
			}
		case j.quads == nil: // unchanged
			rep.Unchanged++
		default:
			rep.Changed++
			writes = append(writes, Graph{IRI: graph, Quads: j.quads})
		}
		if rec.HasGraph {
			rep.Triples += int64(rec.Triples)
		}
		recs = append(recs, rec)
	}
	// A dataset gone from the catalog is withdrawn at the hub too; the
	// record of the withdrawal stays.
	for key, prev := range old {
		if seen[key] {
			continue
		}
		if prev.Withdrawn.IsZero() {
			rep.Withdrawn++
			prev = &record{Key: key, Dataset: prev.Dataset, Page: prev.Page, Withdrawn: now,
				Reason: vocab.Text{"nl": "De dataset staat niet meer in de catalogus van de bron.", "en": "The dataset is no longer in the source's catalog."}, HasGraph: prev.HasGraph}
			if prev.HasGraph {
				writes = append(writes, Graph{IRI: vocab.HarvestDataGraph(base, src.ID, key)})
			}
			prev.HasGraph = false
		}
		recs = append(recs, prev)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Key < recs[j].Key })
	records := recordsQuads(base, src, recs)
	if !sameTriples(records, oldQuads) {
		writes = append(writes, Graph{IRI: vocab.HarvestGraph(base, src.ID), Quads: records})
	}
	return writes, nil
}

// dataset fetches one dataset's distribution, conditionally when the hub
// holds an earlier copy of the same distribution. It fills in rec's
// provenance and returns the new triples, nil when the data is unchanged;
// gone is true for 410.
func (r *run) dataset(ctx context.Context, rec, prev *record) (quads []rdf.Quad, gone bool, err error) {
	req := webfetch.Request{URL: rec.Dist, Accept: acceptFor(rec.Dist)}
	valid := prev != nil && prev.HasGraph && prev.Withdrawn.IsZero() && prev.Dist == rec.Dist
	if valid {
		req.IfNoneMatch, req.IfModifiedSince = prev.ETag, prev.LastModified
	}
	resp, err := r.fetch(ctx, req)
	if err != nil {
		return nil, false, err
	}
	keep := func() {
		rec.HasGraph, rec.ETag, rec.LastModified, rec.Digest, rec.Generated, rec.Triples = true, prev.ETag, prev.LastModified, prev.Digest, prev.Generated, prev.Triples
	}
	switch {
	case resp.Status == http.StatusGone:
		return nil, true, nil
	case resp.Status == http.StatusNotModified && valid:
		keep()
		return nil, false, nil
	case !resp.OK():
		return nil, false, statusError(rec.Dist, resp)
	}
	parsed, err := catalogread.Decode(resp.Body, resp.ContentType, resp.FinalURL, rec.Dist, blankPrefix(rec.Key), nil)
	if err != nil {
		return nil, false, err
	}
	keys := tripleKeys(parsed)
	d := digest(keys)
	if valid && d == prev.Digest {
		// The same triples again (a server without validators, or one
		// that changed only its ETag): nothing to write.
		keep()
		rec.ETag, rec.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		return nil, false, nil
	}
	rec.HasGraph, rec.Digest, rec.Triples = true, d, len(keys)
	rec.ETag, rec.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	rec.Generated = r.rep.Started
	for i := range parsed {
		parsed[i].G = rdf.Term{}
	}
	return parsed, false, nil
}

// blankPrefix keeps blank nodes of different datasets apart in the store.
func blankPrefix(key string) string { return "h" + hashKey(key)[2:14] + "_" }

// acceptFor asks for the format the distribution URL's extension names, or
// any RDF.
func acceptFor(u string) string {
	if f := rdfio.FormatForExt(pathOf(u)); f != rdfio.FormatUnknown {
		return f.MediaType() + ", " + catalogread.Accept + ";q=0.5"
	}
	return catalogread.Accept
}

func pathOf(u string) string {
	if p, err := url.Parse(u); err == nil {
		return p.Path
	}
	return u
}
