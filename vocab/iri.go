package vocab

import (
	"strconv"
	"strings"
)

// The helpers below mint the IRIs of the URI conventions: things under
// id/{type}/..., graphs under graph/..., our ontology under ns/maturiteit#.
// base is the public instance base, such as "http://localhost:8080/"; a
// missing trailing slash is added, so "http://x" and "http://x/" agree.

func join(base string, parts ...string) string {
	var b strings.Builder
	b.WriteString(base)
	if !strings.HasSuffix(base, "/") {
		b.WriteByte('/')
	}
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(p)
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func version(v int) string { return "v" + strconv.Itoa(v) }

// NS returns our ontology's namespace, base + "ns/maturiteit#".
func NS(base string) string { return join(base, "ns/maturiteit#") }

// Ontology returns the IRI of the document that describes the ontology.
func Ontology(base string) string { return join(base, "ns/maturiteit") }

// Mat returns the IRI of a class or property of our ontology.
func Mat(base, local string) string { return NS(base) + local }

// ContextIRI is where the server publishes Context.
func ContextIRI(base string) string { return join(base, "ns/context.jsonld") }

// Domain returns id/domein/{slug}.
func Domain(base, slug string) string { return join(base, "id/domein", slug) }

// Action returns id/actie/{domain}/{n}; n counts from 1 in the model's order.
func Action(base, domain string, n int) string { return join(base, "id/actie", domain, itoa(n)) }

// Profile returns id/profiel/{slug}.
func Profile(base, slug string) string { return join(base, "id/profiel", slug) }

// RespondentGroup returns id/respondentgroep/{slug}; "alle" is everyone.
func RespondentGroup(base, slug string) string { return join(base, "id/respondentgroep", slug) }

// Principle returns id/principe/{n}, the charter principle number n.
func Principle(base string, n int) string { return join(base, "id/principe", itoa(n)) }

// AudienceGroup returns id/doelpubliek/{slug}, a target audience as the
// model names it.
func AudienceGroup(base, slug string) string { return join(base, "id/doelpubliek", slug) }

// SurveyItemIRI returns id/vraag/{domain}/{kind}; kind is "maturiteit" or "nood".
func SurveyItemIRI(base, domain, kind string) string { return join(base, "id/vraag", domain, kind) }

// Theme returns id/thema/{slug...}: a theme or, with two parts, a sub-theme.
func Theme(base string, slug ...string) string {
	return join(base, append([]string{"id/thema"}, slug...)...)
}

// Star returns id/ster/{n}, level n of the five-star scheme.
func Star(base string, n int) string { return join(base, "id/ster", itoa(n)) }

// Method returns id/methode/{slug}: zelfevaluatie, bevraging, interviews, combinatie.
func Method(base, slug string) string { return join(base, "id/methode", slug) }

// Level returns id/niveau/{scale}/{n}; scale is "maturiteit" or "nood".
func Level(base, scale string, n int) string { return join(base, "id/niveau", scale, itoa(n)) }

// ConceptScheme returns id/conceptschema/{name}.
func ConceptScheme(base, name string) string { return join(base, "id/conceptschema", name) }

// DSD returns id/dsd/{name}: evaluatie, bevraging or studie.
func DSD(base, name string) string { return join(base, "id/dsd", name) }

// Organisation returns id/organisatie/{nis}.
func Organisation(base, nis string) string { return join(base, "id/organisatie", nis) }

// Assessment returns id/evaluatie/{nis}/{year}, the assessment as such,
// which points to its current version.
func Assessment(base, nis string, year int) string {
	return join(base, "id/evaluatie", nis, itoa(year))
}

// AssessmentVersion returns id/evaluatie/{nis}/{year}/v{v}, one version
// and one qb:DataSet.
func AssessmentVersion(base, nis string, year, v int) string {
	return join(base, "id/evaluatie", nis, itoa(year), version(v))
}

// Observation returns id/observatie/{nis}/{year}/v{v}/{domain}.
func Observation(base, nis string, year, v int, domain string) string {
	return join(base, "id/observatie", nis, itoa(year), version(v), domain)
}

// Recommendation returns id/aanbeveling/{nis}/{year}/v{v}/{rank}.
func Recommendation(base, nis string, year, v, rank int) string {
	return join(base, "id/aanbeveling", nis, itoa(year), version(v), itoa(rank))
}

// Survey returns id/bevraging/{nis}/{year}, the survey result as such.
func Survey(base, nis string, year int) string { return join(base, "id/bevraging", nis, itoa(year)) }

// SurveyVersion returns id/bevraging/{nis}/{year}/v{v}, one qb:DataSet.
func SurveyVersion(base, nis string, year, v int) string {
	return join(base, "id/bevraging", nis, itoa(year), version(v))
}

// SurveyObservation returns
// id/observatie/bevraging/{nis}/{year}/v{v}/{domain}/{group}.
func SurveyObservation(base, nis string, year, v int, domain, group string) string {
	return join(base, "id/observatie/bevraging", nis, itoa(year), version(v), domain, group)
}

// Dataset returns id/dataset/{name...}.
func Dataset(base string, name ...string) string {
	return join(base, append([]string{"id/dataset"}, name...)...)
}

// Study returns id/studie/{name...}.
func Study(base string, name ...string) string {
	return join(base, append([]string{"id/studie"}, name...)...)
}

// Catalog returns id/catalogus.
func Catalog(base string) string { return join(base, "id/catalogus") }

// ModelGraph returns graph/model.
func ModelGraph(base string) string { return join(base, "graph/model") }

// OrganisationsGraph returns graph/organisaties.
func OrganisationsGraph(base string) string { return join(base, "graph/organisaties") }

// AssessmentGraph returns graph/evaluatie/{nis}/{year}/v{v}: one version
// with its observations and plan, written once and never changed.
func AssessmentGraph(base, nis string, year, v int) string {
	return join(base, "graph/evaluatie", nis, itoa(year), version(v))
}

// AssessmentIndexGraph returns graph/evaluatie/{nis}/{year}: the small
// graph that says which version is current; it is replaced on every import.
func AssessmentIndexGraph(base, nis string, year int) string {
	return join(base, "graph/evaluatie", nis, itoa(year))
}

// SurveyGraph returns graph/bevraging/{nis}/{year}/v{v}.
func SurveyGraph(base, nis string, year, v int) string {
	return join(base, "graph/bevraging", nis, itoa(year), version(v))
}

// SurveyIndexGraph returns graph/bevraging/{nis}/{year}.
func SurveyIndexGraph(base, nis string, year int) string {
	return join(base, "graph/bevraging", nis, itoa(year))
}

// StudyGraph returns graph/studie.
func StudyGraph(base string) string { return join(base, "graph/studie") }

// Graph returns graph/{name}, the graph a directory ttl/{name} loads into.
func Graph(base, name string) string { return join(base, "graph", name) }
