package harvest

import (
	"context"
	"sync"
	"time"
)

// Scheduler harvests every source at its interval, and a failed one again
// after its backoff (the status graph says when: the next attempt
// survives a restart). At most Parallel sources are harvested at once.
type Scheduler struct {
	Harvester *Harvester
	Sources   []Source
	Parallel  int // default 2
	// After, when set, runs after every harvest of a source (the mirror,
	// the log).
	After func(ctx context.Context, src Source, rep *Report)
}

// Run harvests until ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	par := s.Parallel
	if par <= 0 {
		par = 2
	}
	sem := make(chan struct{}, par)
	h := s.Harvester
	var wg sync.WaitGroup
	for _, src := range s.Sources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := h.opts.Now()
			if st, err := ReadStatus(ctx, h.opts.Store, h.opts.Base, src); err == nil && st.NextAttempt.After(next) {
				next = st.NextAttempt
			}
			for {
				t := time.NewTimer(time.Until(next))
				select {
				case <-ctx.Done():
					t.Stop()
					return
				case <-t.C:
				}
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					return
				}
				rep := h.Harvest(ctx, src)
				<-sem
				if ctx.Err() != nil {
					return
				}
				h.log(src, rep)
				if s.After != nil {
					s.After(ctx, src, rep)
				}
				next = rep.NextAttempt
				if next.IsZero() {
					next = h.opts.Now().Add(src.Interval)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// log writes one line per harvest.
func (h *Harvester) log(src Source, rep *Report) {
	args := []any{"source", src.ID, "datasets", rep.Datasets, "changed", rep.Changed, "unchanged", rep.Unchanged,
		"withdrawn", rep.Withdrawn, "failed", rep.Failed, "requests", rep.Requests, "not_modified", rep.NotModified,
		"bytes", rep.Bytes, "duration", rep.Duration.Round(time.Millisecond), "next", rep.NextAttempt.Format(time.RFC3339)}
	if rep.Err != nil {
		h.opts.Log.Warn("harvest failed; last good data kept", append(args, "err", rep.Err)...)
		return
	}
	h.opts.Log.Info("harvested", args...)
}
