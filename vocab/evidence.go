package vocab

// The evidence of a city's published catalog (package evidence) is
// described with metrics and dimensions of the shared model, which lives
// under the project's w3id base whatever the instance base is, so that two
// instances' measurements are comparable. The measurements themselves are
// instance things and live under the instance base.

// EvidenceTerm returns a term of the shared ontology namespace, e.g.
// EvidenceTerm("formatSource").
func EvidenceTerm(local string) string { return Mat(local) }

// EvidenceMetric returns the model resource of a quality metric:
// model/metriek/{name}, with name the piveau (pv:) local name where the
// metric mirrors data.europa.eu's, e.g. "keywordAvailability".
func EvidenceMetric(name string) string { return ModelNS + "metriek/" + name }

// EvidenceDimension returns model/dimensie/{name}.
func EvidenceDimension(name string) string { return ModelNS + "dimensie/" + name }

// EvidenceModel returns model/{kind}/{name}, for the other model
// resources the evidence uses (format sources, the software agent).
func EvidenceModel(kind, name string) string { return ModelNS + "" + kind + "/" + name }

// EvidenceGraph returns graph/bewijs/{nis}/{date}: everything one
// measurement of an organisation's catalog found on one date (YYYY-MM-DD).
func EvidenceGraph(base, nis, date string) string { return join(base, "graph/bewijs", nis, date) }

// Evidence returns id/bewijs/{nis}/{date}, the report of that measurement;
// its measurements are id/bewijs/{nis}/{date}/{key}.
func Evidence(base, nis, date string) string { return join(base, "id/bewijs", nis, date) }
