package w3c

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql/results"
)

// NQuads prints quads sorted, one an indented line, for failure reports;
// long graphs are cut.
func NQuads(qs []rdf.Quad) string {
	const most = 40
	lines := make([]string, len(qs))
	for i, q := range qs {
		lines[i] = "  " + q.String()
	}
	sort.Strings(lines)
	if len(lines) > most {
		lines = append(lines[:most], fmt.Sprintf("  … %d more", len(lines)-most))
	}
	return strings.Join(lines, "\n")
}

// Describe prints an answer for a failure report.
func Describe(a Answer) string {
	switch {
	case a.Table == nil:
		return fmt.Sprintf("%d triples\n%s", len(a.Graph), NQuads(a.Graph))
	case a.Table.Boolean != nil:
		return boolString(a.Table.Boolean)
	}
	return diffRows(&results.Table{}, a.Table)
}

// FirstLine returns s up to its first newline, for one-line summaries.
func FirstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func boolString(b *bool) string {
	if b == nil {
		return "no boolean"
	}
	return fmt.Sprint(*b)
}

// diffRows describes how two tables differ: the row counts and some rows
// missing from act or extra in it.
func diffRows(exp, act *results.Table) string {
	e, a := rowMultiset(exp), rowMultiset(act)
	var b strings.Builder
	fmt.Fprintf(&b, "expected %d rows, got %d", len(exp.Rows), len(act.Rows))
	n := 0
	for _, k := range sortedGroups(e) {
		if a[k] < e[k] && n < 6 {
			fmt.Fprintf(&b, "\n  missing: %s", k)
			n++
		}
	}
	for _, k := range sortedGroups(a) {
		if e[k] < a[k] && n < 12 {
			fmt.Fprintf(&b, "\n  extra:   %s", k)
			n++
		}
	}
	return b.String()
}

// rowMultiset prints each row as its sorted bindings and counts them.
func rowMultiset(t *results.Table) map[string]int {
	m := map[string]int{}
	for i := range t.Rows {
		var parts []string
		for j, v := range t.Vars {
			if c := t.Rows[i][j]; !c.IsZero() {
				parts = append(parts, "?"+v+"="+c.String())
			}
		}
		slices.Sort(parts)
		m[strings.Join(parts, " ")]++
	}
	return m
}
