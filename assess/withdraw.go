package assess

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// ADMSWithdrawn is the ADMS status of something withdrawn.
const ADMSWithdrawn = "http://purl.org/adms/status/Withdrawn"

// MaxReason bounds the reason of a withdrawal, in characters.
const MaxReason = 2000

// Withdraw builds the graphs that withdraw an organisation's assessment
// for a year, every version of it: the version graphs and the index graph
// are emptied, and a withdrawal graph records when and why (a
// prov:Invalidation) and leaves a tombstone on every IRI of ours the
// withdrawn graphs described (prov:invalidatedAtTime,
// prov:qualifiedInvalidation). The linked-data server answers those IRIs
// with 410 Gone and the tombstone; the catalog drops the dataset and lists
// the withdrawal. The caller writes the graphs in one write.
func Withdraw(ctx context.Context, ds dataset.Dataset, base, nis string, year int, reason, lang string, at time.Time) ([]Graph, error) {
	reason = strings.TrimSpace(reason)
	switch n := len([]rune(reason)); {
	case n == 0:
		return nil, errorf("geef een reden voor de intrekking", "give a reason for the withdrawal")
	case n > MaxReason:
		return nil, errorf(fmt.Sprintf("de reden is langer dan %d tekens", MaxReason), fmt.Sprintf("the reason is longer than %d characters", MaxReason))
	}
	cur, err := currentVersion(ctx, ds, base, vocab.AssessmentIndexGraph(base, nis, year), vocab.Assessment(base, nis, year))
	if err != nil {
		return nil, err
	}
	if cur == 0 {
		return nil, errorf(fmt.Sprintf("er is geen gepubliceerde evaluatie van organisatie %s voor %d", nis, year), fmt.Sprintf("there is no published assessment of organisation %s for %d", nis, year))
	}
	label, err := OrgLabel(ctx, ds, base, nis)
	if err != nil {
		return nil, err
	}
	a := &Assessment{Org: nis, OrgLabel: label, Year: year}
	graphs := []string{vocab.AssessmentIndexGraph(base, nis, year)}
	for v := 1; v <= cur; v++ {
		graphs = append(graphs, vocab.AssessmentGraph(base, nis, year, v))
	}
	// Every IRI of ours the withdrawn graphs describe gets a tombstone.
	seen := map[string]bool{}
	var gone []string
	for _, g := range graphs {
		qs, err := graphQuads(ctx, ds, g)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if s := q.S.Value; q.S.IsIRI() && strings.HasPrefix(s, base+"id/") && !seen[s] {
				seen[s] = true
				gone = append(gone, s)
			}
		}
	}
	dataset := vocab.Dataset(base, "evaluatie", nis, fmt.Sprint(year))
	if !seen[dataset] {
		gone = append(gone, dataset)
	}
	w := vocab.Withdrawal(base, nis, year)
	b := newBuilder(base, rdf.IRI(vocab.WithdrawalGraph(base, nis, year)))
	when := rdf.TypedLiteral(at.UTC().Format(time.RFC3339), rdf.XSDDateTime)
	b.iri(w, rdf.RDFType, vocab.PROV+"Invalidation")
	b.text(w, vocab.RDFS+"label", vocab.Text{
		"nl": fmt.Sprintf("Intrekking van de open-data-maturiteit van %s, %d", orgName(a, "nl"), year),
		"en": fmt.Sprintf("Withdrawal of the open data maturity of %s, %d", orgName(a, "en"), year),
	})
	b.add(w, vocab.PROV+"atTime", when)
	if lang != "en" {
		lang = "nl"
	}
	b.add(w, vocab.DCT+"description", rdf.LangLiteral(reason, lang))
	b.iri(w, vocab.DCT+"publisher", vocab.Organisation(base, nis))
	names := map[string]vocab.Text{
		vocab.Assessment(base, nis, year): {
			"nl": fmt.Sprintf("Open-data-maturiteit van %s, %d (ingetrokken)", orgName(a, "nl"), year),
			"en": fmt.Sprintf("Open data maturity of %s, %d (withdrawn)", orgName(a, "en"), year),
		},
		dataset: {
			"nl": fmt.Sprintf("Dataset open-data-maturiteit van %s, %d (ingetrokken)", orgName(a, "nl"), year),
			"en": fmt.Sprintf("Dataset open data maturity of %s, %d (withdrawn)", orgName(a, "en"), year),
		},
	}
	for v := 1; v <= cur; v++ {
		names[vocab.AssessmentVersion(base, nis, year, v)] = vocab.Text{
			"nl": fmt.Sprintf("Open-data-maturiteit van %s, %d (versie %d, ingetrokken)", orgName(a, "nl"), year, v),
			"en": fmt.Sprintf("Open data maturity of %s, %d (version %d, withdrawn)", orgName(a, "en"), year, v),
		}
	}
	for _, s := range gone {
		b.add(s, vocab.PROV+"invalidatedAtTime", when)
		b.iri(s, vocab.PROV+"qualifiedInvalidation", w)
		if n, ok := names[s]; ok {
			b.text(s, vocab.RDFS+"label", n)
			b.iri(s, "http://www.w3.org/ns/adms#status", ADMSWithdrawn)
		}
	}
	out := []Graph{{IRI: b.graph.Value, Quads: b.quads}}
	for _, g := range graphs {
		out = append(out, Graph{IRI: g}) // emptied
	}
	return out, nil
}
