package dcat

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// Format is one kind of distribution every dataset has.
type Format struct {
	ID        string       // fragment of the distribution IRI: ttl, jsonld, nt, rdfxml, csv
	Ext       string       // file extension of the download, with the dot
	MediaType string       // IANA media type
	EUType    string       // code in the EU file-type table
	Label     string       // name people know the format by
	Desc      vocab.Text   // what the file is, for people
	RDF       rdfio.Format // FormatUnknown for CSV
	index     int
}

const numFormats = 5

// formats are the distributions of every dataset, in catalog order.
var formats = func() []Format {
	rdfDesc := func(name string) vocab.Text {
		return vocab.Text{
			"nl": "Alle gegevens van de dataset als RDF in " + name + ".",
			"en": "All data of the dataset as RDF in " + name + ".",
		}
	}
	mk := func(f rdfio.Format, label string) Format {
		return Format{ID: f.String(), Ext: f.Ext(), MediaType: f.MediaType(), EUType: f.EUFileType(), Label: label, Desc: rdfDesc(label), RDF: f}
	}
	fs := []Format{
		mk(rdfio.Turtle, "Turtle"),
		mk(rdfio.JSONLD, "JSON-LD"),
		mk(rdfio.NTriples, "N-Triples"),
		mk(rdfio.RDFXML, "RDF/XML"),
		{ID: "csv", Ext: ".csv", MediaType: "text/csv", EUType: "CSV", Label: "CSV",
			Desc: vocab.Text{
				"nl": "De cijfers als platte tabel (CSV, UTF-8, komma als scheidingsteken), te openen in een rekenblad.",
				"en": "The figures as a flat table (CSV, UTF-8, comma-separated), to open in a spreadsheet.",
			}},
	}
	for i := range fs {
		fs[i].index = i
	}
	return fs
}()

// Formats returns the distribution formats in catalog order.
func Formats() []Format { return append([]Format(nil), formats...) }

// FormatForExt returns the distribution format with file extension ext
// (".ttl", ".csv", …).
func FormatForExt(ext string) (Format, bool) {
	for _, f := range formats {
		if strings.EqualFold(f.Ext, ext) {
			return f, true
		}
	}
	return Format{}, false
}

// Size returns the byteSize the catalog states for distribution f of d,
// or -1 when it states none (a harvested dataset, see SizeCache.fill).
func (d *Dataset) Size(f Format) int64 { return d.sizes[f.index] }

// Render writes distribution f of dataset d as read from v: the bytes the
// download route serves, byte for byte what dcat:byteSize counts. v must
// be the view d was found in (or one where d's graphs are unchanged).
func (c *Catalog) Render(ctx context.Context, v View, d *Dataset, f Format, w io.Writer) error {
	r := newReader(ctx, v)
	var quads []rdf.Quad
	seen := map[[3]rdf.Term]bool{}
	for _, g := range d.Graphs {
		qs, err := r.graphQuads(g)
		if err != nil {
			return err
		}
		// A distribution is a graph: the union of the dataset's graphs,
		// with the graph names dropped and duplicates removed.
		for _, q := range qs {
			k := [3]rdf.Term{q.S, q.P, q.O}
			if !seen[k] {
				seen[k] = true
				quads = append(quads, rdf.Quad{S: q.S, P: q.P, O: q.O})
			}
		}
	}
	// The organisation an assessment or survey is about travels with it:
	// its names and its links to the address register and Wikidata make
	// the file understandable on its own and link it to other data, the
	// fifth star (maturity evidence checks this on our own catalog).
	if o := d.org; o != nil {
		add := func(p string, obj rdf.Term) {
			k := [3]rdf.Term{rdf.IRI(o.iri), rdf.IRI(p), obj}
			if !seen[k] {
				seen[k] = true
				quads = append(quads, rdf.Quad{S: k[0], P: k[1], O: obj})
			}
		}
		for lang, name := range o.label {
			add(nsSKOS+"prefLabel", rdf.LangLiteral(name, lang))
		}
		for _, m := range o.matches {
			add(nsSKOS+"exactMatch", rdf.IRI(m))
		}
	}
	sort.Slice(quads, func(i, j int) bool { return lessQuad(quads[i], quads[j]) })
	if f.RDF == rdfio.FormatUnknown {
		return c.writeCSV(r, d, quads, w)
	}
	if err := rdfio.WriteAll(w, f.RDF, quads, c.cfg.WriteOptions); err != nil {
		return fmt.Errorf("dcat: render %s as %s: %w", d.Name, f.Label, err)
	}
	return nil
}

func lessQuad(a, b rdf.Quad) bool {
	for _, p := range [][2]rdf.Term{{a.S, b.S}, {a.P, b.P}, {a.O, b.O}} {
		if p[0] != p[1] {
			return termLess(p[0], p[1])
		}
	}
	return false
}

func termLess(a, b rdf.Term) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Value != b.Value {
		return a.Value < b.Value
	}
	if a.Datatype != b.Datatype {
		return a.Datatype < b.Datatype
	}
	return a.Lang < b.Lang
}

// SizeCache remembers the byte sizes of each dataset's distributions by the
// dataset's ETag, so that rebuilding the catalog after one import renders
// only that dataset again. It is safe for concurrent use.
type SizeCache struct {
	mu sync.Mutex
	m  map[string]sizeEntry // by dataset name
}

type sizeEntry struct {
	etag  string
	sizes [numFormats]int64
}

// NewSizeCache returns an empty cache.
func NewSizeCache() *SizeCache { return &SizeCache{m: map[string]sizeEntry{}} }

// fill sets the sizes of every dataset of c, rendering those not cached,
// and forgets datasets that are gone.
//
// A harvested dataset's sizes stay unknown (-1) and its distributions
// state no dcat:byteSize (optional in DCAT-AP): a hub holds thousands of
// them, and rendering each in every format to count its bytes was 87 % of
// building a 40-city hub's catalog (43 s for 1,242 datasets,
// bench/RESULTS-hub.md); their source's catalog states its own sizes.
func (sc *SizeCache) fill(ctx context.Context, c *Catalog, v View) error {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	keep := make(map[string]sizeEntry, len(c.Datasets))
	var buf bytes.Buffer
	for _, d := range c.Datasets {
		if d.Kind == KindHarvested {
			for i := range d.sizes {
				d.sizes[i] = -1
			}
			continue
		}
		if e, ok := sc.m[d.Name]; ok && e.etag == d.etag {
			d.sizes = e.sizes
			keep[d.Name] = e
			continue
		}
		for _, f := range formats {
			buf.Reset()
			if err := c.Render(ctx, v, d, f, &buf); err != nil {
				return err
			}
			d.sizes[f.index] = int64(buf.Len())
		}
		keep[d.Name] = sizeEntry{etag: d.etag, sizes: d.sizes}
	}
	sc.m = keep
	return nil
}
