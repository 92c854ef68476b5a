package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/results"
	"github.com/stadleuven/maturity/store"
)

func runQuery(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "query", "[--data DIR] [--default-graph union|own] [--base IRI] [--format json|xml|csv|tsv|ttl|nt] [--parse-only] QUERYFILE|-")
	data := dataFlag(fs)
	defGraph := fs.String("default-graph", "union", "default graph: union (of all graphs) or own (the stored default graph only)")
	base := fs.String("base", "", "base IRI for the query's relative IRIs (default: the query file's file:// IRI)")
	format := fs.String("format", "", "output: json, xml, csv, tsv for SELECT/ASK; ttl, nt, nq, rdfxml, jsonld for CONSTRUCT/DESCRIBE")
	parseOnly := fs.Bool("parse-only", false, "only check the syntax")
	timeout := fs.Duration("timeout", 0, "stop the query after this long (0: no limit)")
	limits := addQueryLimitFlags(fs)
	file, err := oneArg(fs, args, "QUERYFILE (or - for stdin)")
	if err != nil {
		return err
	}
	var text []byte
	if file == "-" {
		text, err = io.ReadAll(sio.in)
	} else {
		text, err = os.ReadFile(file)
		if *base == "" {
			*base = fileIRI(file)
		}
	}
	if err != nil {
		return err
	}
	mode := sparql.UnionDefaultGraph
	switch *defGraph {
	case "union":
	case "own":
		mode = sparql.OwnDefaultGraph
	default:
		return fmt.Errorf("--default-graph must be union or own, not %q", *defGraph)
	}
	q, err := sparql.Parse(string(text), sparql.ParseOptions{Base: *base, Limits: limits.limits()})
	if err != nil {
		return fmt.Errorf("%s:%w", file, err)
	}
	if *parseOnly {
		fmt.Fprintln(sio.out, "ok")
		return nil
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	return withSnapshot(*data, func(snap *store.Snapshot) error {
		res, err := sparql.Exec(ctx, snap, q, sparql.ExecOptions{DefaultGraph: mode, Limits: limits.limits()})
		if err != nil {
			return err
		}
		defer res.Close()
		return writeOutput(sio.out, "-", func(w io.Writer) error { return writeResult(w, res, *format) })
	})
}

// writeResult prints a query result in the requested format: SPARQL results
// for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE.
func writeResult(w io.Writer, res *sparql.Result, format string) error {
	switch res.Form() {
	case algebra.Construct, algebra.Describe:
		if format == "" {
			format = "ttl"
		}
		f, err := rdfio.ParseFormat(format)
		if err != nil {
			return err
		}
		rw, err := rdfio.NewWriter(w, f, rdfio.WriteOptions{})
		if err != nil {
			return err
		}
		for res.Next() {
			if err := rw.Write(res.Quad()); err != nil {
				return err
			}
		}
		if err := res.Err(); err != nil {
			return err
		}
		return rw.Close()
	}
	if format == "" {
		format = "tsv"
	}
	f, err := results.ParseFormat(format)
	if err != nil {
		return err
	}
	rw := results.NewWriter(w, f)
	if res.Form() == algebra.Ask {
		if err := rw.Boolean(res.Boolean()); err != nil {
			return err
		}
		return rw.Close()
	}
	if err := rw.Head(res.Vars()); err != nil {
		return err
	}
	for res.Next() {
		if err := rw.Row(res.Row()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return err
	}
	return rw.Close()
}
