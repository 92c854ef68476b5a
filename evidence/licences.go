package evidence

import (
	"regexp"
	"strings"
)

// Licence status of a licence IRI. Known is the MQA's knownLicence: the
// licence is in a predefined collection, which includes licences that are
// not open (CC BY-NC, the Flemish licence for reuse against payment). Open
// is the five-star rule's first condition and needs an allow-list.
type LicenceStatus struct {
	Known bool
	Open  bool
}

// LicenceNAL is the namespace of the EU Licence authority table.
const LicenceNAL = "http://publications.europa.eu/resource/authority/licence/"

// flemish is the namespace of the Flemish model licences.
const flemish = "data.vlaanderen.be/id/licentie/"

// openNAL are the EU Licence table codes on the open allow-list: CC0,
// CC BY and CC BY-SA (any version), ODC-BY, ODbL and PDDL.
var openNAL = regexp.MustCompile(`^(CC0|CC_BY(_[0-9_]+[A-Z_]*)?|CC_BYSA(_[0-9_]+[A-Z_]*)?|ODC_BY|ODC_BL|ODC_PDDL)$`)

// knownNAL are the codes of the EU Licence table that data.europa.eu's
// knownLicence accepts (its table as of 2024; mjanez/ckan-mqa
// vocabs/licenses.csv). Codes not here are unknown even under the NAL
// namespace.
var knownNAL = words(`0BSD AGPL_3_0 APACHE_1_1 APACHE_2_0 APL_1_0 APSL_2_0 ARTISTIC_1_0 ARTISTIC_2_0
BSD_2_CLAUSE BSD_3_CLAUSE BSD_3_CLAUSE_LBNL BSD_PLUS_PATENT BSL_1_0 CATOSL_1_1 CC0 CC_BY CC_BYNC
CC_BYNCND CC_BYNCND_1_0 CC_BYNCND_2_0 CC_BYNCND_2_5 CC_BYNCND_3_0 CC_BYNCND_4_0 CC_BYNCSA
CC_BYNCSA_1_0 CC_BYNCSA_2_0 CC_BYNCSA_2_5 CC_BYNCSA_3_0 CC_BYNCSA_4_0 CC_BYNC_1_0 CC_BYNC_2_0
CC_BYNC_2_5 CC_BYNC_3_0 CC_BYNC_4_0 CC_BYND CC_BYND_1_0 CC_BYND_2_0 CC_BYND_2_5 CC_BYND_3_0
CC_BYND_4_0 CC_BYSA CC_BYSA_1_0 CC_BYSA_2_0 CC_BYSA_2_5 CC_BYSA_3_0 CC_BYSA_3_0_NL CC_BYSA_4_0
CC_BY_1_0 CC_BY_2_0 CC_BY_2_5 CC_BY_3_0 CC_BY_3_0_AT CC_BY_3_0_NL CC_BY_4_0 CC_PDM_1_0 CDDL_1_0
CECILL_2_1 CLARIN_ACA_1_0 CNRI_PYTHON COM_REUSE CPAL_1_0 CPL_1_0 DLDE_BYNC_1_0 DLDE_BY_1_0
DLDE_BY_2_0 DLDE_ZERO_2_0 ECL_1_0 ECL_2_0 ECOS_2_0 EFL_1_0 EFL_2 ENTESSA EPL_1_0 EPL_2_0
ETALAB_2_0 EUPL_1_0 EUPL_1_1 EUPL_1_2 EUROGEO_2022 EU_DATAGRID FAIR FRAMEWORX_1_0 GNU_FDL
GNU_FDL_1_1 GNU_FDL_1_2 GNU_FDL_1_3 GPL_2_0 GPL_3_0 HPND HROD IODL_1_0 IODL_2_0 IPA IPL_1_0
ISA_OML ISA_OML_1_1 ISC LGPL_2_1 LGPL_3_0 LILIQ_P_1_1 LILIQ_RPLUS_1_1 LILIQ_R_1_1 LPL_1_0
LPL_1_02 LPPL_1_3C MIROS MIT MOTOSOTO MPL_1_0 MPL_1_1 MPL_2_0 MS_PL MS_RL MULTICS NASA_1_3 NAUMEN
NCSA NGPL NLOD_1_0 NLOD_2_0 NOKIA NPOSL_3_0 NTP OCLC_2_0 ODC_BL ODC_BY ODC_PDDL OFL_1_1 OGL_1_0
OGL_2_0 OGL_3_0 OGL_NC OGL_ROU_1_0 OGTSL OPL_2_1 OP_DATPRO OSL_1_0 OSL_2_1 OSL_3_0 PHP_3_0
POSTGRE_SQL PSEUL PYTHON_2_0 QPL_1_0 RPL_1_1 RPL_1_5 RPSL_1_0 RSCPL SIMPL_2_0 SLEEPYCAT SPL_1_0
UCL_1_0 UPL_1_0 VSL_1_0 W3C WATCOM_1_0 WXWINDOWS XNET ZLIB ZPL_2_0`)

// Licence pages outside the table that the table maps its codes to
// (skos:exactMatch), compared without scheme, "www." and trailing parts.
var (
	openPages = regexp.MustCompile(`^(creativecommons\.org/publicdomain/zero/1\.0|creativecommons\.org/licenses/by(-sa)?/[0-9.]+(/[a-z]{2})?|opendatacommons\.org/licenses/(by|odbl|pddl)(/1\.0)?|` +
		regexp.QuoteMeta(flemish) + `(creative-commons-zero-verklaring|modellicentie-gratis-hergebruik)/v1\.0)$`)
	knownPages = regexp.MustCompile(`^(creativecommons\.org/(licenses|publicdomain)/|opendatacommons\.org/licenses/|` +
		regexp.QuoteMeta(flemish) + `|opensource\.org/licenses/|nationalarchives\.gov\.uk/doc/(open-government-licence|non-commercial-government-licence)|` +
		`etalab\.gouv\.fr/licence-ouverte|govdata\.de/dl-de/|data\.norge\.no/nlod/|data\.europa\.eu/eli/dec/2011/833)`)
	pageSuffix = regexp.MustCompile(`(/(legalcode|deed)(\.[a-z-]+)?|/rdf)?/*$`)
)

// Licence classifies a licence IRI. The Flemish model licence for free
// reuse counts as open; the one for reuse against payment is known but
// not open; CC BY-NC and CC BY-ND are known but not open (the Open
// Definition allows neither a non-commercial nor a no-derivatives clause).
func Licence(iri string) LicenceStatus {
	if code, ok := strings.CutPrefix(iri, LicenceNAL); ok {
		if !knownNAL[code] {
			return LicenceStatus{}
		}
		return LicenceStatus{Known: true, Open: openNAL.MatchString(code)}
	}
	page := licencePage(iri)
	if page == "" {
		return LicenceStatus{}
	}
	return LicenceStatus{Known: knownPages.MatchString(page), Open: openPages.MatchString(page)}
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// licencePage normalises a licence web address: no scheme, no "www.", no
// legal-code or deed suffix, no trailing slash, lower case.
func licencePage(iri string) string {
	s := strings.ToLower(iri)
	switch {
	case strings.HasPrefix(s, "https://"):
		s = s[len("https://"):]
	case strings.HasPrefix(s, "http://"):
		s = s[len("http://"):]
	default:
		return ""
	}
	s = strings.TrimPrefix(s, "www.")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	return pageSuffix.ReplaceAllString(s, "")
}
