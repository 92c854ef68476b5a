package ldserver

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

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

// dumper writes whole-dataset dumps to files, once per generation and
// format: into a temporary file that is renamed when complete, so a reader
// never sees half a dump.
type dumper struct {
	dir   string
	mu    sync.Mutex // serialises generation; readers of finished files need no lock
	files map[string]dumpFile
}

type dumpFile struct {
	gen      uint64
	path     string
	modified time.Time
}

func newDumper(dir string) *dumper { return &dumper{dir: dir, files: map[string]dumpFile{}} }

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
	df, err := s.dumps.ensure(r.Context(), s, name, f, gen)
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
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("ETag", `"g`+strconv.FormatUint(df.gen, 10)+`-`+f.String()+`"`)
	h.Set("Cache-Control", "public, max-age=300")
	h.Set("Vary", "Accept-Encoding")
	// ServeContent handles HEAD, Range, If-None-Match and If-Modified-Since.
	http.ServeContent(w, r, name, df.modified, fh)
}

// ensure returns the dump of generation gen, writing it when missing.
func (d *dumper) ensure(ctx context.Context, s *Server, name string, f rdfio.Format, gen uint64) (dumpFile, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if df, ok := d.files[name]; ok && df.gen >= gen {
		if _, err := os.Stat(df.path); err == nil {
			return df, nil
		}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), dumpTimeout)
	defer cancel()
	df, err := d.write(ctx, s.src, s.writeOptions(), name, f)
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
func (d *dumper) write(ctx context.Context, src Source, opts rdfio.WriteOptions, name string, f rdfio.Format) (df dumpFile, err error) {
	v, err := src.View(ctx)
	if err != nil {
		return df, err
	}
	defer v.Close()
	gen := v.Generation()
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
	opts.ContextURL = ""
	wr, err := rdfio.NewWriter(zw, f, opts)
	if err != nil {
		return df, err
	}
	rd := newReader(ctx, v)
	rd.dec.SetLimit(1 << 16) // terms are not reused across a dump
	var werr error
	err = v.Match(ctx, [4]uint64{}, func(q [4]uint64) bool {
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
		return df, err
	}
	if err = wr.Close(); err != nil {
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
	final := filepath.Join(d.dir, fmt.Sprintf("%s.g%d", name, gen))
	if err = os.Rename(tmp.Name(), final); err != nil {
		return df, err
	}
	return dumpFile{gen: gen, path: final, modified: modified}, nil
}
