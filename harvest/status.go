package harvest

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Status is what the hub knows of one source: the last attempts, what it
// holds, and what went wrong. The status page shows it.
type Status struct {
	ID       string
	Catalog  string
	Endpoint string

	LastAttempt time.Time
	LastSuccess time.Time // zero: never harvested completely
	LastError   string    // of the last failed attempt ("" when the last attempt succeeded)
	ErrorTime   time.Time
	Failures    int       // attempts in a row that failed
	NextAttempt time.Time // zero: not scheduled

	// The last attempt's traffic.
	Requests    int
	NotModified int
	Bytes       int64

	// What the hub holds of the source.
	Datasets  int   // records of datasets still in the source's catalog
	Graphs    int   // of which the hub holds data
	Triples   int64 // in those graphs
	Withdrawn int   // datasets the source withdrew

	// DatasetErrors are the datasets whose last fetch failed (their last
	// good data stays), by dataset IRI.
	DatasetErrors map[string]string
}

var (
	pLastAttempt = vocab.Mat("lastAttempt")
	pLastSuccess = vocab.Mat("lastSuccess")
	pErrorTime   = vocab.Mat("lastErrorTime")
	pFailures    = vocab.Mat("consecutiveFailures")
	pNextAttempt = vocab.Mat("nextAttempt")
	pRequests    = vocab.Mat("requests")
	pNotModified = vocab.Mat("notModified")
	pBytes       = vocab.Mat("bytesTransferred")
)

// statusQuads is the status graph of a source.
func statusQuads(base string, st *Status) []rdf.Quad {
	e := &emitter{}
	s := vocab.HarvestSource(base, st.ID)
	e.iri(s, rdf.RDFType, vocab.Mat("HarvestSource"))
	when := func(p string, t time.Time) {
		if !t.IsZero() {
			e.add(s, p, dateTime(t))
		}
	}
	num := func(p string, n int64) { e.add(s, p, rdf.TypedLiteral(strconv.FormatInt(n, 10), xsdInt)) }
	when(pLastAttempt, st.LastAttempt)
	when(pLastSuccess, st.LastSuccess)
	when(pNextAttempt, st.NextAttempt)
	if st.LastError != "" {
		e.add(s, pHarvestError, rdf.Literal(st.LastError))
		when(pErrorTime, st.ErrorTime)
	}
	num(pFailures, int64(st.Failures))
	num(pRequests, int64(st.Requests))
	num(pNotModified, int64(st.NotModified))
	num(pBytes, st.Bytes)
	keys := make([]string, 0, len(st.DatasetErrors))
	for k := range st.DatasetErrors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, d := range keys {
		e.add(d, pHarvestError, rdf.Literal(st.DatasetErrors[d]))
	}
	return e.quads
}

// ReadStatus reads what the store holds about a source: its status graph
// and its records graph.
func ReadStatus(ctx context.Context, st Store, base string, src Source) (*Status, error) {
	out := &Status{ID: src.ID, Catalog: src.Catalog, Endpoint: src.Endpoint, DatasetErrors: map[string]string{}}
	qs, err := st.GraphQuads(ctx, vocab.HarvestStatusGraph(base, src.ID))
	if err != nil {
		return nil, err
	}
	s := vocab.HarvestSource(base, src.ID)
	for _, q := range qs {
		if q.S.Value != s {
			if q.P.Value == pHarvestError {
				out.DatasetErrors[q.S.Value] = q.O.Value
			}
			continue
		}
		t, _ := time.Parse(time.RFC3339, q.O.Value)
		n, _ := strconv.ParseInt(q.O.Value, 10, 64)
		switch q.P.Value {
		case pLastAttempt:
			out.LastAttempt = t
		case pLastSuccess:
			out.LastSuccess = t
		case pNextAttempt:
			out.NextAttempt = t
		case pErrorTime:
			out.ErrorTime = t
		case pHarvestError:
			out.LastError = q.O.Value
		case pFailures:
			out.Failures = int(n)
		case pRequests:
			out.Requests = int(n)
		case pNotModified:
			out.NotModified = int(n)
		case pBytes:
			out.Bytes = n
		}
	}
	qs, err = st.GraphQuads(ctx, vocab.HarvestGraph(base, src.ID))
	if err != nil {
		return nil, err
	}
	for _, r := range readRecords(base, src, qs) {
		switch {
		case !r.Withdrawn.IsZero():
			out.Withdrawn++
		case r.HasGraph:
			out.Datasets++
			out.Graphs++
			out.Triples += int64(r.Triples)
		default:
			out.Datasets++
		}
	}
	return out, nil
}

// Healthy reports whether the last attempt succeeded.
func (s *Status) Healthy() bool { return s.LastError == "" && !s.LastSuccess.IsZero() }

// oneLine keeps an error message on one line for the status graph.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
