package evidence

import (
	"fmt"
	"sort"
	"strings"
)

// Weakness is one MQA metric as the catalog fails it: how many datasets
// lose its points and how many points that costs on average.
type Weakness struct {
	Metric     *Metric
	Failing    int     // datasets that do not get the points
	Share      float64 // their share, %
	PointsLost float64 // points lost per dataset, on average over all datasets
}

// Weaknesses lists the MQA metrics by the points they cost the catalog,
// worst first; metrics no dataset fails are left out. A distribution
// metric counts as failed when the distribution that counts (the best
// one) fails it; a status metric not measured (no URL checks) is left out.
func (r *Result) Weaknesses() []Weakness {
	var out []Weakness
	n := len(r.Datasets)
	if n == 0 {
		return nil
	}
	for _, m := range mqaMetrics {
		if m.Datatype == xsdInteger && !r.Checked {
			continue
		}
		failing := 0
		for _, d := range r.Datasets {
			if !d.gets(m) {
				failing++
			}
		}
		if failing == 0 {
			continue
		}
		out = append(out, Weakness{Metric: m, Failing: failing, Share: pct(failing, n), PointsLost: float64(failing*m.Points) / float64(n)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PointsLost > out[j].PointsLost })
	return out
}

// gets reports whether the dataset earns metric m's points.
func (d *DatasetResult) gets(m *Metric) bool {
	if m.Level == OnDataset {
		return points(m, d.Metrics[m.Name]) > 0
	}
	if d.Best >= 0 && points(m, d.Distributions[d.Best].Metrics[m.Name]) > 0 {
		return true
	}
	if m.Name == "dateIssuedAvailability" || m.Name == "dateModifiedAvailability" {
		return points(m, d.Metrics[m.Name]) > 0
	}
	return false
}

// StarStep says, in plain words, what the dataset needs for its next star
// (li 0 Dutch, 1 English); "" at five stars.
func (d *DatasetResult) StarStep(li int, checked bool) string {
	if d.Stars == 5 {
		return ""
	}
	if len(d.Distributions) == 0 {
		return [2]string{"De dataset heeft geen distributie: niemand kan de gegevens ophalen. Voeg een downloadlink toe.", "The dataset has no distribution: nobody can get the data. Add a download link."}[li]
	}
	dist := d.Distributions[max(d.StarsFrom, 0)]
	f := fileTypeName(dist.Format, li)
	switch d.Stars {
	case 0:
		switch {
		case len(dist.Licences) == 0:
			return [2]string{"Er staat geen licentie bij: kies een open licentie, bv. CC0 of de Vlaamse modellicentie gratis hergebruik.", "There is no licence: choose an open licence, e.g. CC0 or the Flemish model licence for free reuse."}[li]
		case !dist.Licence.Known:
			return fmt.Sprintf([2]string{"De licentie %s is geen gekende open licentie: kies CC0, CC BY of de Vlaamse modellicentie gratis hergebruik.", "The licence %s is not a known open licence: choose CC0, CC BY or the Flemish model licence for free reuse."}[li], strings.Join(dist.Licences, ", "))
		case !dist.Licence.Open:
			return fmt.Sprintf([2]string{"De licentie %s is niet open (bv. niet-commercieel gebruik of tegen betaling): kies CC0, CC BY of de Vlaamse modellicentie gratis hergebruik.", "The licence %s is not open (e.g. non-commercial or against payment): choose CC0, CC BY or the Flemish model licence for free reuse."}[li], strings.Join(dist.Licences, ", "))
		default:
			return fmt.Sprintf([2]string{"De gegevens zijn niet op te halen: %s. Herstel de link.", "The data cannot be fetched: %s. Repair the link."}[li], failure(dist, li))
		}
	case 1:
		return fmt.Sprintf([2]string{"%s is niet machineleesbaar: publiceer de gegevens (ook) als CSV, JSON of XML.", "%s is not machine-readable: publish the data (also) as CSV, JSON or XML."}[li], f)
	case 2:
		return fmt.Sprintf([2]string{"%s is een gesloten formaat: publiceer (ook) als CSV of ODS, dat elk programma leest.", "%s is a proprietary format: publish (also) as CSV or ODS, which every program reads."}[li], f)
	case 3:
		if !checked {
			return [2]string{"Zonder controle van de links (--check-urls) kan vier of vijf sterren niet blijken; publiceer anders de gegevens als linked data (RDF, bv. Turtle) met een webadres (URI) voor elk ding.", "Without checking the links (--check-urls) four or five stars cannot show; otherwise publish the data as linked data (RDF, e.g. Turtle) with a web address (URI) for each thing."}[li]
		}
		return [2]string{"Publiceer de gegevens als linked data (RDF, bv. Turtle) met een webadres (URI) voor elk ding waarover ze gaan.", "Publish the data as linked data (RDF, e.g. Turtle) with a web address (URI) for each thing they are about."}[li]
	case 4:
		return [2]string{"Verwijs in de gegevens naar gegevens van anderen, bv. de gemeente in het adressenregister (data.vlaanderen.be) of Wikidata (owl:sameAs).", "Link the data to other people's data, e.g. the municipality in the address register (data.vlaanderen.be) or Wikidata (owl:sameAs)."}[li]
	}
	return ""
}

// failure describes why a distribution's URLs did not work.
func failure(d *DistributionResult, li int) string {
	var parts []string
	for _, uc := range append(append([]URLCheck(nil), d.Download...), d.Access...) {
		if uc.OK() {
			continue
		}
		why := fmt.Sprintf("HTTP %d", uc.Status)
		switch uc.Status {
		case StatusConnectionFailed:
			why = [2]string{"geen verbinding", "no connection"}[li]
		case StatusInvalidURL:
			why = [2]string{"geen geldig webadres", "not a valid web address"}[li]
		}
		parts = append(parts, uc.URL+" → "+why)
	}
	if len(parts) == 0 {
		return [2]string{"er is geen link", "there is no link"}[li]
	}
	return strings.Join(parts, "; ")
}

// Fixes lists what the dataset should fix, the next star first, then the
// MQA metrics it fails by the points they cost.
func (d *DatasetResult) Fixes(li int, checked bool) []string {
	var out []string
	if s := d.StarStep(li, checked); s != "" {
		out = append(out, s)
	}
	var ms []*Metric
	for _, m := range mqaMetrics {
		if m.Datatype == xsdInteger && !checked {
			continue
		}
		if !d.gets(m) {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Points > ms[j].Points })
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s (+%d)", m.Fix[li], m.Points))
	}
	return out
}

func fileTypeName(t FileType, li int) string {
	if t == "" {
		return [2]string{"Een onbekend formaat", "An unknown format"}[li]
	}
	return strings.ReplaceAll(string(t), "_", " ")
}

// ODMBand names the EU Open Data Maturity band of a share (Q128a–e).
func ODMBand(share float64) string {
	switch {
	case share > 90:
		return "> 90 %"
	case share >= 71:
		return "71–90 %"
	case share >= 51:
		return "51–70 %"
	case share >= 31:
		return "31–50 %"
	case share >= 10:
		return "10–30 %"
	}
	return "< 10 %"
}
