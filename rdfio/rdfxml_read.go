package rdfio

import (
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/stadleuven/maturity/rdf"
)

// Our own RDF/XML reader (RDF 1.1 XML Syntax, §7 grammar) on encoding/xml.
// knakk/rdf's decoder passes most of the W3C suite but resolves relative
// IRIs with its own string rules and reads "urn:x" or "mailto:x" as prefixed
// names, which real documents hit; this one uses rdf.ResolveIRI.

const (
	rxXMLNS    = "http://www.w3.org/XML/1998/namespace"
	rxMaxDepth = 512
)

// rxCtx is the inherited evaluation context: xml:base and xml:lang.
type rxCtx struct {
	base, lang string
}

type rxBinding struct{ prefix, uri string }

// rxReader remembers the underlying reader's error, so that a failing
// reader is not reported as malformed XML (encoding/xml mixes the two).
type rxReader struct {
	r   io.Reader
	err error
}

func (r *rxReader) Read(b []byte) (int, error) {
	n, err := r.r.Read(b)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}

type rxParser struct {
	d     *xml.Decoder
	src   *rxReader
	opts  ParseOptions
	emit  func(rdf.Quad) error
	ids   map[string]bool // IRIs made from rdf:ID, which must be unique
	anon  uint64
	ns    []rxBinding // in-scope namespace bindings, to recover prefixes for XML literals
	depth int
}

func parseRDFXML(r io.Reader, opts ParseOptions, emit func(rdf.Quad) error) error {
	src := &rxReader{r: r}
	d := xml.NewDecoder(src)
	d.Strict = true
	d.Entity = map[string]string{}
	p := &rxParser{d: d, src: src, opts: opts, emit: emit, ids: map[string]bool{}}
	return p.document()
}

func (p *rxParser) errorf(format string, args ...any) error {
	line, col := p.d.InputPos()
	return &SyntaxError{File: p.opts.File, Line: max(line, 1), Col: max(col, 1), Msg: fmt.Sprintf(format, args...)}
}

// token reads the next XML token, copying it (the decoder reuses its
// buffers) and turning XML errors into positioned syntax errors.
func (p *rxParser) token() (xml.Token, error) {
	tok, err := p.d.Token()
	if err == io.EOF {
		return nil, err
	}
	if err != nil {
		if p.src.err != nil {
			return nil, fmt.Errorf("rdfio: read %s: %w", readFileName(p.opts.File), p.src.err)
		}
		line, col := p.d.InputPos()
		msg := err.Error()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line, msg = se.Line, se.Msg
		}
		return nil, &SyntaxError{File: p.opts.File, Line: max(line, 1), Col: max(col, 1), Msg: "XML: " + msg}
	}
	return xml.CopyToken(tok), nil
}

func (p *rxParser) document() error {
	ctx := rxCtx{base: p.opts.Base}
	for {
		tok, err := p.token()
		if err == io.EOF {
			return p.errorf("no root element")
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.Directive:
			p.entities(t)
		case xml.CharData:
			if !rxBlank(t) {
				return p.errorf("text before the root element")
			}
		case xml.StartElement:
			var err error
			if rxIsRDF(t.Name, "RDF") {
				err = p.rdfRoot(t, ctx)
			} else {
				_, err = p.nodeElement(t, ctx)
			}
			if err != nil {
				return err
			}
			return p.trailer()
		}
	}
}

// trailer checks that only comments, processing instructions and white
// space follow the root element.
func (p *rxParser) trailer() error {
	for {
		tok, err := p.token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if cd, ok := tok.(xml.CharData); ok && !rxBlank(cd) {
			return p.errorf("text after the root element")
		}
	}
}

// entities reads <!ENTITY name "value"> declarations from the internal DTD
// subset, which RDF/XML documents use to abbreviate namespace IRIs.
func (p *rxParser) entities(d xml.Directive) {
	s := string(d)
	for {
		i := strings.Index(s, "<!ENTITY")
		if i < 0 {
			return
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
			return
		}
		val := rest[1 : 1+end]
		for k, v := range p.d.Entity {
			val = strings.ReplaceAll(val, "&"+k+";", v)
		}
		p.d.Entity[name] = val
	}
}

func rxBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

func rxIsRDF(n xml.Name, local string) bool { return n.Space == rdf.RDFNS && n.Local == local }

// enter pushes the element's namespace bindings and its xml:base/xml:lang
// onto the context; the returned mark undoes the bindings in leave.
func (p *rxParser) enter(el xml.StartElement, ctx rxCtx) (rxCtx, int, error) {
	mark := len(p.ns)
	p.depth++
	if p.depth > rxMaxDepth {
		return ctx, mark, p.errorf("nesting deeper than %d levels", rxMaxDepth)
	}
	if el.Name.Space != "" && !strings.Contains(el.Name.Space, ":") {
		return ctx, mark, p.errorf("undeclared namespace prefix %q", el.Name.Space)
	}
	for _, a := range el.Attr {
		switch {
		case a.Name.Space == "xmlns":
			p.ns = append(p.ns, rxBinding{a.Name.Local, a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			p.ns = append(p.ns, rxBinding{"", a.Value})
		case a.Name.Space == rxXMLNS && a.Name.Local == "lang":
			if a.Value != "" && !lexValidLang(a.Value) {
				return ctx, mark, p.errorf("invalid xml:lang %q", a.Value)
			}
			ctx.lang = a.Value
		case a.Name.Space == rxXMLNS && a.Name.Local == "base":
			base, err := p.resolve(ctx, a.Value)
			if err != nil {
				return ctx, mark, err
			}
			if i := strings.IndexByte(base, '#'); i >= 0 {
				base = base[:i]
			}
			ctx.base = base
		}
	}
	return ctx, mark, nil
}

func (p *rxParser) leave(mark int) {
	p.ns = p.ns[:mark]
	p.depth--
}

func (p *rxParser) resolve(ctx rxCtx, ref string) (string, error) {
	abs := ref
	if !rdf.IsAbsoluteIRI(ref) {
		var err error
		if abs, err = rdf.ResolveIRI(ctx.base, ref); err != nil {
			return "", p.errorf("relative IRI <%s> but no base IRI is set", ref)
		}
	}
	if !lexValidIRI(abs) {
		return "", p.errorf("invalid IRI <%s>", abs)
	}
	return abs, nil
}

// nameIRI is the IRI of an element or attribute name, which must be a
// valid IRI once namespace and local name are joined.
func (p *rxParser) nameIRI(n xml.Name) (rdf.Term, error) {
	iri := n.Space + n.Local
	if !lexValidIRI(iri) {
		return rdf.Term{}, p.errorf("name %s:%s does not make a valid IRI <%s>", n.Space, n.Local, iri)
	}
	return rdf.IRI(iri), nil
}

func (p *rxParser) rdfRoot(el xml.StartElement, ctx rxCtx) error {
	ctx, mark, err := p.enter(el, ctx)
	defer p.leave(mark)
	if err != nil {
		return err
	}
	for {
		tok, err := p.token()
		if err != nil {
			return p.eof(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if _, err := p.nodeElement(t, ctx); err != nil {
				return err
			}
		case xml.CharData:
			if !rxBlank(t) {
				return p.errorf("text inside rdf:RDF")
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (p *rxParser) eof(err error) error {
	if err == io.EOF {
		return p.errorf("unexpected end of document")
	}
	return err
}

// rxAttrs are an element's attributes sorted into the RDF syntax ones and
// property attributes.
type rxAttrs struct {
	id, about, nodeID, resource, parseType, datatype *string
	props                                            []xml.Attr
}

// rxSyntaxAttr maps unqualified attribute names that RDF/XML still accepts
// to their rdf: names.
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
	if lexBlankLabel([]byte(id)) != len(id) {
		// A valid NCName that N-Triples cannot write as a label ("a.",
		// "ª"): hex-encode it in the "_h" space, which neither document
		// labels nor anonymous nodes use.
		return rdf.Blank(p.opts.BlankPrefix + "_h" + hex.EncodeToString([]byte(id))), nil
	}
	return rdf.Blank(readBlankLabel(p.opts.BlankPrefix, id)), nil
}

func (p *rxParser) newAnon() rdf.Term {
	p.anon++
	return rdf.Blank(readAnonLabel(p.opts.BlankPrefix, p.anon))
}

func (p *rxParser) triple(s, pr, o rdf.Term) error {
	if err := p.emit(rdf.Quad{S: s, P: pr, O: o, G: p.opts.Graph}); err != nil {
		line, _ := p.d.InputPos()
		return fmt.Errorf("rdfio: %s:%d: %w", readFileName(p.opts.File), line, err)
	}
	return nil
}

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
