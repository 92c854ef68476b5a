package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// stdio is the process's standard streams, passed explicitly so that tests
// can run commands in-process.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand. run gets the arguments after the name.
type command struct {
	name    string
	usage   string // argument synopsis
	summary string // English
	samenv  string // Dutch, the default
	run     func(ctx context.Context, io stdio, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "[--addr 127.0.0.1:8080] [--data DIR] [--base IRI]", "serve the linked data, the catalog and the SPARQL endpoint", "de linked data, de catalogus en het SPARQL-eindpunt publiceren", runServe},
		{"import", "[--data DIR] [--graph IRI] [--base IRI] [--format nt|nq|ttl|rdfxml|jsonld] [--mem SIZE] FILE...", "import RDF files (- reads stdin); all or nothing", "RDF-bestanden importeren (- leest stdin); alles of niets", runImport},
		{"export", "[--data DIR] [--graph IRI] [--format nq|nt|ttl|rdfxml|jsonld] [-o FILE]", "export the store or one graph", "de opslag of één graaf exporteren", runExport},
		{"query", "[--data DIR] [--default-graph union|own] [--base IRI] [--format json|xml|csv|tsv|ttl|nt] [--parse-only] QUERYFILE|-", "run a SPARQL query against the store", "een SPARQL-query op de opslag uitvoeren", runQuery},
		{"stats", "[--data DIR]", "print counts per graph", "aantallen per graaf tonen", runStats},
		{"check", "[--data DIR]", "check the store's integrity", "de integriteit van de opslag controleren", runCheck},
		{"backup", "[--data DIR] FILE", "write a consistent backup of the store (through the server while it runs)", "een consistente back-up van de opslag schrijven (via de server als die draait)", runBackup},
		{"restore", "[--data DIR] FILE", "replace the store with a backup (not while the server runs)", "de opslag vervangen door een back-up (niet terwijl de server draait)", runRestore},
		{"compact", "[--data DIR] [--mem SIZE]", "rewrite the store compactly, giving back the space of deleted data", "de opslag compact herschrijven en de ruimte van verwijderde gegevens vrijgeven", runCompact},
		{"assess", "import FILE.csv --org NIS --year YYYY [--data DIR] [--by NAME]", "import a self-assessment sheet", "een zelfevaluatieblad importeren", runAssess},
		{"survey", "import FILE.csv --org NIS --year YYYY [--mapping FILE] [--data DIR]", "import a staff-survey export (aggregated, small groups suppressed)", "een export van een personeelsbevraging importeren (geaggregeerd, kleine groepen onderdrukt)", runSurvey},
		{"org", "add --nis N --name NAAM | import FILE.csv [--data DIR]", "add organisations (one, or a CSV with columns nis, naam, wikidata) to the published list", "organisaties toevoegen (één, of een CSV met kolommen nis, naam, wikidata) aan de gepubliceerde lijst", runOrg},
		{"user", "add --email E --org NIS --role editor|admin | list | disable --email E [--data DIR]", "manage the accounts of editors and administrators (private: never published)", "de accounts van redacteurs en beheerders beheren (privé: nooit gepubliceerd)", runUser},
		{"plan", "--org NIS --year YYYY [--lang nl|en] [--data DIR]", "print the prioritised action plan of an assessment", "het geprioriteerde actieplan van een evaluatie tonen", runPlan},
		{"validate", "[FILE|URL] [--data DIR] [--lang nl|en]", "check a DCAT document against the DCAT-AP-VL rules", "een DCAT-document toetsen aan de regels van DCAT-AP-VL", runValidate},
		{"harvest", harvestUsage, "harvest other instances' DCAT catalogs into this store (a hub)", "de DCAT-catalogi van andere instanties oogsten in deze opslag (een hub)", runHarvest},
		{"mirror", mirrorUsage, "mirror the store's graphs into an external SPARQL 1.1 store, incrementally, checked by per-graph triple counts", "de grafen van de opslag spiegelen naar een externe SPARQL 1.1-opslag, incrementeel, gecontroleerd met het aantal triples per graaf", runMirror},
		{"evidence", evidenceUsage, "score a city's published DCAT catalog on five stars and data.europa.eu's MQA", "de gepubliceerde DCAT-catalogus van een stad scoren op vijf sterren en de MQA van data.europa.eu", runEvidence},
	}
}

// run dispatches to a subcommand and turns its error into a one-line
// message and a non-zero exit status.
func run(ctx context.Context, args []string, sio stdio) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(sio.out)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, sio, args[1:])
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if err != nil {
			fmt.Fprintf(sio.err, "maturity %s: %s\n", c.name, flagError(oneLine(err)))
			return 1
		}
		return 0
	}
	fmt.Fprintf(sio.err, tr("maturity: onbekend commando %q (zie 'maturity help')\n", "maturity: unknown command %q (run 'maturity help')\n"), args[0])
	return 2
}

// flagMessages are the errors of package flag, in Dutch.
var flagMessages = []struct{ en, nl string }{
	{"flag provided but not defined: ", "onbekende optie: "},
	{"flag needs an argument: ", "de optie heeft een waarde nodig: "},
	{"bad flag syntax: ", "verkeerd geschreven optie: "},
	{"invalid boolean value ", "ongeldige waarde (true of false) "},
	{"invalid value ", "ongeldige waarde "},
	{" for flag ", " voor de optie "},
	{": parse error", ": niet te lezen"},
}

// flagError puts an error of package flag in the command's language (it
// speaks English only); other messages pass unchanged.
func flagError(msg string) string {
	if english() {
		return msg
	}
	for _, m := range flagMessages {
		msg = strings.Replace(msg, m.en, m.nl, 1)
	}
	return msg
}

// printUsage lists the commands, in Dutch unless the locale is English.
func printUsage(w io.Writer) {
	en := english()
	if en {
		fmt.Fprintln(w, "maturity: open-data maturity of cities, published as linked open data\n\nUsage:")
	} else {
		fmt.Fprintln(w, "maturity: open-data-maturiteit van steden, gepubliceerd als linked open data\n\nGebruik:")
	}
	for _, c := range commands() {
		text := c.samenv
		if en {
			text = c.summary
		}
		fmt.Fprintf(w, "  maturity %-8s %s\n      %s\n", c.name, c.usage, text)
	}
	if en {
		fmt.Fprintln(w, "\nEvery command takes --data DIR (default ./data). 'maturity COMMAND --help' shows its flags.")
	} else {
		fmt.Fprintln(w, "\nElk commando neemt --data MAP (standaard ./data). 'maturity COMMANDO --help' toont de opties.")
	}
}

// english reports whether the user's locale asks for English; Dutch is
// the default.
func english() bool { return strings.HasPrefix(os.Getenv("LANG"), "en") }

// oneLine keeps an error message on one line, as a shell user expects.
// Errors that speak both languages (Dutch by default) speak English when
// the user's locale is English.
func oneLine(err error) string {
	msg := err.Error()
	var bi interface{ English() string }
	if errors.As(err, &bi) && english() {
		msg = strings.Replace(msg, bi.(error).Error(), bi.English(), 1)
	}
	return strings.ReplaceAll(msg, "\n", "; ")
}

// newFlags returns a FlagSet that prints its usage to the command's stderr
// and reports errors instead of exiting.
func newFlags(sio stdio, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// Package flag would print its own (English) error before the usage;
	// run prints it once, in the command's language (flagError).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(sio.err, "%s maturity %s %s\n", tr("Gebruik:", "Usage:"), name, usage)
		printDefaults(sio.err, fs)
	}
	return fs
}

// printDefaults lists the flags as flag.PrintDefaults does, with the
// default in the command's language.
func printDefaults(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			line += fmt.Sprintf(" (%s %q)", tr("standaard", "default"), f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// dataFlag registers the --data flag every command shares.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "./data", tr("map van de gegevensopslag", "directory of the store"))
}

// parseInterspersed parses flags that may come before or after positional
// arguments, which the standard flag package does not allow by itself.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// oneArg parses flags and exactly one positional argument.
func oneArg(fs *flag.FlagSet, args []string, what string) (string, error) {
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		fs.Usage()
		return "", fmt.Errorf(tr("geef precies één %s", "want exactly one %s"), what)
	}
	return pos[0], nil
}

// fileIRI returns the file:// IRI of a path, the default base of an import.
func fileIRI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return "file://" + filepath.ToSlash(abs)
}

// isTerminal reports whether f is a character device (an interactive
// terminal), to decide whether to print progress lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
