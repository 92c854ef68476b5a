package sparqlhttp

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
)

// spool holds the start of an answer in memory. While nothing is sent, an
// error or a row cap met early can still set the status and the headers
// (a small answer gets a real 400/503, or X-SPARQL-Truncated as a header
// with a Content-Length); past limit the answer is committed as a streamed
// 200 whose late news travels in a trailer. With gzip set, what is sent is
// compressed, unless the whole answer turns out small.
//
// Once committed, the answer goes through a relay (endpoint_relay.go): the
// evaluation writes to a file and a goroutine sends it, so that the read
// view is closed when the evaluation ends, however slowly the client reads.
type spool struct {
	w         http.ResponseWriter
	buf       []byte
	limit     int
	gzip      bool
	zw        *gzip.Writer
	out       io.Writer // w or the relay, or zw on top once compressing
	rl        *relay    // nil until a streamed commit
	committed bool
	err       error // the first error writing to the client
	// trailers are headers the answer may set after the commit, besides
	// the row cap's.
	trailers []string
	// ctx bounds the evaluation's wait for a slow client; dir and budget
	// are the relay's file and the bytes all relays may hold.
	ctx    context.Context
	dir    string
	budget *spoolBudget
}

// minGzip is the size below which compressing is not worth it.
const minGzip = 1024

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if !s.committed {
		if len(s.buf)+len(p) <= s.limit {
			s.buf = append(s.buf, p...)
			return len(p), nil
		}
		s.commit()
		if s.err != nil {
			return 0, s.err
		}
	}
	n, err := s.out.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// start sends the status line and headers, choosing the encoding.
func (s *spool) start(streamed bool) {
	s.committed = true
	h := s.w.Header()
	h.Add("Vary", "Accept-Encoding")
	s.out = s.w
	if s.gzip && (streamed || len(s.buf) >= minGzip) {
		h.Set("Content-Encoding", "gzip")
		s.zw, _ = gzip.NewWriterLevel(s.w, gzip.BestSpeed)
		s.out = s.zw
	} else if !streamed {
		h.Set("Content-Length", strconv.Itoa(len(s.buf)))
	}
	if streamed {
		h.Set("Trailer", strings.Join(append([]string{hdrTruncated, hdrMaxRows}, s.trailers...), ", "))
	}
	s.w.WriteHeader(http.StatusOK)
	if streamed && s.budget != nil {
		// Without a file to relay through, the answer goes straight to
		// the client, as before.
		if rl, err := newRelay(s.ctx, s.w, s.dir, s.budget); err == nil {
			s.rl = rl
			if s.zw != nil {
				s.zw.Reset(rl)
			} else {
				s.out = rl
			}
		}
	}
	if _, err := s.out.Write(s.buf); err != nil {
		s.err = err
	}
	s.buf = nil
}

// commit starts streaming: the answer is longer than the spool.
func (s *spool) commit() { s.start(true) }

// finish completes a successful answer.
func (s *spool) finish() {
	if !s.committed {
		s.start(false)
	}
	s.close()
}

// close ends the compressed stream, if any, and waits until the client has
// the whole answer.
func (s *spool) close() {
	if s.zw != nil {
		if err := s.zw.Close(); err != nil && s.err == nil {
			s.err = err
		}
		s.zw = nil
	}
	s.drain()
}

// drain waits until the relay has sent everything written to it.
func (s *spool) drain() {
	if s.rl == nil {
		return
	}
	if err := s.rl.close(); err != nil && s.err == nil {
		s.err = err
	}
	s.rl = nil
}

// abort ends a relayed answer that will not be completed: the client is
// gone, or the evaluation failed while waiting for it.
func (s *spool) abort() {
	if s.rl != nil {
		s.rl.abort(errors.New("answer abandoned"))
		s.rl = nil
	}
}

// flush pushes what is written so far to the client; an answer that goes
// through a relay is then complete, and nothing more may be written.
func (s *spool) flush() {
	if s.zw != nil {
		s.zw.Flush()
	}
	s.drain()
	http.NewResponseController(s.w).Flush()
}

// streamStatus is how writing an answer ended.
type streamStatus struct {
	rows      int
	truncated bool  // cut at the row cap
	replaced  int   // characters XML could not carry, replaced by U+FFFD
	err       error // evaluation or write error
}

// writeResults streams a SELECT or ASK answer in format f, at most
// maxRows solutions.
func (s *Endpoint) writeResults(out *spool, res *sparql.Result, f results.Format) streamStatus {
	rw := results.NewWriter(out, f)
	var st streamStatus
	if res.Form() == sparql.Ask {
		if err := rw.Boolean(res.Boolean()); err != nil {
			return streamStatus{err: err}
		}
		return streamStatus{err: rw.Close()}
	}
	if err := rw.Head(res.Vars()); err != nil {
		return streamStatus{err: err}
	}
	for res.Next() {
		if st.rows == s.maxRows {
			st.truncated = true
			break
		}
		row := res.Row()
		err := rw.Row(row)
		var xe *results.XMLCharError
		if errors.As(err, &xe) && out.committed {
			// A value XML 1.0 cannot carry, met after the first 64 KB
			// were sent: the status cannot become a 406 any more, and
			// cutting the stream would lose the rest. The value is
			// written with U+FFFD in place of such characters, and the
			// X-SPARQL-Replaced trailer says so. Met earlier, the error
			// goes back and the client gets a 406 naming the character.
			safe, n := results.XMLSafe(row)
			st.replaced += n
			err = rw.Row(safe)
		}
		if err != nil {
			st.err = err
			return st
		}
		st.rows++
	}
	if !st.truncated {
		if err := res.Err(); err != nil {
			st.err = err
			return st
		}
		st.err = rw.Close()
		return st
	}
	st.err = results.CloseTruncated(rw)
	return st
}

// writeGraph writes a CONSTRUCT or DESCRIBE answer in r's format, at most
// maxRows triples. Only N-Triples and N-Quads stream to the spool triple by
// triple; the Turtle, RDF/XML and JSON-LD writers keep every triple until
// Close (they group by subject and sort, see rdfio.Writer), so for them
// maxRows also bounds the memory one answer holds. Formats with comments
// (Turtle, N-Triples, N-Quads) end a cut answer with one that says so.
func (s *Endpoint) writeGraph(out *spool, res *sparql.Result, r httpx.Rep) streamStatus {
	var st streamStatus
	wr, err := rdfio.NewWriter(out, r.Format, s.writeOpts)
	if err != nil {
		return streamStatus{err: fmt.Errorf("render %s: %w", r.Name(), err)}
	}
	for res.Next() {
		if st.rows == s.maxRows {
			st.truncated = true
			break
		}
		if err := wr.Write(res.Quad()); err != nil {
			st.err = err
			return st
		}
		st.rows++
	}
	if !st.truncated {
		if err := res.Err(); err != nil {
			st.err = err
			return st
		}
	}
	if err := wr.Close(); err != nil {
		st.err = err
		return st
	}
	if st.truncated {
		switch r.Format {
		case rdfio.Turtle, rdfio.NTriples, rdfio.NQuads:
			_, st.err = fmt.Fprintf(out, "# truncated after %d triples: more exist than this server returns in one answer\n", st.rows)
		}
	}
	return st
}
