package ldserver

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
)

//go:embed templates/*.tmpl
var assets embed.FS

// templates holds the page templates, parsed on the site's layout.
type templates struct {
	pages   *template.Template
	version string // hash of the layout, the style sheets and these templates: part of every ETag
}

func loadTemplates(site *htmlui.Site) (*templates, error) {
	t, err := site.Templates(assets, nil, "templates/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("ldserver: templates: %w", err)
	}
	own, err := htmlui.Hash(assets, "templates")
	if err != nil {
		return nil, fmt.Errorf("ldserver: templates: %w", err)
	}
	return &templates{pages: t, version: site.Version() + own}, nil
}

// page is the data of the resource and landing templates: the frame and
// the page's model.
type page struct {
	htmlui.Chrome
	Page *pageModel
}

// renderHTML renders a page model with its embedded JSON-LD.
func (s *Server) renderHTML(w io.Writer, b *built, dr docReq) error {
	pm := b.page
	if pm == nil {
		return fmt.Errorf("render html: no page model")
	}
	var js bytes.Buffer
	if err := s.renderRDF(&js, httpx.RepJSONLD, b.all()); err != nil {
		return err
	}
	// In a <script> element only "</" could end the element early; "<"
	// appears in JSON only inside strings, where \u003c means the same.
	// Control and bidi characters of the data are escaped too, so that
	// the page holds none raw (below).
	pm.JSONLD = template.JS(httpx.JSONControlEscapes(strings.ReplaceAll(js.String(), "<", `\u003c`)))
	name := "resource"
	if pm.Landing != nil {
		name = "landing"
	}
	var page bytes.Buffer
	if err := s.execute(&page, name, dr, pm); err != nil {
		return err
	}
	// A literal may hold C0 controls or bidi overrides (U+202E shows
	// "exe.txt" as "txt.exe"); the page shows them as visible stand-ins.
	_, err := w.Write(httpx.VisibleControlsHTML(page.Bytes()))
	return err
}

func (s *Server) execute(w io.Writer, name string, dr docReq, pm *pageModel) error {
	if err := s.tmpl.pages.ExecuteTemplate(w, name, page{Chrome: s.chromeFor(dr, pm), Page: pm}); err != nil {
		return fmt.Errorf("render html %s: %w", name, err)
	}
	return nil
}

// chromeFor builds the page frame for a document request: the language
// switch keeps the page number.
func (s *Server) chromeFor(dr docReq, pm *pageModel) htmlui.Chrome {
	c := s.site.Chrome(dr.lang, dr.langParam, pm.Title, dr.path)
	if dr.page > 1 {
		c.LangSwitch = s.base.URL(dr.path) + fmt.Sprintf("?page=%d&lang=%s", dr.page, htmlui.Other(dr.lang))
	}
	c.Alternates, c.JSONLD = pm.Alternates, pm.JSONLD
	return c
}
