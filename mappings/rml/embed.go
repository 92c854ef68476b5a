// Package rml holds the RML mapping documents the tool ships: the
// self-assessment sheet (zelfevaluatie.ttl), the staff survey export
// (bevraging.ttl) and an organisation list (organisaties.ttl). They are data:
// a city adapts a copy to its own survey tool and passes it with --mapping.
package rml

import (
	"embed"
	"io/fs"
)

//go:embed *.ttl
var files embed.FS

// Files returns the embedded mapping documents.
func Files() fs.FS { return files }

// Names of the shipped mappings.
const (
	SelfAssessment = "zelfevaluatie.ttl"
	Survey         = "bevraging.ttl"
	Organisations  = "organisaties.ttl"
)
