package hub

// Province is a Belgian province (or Brussels), derived from a
// municipality's NIS code.
type Province struct {
	Slug     string // the filter's value: antwerpen, vlaams-brabant, …
	Name     map[string]string
	Flemish  bool // one of the five Flemish provinces
	Prefixes []string
}

// provinces maps the leading digits of a NIS (refnis) code to its
// province. A municipality's code is its arrondissement's two digits and
// three more; the first digit is the province, except in the former
// province of Brabant (2), split in 1995: 21 is the Brussels-Capital
// Region (not Flemish), 23 and 24 are Vlaams-Brabant, 25 is Waals-Brabant.
// Only the arrondissement ranges that exist are mapped, so that the
// fictional demo codes 99991 and 99992 fall in no province.
var provinces = []Province{
	{Slug: "antwerpen", Name: map[string]string{"nl": "Antwerpen", "en": "Antwerp"}, Flemish: true, Prefixes: []string{"11", "12", "13"}},
	{Slug: "vlaams-brabant", Name: map[string]string{"nl": "Vlaams-Brabant", "en": "Flemish Brabant"}, Flemish: true, Prefixes: []string{"23", "24"}},
	{Slug: "west-vlaanderen", Name: map[string]string{"nl": "West-Vlaanderen", "en": "West Flanders"}, Flemish: true, Prefixes: []string{"31", "32", "33", "34", "35", "36", "37", "38"}},
	{Slug: "oost-vlaanderen", Name: map[string]string{"nl": "Oost-Vlaanderen", "en": "East Flanders"}, Flemish: true, Prefixes: []string{"41", "42", "43", "44", "45", "46"}},
	{Slug: "limburg", Name: map[string]string{"nl": "Limburg", "en": "Limburg"}, Flemish: true, Prefixes: []string{"71", "72", "73"}},
	{Slug: "brussel", Name: map[string]string{"nl": "Brussels Hoofdstedelijk Gewest (niet Vlaams)", "en": "Brussels-Capital Region (not Flemish)"}, Prefixes: []string{"21"}},
	{Slug: "wallonie", Name: map[string]string{"nl": "Wallonië (niet Vlaams)", "en": "Wallonia (not Flemish)"}, Prefixes: []string{"25", "51", "52", "53", "55", "56", "57", "58", "61", "62", "63", "64", "81", "82", "83", "84", "85", "91", "92", "93"}},
}

// unknownProvince is where codes outside every range go (the fictional
// demo cities, organisations that are not municipalities).
var unknownProvince = Province{Slug: "onbekend", Name: map[string]string{"nl": "Onbekend of geen gemeente", "en": "Unknown or not a municipality"}}

// ProvinceOf returns the province of a five-digit NIS code.
func ProvinceOf(nis string) Province {
	if len(nis) != 5 {
		return unknownProvince
	}
	for _, p := range provinces {
		for _, pre := range p.Prefixes {
			if nis[:2] == pre {
				return p
			}
		}
	}
	return unknownProvince
}

// Provinces lists the provinces a filter offers: the five Flemish ones,
// then Brussels, Wallonia and the unknown.
func Provinces() []Province { return append(append([]Province(nil), provinces...), unknownProvince) }
