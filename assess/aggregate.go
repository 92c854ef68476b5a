package assess

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// AllGroup is the respondent group of everyone who answered.
const AllGroup = "alle"

// SurveyResult is a survey aggregated per survey item and respondent
// group, with the cells that may not be published already taken out.
type SurveyResult struct {
	Org         string
	OrgLabel    vocab.Text
	Year        int
	Version     int
	Threshold   int
	Respondents int
	Cells       []Cell           // published figures, by item then group
	Suppressed  []SuppressedCell // figures left out, with the reason
	Generated   time.Time        // zero means now
	Licence     string           // IRI; empty means CC0
}

// Cell is one published figure: the agreement of a group with one survey
// item (mean on the 1–5 scale, and the percentage answering 4 or 5) and how
// many respondents it rests on. Agreement is not maturity or need; the
// item's Informs says which domain score it substantiates.
type Cell struct {
	Item      *vocab.SurveyItem
	Group     string // AllGroup or a profile slug
	GroupIRI  string
	Agreement float64 // mean answer, 1..5
	Share     float64 // percent of answers that are 4 or 5
	Count     int
}

// SuppressedCell is a figure not published, and why.
type SuppressedCell struct {
	Item     *vocab.SurveyItem
	Group    string
	GroupIRI string
	// Secondary is true when the group is large enough itself but was left
	// out so that a smaller suppressed group cannot be computed from the
	// total.
	Secondary bool
	// Changed is true when the group is large enough itself but was left
	// out because, beside an earlier version, its figures would give away
	// the answers of fewer respondents than the threshold.
	Changed bool
}

// AggregateSurvey computes per survey item, for all respondents and per
// profile, the mean agreement, the share agreeing (4 or 5) and the
// respondent count; a respondent counts for an item they answered. A
// threshold below 1 means DefaultThreshold: an unset setting must never
// switch the protection off. It is AggregateSurveyOver with no earlier
// version.
func AggregateSurvey(model *vocab.Model, resp *Responses, threshold int) *SurveyResult {
	return AggregateSurveyOver(model, resp, threshold, nil)
}

// AggregateSurveyOver is AggregateSurvey for a new version of a survey
// whose earlier versions published what earlier says
// (ReadPublishedSurveys): besides the groups too small to publish, and
// those the total would give them away by, it hides what differencing
// with an earlier version would give away (surveyhistory.go).
func AggregateSurveyOver(model *vocab.Model, resp *Responses, threshold int, earlier []PublishedSurvey) *SurveyResult {
	if threshold < 1 {
		threshold = DefaultThreshold
	}
	res := &SurveyResult{Threshold: threshold, Respondents: resp.Len()}
	allIRI := model.AllGroupIRI()
	for k := range model.Items {
		it := &model.Items[k]
		cells := map[string]*figure{}
		groupIRI := map[string]string{AllGroup: allIRI}
		for _, r := range resp.list {
			v, ok := r.answers[it.IRI]
			if !ok {
				continue
			}
			prof := model.Profiles[r.profile]
			groupIRI[prof.Slug] = prof.IRI
			for _, g := range []string{AllGroup, prof.Slug} {
				if cells[g] == nil {
					cells[g] = &figure{}
				}
				cells[g].sum += v
				if v >= 4 {
					cells[g].agree++
				}
				cells[g].count++
			}
		}
		all := cells[AllGroup]
		if all == nil {
			continue
		}
		var profiles []string
		for g := range cells {
			if g != AllGroup {
				profiles = append(profiles, g)
			}
		}
		sort.Slice(profiles, func(i, j int) bool {
			if cells[profiles[i]].count != cells[profiles[j]].count {
				return cells[profiles[i]].count < cells[profiles[j]].count
			}
			return profiles[i] < profiles[j]
		})
		// Hide the small groups and what gives them away; then, while an
		// earlier version can be differenced with what is left, hide more.
		changed := map[string]bool{}
		var suppressed, secondary map[string]bool
		for {
			suppressed, secondary = suppressSmall(cells, profiles, threshold, changed)
			more := historyLeaks(it.IRI, allIRI, cells, groupIRI, profiles, suppressed, earlier, threshold)
			grew := false
			for _, g := range more {
				if !changed[g] {
					changed[g], grew = true, true
				}
			}
			if !grew {
				if len(more) > 0 {
					// Nothing left to hide would close the leak: publish
					// nothing of this item.
					for _, g := range append([]string{AllGroup}, profiles...) {
						suppressed[g], changed[g] = true, true
					}
				}
				break
			}
		}
		for _, g := range append([]string{AllGroup}, profiles...) {
			c := cells[g]
			if suppressed[g] {
				res.Suppressed = append(res.Suppressed, SuppressedCell{Item: it, Group: g, GroupIRI: groupIRI[g],
					Secondary: secondary[g] && !changed[g], Changed: changed[g] && c.count >= threshold})
				continue
			}
			res.Cells = append(res.Cells, Cell{Item: it, Group: g, GroupIRI: groupIRI[g], Count: c.count,
				Agreement: round2(float64(c.sum) / float64(c.count)),
				Share:     round2(100 * float64(c.agree) / float64(c.count))})
		}
	}
	return res
}

// suppressSmall hides the groups below the threshold and the groups in
// hide; with the total published, it then hides the next smallest groups
// until the hidden ones together reach the threshold, so that no small
// group can be computed from the total. A total below the threshold hides
// everything.
func suppressSmall(cells map[string]*figure, profiles []string, threshold int, hide map[string]bool) (suppressed, secondary map[string]bool) {
	suppressed, secondary = map[string]bool{}, map[string]bool{}
	if cells[AllGroup].count < threshold {
		suppressed[AllGroup] = true
		for _, p := range profiles {
			suppressed[p] = true
		}
		return suppressed, secondary
	}
	suppressed[AllGroup] = hide[AllGroup]
	small := 0
	for _, p := range profiles {
		if cells[p].count < threshold || hide[p] {
			suppressed[p] = true
			small += cells[p].count
		}
	}
	if suppressed[AllGroup] {
		return suppressed, secondary // no total to subtract from
	}
	for _, p := range profiles {
		if small == 0 || small >= threshold {
			break
		}
		if !suppressed[p] {
			suppressed[p], secondary[p] = true, true
			small += cells[p].count
		}
	}
	return suppressed, secondary
}

// historyLeaks returns the groups (profile slugs, or AllGroup for the
// total) that must be hidden as well, because with what the new version
// publishes of item, as suppressed says, some set of groups known in it
// and in an earlier version differs by fewer than threshold respondents.
func historyLeaks(item, allIRI string, cells map[string]*figure, groupIRI map[string]string, profiles []string, suppressed map[string]bool, earlier []PublishedSurvey, threshold int) []string {
	if len(earlier) == 0 {
		return nil
	}
	slugOf := map[string]string{}
	for _, p := range profiles {
		slugOf[groupIRI[p]] = p
	}
	now := &knowledge{single: map[string]figure{}}
	for _, p := range profiles {
		if suppressed[p] {
			now.hidden = append(now.hidden, groupIRI[p])
		} else {
			now.single[groupIRI[p]] = *cells[p]
		}
	}
	if !suppressed[AllGroup] {
		t := *cells[AllGroup]
		now.total = &t
	}
	var leaks []string
	for _, e := range earlier {
		// Every group either version knows of.
		seen := map[string]bool{}
		var universe []string
		add := func(g string) {
			if g != allIRI && !seen[g] {
				seen[g] = true
				universe = append(universe, g)
			}
		}
		for _, p := range profiles {
			add(groupIRI[p])
		}
		for _, c := range e.Cells {
			if c.Item == item {
				add(c.Group)
			}
		}
		for _, g := range e.Suppressed[item] {
			add(g)
		}
		sort.Strings(universe)
		was := earlierKnowledge(e, item, allIRI, universe)
		kv := &knowledge{single: map[string]figure{}, hidden: now.hidden, total: now.total}
		for g, f := range now.single {
			kv.single[g] = f
		}
		for _, g := range universe {
			if _, ok := kv.single[g]; !ok && !kv.isHidden(g) {
				kv.single[g] = figure{} // no respondents now: known to be empty
			}
		}
		if kv.total != nil {
			kv.hiddenF = *kv.total
			for _, f := range kv.single {
				kv.hiddenF.count -= f.count
				kv.hiddenF.sum -= f.sum
				kv.hiddenF.agree -= f.agree
			}
		}
		for _, b := range blocks(universe, kv, was) {
			if !differs(kv.figureOf(b), was.figureOf(b), threshold) {
				continue
			}
			// Hide the groups the new version publishes in the block; a
			// block known through the total alone loses the total.
			hid := false
			for _, g := range b {
				if p, ok := slugOf[g]; ok && !suppressed[p] {
					leaks = append(leaks, p)
					hid = true
				}
			}
			if !hid {
				leaks = append(leaks, AllGroup)
			}
		}
	}
	return leaks
}

// BuildSurvey publishes an aggregated survey as a Data Cube: the version
// graph graph/bevraging/{NIS}/{year}/v{n} with one observation per
// published cell (agreement, never maturity or need) and one
// mat:SuppressedFigure per cell left out, and the index graph
// graph/bevraging/{NIS}/{year} naming the current version.
func BuildSurvey(base string, model *vocab.Model, s *SurveyResult) ([]Graph, error) {
	if err := validateKey(s.Org, s.Year, s.Version); err != nil {
		return nil, err
	}
	a := &Assessment{Org: s.Org, OrgLabel: s.OrgLabel}
	year := rdf.TypedLiteral(strconv.Itoa(s.Year), rdf.XSDGYear)
	g := rdf.IRI(vocab.SurveyGraph(base, s.Org, s.Year, s.Version))
	b := newBuilder(base, g)
	ds := vocab.SurveyVersion(base, s.Org, s.Year, s.Version)
	org := vocab.Organisation(base, s.Org)
	method := model.MethodIRIs["bevraging"]
	if method == "" {
		return nil, fmt.Errorf("assess: the model has no method bevraging (staff survey)")
	}
	b.iri(ds, rdf.RDFType, vocab.QB+"DataSet")
	b.iri(ds, rdf.RDFType, vocab.Mat("SurveyResult"))
	b.iri(ds, rdf.RDFType, vocab.PROV+"Entity")
	b.iri(ds, vocab.QB+"structure", vocab.DSD("bevraging"))
	b.text(ds, vocab.RDFS+"label", vocab.Text{
		"nl": fmt.Sprintf("Personeelsbevraging open data van %s, %d (versie %d)", orgName(a, "nl"), s.Year, s.Version),
		"en": fmt.Sprintf("Open data staff survey of %s, %d (version %d)", orgName(a, "en"), s.Year, s.Version),
	})
	b.text(ds, vocab.RDFS+"comment", vocab.Text{
		"nl": fmt.Sprintf("Instemming (1 tot 5) en aandeel akkoord per vraag en respondentengroep. Cijfers van groepen met minder dan %d respondenten worden niet gepubliceerd (mat:SuppressedFigure); individuele antwoorden worden niet bewaard.", s.Threshold),
		"en": fmt.Sprintf("Agreement (1 to 5) and share agreeing per survey item and respondent group. Figures of groups with fewer than %d respondents are not published (mat:SuppressedFigure); individual answers are not stored.", s.Threshold),
	})
	b.text(ds, vocab.DCT+"title", vocab.Text{
		"nl": fmt.Sprintf("Personeelsbevraging open data van %s, %d (versie %d)", orgName(a, "nl"), s.Year, s.Version),
		"en": fmt.Sprintf("Open data staff survey of %s, %d (version %d)", orgName(a, "en"), s.Year, s.Version),
	})
	b.iri(ds, vocab.DCT+"publisher", org)
	b.iri(ds, vocab.Mat("organisation"), org)
	b.add(ds, vocab.Mat("period"), year)
	b.iri(ds, vocab.Mat("method"), method)
	b.add(ds, vocab.Mat("versionNumber"), rdf.TypedLiteral(strconv.Itoa(s.Version), rdf.XSDInteger))
	b.add(ds, vocab.Mat("suppressionThreshold"), rdf.TypedLiteral(strconv.Itoa(s.Threshold), rdf.XSDInteger))
	b.add(ds, vocab.Mat("surveyResponseCount"), rdf.TypedLiteral(strconv.Itoa(s.Respondents), rdf.XSDInteger))
	b.iri(ds, vocab.DCT+"isVersionOf", vocab.Survey(base, s.Org, s.Year))
	b.iri(ds, vocab.DCT+"license", licence(s.Licence))
	b.iri(ds, vocab.PROV+"wasAttributedTo", org)
	at := s.Generated
	if at.IsZero() {
		at = time.Now()
	}
	b.add(ds, vocab.PROV+"generatedAtTime", rdf.TypedLiteral(at.UTC().Format(time.RFC3339), rdf.XSDDateTime))
	if s.Version > 1 {
		prev := vocab.SurveyVersion(base, s.Org, s.Year, s.Version-1)
		b.iri(ds, vocab.PROV+"wasRevisionOf", prev)
		b.iri(prev, vocab.DCT+"isReplacedBy", ds)
	}
	domainIRI := func(it *vocab.SurveyItem) string {
		if d, ok := model.Domain(it.Domain); ok {
			return d.IRI
		}
		return ""
	}
	for _, c := range s.Cells {
		o := vocab.SurveyObservation(base, s.Org, s.Year, s.Version, c.Item.Slug, c.Group)
		b.iri(o, rdf.RDFType, vocab.QB+"Observation")
		b.iri(o, vocab.QB+"dataSet", ds)
		b.iri(o, vocab.Mat("organisation"), org)
		b.add(o, vocab.Mat("period"), year)
		b.iri(o, vocab.Mat("domain"), domainIRI(c.Item))
		b.iri(o, vocab.Mat("surveyItem"), c.Item.IRI)
		b.iri(o, vocab.Mat("respondentGroup"), c.GroupIRI)
		b.add(o, vocab.Mat("agreement"), rdf.TypedLiteral(decimal(c.Agreement), rdf.XSDDecimal))
		b.add(o, vocab.Mat("agreementShare"), rdf.TypedLiteral(decimal(c.Share), rdf.XSDDecimal))
		b.add(o, vocab.Mat("respondentCount"), rdf.TypedLiteral(strconv.Itoa(c.Count), rdf.XSDInteger))
		b.iri(o, vocab.Mat("method"), method)
	}
	suppressedGroups := map[string]bool{}
	for _, c := range s.Suppressed {
		o := vocab.SurveyObservation(base, s.Org, s.Year, s.Version, c.Item.Slug, c.Group)
		b.iri(o, rdf.RDFType, vocab.Mat("SuppressedFigure"))
		b.iri(o, vocab.DCT+"isPartOf", ds)
		b.iri(o, vocab.Mat("domain"), domainIRI(c.Item))
		b.iri(o, vocab.Mat("surveyItem"), c.Item.IRI)
		b.iri(o, vocab.Mat("respondentGroup"), c.GroupIRI)
		if !suppressedGroups[c.GroupIRI] {
			suppressedGroups[c.GroupIRI] = true
			b.iri(ds, vocab.Mat("suppressedGroup"), c.GroupIRI)
		}
		note := vocab.Text{
			"nl": fmt.Sprintf("Niet gepubliceerd: minder dan %d respondenten.", s.Threshold),
			"en": fmt.Sprintf("Not published: fewer than %d respondents.", s.Threshold),
		}
		if c.Changed {
			note = vocab.Text{
				"nl": fmt.Sprintf("Niet gepubliceerd: naast een eerder gepubliceerde versie zou dit cijfer de antwoorden van minder dan %d respondenten prijsgeven.", s.Threshold),
				"en": fmt.Sprintf("Not published: beside an earlier published version this figure would give away the answers of fewer than %d respondents.", s.Threshold),
			}
		} else if c.Secondary {
			note = vocab.Text{
				"nl": fmt.Sprintf("Niet gepubliceerd: anders is een kleinere groep (minder dan %d respondenten) uit het totaal terug te rekenen.", s.Threshold),
				"en": fmt.Sprintf("Not published: otherwise a smaller group (fewer than %d respondents) could be computed from the total.", s.Threshold),
			}
		}
		b.text(o, vocab.Mat("note"), note)
	}
	idx := newBuilder(base, rdf.IRI(vocab.SurveyIndexGraph(base, s.Org, s.Year)))
	sv := vocab.Survey(base, s.Org, s.Year)
	idx.iri(sv, rdf.RDFType, vocab.Mat("SurveyResult"))
	idx.text(sv, vocab.RDFS+"label", vocab.Text{
		"nl": fmt.Sprintf("Personeelsbevraging open data van %s, %d", orgName(a, "nl"), s.Year),
		"en": fmt.Sprintf("Open data staff survey of %s, %d", orgName(a, "en"), s.Year),
	})
	idx.iri(sv, vocab.Mat("organisation"), org)
	idx.add(sv, vocab.Mat("period"), year)
	idx.iri(sv, vocab.Mat("currentVersion"), ds)
	for v := 1; v <= s.Version; v++ {
		idx.iri(sv, vocab.DCT+"hasVersion", vocab.SurveyVersion(base, s.Org, s.Year, v))
	}
	return []Graph{{IRI: g.Value, Quads: b.quads}, {IRI: idx.graph.Value, Quads: idx.quads}}, nil
}

// SurveyImport is everything ImportSurvey needs besides the file.
type SurveyImport struct {
	Org       string
	OrgLabel  vocab.Text
	Year      int
	Version   int
	Threshold int // below 1: DefaultThreshold
	// Mapping is the RML mapping document for the city's survey tool; nil
	// means the shipped mappings/rml/bevraging.ttl.
	Mapping     io.Reader
	MappingName string
	Generated   time.Time
	Licence     string // IRI; empty means CC0
	// Earlier is what the survey's earlier versions published
	// (ReadPublishedSurveys): the new version hides what could be
	// differenced with them.
	Earlier []PublishedSurvey
}

// ImportSurvey reads, aggregates and publishes a staff survey export:
// ReadSurvey, AggregateSurvey and BuildSurvey in one call. The respondents'
// rows never leave this function. On any error it returns no graphs.
func ImportSurvey(ctx context.Context, base string, model *vocab.Model, r io.Reader, file string, in SurveyImport) ([]Graph, error) {
	if err := validateKey(in.Org, in.Year, in.Version); err != nil {
		return nil, err
	}
	resp, err := ReadSurvey(ctx, base, model, r, file, in.Mapping, in.MappingName)
	if err != nil {
		return nil, err
	}
	res := AggregateSurveyOver(model, resp, in.Threshold, in.Earlier)
	res.Org, res.OrgLabel, res.Year, res.Version, res.Generated, res.Licence = in.Org, in.OrgLabel, in.Year, in.Version, in.Generated, in.Licence
	return BuildSurvey(base, model, res)
}
