package dcat

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/internal/sheet"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// utf8BOM lets spreadsheet programs recognise the file as UTF-8, so that
// "efficiëntie" opens as written.
const utf8BOM = "\ufeff"

// column is one column of a cube's table.
type column struct {
	name  string // header: the component's name in the structure, in Dutch
	prop  string // the component property
	kind  int    // 0 dimension, 1 measure, 2 attribute
	order int
}

// writeCSV writes the flat table of a dataset: one row per observation of
// its Data Cube, or one row per action for the maturity model.
func (c *Catalog) writeCSV(r *reader, d *Dataset, quads []rdf.Quad, w io.Writer) error {
	g := indexQuads(quads)
	// Labels, explanations and evidence are free text a city typed: a
	// cell that a spreadsheet would run as a formula is written as text.
	cw := sheet.NewWriter(w)
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	var err error
	switch d.Kind {
	case KindModel:
		err = c.modelCSV(quads, cw)
	case KindEvidence:
		err = measurementsCSV(g, cw)
	default:
		err = c.cubeCSV(r, d, g, cw)
	}
	if err != nil {
		return fmt.Errorf("dcat: CSV of %s: %w", d.Name, err)
	}
	cw.Flush()
	return cw.Error()
}

// modelCSV lists the model's actions per domain.
func (c *Catalog) modelCSV(quads []rdf.Quad, cw *sheet.Writer) error {
	m, err := vocab.ReadModel(quads)
	if err != nil {
		return err
	}
	if err := cw.Write([]string{"domein_nr", "domein", "actie_nr", "actie", "beschrijving", "actie_iri"}); err != nil {
		return err
	}
	for _, dom := range m.Domains {
		for _, a := range dom.Actions {
			if err := cw.Write([]string{strconv.Itoa(dom.Order), dom.Label.In("nl"), strconv.Itoa(a.Order), a.Label.In("nl"), a.Description.In("nl"), a.IRI}); err != nil {
				return err
			}
		}
	}
	return nil
}

// cubeCSV writes one row per observation of d.Cube with a column per
// component of its structure: dimensions first (in their qb:order), then
// measures, then attributes. Resources are written by their Dutch label.
func (c *Catalog) cubeCSV(r *reader, d *Dataset, g quadIndex, cw *sheet.Writer) error {
	cube := rdf.IRI(d.Cube)
	var dsd rdf.Term
	if ts := g.objs(cube, qbNS+"structure"); len(ts) > 0 {
		dsd = ts[0]
	}
	if dsd.IsZero() {
		return fmt.Errorf("data set %s has no qb:structure", d.Cube)
	}
	cols, err := c.columns(r, dsd)
	if err != nil {
		return err
	}
	header := make([]string, len(cols))
	for i, col := range cols {
		header[i] = col.name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rows, err := cubeRows(r, g, g.subjs(qbNS+"dataSet", cube), cols)
	if err != nil {
		return err
	}
	sortCubeRows(r, rows)
	for _, rw := range rows {
		if err := cw.Write(rw.cells); err != nil {
			return err
		}
	}
	return nil
}

// cubeRow is one observation's row, with its dimension values (the first
// of each) as the key it is sorted by.
type cubeRow struct {
	key   []rdf.Term
	cells []string
}

// cubeRows makes the row of each observation in obs: a cell per column
// holds the component's values, by label, sorted and joined with " | ".
func cubeRows(r *reader, g quadIndex, obs []rdf.Term, cols []column) ([]cubeRow, error) {
	labels := cubeLabels{r: r, seen: map[rdf.Term]string{}}
	rows := make([]cubeRow, 0, len(obs))
	for _, o := range obs {
		rw := cubeRow{cells: make([]string, len(cols))}
		for i, col := range cols {
			vals := dutchOnly(g.objs(o, col.prop))
			sort.Slice(vals, func(a, b int) bool { return termLess(vals[a], vals[b]) })
			parts := make([]string, 0, len(vals))
			for _, v := range vals {
				l, err := labels.label(v)
				if err != nil {
					return nil, err
				}
				parts = append(parts, l)
			}
			rw.cells[i] = strings.Join(parts, " | ")
			if col.kind == 0 {
				var k rdf.Term
				if len(vals) > 0 {
					k = vals[0]
				}
				rw.key = append(rw.key, k)
			}
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

// cubeLabels writes resources by their Dutch skos:prefLabel, else their
// Dutch rdfs:label, else their IRI; literals by their value. Each
// resource's label is read once.
type cubeLabels struct {
	r    *reader
	seen map[rdf.Term]string
}

func (c *cubeLabels) label(t rdf.Term) (string, error) {
	if !t.IsIRI() {
		return t.Value, nil
	}
	if l, ok := c.seen[t]; ok {
		return l, nil
	}
	l := ""
	for _, p := range []string{nsSKOS + "prefLabel", nsRDFS + "label"} {
		txt, err := c.r.text(t, p)
		if err != nil {
			return "", err
		}
		if l = txt.In("nl"); l != "" {
			break
		}
	}
	if l == "" {
		l = t.Value
	}
	c.seen[t] = l
	return l, nil
}

// sortCubeRows puts rows in the model's order (mat:order of domains,
// groups, …) where the dimension values have one, else in the order of
// their IRIs, dimension by dimension.
func sortCubeRows(r *reader, rows []cubeRow) {
	orders := modelOrders{r: r, seen: map[rdf.Term]int{}}
	sort.SliceStable(rows, func(i, j int) bool {
		for k := range rows[i].key {
			a, b := rows[i].key[k], rows[j].key[k]
			if a == b {
				continue
			}
			oa, okA := orders.order(a)
			ob, okB := orders.order(b)
			if okA && okB && oa != ob {
				return oa < ob
			}
			return termLess(a, b)
		}
		return false
	})
}

// modelOrders reads the mat:order of resources, once each.
type modelOrders struct {
	r    *reader
	seen map[rdf.Term]int // -1: none
}

// order returns t's mat:order, if it is a resource with a non-negative one.
func (m *modelOrders) order(t rdf.Term) (int, bool) {
	if n, ok := m.seen[t]; ok {
		return n, n >= 0
	}
	n := -1
	if t.IsIRI() {
		if os, err := m.r.objects(t, vocab.Mat("order"), rdf.Term{}); err == nil && len(os) > 0 {
			if v, err := strconv.Atoi(os[0].Value); err == nil && v >= 0 {
				n = v
			}
		}
	}
	m.seen[t] = n
	return n, n >= 0
}

// columns reads the components of a data structure definition.
func (c *Catalog) columns(r *reader, dsd rdf.Term) ([]column, error) {
	specs, err := r.objects(dsd, qbNS+"component", rdf.Term{})
	if err != nil {
		return nil, err
	}
	var cols []column
	for _, spec := range specs {
		for kind, p := range []string{qbNS + "dimension", qbNS + "measure", qbNS + "attribute"} {
			props, err := r.objects(spec, p, rdf.Term{})
			if err != nil {
				return nil, err
			}
			for _, prop := range props {
				col := column{prop: prop.Value, kind: kind, order: 1 << 30}
				if ord, err := r.objects(spec, qbNS+"order", rdf.Term{}); err == nil && len(ord) > 0 {
					if n, err := strconv.Atoi(ord[0].Value); err == nil {
						col.order = n
					}
				} else if err != nil {
					return nil, err
				}
				col.name = localName(spec.Value)
				if col.name == "" || !strings.Contains(spec.Value, "#") {
					col.name = localName(prop.Value)
				}
				cols = append(cols, col)
			}
		}
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("structure %s has no components", dsd.Value)
	}
	sort.Slice(cols, func(i, j int) bool {
		a, b := cols[i], cols[j]
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.name < b.name
	})
	return cols, nil
}

const qbNS = vocab.QB

// dutchOnly keeps, of literals in several languages, the Dutch ones (a
// table cell holds one language); other values pass unchanged.
func dutchOnly(ts []rdf.Term) []rdf.Term {
	hasNL := false
	for _, t := range ts {
		hasNL = hasNL || t.Lang == "nl"
	}
	if !hasNL {
		return ts
	}
	out := ts[:0:0]
	for _, t := range ts {
		if t.Lang == "" || t.Lang == "nl" {
			out = append(out, t)
		}
	}
	return out
}

func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// quadIndex is a small subject/predicate index over a distribution's quads.
type quadIndex struct {
	sp map[rdf.Term]map[string][]rdf.Term
	po map[string]map[rdf.Term][]rdf.Term
}

func indexQuads(quads []rdf.Quad) quadIndex {
	ix := quadIndex{sp: map[rdf.Term]map[string][]rdf.Term{}, po: map[string]map[rdf.Term][]rdf.Term{}}
	for _, q := range quads {
		if ix.sp[q.S] == nil {
			ix.sp[q.S] = map[string][]rdf.Term{}
		}
		ix.sp[q.S][q.P.Value] = append(ix.sp[q.S][q.P.Value], q.O)
		if ix.po[q.P.Value] == nil {
			ix.po[q.P.Value] = map[rdf.Term][]rdf.Term{}
		}
		ix.po[q.P.Value][q.O] = append(ix.po[q.P.Value][q.O], q.S)
	}
	return ix
}

func (ix quadIndex) objs(s rdf.Term, p string) []rdf.Term {
	return append([]rdf.Term(nil), ix.sp[s][p]...)
}

func (ix quadIndex) subjs(p string, o rdf.Term) []rdf.Term { return ix.po[p][o] }
