package jsonld

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// errJSONLDGeneral means that the direct compactor does not handle a
// context or a graph, and json-gold must do the work.
var errJSONLDGeneral = errors.New("rdfio: needs the general JSON-LD algorithms")

// jsonldFlatContext is a JSON-LD context of the kind this project serves: a
// single object of prefixes ("ex": "http://example.org/") and terms, each
// with an @id and at most an @type, an @language and @container @set. For
// such a context the compaction algorithms reduce to the few lookups below,
// which compact_write.go performs without building JSON-LD's generic
// maps. Anything else (@vocab, @base, scoped contexts, other containers,
// keyword aliases, two terms competing for the same slot) is left to
// json-gold.
type jsonldFlatContext struct {
	terms    map[string]*jsonldTermDef
	prefixes []*jsonldTermDef          // terms usable as compact IRI prefixes
	inverse  map[string]*jsonldInverse // IRI -> term selection tables
}

type jsonldTermDef struct {
	name    string
	raw     string // @id as written in the context
	iri     string
	typ     string // datatype IRI, "@id", or ""
	lang    string // language mapping (lower case) when hasLang
	hasLang bool
	set     bool // @container @set
	prefix  bool
}

// jsonldInverse is JSON-LD's inverse context entry for one IRI, limited to
// the two containers a flat context has.
type jsonldInverse struct {
	set, none jsonldSelection
}

type jsonldSelection struct {
	lang map[string]string // language (or "@none") -> term
	typ  map[string]string // type (or "@id", "@none") -> term
}

// newJSONLDFlatContext analyses the value of @context; it returns
// errJSONLDGeneral for contexts outside the flat form.
func newJSONLDFlatContext(ctx any) (*jsonldFlatContext, error) {
	raw, ok := ctx.(map[string]any)
	if !ok {
		return nil, errJSONLDGeneral
	}
	c := &jsonldFlatContext{terms: map[string]*jsonldTermDef{}, inverse: map[string]*jsonldInverse{}}
	for name, v := range raw {
		if strings.HasPrefix(name, "@") {
			if name == "@version" {
				continue
			}
			return nil, errJSONLDGeneral
		}
		if name == "" || strings.ContainsAny(name, ":/") {
			return nil, errJSONLDGeneral
		}
		def := &jsonldTermDef{name: name}
		var id string
		switch v := v.(type) {
		case string:
			id = v
		case map[string]any:
			for k, x := range v {
				s, isString := x.(string)
				switch {
				case k == "@id" && isString:
					id = s
				case k == "@type" && isString:
					def.typ = s
				case k == "@language" && isString:
					def.lang, def.hasLang = strings.ToLower(s), true
				case k == "@container" && (s == "@set" || slices.Equal(jsonldStrings(x), []string{"@set"})):
					def.set = true
				default:
					return nil, errJSONLDGeneral
				}
			}
			if def.typ != "" && def.hasLang {
				return nil, errJSONLDGeneral
			}
		default:
			return nil, errJSONLDGeneral
		}
		if id == "" {
			return nil, errJSONLDGeneral
		}
		def.raw, def.iri = id, id
		_, simple := v.(string)
		def.prefix = simple && strings.ContainsRune(":/?#[]@", rune(id[len(id)-1]))
		c.terms[name] = def
	}
	// Expand compact IRIs in @id and @type now that all terms are known.
	for _, def := range c.terms {
		iri, err := c.expand(def.iri)
		if err != nil {
			return nil, err
		}
		def.iri = iri
	}
	for _, def := range c.terms {
		def.prefix = def.prefix && strings.ContainsRune(":/?#[]@", rune(def.iri[len(def.iri)-1]))
		if def.typ != "" && def.typ != "@id" {
			t, err := c.expand(def.typ)
			if err != nil {
				return nil, err
			}
			def.typ = t
		}
	}
	if err := c.buildInverse(); err != nil {
		return nil, err
	}
	return c, nil
}

func jsonldStrings(x any) []string {
	arr, _ := x.([]any)
	out := make([]string, 0, len(arr))
	for _, v := range arr {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

// expand turns an IRI written in the context into an absolute IRI: either
// already absolute, or prefix:suffix with a prefix term of the context.
// Term references and relative IRIs would depend on @vocab or the base.
func (c *jsonldFlatContext) expand(s string) (string, error) {
	if strings.HasPrefix(s, "@") || strings.HasPrefix(s, "_:") {
		return "", errJSONLDGeneral
	}
	prefix, suffix, ok := strings.Cut(s, ":")
	if !ok || !codec.IsScheme(prefix) {
		return "", errJSONLDGeneral
	}
	if strings.HasPrefix(suffix, "//") {
		return s, nil
	}
	def, isTerm := c.terms[prefix]
	if !isTerm {
		return s, nil
	}
	// Only a term whose own @id is absolute (and a prefix) expands others;
	// chains of compact IRIs are left to json-gold.
	if !def.prefix || !strings.Contains(def.raw, "://") {
		return "", errJSONLDGeneral
	}
	return def.raw + suffix, nil
}

// buildInverse fills the term selection tables in JSON-LD's order of
// preference (shortest term first, then lexicographically least), and
// refuses contexts where two terms compete for the same slot.
func (c *jsonldFlatContext) buildInverse() error {
	names := make([]string, 0, len(c.terms))
	for n := range c.terms {
		names = append(names, n)
	}
	slices.SortFunc(names, jsonldShortestLeast)
	for _, n := range names {
		def := c.terms[n]
		if def.prefix {
			c.prefixes = append(c.prefixes, def)
		}
		inv := c.inverse[def.iri]
		if inv == nil {
			inv = &jsonldInverse{}
			c.inverse[def.iri] = inv
		}
		sel := &inv.none
		if def.set {
			sel = &inv.set
		}
		if sel.lang == nil {
			sel.lang, sel.typ = map[string]string{}, map[string]string{}
		}
		var slots []*map[string]string
		var keys []string
		switch {
		case def.typ != "":
			slots, keys = []*map[string]string{&sel.typ}, []string{def.typ}
		case def.hasLang:
			slots, keys = []*map[string]string{&sel.lang}, []string{def.lang}
		default:
			slots, keys = []*map[string]string{&sel.lang, &sel.typ}, []string{"@none", "@none"}
		}
		for i, m := range slots {
			if _, taken := (*m)[keys[i]]; taken {
				return errJSONLDGeneral
			}
			(*m)[keys[i]] = n
		}
	}
	return nil
}

func jsonldShortestLeast(a, b string) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
