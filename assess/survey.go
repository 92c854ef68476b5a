package assess

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/mappings/rml"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// DefaultThreshold is the smallest respondent group whose figures are
// published. Staff named privacy as the top risk of open data.
const DefaultThreshold = 5

// Responses are the answers of one survey, held in memory only: they are
// aggregated and then dropped, never stored or published.
type Responses struct {
	file string
	list []response
}

type response struct {
	row     int            // line in the CSV file
	profile string         // profile IRI
	answers map[string]int // item IRI → 1..5
}

// Len returns the number of respondents.
func (r *Responses) Len() int { return len(r.list) }

// PerProfile returns the number of respondents of each profile (by IRI).
// It is for the private preview of an upload: published figures follow
// the small-group rule (AggregateSurvey).
func (r *Responses) PerProfile() map[string]int {
	n := map[string]int{}
	for _, x := range r.list {
		n[x.profile]++
	}
	return n
}

const rmlNS = "http://w3id.org/rml/"

// surveyMapping is what ReadSurvey needs to know about a survey mapping
// document to validate a CSV before running it: which column feeds the
// profile and which column feeds which item.
type surveyMapping struct {
	profileColumns []string
	profileTpl     string
	itemColumn     map[string]string // item IRI → column
}

var templateVar = regexp.MustCompile(`\{([^{}]+)\}`)

// inspectMapping reads the mapping document as RDF and finds its
// predicate-object maps for mat:respondentGroup and for the model's items.
func inspectMapping(base string, doc []byte, name string, model *vocab.Model) (*surveyMapping, error) {
	var qs []rdf.Quad
	err := rdfio.Parse(bytes.NewReader(doc), rdfio.Turtle, rdfio.ParseOptions{Base: base, File: name},
		func(q rdf.Quad) error { qs = append(qs, q); return nil })
	if err != nil {
		return nil, fmt.Errorf("assess: mapping %s: %w", name, err)
	}
	obj := map[rdf.Term]map[string][]rdf.Term{}
	for _, q := range qs {
		if obj[q.S] == nil {
			obj[q.S] = map[string][]rdf.Term{}
		}
		obj[q.S][q.P.Value] = append(obj[q.S][q.P.Value], q.O)
	}
	items := map[string]bool{}
	for _, it := range model.Items {
		items[it.IRI] = true
	}
	sm := &surveyMapping{itemColumn: map[string]string{}}
	group := vocab.Mat("respondentGroup")
	for _, q := range qs {
		if q.P.Value != rmlNS+"predicateObjectMap" {
			continue
		}
		pom := obj[q.O]
		for _, p := range pom[rmlNS+"predicate"] {
			for _, om := range pom[rmlNS+"objectMap"] {
				ref, tpl := first(obj[om][rmlNS+"reference"]), first(obj[om][rmlNS+"template"])
				switch {
				case p.Value == group && tpl != "":
					sm.profileTpl = tpl
					for _, m := range templateVar.FindAllStringSubmatch(tpl, -1) {
						sm.profileColumns = append(sm.profileColumns, m[1])
					}
				case items[p.Value] && ref != "":
					sm.itemColumn[p.Value] = ref
				}
			}
		}
	}
	if sm.profileTpl == "" {
		return nil, fmt.Errorf("assess: mapping %s has no rml:template for mat:respondentGroup", name)
	}
	if len(sm.itemColumn) == 0 {
		return nil, fmt.Errorf("assess: mapping %s maps no survey item of the model", name)
	}
	return sm, nil
}

func first(ts []rdf.Term) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].Value
}

// expand fills a template with a row's values and resolves it against
// base, as the RML engine will; "" when the result is no valid IRI.
func expand(base, tpl string, value func(col string) string) string {
	s := templateVar.ReplaceAllStringFunc(tpl, func(m string) string { return url.PathEscape(value(m[1 : len(m)-1])) })
	if rdf.IsAbsoluteIRI(s) {
		return s
	}
	abs, err := rdf.ResolveIRI(base, s)
	if err != nil {
		return ""
	}
	return abs
}

// ReadSurvey validates a staff survey export and maps it to responses
// through an RML mapping: mapping is the mapping document (nil: the shipped
// mappings/rml/bevraging.ttl). Every row must name a known profile and
// every answer be empty or a whole number from 1 to 5; the first problem is
// a *CSVError naming row and column, and then nothing is returned.
func ReadSurvey(ctx context.Context, base string, model *vocab.Model, r io.Reader, file string, mapping io.Reader, mappingName string) (*Responses, error) {
	if mapping == nil {
		f, err := shippedMapping(rml.Survey)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		mapping, mappingName = f, rml.Survey
	}
	doc, err := io.ReadAll(mapping)
	if err != nil {
		return nil, fmt.Errorf("assess: read mapping %s: %w", mappingName, err)
	}
	sm, err := inspectMapping(base, doc, mappingName, model)
	if err != nil {
		return nil, err
	}
	t, err := readTable(r, file)
	if err != nil {
		return nil, err
	}
	if err := t.require(sm.profileColumns...); err != nil {
		return nil, err
	}
	cols := make([]string, 0, len(sm.itemColumn))
	for _, c := range sm.itemColumn {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	if err := t.require(cols...); err != nil {
		return nil, err
	}
	var known []string
	for _, p := range model.Profiles {
		known = append(known, p.Slug)
	}
	sort.Strings(known)
	for i := range t.rows {
		prof := expand(base, sm.profileTpl, func(c string) string { return t.cell(i, c) })
		if _, ok := model.Profiles[prof]; !ok {
			col := sm.profileColumns[0]
			v := t.cell(i, col)
			return nil, t.errAt(i, col,
				fmt.Sprintf("onbekend profiel %q; gebruik een van: %s", v, strings.Join(known, ", ")),
				fmt.Sprintf("unknown profile %q; use one of: %s", v, strings.Join(known, ", ")))
		}
		for _, c := range cols {
			v := t.cell(i, c)
			if v == "" {
				continue
			}
			if n, err := strconv.Atoi(v); err != nil || n < 1 || n > 5 {
				return nil, t.errAt(i, c,
					fmt.Sprintf("antwoord %q is geen geheel getal van 1 tot 5", v),
					fmt.Sprintf("answer %q is not a whole number from 1 to 5", v))
			}
		}
	}
	// The mapping reads the rows exactly as the city exported them, plus
	// the row number, so that a respondent can be named in errors.
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(append(append([]string{}, t.header...), "rij"))
	for i, row := range t.rows {
		_ = w.Write(append(append([]string{}, row...), strconv.Itoa(t.lines[i])))
	}
	w.Flush()
	mapped, err := runMapping(ctx, base, mappingName, bytes.NewReader(doc), anySource{buf.Bytes()}.open)
	if err != nil {
		return nil, err
	}
	return collectResponses(base, model, file, mapped)
}

// anySource serves the one survey file under whatever name the mapping
// gives its source, since a city's mapping may call it anything.
type anySource struct{ data []byte }

func (a anySource) open(string) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(a.data)), nil
}

const respondentPrefix = "urn:maturity:respondent:"

func collectResponses(base string, model *vocab.Model, file string, mapped []rdf.Quad) (*Responses, error) {
	items := map[string]bool{}
	for _, it := range model.Items {
		items[it.IRI] = true
	}
	group := vocab.Mat("respondentGroup")
	byRow := map[string]*response{}
	get := func(s string) (*response, error) {
		if r, ok := byRow[s]; ok {
			return r, nil
		}
		row, err := strconv.Atoi(strings.TrimPrefix(s, respondentPrefix))
		if err != nil || !strings.HasPrefix(s, respondentPrefix) {
			return nil, fmt.Errorf("assess: the survey mapping must name respondents %s{rij}, not %s", respondentPrefix, s)
		}
		r := &response{row: row, answers: map[string]int{}}
		byRow[s] = r
		return r, nil
	}
	for _, q := range mapped {
		switch {
		case q.P.Value == group:
			r, err := get(q.S.Value)
			if err != nil {
				return nil, err
			}
			if _, ok := model.Profiles[q.O.Value]; !ok || (r.profile != "" && r.profile != q.O.Value) {
				return nil, &CSVError{File: file, Row: r.row, Msg: fmt.Sprintf("de mapping geeft profiel %s, dat niet in het model staat", q.O.Value),
					MsgEN: fmt.Sprintf("the mapping gives profile %s, which is not in the model", q.O.Value)}
			}
			r.profile = q.O.Value
		case items[q.P.Value]:
			if q.O.Value == "" {
				// An empty cell is an unanswered item; engines differ in
				// whether they emit it at all.
				continue
			}
			r, err := get(q.S.Value)
			if err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(q.O.Value)
			if err != nil || n < 1 || n > 5 {
				return nil, &CSVError{File: file, Row: r.row, Msg: fmt.Sprintf("antwoord %q op %s is geen geheel getal van 1 tot 5", q.O.Value, q.P.Value),
					MsgEN: fmt.Sprintf("answer %q to %s is not a whole number from 1 to 5", q.O.Value, q.P.Value)}
			}
			r.answers[q.P.Value] = n
		}
	}
	out := &Responses{file: file}
	for _, r := range byRow {
		if r.profile == "" {
			return nil, &CSVError{File: file, Row: r.row, Msg: "respondent zonder profiel", MsgEN: "respondent without a profile"}
		}
		out.list = append(out.list, *r)
	}
	sort.Slice(out.list, func(i, j int) bool { return out.list[i].row < out.list[j].row })
	return out, nil
}
