package vocab

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// Namespace is a namespace a model brings, as its Turtle declares it: a
// resource with vann:preferredNamespaceUri (the namespace) and
// mat:sharedBase (the persistent base it is minted under), optionally
// vann:preferredNamespacePrefix.
type Namespace struct {
	IRI    string // e.g. https://w3id.org/open-data-maturiteit/ns#
	Prefix string // e.g. mat; may be empty
	Shared string // e.g. https://w3id.org/open-data-maturiteit/
}

// Path is the namespace's path below its shared base: "ns#", "model/".
func (n Namespace) Path() string { return strings.TrimPrefix(n.IRI, n.Shared) }

// Hash reports whether the namespace is a hash namespace (terms are
// fragments of one document).
func (n Namespace) Hash() bool { return strings.HasSuffix(n.IRI, "#") }

// ReadNamespaces returns the namespaces declared in quads, sorted by IRI.
// A declaration whose namespace does not start with its shared base, or is
// not absolute, is an error: the model could not be mirrored.
func ReadNamespaces(quads []rdf.Quad) ([]Namespace, error) {
	ix := newIndex(quads)
	seen := map[string]bool{}
	var out []Namespace
	for s, m := range ix {
		for _, o := range m[VANN+"preferredNamespaceUri"] {
			shared := firstValue(ix.objects(s, Mat("sharedBase")))
			if shared == "" {
				continue // a namespace of someone else's, described but not ours to serve
			}
			n := Namespace{IRI: o.Value, Shared: shared, Prefix: firstValue(ix.objects(s, VANN+"preferredNamespacePrefix"))}
			if !rdf.IsAbsoluteIRI(n.IRI) || !strings.HasPrefix(n.IRI, n.Shared) || n.Path() == "" {
				return nil, fmt.Errorf("vocab: %s declares namespace %q under shared base %q: the namespace must be an absolute IRI below the shared base", s, n.IRI, n.Shared)
			}
			if !strings.HasSuffix(n.IRI, "#") && !strings.HasSuffix(n.IRI, "/") {
				return nil, fmt.Errorf("vocab: namespace %q of %s must end in # or /", n.IRI, s)
			}
			if !seen[n.IRI] {
				seen[n.IRI] = true
				out = append(out, n)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

// Mirror maps the shared IRIs of a model's namespaces to the pages one
// instance serves them at, and back: the local page of a shared IRI is the
// same path with the shared base replaced by the instance base, so
// https://w3id.org/open-data-maturiteit/model/domein/kennis is described at
// {base}model/domein/kennis and the hash namespace …/ns# at {base}ns. RDF
// keeps the shared IRIs; only links for people point at the local pages.
type Mirror struct {
	base string
	ns   []Namespace // longest IRI first, so nested namespaces resolve to the inner one
}

// NewMirror builds the mirror of namespaces under base. Two namespaces
// that would be served at the same local path are an error.
func NewMirror(base string, ns []Namespace) (*Mirror, error) {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	m := &Mirror{base: base, ns: append([]Namespace(nil), ns...)}
	sort.Slice(m.ns, func(i, j int) bool { return len(m.ns[i].IRI) > len(m.ns[j].IRI) })
	paths := map[string]string{}
	for _, n := range m.ns {
		p := strings.TrimSuffix(strings.TrimSuffix(n.Path(), "#"), "/")
		if other, ok := paths[p]; ok && other != n.IRI {
			return nil, fmt.Errorf("vocab: namespaces %s and %s would both be served at %s%s", other, n.IRI, base, p)
		}
		paths[p] = n.IRI
	}
	return m, nil
}

// Namespaces returns the mirrored namespaces.
func (m *Mirror) Namespaces() []Namespace {
	if m == nil {
		return nil
	}
	return m.ns
}

// Local returns the instance URL of a shared IRI (fragment kept), and
// whether iri is in a mirrored namespace. The document IRI of a hash
// namespace (…/ns for …/ns#) is mirrored too.
func (m *Mirror) Local(iri string) (string, bool) {
	if m == nil {
		return "", false
	}
	for _, n := range m.ns {
		if strings.HasPrefix(iri, n.IRI) || (n.Hash() && iri == strings.TrimSuffix(n.IRI, "#")) {
			return m.base + strings.TrimPrefix(iri, n.Shared), true
		}
	}
	return "", false
}

// Shared returns the shared IRI an instance URL (without fragment) stands
// for, and whether it is the local page of a mirrored namespace: for a
// hash namespace only its document, for a slash namespace anything below
// it.
func (m *Mirror) Shared(url string) (string, bool) {
	if m == nil {
		return "", false
	}
	rest, ok := strings.CutPrefix(url, m.base)
	if !ok {
		return "", false
	}
	for _, n := range m.ns {
		p := n.Path()
		if n.Hash() {
			if rest == strings.TrimSuffix(p, "#") {
				return strings.TrimSuffix(n.IRI, "#"), true
			}
			continue
		}
		if strings.HasPrefix(rest, p) && len(rest) > len(p) {
			return n.Shared + rest, true
		}
	}
	return "", false
}

// Routes returns the local paths (without leading slash) an instance must
// route to mirrored descriptions: "ns" for a hash namespace, "model/" for a
// slash namespace.
func (m *Mirror) Routes() []string {
	var out []string
	for _, n := range m.Namespaces() {
		p := n.Path()
		if n.Hash() {
			p = strings.TrimSuffix(p, "#")
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
