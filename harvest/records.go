package harvest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/catalogread"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Vocabulary of the records.
const (
	nsDCAT = "http://www.w3.org/ns/dcat#"
	nsDCT  = "http://purl.org/dc/terms/"
	nsFOAF = "http://xmlns.com/foaf/0.1/"
	nsPROV = "http://www.w3.org/ns/prov#"
	nsVOID = "http://rdfs.org/ns/void#"
	nsRDFS = "http://www.w3.org/2000/01/rdf-schema#"
	xsdDT  = "http://www.w3.org/2001/XMLSchema#dateTime"
	xsdInt = "http://www.w3.org/2001/XMLSchema#integer"

	catalogRecord = nsDCAT + "CatalogRecord"
)

var (
	pHarvestSource = vocab.Mat("harvestSource")
	pGraph         = vocab.Mat("graph")
	pETag          = vocab.Mat("etag")
	pLastModified  = vocab.Mat("httpLastModified")
	pDigest        = vocab.Mat("contentDigest")
	pHarvestError  = vocab.Mat("harvestError")
)

// record is what the hub keeps about one dataset of a source: where it
// came from, the validators for the next conditional GET, and the source's
// description of it (the catalog record it came from).
type record struct {
	Key          string
	Dataset      rdf.Term // the dataset at the source
	Page         string   // the catalog page that listed it
	Dist         string   // the distribution harvested; "" when it has no RDF one
	ETag         string
	LastModified string
	Digest       string
	Generated    time.Time // when the hub's copy last changed
	Triples      int
	HasGraph     bool
	Withdrawn    time.Time  // zero: not withdrawn
	Reason       vocab.Text // why it was withdrawn
	Desc         []rdf.Quad // the source's description of the dataset
}

// datasetKey names a dataset of a source at the hub: its path below
// id/dataset/ when the dataset lives on the catalog's origin and the path
// is plain (our own instances: evaluatie/24062/2025), else h/ and a hash of
// its IRI. A blank-node dataset is keyed by its dct:identifier, or not at
// all.
func datasetKey(catalogURL string, c *catalogread.Catalog, d rdf.Term) (string, bool) {
	switch {
	case d.IsIRI():
		if u, err := url.Parse(d.Value); err == nil && u.RawQuery == "" && u.Fragment == "" {
			o1, _ := Origin(d.Value)
			o2, _ := Origin(catalogURL)
			if _, rest, ok := strings.Cut(u.EscapedPath(), "/id/dataset/"); ok && o1 == o2 && plainPath.MatchString(rest) && !strings.HasPrefix(rest, "h/") {
				return rest, true
			}
		}
		return hashKey(d.Value), true
	case d.IsBlank():
		for _, id := range c.Objects(d, nsDCT+"identifier") {
			if id.IsLiteral() && strings.TrimSpace(id.Value) != "" {
				return hashKey("identifier:" + id.Value), true
			}
		}
	}
	return "", false
}

// plainPath is a path of plain segments: letters, digits, - _ . ~, no
// empty, . or .. segment.
var plainPath = regexp.MustCompile(`^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$`)

func hashKey(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "h/" + hex.EncodeToString(sum[:10])
}

// relabel gives a description's blank nodes labels of their own, stable
// for the same document: the record's key and a counter.
func relabel(qs []rdf.Quad, key string) []rdf.Quad {
	sum := sha256.Sum256([]byte(key))
	prefix := "r" + hex.EncodeToString(sum[:6]) + "_"
	labels := map[string]string{}
	fix := func(t rdf.Term) rdf.Term {
		if !t.IsBlank() {
			return t
		}
		l, ok := labels[t.Value]
		if !ok {
			l = prefix + strconv.Itoa(len(labels))
			labels[t.Value] = l
		}
		return rdf.Blank(l)
	}
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		out[i] = rdf.Quad{S: fix(q.S), P: q.P, O: fix(q.O)}
	}
	return out
}

// recordsQuads is the records graph of a source: the source and one
// record per dataset, with the source's descriptions.
func recordsQuads(base string, src Source, recs []*record) []rdf.Quad {
	e := &emitter{}
	s := vocab.HarvestSource(base, src.ID)
	e.iri(s, rdf.RDFType, vocab.Mat("HarvestSource"))
	e.add(s, nsRDFS+"label", rdf.Literal(src.ID))
	e.iri(s, nsDCT+"source", src.Catalog)
	if src.Endpoint != "" {
		e.iri(s, nsVOID+"sparqlEndpoint", src.Endpoint)
	}
	for _, r := range recs {
		ri := vocab.HarvestRecord(base, src.ID, r.Key)
		e.iri(ri, rdf.RDFType, catalogRecord)
		e.add(ri, nsFOAF+"primaryTopic", r.Dataset)
		e.iri(ri, pHarvestSource, s)
		if r.Page != "" {
			e.iri(ri, nsDCT+"source", r.Page)
		}
		if !r.Withdrawn.IsZero() {
			e.add(ri, nsPROV+"invalidatedAtTime", dateTime(r.Withdrawn))
			for _, lang := range []string{"en", "nl"} {
				e.add(ri, nsRDFS+"comment", rdf.LangLiteral(r.Reason[lang], lang))
			}
			continue
		}
		if r.HasGraph {
			e.iri(ri, pGraph, vocab.HarvestDataGraph(base, src.ID, r.Key))
			e.iri(ri, nsPROV+"wasDerivedFrom", r.Dist)
			e.add(ri, nsPROV+"generatedAtTime", dateTime(r.Generated))
			e.add(ri, nsVOID+"triples", rdf.TypedLiteral(strconv.Itoa(r.Triples), xsdInt))
			if r.ETag != "" {
				e.add(ri, pETag, rdf.Literal(r.ETag))
			}
			if r.LastModified != "" {
				e.add(ri, pLastModified, rdf.Literal(r.LastModified))
			}
			e.add(ri, pDigest, rdf.Literal(r.Digest))
		}
		e.quads = append(e.quads, r.Desc...)
	}
	return e.quads
}

// readRecords reads a source's records graph back.
func readRecords(base string, src Source, qs []rdf.Quad) map[string]*record {
	bySubject := map[rdf.Term][]rdf.Quad{}
	for _, q := range qs {
		bySubject[q.S] = append(bySubject[q.S], q)
	}
	prefix := vocab.HarvestRecord(base, src.ID, "")
	out := map[string]*record{}
	for s, ps := range bySubject {
		key, ok := strings.CutPrefix(s.Value, prefix)
		if !ok || !s.IsIRI() || !isA(ps, catalogRecord) {
			continue
		}
		r := &record{Key: key, Reason: vocab.Text{}}
		for _, q := range ps {
			switch q.P.Value {
			case nsFOAF + "primaryTopic":
				r.Dataset = q.O
			case nsDCT + "source":
				r.Page = q.O.Value
			case pGraph:
				r.HasGraph = true
			case nsPROV + "wasDerivedFrom":
				r.Dist = q.O.Value
			case nsPROV + "generatedAtTime":
				r.Generated, _ = time.Parse(time.RFC3339, q.O.Value)
			case nsPROV + "invalidatedAtTime":
				r.Withdrawn, _ = time.Parse(time.RFC3339, q.O.Value)
			case nsRDFS + "comment":
				r.Reason[q.O.Lang] = q.O.Value
			case nsVOID + "triples":
				r.Triples, _ = strconv.Atoi(q.O.Value)
			case pETag:
				r.ETag = q.O.Value
			case pLastModified:
				r.LastModified = q.O.Value
			case pDigest:
				r.Digest = q.O.Value
			}
		}
		out[key] = r
	}
	return out
}

func isA(qs []rdf.Quad, class string) bool {
	for _, q := range qs {
		if q.P.Value == rdf.RDFType && q.O.Value == class {
			return true
		}
	}
	return false
}

// sameTriples reports whether two graphs hold the same triples.
func sameTriples(a, b []rdf.Quad) bool {
	ka, kb := tripleKeys(a), tripleKeys(b)
	if len(ka) != len(kb) {
		return false
	}
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}

// tripleKeys returns the distinct triples of qs as sorted strings.
func tripleKeys(qs []rdf.Quad) []string {
	seen := make(map[string]bool, len(qs))
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		k := termKey(q.S) + "\x01" + termKey(q.P) + "\x01" + termKey(q.O)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func termKey(t rdf.Term) string {
	return strconv.Itoa(int(t.Kind)) + "\x00" + t.Value + "\x00" + t.Datatype + "\x00" + t.Lang
}

// digest is the SHA-256 of the distinct triples, blank-node labels as
// they are (the harvester gives them stable prefixes).
func digest(keys []string) string {
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{'\n'})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

func dateTime(t time.Time) rdf.Term {
	return rdf.TypedLiteral(t.UTC().Format(time.RFC3339), xsdDT)
}

// emitter collects quads.
type emitter struct{ quads []rdf.Quad }

func (e *emitter) add(s, p string, o rdf.Term) {
	e.quads = append(e.quads, rdf.Quad{S: rdf.IRI(s), P: rdf.IRI(p), O: o})
}

func (e *emitter) iri(s, p, o string) { e.add(s, p, rdf.IRI(o)) }
