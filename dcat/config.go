package dcat

import (
	"fmt"
	"net/mail"
	"strings"

	"github.com/stadleuven/maturity/rdfio"
	"github.com/stadleuven/maturity/vocab"
)

// Profile selects the application-profile version where two versions
// disagree on a datatype.
type Profile int

const (
	// ProfileDCATAP3 follows DCAT-AP 3.0.1 and DCAT-AP-VL 3 (the default).
	ProfileDCATAP3 Profile = iota
	// ProfileDCATAP2 follows DCAT-AP 2.1.1 (dcat:byteSize as xsd:decimal).
	ProfileDCATAP2
)

// ParseProfile accepts "dcat-ap-3" (or "") and "dcat-ap-2".
func ParseProfile(s string) (Profile, error) {
	switch strings.ToLower(s) {
	case "", "dcat-ap-3", "dcat-ap-vl", "3":
		return ProfileDCATAP3, nil
	case "dcat-ap-2", "dcat-ap-2.1.1", "2":
		return ProfileDCATAP2, nil
	}
	return 0, fmt.Errorf("dcat: onbekend profiel %q, kies dcat-ap-3 of dcat-ap-2 (unknown profile %q, choose dcat-ap-3 or dcat-ap-2)", s, s)
}

// DefaultPublisher is the NIS code of the organisation that publishes the
// catalog when Config.Publisher is empty: Leuven, which led the cities
// that wrote the maturity model.
const DefaultPublisher = "24062"

// DefaultPageSize is the number of datasets on one Hydra page.
const DefaultPageSize = 100

// Config describes the instance that publishes the catalog.
type Config struct {
	// Base is the public base IRI, e.g. "http://localhost:8080/".
	Base string
	// Licence is the licence of the published data: CC0 (default) or one of
	// the Flemish model licences (vocab.Licences).
	Licence string
	// Publisher is the NIS code of the organisation that runs the instance
	// and publishes the catalog, the model and the study (default Leuven).
	Publisher string
	// ContactEmail is the address people can write to about the data
	// (optional; the contact point always has the instance's web page).
	ContactEmail string
	// Profile picks the DCAT-AP version where 2.1.1 and 3 disagree.
	Profile Profile
	// WriteOptions are the serializer options of the RDF distributions
	// (prefixes, JSON-LD context); the download route must use the same,
	// since dcat:byteSize is the length of exactly those bytes.
	WriteOptions rdfio.WriteOptions
	// PageSize is the number of datasets per Hydra page (default 100).
	PageSize int
}

// withDefaults checks c and fills in the defaults.
func (c Config) withDefaults() (Config, error) {
	if c.Base == "" {
		return c, fmt.Errorf("dcat: no base IRI")
	}
	if !strings.HasSuffix(c.Base, "/") {
		c.Base += "/"
	}
	if c.Licence == "" {
		c.Licence = vocab.CC0
	}
	if !knownLicence(c.Licence) {
		var ok []string
		for _, l := range vocab.Licences() {
			ok = append(ok, l.IRI)
		}
		return c, fmt.Errorf("dcat: licentie %s is geen Vlaamse modellicentie; kies uit %s (licence %s is not a Flemish model licence)", c.Licence, strings.Join(ok, ", "), c.Licence)
	}
	if c.Publisher == "" {
		c.Publisher = DefaultPublisher
	}
	if c.ContactEmail != "" {
		a, err := mail.ParseAddress(c.ContactEmail)
		if err != nil {
			return c, fmt.Errorf("dcat: contactadres %q is geen e-mailadres (contact address is not an e-mail address): %w", c.ContactEmail, err)
		}
		c.ContactEmail = a.Address
	}
	if c.PageSize <= 0 {
		c.PageSize = DefaultPageSize
	}
	return c, nil
}

func knownLicence(iri string) bool {
	for _, l := range vocab.Licences() {
		if l.IRI == iri {
			return true
		}
	}
	return false
}

// CheckLicence returns an error unless iri is CC0 or one of the Flemish
// model licences, the licences a city may publish the data under.
func CheckLicence(iri string) error {
	_, err := Config{Base: "http://x/", Licence: iri}.withDefaults()
	return err
}
