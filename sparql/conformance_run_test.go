package sparql_test

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/eval"
	"github.com/stadleuven/maturity/sparql/results"
)

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
