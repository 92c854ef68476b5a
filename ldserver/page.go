package ldserver

import (
	"html/template"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/vocab"
)

// pageModel is what the HTML templates render. It is built from types and
// labels found in the data, not from our ontology's names, so another model
// renders as well.
type pageModel struct {
	Lang       string
	Title      string
	IRI        string
	Main       *resourceView
	Terms      []*resourceView // other subjects of a hash document (vocabulary terms)
	Tables     []*table        // cube observations and incoming links, as tables
	Alternates []htmlui.Alternate
	Page       int
	Prev, Next string
	Landing    *landingModel
	JSONLD     template.JS  // the page's JSON-LD, made safe for a <script> element
	Scores     []*scoreView // assessment cubes as charts and a table (scores.go)
	Links      []value      // the web app's views of the page's subject (scores.go)
	Tombstone  *tombstone   // a withdrawn resource (410): when and why
}

// resourceView is one described resource.
type resourceView struct {
	Anchor string
	Title  string
	IRI    string
	Types  []value
	Text   string
	// TextBasis marks Text as the study's words, our translation of them
	// or our interpretation (see basis).
	TextBasis *basisMark
	Props     []propRow
	Tables    []*table // repeated blank-node structures (VoID partitions), one row each
	// Interpretation is the resource's note on what in it is our reading
	// of the study (mat:interpretation), shown apart from the properties.
	Interpretation string
}

type propRow struct {
	Pred   value
	Values []value
	Basis  *basisMark // the whole row is our interpretation
}

// basisMark is a badge saying where a text comes from: the study's own
// words ("study"), our translation of them ("translation") or our reading
// of the study ("interpretation"). The data says which (mat:
// verbatimProperty, mat:interpretedProperty); the badge shows it.
type basisMark struct {
	Kind, Text string
}

// value is one rendered RDF term.
type value struct {
	Text     string
	Href     string // empty for literals
	IRI      string // full IRI, shown as a tooltip
	Lang     string
	Datatype string // short form, only for non-string literals
	Basis    *basisMark
	Nested   []propRow
	order    float64 // the linked resource's own order (mat:order, skos:notation), if hasOrder
	hasOrder bool
}

// table renders a group of similar resources (observations of a cube, the
// actions of a domain, …): a row per resource, a column per property.
type table struct {
	Title   string
	Note    string
	Fixed   []propRow // columns with one value in every row, shown once above
	Columns []value
	Rows    [][][]value
	More    string   // link to the next page of incoming links
	ds      uint64   // a cube's table: the cube
	obs     []uint64 // and its observations
}

type alternate struct {
	Name, MediaType, Href string
}

// pageBuilder gathers everything a page shows through the request's reader,
// so the graphs it reads count for the ETag.
type pageBuilder struct {
	s      *Server
	rd     *reader
	dr     docReq
	bySubj map[rdf.Term][]rdf.Quad
	props  map[uint64][]rdf.Quad
	labels map[rdf.Term]string
	lpreds []uint64
}

func (s *Server) newPageBuilder(rd *reader, dr docReq, quads []rdf.Quad) (*pageBuilder, error) {
	pb := &pageBuilder{s: s, rd: rd, dr: dr, bySubj: map[rdf.Term][]rdf.Quad{}, props: map[uint64][]rdf.Quad{}, labels: map[rdf.Term]string{}}
	for _, q := range quads {
		pb.bySubj[q.S] = append(pb.bySubj[q.S], q)
	}
	for _, p := range labelPreds {
		id, err := rd.iriID(p)
		if err != nil {
			return nil, err
		}
		if id != 0 {
			pb.lpreds = append(pb.lpreds, id)
		}
	}
	return pb, nil
}

// buildPage builds the HTML model of a description.
func (s *Server) buildPage(rd *reader, b *built, dr docReq) (*pageModel, error) {
	d := b.desc
	pb, err := s.newPageBuilder(rd, dr, d.quads)
	if err != nil {
		return nil, err
	}
	pm := &pageModel{Lang: dr.lang, IRI: b.iri, Page: dr.page}
	var views []*resourceView
	for _, id := range d.subjects {
		t, err := rd.term(id)
		if err != nil {
			return nil, err
		}
		rv, err := pb.view(t)
		if err != nil {
			return nil, err
		}
		views = append(views, rv)
	}
	pm.Main = views[0]
	if t, _ := rd.term(d.subjects[0]); t.Value != b.iri {
		// A hash namespace without a resource of its own: title it by the
		// document, list every term.
		pm.Main = &resourceView{Title: b.iri, IRI: b.iri}
		pm.Terms = views
	} else {
		pm.Terms = views[1:]
	}
	sort.SliceStable(pm.Terms, func(i, j int) bool {
		ti, tj := typeKey(pm.Terms[i]), typeKey(pm.Terms[j])
		if ti != tj {
			return ti < tj
		}
		return strings.ToLower(pm.Terms[i].Title) < strings.ToLower(pm.Terms[j].Title)
	})
	pm.Title = pm.Main.Title
	cubeTables, cubeSets, err := pb.cubes(d.subjects[0])
	if err != nil {
		return nil, err
	}
	for _, t := range cubeTables {
		sv, err := pb.scoreView(t.ds, t.obs)
		if err != nil {
			return nil, err
		}
		if sv != nil {
			pm.Scores = append(pm.Scores, sv)
			pm.Links = append(pm.Links, sv.Links...)
			continue
		}
		pm.Tables = append(pm.Tables, t)
	}
	if pm.Links == nil {
		if pm.Links, err = pb.orgLinks(d.subjects[0], b.iri); err != nil {
			return nil, err
		}
	}
	shown := map[string]bool{}
	linkSubjects := []uint64{d.subjects[0]}
	for ds := range cubeSets {
		if ds != d.subjects[0] {
			linkSubjects = append(linkSubjects, ds)
		}
	}
	sort.Slice(linkSubjects[1:], func(i, j int) bool { return linkSubjects[1+i] < linkSubjects[1+j] })
	for _, ls := range linkSubjects {
		lt, err := pb.linkTables(ls, shown)
		if err != nil {
			return nil, err
		}
		pm.Tables = append(pm.Tables, lt...)
	}
	incoming, err := pb.incomingTables(d, cubeSets, shown)
	if err != nil {
		return nil, err
	}
	pm.Tables = append(pm.Tables, incoming...)
	pm.Alternates = alternates(func(o httpx.Rep) string { return s.docURLOf(dr, o, dr.page) })
	if d.hasNext {
		pm.Next = s.docURLOf(dr, httpx.RepHTML, dr.page+1)
	}
	if dr.page > 1 {
		pm.Prev = s.docURLOf(dr, httpx.RepHTML, dr.page-1)
	}
	return pm, nil
}

func typeKey(rv *resourceView) string {
	if len(rv.Types) == 0 {
		return "\xff"
	}
	return rv.Types[0].Text
}

// view renders one resource: title, types, prose and property rows.
func (pb *pageBuilder) view(t rdf.Term) (*resourceView, error) {
	quads := pb.bySubj[t]
	rv := &resourceView{IRI: t.Value}
	if _, frag, ok := strings.Cut(t.Value, "#"); ok {
		rv.Anchor = frag
	}
	title, err := pb.label(t)
	if err != nil {
		return nil, err
	}
	rv.Title = title
	skip := map[string]bool{rdf.RDFType: true}
	for _, p := range labelPreds {
		skip[p] = true
	}
	verbatim, interpreted := basisOf(quads)
	for _, p := range textPreds {
		if txt, lang := pb.pickLiteralLang(quads, p); txt != "" {
			rv.Text = txt
			rv.TextBasis = pb.mark(verbatim[p], interpreted[p], lang)
			skip[p] = true
			break
		}
	}
	if txt := pb.pickLiteral(quads, vocab.Mat("interpretation")); txt != "" {
		rv.Interpretation = txt
		skip[vocab.Mat("interpretation")] = true
	}
	for _, q := range quads {
		if q.P.Value == rdf.RDFType {
			v, err := pb.value(q.O, 0)
			if err != nil {
				return nil, err
			}
			dup := false
			for _, x := range rv.Types {
				dup = dup || x.Text == v.Text
			}
			if !dup { // org:Organization and foaf:Organization read the same
				rv.Types = append(rv.Types, v)
			}
		}
	}
	// A property with many blank-node values of one shape (VoID's class
	// and property partitions) reads better as a table than as nested lists.
	blanks := map[string][]rdf.Term{}
	var bpreds []string
	for _, q := range quads {
		if q.O.IsBlank() && !skip[q.P.Value] {
			if _, ok := blanks[q.P.Value]; !ok {
				bpreds = append(bpreds, q.P.Value)
			}
			blanks[q.P.Value] = append(blanks[q.P.Value], q.O)
		}
	}
	for _, p := range bpreds {
		if len(blanks[p]) < 3 {
			continue
		}
		t, err := pb.blankTable(p, blanks[p])
		if err != nil {
			return nil, err
		}
		rv.Tables = append(rv.Tables, t)
		skip[p] = true
	}
	rows, err := pb.rows(quads, skip, 0)
	if err != nil {
		return nil, err
	}
	rv.Props = rows
	return rv, nil
}

// blankTable renders blank nodes as rows: the first column holds their
// first IRI-valued property (void:class), the others the rest.
func (pb *pageBuilder) blankTable(pred string, nodes []rdf.Term) (*table, error) {
	title, err := pb.label(rdf.IRI(pred))
	if err != nil {
		return nil, err
	}
	t := &table{Title: title}
	var cols []string
	seen := map[string]bool{}
	key := ""
	for _, n := range nodes {
		for _, q := range pb.bySubj[n] {
			if !seen[q.P.Value] {
				seen[q.P.Value] = true
				if key == "" && q.O.IsIRI() {
					key = q.P.Value
					continue
				}
				cols = append(cols, q.P.Value)
			}
		}
	}
	if key == "" && len(cols) > 0 {
		key, cols = cols[0], cols[1:]
	}
	sort.Strings(cols)
	for _, c := range cols {
		v, err := pb.value(rdf.IRI(c), 0)
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, v)
	}
	for _, n := range nodes {
		cells := make([][]value, 0, len(cols)+1)
		for _, c := range append([]string{key}, cols...) {
			var ts []rdf.Term
			for _, q := range pb.bySubj[n] {
				if q.P.Value == c {
					ts = append(ts, q.O)
				}
			}
			vals, err := pb.values(ts)
			if err != nil {
				return nil, err
			}
			cells = append(cells, vals)
		}
		t.Rows = append(t.Rows, cells)
	}
	sort.SliceStable(t.Rows, func(i, j int) bool {
		return strings.ToLower(firstText(t.Rows[i][0])) < strings.ToLower(firstText(t.Rows[j][0]))
	})
	return t, nil
}

// basisOf reads which properties of a subject its quads mark as the
// study's verbatim text and which as our interpretation.
func basisOf(quads []rdf.Quad) (verbatim, interpreted map[string]bool) {
	verbatim, interpreted = map[string]bool{}, map[string]bool{}
	for _, q := range quads {
		switch q.P.Value {
		case vocab.Mat("verbatimProperty"):
			verbatim[q.O.Value] = true
		case vocab.Mat("interpretedProperty"):
			interpreted[q.O.Value] = true
		}
	}
	return verbatim, interpreted
}

// mark returns the badge of a value: a verbatim property's Dutch value is
// study text, its other values our translation; an interpreted property's
// values are our interpretation.
func (pb *pageBuilder) mark(verbatim, interpreted bool, lang string) *basisMark {
	switch {
	case verbatim && primaryLang(lang) == "nl":
		return &basisMark{Kind: "study", Text: i18n.T(pb.dr.lang, "studyText")}
	case verbatim:
		return &basisMark{Kind: "translation", Text: i18n.T(pb.dr.lang, "translation")}
	case interpreted:
		return &basisMark{Kind: "interpretation", Text: i18n.T(pb.dr.lang, "interpretation")}
	}
	return nil
}

// rows groups quads of one subject by predicate, keeping for each
// predicate the literals in the page's language when it has them. Values
// the data marks as the study's words or our interpretation get a badge;
// the marks themselves are not listed.
func (pb *pageBuilder) rows(quads []rdf.Quad, skip map[string]bool, depth int) ([]propRow, error) {
	byPred := map[string][]rdf.Term{}
	var preds []string
	verbatim, interpreted := basisOf(quads)
	for _, q := range quads {
		if skip[q.P.Value] || q.P.Value == vocab.Mat("verbatimProperty") || q.P.Value == vocab.Mat("interpretedProperty") {
			continue
		}
		if _, ok := byPred[q.P.Value]; !ok {
			preds = append(preds, q.P.Value)
		}
		byPred[q.P.Value] = append(byPred[q.P.Value], q.O)
	}
	var rows []propRow
	for _, p := range preds {
		pv, err := pb.value(rdf.IRI(p), depth)
		if err != nil {
			return nil, err
		}
		row := propRow{Pred: pv}
		if interpreted[p] {
			row.Basis = pb.mark(false, true, "")
		}
		for _, o := range pb.inLang(byPred[p]) {
			v, err := pb.value(o, depth)
			if err != nil {
				return nil, err
			}
			if verbatim[p] && o.IsLiteral() {
				v.Basis = pb.mark(true, false, o.Lang)
			}
			row.Values = append(row.Values, v)
		}
		sort.SliceStable(row.Values, func(i, j int) bool { return lessValue(row.Values[i], row.Values[j]) })
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool { return strings.ToLower(rows[i].Pred.Text) < strings.ToLower(rows[j].Pred.Text) })
	return rows, nil
}

// lessValue orders values numerically when both are numbers, and texts
// with numbers in them by those numbers ("Aanbeveling 9" before
// "Aanbeveling 10").
func lessValue(a, b value) bool {
	if a.hasOrder && b.hasOrder && a.order != b.order {
		return a.order < b.order
	}
	fa, ea := strconv.ParseFloat(strings.Replace(a.Text, ",", ".", 1), 64)
	fb, eb := strconv.ParseFloat(strings.Replace(b.Text, ",", ".", 1), 64)
	if ea == nil && eb == nil {
		return fa < fb
	}
	return naturalLess(strings.ToLower(a.Text), strings.ToLower(b.Text))
}

// naturalLess compares texts as people sort them: runs of digits by their
// value, the rest byte by byte.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

// digits is the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// inLang keeps, among language-tagged literals, those in the page's
// language, if there are any; other terms always stay.
func (pb *pageBuilder) inLang(ts []rdf.Term) []rdf.Term {
	has := false
	for _, t := range ts {
		if t.IsLiteral() && strings.EqualFold(primaryLang(t.Lang), pb.dr.lang) {
			has = true
			break
		}
	}
	if !has {
		return ts
	}
	out := ts[:0:0]
	for _, t := range ts {
		if !t.IsLiteral() || t.Lang == "" || strings.EqualFold(primaryLang(t.Lang), pb.dr.lang) {
			out = append(out, t)
		}
	}
	return out
}

func primaryLang(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return p
}

// pickLiteral returns the value of p among quads in the page's language,
// else an untagged one, else any.
func (pb *pageBuilder) pickLiteral(quads []rdf.Quad, p string) string {
	v, _ := pb.pickLiteralLang(quads, p)
	return v
}

// pickLiteralLang is pickLiteral that also returns the value's language.
func (pb *pageBuilder) pickLiteralLang(quads []rdf.Quad, p string) (string, string) {
	best, lang, rank := "", "", 0
	for _, q := range quads {
		if q.P.Value != p || !q.O.IsLiteral() {
			continue
		}
		r := 1
		switch {
		case strings.EqualFold(primaryLang(q.O.Lang), pb.dr.lang):
			r = 3
		case q.O.Lang == "":
			r = 2
		}
		if r > rank || (r == rank && q.O.Value < best) {
			best, lang, rank = q.O.Value, q.O.Lang, r
		}
	}
	return best, lang
}

// label names t in the page's language: from the description, else from
// the dataset, else a prefixed name or the IRI's last segment.
func (pb *pageBuilder) label(t rdf.Term) (string, error) {
	if l, ok := pb.labels[t]; ok {
		return l, nil
	}
	quads, ok := pb.bySubj[t]
	if !ok && t.IsIRI() {
		id, err := pb.rd.id(t)
		if err != nil {
			return "", err
		}
		if id != 0 {
			for _, p := range pb.lpreds {
				pt, err := pb.rd.term(p)
				if err != nil {
					return "", err
				}
				if err := pb.rd.match(id, p, 0, 0, func(q [4]uint64) bool {
					pb.rd.use(q)
					o, err := pb.rd.term(q[2])
					if err == nil {
						quads = append(quads, rdf.Quad{S: t, P: pt, O: o})
					}
					return true
				}); err != nil {
					return "", err
				}
			}
		}
	}
	l := ""
	for _, p := range labelPreds {
		if l = pb.pickLiteral(quads, p); l != "" {
			break
		}
	}
	if l == "" && t.IsIRI() {
		l, _ = stdLabel(t.Value, pb.dr.lang)
	}
	if l == "" {
		l = pb.s.shorten(t.Value)
	}
	pb.labels[t] = l
	return l, nil
}

// value renders a term: IRIs as labelled links, blank nodes nested (a
// few levels), literals with their language and datatype.
func (pb *pageBuilder) value(t rdf.Term, depth int) (value, error) {
	switch t.Kind {
	case rdf.KindIRI:
		l, err := pb.label(t)
		if err != nil {
			return value{}, err
		}
		return value{Text: l, Href: pb.href(t.Value), IRI: t.Value}, nil
	case rdf.KindBlank:
		v := value{Text: "…"}
		if depth < 3 {
			rows, err := pb.rows(pb.bySubj[t], nil, depth+1)
			if err != nil {
				return value{}, err
			}
			v.Nested = rows
		}
		return v, nil
	}
	v := value{Text: t.Value, Lang: t.Lang}
	switch t.Datatype {
	case rdf.XSDString, rdf.RDFLangString, "":
	case rdf.XSDDecimal, rdf.XSDDouble, rdf.XSDFloat:
		if pb.dr.lang == "nl" {
			v.Text = strings.Replace(t.Value, ".", ",", 1)
		}
	case rdf.XSDInteger, rdf.XSDGYear, rdf.XSDDate, rdf.XSDDateTime, rdf.XSDBoolean:
	case rdf.XSDAnyURI:
		v.Href = t.Value
	default:
		v.Datatype = pb.s.shorten(t.Datatype)
	}
	return v, nil
}

// href is where a link to iri points: our things straight to their
// document (saving the 303), with ?lang= carried on when it was chosen.
func (pb *pageBuilder) href(iri string) string {
	doc, ok := pb.s.base.DocURL(iri)
	if !ok {
		return iri
	}
	frag := ""
	if _, f, ok := strings.Cut(iri, "#"); ok {
		frag = "#" + f
	}
	if pb.dr.langParam {
		doc += "?lang=" + pb.dr.lang
	}
	return doc + frag
}

// shorten writes an IRI as a prefixed name when a prefix fits, else keeps
// its last segment readable.
func (s *Server) shorten(iri string) string {
	best := -1
	for i, p := range s.cfg.Prefixes {
		if strings.HasPrefix(iri, p.IRI) && len(iri) > len(p.IRI) && (best < 0 || len(p.IRI) > len(s.cfg.Prefixes[best].IRI)) {
			best = i
		}
	}
	if best >= 0 {
		return s.cfg.Prefixes[best].Name + ":" + iri[len(s.cfg.Prefixes[best].IRI):]
	}
	if rest, ok := s.base.Local(iri); ok && rest != "" {
		return rest
	}
	for _, n := range s.base.Mirror.Namespaces() {
		if rest, ok := strings.CutPrefix(iri, n.Shared); ok && strings.HasPrefix(iri, n.IRI) && rest != "" {
			return rest
		}
	}
	return iri
}

// subjectQuads returns the quads of a subject id, memoised.
func (pb *pageBuilder) subjectQuads(id uint64) ([]rdf.Quad, error) {
	if qs, ok := pb.props[id]; ok {
		return qs, nil
	}
	var out []rdf.Quad
	var ferr error
	err := pb.rd.match(id, 0, 0, 0, func(q [4]uint64) bool {
		pb.rd.use(q)
		quad, err := pb.rd.quad(q)
		if err != nil {
			ferr = err
			return false
		}
		out = append(out, quad)
		return true
	})
	if err == nil {
		err = ferr
	}
	pb.props[id] = out
	return out, err
}
