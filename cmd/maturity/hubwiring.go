package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/harvest"
	"github.com/stadleuven/maturity/hub"
	"github.com/stadleuven/maturity/ldserver"
	"github.com/stadleuven/maturity/store"
)

// hubMode sets up serve --harvest: the scheduler that harvests the
// sources, the hub's pages (/oogst, /vergelijking) and the sources'
// SPARQL endpoints for the SERVICE allow-list. Without sources it returns
// a run that does nothing.
func hubMode(st *store.Store, data, base string, sources []harvest.Source, hf *harvestFlags, mf *mirrorFlags, log *slog.Logger) (run func(context.Context), pages ldserver.App, allow []string, err error) {
	targets, err := mf.mirrors(data)
	if err != nil {
		return nil, nil, nil, err
	}
	public, err := mf.publicEndpoint()
	if err != nil {
		return nil, nil, nil, err
	}
	if len(sources) == 0 {
		if len(targets) > 0 || public != "" {
			return nil, nil, nil, errors.New("--mirror-store and --mirror-public need --harvest: a hub mirrors after each harvest (or run maturity mirror)")
		}
		return func(context.Context) {}, nil, nil, nil
	}
	h, err := hf.harvester(st, data, base, log)
	if err != nil {
		return nil, nil, nil, err
	}
	hp, err := hub.New(hub.Config{Base: base, QueryEndpoint: public, Sources: sources, Store: harvestStore{st}, Views: hubSource{st}, Log: log})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, s := range sources {
		if s.Endpoint != "" {
			allow = append(allow, s.Endpoint)
		}
	}
	sched := &harvest.Scheduler{Harvester: h, Sources: sources, Parallel: *hf.parallel}
	if len(targets) == 0 {
		return func(ctx context.Context) { sched.Run(ctx) }, mountApp(hp.Routes()), allow, nil
	}
	// Every harvest asks for a sync; the asks of a burst (300 sources at
	// start, or every 6 hours) become one sync per target once the
	// harvests have been quiet for mirrorQuiet, or after mirrorMaxWait at
	// the latest: a sync lists every graph and counts the triples of all
	// of them at the store, too much to do 300 times a round.
	kick := make(chan struct{}, 1)
	sched.After = func(context.Context, harvest.Source, *harvest.Report) {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	return func(ctx context.Context) {
		done := make(chan struct{})
		go func() { defer close(done); mirrorLoop(ctx, kick, targets, mirrorSource{st}, log) }()
		sched.Run(ctx)
		<-done
	}, mountApp(hp.Routes()), allow, nil
}

// How long the mirror waits for a burst of harvests to end.
const (
	mirrorQuiet   = 5 * time.Second
	mirrorMaxWait = 2 * time.Minute
)

// mirrorLoop syncs every target after the harvests that kick it, one sync
// at a time; each sends only what changed since that target's last.
func mirrorLoop(ctx context.Context, kick <-chan struct{}, targets []target, src mirrorSource, log *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
		}
		deadline := time.Now().Add(mirrorMaxWait)
		for quiet := false; !quiet; {
			t := time.NewTimer(min(mirrorQuiet, time.Until(deadline)))
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-kick:
				t.Stop()
				quiet = !time.Now().Before(deadline)
			case <-t.C:
				quiet = true
			}
		}
		for _, m := range targets {
			r, err := m.Sync(ctx, src)
			args := []any{"target", m.url, "graphs", r.Graphs, "written", r.Pushed, "unchanged", r.Unchanged, "dropped", r.Dropped, "repaired", r.Repaired, "differ", len(r.Mismatches), "duration", r.Duration.Round(time.Millisecond)}
			if err != nil || len(r.Mismatches) > 0 {
				log.Warn("mirror", append(args, "err", err)...)
				continue
			}
			log.Info("mirror", args...)
		}
	}
}

// mountApp routes the hub's pages (pattern → handler, GET and HEAD) beside
// the linked data; a pattern ending in /* takes everything below.
type mountApp map[string]http.Handler

func (m mountApp) Routes(r chi.Router) {
	for pattern, h := range m {
		r.Get(pattern, h.ServeHTTP)
		r.Head(pattern, h.ServeHTTP)
	}
}

// hubSource lets the hub's pages read snapshots without importing store.
type hubSource struct{ st *store.Store }

func (s hubSource) View(ctx context.Context) (hub.View, error) { return s.st.Snapshot() }

// flagSet reports whether the flag name was given on the command line.
func flagSet(fl *flag.FlagSet, name string) bool {
	set := false
	fl.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
