package ldserver

import (
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

const (
	maxTableRows    = 500
	maxTableColumns = 10
)

// cubes finds the RDF Data Cube datasets a page should show as a score
// table: the subject itself when it is a qb:DataSet, else datasets it links
// to directly or through one intermediate resource of ours (an assessment
// → its current version → its cube).
func (pb *pageBuilder) cubes(subject uint64) ([]*table, map[uint64]bool, error) {
	rd := pb.rd
	typ, err := rd.iriID(rdf.RDFType)
	if err != nil {
		return nil, nil, err
	}
	dsClass, err := rd.iriID(qbDataSet)
	if err != nil || typ == 0 || dsClass == 0 {
		return nil, nil, err
	}
	isDS := func(id uint64) (bool, error) { return rd.exists(id, typ, dsClass, 0) }
	var sets []uint64
	if ok, err := isDS(subject); err != nil {
		return nil, nil, err
	} else if ok {
		sets = append(sets, subject)
	}
	if len(sets) == 0 {
		hop1, via, err := pb.ourObjects(subject)
		if err != nil {
			return nil, nil, err
		}
		var current []uint64
		for i, o := range hop1 {
			if ok, err := isDS(o); err != nil {
				return nil, nil, err
			} else if ok {
				sets = append(sets, o)
				if isCurrentProp(via[i]) {
					current = append(current, o)
				}
			}
		}
		if len(current) > 0 {
			// An assessment links all its versions; the page shows the
			// one its current-version link names, the others are a click away.
			sets = current
		}
		for i := 0; len(sets) == 0 && i < len(hop1) && i < 20; i++ {
			hop2, _, err := pb.ourObjects(hop1[i])
			if err != nil {
				return nil, nil, err
			}
			for _, o := range hop2 {
				if ok, err := isDS(o); err != nil {
					return nil, nil, err
				} else if ok && o != subject {
					sets = append(sets, o)
				}
			}
		}
	}
	seen := map[uint64]bool{}
	var tables []*table
	dsProp, err := rd.iriID(qbDataSetP)
	if err != nil {
		return nil, nil, err
	}
	for _, ds := range sets {
		if seen[ds] || len(tables) >= 3 {
			continue
		}
		seen[ds] = true
		obs, err := rd.subjects(dsProp, ds, maxTableRows)
		if err != nil {
			return nil, nil, err
		}
		if len(obs) == 0 {
			continue
		}
		order, err := pb.components(ds)
		if err != nil {
			return nil, nil, err
		}
		t, err := pb.table(obs, map[string]bool{qbDataSetP: true}, order)
		if err != nil {
			return nil, nil, err
		}
		dst, err := rd.term(ds)
		if err != nil {
			return nil, nil, err
		}
		name, err := pb.label(dst)
		if err != nil {
			return nil, nil, err
		}
		t.Title = i18n.T(pb.dr.lang, "observations") + ": " + name
		tables = append(tables, t)
	}
	return tables, seen, nil
}

// ourObjects returns the IRI objects of id in our namespace and the
// properties that link them.
func (pb *pageBuilder) ourObjects(id uint64) ([]uint64, []string, error) {
	qs, err := pb.subjectQuads(id)
	if err != nil {
		return nil, nil, err
	}
	var out []uint64
	var via []string
	for _, q := range qs {
		if q.P.Value == rdf.RDFType || !q.O.IsIRI() || !pb.s.base.Ours(q.O.Value) {
			continue
		}
		oid, err := pb.rd.id(q.O)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, oid)
		via = append(via, q.P.Value)
	}
	return out, via, nil
}

// isCurrentProp recognises properties that point to the current version
// (mat:currentVersion, …:latestVersion).
func isCurrentProp(p string) bool {
	l := strings.ToLower(localName(p))
	return strings.Contains(l, "current") || strings.Contains(l, "latest") || strings.Contains(l, "geldend")
}

// components returns the properties of a cube's structure in order:
// dimensions, measures, attributes (each by qb:order when given).
func (pb *pageBuilder) components(ds uint64) ([]string, error) {
	rd := pb.rd
	ids := map[string]uint64{}
	for _, iri := range []string{qbStructure, qbComponent, qbDimension, qbMeasure, qbAttribute, qbOrder} {
		id, err := rd.iriID(iri)
		if err != nil {
			return nil, err
		}
		ids[iri] = id
	}
	dsds, err := rd.objects(ds, ids[qbStructure])
	if err != nil || len(dsds) == 0 {
		return nil, err
	}
	type comp struct {
		prop  string
		kind  int
		order float64
	}
	var comps []comp
	for _, dsd := range dsds {
		cs, err := rd.objects(dsd, ids[qbComponent])
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			ord := 1e9
			if os, err := rd.objects(c, ids[qbOrder]); err != nil {
				return nil, err
			} else if len(os) > 0 {
				if t, err := rd.term(os[0]); err == nil {
					if f, err := strconv.ParseFloat(t.Value, 64); err == nil {
						ord = f
					}
				}
			}
			for kind, k := range []string{qbDimension, qbMeasure, qbAttribute} {
				ps, err := rd.objects(c, ids[k])
				if err != nil {
					return nil, err
				}
				for _, p := range ps {
					t, err := rd.term(p)
					if err != nil {
						return nil, err
					}
					comps = append(comps, comp{t.Value, kind, ord})
				}
			}
		}
	}
	sort.SliceStable(comps, func(i, j int) bool {
		if comps[i].kind != comps[j].kind {
			return comps[i].kind < comps[j].kind
		}
		return comps[i].order < comps[j].order
	})
	out := make([]string, len(comps))
	for i, c := range comps {
		out[i] = c.prop
	}
	return out, nil
}

// incomingTables renders the incoming links of the page's subject grouped
// by property and by the type of the linking resources, each group as a
// table of those resources.
func (pb *pageBuilder) incomingTables(d *description, cubeSets map[uint64]bool, shown map[string]bool) ([]*table, error) {
	main, err := pb.rd.term(d.subjects[0])
	if err != nil {
		return nil, err
	}
	isSubject := map[rdf.Term]bool{}
	for _, id := range d.subjects {
		t, _ := pb.rd.term(id)
		isSubject[t] = true
	}
	type group struct {
		pred, typ string
		ids       []uint64
	}
	groups := map[[2]string]*group{}
	var order []*group
	seen := map[[2]string]bool{}
	for _, q := range d.quads {
		if q.O != main || isSubject[q.S] {
			continue
		}
		if q.P.Value == qbDataSetP && cubeSets[d.subjects[0]] {
			continue
		}
		k := [2]string{q.P.Value, q.S.String()}
		if seen[k] {
			continue
		}
		seen[k] = true
		id, err := pb.rd.id(q.S)
		if err != nil {
			return nil, err
		}
		typ, err := pb.mainType(id)
		if err != nil {
			return nil, err
		}
		gk := [2]string{q.P.Value, typ}
		g := groups[gk]
		if g == nil {
			g = &group{pred: q.P.Value, typ: typ}
			groups[gk] = g
			order = append(order, g)
		}
		g.ids = append(g.ids, id)
	}
	var tables []*table
	for _, g := range order {
		if shown[idsKey(g.ids)] {
			continue
		}
		t, err := pb.table(g.ids, map[string]bool{g.pred: true}, nil)
		if err != nil {
			return nil, err
		}
		pl, err := pb.label(rdf.IRI(g.pred))
		if err != nil {
			return nil, err
		}
		t.Title = pl
		if g.typ != "" {
			tl, err := pb.label(rdf.IRI(g.typ))
			if err != nil {
				return nil, err
			}
			t.Title = tl + " — " + pl
		}
		tables = append(tables, t)
	}
	sort.SliceStable(tables, func(i, j int) bool { return strings.ToLower(tables[i].Title) < strings.ToLower(tables[j].Title) })
	return tables, nil
}

// linkTables renders, for each property of subject with several resources
// of ours as values (a domain's actions, an assessment's recommendations),
// a table of those resources. It records the sets it showed in shown.
func (pb *pageBuilder) linkTables(subject uint64, shown map[string]bool) ([]*table, error) {
	quads, err := pb.subjectQuads(subject)
	if err != nil {
		return nil, err
	}
	byPred := map[string][]uint64{}
	var preds []string
	for _, q := range quads {
		if q.P.Value == rdf.RDFType || !q.O.IsIRI() || !pb.s.base.Ours(q.O.Value) {
			continue
		}
		id, err := pb.rd.id(q.O)
		if err != nil {
			return nil, err
		}
		if _, ok := byPred[q.P.Value]; !ok {
			preds = append(preds, q.P.Value)
		}
		byPred[q.P.Value] = append(byPred[q.P.Value], id)
	}
	var tables []*table
	for _, p := range preds {
		ids := byPred[p]
		if len(ids) < 2 || shown[idsKey(ids)] {
			continue
		}
		shown[idsKey(ids)] = true
		t, err := pb.table(ids, nil, nil)
		if err != nil {
			return nil, err
		}
		if t.Title, err = pb.label(rdf.IRI(p)); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, nil
}

func idsKey(ids []uint64) string {
	s := append([]uint64(nil), ids...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	var b strings.Builder
	for _, id := range s {
		b.WriteString(strconv.FormatUint(id, 36))
		b.WriteByte(',')
	}
	return b.String()
}

// mainType picks the type that names a resource best: one of ours if it
// has one (mat:Domain rather than skos:Concept), else the first.
func (pb *pageBuilder) mainType(id uint64) (string, error) {
	quads, err := pb.subjectQuads(id)
	if err != nil {
		return "", err
	}
	best := ""
	for _, q := range quads {
		if q.P.Value != rdf.RDFType || !q.O.IsIRI() {
			continue
		}
		ours := pb.s.base.Ours(q.O.Value)
		if best == "" || (ours && !pb.s.base.Ours(best)) || (ours == pb.s.base.Ours(best) && q.O.Value < best) {
			best = q.O.Value
		}
	}
	return best, nil
}

// orderOf returns the resource's own position (mat:order, skos:notation,
// …) when it has a numeric one, so tables list domains in the model's order.
func (pb *pageBuilder) orderOf(t rdf.Term) (float64, bool, error) {
	id, err := pb.rd.id(t)
	if err != nil || id == 0 {
		return 0, false, err
	}
	quads, err := pb.subjectQuads(id)
	if err != nil {
		return 0, false, err
	}
	for _, q := range quads {
		if q.O.IsLiteral() && isOrderProp(q.P.Value) {
			if f, err := strconv.ParseFloat(q.O.Value, 64); err == nil {
				return f, true, nil
			}
		}
	}
	return 0, false, nil
}

// tableRow is one resource of a table: its link and its values by
// property, with the properties it marks as the study's words or our
// interpretation.
type tableRow struct {
	subj                  value
	cells                 map[string][]rdf.Term
	verbatim, interpreted map[string]bool
}

// table builds a row per resource and a column per property, in four
// steps: read the rows, order the columns, move the columns with one value
// in every row above the table, and render the cells.
func (pb *pageBuilder) table(ids []uint64, exclude map[string]bool, order []string) (*table, error) {
	if len(ids) > maxTableRows {
		ids = ids[:maxTableRows]
	}
	rows, cols, err := pb.tableRows(ids, exclude)
	if err != nil {
		return nil, err
	}
	rank := map[string]int{}
	for i, p := range order {
		rank[p] = i + 1
	}
	sort.SliceStable(cols, func(i, j int) bool {
		ri, rj := colRank(cols[i], rank), colRank(cols[j], rank)
		if ri != rj {
			return ri < rj
		}
		return cols[i] < cols[j]
	})
	t := &table{}
	keep, err := pb.fixedColumns(t, rows, cols)
	if err != nil {
		return nil, err
	}
	if len(keep) > maxTableColumns {
		keep = keep[:maxTableColumns]
	}
	if err := pb.tableCells(t, rows, keep); err != nil {
		return nil, err
	}
	sortRows(t, keep, rank)
	if len(t.Rows) == 1 && len(order) == 0 {
		// One resource: its link says enough; its page has the details.
		t.Columns, t.Fixed = nil, nil
		t.Rows[0] = t.Rows[0][:1]
	}
	return t, nil
}

// tableRows reads the resources' values by property, leaving out the
// excluded properties, the labels and the study-text and interpretation
// marks (they become badges; the long notes on an interpretation stay on
// each resource's own page). cols are the properties in the order met.
func (pb *pageBuilder) tableRows(ids []uint64, exclude map[string]bool) ([]tableRow, []string, error) {
	rows := make([]tableRow, 0, len(ids))
	colSeen := map[string]bool{}
	var cols []string
	skip := map[string]bool{vocab.Mat("verbatimProperty"): true, vocab.Mat("interpretedProperty"): true, vocab.Mat("interpretation"): true}
	for _, p := range labelPreds {
		skip[p] = true
	}
	for _, id := range ids {
		t, err := pb.rd.term(id)
		if err != nil {
			return nil, nil, err
		}
		quads, err := pb.subjectQuads(id)
		if err != nil {
			return nil, nil, err
		}
		for _, q := range quads {
			pb.bySubj[t] = appendOnce(pb.bySubj[t], q)
		}
		sv, err := pb.value(t, 0)
		if err != nil {
			return nil, nil, err
		}
		r := tableRow{subj: sv, cells: map[string][]rdf.Term{}}
		r.verbatim, r.interpreted = basisOf(quads)
		for _, q := range quads {
			if exclude[q.P.Value] || skip[q.P.Value] {
				continue
			}
			if !colSeen[q.P.Value] {
				colSeen[q.P.Value] = true
				cols = append(cols, q.P.Value)
			}
			r.cells[q.P.Value] = append(r.cells[q.P.Value], q.O)
		}
		rows = append(rows, r)
	}
	return rows, cols, nil
}

// fixedColumns moves each column with the same value in every row
// (organisation, year, type), which says something about the whole table,
// into t.Fixed, shown once above it, and returns the other columns.
func (pb *pageBuilder) fixedColumns(t *table, rows []tableRow, cols []string) ([]string, error) {
	var keep []string
	for _, c := range cols {
		same := len(rows) > 1
		first := ""
		for i, r := range rows {
			k := termsKey(r.cells[c])
			if i == 0 {
				first = k
			} else if k != first {
				same = false
				break
			}
		}
		if !same || first == "" {
			keep = append(keep, c)
			continue
		}
		vals, err := pb.values(rows[0].cells[c])
		if err != nil {
			return nil, err
		}
		pv, err := pb.value(rdf.IRI(c), 0)
		if err != nil {
			return nil, err
		}
		pr := propRow{Pred: pv, Values: pb.markValues(vals, rows[0].cells[c], rows[0].verbatim[c])}
		if rows[0].interpreted[c] {
			pr.Basis = pb.mark(false, true, "")
		}
		t.Fixed = append(t.Fixed, pr)
	}
	return keep, nil
}

// tableCells renders the column headers and one row of cells per
// resource.
func (pb *pageBuilder) tableCells(t *table, rows []tableRow, keep []string) error {
	for _, c := range keep {
		pv, err := pb.value(rdf.IRI(c), 0)
		if err != nil {
			return err
		}
		// A column every row marks as our interpretation says so once, in
		// its header.
		all, some := true, false
		for _, r := range rows {
			if len(r.cells[c]) > 0 {
				some = true
				all = all && r.interpreted[c]
			}
		}
		if some && all {
			pv.Basis = pb.mark(false, true, "")
		}
		t.Columns = append(t.Columns, pv)
	}
	// Rows without a label of their own (observations) would show their
	// whole IRI: the last path segment is link enough.
	unnamed := true
	for _, r := range rows {
		unnamed = unnamed && r.subj.Href != "" && r.subj.Text == pb.s.shorten(r.subj.IRI)
	}
	for _, r := range rows {
		if unnamed {
			r.subj.Text = lastSegment(r.subj.IRI)
		}
		cells := [][]value{{r.subj}}
		for _, c := range keep {
			vals, err := pb.values(r.cells[c])
			if err != nil {
				return err
			}
			cells = append(cells, pb.markValues(vals, r.cells[c], r.verbatim[c]))
		}
		t.Rows = append(t.Rows, cells)
	}
	return nil
}

// appendOnce appends q unless qs holds it.
func appendOnce(qs []rdf.Quad, q rdf.Quad) []rdf.Quad {
	q.G = rdf.Term{}
	for _, x := range qs {
		x.G = rdf.Term{}
		if x == q {
			return qs
		}
	}
	return append(qs, q)
}

// values renders terms in the page's language, sorted.
// markValues badges the literal values of a verbatim property as the
// study's words (Dutch) or our translation (other languages).
func (pb *pageBuilder) markValues(vals []value, ts []rdf.Term, verbatim bool) []value {
	if !verbatim {
		return vals
	}
	for i := range vals {
		if vals[i].Href == "" && vals[i].Nested == nil {
			vals[i].Basis = pb.mark(true, false, vals[i].Lang)
		}
	}
	return vals
}

func (pb *pageBuilder) values(ts []rdf.Term) ([]value, error) {
	var out []value
	for _, t := range pb.inLang(ts) {
		v, err := pb.value(t, 1)
		if err != nil {
			return nil, err
		}
		if t.IsIRI() {
			if v.order, v.hasOrder, err = pb.orderOf(t); err != nil {
				return nil, err
			}
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool { return lessValue(out[i], out[j]) })
	return out, nil
}

func termsKey(ts []rdf.Term) string {
	ss := make([]string, len(ts))
	for i, t := range ts {
		ss[i] = t.String()
	}
	sort.Strings(ss)
	return strings.Join(ss, " ")
}

// colRank puts the cube's components first, then ordering properties
// (order, rank, notation), then the rest.
func colRank(p string, rank map[string]int) int {
	if r, ok := rank[p]; ok {
		return r
	}
	if isOrderProp(p) {
		return 1000
	}
	if p == rdf.RDFType {
		return 3000
	}
	return 2000
}

func isOrderProp(p string) bool {
	l := strings.ToLower(localName(p))
	return l == "order" || l == "rank" || l == "position" || l == "notation" || l == "volgorde" || l == "rang"
}

func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "#/"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// sortRows orders rows by the first ordering column (numerically), else by
// the cube's first dimensions, else by the row label.
func sortRows(t *table, cols []string, rank map[string]int) {
	key := -1
	for i, c := range cols {
		if isOrderProp(c) {
			key = i
			break
		}
	}
	if key < 0 {
		for i, c := range cols {
			if _, ok := rank[c]; ok {
				key = i
				break
			}
		}
	}
	if key < 0 && len(t.Rows) > 0 {
		// Else the first column of resources that have an order of their
		// own: observations follow the model's order of domains.
		for i := range cols {
			if c := t.Rows[0][i+1]; len(c) > 0 && c[0].hasOrder {
				key = i
				break
			}
		}
	}
	cellText := func(r [][]value, i int) value {
		if len(r[i]) == 0 {
			return value{}
		}
		return r[i][0]
	}
	sort.SliceStable(t.Rows, func(i, j int) bool {
		if key >= 0 {
			a, b := cellText(t.Rows[i], key+1), cellText(t.Rows[j], key+1)
			if a.Text != b.Text {
				return lessValue(a, b)
			}
		}
		return lessValue(cellText(t.Rows[i], 0), cellText(t.Rows[j], 0))
	})
}

func lastSegment(iri string) string {
	iri = strings.TrimRight(iri, "/")
	if i := strings.LastIndexAny(iri, "/#"); i >= 0 && i < len(iri)-1 {
		return iri[i+1:]
	}
	return iri
}
