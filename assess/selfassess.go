package assess

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/vocab"
)

// Score is one domain's rating in an assessment.
type Score struct {
	Domain    string  // domain slug
	Maturity  float64 // 1..5
	Need      float64 // 1..5
	Rationale string
	Evidence  []string // absolute http(s) URLs
}

// Gap is need minus maturity, rounded to hundredths so that 4.1 - 3.2 is
// 0.9 and not 0.8999999.
func (s Score) Gap() float64 { return round2(s.Need - s.Maturity) }

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// The self-assessment sheet: one row per domain. English headers are
// accepted too, for cities that work in English.
var sheetColumns = []struct{ nl, en string }{
	{"domein", "domain"}, {"maturiteit", "maturity"}, {"nood", "need"},
	{"toelichting", "rationale"}, {"bewijs", "evidence"},
}

// ReadSelfAssessment reads and validates a self-assessment sheet: a CSV
// with the columns domein, maturiteit and nood (and optionally toelichting
// and bewijs, space-separated URLs), one row per domain of the model. A
// domain is given by its slug or its label. Scores are decimals from 1 to
// 5 ("3.5" or "3,5"). The first problem found is returned as a *CSVError;
// then no scores are returned.
func ReadSelfAssessment(r io.Reader, file string, model *vocab.Model) ([]Score, error) {
	t, err := readTable(r, file)
	if err != nil {
		return nil, err
	}
	for _, c := range sheetColumns {
		if _, ok := t.index[c.nl]; !ok {
			if i, ok := t.index[c.en]; ok {
				t.index[c.nl] = i
			}
		}
	}
	if err := t.require("domein", "maturiteit", "nood"); err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var scores []Score
	for i := range t.rows {
		d := t.cell(i, "domein")
		slug, ok := domainSlug(model, d)
		if !ok {
			return nil, t.errAt(i, "domein",
				fmt.Sprintf("onbekend domein %q; gebruik een van: %s", d, domainList(model)),
				fmt.Sprintf("unknown domain %q; use one of: %s", d, domainList(model)))
		}
		if prev, dup := seen[slug]; dup {
			return nil, t.errAt(i, "domein",
				fmt.Sprintf("domein %q staat ook al op rij %d", slug, prev),
				fmt.Sprintf("domain %q is also on row %d", slug, prev))
		}
		seen[slug] = t.lines[i]
		s := Score{Domain: slug, Rationale: t.cell(i, "toelichting")}
		for _, col := range []struct {
			name string
			dst  *float64
		}{{"maturiteit", &s.Maturity}, {"nood", &s.Need}} {
			v, serr := parseScore(t.cell(i, col.name))
			if serr != nil {
				return nil, t.errAt(i, col.name, serr.nl, serr.en)
			}
			*col.dst = v
		}
		for _, u := range strings.Fields(t.cell(i, "bewijs")) {
			p, err := url.Parse(u)
			if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
				return nil, t.errAt(i, "bewijs",
					fmt.Sprintf("%q is geen volledige webadres (http:// of https://)", u),
					fmt.Sprintf("%q is not a full web address (http:// or https://)", u))
			}
			s.Evidence = append(s.Evidence, u)
		}
		scores = append(scores, s)
	}
	return scores, nil
}

// scoreError is a bad score, described in Dutch and English.
type scoreError struct{ nl, en string }

// parseScore reads a decimal from 1 to 5 with at most two decimals; a
// decimal comma is accepted because Dutch spreadsheets write one.
func parseScore(s string) (float64, *scoreError) {
	if s == "" {
		return 0, &scoreError{"score ontbreekt (1 tot 5)", "score is missing (1 to 5)"}
	}
	norm := strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(norm, 64)
	if err != nil || math.IsNaN(v) || strings.ContainsAny(norm, "eE+xXpP_") {
		return 0, &scoreError{fmt.Sprintf("%q is geen getal", s), fmt.Sprintf("%q is not a number", s)}
	}
	if v < 1 || v > 5 {
		return 0, &scoreError{fmt.Sprintf("score %s ligt niet tussen 1 en 5", s), fmt.Sprintf("score %s is not between 1 and 5", s)}
	}
	if math.Abs(v*100-math.Round(v*100)) > 1e-9 {
		return 0, &scoreError{fmt.Sprintf("score %s heeft meer dan twee decimalen", s), fmt.Sprintf("score %s has more than two decimals", s)}
	}
	return v, nil
}

// domainSlug finds a domain by slug or by label in any language, ignoring
// case and surrounding spaces.
func domainSlug(m *vocab.Model, s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", false
	}
	for _, d := range m.Domains {
		if d.Slug == s {
			return d.Slug, true
		}
		for _, l := range d.Label {
			if strings.ToLower(l) == s {
				return d.Slug, true
			}
		}
	}
	return "", false
}

func domainList(m *vocab.Model) string {
	var s []string
	for _, d := range m.Domains {
		s = append(s, d.Slug)
	}
	return strings.Join(s, ", ")
}

// decimal writes v as an xsd:decimal lexical form with at least one
// fractional digit ("3.0", "-1.25").
func decimal(v float64) string {
	s := strconv.FormatFloat(round2(v), 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}
