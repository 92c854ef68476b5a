package eval

import (
	"testing"

	"github.com/stadleuven/maturity/dataset"
	"github.com/stadleuven/maturity/rdf"
)

func TestDict(t *testing.T) {
	a := rdf.IRI("http://example.org/a")
	ds := dataset.NewMemory([]rdf.Quad{rdf.Triple(a, a, a)})
	d := newDict(ds, &meter{max: 1 << 40})
	idA, err := d.intern(a)
	if err != nil || idA&overlayBit != 0 {
		t.Fatalf("intern of a stored term = %x, %v; want its dataset id", idA, err)
	}
	computed := rdf.Literal("computed")
	idC, err := d.intern(computed)
	if err != nil || idC&overlayBit == 0 {
		t.Fatalf("intern of a computed term = %x, %v; want an overlay id", idC, err)
	}
	if again, _ := d.intern(computed); again != idC {
		t.Errorf("computed term got two ids: %x and %x", idC, again)
	}
	// Language tags match case-insensitively.
	ds2 := dataset.NewMemory([]rdf.Quad{rdf.Triple(a, a, rdf.LangLiteral("x", "en"))})
	if _, ok, _ := newDict(ds2, &meter{max: 1 << 40}).lookup(rdf.LangLiteral("x", "EN")); !ok {
		t.Error(`"x"@EN not found as "x"@en`)
	}
	// A reset drops cached dataset terms but keeps overlay ids.
	d.reset()
	if got, _ := d.term(idC); got != computed {
		t.Errorf("after reset, overlay id decodes to %v", got)
	}
	if again, _ := d.intern(computed); again != idC {
		t.Errorf("after reset, computed term got a new id %x (was %x)", again, idC)
	}
	if got, _ := d.term(idA); got != a {
		t.Errorf("after reset, dataset id decodes to %v", got)
	}
}
