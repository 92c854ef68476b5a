// Package rml holds the RML mapping documents the tool ships: the
// self-assessment sheet (zelfevaluatie.ttl), the staff survey export
// (bevraging.ttl) and an organisation list (organisaties.ttl). They are data:
// a city adapts a copy to its own survey tool and passes it with --mapping.
package rml
