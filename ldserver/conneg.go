package ldserver

import (
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/rdfio"
)

// mediaRange is one element of an Accept header.
type mediaRange struct {
	typ, sub string
	params   [][2]string // lower-case names, values as sent (q excluded)
	q        float64
}

// parseAccept splits an Accept header into media ranges. Malformed elements
// are skipped rather than failing the request: a client that sends junk gets
// the default, which is what it would get with no header at all.
func parseAccept(h string) []mediaRange {
	var out []mediaRange
	for _, part := range strings.Split(h, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Split(part, ";")
		mt := strings.ToLower(strings.TrimSpace(fields[0]))
		typ, sub, ok := strings.Cut(mt, "/")
		if !ok || typ == "" || sub == "" || (typ == "*" && sub != "*") {
			continue
		}
		mr := mediaRange{typ: typ, sub: sub, q: 1}
		for _, p := range fields[1:] {
			k, v, _ := strings.Cut(p, "=")
			k = strings.ToLower(strings.TrimSpace(k))
			v = strings.Trim(strings.TrimSpace(v), `"`)
			if k == "" {
				continue
			}
			if k == "q" {
				if q, err := strconv.ParseFloat(v, 64); err == nil && q >= 0 && q <= 1 {
					mr.q = q
				}
				continue
			}
			mr.params = append(mr.params, [2]string{k, v})
		}
		out = append(out, mr)
	}
	return out
}

// specificity ranks how closely mr names r: -1 no match, 0 */*, 1 type/*,
// 2 exact type, 3 exact type with parameters that r satisfies.
func (mr mediaRange) specificity(r rep) int {
	mt := r.mediaType()
	typ, _, _ := strings.Cut(mt, "/")
	switch {
	case mr.typ == "*":
		return 0
	case mr.sub == "*":
		if mr.typ == typ {
			return 1
		}
		return -1
	}
	full := mr.typ + "/" + mr.sub
	if r.html {
		if full != "text/html" {
			return -1
		}
	} else if rdfio.FormatForMediaType(full) != r.format {
		return -1
	}
	if len(mr.params) == 0 {
		return 2
	}
	for _, p := range mr.params {
		switch p[0] {
		case "charset":
			if !strings.EqualFold(p[1], "utf-8") {
				return -1
			}
		case "profile":
			// We serve compacted JSON-LD only; a request for the expanded or
			// flattened profile alone cannot be met by this range.
			if r.format == rdfio.JSONLD && !strings.Contains(p[1], "compacted") {
				return -1
			}
		}
	}
	return 3
}

// aliasQuality is the server's quality factor for a format reached through
// an alias media type rather than its own.
const aliasQuality = 0.5

// negotiate picks the representation for an Accept header among offers (in
// the server's order of preference). ok is false when nothing offered is
// acceptable (406). An empty header accepts anything.
func negotiate(accept string, offers []rep) (rep, bool) {
	ranges := parseAccept(accept)
	if len(ranges) == 0 {
		return offers[0], true
	}
	best, bestQ := rep{}, 0.0
	for _, o := range offers {
		spec, q := -1, 0.0
		for _, mr := range ranges {
			s := mr.specificity(o)
			mq := mr.q
			if s >= 2 && mr.typ+"/"+mr.sub != o.mediaType() {
				// A generic alias (application/xml, application/json,
				// text/plain) says less than the real type: the server's
				// quality for it is halved, so a browser listing
				// application/xml above text/html still gets HTML.
				mq *= aliasQuality
			}
			// The most specific range decides; among equally specific
			// ones the highest q wins.
			if s > spec || (s == spec && mq > q) {
				spec, q = s, mq
			}
		}
		if spec >= 0 && q > bestQ {
			best, bestQ = o, q
		}
	}
	return best, bestQ > 0
}

// negotiateLang picks one of supported (first = default) from an
// Accept-Language header, matching on the primary subtag.
func negotiateLang(header string, supported []string) string {
	best, bestQ := supported[0], 0.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		tag := strings.ToLower(strings.TrimSpace(fields[0]))
		if tag == "" {
			continue
		}
		q := 1.0
		for _, p := range fields[1:] {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		primary, _, _ := strings.Cut(tag, "-")
		for _, s := range supported {
			if (primary == s || tag == "*") && q > bestQ {
				best, bestQ = s, q
				if tag == "*" {
					best = supported[0]
				}
				break
			}
		}
	}
	return best
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(header string) bool {
	gz, star := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		coding := strings.ToLower(strings.TrimSpace(fields[0]))
		q := 1.0
		for _, p := range fields[1:] {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		switch coding {
		case "gzip", "x-gzip":
			gz = q
		case "*":
			star = q
		}
	}
	if gz >= 0 {
		return gz > 0
	}
	return star > 0
}
