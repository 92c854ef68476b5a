package ldserver

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/vocab"
)

// htaccessFile holds the w3id.org rules for the shared identifiers.
const htaccessFile = "../w3id/open-data-maturiteit/.htaccess"

// rewrite is the subset of Apache mod_rewrite the w3id rules use, read
// from an .htaccess: RewriteCond on %{HTTP_ACCEPT} (with [OR] and [NC]),
// RewriteRule with $n back-references, %{ENV:…} in the substitution and
// the flags R=code, L, NE and E=VAR:value. Anything else is an error, so
// the test cannot pass on rules it does not understand.
type rewrite struct {
	rules []rewriteRule
}

type rewriteCond struct {
	re *regexp.Regexp
	or bool
}

type rewriteRule struct {
	conds  []rewriteCond
	re     *regexp.Regexp
	subst  string
	status int
	last   bool
	env    [2]string
}

func parseHtaccess(text string) (*rewrite, error) {
	rw := &rewrite{}
	var conds []rewriteCond
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		flags := map[string]string{}
		if last := f[len(f)-1]; strings.HasPrefix(last, "[") && strings.HasSuffix(last, "]") {
			for _, fl := range strings.Split(strings.Trim(last, "[]"), ",") {
				k, v, _ := strings.Cut(fl, "=")
				flags[strings.ToUpper(k)] = v
			}
			f = f[:len(f)-1]
		}
		switch {
		case f[0] == "RewriteEngine" || f[0] == "DirectorySlash":
		case f[0] == "RewriteCond" && len(f) == 3 && f[1] == "%{HTTP_ACCEPT}":
			expr := f[2]
			if _, ok := flags["NC"]; ok {
				expr = "(?i)" + expr
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			_, or := flags["OR"]
			conds = append(conds, rewriteCond{re: re, or: or})
		case f[0] == "RewriteRule" && len(f) == 3:
			re, err := regexp.Compile(f[1])
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			r := rewriteRule{conds: conds, re: re, subst: f[2]}
			conds = nil
			for k, v := range flags {
				switch k {
				case "R":
					if r.status, err = strconv.Atoi(v); err != nil {
						r.status = http.StatusFound
					}
				case "L":
					r.last = true
				case "NE":
				case "E":
					name, val, _ := strings.Cut(v, ":")
					r.env = [2]string{name, val}
				default:
					return nil, fmt.Errorf("line %d: flag %s is outside the tested subset", n, k)
				}
			}
			rw.rules = append(rw.rules, r)
		default:
			return nil, fmt.Errorf("line %d: %q is outside the tested subset", n, line)
		}
	}
	return rw, sc.Err()
}

// apply runs the rules on a path below the w3id directory (without the
// leading slash) and an Accept header; it returns the redirect, or 0 when
// no rule redirects (w3id.org would answer 404).
func (rw *rewrite) apply(path, accept string) (int, string) {
	env := map[string]string{}
	envRef := regexp.MustCompile(`%\{ENV:([A-Za-z_]+)\}`)
	for _, r := range rw.rules {
		ok := true
		for i := 0; i < len(r.conds); {
			// A run of [OR] conditions ends with one without [OR].
			j, any := i, false
			for ; j < len(r.conds); j++ {
				any = any || r.conds[j].re.MatchString(accept)
				if !r.conds[j].or {
					break
				}
			}
			ok = ok && any
			i = j + 1
		}
		m := r.re.FindStringSubmatch(path)
		if !ok || m == nil {
			continue
		}
		if r.env[0] != "" {
			env[r.env[0]] = r.env[1]
		}
		if r.subst == "-" {
			continue
		}
		out := envRef.ReplaceAllStringFunc(r.subst, func(s string) string { return env[envRef.FindStringSubmatch(s)[1]] })
		for k := len(m) - 1; k >= 1; k-- {
			out = strings.ReplaceAll(out, "$"+strconv.Itoa(k), m[k])
		}
		if r.status != 0 {
			return r.status, out
		}
		if r.last {
			break
		}
	}
	return 0, ""
}

// The w3id.org rules send every shared identifier, in every format a
// client asks for, to a page of a running instance that answers in that
// format and describes the identifier itself.
func TestW3IDRedirects(t *testing.T) {
	b, err := os.ReadFile(htaccessFile)
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t, nil, nil)
	const placeholder = "https://open-data-maturiteit.example.org"
	if !strings.Contains(string(b), "[E=MATURITY_TARGET:"+placeholder+"]") {
		t.Fatalf("%s does not set MATURITY_TARGET to the documented placeholder", htaccessFile)
	}
	target := strings.TrimSuffix(e.base, "/")
	rw, err := parseHtaccess(strings.Replace(string(b), placeholder, target, 1))
	if err != nil {
		t.Fatal(err)
	}
	clients := []struct {
		name, accept, ext, mediaType string
	}{
		{"turtle", "text/turtle", ".ttl", "text/turtle"},
		{"json-ld", "application/ld+json", ".jsonld", "application/ld+json"},
		{"n-triples", "application/n-triples", ".nt", "application/n-triples"},
		{"rdf/xml", "application/rdf+xml", ".rdf", "application/rdf+xml"},
		{"browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html", "text/html"},
		{"rapper -g", "application/rdf+xml, text/turtle;q=0.9, text/html;q=0.5", ".ttl", "text/turtle"},
		{"curl", "*/*", "", "text/turtle"},
	}
	checked := 0
	for _, iri := range []string{vocab.Mat("Domain"), vocab.Domain("kennis"), vocab.Action("kennis", 1), vocab.Study("open-data-awareness", "alle", "attitude")} {
		doc, _, _ := strings.Cut(iri, "#")
		path := strings.TrimPrefix(doc, vocab.SharedBase)
		for _, c := range clients {
			code, loc := rw.apply(path, c.accept)
			if code != http.StatusSeeOther || loc != target+"/"+path+c.ext {
				t.Errorf("%s as %s: %d %s, want 303 to %s", iri, c.name, code, loc, target+"/"+path+c.ext)
				continue
			}
			resp, body := e.get(t, "GET", loc, "Accept: "+c.accept)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.mediaType) {
				t.Errorf("%s as %s: %s answers %d %s, want %s", iri, c.name, loc, resp.StatusCode, resp.Header.Get("Content-Type"), c.mediaType)
				continue
			}
			if !strings.Contains(string(body), iri) && !strings.Contains(string(body), strings.TrimPrefix(iri, vocab.NS)) {
				t.Errorf("%s as %s: the page does not mention the identifier", iri, c.name)
			}
			checked++
		}
	}
	if code, loc := rw.apply("", "text/html"); code != http.StatusFound || loc != target+"/" {
		t.Errorf("the root: %d %s, want the landing page", code, loc)
	}
	for _, path := range []string{"model/", "elders", "ns/maturiteit"} {
		if code, loc := rw.apply(path, "text/turtle"); code != 0 {
			t.Errorf("%s: redirected (%d %s); w3id.org should answer 404", path, code, loc)
		}
	}
	t.Logf("%d redirects followed to a page in the asked format", checked)

	// The harness catches broken rules: Turtle clients sent to N-Triples.
	broken, err := parseHtaccess(strings.Replace(strings.Replace(string(b), placeholder, target, 1), "$1.ttl", "$1.nt", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, loc := broken.apply("model/domein/kennis", "text/turtle"); strings.HasSuffix(loc, ".ttl") {
		t.Error("the broken rules still send Turtle clients to Turtle: the check would not notice")
	}
	if _, err := parseHtaccess("RewriteRule ^x$ /y [QSA]"); err == nil {
		t.Error("a flag outside the tested subset was accepted")
	}
}
