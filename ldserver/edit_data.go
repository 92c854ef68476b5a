package ldserver

import (
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// option is one entry of a select element.
type option struct {
	Value, Label string
	Selected     bool
}

// organisations lists the organisations the data describes (typed
// org:Organization under id/organisatie/), by name in lang.
func (s *Server) organisations(rd *reader, lang string) ([]option, error) {
	typ, err := rd.iriID(rdf.RDFType)
	if err != nil {
		return nil, err
	}
	cls, err := rd.iriID(vocab.ORG + "Organization")
	if err != nil {
		return nil, err
	}
	ids, err := rd.subjects(typ, cls, 100000)
	if err != nil {
		return nil, err
	}
	prefix := vocab.Organisation(s.base.iri, "")
	var out []option
	for _, id := range ids {
		t, err := rd.term(id)
		if err != nil {
			return nil, err
		}
		nis, ok := strings.CutPrefix(t.Value, prefix)
		if !ok || !t.IsIRI() || !nisPattern(nis) {
			continue
		}
		names, err := rd.texts(id, skosPrefLabel)
		if err != nil {
			return nil, err
		}
		label := names.In(lang)
		if label == "" {
			label = nis
		}
		out = append(out, option{Value: nis, Label: label + " (" + nis + ")"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out, nil
}

// nisPattern reports whether s is a five-digit NIS code.
func nisPattern(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// texts returns the literal values of (s, p) by language.
func (rd *reader) texts(s uint64, p string) (vocab.Text, error) {
	out := vocab.Text{}
	pid, err := rd.iriID(p)
	if err != nil {
		return out, err
	}
	objs, err := rd.objects(s, pid)
	if err != nil {
		return out, err
	}
	for _, o := range objs {
		t, err := rd.term(o)
		if err != nil {
			return out, err
		}
		if t.IsLiteral() {
			out[t.Lang] = t.Value
		}
	}
	return out, nil
}
