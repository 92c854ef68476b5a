package dcat

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Kind is what a dataset publishes.
type Kind int

const (
	KindModel      Kind = iota // the maturity model (graph/model)
	KindStudy                  // the study's findings (graph/studie)
	KindAssessment             // one organisation's assessment for one year
	KindSurvey                 // one organisation's staff survey for one year
	KindEvidence               // evidence from one organisation's own catalog on one date (evidence.go)
	KindHarvested              // a dataset a hub harvested from another catalog (harvested.go)
)

// Dataset is one dcat:Dataset of the catalog, as found in the view.
type Dataset struct {
	IRI     string // id/dataset/{Name}
	Name    string // e.g. "evaluatie/24062/2025", "maturiteitsmodel"
	Kind    Kind
	Org     string // NIS code of the organisation assessed or surveyed
	Year    int
	Version int    // the current version (assessments, surveys)
	Cube    string // the qb:DataSet the distributions hold ("" for the model)
	Thing   string // the resource the landing page is about (id/evaluatie/…)
	// Graphs are the named graphs whose union the RDF distributions serve:
	// for an assessment the current version and its index graph.
	Graphs   []string
	Issued   time.Time // first publication: when its first version was written
	Modified time.Time // latest change of any of Graphs
	Title    vocab.Text
	Desc     vocab.Text
	Keywords map[string][]string // by language

	etag    string
	landing []string // further landing pages: a harvested dataset's originals
	depends []string // every graph the dataset's documents are computed from
	org     *org     // publisher: the organisation (assessments, surveys)
	sizes   [numFormats]int64
}

// ETag identifies the content of the dataset's distributions: its graphs and
// their modification times (the catalog's licence and options are fixed per
// catalog). A changed assessment gets a new ETag; the others keep theirs.
func (d *Dataset) ETag() string { return d.etag }

// DependsOn returns every graph the dataset's catalog entry and downloads
// are computed from: its own graphs, the graphs naming its publisher and
// the model graph (the structure and labels of the CSV table). A document
// about the dataset changes exactly when one of these graphs does.
func (d *Dataset) DependsOn() []string { return d.depends }

// org is what the catalog says about an organisation.
type org struct {
	iri      string
	nis      string
	label    vocab.Text
	gemeente string   // https://data.vlaanderen.be/id/gemeente/{NIS}, when linked
	links    []string // skos:exactMatch values on data.vlaanderen.be
	matches  []string // every http(s) skos:exactMatch (address register, Wikidata)
	graphs   []string // the graphs its names and links come from
}

// discover lists the datasets of the view in a stable order: the model,
// the study, then assessments and surveys by organisation and year.
func (b *builder) discover() error {
	graphs, err := b.r.graphs()
	if err != nil {
		return err
	}
	base := b.cfg.Base
	for _, g := range graphs {
		switch {
		case g == vocab.ModelGraph(base):
			if err := b.addModel(g); err != nil {
				return err
			}
		case g == vocab.StudyGraph(base):
			if err := b.addStudy(g); err != nil {
				return err
			}
		default:
			if src, key, ok := vocab.ParseHarvestGraph(base, g); ok {
				if key == "" {
					if err := b.addHarvested(g, src); err != nil {
						return err
					}
				}
			} else if nis, year, ok := indexGraph(g, base+"graph/evaluatie/"); ok {
				if err := b.addVersioned(KindAssessment, nis, year); err != nil {
					return err
				}
			} else if nis, year, ok := indexGraph(g, base+"graph/bevraging/"); ok {
				if err := b.addVersioned(KindSurvey, nis, year); err != nil {
					return err
				}
			} else if nis, year, ok := withdrawalGraph(g, base); ok {
				if err := b.addWithdrawn(g, nis, year); err != nil {
					return err
				}
			} else if nis, date, ok := evidenceGraph(g, base); ok {
				if err := b.addEvidence(g, nis, date); err != nil {
					return err
				}
			}
		}
	}
	sort.SliceStable(b.cat.Datasets, func(i, j int) bool {
		a, c := b.cat.Datasets[i], b.cat.Datasets[j]
		if a.Kind != c.Kind {
			return a.Kind < c.Kind
		}
		if a.Org != c.Org {
			return a.Org < c.Org
		}
		if a.Year != c.Year {
			return a.Year < c.Year
		}
		return a.Name < c.Name
	})
	return nil
}

// indexGraph parses prefix + "{NIS}/{year}", the index graph of a
// versioned dataset.
func indexGraph(g, prefix string) (string, int, bool) {
	rest, ok := strings.CutPrefix(g, prefix)
	if !ok {
		return "", 0, false
	}
	nis, y, ok := strings.Cut(rest, "/")
	if !ok || len(nis) != 5 || strings.Trim(nis, "0123456789") != "" || len(y) != 4 {
		return "", 0, false
	}
	year, err := strconv.Atoi(y)
	if err != nil {
		return "", 0, false
	}
	return nis, year, true
}

func (b *builder) addModel(g string) error {
	d := &Dataset{
		Kind: KindModel, Name: "maturiteitsmodel", Graphs: []string{g},
		Thing: vocab.Ontology,
		Title: vocab.Text{"nl": "Open-data-maturiteitsmodel voor lokale besturen", "en": "Open data maturity model for local governments"},
		Desc: vocab.Text{
			"nl": "Het maturiteitsmodel van de Vlaamse steden als gegevens: de 11 domeinen van Sponsoring tot Infrastructuur met hun acties, doelgroepen en profielen, de schalen voor maturiteit en nood, de vragen van de personeelsbevraging en de koppeling met de 20 principes van het Vlaamse open-data-charter.",
			"en": "The maturity model of the Flemish cities as data: the 11 domains from Sponsorship to Infrastructure with their actions, target audiences and profiles, the maturity and need scales, the staff-survey questions and the links to the 20 principles of the Flemish Open Data Charter.",
		},
		Keywords: map[string][]string{
			"nl": {"open data", "maturiteitsmodel", "lokaal bestuur", "open-data-charter"},
			"en": {"open data", "maturity model", "local government", "open data charter"},
		},
	}
	d.IRI = vocab.Dataset(b.cfg.Base, d.Name)
	return b.add(d)
}

func (b *builder) addStudy(g string) error {
	d := &Dataset{
		Kind: KindStudy, Name: "studie", Graphs: []string{g},
		Title: vocab.Text{"nl": "Bevindingen van de studie Open data awareness bij lokale overheden", "en": "Findings of the study Open data awareness in local governments"},
		Desc: vocab.Text{
			"nl": "De gepubliceerde bevindingen van de studie Open data awareness bij lokale overheden (70 interviews, 490 antwoorden op de bevraging) als RDF Data Cube.",
			"en": "The published findings of the study Open data awareness in local governments (70 interviews, 490 survey answers) as an RDF Data Cube.",
		},
		Keywords: map[string][]string{
			"nl": {"open data", "bewustzijn", "lokaal bestuur", "studie"},
			"en": {"open data", "awareness", "local government", "study"},
		},
	}
	// The study's graph describes its own data set (under the model's
	// shared IRIs); the catalog's entry is this instance's copy of it, with
	// the same title and description, so both say the same.
	sets, err := b.r.subjects(rdfType, rdf.IRI(dcatDataset), rdf.IRI(g))
	if err != nil {
		return err
	}
	for _, s := range sets {
		if s.IsIRI() {
			d.Name, d.Cube, d.Thing = s.Value[strings.LastIndex(s.Value, "/")+1:], s.Value, s.Value
			if t, err := b.r.text(s, nsDCT+"title"); err == nil && t["nl"] != "" {
				d.Title = t
			}
			if t, err := b.r.text(s, nsDCT+"description"); err == nil && t["nl"] != "" {
				d.Desc = t
			}
			break
		}
	}
	d.IRI = vocab.Dataset(b.cfg.Base, d.Name)
	if d.Thing == "" {
		d.Thing = d.IRI
	}
	return b.add(d)
}

// addVersioned adds the assessment or survey of an organisation and year:
// the current version and the index graph that names it.
func (b *builder) addVersioned(kind Kind, nis string, year int) error {
	base := b.cfg.Base
	var index, thing string
	var versionGraph func(v int) string
	var versionIRI func(v int) string
	if kind == KindAssessment {
		index, thing = vocab.AssessmentIndexGraph(base, nis, year), vocab.Assessment(base, nis, year)
		versionGraph = func(v int) string { return vocab.AssessmentGraph(base, nis, year, v) }
		versionIRI = func(v int) string { return vocab.AssessmentVersion(base, nis, year, v) }
	} else {
		index, thing = vocab.SurveyIndexGraph(base, nis, year), vocab.Survey(base, nis, year)
		versionGraph = func(v int) string { return vocab.SurveyGraph(base, nis, year, v) }
		versionIRI = func(v int) string { return vocab.SurveyVersion(base, nis, year, v) }
	}
	cur, err := b.r.objects(rdf.IRI(thing), vocab.Mat("currentVersion"), rdf.IRI(index))
	if err != nil {
		return err
	}
	if len(cur) == 0 {
		return nil // an index without a current version publishes nothing
	}
	v, err := strconv.Atoi(cur[0].Value[strings.LastIndex(cur[0].Value, "/v")+2:])
	if err != nil || versionIRI(v) != cur[0].Value {
		return fmt.Errorf("dcat: %s names current version %s, which is not a version of %s", index, cur[0].Value, thing)
	}
	o, err := b.org(nis)
	if err != nil {
		return err
	}
	d := &Dataset{Kind: kind, Org: nis, Year: year, Version: v, Cube: versionIRI(v), Thing: thing,
		Graphs: []string{versionGraph(v), index}, org: o}
	sort.Strings(d.Graphs)
	nl, en := o.label.In("nl"), o.label.In("en")
	if nl == "" {
		nl, en = "organisatie "+nis, "organisation "+nis
	}
	y := strconv.Itoa(year)
	if kind == KindAssessment {
		d.Name = "evaluatie/" + nis + "/" + y
		d.Title = vocab.Text{"nl": fmt.Sprintf("Open-data-maturiteit van %s, %d", nl, year), "en": fmt.Sprintf("Open data maturity of %s, %d", en, year)}
		d.Desc = vocab.Text{
			"nl": fmt.Sprintf("Evaluatie van de open-data-maturiteit van %s voor %d: per domein van het maturiteitsmodel de maturiteit, de nood en de kloof (schaal 1 tot 5), met het actieplan dat eruit volgt. Dit is versie %d.", nl, year, v),
			"en": fmt.Sprintf("Assessment of the open data maturity of %s for %d: per domain of the maturity model the maturity, the need and the gap (scale 1 to 5), with the action plan that follows from them. This is version %d.", en, year, v),
		}
		d.Keywords = map[string][]string{"nl": {"open data", "maturiteit", "zelfevaluatie", nl}, "en": {"open data", "maturity", "self-assessment", en}}
	} else {
		d.Name = "bevraging/" + nis + "/" + y
		d.Title = vocab.Text{"nl": fmt.Sprintf("Personeelsbevraging over open data bij %s, %d", nl, year), "en": fmt.Sprintf("Staff survey on open data at %s, %d", en, year)}
		d.Desc = vocab.Text{
			"nl": fmt.Sprintf("Resultaten van de personeelsbevraging van %s in %d: per vraag en respondentengroep de gemiddelde instemming (1 tot 5) en het aandeel akkoord. Groepen met te weinig respondenten krijgen geen cijfers, om de privacy te beschermen. Dit is versie %d.", nl, year, v),
			"en": fmt.Sprintf("Results of the staff survey of %s in %d: per survey item and respondent group the mean agreement (1 to 5) and the share agreeing. Groups with too few respondents get no figures, to protect privacy. This is version %d.", en, year, v),
		}
		d.Keywords = map[string][]string{"nl": {"open data", "maturiteit", "bevraging", nl}, "en": {"open data", "maturity", "survey", en}}
	}
	d.IRI = vocab.Dataset(base, strings.Split(d.Name, "/")...)
	// Issued is when the first version still present was written: version
	// graphs are written once and never changed.
	for n := 1; n <= v; n++ {
		t, ok, err := b.r.v.GraphModified(rdf.IRI(versionGraph(n)))
		if err != nil {
			return fmt.Errorf("dcat: modification time of %s: %w", versionGraph(n), err)
		}
		if ok {
			d.Issued = t
			break
		}
	}
	return b.add(d)
}

// add completes d's modification time and ETag and appends it.
func (b *builder) add(d *Dataset) error {
	mod, exist, err := b.r.modified(d.Graphs)
	if err != nil {
		return err
	}
	if len(exist) == 0 {
		return nil
	}
	d.Graphs = exist
	d.Modified = mod
	if d.Issued.IsZero() || d.Issued.After(mod) {
		d.Issued = mod
	}
	deps := map[string]bool{vocab.ModelGraph(b.cfg.Base): true}
	for _, gs := range [][]string{d.Graphs, b.cat.publisher.graphs} {
		for _, g := range gs {
			deps[g] = true
		}
	}
	if d.org != nil {
		for _, g := range d.org.graphs {
			deps[g] = true
		}
	}
	for g := range deps {
		d.depends = append(d.depends, g)
	}
	sort.Strings(d.depends)
	if d.etag, err = b.etag(d); err != nil {
		return err
	}
	b.cat.Datasets = append(b.cat.Datasets, d)
	return nil
}

// org reads an organisation's names and its links to data.vlaanderen.be.
func (b *builder) org(nis string) (*org, error) {
	if o, ok := b.orgs[nis]; ok {
		return o, nil
	}
	o := &org{iri: vocab.Organisation(b.cfg.Base, nis), nis: nis}
	s := rdf.IRI(o.iri)
	var err error
	if o.label, err = b.r.text(s, nsSKOS+"prefLabel"); err != nil {
		return nil, err
	}
	if len(o.label) == 0 {
		if o.label, err = b.r.text(s, nsFOAF+"name"); err != nil {
			return nil, err
		}
	}
	matches, err := b.r.objects(s, nsSKOS+"exactMatch", rdf.Term{})
	if err != nil {
		return nil, err
	}
	for _, m := range matches {
		if !m.IsIRI() {
			continue
		}
		if strings.HasPrefix(m.Value, gemeentePrefix) {
			o.gemeente = m.Value
		}
		if strings.HasPrefix(m.Value, "https://data.vlaanderen.be/") || strings.HasPrefix(m.Value, "http://data.vlaanderen.be/") {
			o.links = append(o.links, m.Value)
		}
		if strings.HasPrefix(m.Value, "https://") || strings.HasPrefix(m.Value, "http://") {
			o.matches = append(o.matches, m.Value)
		}
	}
	sort.Strings(o.links)
	sort.Strings(o.matches)
	if o.graphs, err = b.r.graphsOf(s, nsSKOS+"prefLabel", nsFOAF+"name", nsSKOS+"exactMatch"); err != nil {
		return nil, err
	}
	b.orgs[nis] = o
	return o, nil
}
