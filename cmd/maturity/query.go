package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/results"
	"github.com/stadleuven/maturity/store"
)

func runQuery(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "query", "[--data DIR] [--default-graph union|own] [--base IRI] [--format json|xml|csv|tsv|ttl|nt] [--parse-only] QUERYFILE|-")
	data := dataFlag(fs)
	defGraph := fs.String("default-graph", "union", tr("standaardgraaf: union (van alle grafen) of own (alleen de opgeslagen standaardgraaf)", "default graph: union (of all graphs) or own (the stored default graph only)"))
	base := fs.String("base", "", tr("basis-IRI voor de relatieve IRI's van de query (standaard: de basis van de instantie, uit instance.json)", "base IRI for the query's relative IRIs (default: the store's instance base, from instance.json)"))
	format := fs.String("format", "", tr("uitvoer: json, xml, csv, tsv voor SELECT/ASK; ttl, nt, nq, rdfxml, jsonld voor CONSTRUCT/DESCRIBE", "output: json, xml, csv, tsv for SELECT/ASK; ttl, nt, nq, rdfxml, jsonld for CONSTRUCT/DESCRIBE"))
	parseOnly := fs.Bool("parse-only", false, tr("controleer alleen de syntaxis", "only check the syntax"))
	timeout := fs.Duration("timeout", 0, tr("stop de query na zo lang (0: geen grens)", "stop the query after this long (0: no limit)"))
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
	}
	if err != nil {
		return err
	}
	if *base == "" {
		// Relative IRIs in a query name this instance's things, as they do
		// on its /sparql endpoint: resolve them against the store's base,
		// not against where the query file happens to be.
		if *base, err = resolveBase(*data, ""); err != nil {
			return err
		}
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
		n := 0
		if err := writeOutput(sio.out, "-", func(w io.Writer) error { n, err = writeResult(w, res, *format); return err }); err != nil {
			return err
		}
		if n == 0 && q.Form() != sparql.Ask {
			unused, err := absentPrefixes(ctx, snap, string(text), q.Algebra().Prefixes)
			if err != nil {
				return err
			}
			for _, p := range unused {
				fmt.Fprintf(sio.err, "0 rows; prefix %s: <%s> occurs in no triple of the store\n", p, q.Algebra().Prefixes[p])
			}
		}
		return nil
	})
}

// absentPrefixes returns the prefixes the query uses (declared and used
// outside their declaration) under which no IRI or datatype of the store
// falls, sorted: the likely reason a query found nothing, e.g. a query
// written for another namespace. It reads the whole store, so it runs only
// after an empty answer.
func absentPrefixes(ctx context.Context, snap *store.Snapshot, text string, prefixes map[string]string) ([]string, error) {
	decl := regexp.MustCompile(`(?im)^\s*PREFIX\s+[^\s:]*:\s*<[^>]*>`)
	body := decl.ReplaceAllString(text, "")
	missing := map[string]string{} // prefix name → namespace, still unseen
	for name, ns := range prefixes {
		used := regexp.MustCompile(`(^|[^A-Za-z0-9_.\-])` + regexp.QuoteMeta(name) + `:`)
		if ns != "" && used.MatchString(body) {
			missing[name] = ns
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	checked := map[uint64]bool{}
	var terr error
	err := snap.Match(ctx, [4]uint64{}, func(q [4]uint64) bool {
		for _, id := range q {
			if id == 0 || checked[id] {
				continue
			}
			checked[id] = true
			t, err := snap.Term(id)
			if err != nil {
				terr = err
				return false
			}
			v := t.Value
			if t.IsLiteral() {
				v = t.Datatype
			}
			for name, ns := range missing {
				if strings.HasPrefix(v, ns) {
					delete(missing, name)
				}
			}
		}
		return len(missing) > 0
	})
	if err == nil {
		err = terr
	}
	var out []string
	for name := range missing {
		out = append(out, name)
	}
	sort.Strings(out)
	return out, err
}

// writeResult prints a query result in the requested format: SPARQL results
// for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE. It returns the number
// of rows or quads written.
func writeResult(w io.Writer, res *sparql.Result, format string) (int, error) {
	n := 0
	switch res.Form() {
	case sparql.Construct, sparql.Describe:
		if format == "" {
			format = "ttl"
		}
		f, err := rdfio.ParseFormat(format)
		if err != nil {
			return n, err
		}
		rw, err := rdfio.NewWriter(w, f, rdfio.WriteOptions{})
		if err != nil {
			return n, err
		}
		for res.Next() {
			n++
			if err := rw.Write(res.Quad()); err != nil {
				return n, err
			}
		}
		if err := res.Err(); err != nil {
			return n, err
		}
		return n, rw.Close()
	}
	if format == "" {
		format = "tsv"
	}
	f, err := results.ParseFormat(format)
	if err != nil {
		return n, err
	}
	rw := results.NewWriter(w, f)
	if res.Form() == sparql.Ask {
		if err := rw.Boolean(res.Boolean()); err != nil {
			return n, err
		}
		return n, rw.Close()
	}
	if err := rw.Head(res.Vars()); err != nil {
		return n, err
	}
	for res.Next() {
		n++
		if err := rw.Row(res.Row()); err != nil {
			return n, err
		}
	}
	if err := res.Err(); err != nil {
		return n, err
	}
	return n, rw.Close()
}
