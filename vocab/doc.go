// Package vocab holds the maturity model as data: the ontology, the 11
// domains with their actions, target audiences and Open Data Charter
// principles, the staff profiles, the scales with per-domain level
// descriptors, the survey questionnaire, the Data Cube structures, the
// study (its definitions, conclusions and findings) and the centre cities,
// as Turtle files embedded in the binary, plus the IRI patterns every other
// package mints.
//
// Two kinds of IRI (iri.go). The ontology and the model are the same on
// every instance: persistent identifiers under SharedBase
// (https://w3id.org/open-data-maturiteit/), so every city's data uses the
// same predicates and domains. What an instance publishes itself stays
// under its base. The model declares its namespaces in its Turtle
// (vann:preferredNamespaceUri with mat:sharedBase); ReadNamespaces reads
// them and Mirror maps each shared IRI to the page an instance serves it at
// (the same path under its base) and back (mirror.go).
//
// Every file in the directory ttl/NAME is loaded into the named graph
// BASE + "graph/NAME" (graph/model, graph/studie, graph/organisaties);
// relative IRIs in a file resolve against the instance base, which is what
// the organisations use, while the model's files set @base to the shared
// base. Another maturity model is another directory of Turtle files, loaded
// with LoadFS, without a code change.
//
// Files: iri.go (IRI helpers), mirror.go (namespaces and the mirror),
// load.go (embedded Turtle), model.go (ReadModel: the model as Go values,
// with the study's findings for the plan), context.go (prefixes, JSON-LD
// context), ns.go (standard namespaces, licences).
//
// Design decisions that other packages rely on:
//
//   - One qb:DataSet per assessment version (id/evaluatie/{NIS}/{year}/v{n}),
//     not one per organisation: versions are immutable, each lives in its own
//     named graph, and the Data Cube rule that no two observations of a data
//     set share all dimension values (IC-12) holds per version. The
//     version-less id/evaluatie/{NIS}/{year} names the assessment as such and
//     points to the current version with mat:currentVersion.
//   - Attributes are attached to each observation, so the published cubes are
//     already in the normalised form the integrity constraints assume.
package vocab
