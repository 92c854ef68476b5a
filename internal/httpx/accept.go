package httpx

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/stadleuven/maturity/i18n"
)

// MediaRange is one element of an Accept header.
type MediaRange struct {
	Type, Sub string
	Params    [][2]string // lower-case names, values as sent (q excluded)
	Q         float64
}

// Full is "type/subtype".
func (mr MediaRange) Full() string { return mr.Type + "/" + mr.Sub }

// ParseAccept splits an Accept header into media ranges. Malformed elements
// are skipped rather than failing the request: a client that sends junk gets
// the default, which is what it would get with no header at all.
func ParseAccept(h string) []MediaRange {
	var out []MediaRange
	for _, part := range strings.Split(h, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Split(part, ";")
		mt := strings.ToLower(strings.TrimSpace(fields[0]))
		typ, sub, ok := strings.Cut(mt, "/")
		if !ok || !isToken(typ) || !isToken(sub) || (typ == "*" && sub != "*") {
			continue
		}
		mr := MediaRange{Type: typ, Sub: sub, Q: 1}
		for _, p := range fields[1:] {
			k, v, _ := strings.Cut(p, "=")
			k = strings.ToLower(strings.TrimSpace(k))
			v = strings.Trim(strings.TrimSpace(v), `"`)
			if k == "" {
				continue
			}
			if k == "q" {
				if q, err := strconv.ParseFloat(v, 64); err == nil && q >= 0 && q <= 1 {
					mr.Q = q
				}
				continue
			}
			mr.Params = append(mr.Params, [2]string{k, v})
		}
		out = append(out, mr)
	}
	return out
}

// isToken reports whether s is an RFC 9110 token, as a media type's type
// and subtype must be ("0//" or "text / html" are junk, not ranges).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// NegotiateLang picks one of supported (first = default) from an
// Accept-Language header, matching on the primary subtag.
func NegotiateLang(header string, supported []string) string {
	best, bestQ := supported[0], 0.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		tag := strings.ToLower(strings.TrimSpace(fields[0]))
		if tag == "" {
			continue
		}
		q := qValue(fields[1:])
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

// qValue reads the q parameter of an element's parameters (1 when absent).
func qValue(params []string) float64 {
	q := 1.0
	for _, p := range params {
		if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
	}
	return q
}

// AcceptsGzip reports whether an Accept-Encoding header allows gzip.
func AcceptsGzip(header string) bool {
	gz, star := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		coding := strings.ToLower(strings.TrimSpace(fields[0]))
		q := qValue(fields[1:])
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

// PickLang chooses a page's language: ?lang= first (then links carry it
// on, fromParam), else Accept-Language among langs (the default first).
func PickLang(r *http.Request, langs []string) (lang string, fromParam bool) {
	if l := r.URL.Query().Get("lang"); i18n.Valid(l) {
		return l, true
	}
	return NegotiateLang(r.Header.Get("Accept-Language"), langs), false
}
