package i18n

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// verbs lists the fmt verbs of a text, in order.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// Ensure that every key has both languages, with the same fmt verbs.
func TestCatalogue(t *testing.T) {
	for k, e := range catalogue {
		if e[0] == "" || e[1] == "" {
			t.Errorf("%s: nl %q, en %q: both must be filled in", k, e[0], e[1])
		}
		nl, en := verbRE.FindAllString(e[0], -1), verbRE.FindAllString(e[1], -1)
		if strings.Join(nl, " ") != strings.Join(en, " ") {
			t.Errorf("%s: verbs nl %v, en %v", k, nl, en)
		}
	}
	t.Logf("%d keys", len(catalogue))
}

func TestT(t *testing.T) {
	for _, c := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"nl", "notFound", nil, "Niet gevonden: deze URI is bij ons niet bekend."},
		{"en", "notFound", nil, "Not found: this URI is not known here."},
		{"fr", "notFound", nil, "Niet gevonden: deze URI is bij ons niet bekend."},
		{"en", "planNone", []any{"99991", 2025}, "There is no assessment of organisation 99991 for 2025."},
		{"nl", "no such key", nil, "no such key"},
	} {
		if got := T(c.lang, c.key, c.args...); got != c.want {
			t.Errorf("T(%s, %s) = %q, want %q", c.lang, c.key, got, c.want)
		}
	}
	if got := StatusTitle("nl", 404); got != "404 — Niet gevonden" {
		t.Errorf("StatusTitle nl 404 = %q", got)
	}
	if got := StatusTitle("en", 418); got != "418 — I'm a teapot" {
		t.Errorf("StatusTitle en 418 = %q", got)
	}
}

// keyUses are the ways code and templates ask for a key that must exist:
// i18n.T(lang, "key") and a template's (call .T "key").
var keyUses = []*regexp.Regexp{
	regexp.MustCompile(`\bi18n\.T\([^,()]+, "(\w+)"`),
	regexp.MustCompile(`call \$?\.T "(\w+)"`),
}

// literal is a Go string literal that may name a key passed on to a
// helper (s.message(w, r, code, "errForm")): a key counts as used when
// its literal occurs in the code.
var literal = regexp.MustCompile(`"(\w+)"`)

// Ensure that every key the code asks for exists, and that the catalogue
// holds no key nothing asks for.
func TestKeysUsed(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string][]string{}
	asked := map[string]bool{}
	for _, dir := range []string{"ldserver", "sparqlhttp", "webapp", "internal/htmlui"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if !strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, ".tmpl") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			for _, re := range keyUses {
				for _, m := range re.FindAllStringSubmatch(string(b), -1) {
					used[m[1]] = append(used[m[1]], rel)
					asked[m[1]] = true
				}
			}
			for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
				if Has(m[1]) {
					used[m[1]] = append(used[m[1]], rel)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var missing, unused []string
	for k, where := range used {
		if asked[k] && !Has(k) {
			missing = append(missing, fmt.Sprintf("%s (in %s)", k, where[0]))
		}
	}
	for k := range catalogue {
		if _, ok := used[k]; !ok && !strings.HasPrefix(k, "status") {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing) > 0 {
		t.Errorf("keys used but not in the catalogue: %s", strings.Join(missing, ", "))
	}
	if len(unused) > 0 {
		t.Errorf("keys in the catalogue that nothing uses: %s", strings.Join(unused, ", "))
	}
	if len(used) < 100 {
		t.Errorf("found only %d keys in use; the patterns of keyUses no longer match the code", len(used))
	}
}
