package main

import (
	"bufio"
	"flag"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/sparql/budget"
	"github.com/stadleuven/maturity/sparqlhttp"
)

// byteSize is a flag value in bytes, written as a number with an optional
// binary unit: 1048576, 1024KiB, 1MiB, 1M, 2GiB.
type byteSize int64

func (b *byteSize) String() string { return budget.Bytes(int64(*b)) }

func (b *byteSize) Set(s string) error {
	n, err := budget.ParseBytes(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

// limitFlags are the flags of the query limits and, for serve, of the
// endpoint's concurrency and the memory limit; every default is the
// library's, documented in package sparql/budget and in sparqlhttp.
type limitFlags struct {
	patterns, pathSteps, depth, queries, queued       *int
	stringBytes, memory, service, memoryLimit, tables byteSize
}

// addQueryLimitFlags registers the flags of the per-query limits (serve
// and query).
func addQueryLimitFlags(fl *flag.FlagSet) *limitFlags {
	l := &limitFlags{
		stringBytes: budget.DefaultStringBytes,
		memory:      budget.DefaultMemoryBytes,
		service:     budget.DefaultServiceBytes,
	}
	l.patterns = fl.Int("max-patterns", budget.DefaultPatterns, tr("meeste triple- en padpatronen in één SPARQL-query (-1: geen grens)", "most triple and path patterns in one SPARQL query (-1: no limit)"))
	l.pathSteps = fl.Int("max-path-steps", budget.DefaultPathSteps, tr("meeste stappen in één eigenschapspad van een SPARQL-query (-1: geen grens)", "most steps in one property path of a SPARQL query (-1: no limit)"))
	l.depth = fl.Int("max-depth", budget.DefaultDepth, tr("diepste nesting van groepen, expressies en paden in een SPARQL-query", "deepest nesting of groups, expressions and paths in a SPARQL query"))
	fl.Var(&l.stringBytes, "max-string-bytes", tr("langste tekst die een SPARQL-functie of GROUP_CONCAT mag berekenen (-1: geen grens)", "longest string a SPARQL function or GROUP_CONCAT may compute (-1: no limit)"))
	fl.Var(&l.memory, "query-memory", tr("geheugen dat één SPARQL-query mag vasthouden voor sorteren, groeperen, DISTINCT, hash joins, subqueries en SERVICE-antwoorden (-1: geen grens)", "memory one SPARQL query may hold for sorting, grouping, DISTINCT, hash joins, sub-queries and SERVICE answers (-1: no limit)"))
	fl.Var(&l.service, "max-service-bytes", tr("grootste SERVICE-antwoord dat van een ander endpoint gelezen wordt (-1: geen grens)", "largest SERVICE answer read from a remote endpoint (-1: no limit)"))
	return l
}

// addLimitFlags registers the query limits and serve's own: concurrency
// and the memory limit.
func addLimitFlags(fl *flag.FlagSet) *limitFlags {
	l := addQueryLimitFlags(fl)
	l.queries = fl.Int("max-queries", sparqlhttp.DefaultMaxQueries(), tr("SPARQL-query's die tegelijk geëvalueerd worden (standaard: één per CPU, minstens 2)", "SPARQL queries evaluated at once (default: one per CPU, at least 2)"))
	l.queued = fl.Int("max-queued", sparqlhttp.DefaultMaxQueued, tr("SPARQL-query's die op hun beurt wachten voor meer geweigerd worden met 503 en Retry-After", "SPARQL queries waiting for a turn before more are refused with 503 and Retry-After"))
	l.tables = sparql.DefaultTableCacheBytes
	fl.Var(&l.tables, "table-cache", tr("geheugen voor de hashtabellen die SPARQL-query's bijhouden voor latere query's over dezelfde gegevens (-1: geen)", "memory for the hash tables that SPARQL queries keep for later queries over the same data (-1: none)"))
	fl.Var(&l.memoryLimit, "memory-limit", tr("zachte geheugengrens van het proces (GOMEMLIMIT); standaard: 128MiB plus --query-memory per --max-queries, ten hoogste 3/4 van het geheugen van de machine; de variabele GOMEMLIMIT gaat voor", "soft memory limit of the process (GOMEMLIMIT); default: 128MiB plus --query-memory per --max-queries, at most 3/4 of the machine's memory; the GOMEMLIMIT variable wins"))
	return l
}

// queuedConfig is --max-queued as sparqlhttp.Config.MaxQueued takes it,
// where 0 means the default and a negative number no queue.
func (l *limitFlags) queuedConfig() int {
	if *l.queued <= 0 {
		return -1
	}
	return *l.queued
}

// limits returns the query limits the flags set.
func (l *limitFlags) limits() sparql.Limits {
	return sparql.Limits{
		Depth:        *l.depth,
		Patterns:     *l.patterns,
		PathSteps:    *l.pathSteps,
		StringBytes:  int(min(int64(l.stringBytes), 1<<31-1)),
		MemoryBytes:  int64(l.memory),
		ServiceBytes: int64(l.service),
	}
}

// setMemoryLimit sets the soft memory limit unless GOMEMLIMIT is set: the
// limit makes the garbage collector work harder before the process
// outgrows what the queries are allowed (GOGC alone lets the heap grow
// to twice what is live, or more with a larger GOGC). The
// default is what the running queries may hold (--query-memory each),
// the table cache (--table-cache) and 128 MiB for the server itself (an
// idle server holds about 20 MB, the response cache up to 64 MiB).
func (l *limitFlags) setMemoryLimit(log *slog.Logger) {
	if os.Getenv("GOMEMLIMIT") != "" {
		log.Info("memory limit from GOMEMLIMIT", "limit", os.Getenv("GOMEMLIMIT"))
		return
	}
	limit := int64(l.memoryLimit)
	if limit <= 0 {
		perQuery := int64(l.memory)
		if perQuery <= 0 {
			perQuery = budget.DefaultMemoryBytes
		}
		limit = 128<<20 + int64(max(*l.queries, 1))*perQuery + max(int64(l.tables), 0)
		if total := machineMemory(); total > 0 {
			limit = min(limit, total/4*3)
		}
	}
	debug.SetMemoryLimit(limit)
	log.Info("memory limit", "limit", budget.Bytes(limit))
}

// machineMemory returns the memory the process may use: the cgroup's
// limit when there is one, else the machine's, else 0 (unknown).
func machineMemory() int64 {
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 {
			return n
		}
	}
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// entityFlag registers --max-entity-bytes, the RDF/XML entity budget.
func entityFlag(fl *flag.FlagSet) *byteSize {
	b := byteSize(rdfio.DefaultMaxEntityBytes)
	fl.Var(&b, "max-entity-bytes", tr("bytes waartoe DTD-entiteitsverwijzingen in een RDF/XML-bestand mogen uitgroeien, plus 8 per byte van het bestand (-1: geen grens)", "bytes that DTD entity references in an RDF/XML file may expand to, plus 8 per byte of the file (-1: no limit)"))
	return &b
}
