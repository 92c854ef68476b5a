package dcat

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// A hub (package harvest) holds other catalogs' datasets, each in a graph
// graph/oogst/{source}/{key}, described by a record in the source's graph
// graph/oogst/{source} together with the source's own description of the
// dataset. The hub's catalog lists each one that it holds data of, under
// the hub's IRI id/dataset/oogst/{source}/{key}, with the original title,
// description, keywords, period and publisher, a link to the original
// (rdfs:seeAlso, and its landing pages) and the hub's own distributions:
// a portal can harvest the hub instead of every city.

const (
	nsPROV             = "http://www.w3.org/ns/prov#"
	nsFOAFPrimaryTopic = nsFOAF + "primaryTopic"
)

// addHarvested adds the datasets recorded in a source's records graph.
func (b *builder) addHarvested(records, source string) error {
	g := rdf.IRI(records)
	recs, err := b.r.subjects(rdfType, rdf.IRI(nsDCAT+"CatalogRecord"), g)
	if err != nil {
		return err
	}
	prefix := vocab.HarvestRecord(b.cfg.Base, source, "")
	for _, rec := range recs {
		key, ok := strings.CutPrefix(rec.Value, prefix)
		if !ok || key == "" {
			continue
		}
		graphs, err := b.r.objects(rec, vocab.Mat("graph"), g)
		if err != nil {
			return err
		}
		gone, err := b.r.objects(rec, nsPROV+"invalidatedAtTime", g)
		if err != nil {
			return err
		}
		topics, err := b.r.objects(rec, nsFOAFPrimaryTopic, g)
		if err != nil {
			return err
		}
		if len(graphs) != 1 || len(gone) > 0 || len(topics) != 1 {
			continue // withdrawn, or a record without data
		}
		if err := b.addHarvestedDataset(g, source, key, graphs[0].Value, topics[0]); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) addHarvestedDataset(records rdf.Term, source, key, graph string, orig rdf.Term) error {
	name := "oogst/" + source + "/" + key
	d := &Dataset{Kind: KindHarvested, Name: name, IRI: vocab.Dataset(b.cfg.Base, name), Graphs: []string{graph}, Thing: orig.Value,
		Keywords: map[string][]string{}}
	var err error
	if d.Title, err = b.r.textIn(orig, nsDCT+"title", records); err != nil {
		return err
	}
	if d.Desc, err = b.r.textIn(orig, nsDCT+"description", records); err != nil {
		return err
	}
	if d.Title["nl"] == "" {
		d.Title = vocab.Text{"nl": "Geoogste dataset " + key, "en": "Harvested dataset " + key}
	}
	if d.Desc["nl"] == "" {
		d.Desc = vocab.Text{"nl": "Dataset geoogst uit de catalogus van bron " + source + ".", "en": "Dataset harvested from the catalog of source " + source + "."}
	}
	for _, l := range []string{"nl", "en"} {
		if d.Title[l] != "" && d.Desc[l] == "" || d.Title[l] == "" && d.Desc[l] != "" {
			delete(d.Title, l) // one language, both texts: DCAT-AP-VL wants each in every language used
			delete(d.Desc, l)
		}
	}
	kws, err := b.r.objects(orig, nsDCAT+"keyword", records)
	if err != nil {
		return err
	}
	for _, k := range kws {
		if k.IsLiteral() && (k.Lang == "nl" || k.Lang == "en") {
			d.Keywords[k.Lang] = append(d.Keywords[k.Lang], k.Value)
		}
	}
	if d.Year, err = b.harvestedYear(orig, records); err != nil {
		return err
	}
	pages, err := b.r.objects(orig, nsDCAT+"landingPage", records)
	if err != nil {
		return err
	}
	for _, p := range pages {
		if p.IsIRI() {
			d.landing = append(d.landing, p.Value)
		}
	}
	// An assessment or survey names its current version: the cube the
	// CSV distribution tabulates.
	if d.Cube, err = b.harvestedCube(graph); err != nil {
		return err
	}
	pubs, err := b.r.objects(orig, nsDCT+"publisher", records)
	if err != nil {
		return err
	}
	if len(pubs) > 0 && !pubs[0].IsLiteral() {
		if d.org, err = b.harvestedOrg(pubs[0], records); err != nil {
			return err
		}
		d.Org = d.org.nis
	}
	return b.add(d)
}

// harvestedYear reads the start year of the dataset's dct:temporal.
func (b *builder) harvestedYear(orig, records rdf.Term) (int, error) {
	periods, err := b.r.objects(orig, nsDCT+"temporal", records)
	if err != nil || len(periods) == 0 {
		return 0, err
	}
	starts, err := b.r.objects(periods[0], nsDCAT+"startDate", records)
	if err != nil || len(starts) == 0 {
		return 0, err
	}
	y, _ := strconv.Atoi(strings.SplitN(starts[0].Value, "-", 2)[0])
	return y, nil
}

// harvestedCube returns the current version the graph's assessment or
// survey names, "" when it names none.
func (b *builder) harvestedCube(graph string) (string, error) {
	pid, err := b.r.id(rdf.IRI(vocab.Mat("currentVersion")))
	if err != nil || pid == 0 {
		return "", err
	}
	gid, err := b.r.id(rdf.IRI(graph))
	if err != nil || gid == 0 {
		return "", err
	}
	var cube uint64
	err = b.r.v.Match(b.r.ctx, [4]uint64{0, pid, 0, gid}, func(q [4]uint64) bool { cube = q[2]; return false })
	if err != nil || cube == 0 {
		return "", err
	}
	t, err := b.r.term(cube)
	if err != nil || !t.IsIRI() {
		return "", err
	}
	return t.Value, nil
}

// harvestedOrg reads the original publisher as the source described it.
func (b *builder) harvestedOrg(pub, records rdf.Term) (*org, error) {
	o := &org{iri: pub.Value, graphs: []string{records.Value}}
	var err error
	if o.label, err = b.r.textIn(pub, nsFOAF+"name", records); err != nil {
		return nil, err
	}
	ids, err := b.r.objects(pub, nsDCT+"identifier", records)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if id.IsLiteral() {
			o.nis = id.Value
		}
	}
	matches, err := b.r.objects(pub, nsSKOS+"exactMatch", records)
	if err != nil {
		return nil, err
	}
	for _, m := range matches {
		switch {
		case !m.IsIRI():
			continue
		case strings.HasPrefix(m.Value, gemeentePrefix):
			o.gemeente = m.Value
			o.links = append(o.links, m.Value)
		case strings.HasPrefix(m.Value, "https://data.vlaanderen.be/"):
			o.links = append(o.links, m.Value)
		}
		if strings.HasPrefix(m.Value, "https://") || strings.HasPrefix(m.Value, "http://") {
			o.matches = append(o.matches, m.Value)
		}
	}
	if o.nis == "" {
		o.nis = pub.Value // dct:identifier is mandatory for an agent: the IRI is one
	}
	if pub.IsBlank() {
		return nil, fmt.Errorf("dcat: %s: a publisher without an IRI", records.Value)
	}
	return o, nil
}
