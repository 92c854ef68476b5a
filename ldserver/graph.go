package ldserver

import (
	"sort"
	"strings"

	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/internal/htmlui"
	"github.com/stadleuven/maturity/internal/httpx"
	"github.com/stadleuven/maturity/rdf"
)

// maxGraphList caps the resources a graph's HTML page lists.
const maxGraphList = 500

// buildGraph builds the document of a named graph: its content (N-Quads
// keeps the graph name) and, as HTML, the list of resources it describes.
func (s *Server) buildGraph(rd *reader, iri string, dr docReq) (*built, status, error) {
	gid, err := rd.iriID(iri)
	if err != nil {
		return nil, 0, err
	}
	if gid == 0 {
		return nil, statusUnknown, nil
	}
	b := &built{iri: iri}
	var subjects []uint64
	seen := map[uint64]bool{}
	var ferr error
	err = rd.match(0, 0, 0, gid, func(q [4]uint64) bool {
		rd.use(q)
		quad, err := rd.quad(q)
		if err != nil {
			ferr = err
			return false
		}
		b.quads = append(b.quads, quad)
		if !seen[q[0]] && quad.S.IsIRI() {
			seen[q[0]] = true
			subjects = append(subjects, q[0])
		}
		return true
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return nil, 0, errorf(iri, err)
	}
	if len(b.quads) == 0 {
		used, err := mentioned(rd, gid)
		if err != nil || used {
			// Mentioned but empty: describe it like any other resource.
			return nil, statusUnknown, err
		}
		return nil, statusGone, nil
	}
	sortQuads(b.quads)
	if !dr.rep.HTML {
		return b, statusOK, nil
	}
	pb, err := s.newPageBuilder(rd, dr, nil)
	if err != nil {
		return nil, 0, err
	}
	title, err := pb.label(rdf.IRI(iri))
	if err != nil {
		return nil, 0, err
	}
	if len(subjects) > maxGraphList {
		subjects = subjects[:maxGraphList]
	}
	t := &table{Title: i18n.T(dr.lang, "subjects")}
	typ, _ := pb.value(rdf.IRI(rdf.RDFType), 0)
	t.Columns = []value{typ}
	for _, id := range subjects {
		st, err := rd.term(id)
		if err != nil {
			return nil, 0, err
		}
		sv, err := pb.value(st, 0)
		if err != nil {
			return nil, 0, err
		}
		var types []value
		for _, q := range b.quads {
			if q.S == st && q.P.Value == rdf.RDFType {
				v, err := pb.value(q.O, 0)
				if err != nil {
					return nil, 0, err
				}
				types = append(types, v)
			}
		}
		t.Rows = append(t.Rows, [][]value{{sv}, types})
	}
	sort.SliceStable(t.Rows, func(i, j int) bool {
		ti, tj := firstText(t.Rows[i][1]), firstText(t.Rows[j][1])
		if ti != tj {
			return ti < tj
		}
		return lessValue(t.Rows[i][0][0], t.Rows[j][0][0])
	})
	b.page = &pageModel{Lang: dr.lang, Title: title, IRI: iri, Page: 1,
		Main:   &resourceView{Title: title, IRI: iri, Text: i18n.T(dr.lang, "graphContent")},
		Tables: []*table{t},
	}
	for _, o := range append(append([]httpx.Rep(nil), docOffers...), httpx.RepNQuads) {
		if !o.HTML {
			b.page.Alternates = append(b.page.Alternates, htmlui.Alternate{Name: strings.ToUpper(strings.TrimPrefix(o.Ext(), ".")), MediaType: o.MediaType(), Href: s.docURLOf(dr, o, 1)})
		}
	}
	return b, statusOK, nil
}

func firstText(vs []value) string {
	if len(vs) == 0 {
		return "\xff"
	}
	return vs[0].Text
}
