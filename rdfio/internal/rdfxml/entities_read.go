package rdfxml

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// Internal DTD entities, as RDF/XML documents use them to abbreviate
// namespace IRIs (<!ENTITY ex "http://example.org/ns#"> … "&ex;thing"),
// without the "billion laughs": ten entities, each ten references to the
// one before, make a 547-byte document that expands to gigabytes (it used
// to be read as a 100 MB literal), and one large entity referenced over
// and over does the same more slowly.
//
// encoding/xml substitutes the values in Decoder.Entity itself, without
// counting, so the counting happens around it: a value is expanded once,
// when it is declared, and refused if it alone would exceed the budget;
// and every reference in the document is charged the length of its value
// as the decoder reads the reference's closing ';' (rxReader feeds the
// decoder byte by byte), before the decoder expands it. The budget is
// MaxEntityBytes plus rxEntityRatio bytes per byte of the document read,
// so that a large document using entities throughout (as OWL tools write
// them) still reads, while a small one cannot blow up.

// DefaultMaxEntityBytes is the default of rdfio.ParseOptions.MaxEntityBytes.
const DefaultMaxEntityBytes = 1 << 20

// rxEntityRatio is how many bytes of expansion each byte of the document
// adds to the budget.
const rxEntityRatio = 8

// rxEntities holds the declared entities' sizes and the expansion count.
type rxEntities struct {
	d    *xml.Decoder
	size map[string]int // name → length of the expanded value
	used int64          // bytes expanded so far
	max  int64          // MaxEntityBytes; negative: no limit
}

func newRxEntities(max int64, d *xml.Decoder) *rxEntities {
	if max == 0 {
		max = DefaultMaxEntityBytes
	}
	return &rxEntities{d: d, size: map[string]int{}, max: max}
}

// charge counts n more expanded bytes.
func (e *rxEntities) charge(n int, what string) error {
	e.used += int64(n)
	if e.max < 0 {
		return nil
	}
	if allowed := e.max + rxEntityRatio*e.d.InputOffset(); e.used > allowed {
		return fmt.Errorf("%s: entity references expand to more than %d bytes (limit max-entity-bytes: %d bytes plus %d per byte of the document)",
			what, allowed, e.max, rxEntityRatio)
	}
	return nil
}

// rxRefs follows the bytes the decoder reads for entity references:
// '&', a name, ';'. Character references and the predefined entities are
// not declared, so they cost nothing; references in comments are charged
// too, which only errs on the safe side.
type rxRefs struct {
	ents   *rxEntities
	active bool // an entity has been declared
	in     bool // inside '&' … ';'
	name   []byte
}

// rxMaxRefName bounds the name kept for a reference; longer names are no
// declared entity (declaring one that long makes it unreachable, which is
// harmless).
const rxMaxRefName = 256

func (r *rxRefs) step(c byte) error {
	switch {
	case c == '&':
		r.in, r.name = true, r.name[:0]
	case c == ';':
		r.in = false
		if n, ok := r.ents.size[string(r.name)]; ok {
			return r.ents.charge(n, "&"+string(r.name)+";")
		}
	case len(r.name) < rxMaxRefName && c != '<' && c != ' ' && c != '"' && c != '\'':
		r.name = append(r.name, c)
	default:
		r.in = false
	}
	return nil
}

// entities reads <!ENTITY name "value"> declarations from the internal DTD
// subset. References in a value to entities declared before it are
// expanded, within the budget.
func (p *rxParser) entities(d xml.Directive) error {
	s := string(d)
	for {
		i := strings.Index(s, "<!ENTITY")
		if i < 0 {
			return nil
		}
		s = s[i+len("<!ENTITY"):]
		fields := strings.Fields(s)
		if len(fields) < 2 || fields[0] == "%" {
			continue
		}
		name := fields[0]
		rest := strings.TrimSpace(s[strings.Index(s, name)+len(name):])
		if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
			continue
		}
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return nil
		}
		val, err := p.expandValue(rest[1:1+end], name)
		if err != nil {
			return p.errorf("%v", err)
		}
		p.d.Entity[name] = val
		p.ents.size[name] = len(val)
		p.src.refs.active = true
	}
}

// expandValue replaces the references in an entity's value by the values
// declared before it, charging what it writes before writing it.
func (p *rxParser) expandValue(v, name string) (string, error) {
	var b strings.Builder
	for v != "" {
		i := strings.IndexByte(v, '&')
		k := -1
		if i >= 0 {
			k = strings.IndexByte(v[i:], ';')
		}
		if i < 0 || k < 0 {
			b.WriteString(v)
			break
		}
		ref := v[i+1 : i+k]
		val, ok := p.d.Entity[ref]
		if !ok {
			b.WriteString(v[:i+k+1])
			v = v[i+k+1:]
			continue
		}
		if err := p.ents.charge(len(val), "<!ENTITY "+name+">"); err != nil {
			return "", err
		}
		b.WriteString(v[:i])
		b.WriteString(val)
		v = v[i+k+1:]
	}
	return b.String(), nil
}
