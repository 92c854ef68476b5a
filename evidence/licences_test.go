package evidence

import "testing"

func TestLicence(t *testing.T) {
	for _, tc := range []struct {
		iri         string
		known, open bool
	}{
		{"http://creativecommons.org/publicdomain/zero/1.0/", true, true},
		{"https://creativecommons.org/publicdomain/zero/1.0/legalcode", true, true},
		{"https://creativecommons.org/licenses/by/4.0/", true, true},
		{"https://creativecommons.org/licenses/by/4.0/deed.nl", true, true},
		{"http://creativecommons.org/licenses/by-sa/3.0/nl/", true, true},
		{"https://creativecommons.org/licenses/by-nc/4.0/", true, false},
		{"https://creativecommons.org/licenses/by-nd/4.0/", true, false},
		{"http://opendatacommons.org/licenses/odbl/1.0/", true, true},
		{"https://opendatacommons.org/licenses/pddl/", true, true},
		{"https://opendatacommons.org/licenses/by/1-0/", true, false}, // not the page the table names
		{LicenceNAL + "CC0", true, true},
		{LicenceNAL + "CC_BY_4_0", true, true},
		{LicenceNAL + "CC_BYSA_3_0_NL", true, true},
		{LicenceNAL + "ODC_BL", true, true},
		{LicenceNAL + "CC_BYNC_4_0", true, false},
		{LicenceNAL + "ETALAB_2_0", true, false},
		{LicenceNAL + "MADE_UP", false, false},
		{"https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0", true, true},
		{"https://data.vlaanderen.be/id/licentie/creative-commons-zero-verklaring/v1.0", true, true},
		{"https://data.vlaanderen.be/id/licentie/modellicentie-hergebruik-tegen-vergoeding/v1.0", true, false},
		{"http://cirb.brussels/fr/nos-solutions/urbis-solutions/licence-urbis-open-data", false, false},
		{"urn:licence:x", false, false},
		{"", false, false},
	} {
		got := Licence(tc.iri)
		if got.Known != tc.known || got.Open != tc.open {
			t.Errorf("Licence(%q) = %+v, want known %v open %v", tc.iri, got, tc.known, tc.open)
		}
	}
}
