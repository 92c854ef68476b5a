package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
		data: fs.String("data", "./data", tr("map van de gegevensopslag", "directory of the store")),
		base: fs.String("base", "", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", "instance base IRI (default: the one the store was created with)"))),
		org:  fs.String("org", "", tr("NIS-code van de organisatie, bv. 24062 (Leuven)", "NIS code of the organisation, e.g. 24062 (Leuven)")),
		year: fs.Int("year", 0, tr("jaar van de evaluatie", "year of the assessment")),
	}
}

func (f orgYearFlags) check() error {
	if *f.org == "" || *f.year == 0 {
		return errors.New(tr("--org en --year zijn verplicht", "--org and --year are required"))
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
	if err := ensureLoaded(ctx, st, *f.data, base, firstLoad{examples: examplesByDefault(base)}, nil); err != nil {
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
		usage: "FILE.csv --org NIS --year YYYY [--partial] [--create-org NAAM] [--method zelfevaluatie] [--by NAAM] [--data DIR]",
		next:  assess.NextAssessmentVersion,
		iri:   vocab.AssessmentVersion,
		flags: func(fs *flag.FlagSet) func(context.Context, *domainContext, orgYearFlags, int, io.Reader, string) ([]assess.Graph, error) {
			method := fs.String("method", "zelfevaluatie", tr("methode (slug in het methodeschema van het model)", "method slug in the model's method scheme"))
			by := fs.String("by", "", tr("wie de evaluatie invulde (dct:creator)", "who filled in the assessment (dct:creator)"))
			partial := fs.Bool("partial", false, tr("niet alle domeinen gescoord: publiceer uitdrukkelijk als gedeeltelijk (de gegevens zeggen het)", "not every domain scored: publish explicitly as partial (the data says so)"))
			return func(ctx context.Context, dc *domainContext, f orgYearFlags, version int, r io.Reader, file string) ([]assess.Graph, error) {
				return assess.ImportAssessment(ctx, dc.base, dc.model, r, file, assess.Assessment{
					Org: *f.org, OrgLabel: dc.orgLabel, Year: *f.year, Version: version,
					Method: *method, Author: *by, Generated: time.Now(), Partial: *partial,
				})
			}
		},
	})
}

func runSurvey(ctx context.Context, sio stdio, args []string) error {
	return runSheetImport(ctx, sio, args, sheetImport{
		name:  "survey",
		usage: "FILE.csv --org NIS --year YYYY [--create-org NAAM] [--mapping FILE] [--threshold 5] [--data DIR]",
		next:  assess.NextSurveyVersion,
		iri:   vocab.SurveyVersion,
		flags: func(fs *flag.FlagSet) func(context.Context, *domainContext, orgYearFlags, int, io.Reader, string) ([]assess.Graph, error) {
			mapping := fs.String("mapping", "", tr("RML-mapping voor de export van uw bevragingstool (standaard: mappings/rml/bevraging.ttl)", "RML mapping for your survey tool's export (default: the shipped mappings/rml/bevraging.ttl)"))
			threshold := fs.Int("threshold", assess.DefaultThreshold, tr("kleinste groep waarvan cijfers gepubliceerd worden", "smallest group whose figures are published"))
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
// assessment or survey and writes its graphs in one transaction. It holds
// the file to the rules of the web form: a known organisation (or
// --create-org), a year from 2000 to next year, every domain of the model
// unless --partial.
func runSheetImport(ctx context.Context, sio stdio, args []string, k sheetImport) error {
	return runSub(ctx, sio, k.name, args, []sub{{"import", k.usage, func(ctx context.Context, sio stdio, args []string) error {
		return sheetImportRun(ctx, sio, args, k)
	}}})
}

func sheetImportRun(ctx context.Context, sio stdio, args []string, k sheetImport) error {
	fs := newFlags(sio, k.name+" import", k.usage)
	f := addOrgYear(fs)
	createOrg := fs.String("create-org", "", tr("voeg de organisatie met deze naam toe als ze nog onbekend is", "add the organisation under this name when it is unknown"))
	build := k.flags(fs)
	file, err := oneArg(fs, args, "FILE.csv")
	if err != nil {
		return err
	}
	if err := f.check(); err != nil {
		return err
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	data, notes, err := assess.NormaliseCSV(raw)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(sio.err, "%s: %s\n", file, n.In(lang()))
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
	var orgGraph []rdf.Quad
	if err == nil && len(dc.orgLabel) == 0 && *createOrg != "" {
		orgGraph, err = sparql.NewDecoder(snap).GraphQuads(ctx, rdf.IRI(vocab.OrganisationsGraph(dc.base)))
	}
	snap.Close()
	if err != nil {
		return err
	}
	var extra []assess.Graph
	if len(dc.orgLabel) == 0 {
		if *createOrg == "" {
			return fmt.Errorf(tr("niets geïmporteerd: organisatie %s is onbekend; voeg ze toe met maturity org add --nis %s --name NAAM, of geef --create-org NAAM",
				"nothing imported: organisation %s is unknown; add it with maturity org add --nis %s --name NAME, or give --create-org NAME"), *f.org, *f.org)
		}
		add, err := assess.Organisation(ctx, dc.base, *f.org, strings.TrimSpace(*createOrg))
		if err != nil {
			return fmt.Errorf(tr("niets geïmporteerd: %w", "nothing imported: %w"), err)
		}
		dc.orgLabel = vocab.Text{"nl": strings.TrimSpace(*createOrg)}
		extra = append(extra, assess.Graph{IRI: vocab.OrganisationsGraph(dc.base), Quads: append(orgGraph, add...)})
	}
	graphs, err := build(ctx, dc, f, version, bytes.NewReader(data), filepath.Base(file))
	if err != nil {
		return fmt.Errorf(tr("niets geïmporteerd: %w", "nothing imported: %w"), err)
	}
	if err := dc.checkCube(ctx, graphs); err != nil {
		return fmt.Errorf(tr("niets geïmporteerd: %w", "nothing imported: %w"), err)
	}
	if err := dc.writeGraphs(ctx, append(graphs, extra...)); err != nil {
		return err
	}
	if len(extra) > 0 {
		fmt.Fprintf(sio.err, tr("organisatie %s (%s) toegevoegd\n", "added organisation %s (%s)\n"), *f.org, *createOrg)
	}
	fmt.Fprintf(sio.err, tr("%s geïmporteerd als %s (versie %d)\n", "imported %s as %s (version %d)\n"), file, k.iri(dc.base, *f.org, *f.year, version), version)
	return nil
}

// lang is the language of the commands' messages: English for an English
// locale, else Dutch.
func lang() string {
	if english() {
		return "en"
	}
	return "nl"
}

func runPlan(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "plan", "--org NIS --year YYYY [--lang nl|en] [--data DIR]")
	f := addOrgYear(fs)
	lang := fs.String("lang", "nl", tr("taal van het plan: nl of en", "language of the plan: nl or en"))
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
	return runSub(ctx, sio, "org", args, []sub{
		{"add", "--nis N --name NAAM [--data DIR]", runOrgAdd},
		{"import", "FILE.csv [--data DIR]   " + tr("(kolommen nis, naam en eventueel wikidata)", "(columns nis, naam and optionally wikidata)"), runOrgImport},
	})
}

// runOrgAdd adds one organisation to the published list.
func runOrgAdd(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "org add", "--nis N --name NAAM [--data DIR]")
	data := dataFlag(fs)
	baseFlag := fs.String("base", "", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", "instance base IRI (default: the one the store was created with)")))
	nis := fs.String("nis", "", tr("NIS-code van vijf cijfers", "five-digit NIS code"))
	name := fs.String("name", "", tr("naam van de organisatie", "name of the organisation"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	base, err := resolveBase(*data, *baseFlag)
	if err != nil {
		return err
	}
	quads, err := assess.Organisation(ctx, base, *nis, strings.TrimSpace(*name))
	if err != nil {
		return fmt.Errorf(tr("niets toegevoegd: %w", "nothing added: %w"), err)
	}
	st, err := openStore(*data)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureLoaded(ctx, st, *data, base, firstLoad{}, nil); err != nil {
		return err
	}
	snap, err := st.Snapshot()
	if err != nil {
		return err
	}
	label, err := assess.OrgLabel(ctx, snap, base, *nis)
	snap.Close()
	if err != nil {
		return err
	}
	if len(label) > 0 {
		return fmt.Errorf(tr("organisatie %s bestaat al (%s)", "organisation %s exists already (%s)"), *nis, label.In("nl"))
	}
	if err := st.Add(ctx, quads); err != nil {
		return err
	}
	fmt.Fprintf(sio.err, tr("organisatie %s (%s) toegevoegd aan %s\n", "added organisation %s (%s) to %s\n"), *nis, *name, vocab.OrganisationsGraph(base))
	return nil
}

func runOrgImport(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "org import", "FILE.csv [--data DIR]")
	data := dataFlag(fs)
	baseFlag := fs.String("base", "", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", "instance base IRI (default: the one the store was created with)")))
	file, err := oneArg(fs, args, "FILE.csv")
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
	if err := ensureLoaded(ctx, st, *data, base, firstLoad{examples: examplesByDefault(base)}, nil); err != nil {
		return err
	}
	if err := st.Add(ctx, quads); err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "added %d quads to %s\n", len(quads), vocab.OrganisationsGraph(base))
	return nil
}
