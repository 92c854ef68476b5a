package harvest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/stadleuven/maturity/internal/webfetch"
)

// pageCache keeps the catalog pages last received, with their validators,
// one file per URL, so that a page the source answers 304 can be read
// again. Files are replaced atomically; a missing or broken file only
// means the next request is unconditional.
type pageCache struct{ dir string }

type cachedPage struct {
	URL          string
	ETag         string
	LastModified string
	ContentType  string
	FinalURL     string
	Body         []byte
}

func newPageCache(dir string) *pageCache { return &pageCache{dir: dir} }

func (c *pageCache) file(u string) string {
	sum := sha256.Sum256([]byte(u))
	return filepath.Join(c.dir, hex.EncodeToString(sum[:16])+".json")
}

// load returns the cached page of u, or nil.
func (c *pageCache) load(u string) *cachedPage {
	if c.dir == "" {
		return nil
	}
	b, err := os.ReadFile(c.file(u))
	if err != nil {
		return nil
	}
	var p cachedPage
	if json.Unmarshal(b, &p) != nil || p.URL != u || (p.ETag == "" && p.LastModified == "") {
		return nil
	}
	return &p
}

// store keeps a page the source sent with a validator.
func (c *pageCache) store(u string, resp webfetch.Response) {
	if c.dir == "" {
		return
	}
	p := cachedPage{URL: u, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		ContentType: resp.ContentType, FinalURL: resp.FinalURL, Body: resp.Body}
	if p.ETag == "" && p.LastModified == "" {
		os.Remove(c.file(u))
		return
	}
	b, err := json.Marshal(p)
	if err != nil || os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(c.dir, ".page-*")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), c.file(u)) != nil {
		os.Remove(f.Name())
	}
}
