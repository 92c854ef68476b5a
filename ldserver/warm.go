package ldserver

import (
	"context"
	"time"
)

// warmInterval is how often Warm looks for changes of the data that did
// not come through this server's own writes.
const warmInterval = 2 * time.Second

// Warm keeps the computed documents built ahead of requests until ctx
// ends: the catalog (with the byte sizes of every distribution) and the
// dataset statistics of VoID and the service description, at once and
// again after every change of the data — at once after DataChanged, within warmInterval after any other write. It returns at
// once; the work runs in the background, one document at a time. A build
// that fails is not retried until the data changes.
func (s *Server) Warm(ctx context.Context) {
	if s.catalog != nil {
		s.catalog.mu.Lock()
		s.catalog.bg = ctx
		s.catalog.mu.Unlock()
	}
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		s.warmLoop(ctx)
	}()
}

// Wait returns once the server's background work (Warm's loop, catalog
// builds) has ended and closed its read views. Call it after the context
// given to Warm has ended and the HTTP server has stopped, and before the
// store is closed: a store does not close while a view is open.
func (s *Server) Wait() { s.background.Wait() }

func (s *Server) warmLoop(ctx context.Context) {
	t := time.NewTicker(warmInterval)
	defer t.Stop()
	var failed uint64 // the generation whose build failed last, or 0
	for {
		if gen, err := s.warmOnce(ctx, failed); err != nil && ctx.Err() == nil {
			s.log.Warn("building the computed documents", "generation", gen, "err", err)
			failed = gen
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.changed:
		}
	}
}

// warmOnce builds what the current generation lacks, unless it is the
// generation whose build failed.
func (s *Server) warmOnce(ctx context.Context, failed uint64) (uint64, error) {
	v, err := s.src.View(ctx)
	if err != nil {
		return 0, err
	}
	gen := v.Generation()
	v.Close()
	if gen == failed {
		return gen, nil
	}
	if s.catalog != nil {
		if err := s.catalog.warm(ctx, gen); err != nil {
			return gen, err
		}
	}
	v, err = s.src.View(ctx)
	if err != nil {
		return gen, err
	}
	defer v.Close()
	_, err = s.stats.Get(ctx, v)
	return gen, err
}

// DataChanged tells Warm that the data changed (the web app's publish
// calls it through the wiring in cmd/maturity), so that it rebuilds at
// once rather than at its next look.
func (s *Server) DataChanged() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}
