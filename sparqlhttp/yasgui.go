package sparqlhttp

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/sparql"
)

// The query page: YASGUI (the editor Fuseki and Oxigraph users know),
// vendored gzipped from npm so that the binary serves it offline.
//
//go:embed yasgui/page.tmpl yasgui/yasgui.min.js.gz yasgui/yasgui.min.css.gz yasgui/LICENSE yasgui/init.js
var yasguiFS embed.FS

var yasguiPage = template.Must(template.ParseFS(yasguiFS, "yasgui/page.tmpl"))

// yasguiTypes are the assets served under /sparql/ui/.
var yasguiTypes = map[string]string{
	"yasgui.min.js":  "text/javascript; charset=utf-8",
	"yasgui.min.css": "text/css; charset=utf-8",
	"LICENSE":        "text/plain; charset=utf-8",
	"init.js":        "text/javascript; charset=utf-8",
}

// plainAssets are the assets stored as they are, not gzipped.
var plainAssets = map[string]bool{"LICENSE": true, "init.js": true}

// exampleQuery is one example shown on the query page.
type exampleQuery struct {
	Name  string // file name without .rq
	Title string // the first comment line, in the page's language
	Query string
	title [2]string // nl, en
}

// newExample reads an example's titles from its first comment line, which
// by convention is Dutch with the English in parentheses at the end:
// "# Scores van één stad (Scores of one city)."
func newExample(file, text string) exampleQuery {
	name := strings.TrimSuffix(path.Base(file), ".rq")
	ex := exampleQuery{Name: name, Query: text, title: [2]string{name, name}}
	first, _, _ := strings.Cut(text, "\n")
	if c, ok := strings.CutPrefix(strings.TrimSpace(first), "#"); ok {
		c = strings.TrimSuffix(strings.TrimSpace(c), ".")
		ex.title = [2]string{c, c}
		if i := strings.LastIndex(c, " ("); i > 0 && strings.HasSuffix(c, ")") {
			ex.title = [2]string{strings.TrimSpace(c[:i]), c[i+2 : len(c)-1]}
		}
	}
	return ex
}

func (e exampleQuery) in(lang string) exampleQuery {
	if lang == "en" {
		e.Title = e.title[1]
	} else {
		e.Title = e.title[0]
	}
	return e
}

// queryPage is the view model of the query page.
type queryPage struct {
	Lang, OtherLang, Title, Brand, Home, HomeText, LangSwitch, LangName string
	SiteCSS, UICSS, UIJS, InitJS, SD, SDText, Endpoint, FirstQuery      string
	Intro, Limits, ExamplesTitle, NoScript, LicenceText, Licence        string
	Examples                                                            []exampleQuery
}

// serveQueryPage serves the query page in lang. A ?query= in the URL is
// picked up by YASGUI itself, so links to a query open it in the editor.
func (s *Endpoint) serveQueryPage(w http.ResponseWriter, r *http.Request, lang string) {
	other := "en"
	if lang == "en" {
		other = "nl"
	}
	intro := i18n.T(lang, "sparqlPageIntro")
	if s.mode != sparql.UnionDefaultGraph {
		intro = i18n.T(lang, "sparqlPageIntroOwn")
	}
	p := queryPage{
		Lang: lang, OtherLang: other,
		Title:         i18n.T(lang, "sparqlPageTitle"),
		Brand:         i18n.T(lang, "introTitle"),
		Home:          s.base.IRI,
		HomeText:      i18n.T(lang, "home"),
		LangSwitch:    s.base.URL("sparql") + "?lang=" + other,
		LangName:      i18n.T(lang, "langSwitch"),
		SiteCSS:       s.site.CSS("style.css"),
		UICSS:         s.base.URL("sparql/ui/yasgui.min.css"),
		UIJS:          s.base.URL("sparql/ui/yasgui.min.js"),
		InitJS:        s.base.URL("sparql/ui/init.js"),
		SD:            s.base.URL("sparql") + "?format=ttl",
		SDText:        i18n.T(lang, "sparqlPageSD"),
		Endpoint:      s.base.URL("sparql"),
		Intro:         intro,
		Limits:        fmt.Sprintf(i18n.T(lang, "sparqlPageLimits"), s.timeout, s.maxRows),
		ExamplesTitle: i18n.T(lang, "sparqlPageExamples"),
		NoScript:      i18n.T(lang, "sparqlPageNoScript"),
		LicenceText:   i18n.T(lang, "licence"),
		Licence:       s.site.Licence(),
	}
	for _, e := range s.examples {
		p.Examples = append(p.Examples, e.in(lang))
	}
	if len(p.Examples) > 0 {
		p.FirstQuery = p.Examples[0].Query
	}
	var buf bytes.Buffer
	if err := yasguiPage.Execute(&buf, p); err != nil {
		s.internalError(w, r, fmt.Errorf("query page: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Security-Policy", httpx.PageCSP)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// serveYasguiAsset serves the vendored editor: gzipped as stored, or
// decompressed for a client that does not accept gzip.
func (s *Endpoint) serveYasguiAsset(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "file")
	ct, ok := yasguiTypes[name]
	if !ok {
		lang, _ := s.pickLang(r)
		s.site.Message(w, r, http.StatusNotFound, i18n.T(lang, "notFound"), false)
		return
	}
	file := "yasgui/" + name
	gz := !plainAssets[name]
	if gz {
		file += ".gz"
	}
	body, err := yasguiFS.ReadFile(file)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Vary", "Accept-Encoding")
	if gz {
		if httpx.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip")
		} else if body, err = s.gunzipped(name, body); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// gunzipped decompresses an asset for the rare client that does not accept
// gzip, once.
func (s *Endpoint) gunzipped(name string, gz []byte) ([]byte, error) {
	if b, ok := s.plain.Load(name); ok {
		return b.([]byte), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("asset %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("asset %s: %w", name, err)
	}
	s.plain.Store(name, b)
	return b, nil
}
