package sparqlhttp

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"
)

// DefaultMaxSpool is Config.MaxSpool's default: the bytes of answers that
// may wait on disk for their clients, all queries together.
const DefaultMaxSpool = 256 << 20

// relayChunk is how much the sender reads from the file and writes to the
// client at a time.
const relayChunk = 32 << 10

// spoolBudget bounds the bytes that all relays together hold for clients
// that read slower than their queries answer.
type spoolBudget struct {
	mu        sync.Mutex
	used, max int64
}

// take reserves n bytes; force reserves them even beyond the budget (a
// relay with nothing pending must always make progress).
func (b *spoolBudget) take(n int64, force bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !force && b.max >= 0 && b.used+n > b.max {
		return false
	}
	b.used += n
	return true
}

func (b *spoolBudget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
}

// relay carries a committed answer from the evaluation to the client
// through a temporary file, so that the evaluation, and the read view it
// holds, does not wait for the client. A read transaction that lives as
// long as a slow client reads would stall every commit that must grow the
// store's memory map, and every read behind that commit (store/doc.go,
// Concurrency). The evaluation writes at its own pace; a sender goroutine
// copies to the client what it has not yet had, with the server's write
// deadlines, and flushes whenever it has caught up, so a client that keeps
// up still gets the answer as it is computed.
//
// The file is bounded by the endpoint's spool budget: once the answers
// waiting for their clients fill it, the evaluation waits for its client
// after all, but no longer than the query's context allows.
type relay struct {
	w      http.ResponseWriter
	f      *os.File
	budget *spoolBudget
	ctx    context.Context
	stop   func() bool // ends the context watch

	mu            sync.Mutex
	cond          *sync.Cond
	written, sent int64
	reserved      int64 // budget held for bytes written and not yet sent
	closed        bool  // the evaluation has written everything
	err           error // writing to the client failed, or the wait for it ended
	done          chan struct{}
}

// newRelay starts relaying to w; the file is created in dir (default
// os.TempDir) and removed at once, so that it goes with the process.
func newRelay(ctx context.Context, w http.ResponseWriter, dir string, b *spoolBudget) (*relay, error) {
	f, err := os.CreateTemp(dir, "maturity-answer-*")
	if err != nil {
		return nil, fmt.Errorf("answer spool: %w", err)
	}
	os.Remove(f.Name())
	r := &relay{w: w, f: f, budget: b, ctx: ctx, done: make(chan struct{})}
	r.cond = sync.NewCond(&r.mu)
	r.stop = context.AfterFunc(ctx, func() {
		r.mu.Lock()
		r.cond.Broadcast()
		r.mu.Unlock()
	})
	go r.send()
	return r, nil
}

// Write appends p for the client. It waits only when the spool budget is
// spent and the client is behind, and fails once the client is gone.
func (r *relay) Write(p []byte) (int, error) {
	n := int64(len(p))
	r.mu.Lock()
	for r.err == nil && !r.budget.take(n, r.written == r.sent) {
		if err := r.ctx.Err(); err != nil {
			r.err = fmt.Errorf("the client reads slower than the answer is computed, and %d MiB of answers wait already: %w", r.budget.max>>20, err)
			break
		}
		r.cond.Wait()
	}
	if r.err != nil {
		err := r.err
		r.mu.Unlock()
		return 0, err
	}
	r.reserved += n
	off := r.written
	r.mu.Unlock()
	// The sender reads only below r.written: this range is the writer's.
	if _, err := r.f.WriteAt(p, off); err != nil {
		r.fail(fmt.Errorf("answer spool: %w", err))
		return 0, err
	}
	r.mu.Lock()
	r.written += n
	r.cond.Broadcast()
	r.mu.Unlock()
	return len(p), nil
}

// fail records the first error and wakes both sides.
func (r *relay) fail(err error) {
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.cond.Broadcast()
	r.mu.Unlock()
}

// send copies the file to the client as it grows.
func (r *relay) send() {
	defer close(r.done)
	rc := http.NewResponseController(r.w)
	buf := make([]byte, relayChunk)
	flushed := true
	for {
		r.mu.Lock()
		for r.err == nil && r.sent == r.written && !r.closed && flushed {
			r.cond.Wait()
		}
		err, pending, closed, off := r.err, r.written-r.sent, r.closed, r.sent
		r.mu.Unlock()
		switch {
		case err != nil:
			return
		case pending == 0:
			// Caught up: what the client has is all there is so far.
			if err := rc.Flush(); err != nil {
				r.fail(err)
				return
			}
			flushed = true
			if closed {
				return
			}
			continue
		}
		n := min(pending, relayChunk)
		m, err := r.f.ReadAt(buf[:n], off)
		if err == nil {
			_, err = r.w.Write(buf[:m])
		}
		if err != nil {
			r.fail(err)
			return
		}
		flushed = false
		r.mu.Lock()
		r.sent += int64(m)
		r.reserved -= int64(m)
		r.budget.give(int64(m))
		r.cond.Broadcast()
		r.mu.Unlock()
	}
}

// abort stops sending at once, also when a write to a client that reads
// nothing is under way (its deadline is moved to now), and frees the file.
func (r *relay) abort(err error) {
	r.fail(err)
	_ = http.NewResponseController(r.w).SetWriteDeadline(time.Now())
	r.close()
}

// close waits until the client has everything written (or is gone), then
// frees the file; it returns the error writing to the client, if any.
func (r *relay) close() error {
	r.mu.Lock()
	r.closed = true
	r.cond.Broadcast()
	r.mu.Unlock()
	<-r.done
	r.stop()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.budget.give(r.reserved)
	r.reserved = 0
	r.f.Close()
	return r.err
}
