package assess

import (
	"context"
	"math"
	"sort"
	"strconv"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Survey privacy over time. A survey of one organisation and year may be
// published again (a late respondent, a corrected export), and every
// version stays public: harvesters, caches and archives keep what was
// published, so hiding an old version would protect nothing. Two versions
// side by side must therefore not give away what one or a few respondents
// answered. If a group had 6 respondents in version 1 and 7 in version 2,
// the new person's answer is 7·m2 − 6·m1.
//
// What a version lets anyone compute is more than its cells: the total
// minus the published groups gives the hidden groups together. So, per
// survey item, a version's "known sets" are each published group and,
// when the total is published, the hidden groups taken together (a group
// a version does not list has no respondents, which is known too). A set
// of groups known in a new version and in an earlier one is a union of
// blocks of both partitions; for every such block the new version may
// publish only when the respondents who differ number at least the
// threshold (the counts differ by at least the threshold) or when the
// figures are exactly the same as before (nothing new is told). Where a
// block fails, the new version hides its published groups, or, when the
// block is known through the total alone, the total; this repeats until
// every block passes, with the within-version rule (hidden groups together
// reach the threshold) applied each time. A union of blocks that pass
// passes too: the respondents who differ in it are at least those of one
// block. This is checked against every earlier version, not only the last.

// PublishedCell is one figure an earlier version published: for a survey
// item and a respondent group (IRIs), the respondent count, the mean
// agreement and the share agreeing, as published (rounded).
type PublishedCell struct {
	Item, Group      string
	Count            int
	Agreement, Share float64
}

// PublishedSurvey is what one earlier version of a survey published: its
// figures, and per item the groups it lists as suppressed.
type PublishedSurvey struct {
	Version    int
	Cells      []PublishedCell
	Suppressed map[string][]string // item IRI → group IRIs
}

// ReadPublishedSurveys reads every published version of an organisation's
// survey for year from ds, oldest first, for AggregateSurveyOver.
func ReadPublishedSurveys(ctx context.Context, ds dataset.Dataset, base, nis string, year int) ([]PublishedSurvey, error) {
	cur, err := currentVersion(ctx, ds, base, vocab.SurveyIndexGraph(base, nis, year), vocab.Survey(base, nis, year))
	if err != nil {
		return nil, err
	}
	var out []PublishedSurvey
	for n := 1; n <= cur; n++ {
		qs, err := graphQuads(ctx, ds, vocab.SurveyGraph(base, nis, year, n))
		if err != nil {
			return nil, err
		}
		if len(qs) == 0 {
			continue
		}
		out = append(out, readPublished(n, qs))
	}
	return out, nil
}

// readPublished reads the observations and suppressed figures of one
// version graph.
func readPublished(n int, qs []rdf.Quad) PublishedSurvey {
	type obs struct {
		item, group, kind string
		count             int
		agreement, share  float64
	}
	by := map[rdf.Term]*obs{}
	get := func(s rdf.Term) *obs {
		if by[s] == nil {
			by[s] = &obs{}
		}
		return by[s]
	}
	num := func(t rdf.Term) float64 {
		f, _ := strconv.ParseFloat(t.Value, 64)
		return f
	}
	for _, q := range qs {
		switch q.P.Value {
		case rdf.RDFType:
			if q.O.Value == vocab.QB+"Observation" || q.O.Value == vocab.Mat("SuppressedFigure") {
				get(q.S).kind = q.O.Value
			}
		case vocab.Mat("surveyItem"):
			get(q.S).item = q.O.Value
		case vocab.Mat("respondentGroup"):
			get(q.S).group = q.O.Value
		case vocab.Mat("respondentCount"):
			get(q.S).count = int(num(q.O))
		case vocab.Mat("agreement"):
			get(q.S).agreement = num(q.O)
		case vocab.Mat("agreementShare"):
			get(q.S).share = num(q.O)
		}
	}
	ps := PublishedSurvey{Version: n, Suppressed: map[string][]string{}}
	for _, o := range by {
		if o.item == "" || o.group == "" {
			continue
		}
		switch o.kind {
		case vocab.QB + "Observation":
			ps.Cells = append(ps.Cells, PublishedCell{Item: o.item, Group: o.group, Count: o.count, Agreement: o.agreement, Share: o.share})
		case vocab.Mat("SuppressedFigure"):
			ps.Suppressed[o.item] = append(ps.Suppressed[o.item], o.group)
		}
	}
	sort.Slice(ps.Cells, func(i, j int) bool {
		if ps.Cells[i].Item != ps.Cells[j].Item {
			return ps.Cells[i].Item < ps.Cells[j].Item
		}
		return ps.Cells[i].Group < ps.Cells[j].Group
	})
	return ps
}

// figure is what a set of respondents amounts to: how many, the sum of
// their answers and how many agreed (4 or 5).
type figure struct{ count, sum, agree int }

func (a figure) plus(b figure) figure {
	return figure{a.count + b.count, a.sum + b.sum, a.agree + b.agree}
}

// publishedFigure recovers a cell's figure from its rounded mean and
// share. Exact for fewer than 100 respondents; beyond, it may be off by
// one, which can only make the check stricter.
func publishedFigure(c PublishedCell) figure {
	return figure{c.Count, int(math.Round(c.Agreement * float64(c.Count))), int(math.Round(c.Share * float64(c.Count) / 100))}
}

// knowledge is what one version of one item lets anyone compute: the
// figure of each group it publishes (or, unlisted, knows to be empty),
// and, when the total is published, the figure of its hidden groups
// together.
type knowledge struct {
	single  map[string]figure // group IRI → figure, published or known empty
	hidden  []string          // groups listed as suppressed
	total   *figure           // nil when the total is not published
	hiddenF figure            // the hidden groups together (total minus the published)
}

// covered reports whether g's figure takes part in a known set: alone, or
// among the hidden groups when the total is published.
func (k *knowledge) covered(g string) bool {
	if _, ok := k.single[g]; ok {
		return true
	}
	return k.total != nil
}

func (k *knowledge) isHidden(g string) bool {
	for _, h := range k.hidden {
		if h == g {
			return true
		}
	}
	return false
}

// figureOf is the figure of block, a union of k's known sets.
func (k *knowledge) figureOf(block []string) figure {
	var f figure
	withHidden := false
	for _, g := range block {
		if s, ok := k.single[g]; ok {
			f = f.plus(s)
		} else if k.isHidden(g) {
			withHidden = true
		}
	}
	if withHidden {
		f = f.plus(k.hiddenF)
	}
	return f
}

// earlierKnowledge is what an earlier version published of one item;
// groups it neither publishes nor lists are known to be empty (their
// figure zero), as are all groups of an item it does not have.
func earlierKnowledge(ps PublishedSurvey, item, allIRI string, universe []string) *knowledge {
	k := &knowledge{single: map[string]figure{}}
	for _, c := range ps.Cells {
		if c.Item != item {
			continue
		}
		f := publishedFigure(c)
		if c.Group == allIRI {
			k.total = &f
		} else {
			k.single[c.Group] = f
		}
	}
	for _, g := range ps.Suppressed[item] {
		if g != allIRI {
			k.hidden = append(k.hidden, g)
		}
	}
	if k.total == nil && len(k.single) == 0 && len(k.hidden) == 0 {
		// The item had no answers then: every group was empty, and known so.
		k.total = &figure{}
	}
	for _, g := range universe {
		if _, ok := k.single[g]; !ok && !k.isHidden(g) {
			k.single[g] = figure{}
		}
	}
	if k.total != nil {
		k.hiddenF = *k.total
		for _, f := range k.single {
			k.hiddenF.count -= f.count
			k.hiddenF.sum -= f.sum
			k.hiddenF.agree -= f.agree
		}
	}
	return k
}

// blocks returns the blocks of the finest partition of universe that both
// versions' known sets are unions of, keeping only the blocks whose every
// group is covered in both (the others are not known in one of them).
func blocks(universe []string, a, b *knowledge) [][]string {
	parent := map[string]string{}
	var find func(string) string
	find = func(g string) string {
		if parent[g] == g {
			return g
		}
		parent[g] = find(parent[g])
		return parent[g]
	}
	for _, g := range universe {
		parent[g] = g
	}
	for _, k := range []*knowledge{a, b} {
		if k.total == nil || len(k.hidden) == 0 {
			continue
		}
		for _, h := range k.hidden[1:] {
			parent[find(h)] = find(k.hidden[0])
		}
	}
	by := map[string][]string{}
	for _, g := range universe {
		r := find(g)
		by[r] = append(by[r], g)
	}
	var out [][]string
	for _, bl := range by {
		ok := true
		for _, g := range bl {
			ok = ok && a.covered(g) && b.covered(g)
		}
		if ok {
			sort.Strings(bl)
			out = append(out, bl)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// differs reports whether publishing block with figure now beside was
// would tell what fewer than threshold respondents answered.
func differs(now, was figure, threshold int) bool {
	d := now.count - was.count
	if d < 0 {
		d = -d
	}
	if d == 0 {
		return now != was // the same people, or a change someone made
	}
	return d < threshold
}
