package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/store"
)

const harvestUsage = "[--data DIR] [--sources FILE] [--allow-private] [--per-host N] [--timeout D] [--parallel N] URL..."

// harvestFlags are the flags harvest and serve --harvest share.
type harvestFlags struct {
	allowPrivate *bool
	perHost      *int
	timeout      *time.Duration
	parallel     *int
}

func addHarvestFlags(fl *flag.FlagSet) *harvestFlags {
	return &harvestFlags{
		allowPrivate: fl.Bool("allow-private", false, tr("sta bronnen op loopback-, private of link-local adressen toe (tests; een hub op het lokale netwerk)", "let sources be on loopback, private or link-local addresses (tests; a hub on the local network)")),
		perHost:      fl.Int("per-host", 4, tr("gelijktijdige HTTP-verzoeken per host, ten hoogste", "HTTP requests in flight per host, at most")),
		timeout:      fl.Duration("fetch-timeout", 60*time.Second, tr("tijdslimiet van één HTTP-verzoek van een oogst", "timeout of one HTTP request of a harvest")),
		parallel:     fl.Int("parallel", 2, tr("bronnen die tegelijk geoogst worden", "sources harvested at once")),
	}
}

// harvester builds the harvester over the store in data.
func (hf *harvestFlags) harvester(st *store.Store, data, base string, log *slog.Logger) (*harvest.Harvester, error) {
	client := webfetch.New(webfetch.Options{
		AllowPrivate: *hf.allowPrivate,
		PerHost:      *hf.perHost,
		Timeout:      *hf.timeout,
		MaxBytes:     harvest.DefaultMaxBytes,
		UserAgent:    "maturity-harvest/1 (open-data-maturiteit hub; +https://w3id.org/open-data-maturiteit/)",
	})
	return harvest.New(harvest.Options{
		Log:      log,
		Base:     base,
		Client:   client,
		Store:    harvestStore{st},
		CacheDir: filepath.Join(data, "oogst-cache"),
		Parallel: *hf.perHost,
	})
}

// readSources reads --sources and the URLs given as arguments.
func readSources(file string, urls []string) ([]harvest.Source, error) {
	var srcs []harvest.Source
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if srcs, err = harvest.ParseSources(f, file); err != nil {
			return nil, err
		}
	}
	ids := map[string]bool{}
	for _, s := range srcs {
		ids[s.ID] = true
	}
	for _, u := range urls {
		s, err := harvest.NewSource(u)
		if err != nil {
			return nil, err
		}
		if ids[s.ID] {
			return nil, fmt.Errorf("%s: a source with ID %s is already listed", u, s.ID)
		}
		ids[s.ID] = true
		srcs = append(srcs, s)
	}
	return srcs, nil
}

func runHarvest(ctx context.Context, sio stdio, args []string) error {
	fl := newFlags(sio, "harvest", harvestUsage)
	data := dataFlag(fl)
	baseFlag := fl.String("base", "", tr("publieke basis-IRI van de hub (standaard: die waarmee de opslag gemaakt werd)", "public base IRI of the hub (default: the one the store was created with)"))
	sourcesFile := fl.String("sources", "", tr("bestand met de bronnen: ID CATALOGUS-URL [interval=6h] [endpoint=URL] [allow=ORIGIN,...] [max-bytes=256MiB]", "file listing the sources: ID CATALOG-URL [interval=6h] [endpoint=URL] [allow=ORIGIN,...] [max-bytes=256MiB]"))
	hf := addHarvestFlags(fl)
	urls, err := parseInterspersed(fl, args)
	if err != nil {
		return err
	}
	srcs, err := readSources(*sourcesFile, urls)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		fl.Usage()
		return errors.New("no sources: give catalog URLs or --sources FILE")
	}
	base, err := resolveBase(*data, *baseFlag)
	if err != nil {
		return err
	}
	st, err := openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureLoaded(ctx, st, *data, base, firstLoad{}, nil); err != nil {
		return err
	}
	h, err := hf.harvester(st, *data, base, slog.New(slog.NewTextHandler(sio.err, nil)))
	if err != nil {
		return err
	}
	start := time.Now()
	reps := make([]*harvest.Report, len(srcs))
	sem := make(chan struct{}, max(*hf.parallel, 1))
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i, src := range srcs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			reps[i] = h.Harvest(ctx, src)
			mu.Lock()
			printReport(sio.out, reps[i])
			mu.Unlock()
		}()
	}
	wg.Wait()
	return summarise(sio.out, reps, time.Since(start))
}

// printReport writes one line about one source's harvest.
func printReport(w io.Writer, r *harvest.Report) {
	if r.Err != nil {
		fmt.Fprintf(w, "%s: MISLUKT (FAILED), laatste goede gegevens blijven (last good data kept): %v\n", r.Source, r.Err)
		return
	}
	fmt.Fprintf(w, "%s: %d datasets (%d changed, %d unchanged, %d record only, %d withdrawn, %d failed); %d requests, %d answered 304, %d with a body, %s; %d triples; %s\n",
		r.Source, r.Datasets, r.Changed, r.Unchanged, r.RecordOnly, r.Withdrawn, r.Failed, r.Requests, r.NotModified, r.Bodies,
		budget.Bytes(r.Bytes), r.Triples, r.Duration.Round(time.Millisecond))
	keys := make([]string, 0, len(r.DatasetErrors))
	for k := range r.DatasetErrors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  %s: %s\n", k, r.DatasetErrors[k])
	}
}

// summarise prints the totals and fails when a source failed.
func summarise(w io.Writer, reps []*harvest.Report, took time.Duration) error {
	var failed []string
	var req, nm, bodies int
	var bytes, triples int64
	for _, r := range reps {
		req, nm, bodies, bytes, triples = req+r.Requests, nm+r.NotModified, bodies+r.Bodies, bytes+r.Bytes, triples+r.Triples
		if r.Err != nil {
			failed = append(failed, r.Source)
		}
	}
	fmt.Fprintf(w, "%d sources in %s: %d requests, %d answered 304, %d with a body, %s received; %d triples held\n",
		len(reps), took.Round(time.Millisecond), req, nm, bodies, budget.Bytes(bytes), triples)
	if len(failed) > 0 {
		return fmt.Errorf("%d van %d bronnen mislukt (%d of %d sources failed): %s", len(failed), len(reps), len(failed), len(reps), strings.Join(failed, ", "))
	}
	return nil
}

// harvestStore lets the harvester read and write the store without
// importing it: each ReplaceGraphs is one transaction.
type harvestStore struct{ st *store.Store }

func (h harvestStore) GraphQuads(ctx context.Context, graph string) ([]rdf.Quad, error) {
	snap, err := h.st.Snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	var qs []rdf.Quad
	err = snap.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, store.Graph(rdf.IRI(graph)), func(q rdf.Quad) bool {
		qs = append(qs, q)
		return true
	})
	return qs, err
}

func (h harvestStore) ReplaceGraphs(ctx context.Context, graphs []harvest.Graph) error {
	gcs := make([]store.GraphContent, len(graphs))
	for i, g := range graphs {
		gcs[i] = store.GraphContent{Graph: rdf.IRI(g.IRI), Quads: g.Quads}
	}
	return h.st.ReplaceGraphs(ctx, gcs)
}
