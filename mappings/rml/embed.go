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
