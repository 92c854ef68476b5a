package assess

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// AllGroup is the respondent group of everyone who answered.
const AllGroup = "alle"

// SurveyResult is a survey aggregated per domain and respondent group, with
// the cells that may not be published already taken out.
type SurveyResult struct {
	Org         string
	OrgLabel    vocab.Text
	Year        int
	Version     int
	Threshold   int
	Respondents int
	Cells       []Cell           // published figures, by domain then group
	Suppressed  []SuppressedCell // figures left out, with the reason
	Generated   time.Time        // zero means now
	Licence     string           // IRI; empty means CC0
}

// Cell is one published figure: the mean maturity and need of a group in a
// domain and how many respondents it rests on.
type Cell struct {
	Domain   string // domain slug
	Group    string // AllGroup or a profile slug
	Maturity float64
	Need     float64
	Count    int
}

// SuppressedCell is a figure not published, and why.
type SuppressedCell struct {
	Domain, Group string
	// Secondary is true when the group is large enough itself but was left
	// out so that a smaller suppressed group cannot be computed from the
	// total.
	Secondary bool
}

// AggregateSurvey computes per domain, for all respondents and per profile,
// the mean maturity and need (each respondent's items of the domain
// averaged first) and the respondent count. A group counts in a domain if
// it answered at least one maturity and one need item of it. A threshold
// below 1 means DefaultThreshold: an unset setting must never switch the
// protection off.
func AggregateSurvey(model *vocab.Model, resp *Responses, threshold int) *SurveyResult {
	if threshold < 1 {
		threshold = DefaultThreshold
	}
	res := &SurveyResult{Threshold: threshold, Respondents: resp.Len()}
	type acc struct {
		m, n  float64
		count int
	}
	for _, d := range model.Domains {
		cells := map[string]*acc{}
		for _, r := range resp.list {
			var ms, ns []int
			for _, it := range model.Items {
				v, ok := r.answers[it.IRI]
				if !ok || it.Domain != d.Slug {
					continue
				}
				switch {
				case strings.HasSuffix(it.Measure, "#maturityScore"):
					ms = append(ms, v)
				case strings.HasSuffix(it.Measure, "#needScore"):
					ns = append(ns, v)
				}
			}
			if len(ms) == 0 || len(ns) == 0 {
				continue
			}
			for _, g := range []string{AllGroup, model.Profiles[r.profile].Slug} {
				if cells[g] == nil {
					cells[g] = &acc{}
				}
				cells[g].m += mean(ms)
				cells[g].n += mean(ns)
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
				res.Suppressed = append(res.Suppressed, SuppressedCell{Domain: d.Slug, Group: g, Secondary: secondary[g]})
				continue
			}
			res.Cells = append(res.Cells, Cell{Domain: d.Slug, Group: g, Count: c.count,
				Maturity: round2(c.m / float64(c.count)), Need: round2(c.n / float64(c.count))})
		}
	}
	return res
}

func mean(xs []int) float64 {
	s := 0
	for _, x := range xs {
		s += x
	}
	return float64(s) / float64(len(xs))
}

// groupIRI returns the IRI of a respondent group: a profile, or "alle".
func groupIRI(base, group string) string {
	if group == AllGroup {
		return vocab.RespondentGroup(base, AllGroup)
	}
	return vocab.Profile(base, group)
}

// BuildSurvey publishes an aggregated survey as a Data Cube: the version
// graph graph/bevraging/{NIS}/{year}/v{n} with one observation per
// published cell and one mat:SuppressedFigure per cell left out, and the
// index graph graph/bevraging/{NIS}/{year} naming the current version.
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
	method := vocab.Method(base, "bevraging")
	b.iri(ds, rdf.RDFType, vocab.QB+"DataSet")
	b.iri(ds, rdf.RDFType, b.mat("SurveyResult"))
	b.iri(ds, rdf.RDFType, vocab.PROV+"Entity")
	b.iri(ds, vocab.QB+"structure", vocab.DSD(base, "bevraging"))
	b.text(ds, vocab.RDFS+"label", vocab.Text{
		"nl": fmt.Sprintf("Personeelsbevraging open data van %s, %d (versie %d)", orgName(a, "nl"), s.Year, s.Version),
		"en": fmt.Sprintf("Open data staff survey of %s, %d (version %d)", orgName(a, "en"), s.Year, s.Version),
	})
	b.text(ds, vocab.RDFS+"comment", vocab.Text{
		"nl": fmt.Sprintf("Gemiddelden per domein en respondentengroep. Cijfers van groepen met minder dan %d respondenten worden niet gepubliceerd (mat:SuppressedFigure); individuele antwoorden worden niet bewaard.", s.Threshold),
		"en": fmt.Sprintf("Means per domain and respondent group. Figures of groups with fewer than %d respondents are not published (mat:SuppressedFigure); individual answers are not stored.", s.Threshold),
	})
	b.text(ds, vocab.DCT+"title", vocab.Text{
		"nl": fmt.Sprintf("Personeelsbevraging open data van %s, %d (versie %d)", orgName(a, "nl"), s.Year, s.Version),
		"en": fmt.Sprintf("Open data staff survey of %s, %d (version %d)", orgName(a, "en"), s.Year, s.Version),
	})
	b.iri(ds, vocab.DCT+"publisher", org)
	b.iri(ds, b.mat("organisation"), org)
	b.add(ds, b.mat("period"), year)
	b.iri(ds, b.mat("method"), method)
	b.add(ds, b.mat("versionNumber"), rdf.TypedLiteral(strconv.Itoa(s.Version), rdf.XSDInteger))
	b.add(ds, b.mat("suppressionThreshold"), rdf.TypedLiteral(strconv.Itoa(s.Threshold), rdf.XSDInteger))
	b.add(ds, b.mat("surveyResponseCount"), rdf.TypedLiteral(strconv.Itoa(s.Respondents), rdf.XSDInteger))
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
	for _, c := range s.Cells {
		o := vocab.SurveyObservation(base, s.Org, s.Year, s.Version, c.Domain, c.Group)
		b.iri(o, rdf.RDFType, vocab.QB+"Observation")
		b.iri(o, vocab.QB+"dataSet", ds)
		b.iri(o, b.mat("organisation"), org)
		b.add(o, b.mat("period"), year)
		b.iri(o, b.mat("domain"), vocab.Domain(base, c.Domain))
		b.iri(o, b.mat("respondentGroup"), groupIRI(base, c.Group))
		b.add(o, b.mat("maturityScore"), rdf.TypedLiteral(decimal(c.Maturity), rdf.XSDDecimal))
		b.add(o, b.mat("needScore"), rdf.TypedLiteral(decimal(c.Need), rdf.XSDDecimal))
		b.add(o, b.mat("respondentCount"), rdf.TypedLiteral(strconv.Itoa(c.Count), rdf.XSDInteger))
		b.iri(o, b.mat("method"), method)
	}
	for _, c := range s.Suppressed {
		o := vocab.SurveyObservation(base, s.Org, s.Year, s.Version, c.Domain, c.Group)
		b.iri(o, rdf.RDFType, b.mat("SuppressedFigure"))
		b.iri(o, vocab.DCT+"isPartOf", ds)
		b.iri(o, b.mat("domain"), vocab.Domain(base, c.Domain))
		b.iri(o, b.mat("respondentGroup"), groupIRI(base, c.Group))
		b.iri(ds, b.mat("suppressedGroup"), groupIRI(base, c.Group))
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
		b.text(o, b.mat("note"), note)
	}
	idx := newBuilder(base, rdf.IRI(vocab.SurveyIndexGraph(base, s.Org, s.Year)))
	sv := vocab.Survey(base, s.Org, s.Year)
	idx.iri(sv, rdf.RDFType, idx.mat("SurveyResult"))
	idx.text(sv, vocab.RDFS+"label", vocab.Text{
		"nl": fmt.Sprintf("Personeelsbevraging open data van %s, %d", orgName(a, "nl"), s.Year),
		"en": fmt.Sprintf("Open data staff survey of %s, %d", orgName(a, "en"), s.Year),
	})
	idx.iri(sv, idx.mat("organisation"), org)
	idx.add(sv, idx.mat("period"), year)
	idx.iri(sv, idx.mat("currentVersion"), ds)
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
