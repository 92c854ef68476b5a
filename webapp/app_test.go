package webapp

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/internal/readview"
	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// memWriter is a second implementation of Writer over the test source: it
// swaps the listed graphs in one step, as the store's transaction does.
type memWriter struct {
	mu    sync.Mutex
	src   *readview.Memory
	calls int
	fail  error // when set, every write fails with it and changes nothing
}

func (w *memWriter) ReplaceGraphs(ctx context.Context, graphs []GraphContent) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	byGraph := map[rdf.Term][]rdf.Quad{}
	for _, g := range graphs {
		for _, q := range g.Quads {
			if q.G != g.Graph {
				return fmt.Errorf("quad %v is not in graph %v", q, g.Graph)
			}
		}
		byGraph[g.Graph] = g.Quads
	}
	w.mu.Lock()
	w.calls++
	fail, m := w.fail, w.src
	w.mu.Unlock()
	if fail != nil {
		return fail
	}
	m.ReplaceGraphs(byGraph, time.Now())
	return nil
}

func (w *memWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.calls
}

// editEnv is a test server with editing on.
type editEnv struct {
	*testEnv
	w     *memWriter
	model *vocab.Model
}

// newEditEnv starts the site with editing on; tweak may change the web
// app's configuration (accounts, edit token, proxies).
func newEditEnv(t *testing.T, tweak func(*Config)) *editEnv {
	t.Helper()
	w := &memWriter{}
	e := newTestEnv(t, nil, func(c *Config) {
		c.Writer = w
		if tweak != nil {
			tweak(c)
		}
	})
	// Under the lock: the server is already up, and a browser's request
	// reaches it through a socket the race detector cannot see through.
	w.mu.Lock()
	w.src = e.src
	w.mu.Unlock()
	qs, err := vocab.Quads(e.base)
	if err != nil {
		t.Fatal(err)
	}
	m, err := vocab.ReadModel(qs)
	if err != nil {
		t.Fatal(err)
	}
	return &editEnv{testEnv: e, w: w, model: m}
}

// validForm fills every domain: maturity 2, need 4, except as changed.
func (e *editEnv) validForm(org, year string) url.Values {
	f := url.Values{"org": {org}, "year": {year}, "method": {"zelfevaluatie"}, "author": {"Dienst Data"}}
	for _, d := range e.model.Domains {
		f.Set("m-"+d.Slug, "2")
		f.Set("n-"+d.Slug, "4")
		f.Set("t-"+d.Slug, "Toelichting bij "+d.Slug)
	}
	f.Set("b-sponsoring", "https://example.org/nota.pdf\nhttp://example.org/budget")
	return f
}

// post sends a form, with headers as "Name: value".
func (e *editEnv) post(t *testing.T, path string, form url.Values, headers ...string) (*http.Response, string) {
	t.Helper()
	resp, b := sitetest.Post(t, e.base+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), headers...)
	return resp, string(b)
}

// tableRow returns the table row of a page whose row header links href.
func tableRow(page, href string) string {
	i := strings.Index(page, `<th scope="row"><a href="`+"http")
	for i >= 0 {
		end := strings.Index(page[i:], "</tr>")
		if end < 0 {
			return ""
		}
		if row := page[i : i+end]; strings.Contains(row[:strings.Index(row, "</th>")], href) {
			return row
		}
		next := strings.Index(page[i+end:], `<th scope="row">`)
		if next < 0 {
			return ""
		}
		i += end + next
	}
	return ""
}

// objects returns the visible objects with subject s and predicate p.
func (e *editEnv) objects(s, p string) []string {
	var out []string
	for _, q := range e.src.Visible() {
		if q.S.Value == s && q.P.Value == p {
			out = append(out, q.O.Value)
		}
	}
	return out
}

func TestEditFormRendersEveryDomainAndLevel(t *testing.T) {
	e := newEditEnv(t, nil)
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			resp, body := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99992&year=2026&lang="+lang)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			page := html.UnescapeString(string(body))
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q", got)
			}
			for _, d := range e.model.Domains {
				for _, want := range []string{d.Label.In(lang), d.Definition.In(lang)} {
					if !strings.Contains(page, want) {
						t.Errorf("domain %s: %q missing", d.Slug, want)
					}
				}
				for n := 1; n <= 5; n++ {
					if want := d.Levels[n].In(lang); want == "" || !strings.Contains(page, want) {
						t.Errorf("domain %s level %d descriptor %q missing", d.Slug, n, want)
					}
					for _, name := range []string{"m-", "n-"} {
						if !strings.Contains(page, fmt.Sprintf(`name="%s%s" value="%d"`, name, d.Slug, n)) {
							t.Errorf("radio %s%s=%d missing", name, d.Slug, n)
						}
					}
				}
			}
			for _, scale := range []string{"maturiteit", "nood"} {
				for n := 1; n <= 5; n++ {
					if want := e.model.Scales[scale][n].In(lang); !strings.Contains(page, want) {
						t.Errorf("level name %q missing", want)
					}
				}
			}
			for slug, label := range e.model.Methods {
				if !strings.Contains(page, `value="`+slug+`"`) || !strings.Contains(page, label.In(lang)) {
					t.Errorf("method %s missing", slug)
				}
			}
			if !strings.Contains(page, `<option value="99992" selected>`) {
				t.Error("the organisation 99992 is not selected in the list")
			}
			if !strings.Contains(page, i18n.T(lang, "new")) {
				t.Error("no notice that version 1 will be made")
			}
		})
	}
}

func TestEditPublishCreatesVersions(t *testing.T) {
	e := newEditEnv(t, nil)
	assess := e.base + "id/evaluatie/99992/2026"
	v1 := assess + "/v1"
	v2 := assess + "/v2"

	form := e.validForm("99992", "2026")
	resp, body := e.post(t, "evaluatie", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish v1: status %d\n%s", resp.StatusCode, body)
	}
	if loc := resp.Header.Get("Location"); loc != e.base+"dashboard/99992/2026" {
		t.Errorf("Location %q, want the dashboard", loc)
	}
	if got := e.objects(assess, vocab.Mat("currentVersion")); len(got) != 1 || got[0] != v1 {
		t.Fatalf("current version after first publish: %v", got)
	}
	if got := e.objects(v1, vocab.DCT+"creator"); len(got) != 1 || got[0] != "Dienst Data" {
		t.Errorf("creator %v", got)
	}
	if got := e.objects(e.base+"id/observatie/99992/2026/v1/sponsoring", vocab.Mat("evidence")); len(got) != 2 {
		t.Errorf("evidence of sponsoring: %v", got)
	}

	// The form now starts from version 1 and says a new one will follow.
	_, page := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99992&year=2026")
	if !strings.Contains(string(page), html.EscapeString(i18n.T("nl", "existing", 1, 2, 1))) {
		t.Errorf("form does not announce version 2")
	}
	if !strings.Contains(string(page), `id="m-sponsoring-2" name="m-sponsoring" value="2" checked`) {
		t.Errorf("form is not pre-filled from version 1")
	}

	form.Set("m-sponsoring", "4")
	form.Set("n-sponsoring", "5")
	resp, body = e.post(t, "evaluatie", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish v2: status %d\n%s", resp.StatusCode, body)
	}
	if got := e.objects(v2, vocab.PROV+"wasRevisionOf"); len(got) != 1 || got[0] != v1 {
		t.Errorf("v2 prov:wasRevisionOf %v, want %s", got, v1)
	}
	if got := e.objects(assess, vocab.Mat("currentVersion")); len(got) != 1 || got[0] != v2 {
		t.Errorf("current version after second publish: %v", got)
	}
	if got := e.objects(v1, vocab.RDFS+"label"); len(got) == 0 {
		t.Error("version 1 was lost")
	}
	if e.w.count() != 2 {
		t.Errorf("%d writes, want 2 (one per publish)", e.w.count())
	}

	// The dashboard (where the browser was sent) and the assessment page
	// follow the new version and show its scores.
	resp, doc := e.get(t, http.MethodGet, resp.Header.Get("Location"), "Accept: text/html")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(doc), i18n.T("nl", "dashIntroMethod", 2, "zelfevaluatie")) {
		t.Fatalf("dashboard after publishing: %d, not of version 2", resp.StatusCode)
	}
	resp, doc = e.get(t, http.MethodGet, e.base+"doc/evaluatie/99992/2026", "Accept: text/html")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("assessment page: %d", resp.StatusCode)
	}
	row := tableRow(string(doc), "/doc/observatie/99992/2026/v2/sponsoring")
	if !strings.Contains(row, `<td class="num"><span>4,0</span></td><td class="num"><span>5,0</span></td><td class="num gap-pos"><span>1,0</span></td>`) {
		t.Errorf("assessment page: sponsoring row of v2 lacks maturity 4,0, need 5,0, gap 1,0: %q", row)
	}

	// The plan ranks sponsoring (gap 1) below the domains with gap 2.
	resp, plan := e.get(t, http.MethodGet, e.base+"evaluatie/plan?org=99992&year=2026")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("plan: %d", resp.StatusCode)
	}
	p := html.UnescapeString(string(plan))
	if !strings.Contains(p, "versie 2") {
		t.Error("plan is not of version 2")
	}
	first := strings.Index(p, `id="aanbeveling-1"`)
	spons := strings.Index(p, ">Sponsoring</a>")
	if first < 0 || spons < first {
		t.Fatalf("plan order: recommendation 1 at %d, sponsoring at %d", first, spons)
	}
	rank := p[strings.LastIndex(p[:spons], `id="aanbeveling-`)+len(`id="aanbeveling-`):]
	if n, _ := strconv.Atoi(rank[:strings.IndexByte(rank, '"')]); n != len(e.model.Domains) {
		t.Errorf("sponsoring ranked %d, want last (%d)", n, len(e.model.Domains))
	}
	d, _ := e.model.Domain("kennis")
	if !strings.Contains(p, d.Actions[0].Description.In("nl")) {
		t.Error("plan lacks the model's actions")
	}
}

func TestEditInvalidWritesNothing(t *testing.T) {
	e := newEditEnv(t, nil)
	cases := []struct {
		name   string
		change func(url.Values)
		want   string
	}{
		{"missing score", func(f url.Values) { f.Del("m-kennis") }, i18n.T("nl", "errScore")},
		{"score 7", func(f url.Values) { f.Set("n-kennis", "7") }, i18n.T("nl", "errScoreRange", "7")},
		{"score 0", func(f url.Values) { f.Set("m-sponsoring", "0") }, i18n.T("nl", "errScoreRange", "0")},
		{"bad url", func(f url.Values) { f.Set("b-kennis", "www.leuven.be/data") }, i18n.T("nl", "errURL", "www.leuven.be/data")},
		{"quote in url", func(f url.Values) { f.Set("b-kennis", `http://example.org/a"b`) }, i18n.T("nl", "errURL", `http://example.org/a"b`)},
		{"brace in url", func(f url.Values) { f.Set("b-kennis", "https://example.org/{x}") }, i18n.T("nl", "errURL", "https://example.org/{x}")},
		{"ftp url", func(f url.Values) { f.Set("b-kennis", "ftp://example.org/x") }, i18n.T("nl", "errURL", "ftp://example.org/x")},
		{"year", func(f url.Values) { f.Set("year", "1999") }, i18n.T("nl", "errYear", assess.FirstYear, assess.LastYear())},
		{"org", func(f url.Values) { f.Set("org", "12345") }, i18n.T("nl", "errOrg")},
		{"method", func(f url.Values) { f.Set("method", "gok") }, i18n.T("nl", "errMethod")},
		{"long text", func(f url.Values) { f.Set("t-kennis", strings.Repeat("x", maxText+1)) }, i18n.T("nl", "errTooLong", maxText)},
	}
	gen := e.src.Generation()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := e.validForm("99992", "2027")
			c.change(f)
			resp, body := e.post(t, "evaluatie", f)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			page := html.UnescapeString(body)
			if !strings.Contains(page, c.want) {
				t.Errorf("message %q missing", c.want)
			}
			if !strings.Contains(page, i18n.T("nl", "errSummary")) {
				t.Error("no error summary")
			}
			if c.name == "score 7" && !strings.Contains(body, `class="scale has-error" aria-describedby="n-kennis-err"`) {
				t.Error("the message is not beside the need field of kennis")
			}
		})
	}
	if e.w.count() != 0 || e.src.Generation() != gen {
		t.Errorf("invalid forms wrote %d times", e.w.count())
	}
	// English messages for English users.
	f := e.validForm("99992", "2027")
	f.Set("n-kennis", "7")
	_, body := e.post(t, "evaluatie?lang=en", f)
	if !strings.Contains(html.UnescapeString(body), i18n.T("en", "errScoreRange", "7")) {
		t.Error("no English message")
	}
}

// The edit token is a bearer token for scripts, for one organisation: a
// wrong token is 401, another organisation 403, and it works from any
// address.
func TestEditToken(t *testing.T) {
	e := newEditEnv(t, func(c *Config) { c.EditToken, c.EditTokenOrg = "s3cret", "99992" })
	if resp, _ := e.post(t, "evaluatie", e.validForm("99992", "2023"), "Authorization: Bearer wrong"); resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("wrong bearer: status %d, WWW-Authenticate %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	if resp, _ := e.post(t, "evaluatie", e.validForm("99991", "2023"), "Authorization: Bearer s3cret"); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("token of 99992 for 99991: status %d, want 403", resp.StatusCode)
	}
	if e.w.count() != 0 {
		t.Fatal("written without a valid token")
	}
	if resp, _ := e.post(t, "evaluatie", e.validForm("99992", "2023"), "Authorization: Bearer s3cret"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("bearer: status %d", resp.StatusCode)
	}
	// From another address, with a Host of the base: a script on another
	// machine.
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, e.base+"evaluatie", strings.NewReader(e.validForm("99992", "2023").Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer s3cret")
	e.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Errorf("remote client with token: status %d", rec.Code)
	}
	if got := e.objects(e.base+"id/evaluatie/99992/2023", vocab.Mat("currentVersion")); len(got) != 1 || !strings.HasSuffix(got[0], "/v2") {
		t.Errorf("current version %v, want v2", got)
	}
	if _, err := New(Config{Base: e.base, EditToken: "x"}, e.src); err == nil {
		t.Error("an edit token without its organisation was accepted")
	}
}

func TestEditRefusesRemoteWithoutToken(t *testing.T) {
	e := newEditEnv(t, nil)
	for _, c := range []struct{ method, path string }{
		{http.MethodGet, "evaluatie/nieuw?org=99992&year=2026"},
		{http.MethodPost, "evaluatie"},
		{http.MethodPost, "evaluatie/csv"},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(c.method, e.base+c.path, strings.NewReader(e.validForm("99992", "2026").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "text/html")
		if httpx.TrulyLocal(req) {
			t.Fatalf("test request comes from loopback %s", req.RemoteAddr)
		}
		e.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusForbidden || !strings.Contains(html.UnescapeString(rec.Body.String()), i18n.T("nl", "forbiddenLocal")) {
			t.Errorf("%s %s from %s: status %d", c.method, c.path, req.RemoteAddr, rec.Code)
		}
	}
	if e.w.count() != 0 {
		t.Error("a remote client wrote")
	}
}

func TestEditRefusesCrossSite(t *testing.T) {
	e := newEditEnv(t, nil)
	for _, h := range [][]string{
		{"Sec-Fetch-Site: cross-site"},
		{"Origin: https://evil.example"},
	} {
		resp, _ := e.post(t, "evaluatie", e.validForm("99992", "2026"), h...)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%v: status %d", h, resp.StatusCode)
		}
	}
	if e.w.count() != 0 {
		t.Error("a cross-site request wrote")
	}
	origin := strings.TrimSuffix(e.base, "/")
	if resp, _ := e.post(t, "evaluatie", e.validForm("99992", "2026"), "Origin: "+origin, "Sec-Fetch-Site: same-origin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin post: status %d", resp.StatusCode)
	}
}

func TestEditDisabledWithoutWriter(t *testing.T) {
	e := newTestEnv(t, nil, nil)
	if resp, _ := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("form without writer: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, e.base+"evaluatie", strings.NewReader("org=99992"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("post without writer: %d", resp.StatusCode)
	}
	// The plan only reads: it is there without a writer too.
	if resp, body := e.get(t, http.MethodGet, e.base+"evaluatie/plan?org=99991&year=2024"); resp.StatusCode != http.StatusOK || strings.Contains(string(body), "evaluatie/nieuw") {
		t.Errorf("plan without writer: %d (or it links the form)", resp.StatusCode)
	}
}

// upload posts a CSV file to the upload form.
func (e *editEnv) upload(t *testing.T, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"org": "99991", "year": "2026", "method": "zelfevaluatie"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("bestand", name)
	fw.Write(data)
	mw.Close()
	resp, b := sitetest.Post(t, e.base+"evaluatie/csv", mw.FormDataContentType(), &buf)
	return resp, string(b)
}

func TestEditCSVUpload(t *testing.T) {
	e := newEditEnv(t, nil)
	sheet, err := os.ReadFile(filepath.Join("..", "examples", "data", "zelfevaluatie-99991-2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.upload(t, "zelfevaluatie.csv", sheet)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	// sponsoring,3,4,... in the example sheet
	if !strings.Contains(body, `id="m-sponsoring-3" name="m-sponsoring" value="3" checked`) ||
		!strings.Contains(body, `id="n-sponsoring-4" name="n-sponsoring" value="4" checked`) {
		t.Error("the sheet's scores are not in the form")
	}
	if !strings.Contains(html.UnescapeString(body), "het managementteam legde een jaarbudget vast") {
		t.Error("the sheet's rationale is not in the form")
	}
	bad := bytes.Replace(sheet, []byte("kennis,3,4"), []byte("kennis,3,7"), 1)
	if bytes.Equal(bad, sheet) {
		t.Fatal("fixture changed: no kennis,3,4 row")
	}
	resp, body = e.upload(t, "fout.csv", bad)
	page := html.UnescapeString(body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "fout.csv") || !strings.Contains(page, "rij 5") || !strings.Contains(page, "kolom 3") {
		t.Errorf("bad sheet: status %d, row/column error missing", resp.StatusCode)
	}
	if e.w.count() != 0 {
		t.Error("an upload wrote; it should only fill in the form")
	}
}

func TestPlanPageErrors(t *testing.T) {
	e := newEditEnv(t, nil)
	for _, c := range []struct {
		q    string
		code int
	}{
		{"org=99991&year=2024", http.StatusOK},
		{"org=99992&year=2027", http.StatusNotFound},
		{"org=abc&year=2024", http.StatusBadRequest},
		{"org=99992", http.StatusBadRequest},
	} {
		if resp, _ := e.get(t, http.MethodGet, e.base+"evaluatie/plan?"+c.q, "Accept: text/html"); resp.StatusCode != c.code {
			t.Errorf("%s: status %d, want %d", c.q, resp.StatusCode, c.code)
		}
	}
	_, body := e.get(t, http.MethodGet, e.base+"evaluatie/plan?org=99991&year=2025&lang=en")
	page := html.UnescapeString(string(body))
	for _, want := range []string{"Open data action plan", "version 2", "Why", "Next step"} {
		if !strings.Contains(page, want) {
			t.Errorf("English plan lacks %q", want)
		}
	}
}

// TestEditScreenshots renders the form (empty, pre-filled, with errors)
// and the pages after publishing in headless Chromium, each held to being a
// rendered, non-blank page (SCREENSHOTS=DIR keeps the pictures).
func TestEditScreenshots(t *testing.T) {
	t.Parallel()
	e := newEditEnv(t, nil)
	f := e.validForm("99992", "2026")
	f.Set("m-kennis", "3")
	f.Set("n-data-kwaliteit", "5")
	if resp, body := e.post(t, "evaluatie", f); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", resp.StatusCode, body)
	}
	// The error page answers a POST; a second server replays it for GET.
	f.Del("m-kennis")
	f.Set("n-sponsoring", "7")
	f.Set("b-visie-strategie", "www.leuven.be")
	_, errPage := e.post(t, "evaluatie", f)
	replay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, errPage)
	}))
	defer replay.Close()
	sitetest.Screenshots(t, [][2]string{
		{"edit-nieuw", e.base + "evaluatie/nieuw"},
		{"edit-form", e.base + "evaluatie/nieuw?org=99991&year=2025"},
		{"edit-form-en", e.base + "evaluatie/nieuw?org=99991&year=2025&lang=en"},
		{"edit-errors", replay.URL},
		{"edit-result", e.base + "doc/evaluatie/99992/2026"},
		{"edit-result-v1", e.base + "doc/evaluatie/99992/2026/v1"},
		{"edit-plan", e.base + "evaluatie/plan?org=99992&year=2026"},
		{"edit-plan-en", e.base + "evaluatie/plan?org=99991&year=2025&lang=en"},
	})
}

func TestEditConcurrentPublishesGetConsecutiveVersions(t *testing.T) {
	e := newEditEnv(t, nil)
	const n = 4
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, _ := e.post(t, "evaluatie", e.validForm("99992", "2022"))
			codes[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusSeeOther {
			t.Fatalf("publish %d: status %d", i, c)
		}
	}
	idx := e.base + "id/evaluatie/99992/2022"
	if got := e.objects(idx, vocab.DCT+"hasVersion"); len(got) != n {
		t.Errorf("versions %v, want %d distinct", got, n)
	}
	for v := 2; v <= n; v++ {
		cur := fmt.Sprintf("%s/v%d", idx, v)
		if got := e.objects(cur, vocab.PROV+"wasRevisionOf"); len(got) != 1 || got[0] != fmt.Sprintf("%s/v%d", idx, v-1) {
			t.Errorf("v%d prov:wasRevisionOf %v", v, got)
		}
	}
}

func FuzzParseFormScore(f *testing.F) {
	for _, s := range []string{"1", "5", "3,5", "2.25", "0", "7", "", "1e0", "NaN", "4.999", " 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := parseFormScore(s)
		if !ok {
			return
		}
		if v < minScore || v > maxScore || math.Abs(v*100-math.Round(v*100)) > 1e-6 {
			t.Fatalf("%q accepted as %v", s, v)
		}
	})
}

// The form is built from the model as data: a domain added to graph/model
// gets its fieldset, with its own descriptor where it has one and the
// scale's general definition elsewhere.
func TestEditFormFollowsTheModel(t *testing.T) {
	w := &memWriter{}
	extra := func(base string) []rdf.Quad {
		g := rdf.IRI(vocab.ModelGraph(base))
		d := rdf.IRI(vocab.Domain("testdomein"))
		ld := rdf.IRI(base + "id/niveau/maturiteit/3/testdomein")
		mat := func(l string) rdf.Term { return rdf.IRI(vocab.Mat(l)) }
		return []rdf.Quad{
			{S: d, P: rdf.IRI(rdf.RDFType), O: mat("Domain"), G: g},
			{S: d, P: rdf.IRI(vocab.SKOS + "prefLabel"), O: rdf.LangLiteral("Testdomein", "nl"), G: g},
			{S: d, P: mat("order"), O: rdf.TypedLiteral("99", rdf.XSDInteger), G: g},
			{S: ld, P: rdf.IRI(rdf.RDFType), O: mat("LevelDescriptor"), G: g},
			{S: ld, P: mat("level"), O: rdf.IRI(vocab.Level("maturiteit", 3)), G: g},
			{S: ld, P: mat("inDomain"), O: d, G: g},
			{S: ld, P: rdf.IRI(vocab.SKOS + "definition"), O: rdf.LangLiteral("Er is een testbeschrijving voor niveau drie.", "nl"), G: g},
		}
	}
	e := newTestEnv(t, extra, func(c *Config) { c.Writer = w })
	w.src = e.src
	_, body := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99992&year=2026")
	page := html.UnescapeString(string(body))
	for _, want := range []string{
		"Testdomein",
		`name="m-testdomein" value="3"`,
		"Er is een testbeschrijving voor niveau drie.",
		"Er gebeurt nog niets, of alles hangt af van één persoon.", // the scale's level 1
	} {
		if !strings.Contains(page, want) {
			t.Errorf("form lacks %q", want)
		}
	}
}

func TestEditWriteFailureKeepsTheForm(t *testing.T) {
	e := newEditEnv(t, nil)
	e.w.fail = fmt.Errorf("disk full")
	gen := e.src.Generation()
	f := e.validForm("99992", "2021")
	f.Set("t-kennis", "mijn lange toelichting")
	resp, body := e.post(t, "evaluatie", f)
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d", resp.StatusCode)
	}
	page := html.UnescapeString(body)
	if !strings.Contains(page, i18n.T("nl", "errWrite")) || !strings.Contains(page, "mijn lange toelichting") {
		t.Error("a failed write must keep what the user typed and say nothing was published")
	}
	if e.src.Generation() != gen {
		t.Error("a failed write changed the data")
	}
}

// Ensure the form's publish runs the Data Cube integrity constraints: when
// the model in the store makes the new cube break IC-13 (its DSD requires
// an attribute the form does not fill), nothing is written and the page
// names the constraint, in the page's language, keeping what was typed.
func TestEditPublishRefusesBrokenCube(t *testing.T) {
	e := newEditEnv(t, nil)
	g := rdf.IRI(vocab.ModelGraph(e.base))
	var model []rdf.Quad
	for _, q := range e.src.Visible() {
		if q.G == g {
			model = append(model, q)
		}
	}
	dsd := vocab.DSD("evaluatie")
	comp := rdf.IRI(dsd + "#verplicht")
	model = append(model,
		rdf.Quad{S: rdf.IRI(dsd), P: rdf.IRI(vocab.QB + "component"), O: comp, G: g},
		rdf.Quad{S: comp, P: rdf.IRI(vocab.QB + "attribute"), O: rdf.IRI(vocab.Mat("verplicht")), G: g},
		rdf.Quad{S: comp, P: rdf.IRI(vocab.QB + "componentRequired"), O: rdf.TypedLiteral("true", rdf.XSDBoolean), G: g})
	e.src.ReplaceGraph(g, model, time.Now())
	writes := e.w.count()
	for _, lang := range []string{"nl", "en"} {
		f := e.validForm("99991", "2020")
		f.Set("t-kennis", "mijn toelichting")
		resp, body := e.post(t, "evaluatie?lang="+lang, f)
		page := html.UnescapeString(body)
		if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(page, i18n.T(lang, "errIntegrity", "IC-13")) || !strings.Contains(page, "mijn toelichting") {
			t.Errorf("%s: status %d; the page must name IC-13 and keep the form:\n%s", lang, resp.StatusCode, page)
		}
	}
	if e.w.count() != writes {
		t.Errorf("%d writes after a refused publish", e.w.count()-writes)
	}
	if got := e.objects(e.base+"id/evaluatie/99991/2020", vocab.Mat("currentVersion")); len(got) != 0 {
		t.Errorf("an assessment was published: %v", got)
	}
}

// The assessment form starts with the study's definitions of data and open
// data, and labels each level with the domain's own descriptor: for
// maturity with an example of acceptable evidence, for need what the level
// means in that domain.
func TestFormShowsDefinitionsAndLadders(t *testing.T) {
	e := newEditEnv(t, nil)
	_, body := e.get(t, http.MethodGet, e.base+"evaluatie/nieuw?org=99992&year=2026&lang=nl")
	page := string(body)
	for _, want := range []string{
		"Gegevens die door, over of in de stad gemeten, verzameld of gegenereerd worden.",
		"Juridisch: zowel commercieel als niet-commercieel hergebruik is toegestaan aan de hand van een open licentie.",
		"Bewijs bijvoorbeeld: Meetresultaten per profiel (bevraging of toets) en een opvolgplan voor de lacunes.",
		"Zonder extra kennis kunnen we geplande publicaties of hergebruik niet verantwoord uitvoeren.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	if strings.Index(page, "Gegevens die door") > strings.Index(page, `id="d-sponsoring"`) {
		t.Error("the definitions come after the first domain")
	}
}
