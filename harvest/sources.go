package harvest

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/stadleuven/maturity/sparql/budget"
)

// Source is one catalog the hub harvests, as the operator configured it.
// Every URL the harvester fetches comes from here: the catalog, its pages
// and the distributions it lists must be on the catalog's own origin or on
// one of Allow.
type Source struct {
	ID       string        // slug: a-z, 0-9 and -, names the source's graphs
	Catalog  string        // the catalog's URL
	Endpoint string        // the source's SPARQL endpoint, for SERVICE ("" none)
	Interval time.Duration // how often to harvest (serve --harvest)
	Allow    []string      // further origins (scheme://host[:port]) distributions may be on
	MaxBytes int64         // bytes one harvest of the source may receive
}

// Defaults of a source's settings.
const (
	DefaultInterval = 6 * time.Hour
	DefaultMaxBytes = 256 << 20
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ParseSources reads a source list: one source a line,
//
//	ID  CATALOG-URL  [interval=6h] [endpoint=URL|-] [allow=ORIGIN,…] [max-bytes=256MiB]
//
// with # comments and blank lines. The endpoint defaults to "sparql"
// beside the catalog (http://host/catalog → http://host/sparql); "-" says
// the source has none. An error names the file, line and field.
func ParseSources(r io.Reader, file string) ([]Source, error) {
	var out []Source
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
		}
		if len(fields) < 2 {
			return nil, fail("verwacht ID en catalogus-URL (want ID and catalog URL)")
		}
		src := Source{ID: fields[0], Catalog: fields[1]}
		if !idPattern.MatchString(src.ID) {
			return nil, fail("ID %q: kleine letters, cijfers en -, hoogstens 63 tekens (ID %q: lower-case letters, digits and -, at most 63 characters)", src.ID, src.ID)
		}
		if l, ok := seen[src.ID]; ok {
			return nil, fail("ID %q staat al op regel %d (ID %q is already on line %d)", src.ID, l, src.ID, l)
		}
		seen[src.ID] = line
		endpoint := ""
		for _, f := range fields[2:] {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				return nil, fail("%q: verwacht naam=waarde (want name=value)", f)
			}
			var err error
			switch k {
			case "interval":
				if src.Interval, err = time.ParseDuration(v); err == nil && src.Interval < time.Minute {
					err = fmt.Errorf("shorter than a minute")
				}
			case "endpoint":
				endpoint = v
			case "allow":
				for _, o := range strings.Split(v, ",") {
					var origin string
					if origin, err = Origin(o); err != nil {
						break
					}
					src.Allow = append(src.Allow, origin)
				}
			case "max-bytes":
				src.MaxBytes, err = budget.ParseBytes(v)
				if err == nil && src.MaxBytes <= 0 {
					err = fmt.Errorf("must be positive")
				}
			default:
				return nil, fail("onbekende instelling %q: kies interval, endpoint, allow of max-bytes (unknown setting %q)", k, k)
			}
			if err != nil {
				return nil, fail("%s=%s: %v", k, v, err)
			}
		}
		if err := src.complete(endpoint); err != nil {
			return nil, fail("%v", err)
		}
		out = append(out, src)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, nil
}

// NewSource is a source with the defaults, for a catalog URL given on the
// command line: its ID is made from the host and port.
func NewSource(catalog string) (Source, error) {
	u, err := url.Parse(catalog)
	if err != nil {
		return Source{}, fmt.Errorf("%q: %w", catalog, err)
	}
	id := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(u.Host), "-"), "-")
	if len(id) > 63 {
		id = id[:63]
	}
	if id == "" {
		id = "bron"
	}
	src := Source{ID: id, Catalog: catalog}
	return src, src.complete("")
}

// complete checks the catalog URL and fills in the defaults.
func (s *Source) complete(endpoint string) error {
	if _, err := Origin(s.Catalog); err != nil {
		return fmt.Errorf("catalogus-URL (catalog URL) %q: %v", s.Catalog, err)
	}
	if s.Interval == 0 {
		s.Interval = DefaultInterval
	}
	if s.MaxBytes == 0 {
		s.MaxBytes = DefaultMaxBytes
	}
	switch endpoint {
	case "-":
	case "":
		u, _ := url.Parse(s.Catalog)
		s.Endpoint = u.ResolveReference(&url.URL{Path: "sparql"}).String()
	default:
		if _, err := Origin(endpoint); err != nil {
			return fmt.Errorf("endpoint %q: %v", endpoint, err)
		}
		s.Endpoint = endpoint
	}
	return nil
}

// Origin returns scheme://host[:port] of an absolute http(s) URL, lower
// case, without a default port.
func Origin(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("geen absolute http(s)-URL (not an absolute http(s) URL)")
	}
	host := strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		host = strings.ToLower(u.Hostname())
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + host, nil
}

// allows reports whether the source may fetch u: on the catalog's origin
// or an allowed one.
func (s *Source) allows(u string) error {
	o, err := Origin(u)
	if err != nil {
		return fmt.Errorf("%s: %v", u, err)
	}
	if c, _ := Origin(s.Catalog); o == c {
		return nil
	}
	for _, a := range s.Allow {
		if o == a {
			return nil
		}
	}
	return fmt.Errorf("%s ligt niet op de oorsprong van de bron %s en staat niet in allow= (is not on the source's origin and not in allow=)", u, s.Catalog)
}
