package dcat

import (
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// Withdrawn is a dataset withdrawn from the catalog (assess.Withdraw):
// it is no dcat:Dataset any more, and the catalog keeps a
// dcat:CatalogRecord of it with the ADMS change type "deleted", when and
// why. The DCAT-AP 2.1.1 profile leaves the records out: it allows a
// record only about a dcat:Dataset, which a withdrawn one is not.
type Withdrawn struct {
	Dataset    string // the dataset's IRI, id/dataset/evaluatie/{NIS}/{year}
	Record     string // the catalog record's IRI
	Withdrawal string // the withdrawal (a prov:Invalidation) in the data
	Graph      string // the graph that records it
	At         time.Time
	Title      vocab.Text
	Reason     string
	ReasonLang string
	org        *org // the publisher of what was withdrawn
}

// changeDeleted is the ADMS change type of a record whose dataset was
// removed from the catalog.
var changeDeleted = concept{iri: "http://purl.org/adms/changetype/deleted", scheme: "http://purl.org/adms/changetype/1.0",
	label: vocab.Text{"nl": "verwijderd", "en": "deleted"}}

// addWithdrawn reads the withdrawal in graph g, of organisation nis's
// assessment for year.
func (b *builder) addWithdrawn(g, nis string, year int) error {
	qs, err := b.r.graphQuads(g)
	if err != nil {
		return err
	}
	w := &Withdrawn{Graph: g, Withdrawal: vocab.Withdrawal(b.cfg.Base, nis, year),
		Dataset: vocab.Dataset(b.cfg.Base, "evaluatie", nis, strconv.Itoa(year)),
		Record:  b.cat.IRI + "#intrekking-" + nis + "-" + strconv.Itoa(year), Title: vocab.Text{}}
	for _, q := range qs {
		if q.S.Value != w.Withdrawal {
			continue
		}
		switch q.P.Value {
		case vocab.PROV + "atTime":
			w.At, _ = time.Parse(time.RFC3339, q.O.Value)
		case nsDCT + "description":
			w.Reason, w.ReasonLang = q.O.Value, q.O.Lang
		case vocab.RDFS + "label":
			w.Title[q.O.Lang] = q.O.Value
		}
	}
	if w.At.IsZero() {
		return nil // not a withdrawal this build knows
	}
	if w.org, err = b.org(nis); err != nil {
		return err
	}
	b.cat.Withdrawn = append(b.cat.Withdrawn, w)
	return nil
}

// withdrawalGraph parses graph/intrekking/evaluatie/{NIS}/{year}.
func withdrawalGraph(g, base string) (string, int, bool) {
	return indexGraph(g, strings.TrimSuffix(base, "/")+"/graph/intrekking/evaluatie/")
}

// recordNode writes the record of a withdrawn dataset.
func (c *Catalog) recordNode(e *emitter, w *Withdrawn) {
	s := w.Record
	e.iri(c.IRI, nsDCAT+"record", s)
	e.iri(s, rdfType, nsDCAT+"CatalogRecord")
	e.lit(s, nsDCT+"identifier", rdf.Literal(s))
	e.text(s, nsDCT+"title", w.Title)
	e.iri(s, nsFOAF+"primaryTopic", w.Dataset)
	e.lit(s, nsDCT+"modified", dateTime(w.At))
	c.concept(e, s, "http://www.w3.org/ns/adms#status", changeDeleted)
	if w.Reason != "" {
		lang := w.ReasonLang
		if lang == "" {
			lang = "nl"
		}
		e.lit(s, nsDCT+"description", rdf.LangLiteral(w.Reason, lang))
	}
	e.iri(s, vocab.RDFS+"seeAlso", w.Withdrawal)
	// The dataset is no dcat:Dataset any more; what the record is about
	// is still a catalogued resource, with its publisher.
	e.iri(w.Dataset, rdfType, nsDCAT+"Resource")
	c.agent(e, w.Dataset, w.org)
}
