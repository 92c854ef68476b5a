package sparqlhttp

import (
	"context"
	"errors"
	"runtime"
)

// DefaultMaxQueued is how many queries may wait for a turn by default.
const DefaultMaxQueued = 64

// retryAfter is the Retry-After (seconds) of a query refused because the
// queue is full: long enough for the queries ahead to finish or be cut.
const retryAfter = "5"

// DefaultMaxQueries is how many queries are evaluated at once by default:
// one per CPU, at least two, so that one slow query never holds up all
// others, and the memory of the running queries stays near
// MaxQueries × the per-query memory budget.
func DefaultMaxQueries() int { return max(2, runtime.GOMAXPROCS(0)) }

// errBusy is a query refused because every turn and every place in the
// queue is taken.
var errBusy = errors.New("too many queries at once")

// admission bounds the queries evaluated at once: a query takes one of
// the running slots, or waits in the queue for one, for as long as its
// context allows; when the queue too is full it is refused at once. Parsing
// happens before, so a query refused for its size never takes a turn.
type admission struct {
	running chan struct{} // one token per query being evaluated
	queued  chan struct{} // one token per query waiting
}

func newAdmission(running, queued int) *admission {
	return &admission{running: make(chan struct{}, running), queued: make(chan struct{}, queued)}
}

// acquire returns once the query may run; release must then be called
// when its answer is written. It fails with errBusy when the queue is
// full, or with the context's error when the wait outlasts it.
func (a *admission) acquire(ctx context.Context) (release func(), err error) {
	release = func() { <-a.running }
	select {
	case a.running <- struct{}{}:
		return release, nil
	default:
	}
	select {
	case a.queued <- struct{}{}:
	default:
		return nil, errBusy
	}
	defer func() { <-a.queued }()
	select {
	case a.running <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
