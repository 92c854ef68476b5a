package rdfxml

import (
	"encoding/xml"
	"sort"
	"strings"
)

// xmlLiteral reads the content of an rdf:parseType="Literal" property
// element up to its end tag and returns it in the form of Exclusive XML
// Canonicalization (without comments), which RDF 1.1 uses as the lexical
// form of rdf:XMLLiteral: namespaces declared where they are first used,
// attributes sorted, empty elements written as start and end tag.
func (p *rxParser) xmlLiteral() (string, error) {
	var b strings.Builder
	type frame struct {
		qname    string
		mark     int
		rendered map[string]string // prefix → namespace rendered on this element
	}
	var stack []frame
	renderedValue := func(prefix string) (string, bool) {
		for i := len(stack) - 1; i >= 0; i-- {
			if v, ok := stack[i].rendered[prefix]; ok {
				return v, true
			}
		}
		return "", false
	}
	for {
		tok, err := p.token()
		if err != nil {
			return "", p.eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			mark := len(p.ns)
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					p.ns = append(p.ns, rxBinding{a.Name.Local, a.Value})
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					p.ns = append(p.ns, rxBinding{"", a.Value})
				}
			}
			f := frame{mark: mark, rendered: map[string]string{}}
			prefix := p.prefixFor(t.Name.Space)
			f.qname = rxQName(prefix, t.Name.Local)
			// Namespaces visibly used by the element and its attributes.
			need := map[string]string{}
			need[prefix] = t.Name.Space
			type attr struct{ space, qname, value string }
			var attrs []attr
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				ap := ""
				if a.Name.Space != "" {
					ap = p.prefixFor(a.Name.Space)
					need[ap] = a.Name.Space
				}
				attrs = append(attrs, attr{a.Name.Space, rxQName(ap, a.Name.Local), a.Value})
			}
			prefixes := make([]string, 0, len(need))
			for pf, uri := range need {
				if pf == "xml" {
					continue
				}
				old, ok := renderedValue(pf)
				if (ok && old == uri) || (!ok && uri == "" && pf == "") {
					continue
				}
				f.rendered[pf] = uri
				prefixes = append(prefixes, pf)
			}
			sort.Strings(prefixes)
			b.WriteString("<" + f.qname)
			for _, pf := range prefixes {
				if pf == "" {
					b.WriteString(` xmlns="`)
				} else {
					b.WriteString(" xmlns:" + pf + `="`)
				}
				rxEscapeAttr(&b, f.rendered[pf])
				b.WriteByte('"')
			}
			sort.Slice(attrs, func(i, j int) bool {
				if attrs[i].space != attrs[j].space {
					return attrs[i].space < attrs[j].space
				}
				return attrs[i].qname < attrs[j].qname
			})
			for _, a := range attrs {
				b.WriteString(" " + a.qname + `="`)
				rxEscapeAttr(&b, a.value)
				b.WriteByte('"')
			}
			b.WriteByte('>')
			stack = append(stack, f)
		case xml.EndElement:
			if len(stack) == 0 {
				return b.String(), nil
			}
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			p.ns = p.ns[:f.mark]
			b.WriteString("</" + f.qname + ">")
		case xml.CharData:
			rxEscapeText(&b, string(t))
		case xml.ProcInst:
			b.WriteString("<?" + t.Target)
			if len(t.Inst) > 0 {
				b.WriteString(" " + string(t.Inst))
			}
			b.WriteString("?>")
		}
	}
}

// prefixFor finds the prefix currently bound to a namespace.
func (p *rxParser) prefixFor(uri string) string {
	if uri == "" {
		return ""
	}
	if uri == rxXMLNS {
		return "xml"
	}
	shadowed := map[string]bool{}
	for i := len(p.ns) - 1; i >= 0; i-- {
		b := p.ns[i]
		if shadowed[b.prefix] {
			continue
		}
		if b.uri == uri {
			return b.prefix
		}
		shadowed[b.prefix] = true
	}
	return ""
}

func rxQName(prefix, local string) string {
	if prefix == "" {
		return local
	}
	return prefix + ":" + local
}

func rxEscapeText(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
}

func rxEscapeAttr(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '"':
			b.WriteString("&quot;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
}
