package webapp

import (
	"embed"
	"net/http"
	"net/url"

	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// editPage is the data of the form and plan templates: the site's frame
// plus the page's own model.
type editPage struct {
	htmlui.Chrome
	LangQ string // "?lang=xx" when the language came from the URL, for form actions
	Form  *editForm
	Plan  *planView
}

// editPage builds the frame; the language switch keeps the organisation
// and year, so switching never lands on a POST-only address.
func (s *App) editPage(r *http.Request, lang string, langParam bool, title string) *editPage {
	path := httpx.RequestPath(r)
	if r.Method == http.MethodPost {
		path = "/evaluatie/nieuw"
	}
	c := s.site.Chrome(lang, langParam, title, path)
	c.StyleSheets = []string{s.site.CSS("edit.css")}
	q := url.Values{"lang": {htmlui.Other(lang)}}
	for _, k := range []string{"org", "year"} {
		if v := r.FormValue(k); v != "" {
			q.Set(k, v)
		}
	}
	c.LangSwitch = s.base.URL(path) + "?" + q.Encode()
	langQ := ""
	if langParam {
		langQ = "?lang=" + lang
	}
	return &editPage{Chrome: c, LangQ: langQ}
}
