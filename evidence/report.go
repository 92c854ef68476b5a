package evidence

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteCSV writes one row per dataset, sorted by dataset IRI:
// dataset,stars,mqa_points,mqa_band (band: excellent, good, sufficient, bad).
func WriteCSV(w io.Writer, r *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"dataset", "stars", "mqa_points", "mqa_band"}); err != nil {
		return err
	}
	ds := append([]*DatasetResult(nil), r.Datasets...)
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	for _, d := range ds {
		if err := cw.Write([]string{d.ID, strconv.Itoa(d.Stars), strconv.Itoa(d.MQA), string(d.Band)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Stars renders a star level as ★ and ☆.
func Stars(n int) string { return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) }

// WriteText writes the catalog indicators, the datasets and the failing
// URLs for people, in Dutch (lang "nl") or English ("en").
func WriteText(w io.Writer, r *Result, lang string) error {
	li := langIndex(lang)
	t := func(nl, en string) string { return [2]string{nl, en}[li] }
	in := r.Indicators
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", t("Catalogus", "Catalog"), r.Catalog)
	fmt.Fprintf(&b, "%s: %s (%d %s), %s %s\n", t("Bron", "Source"), r.Source, r.Pages, t("pagina('s)", "page(s)"), t("gemeten op", "measured on"), r.Date())
	if r.Checked {
		b.WriteString(t("Links gecontroleerd en stalen gedownload: sterren volgens wat de links werkelijk leveren.\n", "Links checked and samples downloaded: stars by what the links really deliver.\n"))
	} else {
		b.WriteString(t("Alleen metadata (zonder --check-urls): sterren volgens de opgegeven formaten, hoogstens ★★★; de statuscodes van de MQA zijn niet gemeten.\n", "Metadata only (no --check-urls): stars by the declared formats, at most ★★★; the MQA status codes were not measured.\n"))
	}
	fmt.Fprintf(&b, "%d datasets, %d %s\n\n", in.Datasets, in.Distributions, t("distributies", "distributions"))

	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	row := func(label string, v float64, extra string) { fmt.Fprintf(tw, "  %s\t%5.1f %%\t%s\n", label, v, extra) }
	fmt.Fprintln(tw, t("Vijf sterren (genest, met de banden van de EU Open Data Maturity)", "Five stars (nested, with the EU Open Data Maturity bands)"))
	for s := 1; s <= 5; s++ {
		row(t("minstens ", "at least ")+Stars(s), in.AtLeast[s], t("band ", "band ")+ODMBand(in.AtLeast[s]))
	}
	fmt.Fprintln(tw, t("MQA (methode 1, 0–405)", "MQA (methodology 1, 0–405)"))
	fmt.Fprintf(tw, "  %s\t%5.1f\t%s\n", t("gemiddelde", "mean"), in.MeanMQA, BandOf(int(in.MeanMQA+0.5)).Label(li))
	for _, bd := range []Band{BandExcellent, BandGood, BandSufficient, BandBad} {
		row(bd.Label(li), in.Bands[bd], "")
	}
	fmt.Fprintf(tw, "  %s\t%5.2f\t%s\n", t("gemiddelde methode 2 (0–7,5)", "mean methodology 2 (0–7.5)"), in.MeanV2, V2BandOf(in.MeanV2).Label(li))
	fmt.Fprintln(tw, t("Toegankelijkheid (van de distributies)", "Accessibility (of the distributions)"))
	if r.Checked {
		row(t("toegangslink werkt (2xx)", "access URL works (2xx)"), in.AccessOK, "")
	}
	row(t("met downloadlink", "with a download URL"), in.WithDownload, "")
	if r.Checked {
		row(t("downloadlink werkt (2xx)", "download URL works (2xx)"), in.DownloadOK, fmt.Sprintf(t("%d links werken niet", "%d links fail"), len(in.Failing)))
	}
	fmt.Fprintln(tw, t("Conformiteit", "Conformance"))
	row("DCAT-AP 3.0.1", in.DCATAP3, "")
	row("DCAT-AP Vlaanderen", in.DCATAPVL, "")
	fmt.Fprintln(tw, t("Vindbaarheid", "Findability"))
	row(t("trefwoorden", "keywords"), in.Keyword, "")
	row(t("thema", "theme"), in.Theme, "")
	row(t("gebied", "spatial"), in.Spatial, "")
	row(t("periode", "temporal"), in.Temporal, "")
	fmt.Fprintln(tw, t("Licenties", "Licensing"))
	row(t("open licentie", "open licence"), in.OpenLicence, "")
	row(t("gekende licentie", "known licence"), in.KnownLicence, "")
	row(t("toegangsrechten uit de EU-lijst", "access rights from the EU list"), in.AccessRightsNAL, "")
	fmt.Fprintln(tw, t("Contact en uitgever", "Contact and publisher"))
	row(t("contactpunt", "contact point"), in.ContactPoint, "")
	row(t("uitgever", "publisher"), in.Publisher, "")
	fmt.Fprintln(tw, t("Vocabulaires (van de distributies)", "Vocabulary alignment (of the distributions)"))
	row(t("formaat uit de EU-lijst", "format from the EU list"), in.FormatNAL, "")
	row(t("IANA-mediatype", "IANA media type"), in.MediaTypeIANA, "")
	fmt.Fprintln(tw, t("Actualiteit", "Currency"))
	if in.Assessable > 0 {
		row(t("bijgewerkt volgens de frequentie", "updated within the periodicity"), in.Current, fmt.Sprintf(t("van %d datasets met een vaste frequentie", "of %d datasets with a set periodicity"), in.Assessable))
	} else {
		fmt.Fprintf(tw, "  %s\n", t("geen dataset met een vaste frequentie (dct:accrualPeriodicity)", "no dataset with a set periodicity (dct:accrualPeriodicity)"))
	}
	if len(in.Formats) > 0 {
		fmt.Fprintln(tw, t("Formaat dat de sterren verdient", "Format that earns the stars"))
		for _, f := range in.Formats[:min(len(in.Formats), 8)] {
			row(fileTypeName(f.Format, li), f.Share, fmt.Sprintf("%d datasets", f.Datasets))
		}
	}
	tw.Flush()

	if ws := r.Weaknesses(); len(ws) > 0 {
		fmt.Fprintf(&b, "\n%s\n", t("Zwakste MQA-metrieken (punten verloren per dataset)", "Weakest MQA metrics (points lost per dataset)"))
		tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, wk := range ws[:min(len(ws), 10)] {
			fmt.Fprintf(tw, "  %s\t-%.1f\t%.1f %%\t%s\n", wk.Metric.Name, wk.PointsLost, wk.Share, wk.Metric.Fix[li])
		}
		tw.Flush()
	}

	fmt.Fprintf(&b, "\n%s\n", t("Datasets (sterren, MQA, band)", "Datasets (stars, MQA, band)"))
	tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, d := range r.Datasets {
		title := d.Title[li]
		if title == "" {
			title = d.Title[0]
		}
		fmt.Fprintf(tw, "  %s\t%3d\t%s\t%s\t%s\n", Stars(d.Stars), d.MQA, d.Band.Label(li), clip(title, 60), d.ID)
	}
	tw.Flush()
	if len(in.Failing) > 0 {
		fmt.Fprintf(&b, "\n%s (%d)\n", t("Links die niet werken", "Failing links"), len(in.Failing))
		for _, f := range in.Failing {
			why := strconv.Itoa(f.Status)
			if f.Err != "" {
				why += " " + f.Err
			}
			fmt.Fprintf(&b, "  %s %s  %s\n", f.Kind, f.URL, why)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func langIndex(lang string) int {
	if lang == "en" {
		return 1
	}
	return 0
}
