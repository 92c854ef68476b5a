package results

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/stadleuven/maturity/rdf"
)

// jsonWriter writes application/sparql-results+json (SPARQL 1.1 Query
// Results JSON Format).
type jsonWriter struct{ sink }

func (j *jsonWriter) Head(vars []string) error {
	if err := j.begin(0, 1); err != nil {
		return err
	}
	j.names = vars
	j.str(`{"head":{"vars":[`)
	for i, v := range vars {
		if i > 0 {
			j.byte(',')
		}
		j.jsonString(v)
	}
	j.str("]},\n\"results\":{\"bindings\":[")
	return j.err
}

func (j *jsonWriter) Row(vals []rdf.Term) error {
	n := j.nrows
	if err := j.checkRow(vals); err != nil {
		return err
	}
	if n > 0 {
		j.byte(',')
	}
	j.str("\n{")
	first := true
	for i, t := range vals {
		if t.IsZero() {
			continue
		}
		if !first {
			j.byte(',')
		}
		first = false
		j.jsonString(j.names[i])
		j.byte(':')
		j.term(t)
	}
	j.byte('}')
	return j.err
}

func (j *jsonWriter) term(t rdf.Term) {
	switch t.Kind {
	case rdf.KindIRI:
		j.str(`{"type":"uri","value":`)
		j.jsonString(t.Value)
	case rdf.KindBlank:
		j.str(`{"type":"bnode","value":`)
		j.jsonString(t.Value)
	default:
		j.str(`{"type":"literal","value":`)
		j.jsonString(t.Value)
		switch {
		case t.Lang != "":
			j.str(`,"xml:lang":`)
			j.jsonString(t.Lang)
		case t.Datatype != rdf.XSDString && t.Datatype != "":
			j.str(`,"datatype":`)
			j.jsonString(t.Datatype)
		}
	}
	j.byte('}')
}

func (j *jsonWriter) Boolean(b bool) error {
	if err := j.begin(0, 2); err != nil {
		return err
	}
	j.str(`{"head":{},"boolean":` + strconv.FormatBool(b) + "}\n")
	return j.err
}

func (j *jsonWriter) Close() error {
	switch j.state {
	case 0:
		return errOrder
	case 1:
		j.str("\n]}}\n")
	}
	j.state = 3
	return j.flush()
}

// jsonString writes s as a JSON string, escaping only what JSON requires
// (and U+2028/U+2029, which break JavaScript parsers).
func (j *jsonWriter) jsonString(s string) {
	const hex = "0123456789abcdef"
	j.byte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			j.str(s[start:i])
			switch c {
			case '"', '\\':
				j.byte('\\')
				j.byte(c)
			case '\n':
				j.str(`\n`)
			case '\r':
				j.str(`\r`)
			case '\t':
				j.str(`\t`)
			default:
				j.str(`\u00`)
				j.byte(hex[c>>4])
				j.byte(hex[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' || r == utf8.RuneError && size == 1 {
			j.str(s[start:i])
			if r == utf8.RuneError {
				j.str(`\ufffd`)
			} else {
				j.str(`\u202` + string(hex[r&15]))
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	j.str(s[start:])
	j.byte('"')
}

// jsonDoc is the shape of a JSON results document.
type jsonDoc struct {
	Head struct {
		Vars []string `json:"vars"`
	} `json:"head"`
	Results *struct {
		Bindings []map[string]jsonTerm `json:"bindings"`
	} `json:"results"`
	Boolean *bool `json:"boolean"`
}

type jsonTerm struct {
	Type     string `json:"type"`
	Value    string `json:"value"`
	Lang     string `json:"xml:lang"`
	Datatype string `json:"datatype"`
}

func (jt jsonTerm) term() (rdf.Term, error) {
	switch jt.Type {
	case "uri":
		return rdf.IRI(jt.Value), nil
	case "bnode":
		return rdf.Blank(jt.Value), nil
	case "literal", "typed-literal": // typed-literal is the pre-1.1 form
		switch {
		case jt.Lang != "":
			return rdf.LangLiteral(jt.Value, jt.Lang), nil
		case jt.Datatype != "":
			return rdf.TypedLiteral(jt.Value, jt.Datatype), nil
		}
		return rdf.Literal(jt.Value), nil
	}
	return rdf.Term{}, fmt.Errorf("unknown term type %q", jt.Type)
}

func readJSON(r io.Reader) (*Table, error) {
	var doc jsonDoc
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("results: JSON: %w", err)
	}
	t := &Table{Vars: doc.Head.Vars}
	if doc.Boolean != nil {
		t.Boolean = doc.Boolean
		return t, nil
	}
	if doc.Results == nil {
		return nil, fmt.Errorf("results: JSON: neither results nor boolean")
	}
	for n, b := range doc.Results.Bindings {
		row := make([]rdf.Term, len(t.Vars))
		for name, jt := range b {
			term, err := jt.term()
			if err != nil {
				return nil, fmt.Errorf("results: JSON: solution %d, variable %s: %w", n+1, name, err)
			}
			t.set(&row, name, term)
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
