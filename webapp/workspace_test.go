package webapp

import (
	"bytes"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/vocab"
)

// multipartForm encodes f and files (field → name, content) as the form
// sends them.
func multipartForm(f url.Values, files map[string][2]string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range f {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for field, file := range files {
		fw, _ := mw.CreateFormFile(field, file[0])
		fw.Write([]byte(file[1]))
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

// A draft is saved on the server, incomplete; the organisation's other
// editors see it, another organisation's do not; publishing removes it.
func TestDrafts(t *testing.T) {
	acc := withAccounts(t)
	e := newEditEnv(t, func(c *Config) {
		acc(c)
		if _, err := c.Private.AddUser("noord2@demo.be", "99991", "editor", pw); err != nil {
			t.Fatal(err)
		}
	})
	a := e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
	// Start an assessment for 2026 with the survey method.
	resp, _ := e.post(t, "evaluatie/start", a.form(url.Values{"org": {"99991"}, "year": {"2026"}, "method": {"bevraging"}}), a.header())
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "evaluatie/nieuw?org=99991&year=2026") {
		t.Fatalf("start: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Two domains filled in, nothing else: saved as it is.
	f := url.Values{"org": {"99991"}, "year": {"2026"}, "method": {"bevraging"}, "actie": {"opslaan"},
		"m-kennis": {"2"}, "n-kennis": {"4"}, "t-kennis": {"Een geheim concept"}, "m-sponsoring": {"3"}}
	resp, _ = e.post(t, "evaluatie", a.form(f), a.header())
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "bewaard=1") {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if e.w.count() != 0 {
		t.Fatal("saving a draft wrote public data")
	}
	b := e.login(t, "noord2@demo.be", pw, http.StatusSeeOther)
	_, page := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99991&year=2026", b.header())
	p := html.UnescapeString(string(page))
	if !strings.Contains(p, "Een geheim concept") || !strings.Contains(p, `id="m-kennis-2" name="m-kennis" value="2" checked`) || !strings.Contains(p, "noord@demo.be") {
		t.Error("the other editor of 99991 does not see the draft, or not who saved it")
	}
	if !strings.Contains(p, `<option value="bevraging" selected>`) {
		t.Error("the draft's method is not selected")
	}
	_, ov := e.get(t, http.MethodGet, e.base+"evaluatie", b.header())
	if !strings.Contains(string(ov), i18n.T("nl", "draftOf", 2026)) || !strings.Contains(string(ov), i18n.T("nl", "domainsScored", 1, 11)) {
		t.Error("the overview does not list the draft with 1 of 11 domains scored")
	}
	z := e.login(t, "zuid@demo.be", pw, http.StatusSeeOther)
	if resp, _ := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99991&year=2026", z.header()); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor of 99992 opening 99991's draft: %d, want 403", resp.StatusCode)
	}
	_, ov = e.get(t, http.MethodGet, e.base+"evaluatie", z.header())
	if strings.Contains(string(ov), "Een geheim concept") || strings.Contains(string(ov), i18n.T("nl", "draftOf", 2026)) {
		t.Error("the editor of 99992 sees 99991's draft")
	}
	// Publishing the incomplete draft is refused; partial, it is allowed
	// and the draft is gone.
	f.Set("actie", "publiceren")
	if resp, _ := e.post(t, "evaluatie", b.form(f), b.header()); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("publishing 2 of 11 domains: %d, want 422", resp.StatusCode)
	}
	f.Set("n-sponsoring", "3")
	f.Set("partial", "1")
	resp, body := e.post(t, "evaluatie", b.form(f), b.header())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publishing partial: %d %.500s", resp.StatusCode, body)
	}
	if got := e.objects(e.base+"id/evaluatie/99991/2026/v1", vocab.Mat("partial")); len(got) != 1 || got[0] != "true" {
		t.Errorf("mat:partial %v", got)
	}
	if got := e.objects(e.base+"id/observatie/99991/2026/v1/visie-strategie", vocab.Mat("maturityScore")); len(got) != 0 {
		t.Errorf("an empty domain was published: %v", got)
	}
	_, page = e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99991&year=2026", b.header())
	if strings.Contains(string(page), "Concept, laatst bewaard") {
		t.Error("the draft is still there after publishing")
	}
}

// An Excel survey export (semicolons, Windows-1252) is read into the
// draft, shown per profile with the small groups left out, and published
// with the assessment; its rows never are.
func TestSurveyUpload(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	s := e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
	// Six policy officers and two data experts: the experts' figures are
	// left out (fewer than 5), and so are the officers' (else the experts
	// follow from the total).
	header := "profiel"
	var items []string
	for _, it := range e.model.Items {
		items = append(items, it.Column)
	}
	header += ";" + strings.Join(items, ";")
	rows := []string{header}
	for i := range 8 {
		prof := "beleidsmedewerker"
		if i >= 6 {
			prof = "data-expert"
		}
		cells := []string{prof}
		for range items {
			cells = append(cells, "4")
		}
		rows = append(rows, strings.Join(cells, ";"))
	}
	csv := strings.Join(rows, "\r\n") + "\r\n"
	f := e.validForm("99991", "2026")
	f.Set("csrf", s.csrf)
	ctype, body := multipartForm(f, map[string][2]string{"bevraging": {"bevraging excel.csv", csv}})
	resp, page := sitetest.Post(t, e.base+"evaluatie/bevraging", ctype, body, s.header())
	p := html.UnescapeString(string(page))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("survey upload: %d %.800s", resp.StatusCode, p)
	}
	for _, want := range []string{"puntkomma", i18n.T("nl", "surveyLegend", 5), "8 respondenten", "6 respondenten", "2 respondenten"} {
		if !strings.Contains(p, want) {
			t.Errorf("the survey's figures lack %q", want)
		}
	}
	// Only the column of everyone has figures: the two experts' are left
	// out, and the six officers' too (else the experts' follow from the
	// total).
	if n := strings.Count(p, "<td>4 / 4</td>"); n != len(e.model.Domains) {
		t.Errorf("%d cells with figures, want %d (everyone's only)", n, len(e.model.Domains))
	}
	if !strings.Contains(p, i18n.T("nl", "saveDraft")) {
		t.Error("after the upload the form lost its save button")
	}
	// The Windows-1252 note: an accent in a cell the survey does not read.
	if e.w.count() != 0 {
		t.Fatal("the upload wrote public data")
	}
	f.Set("actie", "publiceren")
	resp, _ = e.post(t, "evaluatie", s.form(f), s.header())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish with survey: %d", resp.StatusCode)
	}
	if got := e.objects(e.base+"id/bevraging/99991/2026", vocab.Mat("currentVersion")); len(got) != 1 {
		t.Errorf("the survey was not published with the assessment: %v", got)
	}
	for _, q := range e.src.Visible() {
		for _, term := range []string{q.S.Value, q.O.Value} {
			if strings.HasPrefix(term, "urn:maturity:respondent") || strings.Contains(term, "data-expert;") {
				t.Fatalf("a survey row reached the data: %v", q)
			}
		}
	}
}

// A self-assessment sheet as Excel saves it in Belgium fills in the form.
func TestExcelSheetUpload(t *testing.T) {
	e := newEditEnv(t, nil)
	sheet := "domein;maturiteit;nood;toelichting\r\nsponsoring;3;4;Schepen \x93steunt\x94 caf\xe9\r\nkennis;2,5;4;\r\n"
	ctype, body := multipartForm(url.Values{"org": {"99991"}, "year": {"2026"}, "method": {"zelfevaluatie"}}, map[string][2]string{"bestand": {"zelf.csv", sheet}})
	resp, page := sitetest.Post(t, e.base+"evaluatie/csv", ctype, body)
	p := html.UnescapeString(string(page))
	if resp.StatusCode != http.StatusOK || !strings.Contains(p, "Schepen “steunt” café") || !strings.Contains(p, `id="m-sponsoring-3" name="m-sponsoring" value="3" checked`) {
		t.Errorf("Excel sheet: %d", resp.StatusCode)
	}
	if !strings.Contains(p, i18n.T("nl", "prevScore", "2.5")) {
		t.Error("the decimal comma score 2,5 is not shown")
	}
}

// Withdrawing answers 410 with a tombstone at the version's IRIs, drops
// the dataset from the catalog and records the withdrawal; the year is
// not published again.
func TestWithdraw(t *testing.T) {
	e := newEditEnv(t, withAccounts(t))
	s := e.login(t, "zuid@demo.be", pw, http.StatusSeeOther)
	for range 2 {
		if resp, _ := e.post(t, "evaluatie", s.form(e.validForm("99992", "2026")), s.header()); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d", resp.StatusCode)
		}
	}
	_, cat := e.get(t, http.MethodGet, e.base+"catalog", "Accept: text/turtle")
	if !strings.Contains(string(cat), "dataset/evaluatie/99992/2026") {
		t.Fatal("the catalog lacks the published assessment")
	}
	o := e.login(t, "noord@demo.be", pw, http.StatusSeeOther)
	if resp, _ := e.post(t, "evaluatie/intrekken", o.form(url.Values{"org": {"99992"}, "year": {"2026"}, "reden": {"x"}}), o.header()); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor of 99991 withdrawing 99992: %d, want 403", resp.StatusCode)
	}
	if resp, _ := e.post(t, "evaluatie/intrekken", s.form(url.Values{"org": {"99992"}, "year": {"2026"}, "reden": {"  "}}), s.header()); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("withdrawing without a reason: %d, want 422", resp.StatusCode)
	}
	reason := "Per vergissing gepubliceerd met testgegevens"
	if resp, _ := e.post(t, "evaluatie/intrekken", s.form(url.Values{"org": {"99992"}, "year": {"2026"}, "reden": {reason}}), s.header()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", resp.StatusCode)
	}
	for _, p := range []string{"id/evaluatie/99992/2026", "id/evaluatie/99992/2026/v1", "id/evaluatie/99992/2026/v2", "id/observatie/99992/2026/v2/kennis", "id/dataset/evaluatie/99992/2026"} {
		doc := e.base + strings.Replace(p, "id/", "doc/", 1)
		resp, body := e.get(t, http.MethodGet, doc, "Accept: text/html")
		if resp.StatusCode != http.StatusGone || !strings.Contains(html.UnescapeString(string(body)), reason) || !strings.Contains(string(body), `class="tombstone"`) {
			t.Errorf("%s: %d, want 410 with the tombstone and the reason", doc, resp.StatusCode)
		}
		resp, body = e.get(t, http.MethodGet, doc, "Accept: text/turtle")
		if resp.StatusCode != http.StatusGone || !strings.Contains(string(body), "invalidatedAtTime") {
			t.Errorf("%s as Turtle: %d", doc, resp.StatusCode)
		}
	}
	if resp, _ := e.get(t, http.MethodGet, e.base+"download/evaluatie/99992/2026.csv"); resp.StatusCode != http.StatusGone {
		t.Errorf("download of the withdrawn dataset: %d, want 410", resp.StatusCode)
	}
	_, cat = e.get(t, http.MethodGet, e.base+"catalog", "Accept: application/n-triples")
	ds := "<" + e.base + "id/dataset/evaluatie/99992/2026>"
	if strings.Contains(string(cat), "<http://www.w3.org/ns/dcat#dataset> "+ds) {
		t.Error("the catalog still lists the withdrawn dataset")
	}
	if !strings.Contains(string(cat), "<http://www.w3.org/ns/dcat#dataset> <"+e.base+"id/dataset/evaluatie/99991/2025>") {
		t.Error("the check above would not see a listed dataset")
	}
	if !strings.Contains(string(cat), "<http://www.w3.org/ns/dcat#CatalogRecord>") || !strings.Contains(string(cat), "changetype/deleted") || !strings.Contains(string(cat), reason) {
		t.Error("the catalog keeps no record of the withdrawal")
	}
	if resp, body := e.post(t, "evaluatie", s.form(e.validForm("99992", "2026")), s.header()); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "ingetrokken") {
		t.Errorf("publishing the withdrawn year again: %d, want 409", resp.StatusCode)
	}
	_, ov := e.get(t, http.MethodGet, e.base+"evaluatie", s.header())
	if !strings.Contains(string(ov), i18n.T("nl", "withdrawnList")) {
		t.Error("the overview does not list the withdrawal")
	}
}

// The templates open in Excel: a UTF-8 byte order mark, one row per
// domain, semicolons when asked for.
func TestTemplates(t *testing.T) {
	e := newEditEnv(t, nil)
	for _, c := range []struct{ file, first string }{
		{"zelfevaluatie.csv", "\ufeffdomein,maturiteit,nood,toelichting,bewijs\r\nsponsoring,,,,"},
		{"zelfevaluatie-puntkomma.csv", "\ufeffdomein;maturiteit;nood;toelichting;bewijs\r\nsponsoring;;;;"},
		{"bevraging-puntkomma.csv", "\ufeffprofiel;"},
	} {
		resp, body := e.get(t, http.MethodGet, e.base+"evaluatie/sjabloon/"+c.file)
		if resp.StatusCode != 200 || !strings.HasPrefix(string(body), c.first) || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %d %q", c.file, resp.StatusCode, body[:min(len(body), 80)])
		}
	}
	if resp, _ := e.get(t, http.MethodGet, e.base+"evaluatie/sjabloon/iets.csv"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown template: %d", resp.StatusCode)
	}
}
