package assess

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// population builds responses: per profile slug, the answers of each
// respondent to every survey item (one value per respondent).
func population(model *vocab.Model, groups map[string][]int) *Responses {
	bySlug := map[string]string{}
	for iri, p := range model.Profiles {
		bySlug[p.Slug] = iri
	}
	var slugs []string
	for s := range groups {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	r := &Responses{file: "test.csv"}
	row := 2
	for _, s := range slugs {
		for _, v := range groups[s] {
			ans := map[string]int{}
			for _, it := range model.Items {
				ans[it.IRI] = v
			}
			r.list = append(r.list, response{row: row, profile: bySlug[s], answers: ans})
			row++
		}
	}
	return r
}

// publishVersions aggregates each population as the next version of one
// survey, against what the versions before it published (read back from
// their graphs, as `survey import` reads them from the store), and
// returns what every version published.
func publishVersions(t testing.TB, model *vocab.Model, threshold int, pops ...*Responses) []PublishedSurvey {
	t.Helper()
	ctx := context.Background()
	var stored []rdf.Quad
	var published []PublishedSurvey
	for i, resp := range pops {
		ds := dataset.NewMemory(stored)
		earlier, err := ReadPublishedSurveys(ctx, ds, testBase, "99991", 2025)
		if err != nil {
			t.Fatal(err)
		}
		if len(earlier) != i {
			t.Fatalf("version %d: %d earlier versions read back", i+1, len(earlier))
		}
		res := AggregateSurveyOver(model, resp, threshold, earlier)
		res.Org, res.Year, res.Version = "99991", 2025, i+1
		graphs, err := BuildSurvey(testBase, model, res)
		if err != nil {
			t.Fatal(err)
		}
		// The index graph is replaced, the version graphs add up.
		idx := vocab.SurveyIndexGraph(testBase, "99991", 2025)
		var keep []rdf.Quad
		for _, q := range stored {
			if q.G.Value != idx {
				keep = append(keep, q)
			}
		}
		stored = append(keep, allQuads(graphs)...)
		published = append(published, readPublished(i+1, allQuads(graphs[:1])))
	}
	return published
}

// leak is a set of groups whose figure two versions let anyone compute,
// and which differ by fewer respondents than the threshold.
type leak struct {
	item         string
	groups       []string
	v1, v2       int
	count1, sum1 int
	count2, sum2 int
}

// attack tries every set of groups, per item and pair of versions: a set
// is computable from a version when it is a union of what the version
// publishes (a group, a group it does not list and so has none, or the
// groups it hides together when it publishes the total). Any set
// computable in both whose figures differ, by fewer respondents than the
// threshold, gives away what those few answered. It knows nothing of how
// AggregateSurveyOver decides; it reads what was published.
func attack(model *vocab.Model, threshold int, vs []PublishedSurvey) []leak {
	allIRI := model.AllGroupIRI()
	var out []leak
	for _, it := range model.Items {
		for i := range vs {
			for j := i + 1; j < len(vs); j++ {
				seen := map[string]bool{}
				var uni []string
				for _, v := range []PublishedSurvey{vs[i], vs[j]} {
					for _, c := range v.Cells {
						if c.Item == it.IRI && c.Group != allIRI && !seen[c.Group] {
							seen[c.Group] = true
							uni = append(uni, c.Group)
						}
					}
					for _, g := range v.Suppressed[it.IRI] {
						if g != allIRI && !seen[g] {
							seen[g] = true
							uni = append(uni, g)
						}
					}
				}
				sort.Strings(uni)
				a := computable(vs[i], it.IRI, allIRI, uni)
				b := computable(vs[j], it.IRI, allIRI, uni)
				for set := 1; set < 1<<len(uni); set++ {
					fa, oka := a(set)
					fb, okb := b(set)
					if !oka || !okb || !differs(fa, fb, threshold) {
						continue
					}
					var gs []string
					for k, g := range uni {
						if set&(1<<k) != 0 {
							gs = append(gs, g)
						}
					}
					out = append(out, leak{it.IRI, gs, vs[i].Version, vs[j].Version, fa.count, fa.sum, fb.count, fb.sum})
				}
			}
		}
	}
	return out
}

// computable returns, for a set of groups (bits over uni), the figure a
// version lets anyone compute for it, if it does.
func computable(v PublishedSurvey, item, allIRI string, uni []string) func(int) (figure, bool) {
	single := map[int]figure{} // bit → figure
	hiddenBits := 0
	var total *figure
	for k, g := range uni {
		found := false
		for _, c := range v.Cells {
			if c.Item == item && c.Group == g {
				single[k], found = publishedFigure(c), true
			}
		}
		for _, h := range v.Suppressed[item] {
			if h == g {
				hiddenBits |= 1 << k
				found = true
			}
		}
		if !found {
			single[k] = figure{} // not listed: nobody
		}
	}
	for _, c := range v.Cells {
		if c.Item == item && c.Group == allIRI {
			f := publishedFigure(c)
			total = &f
		}
	}
	if total == nil && len(v.Suppressed[item]) == 0 {
		anyCell := false
		for _, c := range v.Cells {
			anyCell = anyCell || c.Item == item
		}
		if !anyCell {
			total = &figure{} // the item had no answers
		}
	}
	return func(set int) (figure, bool) {
		var f figure
		if set&hiddenBits != 0 {
			// The hidden groups only together, from the total.
			if total == nil || set&hiddenBits != hiddenBits {
				return f, false
			}
			f = *total
			for _, s := range single {
				f.count, f.sum, f.agree = f.count-s.count, f.sum-s.sum, f.agree-s.agree
			}
		}
		for k, s := range single {
			if set&(1<<k) != 0 {
				f = f.plus(s)
			}
		}
		return f, true
	}
}

func (l leak) String() string {
	return fmt.Sprintf("%s, groups %v: v%d %d respondents (sum %d), v%d %d (sum %d)", l.item, l.groups, l.v1, l.count1, l.sum1, l.v2, l.count2, l.sum2)
}

// Issue 11, finding 9: a profile had 6 respondents in version 1 and 7 in
// version 2, both published with 2-decimal means, so the new person's
// answer was 7·m2 − 6·m1. Version 2 now publishes nothing that can be
// differenced with version 1: not the group, not the total.
func TestSurveyDifferencing6to7(t *testing.T) {
	model, _ := testModel(t)
	v1 := map[string][]int{
		"beleidsmedewerker": {2, 3, 3, 4, 2, 3},
		"data-expert":       {4, 5, 4, 4, 5, 3, 4, 5},
		"stadsmedewerker":   {1, 2, 2, 3, 1, 2, 2, 3, 1, 2},
	}
	v2 := map[string][]int{}
	for g, a := range v1 {
		v2[g] = append([]int(nil), a...)
	}
	v2["beleidsmedewerker"] = append(v2["beleidsmedewerker"], 5) // the late respondent
	pub := publishVersions(t, model, 5, population(model, v1), population(model, v2))

	// The attack of the finding, on the first item.
	item := model.Items[0].IRI
	bm := profileIRI(model, "beleidsmedewerker")
	cell := func(v PublishedSurvey, g string) (PublishedCell, bool) {
		for _, c := range v.Cells {
			if c.Item == item && c.Group == g {
				return c, true
			}
		}
		return PublishedCell{}, false
	}
	c1, ok1 := cell(pub[0], bm)
	if !ok1 || c1.Count != 6 {
		t.Fatalf("version 1 does not publish the group of 6: %+v", c1)
	}
	if c2, ok := cell(pub[1], bm); ok {
		t.Errorf("version 2 publishes the group of 7 (mean %.2f): the new answer is 7·%.2f − 6·%.2f = %.2f", c2.Agreement, c2.Agreement, c1.Agreement, 7*c2.Agreement-6*c1.Agreement)
	}
	if _, ok := cell(pub[1], model.AllGroupIRI()); ok {
		t.Errorf("version 2 publishes the total, one respondent more than version 1's")
	}
	// And no other combination gives it away either.
	for _, l := range attack(model, 5, pub) {
		t.Errorf("leak: %s", l)
	}
	// The groups that did not change are still published.
	if _, ok := cell(pub[1], profileIRI(model, "data-expert")); !ok {
		t.Errorf("version 2 hides a group that did not change")
	}
}

// A group too small to publish in version 1 (3 respondents, hidden with
// the next smallest) grows to 6 in version 2. Publishing it then would
// give away version 1's three through the total: version 1's hidden pair
// minus version 2's unchanged partner.
func TestSurveyDifferencingThroughHiddenPair(t *testing.T) {
	model, _ := testModel(t)
	v1 := map[string][]int{
		"beleidsmedewerker": {2, 3, 3},
		"data-expert":       {4, 5, 4, 4, 5, 3, 4, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
		"stadsmedewerker":   {1, 2, 2, 3, 1, 2, 2, 3, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 1, 2},
	}
	v2 := map[string][]int{"beleidsmedewerker": {2, 3, 3, 5, 5, 4}, "data-expert": v1["data-expert"], "stadsmedewerker": v1["stadsmedewerker"]}
	pub := publishVersions(t, model, 5, population(model, v1), population(model, v2))
	for _, l := range attack(model, 5, pub) {
		t.Errorf("leak: %s", l)
	}
}

// Random survey histories of three versions (respondents joining,
// leaving, correcting an answer): whatever happens, no set of groups two
// versions let anyone compute differs by fewer than the threshold, and no
// version publishes a figure of fewer than the threshold's respondents.
func TestSurveyHistoryRandom(t *testing.T) {
	model, _ := testModel(t)
	slugs := []string{"beleidsmedewerker", "data-expert", "stadsmedewerker", "data-manager"}
	rng := rand.New(rand.NewPCG(11, 29))
	cases := 300
	if testing.Short() {
		cases = 60
	}
	for c := range cases {
		v := map[string][]int{}
		for _, s := range slugs {
			for range rng.IntN(12) {
				v[s] = append(v[s], 1+rng.IntN(5))
			}
		}
		var pops []*Responses
		for range 3 {
			pops = append(pops, population(model, v))
			next := map[string][]int{}
			for s, a := range v {
				next[s] = append([]int(nil), a...)
			}
			for range 1 + rng.IntN(3) {
				s := slugs[rng.IntN(len(slugs))]
				switch rng.IntN(3) {
				case 0:
					next[s] = append(next[s], 1+rng.IntN(5))
				case 1:
					if len(next[s]) > 0 {
						next[s] = next[s][1:]
					}
				default:
					if len(next[s]) > 0 {
						next[s][0] = 1 + rng.IntN(5)
					}
				}
			}
			v = next
		}
		pub := publishVersions(t, model, 5, pops...)
		for _, p := range pub {
			for _, cell := range p.Cells {
				if cell.Count < 5 {
					t.Fatalf("case %d: v%d publishes %d respondents", c, p.Version, cell.Count)
				}
			}
		}
		if ls := attack(model, 5, pub); len(ls) > 0 {
			t.Fatalf("case %d: %d leaks, first: %s", c, len(ls), ls[0])
		}
	}
}

func profileIRI(model *vocab.Model, slug string) string {
	for iri, p := range model.Profiles {
		if p.Slug == slug {
			return iri
		}
	}
	return ""
}
