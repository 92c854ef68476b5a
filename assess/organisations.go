package assess

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/stadleuven/maturity/mappings/rml"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

var wikidataPattern = regexp.MustCompile(`^Q[1-9][0-9]*$`)

// ImportOrganisations reads an organisation list (CSV columns nis, naam and
// optionally wikidata) and maps it through mappings/rml/organisaties.ttl to
// quads for graph/organisaties, to be added to what is there. Every row is
// validated first; on any error nothing is returned.
func ImportOrganisations(ctx context.Context, base string, r io.Reader, file string) ([]rdf.Quad, error) {
	t, err := readTable(r, file)
	if err != nil {
		return nil, err
	}
	if err := t.require("nis", "naam"); err != nil {
		return nil, err
	}
	srcs := sources{}
	srcs.declare("organisaties.csv", "nis", "naam")
	srcs.declare("wikidata.csv", "nis", "wikidata")
	seen := map[string]int{}
	for i := range t.rows {
		nis, name, wd := t.cell(i, "nis"), t.cell(i, "naam"), t.cell(i, "wikidata")
		switch {
		case !nisPattern.MatchString(nis):
			return nil, t.errAt(i, "nis", fmt.Sprintf("%q is geen NIS-code van vijf cijfers", nis), fmt.Sprintf("%q is not a five-digit NIS code", nis))
		case seen[nis] > 0:
			return nil, t.errAt(i, "nis", fmt.Sprintf("NIS-code %s staat ook al op rij %d", nis, seen[nis]), fmt.Sprintf("NIS code %s is also on row %d", nis, seen[nis]))
		case name == "":
			return nil, t.errAt(i, "naam", "naam ontbreekt", "name is missing")
		case wd != "" && !wikidataPattern.MatchString(wd):
			return nil, t.errAt(i, "wikidata", fmt.Sprintf("%q is geen Wikidata-id (Q gevolgd door cijfers)", wd), fmt.Sprintf("%q is not a Wikidata id (Q followed by digits)", wd))
		}
		seen[nis] = t.lines[i]
		srcs.add("organisaties.csv", nis, name)
		if wd != "" {
			srcs.add("wikidata.csv", nis, wd)
		}
	}
	doc, err := shippedMapping(rml.Organisations)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	qs, err := runMapping(ctx, base, rml.Organisations, doc, srcs.open)
	if err != nil {
		return nil, err
	}
	g := rdf.IRI(vocab.OrganisationsGraph(base))
	for _, q := range qs {
		if q.G != g {
			return nil, fmt.Errorf("assess: mapping %s wrote to graph %v, want %v", rml.Organisations, q.G, g)
		}
	}
	return qs, nil
}

// Organisation returns the quads of one organisation for graph/organisaties
// (the same as a one-row ImportOrganisations): nis is its five-digit NIS
// code, name its name in Dutch.
func Organisation(ctx context.Context, base, nis, name string) ([]rdf.Quad, error) {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"nis", "naam"})
	w.Write([]string{nis, name})
	w.Flush()
	return ImportOrganisations(ctx, base, strings.NewReader(b.String()), "organisation")
}
