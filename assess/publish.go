package assess

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/vocab"
)

// IntegrityError is a cube that breaks RDF Data Cube integrity
// constraints: nothing of it may be published.
type IntegrityError struct {
	Graphs     []string // the graphs that were to be written
	Violations []Violation
}

// Constraints lists the broken constraints, e.g. "IC-11, IC-13".
func (e *IntegrityError) Constraints() string {
	seen := map[string]bool{}
	var ics []string
	for _, v := range e.Violations {
		if !seen[v.IC] {
			seen[v.IC] = true
			ics = append(ics, v.IC)
		}
	}
	sort.Slice(ics, func(i, j int) bool { return icNumber(ics[i]) < icNumber(ics[j]) })
	return strings.Join(ics, ", ")
}

func icNumber(ic string) int {
	var n int
	fmt.Sscanf(ic, "IC-%d", &n)
	return n
}

func (e *IntegrityError) Error() string {
	const most = 3
	var first []string
	for i, v := range e.Violations {
		if i == most {
			first = append(first, fmt.Sprintf("… %d more", len(e.Violations)-most))
			break
		}
		first = append(first, v.String())
	}
	return fmt.Sprintf("de gegevenskubus voldoet niet aan RDF Data Cube-integriteitsregel %s; er is niets gepubliceerd (the data cube breaks RDF Data Cube integrity constraint %s; nothing was published): %s",
		e.Constraints(), e.Constraints(), strings.Join(first, "; "))
}

// CheckPublish runs the RDF Data Cube integrity constraints IC-1..IC-21
// (CheckIntegrity) on graphs about to be published, together with the
// structure they use: the model graph of ds, which holds the data
// structure definitions, the component properties and the code lists. It
// returns an *IntegrityError naming every broken constraint, or nil. Every
// publish and import of an assessment or survey calls it before writing,
// so that no published cube breaks a constraint: a model edited by hand
// (serve --model) can make well-built graphs break one.
//
// An assessment that was withdrawn is not published again: its IRIs
// answer 410 Gone for good (Withdraw).
func CheckPublish(ctx context.Context, ds dataset.Dataset, base string, graphs []Graph) error {
	for _, g := range graphs {
		nis, year, ok := assessmentIndex(base, g.IRI)
		if !ok {
			continue
		}
		at, err := WithdrawnAt(ctx, ds, base, nis, year)
		if err != nil {
			return err
		}
		if !at.IsZero() {
			return errorf(fmt.Sprintf("de evaluatie van organisatie %s voor %d werd ingetrokken op %s; ze kan niet opnieuw gepubliceerd worden", nis, year, at.Format("2006-01-02")),
				fmt.Sprintf("the assessment of organisation %s for %d was withdrawn on %s; it cannot be published again", nis, year, at.Format("2006-01-02")))
		}
	}
	qs, err := graphQuads(ctx, ds, vocab.ModelGraph(base))
	if err != nil {
		return err
	}
	names := make([]string, len(graphs))
	for i, g := range graphs {
		names[i] = g.IRI
		qs = append(qs, g.Quads...)
	}
	if vs := CheckIntegrity(qs); len(vs) > 0 { // on the union of the graphs
		return &IntegrityError{Graphs: names, Violations: vs}
	}
	return nil
}

// assessmentIndex parses the index graph graph/evaluatie/{NIS}/{year}.
func assessmentIndex(base, g string) (string, int, bool) {
	rest, ok := strings.CutPrefix(g, strings.TrimSuffix(base, "/")+"/graph/evaluatie/")
	nis, y, ok2 := strings.Cut(rest, "/")
	year, err := strconv.Atoi(y)
	if !ok || !ok2 || err != nil || !nisPattern.MatchString(nis) {
		return "", 0, false
	}
	return nis, year, true
}

// WithdrawnAt returns when an organisation's assessment for a year was
// withdrawn; the zero time when it was not.
func WithdrawnAt(ctx context.Context, ds dataset.Dataset, base, nis string, year int) (time.Time, error) {
	qs, err := graphQuads(ctx, ds, vocab.WithdrawalGraph(base, nis, year))
	if err != nil {
		return time.Time{}, err
	}
	w := vocab.Withdrawal(base, nis, year)
	for _, q := range qs {
		if q.S.Value == w && q.P.Value == vocab.PROV+"atTime" {
			return time.Parse(time.RFC3339, q.O.Value)
		}
	}
	return time.Time{}, nil
}
