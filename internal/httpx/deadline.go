package httpx

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// Deadlines bounds how long a client may take over its side of an
// exchange, without bounding how long a response may stream:
//
//   - body: a request body must arrive whole within this time of the
//     handler's start (a body trickled at a byte every few seconds is cut);
//     once it has, the connection has no read deadline again, so that a
//     long answer is not cut by it.
//   - write: every write of the response (and every flush) must be taken by
//     the client within this time. A dump of any size streams to a client
//     that keeps reading; one that stops is dropped, and its handler ends.
//
// Zero turns a bound off. The server's ReadHeaderTimeout bounds the
// headers; IdleTimeout the wait between requests.
func Deadlines(next http.Handler, body, write time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		if body > 0 && r.Body != nil && r.Body != http.NoBody {
			if rc.SetReadDeadline(time.Now().Add(body)) == nil {
				r.Body = &deadlineBody{ReadCloser: r.Body, rc: rc, d: body}
			}
		}
		if write > 0 {
			w = &progressWriter{ResponseWriter: w, rc: rc, d: write}
		}
		next.ServeHTTP(w, r)
	})
}

// ErrBodyTimeout is the error a handler reads from a request body that did
// not arrive within the body deadline; errors.Is(err, os.ErrDeadlineExceeded)
// holds for it too.
var ErrBodyTimeout = errors.New("request body not received in time")

// BodyTimedOut reports whether err is a request body cut by Deadlines.
func BodyTimedOut(err error) bool {
	return errors.Is(err, ErrBodyTimeout)
}

// deadlineBody lifts the read deadline once the body is read.
type deadlineBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	d    time.Duration
	done bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	switch {
	case err == io.EOF && !b.done:
		b.done = true
		// net/http reads the connection in the background once the body
		// is read, to notice a client that leaves; with the deadline
		// still set, that read would end the request's context.
		_ = b.rc.SetReadDeadline(time.Time{})
	case err != nil && errors.Is(err, os.ErrDeadlineExceeded):
		err = fmt.Errorf("%w within %v: %w", ErrBodyTimeout, b.d, err)
	}
	return n, err
}

// progressWriter gives each write of the response its own deadline.
type progressWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
	d  time.Duration
}

func (w *progressWriter) Write(p []byte) (int, error) {
	_ = w.rc.SetWriteDeadline(time.Now().Add(w.d))
	return w.ResponseWriter.Write(p)
}

// FlushError flushes with a fresh deadline; http.ResponseController finds it.
func (w *progressWriter) FlushError() error {
	_ = w.rc.SetWriteDeadline(time.Now().Add(w.d))
	return w.rc.Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *progressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
