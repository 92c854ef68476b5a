package htmlui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
)

//go:embed templates/*.tmpl static/*
var assets embed.FS

// Site is the page frame of one instance: its base, its licence, its
// languages, the layout and the static files.
type Site struct {
	base    httpx.Base
	licence string
	langs   []string
	layout  *template.Template
	static  map[string][]byte
	gz      map[string][]byte
	version string
}

// New sets up the frame of the site at base, whose data is published
// under licence, in defaultLang ("nl" or "en") unless a request asks for
// the other.
func New(base httpx.Base, licence, defaultLang string) (*Site, error) {
	layout, err := template.New("").Funcs(Funcs()).ParseFS(assets, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("htmlui: %w", err)
	}
	version, err := Hash(assets, "templates", "static")
	if err != nil {
		return nil, fmt.Errorf("htmlui: %w", err)
	}
	s := &Site{base: base, licence: licence, langs: i18n.Langs(defaultLang), layout: layout,
		static: map[string][]byte{}, gz: map[string][]byte{}, version: version}
	entries, err := assets.ReadDir("static")
	if err != nil {
		return nil, fmt.Errorf("htmlui: %w", err)
	}
	for _, e := range entries {
		b, _ := assets.ReadFile("static/" + e.Name())
		s.static[e.Name()] = b
		s.gz[e.Name()] = httpx.GzipBytes(b)
	}
	return s, nil
}

// Funcs are the template functions every page's templates may use.
func Funcs() template.FuncMap {
	return template.FuncMap{"upper1": UpperFirst}
}

// Hash is a short hash of every file in the directories of fsys: a
// version that changes with the templates and the style sheets.
func Hash(fsys fs.ReadDirFS, dirs ...string) (string, error) {
	h := sha256.New()
	for _, dir := range dirs {
		entries, err := fsys.ReadDir(dir)
		if err != nil {
			return "", err
		}
		for _, e := range entries {
			b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
			if err != nil {
				return "", err
			}
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// Base is the site's public base.
func (s *Site) Base() httpx.Base { return s.base }

// Licence is the licence of the site's data.
func (s *Site) Licence() string { return s.licence }

// Version is a hash of the layout and the static files: part of every
// page's ETag and of the style sheets' URLs.
func (s *Site) Version() string { return s.version }

// Langs lists the site's languages, the default first.
func (s *Site) Langs() []string { return s.langs }

// PickLang chooses a request's language: ?lang= (fromParam: links carry it
// on), else Accept-Language, else the site's default.
func (s *Site) PickLang(r *http.Request) (lang string, fromParam bool) {
	return httpx.PickLang(r, s.langs)
}

// CSS is the URL of one of the site's style sheets; it changes with the
// version, so browsers may keep it for good.
func (s *Site) CSS(name string) string {
	return s.base.URL("static/"+name) + "?v=" + s.version
}

// Templates parses the templates of fsys matching patterns on top of a
// copy of the layout, with funcs added to Funcs().
func (s *Site) Templates(fsys fs.FS, funcs template.FuncMap, patterns ...string) (*template.Template, error) {
	t, err := s.layout.Clone()
	if err != nil {
		return nil, err
	}
	if funcs != nil {
		t = t.Funcs(funcs)
	}
	return t.ParseFS(fsys, patterns...)
}

// Chrome is what every page's frame needs besides the content.
type Chrome struct {
	Lang        string
	Title       string
	Base        string
	Home        string
	CSS         string
	StyleSheets []string // the page's own, after the site's
	LangSwitch  string   // URL of this page in the other language
	LangName    string
	Licence     string
	LicenceName string
	T           func(key string, args ...any) string // the page's texts, in Lang, formatted with args
	Alternates  []Alternate
	JSONLD      template.JS // the page's JSON-LD, made safe for a <script> element
	Account     *Account    // the web app's pages: who is signed in; nil on public pages
}

// Account is the header's part about the person signed in (Email set) or
// a way to sign in (Login set).
type Account struct {
	Email, Role  string
	Workspace    string // the editor's overview
	Admin        string // the administrator's page, "" for an editor
	Logout, CSRF string // the logout form's action and token
	Login        string // the login page, when nobody is signed in
}

// Alternate is another representation of the page.
type Alternate struct {
	Name, MediaType, Href string
}

// Chrome returns the frame of a page in lang titled title; langParam
// (the language came from ?lang=) makes the home link carry it on. The
// language switch leads to path (a server path such as "/doc/x") in the
// other language.
func (s *Site) Chrome(lang string, langParam bool, title, path string) Chrome {
	home := s.base.IRI
	if langParam {
		home += "?lang=" + lang
	}
	return Chrome{
		Lang:        lang,
		Title:       title,
		Base:        s.base.IRI,
		Home:        home,
		CSS:         s.CSS("style.css"),
		LangSwitch:  s.base.URL(path) + "?lang=" + Other(lang),
		LangName:    i18n.T(lang, "langSwitch"),
		Licence:     s.licence,
		LicenceName: LicenceName(s.licence),
		T:           func(k string, args ...any) string { return i18n.T(lang, k, args...) },
	}
}

// Other is the language a page's switch leads to.
func Other(lang string) string {
	if lang == "en" {
		return "nl"
	}
	return "en"
}

// message is the data of the "message" template.
type message struct {
	Chrome
	Heading, Text string
}

// Message answers code with text in the request's language: a page for a
// browser (with the frame, so there is a way back), plain text for other
// clients. A private answer (one about the request's own session or
// form) is never cached or framed; otherwise 404 and 410 may be cached a
// minute.
func (s *Site) Message(w http.ResponseWriter, r *http.Request, code int, text string, private bool) {
	lang, langParam := s.PickLang(r)
	h := w.Header()
	h.Set("Vary", "Accept, Accept-Language")
	if private {
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	} else if code == http.StatusNotFound || code == http.StatusGone {
		h.Set("Cache-Control", "public, max-age=60")
	}
	if rp, ok := httpx.Negotiate(r.Header.Get("Accept"), []httpx.Rep{httpx.RepTurtle, httpx.RepHTML}); ok && rp.HTML {
		var buf bytes.Buffer
		c := s.Chrome(lang, langParam, strconv.Itoa(code), httpx.RequestPath(r))
		if err := s.layout.ExecuteTemplate(&buf, "message", message{Chrome: c, Heading: i18n.StatusTitle(lang, code), Text: text}); err == nil {
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Content-Length", strconv.Itoa(buf.Len()))
			w.WriteHeader(code)
			if r.Method != http.MethodHead {
				w.Write(buf.Bytes())
			}
			return
		}
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		fmt.Fprintf(w, "%d %s\n", code, text)
	}
}

// ServeStatic serves the style sheet named by the last path segment, with
// long caching: its URL carries the version, so a new build is fetched
// anew. It reports false, writing nothing, when there is no such file.
func (s *Site) ServeStatic(w http.ResponseWriter, r *http.Request, name string) bool {
	b, ok := s.static[name]
	if !ok {
		return false
	}
	h := w.Header()
	ctype := "application/octet-stream"
	if strings.HasSuffix(name, ".css") {
		ctype = "text/css; charset=utf-8"
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	etag := `"` + s.version + `"`
	if httpx.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		b = s.gz[name]
		h.Set("Content-Encoding", "gzip")
		etag = `"` + s.version + `-gzip"`
	}
	h.Set("ETag", etag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(strings.ReplaceAll(inm, "-gzip", ""), `"`+s.version+`"`) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
	return true
}

// LicenceName is the short name of the Flemish model licences we know.
func LicenceName(iri string) string {
	switch {
	case strings.Contains(iri, "publicdomain/zero"), strings.Contains(iri, "creative-commons-zero"):
		return "CC0 1.0"
	case strings.Contains(iri, "licenses/by/4.0"):
		return "CC BY 4.0"
	case strings.Contains(iri, "gratis-hergebruik"):
		return "Modellicentie gratis hergebruik"
	}
	return iri
}

// UpperFirst capitalises a heading built from a lower-case label.
func UpperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
