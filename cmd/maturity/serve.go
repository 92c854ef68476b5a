package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/dcat"
	"github.com/stadleuven/maturity/examples"
	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/internal/httpx"
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
	addr := fl.String("addr", "127.0.0.1:8080", tr("adres waarop geluisterd wordt", "address to listen on"))
	baseFlag := fl.String("base", "", tr("publieke basis-IRI van deze instantie (schema, host, padvoorvoegsel); standaard "+defaultBase+" of die waarmee de opslag gemaakt werd; kies ze voor de eerste start", "public base IRI of this instance (scheme, host, path prefix); default "+defaultBase+" or the one the store was created with; choose it before the first start"))
	licence := fl.String("licence", "http://creativecommons.org/publicdomain/zero/1.0/", tr("licentie van de gepubliceerde gegevens", "licence of the published data"))
	timeout := fl.Duration("timeout", 30*time.Second, tr("tijdslimiet per verzoek en per query", "per-request and per-query timeout"))
	rowCap := fl.Int("max-rows", 100000, tr("meeste rijen van een SPARQL-resultaat (gemeld als de grens bereikt is)", "maximum rows of a SPARQL result (signalled when reached)"))
	defGraph := fl.String("default-graph", "union", tr("SPARQL-standaardgraaf: union (van alle grafen) of own", "SPARQL default graph: union (of all graphs) or own"))
	serviceAllow := fl.String("service-allow", "", tr("SPARQL-endpoints, gescheiden door komma's, die SERVICE mag aanroepen (standaard geen)", "comma-separated SPARQL endpoints that SERVICE may call (none by default)"))
	editToken := fl.String("edit-token", "", tr("bearer-token (Authorization: Bearer) waarmee een script de evaluaties van --edit-token-org mag publiceren", "bearer token (Authorization: Bearer) with which a script may publish the assessments of --edit-token-org"))
	editTokenOrg := fl.String("edit-token-org", "", tr("NIS-code van de organisatie die het --edit-token mag bewerken", "NIS code of the organisation the --edit-token may edit"))
	trustProxy := fl.String("trust-proxy", "", tr("adressen of netwerken, gescheiden door komma's, van de reverse proxies wier X-Forwarded-For/-Host/-Proto-headers geloofd worden (standaard geen)", "comma-separated addresses or networks of the reverse proxies whose X-Forwarded-For/-Host/-Proto headers are believed (none by default)"))
	readOnly := fl.Bool("read-only", false, tr("zet het webformulier voor evaluaties uit", "turn off the assessment web form"))
	publisher := fl.String("publisher", "", tr("NIS-code van de organisatie die deze instantie uitbaat (uitgever van de catalogus)", "NIS code of the organisation that runs this instance (publisher of the catalog)"))
	contact := fl.String("contact", "", tr("e-mailadres van het contactpunt van de catalogus", "contact e-mail address for the catalog's contact point"))
	model := fl.String("model", "", tr("laad bij de eerste start het maturiteitsmodel uit deze map (één submap met Turtle-bestanden per graaf, zoals vocab/ttl) in plaats van het ingebouwde", "on first start, load the maturity model from this directory (one sub-directory of Turtle files per graph, like vocab/ttl) instead of the built-in one"))
	withExamples := fl.Bool("examples", false, tr("laad bij de eerste start ook de voorbeelden (de bevindingen van de studie en de fictieve demosteden); standaard: alleen bij een loopback---base, een proef op deze machine, en nooit met --harvest", "on first start, also load the examples (the study's findings and the fictional demo cities); default: only for a loopback --base, a trial on this machine, and never with --harvest"))
	serviceTimeout := fl.Duration("service-timeout", 10*time.Second, tr("tijdslimiet van één SERVICE-aanroep (binnen de eigen --timeout van de query)", "timeout of one remote SERVICE call (within the query's own --timeout)"))
	harvestFile := fl.String("harvest", "", tr("hubmodus: oogst de bronnen uit dit bestand (ID CATALOGUS-URL [interval=6h] [endpoint=URL] [allow=ORIGIN,...] [max-bytes=256MiB]) op hun intervallen; hun endpoints komen bij --service-allow", "hub mode: harvest the sources this file lists (ID CATALOG-URL [interval=6h] [endpoint=URL] [allow=ORIGIN,...] [max-bytes=256MiB]) at their intervals; their endpoints join --service-allow"))
	hf := addHarvestFlags(fl)
	mf := addMirrorFlags(fl, "mirror-")
	limits := addLimitFlags(fl)
	httpLimits := addHTTPFlags(fl)
	spool := byteSize(sparqlhttp.DefaultMaxSpool)
	fl.Var(&spool, "max-spool", tr("antwoorden die op schijf wachten op clients die trager lezen dan hun query's antwoorden, alles samen (-1: geen grens)", "answers that wait on disk for clients reading slower than their queries answer, all together (-1: no limit)"))
	mapSize := byteSize(1 << 30)
	fl.Var(&mapSize, "map-size", tr("aanvankelijke memory map van de opslag; een commit die eruit groeit wacht op de lopende leesbewerkingen", "initial memory map of the store; a commit that outgrows it waits for the reads under way"))
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
	}
	if !flagSet(fl, "examples") {
		// A hub shows what it harvests, and a public instance its own
		// organisation's data: demo cities only for a trial on this machine.
		*withExamples = *harvestFile == "" && examplesByDefault(base)
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
	defer func() {
		if err := st.Close(); err != nil {
			log.Error("closing the store", "err", err)
		}
	}()
	if err := ensureLoaded(ctx, st, *data, base, firstLoad{modelDir: *model, examples: *withExamples}, log); err != nil {
		return err
	}
	namespaces, err := modelNamespaces(ctx, st, base)
	if err != nil {
		return err
	}
	if *publisher, err = catalogPublisher(ctx, st, base, *publisher); err != nil {
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
	proxies, err := httpx.ParseProxies(splitList(*trustProxy))
	if err != nil {
		return fmt.Errorf("--trust-proxy: %w", err)
	}
	priv, err := openPrivate(*data)
	if err != nil {
		return err
	}
	defer priv.Close()
	app, err := webapp.New(webapp.Config{
		Base:         base,
		Licence:      *licence,
		DefaultLang:  "nl",
		Logger:       log,
		Namespaces:   namespaces,
		Writer:       writer,
		Private:      priv,
		EditToken:    *editToken,
		EditTokenOrg: *editTokenOrg,
		TrustProxy:   proxies,
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
	wctx, stopWarm := context.WithCancel(ctx)
	srv.Warm(wctx)
	// Before the store closes (deferred above): a background build that
	// still held a view would keep the store open, and locked.
	defer func() { stopWarm(); srv.Wait() }()

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
		if fl.examples {
			log.Info("first start: loaded the maturity model and the examples (fictional demo cities)", "quads", n)
		} else {
			log.Info("first start: loaded the maturity model", "quads", n)
		}
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

// examplesByDefault reports whether a new store at base gets the examples
// (the fictional demo cities) without being asked: only a trial on this
// machine, never a city's public instance.
func examplesByDefault(base string) bool {
	u, err := url.Parse(base)
	return err == nil && httpx.LoopbackHost(u.Host)
}

// demoPublisher is the fictional demo city of the examples, the catalog's
// publisher on a trial instance that names none.
const demoPublisher = "99991"

// catalogPublisher checks the catalog's publisher: the organisation that
// runs the instance, which the store must know. A public instance must
// name it (--publisher); a trial on this machine defaults to the demo
// city of the examples. Never another city by default. A publisher that
// is named must be known.
func catalogPublisher(ctx context.Context, st *store.Store, base, nis string) (string, error) {
	if nis == "" {
		if !examplesByDefault(base) {
			return "", errors.New(tr("geef --publisher NIS: de organisatie die deze server uitbaat en de catalogus publiceert (vereist voor een publieke --base)",
				"give --publisher NIS: the organisation that runs this server and publishes the catalog (required for a public --base)"))
		}
		// A trial on this machine: the demo city, known or not (a trial
		// without the examples has no organisations at all).
		return demoPublisher, nil
	}
	snap, err := st.Snapshot()
	if err != nil {
		return "", err
	}
	defer snap.Close()
	label, err := assess.OrgLabel(ctx, snap, base, nis)
	if err != nil {
		return "", err
	}
	if len(label) == 0 {
		return "", fmt.Errorf(tr("--publisher %s: de organisatie is onbekend; voeg ze toe met maturity org add --nis %s --name NAAM",
			"--publisher %s: the organisation is unknown; add it with maturity org add --nis %s --name NAME"), nis, nis)
	}
	return nis, nil
}
