package sparql_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/results"
)

// w3cSuite is one W3C test suite with the pass counts it must keep: the
// test fails when a change makes fewer tests pass. Raise a floor whenever
// the engine gets better.
type w3cSuite struct {
	name        string
	manifests   []string // relative to conformance/
	floorEval   int
	floorSyntax int
}

var w3cSuites = []w3cSuite{
	{name: "sparql11", manifests: []string{"sparql11/manifest-sparql11-query.ttl", "sparql11/csv-tsv-res/manifest.ttl", "sparql11/json-res/manifest.ttl"},
		floorEval: 235, floorSyntax: 103},
	{name: "sparql10", manifests: []string{"sparql10/manifest-evaluation.ttl", "sparql10/extended-manifest-evaluation.ttl", "sparql10/manifest-syntax.ttl"},
		floorEval: 282, floorSyntax: 199},
}

// outcome of one test.
type outcome int

const (
	pass        outcome = iota
	passByValue         // equal once numbers are canonical and language tags lower case
	fail
	skip
)

// tally counts outcomes per group (folder or test type).
type tally map[string]*[4]int

func (t tally) add(key string, o outcome) {
	if t[key] == nil {
		t[key] = &[4]int{}
	}
	t[key][o]++
}

// TestW3C runs the W3C SPARQL 1.0 and 1.1 query test suites: syntax tests
// through the parser, evaluation tests through Exec over eval.Memory with
// the W3C's own default-graph semantics (OwnDefaultGraph).
//
// Set SPARQL_W3C_REPORT to a file name to get every failure with details.
func TestW3C(t *testing.T) {
	root := testtool.Shared(t, "conformance")
	var report strings.Builder
	for _, s := range w3cSuites {
		t.Run(s.name, func(t *testing.T) {
			var tests []w3cTest
			for _, m := range s.manifests {
				ts, err := readManifest(s.name, filepath.Join(root, m))
				if err != nil {
					t.Fatal(err)
				}
				tests = append(tests, ts...)
			}
			folders, kinds := tally{}, tally{}
			evalPassed, syntaxPassed, failed, skipped := 0, 0, 0, 0
			for _, tc := range tests {
				o, detail := runW3C(tc)
				folders.add(tc.folder, o)
				kinds.add(tc.kind, o)
				switch {
				case o == skip:
					skipped++
				case o == fail:
					failed++
					fmt.Fprintf(&report, "=== %s/%s %s (%s)\nquery: %s\n%s\n\n", s.name, tc.folder, tc.name, tc.kind, tc.query, detail)
					t.Logf("FAIL %s/%s: %s", tc.folder, tc.name, firstLine(detail))
				case o == passByValue:
					evalPassed++
					fmt.Fprintf(&report, "=== %s/%s %s passed by value only\nquery: %s\n%s\n\n", s.name, tc.folder, tc.name, tc.query, detail)
				case isSyntax(tc.kind):
					syntaxPassed++
				default:
					evalPassed++
				}
			}
			logTally(t, "folder", folders)
			logTally(t, "type", kinds)
			t.Logf("%s: %d passed, %d failed, %d skipped", s.name, evalPassed+syntaxPassed, failed, skipped)
			if evalPassed < s.floorEval {
				t.Errorf("%s: %d evaluation tests passed, below the floor of %d", s.name, evalPassed, s.floorEval)
			}
			if syntaxPassed < s.floorSyntax {
				t.Errorf("%s: %d syntax tests passed, below the floor of %d", s.name, syntaxPassed, s.floorSyntax)
			}
		})
	}
	if path := os.Getenv("SPARQL_W3C_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(report.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func logTally(t *testing.T, what string, m tally) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := m[k]
		total := c[pass] + c[passByValue] + c[fail]
		extra := ""
		if c[passByValue] > 0 {
			extra += fmt.Sprintf(", %d of them by value", c[passByValue])
		}
		if c[skip] > 0 {
			extra += fmt.Sprintf(", %d skipped", c[skip])
		}
		t.Logf("  %s %-28s %3d/%3d%s", what, k, c[pass]+c[passByValue], total, extra)
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func isSyntax(kind string) bool { return strings.Contains(kind, "Syntax") }

// runW3C runs one test; a panic in the engine is a failure, not a crash of
// the whole suite.
func runW3C(tc w3cTest) (o outcome, detail string) {
	if reason, ok := w3cSkips[skipKey(tc)]; ok {
		return skip, reason
	}
	defer func() {
		if r := recover(); r != nil {
			o, detail = fail, fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	switch {
	case isSyntax(tc.kind):
		return runSyntax(tc)
	case tc.kind == "QueryEvaluationTest" || tc.kind == "CSVResultFormatTest":
		return runEval(tc)
	}
	return skip, "test type " + tc.kind + " is not a query test"
}

func skipKey(tc w3cTest) string {
	_, frag, _ := strings.Cut(tc.iri, "#")
	return tc.suite + "/" + tc.folder + "/" + frag
}

func readQuery(tc w3cTest) (string, error) {
	path, ok := localPath(tc.query)
	if !ok {
		return "", fmt.Errorf("query %s is not a file", tc.query)
	}
	b, err := os.ReadFile(path)
	return string(b), err
}

func runSyntax(tc w3cTest) (outcome, string) {
	text, err := readQuery(tc)
	if err != nil {
		return fail, err.Error()
	}
	_, err = sparql.Parse(text, sparql.ParseOptions{Base: tc.query})
	positive := strings.Contains(tc.kind, "Positive")
	switch {
	case positive && err != nil:
		return fail, fmt.Sprintf("valid query rejected: %v\n%s", err, text)
	case !positive && err == nil:
		return fail, "invalid query accepted\n" + text
	}
	return pass, ""
}

func runEval(tc w3cTest) (outcome, string) {
	text, err := readQuery(tc)
	if err != nil {
		return fail, err.Error()
	}
	q, err := sparql.Parse(text, sparql.ParseOptions{Base: tc.query})
	if err != nil {
		return fail, fmt.Sprintf("parse: %v\n%s", err, text)
	}
	ds, err := loadDataset(tc, q.Algebra())
	if err != nil {
		return fail, "load data: " + err.Error()
	}
	exp, err := readExpected(tc.result)
	if err != nil {
		return fail, "read expected result: " + err.Error()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := sparql.Exec(ctx, ds, q, sparql.ExecOptions{DefaultGraph: sparql.OwnDefaultGraph})
	if err != nil {
		return fail, fmt.Sprintf("exec: %v\n%s\nalgebra: %s", err, text, q)
	}
	defer res.Close()
	act := &results.Table{Vars: res.Vars()}
	var graph []rdf.Quad
	switch q.Form() {
	case algebra.Ask:
		b := res.Boolean()
		act.Boolean = &b
	case algebra.Select:
		for res.Next() {
			act.Rows = append(act.Rows, slices.Clone(res.Row()))
		}
	default:
		for res.Next() {
			graph = append(graph, res.Quad())
		}
	}
	if err := res.Err(); err != nil {
		return fail, fmt.Sprintf("exec: %v\n%s\nalgebra: %s", err, text, q)
	}
	return compareResult(exp, act, graph, q, text)
}

func compareResult(exp *expected, act *results.Table, graph []rdf.Quad, q *sparql.Query, text string) (outcome, string) {
	context := fmt.Sprintf("\n%s\nalgebra: %s", text, q)
	if exp.graph != nil || q.Form() == algebra.Construct || q.Form() == algebra.Describe {
		if rdf.Isomorphic(exp.graph, graph) {
			return pass, ""
		}
		if rdf.Isomorphic(canonicalQuads(exp.graph), canonicalQuads(graph)) {
			return passByValue, fmt.Sprintf("expected:\n%s\ngot:\n%s", quadsString(exp.graph), quadsString(graph))
		}
		return fail, fmt.Sprintf("graph differs: expected %d triples, got %d\nexpected:\n%s\ngot:\n%s%s",
			len(exp.graph), len(graph), quadsString(exp.graph), quadsString(graph), context)
	}
	if exp.table.Boolean != nil || act.Boolean != nil {
		if exp.table.Boolean != nil && act.Boolean != nil && *exp.table.Boolean == *act.Boolean {
			return pass, ""
		}
		return fail, fmt.Sprintf("boolean: expected %v, got %v%s", ptr(exp.table.Boolean), ptr(act.Boolean), context)
	}
	if exp.csv {
		conv, err := asCSV(act)
		if err != nil {
			return fail, "write result as CSV: " + err.Error()
		}
		act = conv
	}
	ordered, orderBy := orderOf(q.Algebra().Pattern)
	if sameRows(exp.table, act, ordered, orderBy, identity) {
		return pass, ""
	}
	if sameRows(exp.table, act, ordered, orderBy, canonical) {
		return passByValue, diffRows(exp.table, act)
	}
	return fail, diffRows(exp.table, act) + orderNote(ordered, orderBy) + context
}

func orderNote(ordered bool, by []string) string {
	if !ordered {
		return ""
	}
	return fmt.Sprintf("\n(order checked on %v)", by)
}

func ptr(b *bool) string {
	if b == nil {
		return "no boolean"
	}
	return fmt.Sprint(*b)
}

func canonicalQuads(qs []rdf.Quad) []rdf.Quad {
	out := make([]rdf.Quad, len(qs))
	for i, q := range qs {
		out[i] = rdf.Quad{S: q.S, P: q.P, O: canonical(q.O), G: q.G}
	}
	return out
}

func quadsString(qs []rdf.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = "  " + q.String()
	}
	sort.Strings(lines)
	if len(lines) > 30 {
		lines = append(lines[:30], "  …")
	}
	return strings.Join(lines, "\n")
}

// orderOf reports whether the query's solutions are ordered (a top-level
// ORDER BY) and by which variables; when a condition is an expression the
// variable list is nil and whole rows are compared in order.
func orderOf(p algebra.Pattern) (bool, []string) {
	for {
		switch n := p.(type) {
		case *algebra.Slice:
			p = n.Pattern
		case *algebra.Distinct:
			p = n.Pattern
		case *algebra.Reduced:
			p = n.Pattern
		case *algebra.Project:
			p = n.Pattern
		case *algebra.Extend:
			p = n.Pattern
		case *algebra.OrderBy:
			var vars []string
			for _, c := range n.Conditions {
				v, ok := c.Expr.(algebra.Var)
				if !ok {
					return true, nil
				}
				vars = append(vars, string(v))
			}
			return true, vars
		default:
			return false, nil
		}
	}
}

// loadDataset builds the test's dataset: qt:data into the default graph,
// qt:graphData and the query's FROM / FROM NAMED files into named graphs
// named by their IRIs. Each file load gets its own blank nodes.
func loadDataset(tc w3cTest, q *algebra.Query) (*eval.Memory, error) {
	var quads []rdf.Quad
	n := 0
	load := func(iri string, g rdf.Term) error {
		path, ok := localPath(iri)
		if !ok {
			return fmt.Errorf("data %s is not a file", iri)
		}
		n++
		qs, err := readRDF(path, g, fmt.Sprintf("d%d_", n))
		quads = append(quads, qs...)
		return err
	}
	for _, d := range tc.data {
		if err := load(d, rdf.Term{}); err != nil {
			return nil, err
		}
	}
	named := map[rdf.Term]bool{}
	for _, d := range tc.graphData {
		if err := load(d.file, d.name); err != nil {
			return nil, err
		}
		named[d.name] = true
	}
	for _, g := range append(slices.Clone(q.From), q.FromNamed...) {
		if named[g] {
			continue
		}
		named[g] = true
		if path, ok := localPath(g.Value); ok {
			if _, err := os.Stat(path); err == nil {
				if err := load(g.Value, g); err != nil {
					return nil, err
				}
			}
		}
	}
	return eval.NewMemory(quads), nil
}
