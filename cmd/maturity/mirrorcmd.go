package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/stadleuven/maturity/mirror"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/store"
)

const mirrorUsage = "[--data DIR] --store virtuoso|oxigraph|fuseki|graphdb|qlever|update --url URL|DIR[,URL…] [--query URL] [--user NAME] [--password-file FILE] [--check]"

// mirrorFlags are the flags mirror and serve --mirror-store share.
type mirrorFlags struct {
	store, url, query, user, passwordFile *string
	public                                *string // serve only: where researchers query the copy
}

func addMirrorFlags(fl *flag.FlagSet, prefix string) *mirrorFlags {
	mf := &mirrorFlags{
		store:        fl.String(prefix+"store", "", "external store to mirror the graphs into: virtuoso, oxigraph, fuseki, graphdb, qlever (a directory of N-Quads for its bulk loader) or update (any SPARQL 1.1 Update endpoint)"),
		url:          fl.String(prefix+"url", "", "the store's base URL (virtuoso http://host:8890, oxigraph http://host:7878, fuseki http://host:3030/DATASET, graphdb http://host:7200/repositories/REPO), the update endpoint, or qlever's directory; several, comma-separated, for replicas (each synced on its own)"),
		query:        fl.String(prefix+"query", "", "SPARQL query endpoint for the per-graph counts, when the preset's is not right (qlever, update)"),
		user:         fl.String(prefix+"user", "", "user name at the store (HTTP Basic or Digest, as the store asks)"),
		passwordFile: fl.String(prefix+"password-file", "", "file holding the password (default: the environment variable MATURITY_MIRROR_PASSWORD)"),
	}
	if prefix != "" {
		mf.public = fl.String(prefix+"public", "", "the public SPARQL endpoint of the mirror's store: the hub's pages send researchers' heavy queries there")
	}
	return mf
}

// publicEndpoint returns the checked --mirror-public URL ("" if none).
func (mf *mirrorFlags) publicEndpoint() (string, error) {
	if mf.public == nil || *mf.public == "" {
		return "", nil
	}
	u, err := url.Parse(*mf.public)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--mirror-public: %q is geen http(s)-URL (not an http(s) URL)", *mf.public)
	}
	return u.String(), nil
}

// mirrors builds the mirrors of the store in data, one per URL of
// --url (a comma-separated list: replicas of the same kind of store, with
// the same account), each with its own state file; none when no store was
// named.
func (mf *mirrorFlags) mirrors(data string) ([]target, error) {
	if *mf.store == "" {
		return nil, nil
	}
	password := os.Getenv("MATURITY_MIRROR_PASSWORD")
	if *mf.passwordFile != "" {
		b, err := os.ReadFile(*mf.passwordFile)
		if err != nil {
			return nil, err
		}
		password = strings.TrimSpace(string(b))
	}
	var out []target
	for _, u := range strings.Split(*mf.url, ",") {
		u = strings.TrimSpace(u)
		t, err := mirror.Preset(*mf.store, u)
		if err != nil {
			return nil, err
		}
		if *mf.query != "" {
			t.QueryURL = *mf.query
		}
		t.User, t.Password = *mf.user, password
		sum := sha256.Sum256([]byte(*mf.store + " " + u))
		m, err := mirror.New(mirror.Options{Target: t, StateFile: filepath.Join(data, "mirror-"+hex.EncodeToString(sum[:6])+".json")})
		if err != nil {
			return nil, err
		}
		out = append(out, target{u, m})
	}
	return out, nil
}

// target is one store the hub mirrors into.
type target struct {
	url string
	*mirror.Mirror
}

func runMirror(ctx context.Context, sio stdio, args []string) error {
	fl := newFlags(sio, "mirror", mirrorUsage)
	data := dataFlag(fl)
	mf := addMirrorFlags(fl, "")
	check := fl.Bool("check", false, "only compare the per-graph triple counts of the store and the target")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *mf.store == "" || *mf.url == "" {
		fl.Usage()
		return errors.New("--store and --url are required")
	}
	ms, err := mf.mirrors(*data)
	if err != nil {
		return err
	}
	st, err := openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	src := mirrorSource{st}
	var errs []error
	for _, m := range ms {
		if len(ms) > 1 {
			fmt.Fprintf(sio.out, "%s %s:\n", *mf.store, m.url)
		}
		if *check {
			bad, err := m.Check(ctx, src)
			if err == nil {
				err = printMismatches(sio.out, bad)
			}
			errs = append(errs, err)
			continue
		}
		rep, err := m.Sync(ctx, src)
		printMirrorReport(sio.out, rep)
		if err == nil {
			err = printMismatches(io.Discard, rep.Mismatches)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func printMirrorReport(w io.Writer, r *mirror.Report) {
	fmt.Fprintf(w, "mirror: %d graphs: %d written, %d unchanged, %d dropped, %d repaired; %d triples, %s sent; %d counts compared, %d differ; %s\n",
		r.Graphs, r.Pushed, r.Unchanged, r.Dropped, r.Repaired, r.Triples, budget.Bytes(r.Bytes), r.Checked, len(r.Mismatches), r.Duration.Round(time.Millisecond))
}

func printMismatches(w io.Writer, bad []mirror.Mismatch) error {
	for _, b := range bad {
		fmt.Fprintf(w, "%s: hub %d triples, target %d\n", b.Graph, b.Hub, b.Target)
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d grafen verschillen van de hub (%d graphs differ from the hub)", len(bad), len(bad))
	}
	fmt.Fprintln(w, "every graph holds the same number of triples at the hub and the target")
	return nil
}

// mirrorSource lets the mirror read snapshots without importing store.
type mirrorSource struct{ st *store.Store }

func (s mirrorSource) Snapshot(ctx context.Context) (mirror.Snapshot, error) {
	snap, err := s.st.Snapshot()
	if err != nil {
		return nil, err
	}
	return mirrorSnap{snap}, nil
}

type mirrorSnap struct{ *store.Snapshot }

func (s mirrorSnap) Graphs(ctx context.Context) ([]mirror.GraphInfo, error) {
	infos, err := s.GraphInfos(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]mirror.GraphInfo, 0, len(infos))
	for _, i := range infos {
		if i.Graph.IsIRI() {
			out = append(out, mirror.GraphInfo{IRI: i.Graph.Value, Triples: i.Quads, Modified: i.Modified})
		}
	}
	return out, nil
}

func (s mirrorSnap) WriteGraph(ctx context.Context, iri string, w io.Writer) error {
	nw, err := rdfio.NewWriter(w, rdfio.NTriples, rdfio.WriteOptions{})
	if err != nil {
		return err
	}
	var werr error
	err = s.Quads(ctx, rdf.Term{}, rdf.Term{}, rdf.Term{}, store.Graph(rdf.IRI(iri)), func(q rdf.Quad) bool {
		q.G = rdf.Term{}
		werr = nw.Write(q)
		return werr == nil
	})
	if err = errors.Join(err, werr); err != nil {
		return err
	}
	return nw.Close()
}
