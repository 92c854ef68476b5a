package fn

import (
	"testing"

	"github.com/stadleuven/maturity/rdf"
)

// Ensure the casts follow the XPath casting table, including invalid
// lexical forms, which are errors.
func TestCasts(t *testing.T) {
	xs := func(local string) string { return rdf.XSDNS + local }
	runCalls(t, []callCase{
		{name: xs("integer"), args: []rdf.Term{str("13")}, want: integer("13")},
		{name: xs("integer"), args: []rdf.Term{str(" +13 ")}, want: integer("13")},
		{name: xs("integer"), args: []rdf.Term{str("1.5")}, err: ErrLexical},
		{name: xs("integer"), args: []rdf.Term{str("string")}, err: ErrLexical},
		{name: xs("integer"), args: []rdf.Term{decimal("-2.5")}, want: integer("-2")},
		{name: xs("integer"), args: []rdf.Term{double("1.9E0")}, want: integer("1")},
		{name: xs("integer"), args: []rdf.Term{double("1E30")}, want: integer("1000000000000000019884624838656")},
		{name: xs("integer"), args: []rdf.Term{double("NaN")}, err: ErrType},
		{name: xs("integer"), args: []rdf.Term{typed("true", rdf.XSDBoolean)}, want: integer("1")},
		{name: xs("integer"), args: []rdf.Term{dateTime("2002-10-10T17:00:00Z")}, err: ErrType},
		{name: xs("integer"), args: []rdf.Term{iri("http://ex/")}, err: ErrType},
		{name: xs("integer"), args: []rdf.Term{lang("1", "en")}, err: ErrType},
		{name: xs("byte"), args: []rdf.Term{integer("200")}, err: ErrType},
		{name: xs("byte"), args: []rdf.Term{str("-128")}, want: typed("-128", xs("byte"))},
		{name: xs("decimal"), args: []rdf.Term{str("+33.3300")}, want: decimal("33.33")},
		{name: xs("decimal"), args: []rdf.Term{str("1E0")}, err: ErrLexical},
		{name: xs("decimal"), args: []rdf.Term{integer("13")}, want: decimal("13")},
		{name: xs("decimal"), args: []rdf.Term{float("-7.875")}, want: decimal("-7.875")},
		{name: xs("decimal"), args: []rdf.Term{float("0.1")}, want: decimal("0.1")},
		{name: xs("decimal"), args: []rdf.Term{double("INF")}, err: ErrType},
		{name: xs("decimal"), args: []rdf.Term{typed("false", rdf.XSDBoolean)}, want: decimal("0")},
		{name: xs("double"), args: []rdf.Term{str("-10.2E3")}, want: double("-1.02E4")},
		{name: xs("double"), args: []rdf.Term{str("INF")}, want: double("INF")},
		{name: xs("double"), args: []rdf.Term{str("inf")}, err: ErrLexical},
		{name: xs("double"), args: []rdf.Term{integer("1")}, want: double("1.0E0")},
		{name: xs("double"), args: []rdf.Term{decimal("2.5")}, want: double("2.5E0")},
		{name: xs("float"), args: []rdf.Term{double("0.1")}, want: float("1.0E-1")},
		{name: xs("float"), args: []rdf.Term{str("1.25")}, want: float("1.25E0")},
		{name: xs("boolean"), args: []rdf.Term{str("1")}, want: Bool(true)},
		{name: xs("boolean"), args: []rdf.Term{str("TRUE")}, err: ErrLexical},
		{name: xs("boolean"), args: []rdf.Term{integer("0")}, want: Bool(false)},
		{name: xs("boolean"), args: []rdf.Term{double("NaN")}, want: Bool(false)},
		{name: xs("boolean"), args: []rdf.Term{decimal("-2.5")}, want: Bool(true)},
		{name: xs("boolean"), args: []rdf.Term{typed("0", rdf.XSDBoolean)}, want: Bool(false)},
		{name: xs("string"), args: []rdf.Term{iri("http://ex/a")}, want: str("http://ex/a")},
		{name: xs("string"), args: []rdf.Term{decimal("+1.50")}, want: str("1.5")},
		{name: xs("string"), args: []rdf.Term{integer("007")}, want: str("7")},
		{name: xs("string"), args: []rdf.Term{decimal("1")}, want: str("1")},
		{name: xs("string"), args: []rdf.Term{double("1E0")}, want: str("1")},
		{name: xs("string"), args: []rdf.Term{double("0E1")}, want: str("0")},
		{name: xs("string"), args: []rdf.Term{float("-7.875")}, want: str("-7.875")},
		{name: xs("string"), args: []rdf.Term{double("1E6")}, want: str("1.0E6")},
		{name: xs("string"), args: []rdf.Term{double("1.5E-7")}, want: str("1.5E-7")},
		{name: xs("string"), args: []rdf.Term{double("-INF")}, want: str("-INF")},
		{name: xs("string"), args: []rdf.Term{typed("1", rdf.XSDBoolean)}, want: str("true")},
		{name: xs("string"), args: []rdf.Term{dateTime("2002-10-10T17:00:00Z")}, want: str("2002-10-10T17:00:00Z")},
		{name: xs("string"), args: []rdf.Term{integer("x")}, err: ErrLexical},
		{name: xs("string"), args: []rdf.Term{rdf.Blank("b")}, err: ErrType},
		{name: xs("dateTime"), args: []rdf.Term{str("2002-10-10T17:00:00Z")}, want: dateTime("2002-10-10T17:00:00Z")},
		{name: xs("dateTime"), args: []rdf.Term{str("2002-10-10")}, err: ErrLexical},
		{name: xs("dateTime"), args: []rdf.Term{typed("2002-10-10+01:00", rdf.XSDDate)}, want: dateTime("2002-10-10T00:00:00+01:00")},
		{name: xs("date"), args: []rdf.Term{dateTime("2002-10-10T17:00:00Z")}, want: typed("2002-10-10Z", rdf.XSDDate)},
		{name: xs("time"), args: []rdf.Term{dateTime("2002-10-10T17:00:00Z")}, want: typed("17:00:00Z", xsdTime)},
		{name: xs("dateTime"), args: []rdf.Term{integer("1")}, err: ErrType},
		{name: xs("gYear"), args: []rdf.Term{str("2002")}, err: ErrUnknownFunction},
	})
}
