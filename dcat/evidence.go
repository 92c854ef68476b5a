package dcat

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/stadleuven/maturity/internal/sheet"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// The evidence graphs (package evidence: an organisation's own DCAT
// catalog scored on five stars and the MQA, as W3C DQV measurements) are
// datasets of the catalog like the assessments they sit beside.

const nsDQV = "http://www.w3.org/ns/dqv#"

// evidenceGraph parses base + "graph/bewijs/{NIS}/{YYYY-MM-DD}".
func evidenceGraph(g, base string) (string, time.Time, bool) {
	rest, ok := strings.CutPrefix(g, base+"graph/bewijs/")
	if !ok {
		return "", time.Time{}, false
	}
	nis, day, ok := strings.Cut(rest, "/")
	if !ok || len(nis) != 5 || strings.Trim(nis, "0123456789") != "" {
		return "", time.Time{}, false
	}
	date, err := time.Parse("2006-01-02", day)
	if err != nil {
		return "", time.Time{}, false
	}
	return nis, date, true
}

func (b *builder) addEvidence(g, nis string, date time.Time) error {
	o, err := b.org(nis)
	if err != nil {
		return err
	}
	day := date.Format("2006-01-02")
	nl, en := o.label.In("nl"), o.label.In("en")
	if nl == "" {
		nl, en = "organisatie "+nis, "organisation "+nis
	}
	d := &Dataset{
		Kind: KindEvidence, Org: nis, Year: date.Year(), Graphs: []string{g}, org: o,
		Name:  "bewijs/" + nis + "/" + day,
		Thing: vocab.Evidence(b.cfg.Base, nis, day),
		Title: vocab.Text{"nl": fmt.Sprintf("Bewijs uit de open-data-catalogus van %s, %s", nl, day), "en": fmt.Sprintf("Evidence from the open data catalog of %s, %s", en, day)},
		Desc: vocab.Text{
			"nl": fmt.Sprintf("Het vijfsterrenniveau en de metadatakwaliteit (de MQA van data.europa.eu) van elke dataset in de open-data-catalogus van %s, gemeten op %s, als W3C DQV-metingen met hun bewijs: statuscodes, gevonden formaten, licenties. Naast de zelfevaluatie toont het wat de catalogus werkelijk laat zien.", nl, day),
			"en": fmt.Sprintf("The five-star level and metadata quality (data.europa.eu's MQA) of every dataset in the open data catalog of %s, measured on %s, as W3C DQV measurements with their evidence: status codes, formats found, licences. Beside the self-assessment it shows what the catalog really shows.", en, day),
		},
		Keywords: map[string][]string{
			"nl": {"open data", "vijf sterren", "metadatakwaliteit", "bewijs", nl},
			"en": {"open data", "five stars", "metadata quality", "evidence", en},
		},
	}
	d.IRI = vocab.Dataset(b.cfg.Base, "bewijs", nis, day)
	return b.add(d)
}

// measurementsCSV writes one row per DQV measurement of an evidence
// graph: what was measured, the metric, the value.
func measurementsCSV(g quadIndex, cw *sheet.Writer) error {
	if err := cw.Write([]string{"gemeten", "metriek", "waarde", "meting"}); err != nil {
		return err
	}
	var rows [][]string
	for _, m := range g.subjs(rdfType, rdf.IRI(nsDQV+"QualityMeasurement")) {
		on, metric, value := g.objs(m, nsDQV+"computedOn"), g.objs(m, nsDQV+"isMeasurementOf"), g.objs(m, nsDQV+"value")
		if len(on) != 1 || len(metric) != 1 || len(value) != 1 {
			continue
		}
		name := metric[0].Value[strings.LastIndexAny(metric[0].Value, "/#")+1:]
		rows = append(rows, []string{on[0].Value, name, value[0].Value, m.Value})
	}
	sort.Slice(rows, func(i, j int) bool {
		for k := range 2 {
			if rows[i][k] != rows[j][k] {
				return rows[i][k] < rows[j][k]
			}
		}
		return rows[i][3] < rows[j][3]
	})
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	return nil
}
