package service

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/stadleuven/maturity/rdf"
)

// binding is one value of the SPARQL 1.1 JSON results format.
type binding struct {
	Type     string `json:"type"`
	Value    string `json:"value"`
	Lang     string `json:"xml:lang"`
	Datatype string `json:"datatype"`
}

// decodeJSON reads application/sparql-results+json one solution at a time:
// each binding becomes terms before the next is read, so what is held is
// the terms, not the JSON text and a map per solution besides. Terms that
// cannot be built fail the whole answer: dropping them, as the knakk
// library's own conversion does, would turn a bad remote answer into a
// wrong one.
func decodeJSON(r io.Reader) (vars []string, rows [][]rdf.Term, err error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, nil, err
	}
	// Solutions met before the head (the format does not fix the order of
	// the members) keep their variable names until the head says the
	// order.
	var early []map[string]rdf.Term
	sawHead := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		switch key {
		case "head":
			var head struct {
				Vars []string `json:"vars"`
			}
			if err := dec.Decode(&head); err != nil {
				return nil, nil, fmt.Errorf("head: %w", err)
			}
			vars, sawHead = head.Vars, true
		case "results":
			if err := expectDelim(dec, '{'); err != nil {
				return nil, nil, err
			}
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return nil, nil, err
				}
				if key != "bindings" {
					if err := skipValue(dec); err != nil {
						return nil, nil, err
					}
					continue
				}
				if err := expectDelim(dec, '['); err != nil {
					return nil, nil, err
				}
				for dec.More() {
					var sol map[string]binding
					if err := dec.Decode(&sol); err != nil {
						return nil, nil, fmt.Errorf("solution %d: %w", len(rows)+len(early)+1, err)
					}
					named := make(map[string]rdf.Term, len(sol))
					for name, b := range sol {
						t, err := term(b.Type, b.Value, b.Lang, b.Datatype)
						if err != nil {
							return nil, nil, fmt.Errorf("binding of ?%s: %w", name, err)
						}
						named[name] = t
					}
					if sawHead {
						rows = append(rows, place(vars, named))
					} else {
						early = append(early, named)
					}
				}
				if err := expectDelim(dec, ']'); err != nil {
					return nil, nil, err
				}
			}
			if err := expectDelim(dec, '}'); err != nil {
				return nil, nil, err
			}
		default:
			if err := skipValue(dec); err != nil {
				return nil, nil, err
			}
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, nil, err
	}
	if !sawHead {
		return nil, nil, fmt.Errorf("no head in the answer")
	}
	for _, named := range early {
		rows = append(rows, place(vars, named))
	}
	return vars, rows, nil
}

// place orders the values of one solution by vars; names outside the head
// are dropped.
func place(vars []string, named map[string]rdf.Term) []rdf.Term {
	row := make([]rdf.Term, len(vars))
	for i, v := range vars {
		row[i] = named[v]
	}
	return row
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q in the JSON results, found %v", want, tok)
	}
	return nil
}

// skipValue reads past one JSON value token by token, without keeping it.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}
