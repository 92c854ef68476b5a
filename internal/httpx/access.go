package httpx

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the reverse proxies whose forwarded headers (X-Forwarded-For,
// X-Forwarded-Host, X-Forwarded-Proto) are trusted: only those of a request
// whose peer is one of them. The zero value trusts none.
type Proxies struct {
	nets []netip.Prefix
}

// ParseProxies reads addresses ("127.0.0.1", "::1") and networks
// ("10.0.0.0/8").
func ParseProxies(list []string) (Proxies, error) {
	var p Proxies
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if pre, err := netip.ParsePrefix(s); err == nil {
			p.nets = append(p.nets, pre.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return Proxies{}, fmt.Errorf("trusted proxy %q: not an IP address or network", s)
		}
		p.nets = append(p.nets, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return p, nil
}

// Any reports whether some proxy is trusted.
func (p Proxies) Any() bool { return len(p.nets) > 0 }

func (p Proxies) contains(a netip.Addr) bool {
	a = a.Unmap()
	for _, n := range p.nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// peer is the address of the connection's other end.
func peer(r *http.Request) (netip.Addr, bool) {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		a, err := netip.ParseAddr(r.RemoteAddr)
		return a.Unmap(), err == nil
	}
	return ap.Addr().Unmap(), true
}

// Trusted reports whether the request came through a trusted proxy.
func (p Proxies) Trusted(r *http.Request) bool {
	a, ok := peer(r)
	return ok && p.contains(a)
}

// ClientIP is the address of the client: the peer, or, through a trusted
// proxy, the last address of X-Forwarded-For that is not a trusted proxy.
func (p Proxies) ClientIP(r *http.Request) netip.Addr {
	a, _ := peer(r)
	if !p.contains(a) {
		return a
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if a = h.Unmap(); !p.contains(a) {
			return a
		}
	}
	return a
}

// Host is the host the client asked for: Host, or, through a trusted proxy
// that says so, X-Forwarded-Host.
func (p Proxies) Host(r *http.Request) string {
	if p.Trusted(r) {
		if h := strings.TrimSpace(strings.Split(r.Header.Get("X-Forwarded-Host"), ",")[0]); h != "" {
			return h
		}
	}
	return r.Host
}

// Forwarded reports whether the request carries a Forwarded or
// X-Forwarded-* header: it passed a proxy, whoever its peer is.
func Forwarded(r *http.Request) bool {
	for k := range r.Header {
		if k == "Forwarded" || strings.HasPrefix(k, "X-Forwarded-") {
			return true
		}
	}
	return false
}

// TrulyLocal reports whether a request comes from this machine and nowhere
// else: a loopback peer, a loopback Host, and no sign of a proxy. Behind a
// reverse proxy on the same machine every request has a loopback peer; the
// proxy's headers and the public Host tell them apart. A DNS-rebinding
// page has a loopback peer but its own host name in Host.
func TrulyLocal(r *http.Request) bool {
	a, ok := peer(r)
	return ok && a.IsLoopback() && LoopbackHost(r.Host) && !Forwarded(r)
}

// LoopbackHost reports whether host (with or without a port) names this
// machine: localhost, 127.0.0.0/8 or ::1.
func LoopbackHost(host string) bool {
	h := hostOnly(host)
	if strings.EqualFold(h, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(h)
	return err == nil && a.Unmap().IsLoopback()
}

// hostOnly strips the port and the brackets of an IPv6 literal.
func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return strings.Trim(host, "[]")
}

// portOf returns host's port, or the scheme's default.
func portOf(host, scheme string) string {
	if _, p, err := net.SplitHostPort(host); err == nil {
		return p
	}
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// HostOK reports whether host (a request's Host, see Proxies.Host) is the
// base's: the same name and port. For a loopback base (a server for this
// machine only) any loopback name with the base's port will do, so
// http://localhost:8080/ and http://127.0.0.1:8080/ both work.
func (b Base) HostOK(host string) bool {
	scheme := "http"
	if b.Secure() {
		scheme = "https"
	}
	bh := b.Host()
	if LoopbackHost(bh) {
		return LoopbackHost(host) && portOf(host, scheme) == portOf(bh, scheme)
	}
	return strings.EqualFold(hostOnly(host), hostOnly(bh)) && portOf(host, scheme) == portOf(bh, scheme)
}

// Loopback reports whether the base names this machine.
func (b Base) Loopback() bool { return LoopbackHost(b.Host()) }
