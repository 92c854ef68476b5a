package evidence

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The maturity domains the evidence bears on (slugs of the model's
// domains, model/domein/{slug}).
const (
	DomainInfrastructure = "infrastructuur"
	DomainGovernance     = "open-data-governance"
	DomainSupport        = "ondersteuning"
)

var domainNames = map[string][2]string{
	DomainInfrastructure: {"Infrastructuur", "Infrastructure"},
	DomainGovernance:     {"(Open) Data governance", "(Open) data governance"},
	DomainSupport:        {"Ondersteuning", "Support"},
}

// Gap is how far (on the 1–5 scale) a self-assessed score and the
// evidence must lie apart before Compare reports it.
const Gap = 1.5

// IndicatorLevel is one indicator put on the maturity scale.
type IndicatorLevel struct {
	Name  string  // metric name, e.g. "aandeelMinstens3Sterren"
	Value float64 // the indicator, % (or points for the MQA)
	Level float64 // on the 1–5 scale: 1 + 4 × share
}

// DomainEvidence is what the evidence says about one domain.
type DomainEvidence struct {
	Domain string
	Level  float64          // mean of the indicators' levels, 1–5
	Min    float64          // the weakest indicator's level
	Basis  []IndicatorLevel // weakest first
}

// Finding is a disagreement between the self-assessment and the evidence.
type Finding struct {
	Domain    string
	Self      float64 // the self-assessed maturity, 1–5
	Evidence  float64 // the evidence's level, 1–5
	Over      bool    // the self-assessment is higher than the evidence supports
	Indicator string  // the indicator the finding names
	Value     float64
	Text      [2]string // nl, en
}

// level puts a share (0–100 %) on the 1–5 scale.
func level(share float64) float64 { return math.Round((1+4*share/100)*10) / 10 }

// EvidenceLevels puts the catalog indicators on the maturity scale per
// domain: Infrastructuur (open machine-readable formats, working download
// links, DCAT-AP conformance), (Open) Data governance (MQA, open licences,
// findability, currency) and Ondersteuning (contact points, publishers).
func EvidenceLevels(in Indicators) map[string]DomainEvidence {
	find := (in.Keyword + in.Theme + in.Spatial + in.Temporal) / 4
	basis := map[string][]IndicatorLevel{
		DomainInfrastructure: {{indStars[3].Name, in.AtLeast[3], 0}, {indDCATAP3.Name, in.DCATAP3, 0}},
		DomainGovernance:     {{indMeanMQA.Name, in.MeanMQA, 0}, {indOpenLicence.Name, in.OpenLicence, 0}, {"vindbaarheid", find, 0}},
		DomainSupport:        {{indContact.Name, in.ContactPoint, 0}, {indPublisher.Name, in.Publisher, 0}},
	}
	if in.Checked {
		basis[DomainInfrastructure] = append(basis[DomainInfrastructure], IndicatorLevel{indDownloadOK.Name, in.DownloadOK, 0})
	}
	if in.Assessable > 0 {
		basis[DomainGovernance] = append(basis[DomainGovernance], IndicatorLevel{indCurrent.Name, in.Current, 0})
	}
	out := map[string]DomainEvidence{}
	for dom, ils := range basis {
		sum := 0.0
		for i := range ils {
			share := ils[i].Value
			if ils[i].Name == indMeanMQA.Name {
				share = 100 * ils[i].Value / MQAMax
			}
			ils[i].Level = level(share)
			sum += ils[i].Level
		}
		sort.SliceStable(ils, func(i, j int) bool { return ils[i].Level < ils[j].Level })
		out[dom] = DomainEvidence{Domain: dom, Level: math.Round(sum/float64(len(ils))*10) / 10, Min: ils[0].Level, Basis: ils}
	}
	return out
}

// Compare sets a self-assessment (domain slug → maturity 1–5) beside the
// evidence and reports where they differ by Gap or more: a self-assessed
// score that high above the domain's weakest indicator ("Infrastructuur
// kreeg score 4, terwijl 80 % van de datasets alleen als PDF beschikbaar
// is"), or that far below the domain's mean level. Domains the evidence
// does not bear on, or the self-assessment does not score, give no
// finding.
func Compare(in Indicators, self map[string]float64) []Finding {
	var out []Finding
	levels := EvidenceLevels(in)
	for _, dom := range []string{DomainInfrastructure, DomainGovernance, DomainSupport} {
		s, ok := self[dom]
		if !ok || in.Datasets == 0 {
			continue
		}
		ev := levels[dom]
		switch {
		case s-ev.Min >= Gap:
			out = append(out, overFinding(in, dom, s, ev))
		case ev.Level-s >= Gap:
			out = append(out, underFinding(dom, s, ev))
		}
	}
	return out
}

func overFinding(in Indicators, dom string, self float64, ev DomainEvidence) Finding {
	weak := ev.Basis[0]
	f := Finding{Domain: dom, Self: self, Evidence: ev.Min, Over: true, Indicator: weak.Name, Value: weak.Value}
	var reason [2]string
	if dom == DomainInfrastructure {
		// A dominant format that is not machine-readable says it plainest.
		for _, fs := range in.Formats {
			if fs.Format != "" && !fs.Format.MachineReadable() && fs.Share >= 50 {
				f.Indicator, f.Value = "formaat:"+string(fs.Format), fs.Share
				reason = [2]string{
					fmt.Sprintf("%s van de datasets alleen als %s beschikbaar is", pctText(fs.Share), fileTypeName(fs.Format, 0)),
					fmt.Sprintf("%s of the datasets are only available as %s", pctText(fs.Share), fileTypeName(fs.Format, 1)),
				}
				break
			}
		}
	}
	if reason[0] == "" {
		reason = lowReason(weak)
	}
	f.Text = [2]string{
		fmt.Sprintf("%s kreeg score %s in de zelfevaluatie, terwijl %s.", domainNames[dom][0], score(self, 0), reason[0]),
		fmt.Sprintf("%s was rated %s in the self-assessment, while %s.", domainNames[dom][1], score(self, 1), reason[1]),
	}
	return f
}

func underFinding(dom string, self float64, ev DomainEvidence) Finding {
	strong := ev.Basis[len(ev.Basis)-1]
	f := Finding{Domain: dom, Self: self, Evidence: ev.Level, Indicator: strong.Name, Value: strong.Value}
	r := highReason(strong)
	f.Text = [2]string{
		fmt.Sprintf("%s kreeg maar score %s in de zelfevaluatie, terwijl de catalogus meer laat zien: %s.", domainNames[dom][0], score(self, 0), r[0]),
		fmt.Sprintf("%s was rated only %s in the self-assessment, while the catalog shows more: %s.", domainNames[dom][1], score(self, 1), r[1]),
	}
	return f
}

// lowReason and highReason phrase an indicator as a shortfall or a strength.
func lowReason(il IndicatorLevel) [2]string {
	v := [2]string{pctText(il.Value), pctText(il.Value)}
	switch il.Name {
	case indStars[3].Name:
		return [2]string{"maar " + v[0] + " van de datasets open en machineleesbaar is (minstens ★★★)", "only " + v[1] + " of the datasets are open and machine-readable (at least ★★★)"}
	case indDCATAP3.Name:
		return [2]string{"maar " + v[0] + " van de datasets aan DCAT-AP voldoet", "only " + v[1] + " of the datasets conform to DCAT-AP"}
	case indDownloadOK.Name:
		return [2]string{pctText(100-il.Value) + " van de downloadlinks niet werkt", pctText(100-il.Value) + " of the download links fail"}
	case indMeanMQA.Name:
		return [2]string{fmt.Sprintf("de gemiddelde MQA-score maar %.0f van 405 is (%s)", il.Value, BandOf(int(il.Value+0.5)).Label(0)), fmt.Sprintf("the mean MQA score is only %.0f out of 405 (%s)", il.Value, BandOf(int(il.Value+0.5)).Label(1))}
	case indOpenLicence.Name:
		return [2]string{"maar " + v[0] + " van de datasets een open licentie heeft", "only " + v[1] + " of the datasets have an open licence"}
	case indCurrent.Name:
		return [2]string{"maar " + v[0] + " van de datasets bijgewerkt is zo vaak als beloofd", "only " + v[1] + " of the datasets are updated as often as promised"}
	case indContact.Name:
		return [2]string{"maar " + v[0] + " van de datasets een contactpunt vermeldt", "only " + v[1] + " of the datasets name a contact point"}
	case indPublisher.Name:
		return [2]string{"maar " + v[0] + " van de datasets een uitgever vermeldt", "only " + v[1] + " of the datasets name a publisher"}
	}
	return [2]string{"de datasets gemiddeld maar " + v[0] + " van de vindbaarheidsvelden invullen", "the datasets fill in only " + v[1] + " of the findability fields on average"}
}

func highReason(il IndicatorLevel) [2]string {
	if il.Name == indDownloadOK.Name {
		return [2]string{pctText(il.Value) + " van de downloadlinks werkt", pctText(il.Value) + " of the download links work"}
	}
	low := lowReason(il)
	for i, pre := range []string{"maar ", "only "} {
		low[i] = strings.Replace(low[i], pre, "", 1)
	}
	return low
}

func pctText(v float64) string { return fmt.Sprintf("%.0f %%", v) }

func score(v float64, li int) string {
	s := strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
	if li == 0 {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
