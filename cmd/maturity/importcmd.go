package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
)

func runImport(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "import", "[--data DIR] [--graph IRI] [--base IRI] [--format nt|nq|ttl|rdfxml|jsonld] [--mem SIZE] FILE...")
	data := dataFlag(fs)
	graph := fs.String("graph", "", tr("benoemde graaf voor de triples (standaard: de standaardgraaf)", "named graph for the triples (default: the default graph)"))
	base := fs.String("base", "", tr("basis-IRI voor relatieve IRI's (standaard: de file://-IRI van het bestand)", "base IRI for relative IRIs (default: the file's file:// IRI)"))
	format := fs.String("format", "", tr("invoerformaat (standaard: uit de extensie van het bestand)", "input format (default: from the file extension)"))
	maxEntity := entityFlag(fs)
	mem := memFlag(fs)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return fmt.Errorf("no FILE given")
	}
	var g rdf.Term
	if *graph != "" {
		if !rdf.IsAbsoluteIRI(*graph) {
			return fmt.Errorf("--graph %q is not an absolute IRI", *graph)
		}
		g = rdf.IRI(*graph)
	}
	if *base != "" && !rdf.IsAbsoluteIRI(*base) {
		return fmt.Errorf("--base %q is not an absolute IRI", *base)
	}
	// Check every file's format before touching the store.
	formats := make([]rdfio.Format, len(files))
	for i, f := range files {
		if formats[i], err = inputFormat(f, *format); err != nil {
			return err
		}
	}
	st, err := openStoreWith(*data, &store.Options{ImportMemory: int64(*mem)})
	if err != nil {
		return err
	}
	defer st.Close()
	setMemoryLimit(int64(*mem))

	var count atomic.Int64
	stopProgress := progress(sio, &count)
	start := time.Now()
	n, err := st.Import(ctx, func(emit func(rdf.Quad) error) error {
		for i, f := range files {
			opts := rdfio.ParseOptions{Base: *base, Graph: g, MaxEntityBytes: int64(*maxEntity)}
			if err := parseFile(f, formats[i], opts, sio.in, func(q rdf.Quad) error {
				count.Add(1)
				return emit(q)
			}); err != nil {
				return err
			}
		}
		return nil
	})
	stopProgress()
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	el := time.Since(start)
	fmt.Fprintf(sio.err, "imported %d quads from %d file(s) in %s (%.0f quads/s)\n", n, len(files), el.Round(time.Millisecond), float64(n)/el.Seconds())
	return nil
}

// inputFormat picks the format from --format or the file's extension.
func inputFormat(file, flagValue string) (rdfio.Format, error) {
	if flagValue != "" {
		return rdfio.ParseFormat(flagValue)
	}
	if file == "-" {
		return rdfio.FormatUnknown, fmt.Errorf("reading stdin needs --format")
	}
	f := rdfio.FormatForExt(file)
	if f == rdfio.FormatUnknown {
		return f, fmt.Errorf("%s: cannot tell the format from the extension; give --format", file)
	}
	return f, nil
}

// parseFile streams one file (or stdin for "-") into emit. Blank-node labels
// get a prefix unique to this file, so two files' _:b1 stay two nodes.
// opts gives the base (default: the file's file:// IRI), the graph and the
// limits.
func parseFile(file string, f rdfio.Format, opts rdfio.ParseOptions, stdin io.Reader, emit func(rdf.Quad) error) error {
	var r io.Reader = stdin
	name := "<stdin>"
	base := opts.Base
	if file != "-" {
		fh, err := os.Open(file)
		if err != nil {
			return err
		}
		defer fh.Close()
		r, name = fh, file
		if base == "" {
			base = fileIRI(file)
		}
		if strings.HasSuffix(file, ".gz") {
			zr, err := gzip.NewReader(fh)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			defer zr.Close()
			r = zr
		}
	}
	opts.Base, opts.File, opts.BlankPrefix = base, name, uniquePrefix()
	return rdfio.Parse(bufio.NewReaderSize(r, 1<<20), f, opts, emit)
}

// uniquePrefix returns a fresh blank-node label prefix.
func uniquePrefix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "i" + hex.EncodeToString(b[:]) + "_"
}

// progress prints a line with the import rate every second while stderr is
// a terminal; the returned function stops it.
func progress(sio stdio, count *atomic.Int64) func() {
	if !isTerminal(sio.err) {
		return func() {}
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		start := time.Now()
		for {
			select {
			case <-done:
				fmt.Fprint(sio.err, "\r\033[K")
				return
			case now := <-t.C:
				n := count.Load()
				fmt.Fprintf(sio.err, "\r\033[K%d quads read, %.0f quads/s", n, float64(n)/now.Sub(start).Seconds())
			}
		}
	}()
	return func() { close(done); <-stopped }
}

func runExport(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "export", "[--data DIR] [--graph IRI] [--format nq|nt|ttl|rdfxml|jsonld] [-o FILE]")
	data := dataFlag(fs)
	graph := fs.String("graph", "", tr("exporteer alleen deze benoemde graaf (\"default\" voor de standaardgraaf)", "export only this named graph (\"default\" for the default graph)"))
	format := fs.String("format", "nq", tr("uitvoerformaat", "output format"))
	out := fs.String("o", "-", tr("uitvoerbestand (- voor de standaarduitvoer)", "output file (- for stdout)"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err := rdfio.ParseFormat(*format)
	if err != nil {
		return err
	}
	sel := store.AnyGraph
	switch {
	case *graph == "default":
		sel = store.DefaultGraphOnly
	case *graph != "":
		sel = store.Graph(rdf.IRI(*graph))
	}
	return withAnySnapshot(*data, func(snap *store.Snapshot) error {
		return writeOutput(sio.out, *out, func(w io.Writer) error {
			rw, err := rdfio.NewWriter(w, f, writeOptions())
			if err != nil {
				return err
			}
			var werr error
			err = snap.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, sel, func(q rdf.Quad) bool {
				werr = rw.Write(q)
				return werr == nil
			})
			if err == nil {
				err = werr
			}
			if cerr := rw.Close(); err == nil {
				err = cerr
			}
			return err
		})
	})
}

// writeOutput runs write against stdout or a file that appears only when
// write succeeds (temp file + rename).
func writeOutput(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "-" || path == "" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		// CreateTemp makes the file private (0600); an export is meant to
		// be published, so give it the mode a shell redirect would.
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
