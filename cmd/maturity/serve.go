package main

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stadleuven/maturity/dcat"
	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/voidstats"
	"github.com/stadleuven/maturity/ldserver"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparqlhttp"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
	"github.com/stadleuven/maturity/webapp"
)

// defaultBase is the public base IRI when --base is not given; it matches
// the default --addr so that a fresh `serve` dereferences its own IRIs.
const defaultBase = "http://localhost:8080/"

func runServe(ctx context.Context, sio stdio, args []string) error {
	fl := newFlags(sio, "serve", "[--addr 127.0.0.1:8080] [--data DIR] [--base IRI] [--harvest FILE]")
	data := dataFlag(fl)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on")
	baseFlag := fl.String("base", "", "public base IRI of this instance (scheme, host, path prefix); default "+defaultBase+" or the one the store was created with")
	licence := fl.String("licence", "http://creativecommons.org/publicdomain/zero/1.0/", "licence of the published data")
	timeout := fl.Duration("timeout", 30*time.Second, "per-request and per-query timeout")
	rowCap := fl.Int("max-rows", 100000, "maximum rows of a SPARQL result (signalled when reached)")
	defGraph := fl.String("default-graph", "union", "SPARQL default graph: union (of all graphs) or own")
	serviceAllow := fl.String("service-allow", "", "comma-separated SPARQL endpoints that SERVICE may call (none by default)")
	editToken := fl.String("edit-token", "", "token that publishing an assessment through the web form requires; empty: only clients on this machine may publish")
	readOnly := fl.Bool("read-only", false, "turn off the assessment web form")
	publisher := fl.String("publisher", "", "NIS code of the organisation that runs this instance (publisher of the catalog)")
	contact := fl.String("contact", "", "contact e-mail address for the catalog's contact point")
	model := fl.String("model", "", "on first start, load the maturity model from this directory (one sub-directory of Turtle files per graph, like vocab/ttl) instead of the built-in one")
	withExamples := fl.Bool("examples", true, "on first start, also load the examples (the study's findings and the fictional demo cities); with --harvest the default is false")
	serviceTimeout := fl.Duration("service-timeout", 10*time.Second, "timeout of one remote SERVICE call (within the query's own --timeout)")
	harvestFile := fl.String("harvest", "", "hub mode: harvest the sources this file lists (ID CATALOG-URL [interval=6h] [endpoint=URL] [allow=ORIGIN,...] [max-bytes=256MiB]) at their intervals; their endpoints join --service-allow")
	hf := addHarvestFlags(fl)
	mf := addMirrorFlags(fl, "mirror-")
	limits := addLimitFlags(fl)
	httpLimits := addHTTPFlags(fl)
	spool := byteSize(sparqlhttp.DefaultMaxSpool)
	fl.Var(&spool, "max-spool", "answers that wait on disk for clients reading slower than their queries answer, all together (-1: no limit)")
	mapSize := byteSize(1 << 30)
	fl.Var(&mapSize, "map-size", "initial memory map of the store; a commit that outgrows it waits for the reads under way")
	if err := fl.Parse(args); err != nil {
		return err
	}
	base, err := resolveBase(*data, *baseFlag)
	if err != nil {
		return err
	}
	var sources []harvest.Source
	if *harvestFile != "" {
		if sources, err = readSources(*harvestFile, nil); err != nil {
			return err
		}
		// A hub shows what it harvests, not the demo cities, unless asked.
		if !flagSet(fl, "examples") {
			*withExamples = false
		}
	}
	log := slog.New(slog.NewTextHandler(sio.err, nil))
	// The collector runs with the default GOGC: serve used to set 400,
	// which made queries 20–30 % faster when they allocated a row's
	// worth per solution, but the batched evaluator allocates little, and
	// on the benchmark of record GOGC 100, 200 and 400 now take the same
	// CPU (bench/RESULTS.md) while 400 kept five times the live heap.
	limits.setMemoryLimit(log)

	st, err := openStoreWith(*data, &store.Options{MmapSize: int(mapSize)})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureLoaded(ctx, st, *data, base, firstLoad{modelDir: *model, examples: *withExamples}, log); err != nil {
		return err
	}
	namespaces, err := modelNamespaces(ctx, st, base)
	if err != nil {
		return err
	}

	if err := dcat.CheckLicence(*licence); err != nil {
		return fmt.Errorf("--licence: %w", err)
	}
	if *defGraph != "union" && *defGraph != "own" {
		return fmt.Errorf("--default-graph must be union or own, not %q", *defGraph)
	}
	queries, err := fs.Sub(examples.Files(), "queries")
	if err != nil {
		return err
	}
	// One site: the linked data, the SPARQL endpoint and the web app,
	// each its own package, routed together by ldserver.
	src := storeSource{st}
	stats := &voidstats.Cache{}
	hubRun, hubPages, allow, err := hubMode(st, *data, base, sources, hf, mf, log)
	if err != nil {
		return err
	}
	endpoint, err := sparqlhttp.New(sparqlhttp.Config{
		Base:            base,
		Licence:         *licence,
		DefaultLang:     "nl",
		Logger:          log,
		Context:         vocab.Context(),
		Prefixes:        vocab.Prefixes(),
		DefaultGraphOwn: *defGraph == "own",
		Timeout:         *timeout,
		MaxRows:         *rowCap,
		ServiceAllow:    append(splitList(*serviceAllow), allow...),
		ServiceTimeout:  *serviceTimeout,
		Queries:         queries,
		Limits:          limits.limits(),
		MaxQueries:      *limits.queries,
		MaxQueued:       limits.queuedConfig(),
		MaxSpool:        int64(spool),
		SpoolDir:        filepath.Join(*data, "spool"),
		Stats:           stats,
		TableCacheBytes: int64(limits.tables),
	}, src)
	if err != nil {
		return err
	}
	var writer webapp.Writer
	sw := &storeWriter{st: st}
	if !*readOnly {
		writer = sw
	}
	app, err := webapp.New(webapp.Config{
		Base:        base,
		Licence:     *licence,
		DefaultLang: "nl",
		Logger:      log,
		Namespaces:  namespaces,
		Writer:      writer,
		EditToken:   *editToken,
	}, src)
	if err != nil {
		return err
	}
	apps := []ldserver.App{endpoint, app}
	if hubPages != nil {
		apps = append(apps, hubPages)
	}
	srv, err := ldserver.New(ldserver.Config{
		Base:           base,
		Licence:        *licence,
		DefaultLang:    "nl",
		RequestTimeout: *timeout,
		Logger:         log,
		Context:        vocab.Context(),
		Prefixes:       vocab.Prefixes(),
		Namespaces:     namespaces,
		DumpDir:        filepath.Join(*data, "dumps"),
		Stats:          stats,
		Catalog:        ldserver.CatalogConfig{Publisher: *publisher, ContactEmail: *contact},
		Apps:           apps,
	}, src)
	if err != nil {
		return err
	}
	// The catalog and the statistics are built now and after every
	// change, not on a user's request.
	sw.changed = srv.DataChanged
	srv.Warm(ctx)

	if err := os.MkdirAll(filepath.Join(*data, "spool"), 0o700); err != nil {
		return fmt.Errorf("spool directory: %w", err)
	}
	stopAdmin, err := serveAdmin(*data, st, log)
	if err != nil {
		return err
	}
	defer stopAdmin()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("serving", "addr", "http://"+ln.Addr().String()+"/", "base", base, "data", *data)
	// The hub's harvester runs beside the server and stops with it.
	hubDone := make(chan struct{})
	hctx, stopHub := context.WithCancel(ctx)
	defer func() { stopHub(); <-hubDone }()
	go func() { defer close(hubDone); hubRun(hctx) }()
	return httpLimits.serveHTTP(ctx, ln, srv.Handler(), log)
}

// storeSource lets the server open read views without importing store.
type storeSource struct{ st *store.Store }

func (s storeSource) View(ctx context.Context) (readview.View, error) { return s.st.Snapshot() }

// firstLoad says what a new store starts with.
type firstLoad struct {
	modelDir string // "" means the built-in model
	examples bool
}

// storeWriter lets the web app publish without importing store: each
// publish is one transaction, after which changed (the server's Warm)
// rebuilds the computed documents.
type storeWriter struct {
	st      *store.Store
	changed func()
}

func (w *storeWriter) ReplaceGraphs(ctx context.Context, graphs []webapp.GraphContent) error {
	gcs := make([]store.GraphContent, len(graphs))
	for i, g := range graphs {
		gcs[i] = store.GraphContent{Graph: g.Graph, Quads: g.Quads}
	}
	if err := w.st.ReplaceGraphs(ctx, gcs); err != nil {
		return err
	}
	if w.changed != nil {
		w.changed()
	}
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// ensureLoaded loads the maturity model (and the examples) into a store
// that has no model yet, in one atomic import, so a fresh `serve` shows
// something.
func ensureLoaded(ctx context.Context, st *store.Store, dir, base string, fl firstLoad, log *slog.Logger) error {
	if err := recordBase(dir, base); err != nil {
		return err
	}
	snap, err := st.Snapshot()
	if err != nil {
		return err
	}
	if err := checkModel(dir, base, snap); err != nil {
		snap.Close()
		return err
	}
	_, ok, err := snap.Lookup(rdf.IRI(vocab.ModelGraph(base)))
	snap.Close()
	if err != nil || ok {
		return err
	}
	n, err := st.Import(ctx, func(emit func(rdf.Quad) error) error {
		model := vocab.Files()
		if fl.modelDir != "" {
			model = os.DirFS(fl.modelDir)
		}
		if err := vocab.LoadFS(base, model, emit); err != nil {
			return fmt.Errorf("load model: %w", err)
		}
		if !fl.examples {
			return nil
		}
		return examples.Load(ctx, base, emit)
	})
	if err != nil {
		return err
	}
	if log != nil {
		what := "first start: loaded the maturity model"
		if fl.examples {
			what += " and the examples"
		}
		log.Info(what, "quads", n)
	}
	return nil
}

// modelNamespaces reads the shared namespaces the store's model declares
// (vocab.ReadNamespaces): the server mirrors them under the base.
func modelNamespaces(ctx context.Context, st *store.Store, base string) ([]vocab.Namespace, error) {
	snap, err := st.Snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	var qs []rdf.Quad
	err = snap.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, store.Graph(rdf.IRI(vocab.ModelGraph(base))), func(q rdf.Quad) bool {
		qs = append(qs, q)
		return true
	})
	if err != nil {
		return nil, err
	}
	ns, err := vocab.ReadNamespaces(qs)
	if err != nil {
		return nil, fmt.Errorf("the model in %s: %w", vocab.ModelGraph(base), err)
	}
	return ns, nil
}
