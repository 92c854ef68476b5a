package vocab

import (
	"strconv"
	"strings"
)

// Two kinds of IRI, minted in two places:
//
//   - The ontology and the maturity model are the same on every instance:
//     their IRIs are persistent identifiers under SharedBase (w3id.org),
//     independent of --base, so that every city's data uses the same
//     predicates and the same domains. The helpers for them take no base.
//     An instance serves its own copy of each at the same path under its
//     own base (see Mirror).
//   - What an instance publishes itself (organisations, assessments,
//     observations, recommendations, surveys, the catalog, named graphs)
//     lives under the instance base: id/{type}/... and graph/.... Those
//     helpers take the base; a missing trailing slash is added, so
//     "http://x" and "http://x/" agree.

// SharedBase is the persistent base of the ontology and the maturity model.
// w3id.org redirects it to a hosted copy (w3id/open-data-maturiteit in this
// repository holds the rules); see README.md, "Persistent identifiers".
const SharedBase = "https://w3id.org/open-data-maturiteit/"

// Ontology is the IRI of the ontology, the document its hash terms live in.
const Ontology = SharedBase + "ns"

// NS is our ontology's namespace: mat:Domain is NS + "Domain".
const NS = Ontology + "#"

// ModelNS is the namespace of the built-in maturity model's resources:
// domains, actions, profiles, principles, scales, survey items, the study.
const ModelNS = SharedBase + "model/"

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

// Mat returns the IRI of a class or property of our ontology.
func Mat(local string) string { return NS + local }

// ContextIRI is where an instance publishes Context: a document of the
// instance, so it works offline; its content is the same everywhere.
func ContextIRI(base string) string { return join(base, "ns/context.jsonld") }

// ModelIRI returns ModelNS + {type}/{ref...}: a resource of the built-in
// model. Code that handles any model takes IRIs from the loaded Model
// instead; these helpers name the built-in one.
func ModelIRI(typ string, ref ...string) string {
	return join(ModelNS, append([]string{typ}, ref...)...)
}

// Domain returns model/domein/{slug}.
func Domain(slug string) string { return ModelIRI("domein", slug) }

// Action returns model/actie/{domain}/{n}; n counts from 1 in the model's order.
func Action(domain string, n int) string { return ModelIRI("actie", domain, itoa(n)) }

// Profile returns model/profiel/{slug}.
func Profile(slug string) string { return ModelIRI("profiel", slug) }

// RespondentGroup returns model/respondentgroep/{slug}; "alle" is everyone.
func RespondentGroup(slug string) string { return ModelIRI("respondentgroep", slug) }

// Principle returns model/principe/{n}, the charter principle number n.
func Principle(n int) string { return ModelIRI("principe", itoa(n)) }

// AudienceGroup returns model/doelpubliek/{slug}, a target audience as the
// model names it.
func AudienceGroup(slug string) string { return ModelIRI("doelpubliek", slug) }

// SurveyItemIRI returns model/vraag/{domain}/{kind}; kind is "maturiteit",
// "nood" or the slug of an extra statement.
func SurveyItemIRI(domain, kind string) string { return ModelIRI("vraag", domain, kind) }

// Theme returns model/thema/{slug...}: a theme or, with two parts, a sub-theme.
func Theme(slug ...string) string { return ModelIRI("thema", slug...) }

// Star returns model/ster/{n}, level n of the five-star scheme.
func Star(n int) string { return ModelIRI("ster", itoa(n)) }

// Method returns model/methode/{slug}: zelfevaluatie, bevraging, interviews, combinatie.
func Method(slug string) string { return ModelIRI("methode", slug) }

// Level returns model/niveau/{scale}/{n}; scale is "maturiteit" or "nood".
func Level(scale string, n int) string { return ModelIRI("niveau", scale, itoa(n)) }

// ConceptScheme returns model/conceptschema/{name}.
func ConceptScheme(name string) string { return ModelIRI("conceptschema", name) }

// DSD returns model/dsd/{name}: evaluatie, bevraging or studie.
func DSD(name string) string { return ModelIRI("dsd", name) }

// Basis returns model/herkomst/{slug}: studietekst (the study's own words)
// or interpretatie (our reading of the study).
func Basis(slug string) string { return ModelIRI("herkomst", slug) }

// Study returns model/studie/{name...}: the study, its findings, indicators
// and conclusions.
func Study(name ...string) string { return ModelIRI("studie", name...) }

// StudyDataset is the study's findings as a qb:DataSet.
func StudyDataset() string { return ModelIRI("dataset", "studie-open-data-awareness") }

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
// id/observatie/bevraging/{nis}/{year}/v{v}/{item...}/{group}, where item is
// the survey item's path below model/vraag/ (e.g. kennis/nood).
func SurveyObservation(base, nis string, year, v int, item, group string) string {
	return join(base, "id/observatie/bevraging", nis, itoa(year), version(v), item, group)
}

// Dataset returns id/dataset/{name...}, a data set of this instance's
// catalog.
func Dataset(base string, name ...string) string {
	return join(base, append([]string{"id/dataset"}, name...)...)
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

// StudyGraph returns graph/studie: this instance's copy of the study.
func StudyGraph(base string) string { return join(base, "graph/studie") }

// Graph returns graph/{name}, the graph a directory ttl/{name} loads into.
func Graph(base, name string) string { return join(base, "graph", name) }

// Withdrawal returns id/intrekking/evaluatie/{nis}/{year}: the withdrawal
// of an organisation's assessment for a year (a prov:Invalidation), which
// says when and why.
func Withdrawal(base, nis string, year int) string {
	return join(base, "id/intrekking/evaluatie", nis, itoa(year))
}

// WithdrawalGraph returns graph/intrekking/evaluatie/{nis}/{year}: the
// record of a withdrawal and the tombstones of what it withdrew.
func WithdrawalGraph(base, nis string, year int) string {
	return join(base, "graph/intrekking/evaluatie", nis, itoa(year))
}
