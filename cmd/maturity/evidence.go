package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/evidence"
	"github.com/stadleuven/maturity/internal/webfetch"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/store"
	"github.com/stadleuven/maturity/vocab"
)

const evidenceUsage = "CATALOG-URL|FILE --org NIS [--year YYYY] [--check-urls] [--sample-bytes N] [--allow-private] [--format text|csv|html|ttl|nt|nq|jsonld|rdfxml] [--lang nl|en] [--publish] [--compare] [--data DIR] [-o FILE]"

// runEvidence scores a city's DCAT catalog on five stars and the MQA and
// prints, writes or publishes the evidence.
func runEvidence(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "evidence", evidenceUsage)
	data := dataFlag(fs)
	baseFlag := fs.String("base", "", tr("basis-IRI van de instantie (standaard: die waarmee de opslag gemaakt werd)", "instance base IRI (default: the one the store was created with)"))
	org := fs.String("org", "", tr("NIS-code van de organisatie van deze catalogus, bv. 24062 (Leuven)", "NIS code of the organisation whose catalog this is, e.g. 24062 (Leuven)"))
	year := fs.Int("year", 0, tr("jaar waarnaast het bewijs gezet wordt (standaard: dit jaar)", "year the evidence is set beside (default: this year)"))
	check := fs.Bool("check-urls", false, tr("controleer elke toegangs- en download-URL en haal een staal van elke distributie op", "check every access and download URL and download a sample of each distribution"))
	sample := fs.Int64("sample-bytes", evidence.DefaultSampleBytes, tr("grootste staal per distributie, in bytes", "largest sample downloaded per distribution, in bytes"))
	allowPrivate := fs.Bool("allow-private", false, tr("sta URL's op loopback-, private en link-local adressen toe (een catalogus is onbetrouwbare invoer)", "allow URLs on loopback, private and link-local addresses (a catalog is untrusted input)"))
	format := fs.String("format", "text", tr("uitvoer: text, csv (dataset,stars,mqa_points,mqa_band), html of RDF (ttl, nt, nq, jsonld, rdfxml)", "output: text, csv (dataset,stars,mqa_points,mqa_band), html, or RDF (ttl, nt, nq, jsonld, rdfxml)"))
	lang := fs.String("lang", defaultLang(), tr("taal van text en html: nl of en", "language of text and html: nl or en"))
	publish := fs.Bool("publish", false, tr("publiceer het bewijs ook in de opslag (één graaf, één transactie)", "also publish the evidence in the store (one graph, one transaction)"))
	compare := fs.Bool("compare", false, tr("zet het bewijs naast de zelfevaluatie van de organisatie voor --year in de opslag (--data)", "set the evidence beside the organisation's self-assessment for --year in the store (--data)"))
	out := fs.String("o", "-", tr("uitvoerbestand (- : standaarduitvoer)", "output file (- : standard output)"))
	inFormat := fs.String("input-format", "", tr("formaat van BESTAND (standaard: uit de extensie of de inhoud)", "format of FILE (default: from its extension or its bytes)"))
	timeout := fs.Duration("timeout", 10*time.Second, tr("tijdslimiet per URL-controle en staal", "timeout per URL check and sample download"))
	catalogTimeout := fs.Duration("catalog-timeout", 5*time.Minute, tr("tijdslimiet per cataloguspagina", "timeout per catalog page"))
	perHost := fs.Int("per-host", 8, tr("gelijktijdige HTTP-verzoeken per host", "HTTP requests in flight per host"))
	src, err := oneArg(fs, args, tr("CATALOGUS-URL of BESTAND", "CATALOG-URL or FILE"))
	if err != nil {
		return err
	}
	if len(*org) != 5 || strings.Trim(*org, "0123456789") != "" {
		return fmt.Errorf("--org %q: geef de NIS-code van vijf cijfers, bv. 24062 (give the five-digit NIS code)", *org)
	}
	if *lang != "nl" && *lang != "en" {
		return fmt.Errorf("--lang %q: kies nl of en (choose nl or en)", *lang)
	}
	if *year == 0 {
		*year = time.Now().Year()
	}
	if *year < 1990 || *year > 2100 {
		return fmt.Errorf("--year %d: geen geldig jaar (not a valid year)", *year)
	}
	if *sample <= 0 {
		return fmt.Errorf("--sample-bytes %d: moet positief zijn (must be positive)", *sample)
	}
	var rdfOut rdfio.Format
	switch *format {
	case "text", "csv", "html":
	default:
		if rdfOut, err = rdfio.ParseFormat(*format); err != nil {
			return fmt.Errorf("--format %q: kies text, csv, html, ttl, nt, nq, jsonld of rdfxml (choose one of these)", *format)
		}
	}
	var fin rdfio.Format
	if *inFormat != "" {
		if fin, err = rdfio.ParseFormat(*inFormat); err != nil {
			return fmt.Errorf("--input-format: %w", err)
		}
	}
	base := ""
	if *publish || rdfOut != rdfio.FormatUnknown {
		if base, err = resolveBase(*data, *baseFlag); err != nil {
			return err
		}
	}

	client := webfetch.New(webfetch.Options{AllowPrivate: *allowPrivate, Timeout: *timeout, PerHost: *perHost, MaxBytes: *sample})
	// The catalog itself may be large and slow to build: it gets minutes,
	// under the same address rules.
	pages := webfetch.New(webfetch.Options{AllowPrivate: *allowPrivate, Timeout: *catalogTimeout, PerHost: 1})
	start := time.Now()
	cat, err := evidence.Load(ctx, src, evidence.LoadOptions{Client: pages, Format: fin})
	if err != nil {
		return err
	}
	if len(cat.Datasets) == 0 {
		return fmt.Errorf("%s: geen enkele dcat:Dataset gevonden (no dcat:Dataset found)", src)
	}
	res, err := evidence.Score(ctx, cat, evidence.Options{CheckURLs: *check, Client: client, SampleBytes: *sample})
	if err != nil {
		return err
	}
	el := time.Since(start).Round(time.Millisecond)
	if *lang == "en" {
		fmt.Fprintf(sio.err, "%d datasets from %d page(s) measured in %s\n", len(res.Datasets), res.Pages, el)
	} else {
		fmt.Fprintf(sio.err, "%d datasets uit %d pagina('s) gemeten in %s\n", len(res.Datasets), res.Pages, el)
	}

	pub := evidence.Publication{Base: base, Org: *org, Year: *year}
	var quads []rdf.Quad
	if *publish || rdfOut != rdfio.FormatUnknown {
		quads = res.Quads(pub)
		model, err := vocab.Quads(base)
		if err != nil {
			return err
		}
		if v := evidence.CheckDQV(quads, model); len(v) > 0 {
			return fmt.Errorf(tr("de metingen zijn geen geldige DQV: %s, de eerste: %s", "the measurements are not valid DQV: %s, the first: %s"),
				count(len(v), tr("fout", "error"), tr("fouten", "errors")), v[0])
		}
	}
	var findings []evidence.Finding
	if *compare {
		if findings, err = compareWithSelf(ctx, *data, *org, *year, res); err != nil {
			return err
		}
	}
	err = writeOutput(sio.out, *out, func(w io.Writer) error {
		switch {
		case *format == "text":
			if err := evidence.WriteText(w, res, *lang); err != nil {
				return err
			}
			return writeFindings(w, findings, *lang)
		case *format == "csv":
			return evidence.WriteCSV(w, res)
		case *format == "html":
			return evidence.WriteHTML(w, res, evidence.HTMLOptions{Lang: *lang, Org: *org, Year: *year, Findings: findings})
		}
		return rdfio.WriteAll(w, rdfOut, quads, writeOptions())
	})
	if err != nil || !*publish {
		return err
	}
	return publishEvidence(ctx, sio, *data, base, res.Graph(pub), quads)
}

// publishEvidence replaces the organisation's evidence graph of the day in
// one transaction: a second run on the same day replaces the first.
func publishEvidence(ctx context.Context, sio stdio, dir, base, graph string, quads []rdf.Quad) error {
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ensureLoaded(ctx, st, dir, base, firstLoad{examples: examplesByDefault(base)}, nil); err != nil {
		return err
	}
	if err := st.ReplaceGraphs(ctx, []store.GraphContent{{Graph: rdf.IRI(graph), Quads: quads}}); err != nil {
		return fmt.Errorf("niets gepubliceerd (nothing published): %w", err)
	}
	if english() {
		fmt.Fprintf(sio.err, "published in %s: %d quads\n", graph, len(quads))
	} else {
		fmt.Fprintf(sio.err, "gepubliceerd in %s: %d quads\n", graph, len(quads))
	}
	return nil
}

// compareWithSelf reads the organisation's current self-assessment for
// year from the store and sets the evidence beside it.
func compareWithSelf(ctx context.Context, dir, org string, year int, res *evidence.Result) ([]evidence.Finding, error) {
	base, err := resolveBase(dir, "")
	if err != nil {
		return nil, err
	}
	var fs []evidence.Finding
	err = withSnapshot(dir, func(snap *store.Snapshot) error {
		a, err := assess.LoadAssessment(ctx, snap, base, org, year)
		if err != nil {
			return err
		}
		self := map[string]float64{}
		for _, sc := range a.Scores {
			self[sc.Domain] = sc.Maturity
		}
		fs = evidence.Compare(res.Indicators, self)
		return nil
	})
	return fs, err
}

func writeFindings(w io.Writer, fs []evidence.Finding, lang string) error {
	li := 0
	if lang == "en" {
		li = 1
	}
	if len(fs) > 0 {
		fmt.Fprintf(w, "\n%s\n", [2]string{"Naast de zelfevaluatie", "Beside the self-assessment"}[li])
	}
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "  %s\n", f.Text[li]); err != nil {
			return err
		}
	}
	return nil
}

// defaultLang is English for an English locale, else Dutch.
func defaultLang() string {
	if english() {
		return "en"
	}
	return "nl"
}
