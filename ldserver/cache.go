package ldserver

import (
	"container/list"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
)

// entry is one rendered response: the body, its gzip form and the headers
// that depend on the content. It is valid for generation gen; when the data
// changes the document is rebuilt, and if its ETag is unchanged (none of its
// graphs changed) the rendered bytes are reused.
type entry struct {
	key      string
	gen      uint64
	etag     string // quoted, strong
	modified time.Time
	ctype    string
	link     string
	location string // Content-Location: the URL of this very representation
	// disposition is the Content-Disposition of a download, if any.
	disposition string
	vary        string
	cacheCtl    string
	status      int // 0 for 200; 410 for a tombstone, never answered 304
	body        []byte
	gz          []byte

	// Header values prepared once, so a cache hit sets headers without
	// formatting or allocating: hdr for every response, then the ETag and
	// length for the plain or gzip body.
	once                     sync.Once
	hdr                      http.Header
	etagPlain, etagGz        []string
	lenPlain, lenGz, encGzip []string
}

// prepare fills the prepared header values.
func (e *entry) prepare() {
	e.once.Do(func() {
		e.hdr = http.Header{
			"Content-Type":  {e.ctype},
			"Vary":          {e.vary},
			"Cache-Control": {e.cacheCtl},
		}
		if e.link != "" {
			e.hdr["Link"] = []string{e.link}
		}
		if e.location != "" {
			e.hdr["Content-Location"] = []string{e.location}
		}
		if e.disposition != "" {
			e.hdr["Content-Disposition"] = []string{e.disposition}
		}
		if strings.HasPrefix(e.ctype, "text/html") {
			e.hdr["Content-Security-Policy"] = []string{httpx.PageCSP}
		}
		if !e.modified.IsZero() {
			e.hdr["Last-Modified"] = []string{e.modified.Format(http.TimeFormat)}
		}
		e.etagPlain = []string{e.etag}
		// A different content-coding is a different representation.
		e.etagGz = []string{strings.TrimSuffix(e.etag, `"`) + `-gzip"`}
		e.lenPlain = []string{strconv.Itoa(len(e.body))}
		e.lenGz = []string{strconv.Itoa(len(e.gz))}
		e.encGzip = []string{"gzip"}
	})
}

func (e *entry) size() int { return len(e.body) + len(e.gz) + len(e.key) + 256 }

// respCache is an LRU of rendered responses bounded by bytes.
type respCache struct {
	mu    sync.Mutex
	max   int
	used  int
	ll    *list.List
	items map[string]*list.Element
}

func newRespCache(max int) *respCache {
	return &respCache{max: max, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *respCache) get(key string) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil
	}
	c.ll.MoveToFront(el)
	return el.Value.(*entry)
}

func (c *respCache) put(e *entry) {
	if e.size() > c.max/8 {
		return // one huge document must not flush everything else
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[e.key]; ok {
		c.used -= el.Value.(*entry).size()
		c.ll.Remove(el)
	}
	c.items[e.key] = c.ll.PushFront(e)
	c.used += e.size()
	for c.used > c.max {
		el := c.ll.Back()
		old := el.Value.(*entry)
		c.ll.Remove(el)
		delete(c.items, old.key)
		c.used -= old.size()
	}
}

// cacheKey identifies a representation: path, format, language, whether
// the language was chosen by ?lang= (links then carry it) and page.
func cacheKey(path string, r httpx.Rep, lang string, langParam bool, page int) string {
	var b strings.Builder
	b.WriteString(path)
	b.WriteByte(0)
	b.WriteString(r.Name())
	b.WriteByte(0)
	if r.HTML {
		b.WriteString(lang)
		if langParam {
			b.WriteString("!")
		}
	}
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(page))
	return b.String()
}

// validators computes the ETag and Last-Modified of a document from the
// graphs that contributed to it: changing one assessment changes the ETags
// of its own pages only. salt covers everything else the bytes depend on
// (representation, language, page, server version).
func validators(rd *reader, salt string) (etag string, modified time.Time, err error) {
	ids := make([]uint64, 0, len(rd.graphs))
	for g := range rd.graphs {
		ids = append(ids, g)
	}
	type gm struct {
		name string
		t    time.Time
	}
	parts := make([]gm, 0, len(ids))
	for _, id := range ids {
		t, err := rd.term(id)
		if err != nil {
			return "", time.Time{}, err
		}
		mt, ok, err := rd.v.GraphModified(t)
		if err != nil {
			return "", time.Time{}, err
		}
		if !ok {
			mt = time.Time{}
		}
		if t == (rdf.Term{}) {
			t = rdf.IRI("")
		}
		parts = append(parts, gm{t.Value, mt})
		if mt.After(modified) {
			modified = mt
		}
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].name < parts[j].name })
	h := sha256.New()
	h.Write([]byte(salt))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p.name))
		h.Write([]byte(p.t.UTC().Format(time.RFC3339Nano)))
	}
	sum := h.Sum(nil)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`, modified.UTC().Truncate(time.Second), nil
}

// notModified applies If-None-Match, then If-Modified-Since (RFC 9110 §13.2.2).
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			t = strings.TrimPrefix(t, "W/")
			t = strings.Replace(t, "-gzip\"", "\"", 1)
			if t == "*" || t == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !modified.After(t) {
			return true
		}
	}
	return false
}

// writeEntry sends a cached or fresh response, honouring conditional
// requests, gzip and HEAD.
func writeEntry(w http.ResponseWriter, r *http.Request, e *entry) {
	e.prepare()
	h := w.Header()
	for k, v := range e.hdr {
		h[k] = v
	}
	body, etag, length := e.body, e.etagPlain, e.lenPlain
	if len(e.gz) > 0 && httpx.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag, length = e.gz, e.etagGz, e.lenGz
		h["Content-Encoding"] = e.encGzip
	}
	h["Etag"] = etag
	status := http.StatusOK
	if e.status != 0 {
		status = e.status
	} else if notModified(r, e.etag, e.modified) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Length"] = length
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
