package webapp

import (
	"context"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/vocab"
)

// option is one entry of a select element.
type option struct {
	Value, Label string
	Name         string // an organisation's name alone (Label adds its NIS code)
	Selected     bool
}

const skosPrefLabel = "http://www.w3.org/2004/02/skos/core#prefLabel"

// organisations lists the organisations the data describes (typed
// org:Organization under id/organisatie/), by name in lang.
func organisations(ctx context.Context, ds sparql.Dataset, base, lang string) ([]option, error) {
	dec := sparql.NewDecoder(ds)
	ids := make([]uint64, 3)
	for i, iri := range []string{rdf.RDFType, vocab.ORG + "Organization", skosPrefLabel} {
		id, err := dec.ID(rdf.IRI(iri))
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	typ, cls, label := ids[0], ids[1], ids[2]
	if typ == 0 || cls == 0 {
		return nil, nil
	}
	var orgs []uint64
	seen := map[uint64]bool{}
	err := ds.Match(ctx, [4]uint64{0, typ, cls, 0}, func(q [4]uint64) bool {
		if !seen[q[0]] {
			seen[q[0]] = true
			orgs = append(orgs, q[0])
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	prefix := vocab.Organisation(base, "")
	var out []option
	for _, id := range orgs {
		t, err := dec.Term(id)
		if err != nil {
			return nil, err
		}
		nis, ok := strings.CutPrefix(t.Value, prefix)
		if !ok || !t.IsIRI() || !private.NIS(nis) {
			continue
		}
		names := vocab.Text{}
		var terr error
		err = ds.Match(ctx, [4]uint64{id, label, 0, 0}, func(q [4]uint64) bool {
			o, err := dec.Term(q[2])
			if err != nil {
				terr = err
				return false
			}
			if o.IsLiteral() {
				names[o.Lang] = o.Value
			}
			return true
		})
		if err == nil {
			err = terr
		}
		if err != nil {
			return nil, err
		}
		name := names.In(lang)
		if name == "" {
			name = nis
		}
		out = append(out, option{Value: nis, Label: name + " (" + nis + ")", Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out, nil
}
