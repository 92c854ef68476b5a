package assess

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/vocab"
)

// An organisation list becomes organisations linked to the address
// register and Wikidata; a bad list yields nothing.
func TestImportOrganisations(t *testing.T) {
	ctx := context.Background()
	qs, err := ImportOrganisations(ctx, testBase, strings.NewReader("nis,naam,wikidata\n23088,Gemeente Vilvoorde,\n24062,Stad Leuven,Q118958\n"), "org.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[[3]string]bool{
		{vocab.Organisation(testBase, "24062"), vocab.SKOS + "exactMatch", "https://data.vlaanderen.be/id/gemeente/24062"}: false,
		{vocab.Organisation(testBase, "24062"), vocab.SKOS + "exactMatch", "http://www.wikidata.org/entity/Q118958"}:       false,
		{vocab.Organisation(testBase, "23088"), vocab.SKOS + "prefLabel", "Gemeente Vilvoorde"}:                            false,
		{vocab.Organisation(testBase, "23088"), vocab.ORG + "classification", testBase + "id/organisatietype/gemeente"}:    false,
	}
	for _, q := range qs {
		k := [3]string{q.S.Value, q.P.Value, q.O.Value}
		if _, ok := want[k]; ok {
			want[k] = true
		}
		if q.S.Value == vocab.Organisation(testBase, "23088") && strings.Contains(q.O.Value, "wikidata") {
			t.Errorf("empty Wikidata cell produced %v", q)
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("missing %v", k)
		}
	}
	for _, bad := range []string{
		"nis,naam\n2406,Leuven\n",
		"nis,naam\n24062,Leuven\n24062,Leuven\n",
		"nis,naam\n24062,\n",
		"nis,naam,wikidata\n24062,Leuven,Leuven\n",
		"naam\nLeuven\n",
	} {
		qs, err := ImportOrganisations(ctx, testBase, strings.NewReader(bad), "org.csv")
		var ce *CSVError
		if qs != nil || !errors.As(err, &ce) || ce.Row == 0 {
			t.Errorf("%q: %v, %d quads", bad, err, len(qs))
		}
	}
}
