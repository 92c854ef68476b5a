package store

import (
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/stadleuven/maturity/rdf"
)

// Term tags: the first byte of a stored term. The values are part of the
// file format; never renumber them.
const (
	tagDefaultGraph = 0 // the zero Term, stored once under defaultGraphID
	tagIRI          = 1
	tagBlank        = 2
	tagString       = 3 // literal with datatype xsd:string
	tagLang         = 4 // uvarint len(lang), lang, lexical form
	tagKnownType    = 5 // datatype code from knownDatatypes, lexical form
	tagOtherType    = 6 // uvarint len(datatype), datatype, lexical form
)

// knownDatatypes gives the common datatypes a one-byte code so that typed
// literals do not repeat a 40-byte IRI. Append only: the index is on disk.
var knownDatatypes = [...]string{
	"", // 0 unused
	rdf.XSDInteger, rdf.XSDDecimal, rdf.XSDDouble, rdf.XSDFloat, rdf.XSDBoolean,
	rdf.XSDDate, rdf.XSDDateTime, rdf.XSDGYear, rdf.XSDAnyURI, rdf.RDFXMLLiteral,
	rdf.RDFJSON,
	rdf.XSDNS + "long", rdf.XSDNS + "int", rdf.XSDNS + "short", rdf.XSDNS + "byte",
	rdf.XSDNS + "nonNegativeInteger", rdf.XSDNS + "positiveInteger",
	rdf.XSDNS + "nonPositiveInteger", rdf.XSDNS + "negativeInteger",
	rdf.XSDNS + "unsignedLong", rdf.XSDNS + "unsignedInt",
	rdf.XSDNS + "unsignedShort", rdf.XSDNS + "unsignedByte",
	rdf.XSDNS + "time", rdf.XSDNS + "duration", rdf.XSDNS + "dayTimeDuration",
	rdf.XSDNS + "yearMonthDuration", rdf.XSDNS + "gYearMonth",
	rdf.XSDNS + "gMonthDay", rdf.XSDNS + "gDay", rdf.XSDNS + "gMonth",
	rdf.XSDNS + "dateTimeStamp", rdf.XSDNS + "hexBinary",
	rdf.XSDNS + "base64Binary", rdf.XSDNS + "language", rdf.XSDNS + "token",
	rdf.XSDNS + "normalizedString", rdf.RDFNS + "HTML",
}

// datatypeCode returns the one-byte code of a known datatype, or 0.
func datatypeCode(dt string) byte {
	if len(dt) < len(rdf.RDFNS) {
		return 0
	}
	for i := 1; i < len(knownDatatypes); i++ {
		if knownDatatypes[i] == dt {
			return byte(i)
		}
	}
	return 0
}

// appendTerm appends the stored form of t: a tag byte and the parts of the
// term, kept byte for byte so that Term returns exactly what was added.
func appendTerm(b []byte, t rdf.Term) ([]byte, error) {
	switch t.Kind {
	case rdf.KindNone:
		return append(b, tagDefaultGraph), nil
	case rdf.KindIRI:
		b = append(b, tagIRI)
	case rdf.KindBlank:
		b = append(b, tagBlank)
	case rdf.KindLiteral:
		switch {
		case t.Lang != "" || t.Datatype == rdf.RDFLangString:
			b = append(b, tagLang)
			b = binary.AppendUvarint(b, uint64(len(t.Lang)))
			b = append(b, t.Lang...)
		case t.Datatype == "" || t.Datatype == rdf.XSDString:
			b = append(b, tagString)
		default:
			if c := datatypeCode(t.Datatype); c != 0 {
				b = append(b, tagKnownType, c)
			} else {
				b = append(b, tagOtherType)
				b = binary.AppendUvarint(b, uint64(len(t.Datatype)))
				b = append(b, t.Datatype...)
			}
		}
	default:
		return b, fmt.Errorf("%w: term kind %d", ErrBadTerm, t.Kind)
	}
	return append(b, t.Value...), nil
}

// decodeTerm is the inverse of appendTerm.
func decodeTerm(b []byte) (rdf.Term, error) {
	if len(b) == 0 {
		return rdf.Term{}, fmt.Errorf("%w: empty term", ErrCorrupt)
	}
	tag, rest := b[0], b[1:]
	switch tag {
	case tagDefaultGraph:
		if len(rest) != 0 {
			return rdf.Term{}, fmt.Errorf("%w: default graph term with payload", ErrCorrupt)
		}
		return rdf.Term{}, nil
	case tagIRI:
		return rdf.IRI(string(rest)), nil
	case tagBlank:
		return rdf.Blank(string(rest)), nil
	case tagString:
		return rdf.Term{Kind: rdf.KindLiteral, Value: string(rest), Datatype: rdf.XSDString}, nil
	case tagLang:
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return rdf.Term{}, fmt.Errorf("%w: bad language tag length", ErrCorrupt)
		}
		lang := string(rest[k : k+int(n)])
		return rdf.Term{Kind: rdf.KindLiteral, Value: string(rest[k+int(n):]), Datatype: rdf.RDFLangString, Lang: lang}, nil
	case tagKnownType:
		if len(rest) == 0 || rest[0] == 0 || int(rest[0]) >= len(knownDatatypes) {
			return rdf.Term{}, fmt.Errorf("%w: bad datatype code", ErrCorrupt)
		}
		return rdf.Term{Kind: rdf.KindLiteral, Value: string(rest[1:]), Datatype: knownDatatypes[rest[0]]}, nil
	case tagOtherType:
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return rdf.Term{}, fmt.Errorf("%w: bad datatype length", ErrCorrupt)
		}
		dt := string(rest[k : k+int(n)])
		if dt == "" || dt == rdf.XSDString || dt == rdf.RDFLangString {
			return rdf.Term{}, fmt.Errorf("%w: datatype %q stored as other", ErrCorrupt, dt)
		}
		return rdf.Term{Kind: rdf.KindLiteral, Value: string(rest[k+int(n):]), Datatype: dt}, nil
	}
	return rdf.Term{}, fmt.Errorf("%w: unknown term tag %d", ErrCorrupt, tag)
}

// hashTerm hashes a stored term encoding for the term→id bucket. It is part
// of the file format: changing it orphans every stored term. Collisions are
// harmless (ids are verified against the id→term bucket), so a fast
// non-cryptographic multiply-fold hash is enough.
func hashTerm(b []byte) uint64 {
	const (
		k0 = 0xa0761d6478bd642f
		k1 = 0xe7037ed1a0b428db
		k2 = 0x8ebc6af09c88c6e3
	)
	h := uint64(len(b)) ^ k0
	for len(b) >= 8 {
		hi, lo := bits.Mul64(h^binary.LittleEndian.Uint64(b), k1)
		h = hi ^ lo
		b = b[8:]
	}
	var w uint64
	for i, c := range b {
		w |= uint64(c) << (8 * uint(i))
	}
	hi, lo := bits.Mul64(h^w^k2, k1)
	h = hi ^ lo
	hi, lo = bits.Mul64(h^k0, k2)
	return hi ^ lo
}
