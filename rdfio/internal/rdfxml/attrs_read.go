package rdfxml

import (
	"encoding/hex"
	"encoding/xml"
	"strings"
	"unicode"

	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/rdfio/internal/codec"
)

// rxAttrs are an element's attributes sorted into the RDF syntax ones and
// property attributes.
type rxAttrs struct {
	id, about, nodeID, resource, parseType, datatype *string
	props                                            []xml.Attr
}

// rxUnqualified lists the attribute names that RDF/XML still accepts without
// a namespace (old documents); they mean their rdf: counterparts.
var rxUnqualified = map[string]bool{"ID": true, "about": true, "resource": true, "parseType": true, "type": true}

func (p *rxParser) attrs(el xml.StartElement) (rxAttrs, error) {
	var a rxAttrs
	for _, at := range el.Attr {
		name := at.Name
		switch {
		case name.Space == "xmlns" || name.Space == "" && name.Local == "xmlns":
			continue
		case name.Space == rxXMLNS || strings.HasPrefix(strings.ToLower(name.Space), "xml") && !strings.Contains(name.Space, ":"):
			continue // xml:lang and xml:base are handled by enter; other xml* names are reserved
		case name.Space == "":
			if strings.HasPrefix(strings.ToLower(name.Local), "xml") {
				continue
			}
			if !rxUnqualified[name.Local] {
				return a, p.errorf("attribute %q has no namespace", name.Local)
			}
			name.Space = rdf.RDFNS
		case !strings.Contains(name.Space, ":"):
			return a, p.errorf("undeclared namespace prefix %q", name.Space)
		}
		v := at.Value
		if name.Space == rdf.RDFNS {
			switch name.Local {
			case "ID":
				a.id = &v
				continue
			case "about":
				a.about = &v
				continue
			case "nodeID":
				a.nodeID = &v
				continue
			case "resource":
				a.resource = &v
				continue
			case "parseType":
				a.parseType = &v
				continue
			case "datatype":
				a.datatype = &v
				continue
			case "li", "Description", "RDF", "aboutEach", "aboutEachPrefix", "bagID":
				return a, p.errorf("rdf:%s is not allowed as an attribute", name.Local)
			}
		}
		a.props = append(a.props, xml.Attr{Name: name, Value: v})
	}
	return a, nil
}

// rxNCName reports whether s is an XML NCName, as rdf:ID and rdf:nodeID
// values must be.
func rxNCName(s string) bool {
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || r == '_':
		case i > 0 && (unicode.IsDigit(r) || r == '.' || r == '-' || r == 0xB7 || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Lm, r)):
		default:
			return false
		}
	}
	return s != ""
}

func (p *rxParser) idIRI(ctx rxCtx, id string) (rdf.Term, error) {
	if !rxNCName(id) {
		return rdf.Term{}, p.errorf("rdf:ID %q is not an XML name", id)
	}
	iri, err := p.resolve(ctx, "#"+id)
	if err != nil {
		return rdf.Term{}, err
	}
	if p.ids[iri] {
		return rdf.Term{}, p.errorf("rdf:ID %q used twice", id)
	}
	p.ids[iri] = true
	return rdf.IRI(iri), nil
}

func (p *rxParser) nodeID(id string) (rdf.Term, error) {
	if !rxNCName(id) {
		return rdf.Term{}, p.errorf("rdf:nodeID %q is not an XML name", id)
	}
	if codec.BlankLabelLen([]byte(id)) != len(id) {
		// A valid NCName that N-Triples cannot write as a label ("a.",
		// "ª"): hex-encode it in the "_h" space, which neither document
		// labels nor anonymous nodes use.
		return rdf.Blank(p.opts.BlankPrefix + "_h" + hex.EncodeToString([]byte(id))), nil
	}
	return rdf.Blank(codec.BlankLabel(p.opts.BlankPrefix, id)), nil
}
