package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/stadleuven/maturity/dcat"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// validateAccept asks a server for the formats harvesters read, JSON-LD
// last: a remote @context would have to be fetched, which we never do.
const validateAccept = "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8, application/ld+json;q=0.5"

// runValidate checks a DCAT document against the DCAT-AP-VL rules: a
// file, a URL, or by default the catalog of the store in --data.
func runValidate(ctx context.Context, sio stdio, args []string) error {
	usage := "[FILE|URL] [--data DIR] [--lang nl|en] [--format nt|ttl|rdfxml|jsonld]"
	fs := newFlags(sio, "validate", usage)
	data := dataFlag(fs)
	lang := fs.String("lang", "nl", tr("taal van de meldingen: nl of en", "language of the messages: nl or en"))
	format := fs.String("format", "", tr("formaat van BESTAND (standaard: uit de extensie)", "format of FILE (default: from its extension)"))
	licence := fs.String("licence", "", tr("licentie van de gegevens, voor onze eigen catalogus (standaard CC0)", "licence of the data, for our own catalog (default CC0)"))
	publisher := fs.String("publisher", "", tr("NIS-code van de uitgevende organisatie, voor onze eigen catalogus (standaard "+dcat.DefaultPublisher+")", "NIS code of the publishing organisation, for our own catalog (default "+dcat.DefaultPublisher+")"))
	contact := fs.String("contact", "", tr("e-mailadres van het contactpunt, voor onze eigen catalogus", "contact e-mail address, for our own catalog"))
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *lang != "nl" && *lang != "en" {
		return fmt.Errorf("--lang %q: kies nl of en (choose nl or en)", *lang)
	}
	if len(pos) > 1 {
		fs.Usage()
		return fmt.Errorf("give at most one FILE or URL")
	}
	var quads []rdf.Quad
	var what string
	switch {
	case len(pos) == 0:
		what = "de catalogus van " + *data
		if *lang == "en" {
			what = "the catalog of " + *data
		}
		quads, err = ownCatalog(ctx, *data, dcat.Config{Licence: *licence, Publisher: *publisher, ContactEmail: *contact})
	case strings.HasPrefix(pos[0], "http://") || strings.HasPrefix(pos[0], "https://"):
		what = pos[0]
		quads, err = fetchDCAT(ctx, pos[0])
	default:
		what = pos[0]
		var f rdfio.Format
		if f, err = inputFormat(pos[0], *format); err == nil {
			err = parseFile(pos[0], f, rdfio.ParseOptions{}, sio.in, func(q rdf.Quad) error { quads = append(quads, q); return nil })
		}
	}
	if err != nil {
		return err
	}
	return report(sio.out, what, len(quads), dcat.Validate(quads, *lang), *lang)
}

// ownCatalog builds the catalog of the store in dir, as the server would.
func ownCatalog(ctx context.Context, dir string, cfg dcat.Config) ([]rdf.Quad, error) {
	base, err := resolveBase(dir, "")
	if err != nil {
		return nil, err
	}
	st, err := openStore(dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	cfg.Base = base
	// The server's serializer options, so byteSize matches its downloads.
	cfg.WriteOptions = writeOptions()
	cfg.WriteOptions.ContextURL = vocab.ContextIRI(base)
	c, err := dcat.Build(ctx, snap, cfg, nil)
	if err != nil {
		return nil, err
	}
	return c.Quads(), nil
}

// fetchDCAT downloads a DCAT document and parses it in the format the
// server says it sent.
func fetchDCAT(ctx context.Context, url string) ([]rdf.Quad, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", validateAccept)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ophalen mislukt (fetch failed): %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s antwoordt %s (answers %s)", url, resp.Status, resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	f := rdfio.FormatForMediaType(ct)
	if f == rdfio.FormatUnknown {
		if f = rdfio.FormatForExt(url); f == rdfio.FormatUnknown {
			return nil, fmt.Errorf("%s: Content-Type %q is geen RDF-formaat (is no RDF format)", url, ct)
		}
	}
	var quads []rdf.Quad
	err = rdfio.Parse(io.LimitReader(resp.Body, 1<<30), f, rdfio.ParseOptions{Base: url, File: url, BlankPrefix: "v"},
		func(q rdf.Quad) error { quads = append(quads, q); return nil })
	return quads, err
}

// report prints the messages and a summary; errors make the command fail.
func report(w io.Writer, what string, triples int, ms []dcat.Message, lang string) error {
	errs, warns := 0, 0
	for _, m := range ms {
		fmt.Fprintln(w, m.Text)
		if m.Severity == dcat.Error {
			errs++
		} else {
			warns++
		}
	}
	if lang == "en" {
		fmt.Fprintf(w, "%s (%d triples): %s, %s (DCAT-AP Vlaanderen)\n", what, triples, count(errs, "error", "errors"), count(warns, "warning", "warnings"))
		if errs > 0 {
			return fmt.Errorf("%s: a portal would reject this metadata", count(errs, "error", "errors"))
		}
		return nil
	}
	fmt.Fprintf(w, "%s (%d triples): %s, %s (DCAT-AP Vlaanderen)\n", what, triples, count(errs, "fout", "fouten"), count(warns, "waarschuwing", "waarschuwingen"))
	if errs > 0 {
		return fmt.Errorf("%s: een portaal zou deze metadata weigeren", count(errs, "fout", "fouten"))
	}
	return nil
}

// count writes n with the singular or plural noun: "1 fout", "2 fouten".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
