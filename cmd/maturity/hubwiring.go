package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"sync"

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
	m, err := mf.mirror(data)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(sources) == 0 {
		if m != nil {
			return nil, nil, nil, errors.New("--mirror-store needs --harvest: a hub mirrors after each harvest (or run maturity mirror)")
		}
		return func(context.Context) {}, nil, nil, nil
	}
	h, err := hf.harvester(st, data, base, log)
	if err != nil {
		return nil, nil, nil, err
	}
	hp, err := hub.New(hub.Config{Base: base, Sources: sources, Store: harvestStore{st}, Views: hubSource{st}, Log: log})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, s := range sources {
		if s.Endpoint != "" {
			allow = append(allow, s.Endpoint)
		}
	}
	sched := &harvest.Scheduler{Harvester: h, Sources: sources, Parallel: *hf.parallel}
	if m != nil {
		// One sync at a time; each sends only what changed since the last.
		var mu sync.Mutex
		sched.After = func(ctx context.Context, src harvest.Source, rep *harvest.Report) {
			mu.Lock()
			defer mu.Unlock()
			r, err := m.Sync(ctx, mirrorSource{st})
			args := []any{"after", src.ID, "written", r.Pushed, "unchanged", r.Unchanged, "dropped", r.Dropped, "repaired", r.Repaired, "differ", len(r.Mismatches), "duration", r.Duration}
			if err != nil || len(r.Mismatches) > 0 {
				log.Warn("mirror", append(args, "err", err)...)
				return
			}
			log.Info("mirror", args...)
		}
	}
	return func(ctx context.Context) { sched.Run(ctx) }, mountApp(hp.Routes()), allow, nil
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
