package results

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// xmlNS is the namespace of the SPARQL Query Results XML Format.
const xmlNS = "http://www.w3.org/2005/sparql-results#"

// XMLCharError is a value holding a character that RDF allows and XML 1.0
// cannot carry, not even as a character reference (C0 controls but tab,
// line feed and carriage return; U+FFFE, U+FFFF). The XML writer returns
// it from Row before it writes any of the row, and stays usable: the
// caller may answer in another format if nothing was sent yet, or write
// the row again through XMLSafe.
type XMLCharError struct {
	Rune rune
	Var  string // the variable whose value holds it
}

func (e *XMLCharError) Error() string {
	return fmt.Sprintf("results: the value of ?%s holds U+%04X, which XML 1.0 cannot carry", e.Var, e.Rune)
}

// XMLChar returns the character.
func (e *XMLCharError) XMLChar() rune { return e.Rune }

// xmlCheck returns the first character of s that XML 1.0 cannot carry;
// a byte that is not UTF-8 counts as U+FFFD.
func xmlCheck(s string) (rune, bool) {
	for i, r := range s {
		if !xmlChar(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return r, true
		}
	}
	return 0, false
}

// XMLSafe returns vals with every character XML 1.0 cannot carry replaced
// by U+FFFD, and how many were replaced.
func XMLSafe(vals []rdf.Term) ([]rdf.Term, int) {
	out := make([]rdf.Term, len(vals))
	n := 0
	fix := func(s string) string {
		if _, bad := xmlCheck(s); !bad {
			return s
		}
		// Map turns bytes that are not UTF-8 into U+FFFD too.
		return strings.Map(func(r rune) rune {
			if xmlChar(r) {
				return r
			}
			n++
			return utf8.RuneError
		}, s)
	}
	for i, t := range vals {
		t.Value, t.Lang, t.Datatype = fix(t.Value), fix(t.Lang), fix(t.Datatype)
		out[i] = t
	}
	return out, n
}

// xmlWriter writes application/sparql-results+xml.
type xmlWriter struct{ sink }

func (x *xmlWriter) Head(vars []string) error {
	if err := x.begin(0, 1); err != nil {
		return err
	}
	x.names = vars
	x.str("<?xml version=\"1.0\"?>\n<sparql xmlns=\"" + xmlNS + "\">\n<head>")
	for _, v := range vars {
		x.str(`<variable name="`)
		x.escape(v, true)
		x.str(`"/>`)
	}
	x.str("</head>\n<results>\n")
	return x.err
}

func (x *xmlWriter) Row(vals []rdf.Term) error {
	for i, t := range vals {
		for _, s := range [3]string{t.Value, t.Lang, t.Datatype} {
			if r, bad := xmlCheck(s); bad && i < len(x.names) {
				return &XMLCharError{Rune: r, Var: x.names[i]}
			}
		}
	}
	if err := x.checkRow(vals); err != nil {
		return err
	}
	x.str("<result>")
	for i, t := range vals {
		if t.IsZero() {
			continue
		}
		x.str(`<binding name="`)
		x.escape(x.names[i], true)
		x.str(`">`)
		switch t.Kind {
		case rdf.KindIRI:
			x.str("<uri>")
			x.escape(t.Value, false)
			x.str("</uri>")
		case rdf.KindBlank:
			x.str("<bnode>")
			x.escape(t.Value, false)
			x.str("</bnode>")
		default:
			x.str("<literal")
			switch {
			case t.Lang != "":
				x.str(` xml:lang="`)
				x.escape(t.Lang, true)
				x.str(`"`)
			case t.Datatype != rdf.XSDString && t.Datatype != "":
				x.str(` datatype="`)
				x.escape(t.Datatype, true)
				x.str(`"`)
			}
			x.byte('>')
			x.escape(t.Value, false)
			x.str("</literal>")
		}
		x.str("</binding>")
	}
	x.str("</result>\n")
	return x.err
}

func (x *xmlWriter) Boolean(b bool) error {
	if err := x.begin(0, 2); err != nil {
		return err
	}
	x.str("<?xml version=\"1.0\"?>\n<sparql xmlns=\"" + xmlNS + "\">\n<head/>\n<boolean>" +
		strconv.FormatBool(b) + "</boolean>\n</sparql>\n")
	return x.err
}

func (x *xmlWriter) Close() error {
	switch x.state {
	case 0:
		return errOrder
	case 1:
		x.str("</results>\n</sparql>\n")
	}
	x.state = 3
	return x.flush()
}

// escape writes s as XML character data or attribute value. Carriage
// returns (and in attributes tabs and newlines) become character
// references so that XML's line-end normalisation keeps them.
func (x *xmlWriter) escape(s string, attr bool) {
	if x.err != nil {
		return
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r' || (attr && (r == '\n' || r == '\t')):
			fmt.Fprintf(&b, "&#x%X;", r)
		case !xmlChar(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			// Row checks values first; a variable name cannot hold one.
			x.err = fmt.Errorf("results: U+%04X cannot be written in XML 1.0", r)
			return
		default:
			b.WriteRune(r)
		}
	}
	x.str(b.String())
}

// xmlChar is the Char production of XML 1.0.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

func readXML(r io.Reader) (*Table, error) {
	d := xml.NewDecoder(r)
	t := &Table{}
	var (
		row     []rdf.Term
		inRes   bool
		binding string
		sawRoot bool
	)
	fail := func(err error) (*Table, error) {
		line, col := d.InputPos()
		return nil, fmt.Errorf("results: XML %d:%d: %w", line, col, err)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Space != xmlNS {
				return fail(fmt.Errorf("element %s outside the SPARQL results namespace", el.Name.Local))
			}
			switch el.Name.Local {
			case "sparql":
				sawRoot = true
			case "variable":
				t.Vars = append(t.Vars, attr(el, "", "name"))
			case "result":
				inRes, row = true, make([]rdf.Term, len(t.Vars))
			case "binding":
				binding = attr(el, "", "name")
			case "uri", "bnode", "literal":
				if !inRes || binding == "" {
					return fail(fmt.Errorf("<%s> outside a binding", el.Name.Local))
				}
				text, err := charData(d)
				if err != nil {
					return fail(err)
				}
				var term rdf.Term
				switch el.Name.Local {
				case "uri":
					term = rdf.IRI(text)
				case "bnode":
					term = rdf.Blank(text)
				default:
					lang := attr(el, "http://www.w3.org/XML/1998/namespace", "lang")
					switch dt := attr(el, "", "datatype"); {
					case lang != "":
						term = rdf.LangLiteral(text, lang)
					case dt != "":
						term = rdf.TypedLiteral(text, dt)
					default:
						term = rdf.Literal(text)
					}
				}
				t.set(&row, binding, term)
			case "boolean":
				text, err := charData(d)
				if err != nil {
					return fail(err)
				}
				b, err := strconv.ParseBool(strings.TrimSpace(text))
				if err != nil {
					return fail(fmt.Errorf("boolean %q", text))
				}
				t.Boolean = &b
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "result":
				for len(row) < len(t.Vars) {
					row = append(row, rdf.Term{})
				}
				t.Rows = append(t.Rows, row)
				inRes = false
			case "binding":
				binding = ""
			}
		}
	}
	if !sawRoot {
		return nil, fmt.Errorf("results: XML: no <sparql> element")
	}
	return t, nil
}

// charData reads the text up to the end of the current element.
func charData(d *xml.Decoder) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch el := tok.(type) {
		case xml.CharData:
			b.Write(el)
		case xml.EndElement:
			return b.String(), nil
		case xml.StartElement:
			return "", fmt.Errorf("unexpected element <%s> in a term", el.Name.Local)
		}
	}
}

func attr(el xml.StartElement, space, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local && (a.Name.Space == space || (space == "" && a.Name.Space == "")) {
			return a.Value
		}
	}
	return ""
}
