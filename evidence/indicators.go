package evidence

import (
	"math"
	"sort"
)

// Indicators are the catalog-level figures: shares of datasets (or of
// distributions, where the metric is on distributions) in percent, 0–100.
type Indicators struct {
	Datasets      int
	Distributions int // distributions, not counting data services
	Checked       bool

	StarCounts [6]int     // datasets with exactly n stars
	AtLeast    [6]float64 // % datasets with at least n stars (1–5; [0] is 100)

	MeanMQA float64
	Bands   map[Band]float64 // % datasets per MQA band
	MeanV2  float64

	AccessOK     float64 // % distributions whose access URL answers 2xx (Checked only)
	WithDownload float64 // % distributions with a download URL
	DownloadOK   float64 // % distributions with a download URL that answers 2xx (Checked only)
	Failing      []FailingURL

	DCATAP3  float64
	DCATAPVL float64

	Keyword, Theme, Spatial, Temporal float64

	OpenLicence, KnownLicence, AccessRightsNAL float64

	ContactPoint, Publisher float64

	FormatNAL, MediaTypeIANA float64 // % distributions

	Current    float64 // % of the datasets whose currency can be assessed
	Assessable int

	Formats []FormatShare // datasets by the format that earns their stars, most first
}

// FailingURL is an access or download URL that did not answer 2xx.
type FailingURL struct {
	Dataset, Distribution string
	Kind                  string // "accessURL" or "downloadURL"
	URL                   string
	Status                int
	Err                   string
}

// FormatShare counts the datasets whose best distribution has a format.
type FormatShare struct {
	Format   FileType // "" : unknown
	Datasets int
	Share    float64
}

func pct(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(1000*float64(n)/float64(total)) / 10
}

func indicators(r *Result) Indicators {
	in := Indicators{Datasets: len(r.Datasets), Checked: r.Checked, Bands: map[Band]float64{}}
	var (
		atLeast                                        [6]int
		bands                                          = map[Band]int{}
		mqaSum, v2Sum                                  float64
		accessOK, withAccess, withDownload, downloadOK int
		ap3, vl, kw, th, sp, tm, open, known, ar       int
		cp, pub, fmtNAL, mtIANA, cur, assess           int
		formats                                        = map[FileType]int{}
		seen                                           = map[string]bool{}
	)
	for _, d := range r.Datasets {
		in.StarCounts[d.Stars]++
		for n := 0; n <= d.Stars; n++ {
			atLeast[n]++
		}
		bands[d.Band]++
		mqaSum += float64(d.MQA)
		v2Sum += d.V2
		count := func(name string, c *int) {
			if d.Metrics[name].Bool {
				*c++
			}
		}
		count("keywordAvailability", &kw)
		count("categoryAvailability", &th)
		count("spatialAvailability", &sp)
		count("temporalAvailability", &tm)
		count("accessRightsVocabularyAlignment", &ar)
		count("contactPointAvailability", &cp)
		count("publisherAvailability", &pub)
		if len(d.DCATAP3) == 0 {
			ap3++
		}
		if len(d.DCATAPVL) == 0 {
			vl++
		}
		if d.Currency.Assessable {
			assess++
			if d.Currency.Current {
				cur++
			}
		}
		var isOpen, isKnown bool
		for _, dist := range d.Distributions {
			isOpen = isOpen || dist.Licence.Open
			isKnown = isKnown || dist.Licence.Known
			if dist.Service {
				continue
			}
			in.Distributions++
			if dist.FormatFromTable {
				fmtNAL++
			}
			if dist.MediaTypeIANA {
				mtIANA++
			}
			if len(dist.Access) > 0 {
				withAccess++
				if dist.Metrics["accessUrlStatusCode"].Int >= 200 && dist.Metrics["accessUrlStatusCode"].Int <= 299 {
					accessOK++
				}
			}
			if dist.Metrics["downloadUrlAvailability"].Bool {
				withDownload++
				if s := dist.Metrics["downloadUrlStatusCode"].Int; s >= 200 && s <= 299 {
					downloadOK++
				}
			}
			for _, set := range []struct {
				kind string
				ucs  []URLCheck
			}{{"accessURL", dist.Access}, {"downloadURL", dist.Download}} {
				for _, uc := range set.ucs {
					if !uc.OK() && !seen[uc.URL] {
						seen[uc.URL] = true
						in.Failing = append(in.Failing, FailingURL{Dataset: d.ID, Distribution: dist.ID, Kind: set.kind, URL: uc.URL, Status: uc.Status, Err: uc.Err})
					}
				}
			}
		}
		if isOpen {
			open++
		}
		if isKnown {
			known++
		}
		if d.StarsFrom >= 0 {
			formats[d.Distributions[d.StarsFrom].Format]++
		}
	}
	n := len(r.Datasets)
	for s := 1; s <= 5; s++ {
		in.AtLeast[s] = pct(atLeast[s], n)
	}
	in.AtLeast[0] = pct(atLeast[0], n)
	for b, c := range bands {
		in.Bands[b] = pct(c, n)
	}
	if n > 0 {
		in.MeanMQA = math.Round(10*mqaSum/float64(n)) / 10
		in.MeanV2 = math.Round(100*v2Sum/float64(n)) / 100
	}
	nd := in.Distributions
	in.AccessOK = pct(accessOK, nd)
	in.WithDownload = pct(withDownload, nd)
	in.DownloadOK = pct(downloadOK, nd)
	in.DCATAP3, in.DCATAPVL = pct(ap3, n), pct(vl, n)
	in.Keyword, in.Theme, in.Spatial, in.Temporal = pct(kw, n), pct(th, n), pct(sp, n), pct(tm, n)
	in.OpenLicence, in.KnownLicence, in.AccessRightsNAL = pct(open, n), pct(known, n), pct(ar, n)
	in.ContactPoint, in.Publisher = pct(cp, n), pct(pub, n)
	in.Assessable = assess
	in.Current = pct(cur, assess)
	in.FormatNAL, in.MediaTypeIANA = pct(fmtNAL, nd), pct(mtIANA, nd)
	for f, c := range formats {
		in.Formats = append(in.Formats, FormatShare{Format: f, Datasets: c, Share: pct(c, n)})
	}
	sort.Slice(in.Formats, func(i, j int) bool {
		if in.Formats[i].Datasets != in.Formats[j].Datasets {
			return in.Formats[i].Datasets > in.Formats[j].Datasets
		}
		return in.Formats[i].Format < in.Formats[j].Format
	})
	return in
}
