// Package vocab holds the maturity model as data: the ontology, the 11
// domains with their actions, target audiences and Open Data Charter
// principles, the staff profiles, the scales, the survey questionnaire, the
// Data Cube structures and the centre cities, as Turtle files embedded in
// the binary, plus the IRI patterns every other package mints.
//
// The Turtle files use IRIs relative to the instance base, so one binary can
// publish under any host. Every file in the directory ttl/NAME is loaded
// into the named graph BASE + "graph/NAME" (graph/model, graph/organisaties):
// another maturity model is another directory of Turtle files, loaded with
// LoadFS, without a code change.
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
