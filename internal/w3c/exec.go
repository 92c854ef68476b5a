package w3c

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/results"
)

// Timeout bounds one execution: a query that runs away fails its test
// instead of stalling the suite.
const Timeout = 20 * time.Second

// Prepare reads and parses the test's query and reads its expected
// result. text is returned as soon as it is read, for error reports.
func Prepare(tc QueryTest) (text string, q *sparql.Query, exp *Expected, err error) {
	text, err = tc.ReadQueryText()
	if err != nil {
		return "", nil, nil, err
	}
	q, err = sparql.Parse(text, sparql.ParseOptions{Base: tc.Query})
	if err != nil {
		return text, nil, nil, fmt.Errorf("parse: %w", err)
	}
	exp, err = ReadExpected(tc.Result)
	if err != nil {
		return text, nil, nil, fmt.Errorf("read expected result: %w", err)
	}
	return text, q, exp, nil
}

// Execute runs q over ds and collects the whole answer. A panic in the
// engine is an error of this test, not a crash of the suite.
func Execute(ctx context.Context, ds dataset.Dataset, q *sparql.Query, mode sparql.DefaultGraphMode) (ans Answer, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	res, err := sparql.Exec(ctx, ds, q, sparql.ExecOptions{DefaultGraph: mode})
	if err != nil {
		return Answer{}, err
	}
	defer res.Close()
	switch q.Form() {
	case algebra.Ask:
		b := res.Boolean()
		ans.Table = &results.Table{Vars: res.Vars(), Boolean: &b}
	case algebra.Select:
		ans.Table = &results.Table{Vars: res.Vars()}
		for res.Next() {
			ans.Table.Rows = append(ans.Table.Rows, slices.Clone(res.Row()))
		}
	default:
		for res.Next() {
			ans.Graph = append(ans.Graph, res.Quad())
		}
	}
	return ans, res.Err()
}

// Run runs one test of a SPARQL manifest in memory: a syntax test through
// the parser, an evaluation test through sparql.Exec over dataset.Memory with
// the W3C's own default graph. A panic anywhere fails the test.
func Run(ctx context.Context, tc QueryTest) (o Outcome, detail string) {
	if reason, ok := SkipReason(tc.Key()); ok {
		return Skip, reason
	}
	defer func() {
		if r := recover(); r != nil {
			o, detail = Fail, fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	switch {
	case tc.IsSyntax():
		return runSyntax(tc)
	case tc.IsEvaluation():
		return runEval(ctx, tc)
	}
	return Skip, "test type " + tc.Type + " is not a query test"
}

func runSyntax(tc QueryTest) (Outcome, string) {
	text, err := tc.ReadQueryText()
	if err != nil {
		return Fail, err.Error()
	}
	_, err = sparql.Parse(text, sparql.ParseOptions{Base: tc.Query})
	positive := strings.Contains(tc.Type, "Positive")
	switch {
	case positive && err != nil:
		return Fail, fmt.Sprintf("valid query rejected: %v\n%s", err, text)
	case !positive && err == nil:
		return Fail, "invalid query accepted\n" + text
	}
	return Pass, ""
}

func runEval(ctx context.Context, tc QueryTest) (Outcome, string) {
	text, q, exp, err := Prepare(tc)
	if err != nil {
		return Fail, fmt.Sprintf("%v\n%s", err, text)
	}
	files, err := DataFiles(tc, q.Algebra())
	if err != nil {
		return Fail, "load data: " + err.Error()
	}
	quads, err := LoadQuads(files)
	if err != nil {
		return Fail, "load data: " + err.Error()
	}
	ans, err := Execute(ctx, dataset.NewMemory(quads), q, sparql.OwnDefaultGraph)
	o, detail := JudgeTest(tc, exp, ans, err, q)
	if o == Fail {
		detail += fmt.Sprintf("\n%s\nalgebra: %s", text, q)
	}
	return o, detail
}
