package ldserver

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
)

// maxGraphList caps the resources a graph's HTML page lists.
const maxGraphList = 500

// defaultGraphStream is Config.GraphStreamQuads's default.
const defaultGraphStream = 50_000

// serveGraph answers /graph/… with the content of that named graph. A graph
// larger than Config.GraphStreamQuads is not built in memory: its RDF is
// streamed into a gzipped file (dump.go) once per version of the graph and
// served from there, and its HTML page reads only the resources it lists.
func (s *Server) serveGraph(w http.ResponseWriter, r *http.Request) {
	offers := append(append([]httpx.Rep(nil), docOffers...), httpx.RepNQuads)
	dr, ok := s.parseDocReq(w, r, offers)
	if !ok {
		return
	}
	iri := s.base.IRIFor(dr.path)
	if !dr.rep.HTML && s.serveLargeGraph(w, r, dr, iri) {
		return
	}
	s.serveBuilt(w, r, dr, func(rd *reader) (*built, status, error) {
		return s.buildGraph(rd, iri, dr)
	})
}

// serveLargeGraph serves the RDF of a large graph from its spooled file and
// reports true, or reports false (having written nothing) for a graph small
// enough for the response cache, or unknown.
func (s *Server) serveLargeGraph(w http.ResponseWriter, r *http.Request, dr docReq, iri string) bool {
	v, err := s.src.View(r.Context())
	if err != nil {
		return false // the cached path reports it
	}
	rd := newReader(r.Context(), v)
	gid, err := rd.iriID(iri)
	var n uint64
	if err == nil && gid != 0 {
		n, err = v.Estimate([4]uint64{0, 0, 0, gid})
	}
	if err != nil || gid == 0 || n <= uint64(s.graphStreamQuads()) {
		v.Close()
		return false
	}
	modified, _, err := v.GraphModified(rdf.IRI(iri))
	v.Close() // the file is written from a view of its own
	if err != nil {
		s.internalError(w, r, err)
		return true
	}
	version := uint64(modified.UnixNano())
	sum := sha256.Sum256([]byte(iri))
	name := "graph-" + hex.EncodeToString(sum[:12]) + dr.rep.Ext() + ".gz"
	f, opts := dr.rep.Format, s.writeOptions()
	df, err := s.dumps.ensure(r.Context(), s, name, version, func(rd *reader, out io.Writer) error {
		id, err := rd.iriID(iri)
		if err != nil || id == 0 {
			return err
		}
		// N-Quads keeps the graph name; the others drop it, as the built
		// document does.
		return writeQuads(rd, out, f, opts, [4]uint64{0, 0, 0, id})
	})
	if err != nil {
		s.internalError(w, r, err)
		return true
	}
	fh, err := os.Open(df.path)
	if err != nil {
		s.internalError(w, r, err)
		return true
	}
	defer fh.Close()
	etag := `"m` + strconv.FormatUint(df.version, 36) + "-" + dr.rep.Name()
	h := w.Header()
	h.Set("Content-Type", dr.rep.ContentType())
	h.Set("Vary", "Accept, Accept-Language, Accept-Encoding")
	h.Set("Cache-Control", "public, max-age=60")
	h.Set("Content-Location", s.docURLOf(dr, dr.rep, 1))
	link := s.linkHeader(dr, &built{})
	if link != "" {
		link += ", "
	}
	h.Set("Link", link+fmt.Sprintf(`<%s>; rel="license"`, s.cfg.Licence))
	if httpx.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		// The file's own bytes; ServeContent handles HEAD, Range and the
		// conditional requests.
		h.Set("Content-Encoding", "gzip")
		h.Set("ETag", etag+`-gzip"`)
		http.ServeContent(w, r, "", df.modified, fh)
		return true
	}
	etag += `"`
	h.Set("ETag", etag)
	h.Set("Last-Modified", df.modified.UTC().Format(http.TimeFormat))
	if notModified(r, etag, df.modified) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return true
	}
	zr, err := gzip.NewReader(fh)
	if err == nil {
		_, err = io.Copy(w, zr)
	}
	if err != nil {
		s.log.WarnContext(r.Context(), "stream graph", "graph", iri, "err", err)
	}
	return true
}

// graphStreamQuads is the size from which a graph's RDF is streamed.
func (s *Server) graphStreamQuads() int {
	if s.cfg.GraphStreamQuads > 0 {
		return s.cfg.GraphStreamQuads
	}
	return defaultGraphStream
}

// buildGraph builds the document of a named graph: its content (N-Quads
// keeps the graph name) and, as HTML, the list of resources it describes.
// The HTML page reads the graph only as far as the resources it lists.
func (s *Server) buildGraph(rd *reader, iri string, dr docReq) (*built, status, error) {
	gid, err := rd.iriID(iri)
	if err != nil {
		return nil, 0, err
	}
	if gid == 0 {
		return nil, statusUnknown, nil
	}
	b := &built{iri: iri}
	var subjects []uint64
	seen := map[uint64]bool{}
	any := false
	var ferr error
	err = rd.match(0, 0, 0, gid, func(q [4]uint64) bool {
		rd.use(q)
		any = true
		if dr.rep.HTML {
			if !seen[q[0]] {
				seen[q[0]] = true
				if t, err := rd.term(q[0]); err != nil {
					ferr = err
					return false
				} else if t.IsIRI() {
					subjects = append(subjects, q[0])
				}
			}
			return len(subjects) <= maxGraphList
		}
		quad, err := rd.quad(q)
		if err != nil {
			ferr = err
			return false
		}
		b.quads = append(b.quads, quad)
		return true
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return nil, 0, errorf(iri, err)
	}
	if !any {
		used, err := mentioned(rd, gid)
		if err != nil || used {
			// Mentioned but empty: describe it like any other resource.
			return nil, statusUnknown, err
		}
		return nil, statusGone, nil
	}
	if !dr.rep.HTML {
		sortQuads(b.quads)
		return b, statusOK, nil
	}
	pb, err := s.newPageBuilder(rd, dr, nil)
	if err != nil {
		return nil, 0, err
	}
	title, err := pb.label(rdf.IRI(iri))
	if err != nil {
		return nil, 0, err
	}
	if len(subjects) > maxGraphList {
		subjects = subjects[:maxGraphList]
	}
	t := &table{Title: i18n.T(dr.lang, "subjects")}
	typ, _ := pb.value(rdf.IRI(rdf.RDFType), 0)
	t.Columns = []value{typ}
	typeID, err := rd.iriID(rdf.RDFType)
	if err != nil {
		return nil, 0, err
	}
	for _, id := range subjects {
		st, err := rd.term(id)
		if err != nil {
			return nil, 0, err
		}
		sv, err := pb.value(st, 0)
		if err != nil {
			return nil, 0, err
		}
		var types []value
		if typeID != 0 {
			var terr error
			err = rd.match(id, typeID, 0, gid, func(q [4]uint64) bool {
				var o rdf.Term
				if o, terr = rd.term(q[2]); terr != nil {
					return false
				}
				var v value
				if v, terr = pb.value(o, 0); terr != nil {
					return false
				}
				types = append(types, v)
				return true
			})
			if err == nil {
				err = terr
			}
			if err != nil {
				return nil, 0, err
			}
		}
		sort.SliceStable(types, func(i, j int) bool { return lessValue(types[i], types[j]) })
		t.Rows = append(t.Rows, [][]value{{sv}, types})
	}
	sort.SliceStable(t.Rows, func(i, j int) bool {
		ti, tj := firstText(t.Rows[i][1]), firstText(t.Rows[j][1])
		if ti != tj {
			return ti < tj
		}
		return lessValue(t.Rows[i][0][0], t.Rows[j][0][0])
	})
	b.page = &pageModel{Lang: dr.lang, Title: title, IRI: iri, Page: 1,
		Main:   &resourceView{Title: title, IRI: iri, Text: i18n.T(dr.lang, "graphContent")},
		Tables: []*table{t},
	}
	for _, o := range append(append([]httpx.Rep(nil), docOffers...), httpx.RepNQuads) {
		if !o.HTML {
			b.page.Alternates = append(b.page.Alternates, htmlui.Alternate{Name: strings.ToUpper(strings.TrimPrefix(o.Ext(), ".")), MediaType: o.MediaType(), Href: s.docURLOf(dr, o, 1)})
		}
	}
	return b, statusOK, nil
}

func firstText(vs []value) string {
	if len(vs) == 0 {
		return "\xff"
	}
	return vs[0].Text
}
