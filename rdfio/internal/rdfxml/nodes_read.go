package rdfxml

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdf"
)

// The node and property element productions of RDF/XML (RDF 1.1 XML
// Syntax §7.2), one method each.

var rxPropertyForbidden = map[string]bool{
	"RDF": true, "ID": true, "about": true, "parseType": true, "resource": true, "nodeID": true,
	"datatype": true, "Description": true, "aboutEach": true, "aboutEachPrefix": true, "bagID": true,
}

// nodeElement handles a node element and its property elements and returns
// the node.
func (p *rxParser) nodeElement(el xml.StartElement, ctx rxCtx) (rdf.Term, error) {
	ctx, mark, err := p.enter(el, ctx)
	defer p.leave(mark)
	if err != nil {
		return rdf.Term{}, err
	}
	if el.Name.Space == "" {
		return rdf.Term{}, p.errorf("node element <%s> has no namespace", el.Name.Local)
	}
	if el.Name.Space == rdf.RDFNS {
		switch el.Name.Local {
		case "RDF", "ID", "about", "parseType", "resource", "nodeID", "datatype", "li", "aboutEach", "aboutEachPrefix", "bagID":
			return rdf.Term{}, p.errorf("rdf:%s is not allowed as a node element", el.Name.Local)
		}
	}
	a, err := p.attrs(el)
	if err != nil {
		return rdf.Term{}, err
	}
	if a.parseType != nil || a.resource != nil || a.datatype != nil {
		return rdf.Term{}, p.errorf("rdf:parseType, rdf:resource and rdf:datatype are not allowed on a node element")
	}
	var subj rdf.Term
	set := 0
	if a.id != nil {
		set++
		if subj, err = p.idIRI(ctx, *a.id); err != nil {
			return subj, err
		}
	}
	if a.nodeID != nil {
		set++
		if subj, err = p.nodeID(*a.nodeID); err != nil {
			return subj, err
		}
	}
	if a.about != nil {
		set++
		iri, err := p.resolve(ctx, *a.about)
		if err != nil {
			return subj, err
		}
		subj = rdf.IRI(iri)
	}
	switch set {
	case 0:
		subj = p.newAnon()
	case 1:
	default:
		return subj, p.errorf("only one of rdf:ID, rdf:about and rdf:nodeID is allowed")
	}
	if !rxIsRDF(el.Name, "Description") {
		typ, err := p.nameIRI(el.Name)
		if err != nil {
			return subj, err
		}
		if err := p.triple(subj, rdf.IRI(rdf.RDFType), typ); err != nil {
			return subj, err
		}
	}
	if err := p.propertyAttrs(subj, a.props, ctx); err != nil {
		return subj, err
	}
	return subj, p.propertyElts(subj, ctx)
}

func (p *rxParser) propertyAttrs(subj rdf.Term, props []xml.Attr, ctx rxCtx) error {
	for _, at := range props {
		var o rdf.Term
		if rxIsRDF(at.Name, "type") {
			iri, err := p.resolve(ctx, at.Value)
			if err != nil {
				return err
			}
			o = rdf.IRI(iri)
		} else {
			o = rxLiteral(at.Value, ctx.lang)
		}
		pr, err := p.nameIRI(at.Name)
		if err != nil {
			return err
		}
		if err := p.triple(subj, pr, o); err != nil {
			return err
		}
	}
	return nil
}

func rxLiteral(s, lang string) rdf.Term {
	if lang != "" {
		return rdf.LangLiteral(s, lang)
	}
	return rdf.Literal(s)
}

// propertyElts reads property elements up to the end of the enclosing
// element.
func (p *rxParser) propertyElts(subj rdf.Term, ctx rxCtx) error {
	li := 1
	for {
		tok, err := p.token()
		if err != nil {
			return p.eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := p.propertyElt(t, subj, ctx, &li); err != nil {
				return err
			}
		case xml.CharData:
			if !rxBlank(t) {
				return p.errorf("text where a property element was expected")
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (p *rxParser) propertyElt(el xml.StartElement, subj rdf.Term, ctx rxCtx, li *int) error {
	ctx, mark, err := p.enter(el, ctx)
	defer p.leave(mark)
	if err != nil {
		return err
	}
	if el.Name.Space == "" {
		return p.errorf("property element <%s> has no namespace", el.Name.Local)
	}
	var pr rdf.Term
	switch {
	case rxIsRDF(el.Name, "li"):
		pr = rdf.IRI(rdf.RDFNS + "_" + strconv.Itoa(*li))
		*li++
	case el.Name.Space == rdf.RDFNS && rxPropertyForbidden[el.Name.Local]:
		return p.errorf("rdf:%s is not allowed as a property element", el.Name.Local)
	default:
		if pr, err = p.nameIRI(el.Name); err != nil {
			return err
		}
	}
	a, err := p.attrs(el)
	if err != nil {
		return err
	}
	if a.about != nil {
		return p.errorf("rdf:about is not allowed on a property element")
	}
	var reify rdf.Term
	if a.id != nil {
		if reify, err = p.idIRI(ctx, *a.id); err != nil {
			return err
		}
	}
	var obj rdf.Term
	if a.parseType != nil {
		if a.resource != nil || a.nodeID != nil || a.datatype != nil || len(a.props) > 0 {
			return p.errorf("rdf:parseType allows no other RDF attributes except rdf:ID")
		}
		obj, err = p.parseTypeContent(*a.parseType, subj, pr, ctx)
	} else {
		obj, err = p.plainContent(a, subj, pr, ctx)
	}
	if err != nil {
		return err
	}
	if reify.IsZero() {
		return nil
	}
	for _, t := range [][2]rdf.Term{
		{rdf.IRI(rdf.RDFType), rdf.IRI(rdf.RDFNS + "Statement")},
		{rdf.IRI(rdf.RDFNS + "subject"), subj},
		{rdf.IRI(rdf.RDFNS + "predicate"), pr},
		{rdf.IRI(rdf.RDFNS + "object"), obj},
	} {
		if err := p.triple(reify, t[0], t[1]); err != nil {
			return err
		}
	}
	return nil
}

// parseTypeContent handles rdf:parseType="Resource", "Collection" and
// "Literal" (any other value counts as "Literal").
func (p *rxParser) parseTypeContent(kind string, subj, pr rdf.Term, ctx rxCtx) (rdf.Term, error) {
	switch kind {
	case "Resource":
		n := p.newAnon()
		if err := p.triple(subj, pr, n); err != nil {
			return n, err
		}
		return n, p.propertyElts(n, ctx)
	case "Collection":
		var items []rdf.Term
		for {
			tok, err := p.token()
			if err != nil {
				return rdf.Term{}, p.eof(err)
			}
			switch t := tok.(type) {
			case xml.StartElement:
				n, err := p.nodeElement(t, ctx)
				if err != nil {
					return n, err
				}
				items = append(items, n)
				continue
			case xml.CharData:
				if !rxBlank(t) {
					return rdf.Term{}, p.errorf("text inside rdf:parseType=\"Collection\"")
				}
				continue
			case xml.EndElement:
			default:
				continue
			}
			break
		}
		head := rdf.IRI(rdf.RDFNil)
		nodes := make([]rdf.Term, len(items))
		for i := range items {
			nodes[i] = p.newAnon()
		}
		if len(nodes) > 0 {
			head = nodes[0]
		}
		if err := p.triple(subj, pr, head); err != nil {
			return head, err
		}
		for i, n := range nodes {
			next := rdf.IRI(rdf.RDFNil)
			if i+1 < len(nodes) {
				next = nodes[i+1]
			}
			if err := p.triple(n, rdf.IRI(rdf.RDFFirst), items[i]); err != nil {
				return head, err
			}
			if err := p.triple(n, rdf.IRI(rdf.RDFRest), next); err != nil {
				return head, err
			}
		}
		return head, nil
	}
	lit, err := p.xmlLiteral()
	if err != nil {
		return rdf.Term{}, err
	}
	o := rdf.TypedLiteral(lit, rdf.RDFXMLLiteral)
	return o, p.triple(subj, pr, o)
}

// plainContent handles property elements without rdf:parseType: a nested
// node element, text, or nothing (an empty property element).
func (p *rxParser) plainContent(a rxAttrs, subj, pr rdf.Term, ctx rxCtx) (rdf.Term, error) {
	var text strings.Builder
	for {
		tok, err := p.token()
		if err != nil {
			return rdf.Term{}, p.eof(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			if !rxBlank([]byte(text.String())) {
				return rdf.Term{}, p.errorf("property element mixes text and a node element")
			}
			if a.resource != nil || a.nodeID != nil || a.datatype != nil || len(a.props) > 0 {
				return rdf.Term{}, p.errorf("a property element with a node element inside allows only rdf:ID")
			}
			o, err := p.nodeElement(t, ctx)
			if err != nil {
				return o, err
			}
			if err := p.triple(subj, pr, o); err != nil {
				return o, err
			}
			return o, p.closeProperty()
		case xml.EndElement:
			return p.leafProperty(a, text.String(), subj, pr, ctx)
		}
	}
}

// closeProperty expects only white space up to the property's end tag.
func (p *rxParser) closeProperty() error {
	for {
		tok, err := p.token()
		if err != nil {
			return p.eof(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if !rxBlank(t) {
				return p.errorf("text after the node element in a property element")
			}
		case xml.StartElement:
			return p.errorf("a property element holds at most one node element")
		case xml.EndElement:
			return nil
		}
	}
}

// leafProperty is a literal property element (text) or an empty one.
func (p *rxParser) leafProperty(a rxAttrs, text string, subj, pr rdf.Term, ctx rxCtx) (rdf.Term, error) {
	if text != "" || a.datatype != nil {
		if a.resource != nil || a.nodeID != nil || len(a.props) > 0 {
			return rdf.Term{}, p.errorf("a literal property element allows only rdf:ID and rdf:datatype")
		}
		o := rxLiteral(text, ctx.lang)
		if a.datatype != nil {
			dt, err := p.resolve(ctx, *a.datatype)
			if err != nil {
				return o, err
			}
			o = rdf.TypedLiteral(text, dt)
		}
		return o, p.triple(subj, pr, o)
	}
	if a.resource == nil && a.nodeID == nil && len(a.props) == 0 {
		o := rxLiteral("", ctx.lang)
		return o, p.triple(subj, pr, o)
	}
	var o rdf.Term
	switch {
	case a.resource != nil && a.nodeID != nil:
		return o, p.errorf("rdf:resource and rdf:nodeID exclude each other")
	case a.resource != nil:
		iri, err := p.resolve(ctx, *a.resource)
		if err != nil {
			return o, err
		}
		o = rdf.IRI(iri)
	case a.nodeID != nil:
		var err error
		if o, err = p.nodeID(*a.nodeID); err != nil {
			return o, err
		}
	default:
		o = p.newAnon()
	}
	if err := p.triple(subj, pr, o); err != nil {
		return o, err
	}
	return o, p.propertyAttrs(o, a.props, ctx)
}
