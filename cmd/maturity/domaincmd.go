package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

// orgYearFlags are the flags that name one organisation's assessment.
type orgYearFlags struct {
	data, base, org *string
	year            *int
}

func addOrgYear(fs *flag.FlagSet) orgYearFlags {
	return orgYearFlags{
		data: fs.String("data", "./data", "directory of the store"),
		base: fs.String("base", "", "instance base IRI (default: the one the store was created with)"),
		org:  fs.String("org", "", "NIS code of the organisation, e.g. 24062 (Leuven)"),
		year: fs.Int("year", 0, "year of the assessment"),
	}
}

func (f orgYearFlags) check() error {
	if *f.org == "" || *f.year == 0 {
		return fmt.Errorf("--org and --year are required")
	}
	return nil
}

// domainContext opens the store, loading the model on first use, and reads
// the model and the organisation's name.
type domainContext struct {
	st       *store.Store
	base     string
	model    *vocab.Model
	orgLabel vocab.Text
}

func openDomain(ctx context.Context, f orgYearFlags) (*domainContext, error) {
	base, err := resolveBase(*f.data, *f.base)
	if err != nil {
		return nil, err
	}
	st, err := openStore(*f.data)
	if err != nil {
		return nil, err
	}
	dc := &domainContext{st: st, base: base}
	if err := ensureLoaded(ctx, st, *f.data, base, firstLoad{examples: true}, nil); err != nil {
		st.Close()
		return nil, err
	}
	snap, err := st.Snapshot()
	if err != nil {
		st.Close()
		return nil, err
	}
	defer snap.Close()
	if dc.model, err = assess.LoadModel(ctx, snap, base); err != nil {
		st.Close()
		return nil, err
	}
	if *f.org != "" {
		if dc.orgLabel, err = assess.OrgLabel(ctx, snap, base, *f.org); err != nil {
			st.Close()
			return nil, err
		}
	}
	return dc, nil
}

// checkCube runs the Data Cube integrity constraints on the graphs an
// import built, with the store's model (assess.CheckPublish).
func (dc *domainContext) checkCube(ctx context.Context, graphs []assess.Graph) error {
	snap, err := dc.st.Snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	return assess.CheckPublish(ctx, snap, dc.base, graphs)
}

// writeGraphs replaces the graphs an import built, all in one transaction.
func (dc *domainContext) writeGraphs(ctx context.Context, graphs []assess.Graph) error {
	gcs := make([]store.GraphContent, len(graphs))
	for i, g := range graphs {
		gcs[i] = store.GraphContent{Graph: rdf.IRI(g.IRI), Quads: g.Quads}
	}
	return dc.st.ReplaceGraphs(ctx, gcs)
}

// sheetImport is what differs between importing a self-assessment sheet and
// a survey export; the steps around it (flags, version, atomic write) are
// shared by runSheetImport.
type sheetImport struct {
	name, usage string
	// flags registers the kind's own flags and returns the builder that
	// turns the file into graphs once the version is known.
	flags func(fs *flag.FlagSet) func(ctx context.Context, dc *domainContext, f orgYearFlags, version int, r io.Reader, file string) ([]assess.Graph, error)
	next  func(context.Context, sparql.Dataset, string, string, int) (int, error)
	iri   func(base, nis string, year, v int) string
}

func runAssess(ctx context.Context, sio stdio, args []string) error {
	return runSheetImport(ctx, sio, args, sheetImport{
		name:  "assess",
		usage: "import FILE.csv --org NIS --year YYYY [--method zelfevaluatie] [--by NAME] [--data DIR]",
		next:  assess.NextAssessmentVersion,
		iri:   vocab.AssessmentVersion,
		flags: func(fs *flag.FlagSet) func(context.Context, *domainContext, orgYearFlags, int, io.Reader, string) ([]assess.Graph, error) {
			method := fs.String("method", "zelfevaluatie", "method slug in the model's method scheme")
			by := fs.String("by", "", "who filled in the assessment (dct:creator)")
			return func(ctx context.Context, dc *domainContext, f orgYearFlags, version int, r io.Reader, file string) ([]assess.Graph, error) {
				return assess.ImportAssessment(ctx, dc.base, dc.model, r, file, assess.Assessment{
					Org: *f.org, OrgLabel: dc.orgLabel, Year: *f.year, Version: version,
					Method: *method, Author: *by, Generated: time.Now(),
				})
			}
		},
	})
}

func runSurvey(ctx context.Context, sio stdio, args []string) error {
	return runSheetImport(ctx, sio, args, sheetImport{
		name:  "survey",
		usage: "import FILE.csv --org NIS --year YYYY [--mapping FILE] [--threshold 5] [--data DIR]",
		next:  assess.NextSurveyVersion,
		iri:   vocab.SurveyVersion,
		flags: func(fs *flag.FlagSet) func(context.Context, *domainContext, orgYearFlags, int, io.Reader, string) ([]assess.Graph, error) {
			mapping := fs.String("mapping", "", "RML mapping for your survey tool's export (default: the shipped mappings/rml/bevraging.ttl)")
			threshold := fs.Int("threshold", assess.DefaultThreshold, "smallest group whose figures are published")
			return func(ctx context.Context, dc *domainContext, f orgYearFlags, version int, r io.Reader, file string) ([]assess.Graph, error) {
				in := assess.SurveyImport{Org: *f.org, OrgLabel: dc.orgLabel, Year: *f.year, Version: version, Threshold: *threshold, Generated: time.Now()}
				// Every earlier version stays public: the new one must not
				// be differenced with them.
				snap, err := dc.st.Snapshot()
				if err != nil {
					return nil, err
				}
				in.Earlier, err = assess.ReadPublishedSurveys(ctx, snap, dc.base, *f.org, *f.year)
				snap.Close()
				if err != nil {
					return nil, err
				}
				if *mapping != "" {
					m, err := os.Open(*mapping)
					if err != nil {
						return nil, err
					}
					defer m.Close()
					in.Mapping, in.MappingName = m, filepath.Base(*mapping)
				}
				return assess.ImportSurvey(ctx, dc.base, dc.model, r, file, in)
			}
		},
	})
}

// runSheetImport reads one CSV file into a new version of an organisation's
// assessment or survey and writes its graphs in one transaction.
func runSheetImport(ctx context.Context, sio stdio, args []string, k sheetImport) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintf(sio.err, "Usage: maturity %s %s\n", k.name, k.usage)
		return fmt.Errorf("want the subcommand import")
	}
	fs := newFlags(sio, k.name+" import", k.usage)
	f := addOrgYear(fs)
	build := k.flags(fs)
	file, err := oneArg(fs, args[1:], "FILE.csv")
	if err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	dc, err := openDomain(ctx, f)
	if err != nil {
		return err
	}
	defer dc.st.Close()
	snap, err := dc.st.Snapshot()
	if err != nil {
		return err
	}
	version, err := k.next(ctx, snap, dc.base, *f.org, *f.year)
	snap.Close()
	if err != nil {
		return err
	}
	r, err := os.Open(file)
	if err != nil {
		return err
	}
	defer r.Close()
	graphs, err := build(ctx, dc, f, version, r, filepath.Base(file))
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	if err := dc.checkCube(ctx, graphs); err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	if err := dc.writeGraphs(ctx, graphs); err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "imported %s as %s (version %d)\n", file, k.iri(dc.base, *f.org, *f.year, version), version)
	return nil
}

func runPlan(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "plan", "--org NIS --year YYYY [--lang nl|en] [--data DIR]")
	f := addOrgYear(fs)
	lang := fs.String("lang", "nl", "language of the plan: nl or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	if *lang != "nl" && *lang != "en" {
		return fmt.Errorf("--lang must be nl or en")
	}
	dc, err := openDomain(ctx, f)
	if err != nil {
		return err
	}
	defer dc.st.Close()
	snap, err := dc.st.Snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	a, err := assess.LoadAssessment(ctx, snap, dc.base, *f.org, *f.year)
	if err != nil {
		return err
	}
	return writeOutput(sio.out, "-", func(w io.Writer) error {
		return assess.NewPlan(dc.model, a).WriteText(w, *lang)
	})
}

func runOrg(ctx context.Context, sio stdio, args []string) error {
	const usage = "import FILE.csv [--data DIR]   (columns: nis, naam, optionally wikidata)"
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(sio.err, "Usage: maturity org "+usage)
		return fmt.Errorf("want the subcommand import")
	}
	fs := newFlags(sio, "org import", usage)
	data := dataFlag(fs)
	baseFlag := fs.String("base", "", "instance base IRI (default: the one the store was created with)")
	file, err := oneArg(fs, args[1:], "FILE.csv")
	if err != nil {
		return err
	}
	base, err := resolveBase(*data, *baseFlag)
	if err != nil {
		return err
	}
	r, err := os.Open(file)
	if err != nil {
		return err
	}
	defer r.Close()
	quads, err := assess.ImportOrganisations(ctx, base, r, filepath.Base(file))
	if err != nil {
		return fmt.Errorf("nothing imported: %w", err)
	}
	st, err := openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureLoaded(ctx, st, *data, base, firstLoad{examples: true}, nil); err != nil {
		return err
	}
	if err := st.Add(ctx, quads); err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "added %d quads to %s\n", len(quads), vocab.OrganisationsGraph(base))
	return nil
}
