package ldserver

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
)

//go:embed templates/*.tmpl static/*
var assets embed.FS

// templates holds the parsed page templates and the static files.
type templates struct {
	pages   *template.Template
	static  map[string][]byte
	gz      map[string][]byte
	version string // hash of templates and static files: part of every ETag
}

func loadTemplates() (*templates, error) {
	t, err := template.New("").Funcs(template.FuncMap{
		"upper1": upperFirst,
	}).ParseFS(assets, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("ldserver: templates: %w", err)
	}
	h := sha256.New()
	for _, dir := range []string{"templates", "static"} {
		entries, err := assets.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("ldserver: %s: %w", dir, err)
		}
		for _, e := range entries {
			b, _ := assets.ReadFile(dir + "/" + e.Name())
			h.Write(b)
		}
	}
	static, gz := map[string][]byte{}, map[string][]byte{}
	entries, _ := assets.ReadDir("static")
	for _, e := range entries {
		b, _ := assets.ReadFile("static/" + e.Name())
		static[e.Name()] = b
		gz[e.Name()] = gzipBytes(b)
	}
	return &templates{pages: t, static: static, gz: gz, version: hex.EncodeToString(h.Sum(nil))[:12]}, nil
}

// chrome is what every page's frame needs besides the content.
type chrome struct {
	Lang        string
	Title       string
	Base        string
	Home        string
	CSS         string
	LangSwitch  string // URL of this page in the other language
	LangName    string
	Licence     string
	LicenceName string
	T           func(string) string
	Page        *pageModel
}

// msgByName lets templates look texts up by name.
var msgNames = map[string]msgKey{
	"properties": msgProperties, "incoming": msgIncoming, "type": msgType, "value": msgValue,
	"property": msgProperty, "formats": msgFormats, "licence": msgLicence, "page": msgPage,
	"next": msgNext, "previous": msgPrevious, "subjects": msgSubjects, "more": msgMore,
	"introTitle": msgIntroTitle, "intro": msgIntro, "organisations": msgOrganisations,
	"model": msgModel, "assessments": msgAssessments, "data": msgData, "dumps": msgDumps,
	"void": msgVoID, "sparql": msgSPARQL, "catalog": msgCatalog, "hubstatus": msgHubStatus, "hubcompare": msgHubCompare, "assessform": msgAssessForm, "context": msgContext,
	"vocabulary": msgVocabulary, "skip": msgSkip, "graphContent": msgGraphContent,
	"fixed": msgDimensionsFixed, "home": msgHome, "dumpNQ": msgDumpNQ, "dumpTTL": msgDumpTTL,
	"concepts": msgConcepts, "empty": msgEmpty, "terms": msgTermsOf,
	"studyText": msgStudyText, "translation": msgTranslation, "interpretation": msgInterpretation,
	"studyTitle": msgStudyTitle, "definitions": msgDefinitions, "conclusions": msgConclusions, "ourReading": msgOurReading,
}

// renderHTML renders a page model with its embedded JSON-LD.
func (s *Server) renderHTML(w io.Writer, b *built, dr docReq) error {
	pm := b.page
	if pm == nil {
		return fmt.Errorf("render html: no page model")
	}
	var js bytes.Buffer
	if err := s.renderRDF(&js, repJSONLD, b.all()); err != nil {
		return err
	}
	// In a <script> element only "</" could end the element early; "<"
	// appears in JSON only inside strings, where \u003c means the same.
	pm.JSONLD = template.JS(strings.ReplaceAll(js.String(), "<", `\u003c`))
	name := "resource"
	if pm.Landing != nil {
		name = "landing"
	}
	return s.execute(w, name, dr, pm)
}

func (s *Server) execute(w io.Writer, name string, dr docReq, pm *pageModel) error {
	if err := s.tmpl.pages.ExecuteTemplate(w, name, s.chromeFor(dr, pm)); err != nil {
		return fmt.Errorf("render html %s: %w", name, err)
	}
	return nil
}

// chromeFor builds the page frame for a document request.
func (s *Server) chromeFor(dr docReq, pm *pageModel) chrome {
	other := "en"
	if dr.lang == "en" {
		other = "nl"
	}
	switchURL := s.base.url(dr.path)
	if dr.page > 1 {
		switchURL += fmt.Sprintf("?page=%d&lang=%s", dr.page, other)
	} else {
		switchURL += "?lang=" + other
	}
	home := s.base.iri
	if dr.langParam {
		home += "?lang=" + dr.lang
	}
	return chrome{
		Lang:        dr.lang,
		Title:       pm.Title,
		Base:        s.base.iri,
		Home:        home,
		CSS:         s.base.url("static/style.css") + "?v=" + s.tmpl.version,
		LangSwitch:  switchURL,
		LangName:    s.msg(dr.lang, msgLangSwitch),
		Licence:     s.cfg.Licence,
		LicenceName: licenceName(s.cfg.Licence),
		T: func(k string) string {
			if m, ok := msgNames[k]; ok {
				return s.msg(dr.lang, m)
			}
			return k
		},
		Page: pm,
	}
}

// licenceName is the short name of the Flemish model licences we know.
func licenceName(iri string) string {
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

// serveStatic serves the embedded CSS with long caching: its URL carries
// the version, so a new build is fetched anew.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "file")
	b, ok := s.tmpl.static[name]
	if !ok {
		s.serveNotFound(w, r)
		return
	}
	ctype := "application/octet-stream"
	if strings.HasSuffix(name, ".css") {
		ctype = "text/css; charset=utf-8"
	}
	e := &entry{ctype: ctype, etag: `"` + s.tmpl.version + `"`, vary: "Accept-Encoding", cacheCtl: "public, max-age=31536000, immutable", body: b, gz: s.tmpl.gz[name]}
	writeEntry(w, r, e)
}

// upperFirst capitalises a heading built from a lower-case label.
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
