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
}

// AggregateSurvey computes per survey item, for all respondents and per
// profile, the mean agreement, the share agreeing (4 or 5) and the
// respondent count; a respondent counts for an item they answered. A
// threshold below 1 means DefaultThreshold: an unset setting must never
// switch the protection off.
func AggregateSurvey(model *vocab.Model, resp *Responses, threshold int) *SurveyResult {
	if threshold < 1 {
		threshold = DefaultThreshold
	}
	res := &SurveyResult{Threshold: threshold, Respondents: resp.Len()}
	type acc struct {
		sum, agree, count int
	}
	allIRI := model.AllGroupIRI()
	for k := range model.Items {
		it := &model.Items[k]
		cells := map[string]*acc{}
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
					cells[g] = &acc{}
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
		suppressed := map[string]bool{}
		secondary := map[string]bool{}
		if all.count < threshold {
			suppressed[AllGroup] = true
			for _, p := range profiles {
				suppressed[p] = true
			}
		} else {
			small := 0
			for _, p := range profiles {
				if cells[p].count < threshold {
					suppressed[p] = true
					small += cells[p].count
				}
			}
			// With the total published, one small group alone could be
			// computed back from the others: hide the next smallest groups
			// until the hidden ones together reach the threshold.
			for _, p := range profiles {
				if small == 0 || small >= threshold {
					break
				}
				if !suppressed[p] {
					suppressed[p], secondary[p] = true, true
					small += cells[p].count
				}
			}
		}
		for _, g := range append([]string{AllGroup}, profiles...) {
			c := cells[g]
			if suppressed[g] {
				res.Suppressed = append(res.Suppressed, SuppressedCell{Item: it, Group: g, GroupIRI: groupIRI[g], Secondary: secondary[g]})
				continue
			}
			res.Cells = append(res.Cells, Cell{Item: it, Group: g, GroupIRI: groupIRI[g], Count: c.count,
				Agreement: round2(float64(c.sum) / float64(c.count)),
				Share:     round2(100 * float64(c.agree) / float64(c.count))})
		}
	}
	return res
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
		if c.Secondary {
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
	res := AggregateSurvey(model, resp, in.Threshold)
	res.Org, res.OrgLabel, res.Year, res.Version, res.Generated, res.Licence = in.Org, in.OrgLabel, in.Year, in.Version, in.Generated, in.Licence
	return BuildSurvey(base, model, res)
}
