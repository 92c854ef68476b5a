package ldserver

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdfio"
)

// dumpTimeout bounds writing one dump; it runs detached from the request
// that triggered it, so a client hanging up does not waste the work.
const dumpTimeout = 10 * time.Minute

// dumpFormats are the dumps offered, by file name.
var dumpFormats = map[string]rdfio.Format{
	"dataset.nq.gz":  rdfio.NQuads,
	"dataset.ttl.gz": rdfio.Turtle,
}

// dumper writes whole-dataset dumps (and large graph documents, graph.go)
// to gzipped files, once per version: into a temporary file that is renamed
// when complete, so a reader never sees half a file. Writing streams from
// one view through rdfio's group writers, subject by subject, so memory
// stays bounded whatever the dataset's size; the view is closed before any
// client is sent a byte, so a slow client holds no read transaction.
type dumper struct {
	dir   string
	mu    sync.Mutex // serialises generation; readers of finished files need no lock
	files map[string]dumpFile
}

type dumpFile struct {
	version  uint64
	path     string
	modified time.Time
}

// newDumper returns the dumper of dir. The files a server before it left
// there are removed: dumps of earlier versions, which nothing would remove
// any more, and the temporary file of a dump it was writing when it was
// killed.
func newDumper(dir string) *dumper {
	removeStale(dir)
	return &dumper{dir: dir, files: map[string]dumpFile{}}
}

// staleDump matches the names the dumper gives its files: a finished dump
// (NAME.vVERSION) and one being written (NAME.RANDOM.tmp), for the dataset
// dumps and the large graph documents (graph-HASH.EXT.gz).
var staleDump = regexp.MustCompile(`^(dataset\.(nq|ttl)\.gz|graph-[0-9a-f]{24}\.[a-z]+\.gz)\.(v[0-9]+|[0-9]+\.tmp)$`)

// removeStale removes the dumper's files from dir, and nothing else.
func removeStale(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		if e.Type().IsRegular() && staleDump.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// serveDump answers /dumps/dataset.nq.gz and /dumps/dataset.ttl.gz.
func (s *Server) serveDump(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "file")
	f, ok := dumpFormats[name]
	if !ok {
		s.serveNotFound(w, r)
		return
	}
	v, ok := s.view(w, r)
	if !ok {
		return
	}
	gen := v.Generation()
	v.Close()
	opts := s.writeOptions()
	opts.ContextURL = "" // a dump stands alone: the context goes inside
	df, err := s.dumps.ensure(r.Context(), s, name, gen, func(rd *reader, out io.Writer) error {
		return writeQuads(rd, out, f, opts, [4]uint64{})
	})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	fh, err := os.Open(df.path)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	defer fh.Close()
	h := w.Header()
	h.Set("Content-Type", "application/gzip")
	h.Set("Content-Disposition", httpx.Attachment(name))
	h.Set("ETag", `"g`+strconv.FormatUint(df.version, 10)+`-`+f.String()+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Vary", "Accept-Encoding")
	// ServeContent handles HEAD, Range, If-None-Match and If-Modified-Since.
	http.ServeContent(w, r, name, df.modified, fh)
}

// writeQuads streams the quads matching pattern in format f, one subject at
// a time (the index scans give them grouped by subject).
func writeQuads(rd *reader, out io.Writer, f rdfio.Format, opts rdfio.WriteOptions, pattern [4]uint64) error {
	wr, err := rdfio.NewGroupWriter(out, f, opts)
	if err != nil {
		return err
	}
	rd.dec.SetLimit(1 << 16) // bounded: terms are not reused across a dump
	var werr error
	err = rd.match(pattern[0], pattern[1], pattern[2], pattern[3], func(q [4]uint64) bool {
		rd.use(q)
		quad, err := rd.quad(q)
		if err == nil {
			err = wr.Write(quad)
		}
		if err != nil {
			werr = err
			return false
		}
		return true
	})
	if err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	return wr.Close()
}

// ensure returns the file name at version, writing it when missing.
func (d *dumper) ensure(ctx context.Context, s *Server, name string, version uint64, write func(rd *reader, out io.Writer) error) (dumpFile, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if df, ok := d.files[name]; ok && df.version >= version {
		if _, err := os.Stat(df.path); err == nil {
			return df, nil
		}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), dumpTimeout)
	defer cancel()
	df, err := d.write(ctx, s.src, name, version, write)
	if err != nil {
		return dumpFile{}, fmt.Errorf("dump %s: %w", name, err)
	}
	if old, ok := d.files[name]; ok && old.path != df.path {
		os.Remove(old.path)
	}
	d.files[name] = df
	return df, nil
}

// write streams one consistent view into a gzipped file.
func (d *dumper) write(ctx context.Context, src Source, name string, version uint64, write func(rd *reader, out io.Writer) error) (df dumpFile, err error) {
	v, err := src.View(ctx)
	if err != nil {
		return df, err
	}
	defer v.Close()
	tmp, err := os.CreateTemp(d.dir, name+".*.tmp")
	if err != nil {
		return df, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	zw := gzip.NewWriter(bw)
	rd := newReader(ctx, v)
	if err = write(rd, zw); err != nil {
		return df, err
	}
	if err = zw.Close(); err != nil {
		return df, err
	}
	if err = bw.Flush(); err != nil {
		return df, err
	}
	if err = tmp.Close(); err != nil {
		return df, err
	}
	_, modified, err := validators(rd, "")
	if err != nil {
		return df, err
	}
	if modified.IsZero() {
		modified = time.Now().UTC().Truncate(time.Second)
	}
	final := filepath.Join(d.dir, fmt.Sprintf("%s.v%d", name, version))
	if err = os.Rename(tmp.Name(), final); err != nil {
		return df, err
	}
	return dumpFile{version: version, path: final, modified: modified}, nil
}
