package httpx

import (
	"net/http/httptest"
	"testing"
)

func TestTrulyLocal(t *testing.T) {
	for _, c := range []struct {
		name, remote, host string
		headers            map[string]string
		want               bool
	}{
		{"loopback peer and host", "127.0.0.1:5000", "127.0.0.1:8080", nil, true},
		{"localhost", "[::1]:5000", "localhost:8080", nil, true},
		{"other peer", "203.0.113.5:5000", "127.0.0.1:8080", nil, false},
		{"proxy on this machine", "127.0.0.1:5000", "127.0.0.1:8080", map[string]string{"X-Forwarded-For": "203.0.113.5"}, false},
		{"Forwarded", "127.0.0.1:5000", "127.0.0.1:8080", map[string]string{"Forwarded": "for=203.0.113.5"}, false},
		{"X-Forwarded-Proto only", "127.0.0.1:5000", "127.0.0.1:8080", map[string]string{"X-Forwarded-Proto": "https"}, false},
		{"public host through a local proxy", "127.0.0.1:5000", "data.leuven.be", nil, false},
		{"DNS rebinding", "127.0.0.1:5000", "rebind.attacker.example:8080", nil, false},
	} {
		r := httptest.NewRequest("POST", "/evaluatie", nil)
		r.RemoteAddr, r.Host = c.remote, c.host
		for k, v := range c.headers {
			r.Header.Set(k, v)
		}
		if got := TrulyLocal(r); got != c.want {
			t.Errorf("%s: TrulyLocal = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestHostOK(t *testing.T) {
	for _, c := range []struct {
		base, host string
		want       bool
	}{
		{"https://data.leuven.be/maturiteit/", "data.leuven.be", true},
		{"https://data.leuven.be/maturiteit/", "DATA.leuven.be:443", true},
		{"https://data.leuven.be/maturiteit/", "data.leuven.be:8443", false},
		{"https://data.leuven.be/maturiteit/", "rebind.attacker.example", false},
		{"https://data.leuven.be/maturiteit/", "127.0.0.1:8080", false},
		{"http://localhost:8080/", "127.0.0.1:8080", true},
		{"http://localhost:8080/", "[::1]:8080", true},
		{"http://localhost:8080/", "localhost:9090", false},
		{"http://localhost:8080/", "rebind.attacker.example:8080", false},
		{"http://127.0.0.1:41234/", "127.0.0.1:41234", true},
	} {
		b, err := ParseBase(c.base, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := b.HostOK(c.host); got != c.want {
			t.Errorf("base %s, Host %s: %v, want %v", c.base, c.host, got, c.want)
		}
	}
}

func TestProxies(t *testing.T) {
	p, err := ParseProxies([]string{"127.0.0.1", "10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseProxies([]string{"nginx"}); err == nil {
		t.Error("a host name was taken for a proxy address")
	}
	for _, c := range []struct {
		name, remote, xff, xfh, wantIP, wantHost string
	}{
		{"direct client", "203.0.113.5:1", "198.51.100.1", "evil.example", "203.0.113.5", "data.leuven.be"},
		{"through the proxy", "127.0.0.1:1", "198.51.100.1", "data.leuven.be", "198.51.100.1", "data.leuven.be"},
		{"spoofed first hop", "127.0.0.1:1", "6.6.6.6, 198.51.100.1", "", "198.51.100.1", "data.leuven.be"},
		{"two trusted hops", "10.1.2.3:1", "198.51.100.1, 127.0.0.1", "", "198.51.100.1", "data.leuven.be"},
		{"no header", "127.0.0.1:1", "", "", "127.0.0.1", "data.leuven.be"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr, r.Host = c.remote, "data.leuven.be"
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if c.xfh != "" {
			r.Header.Set("X-Forwarded-Host", c.xfh)
		}
		if got := p.ClientIP(r).String(); got != c.wantIP {
			t.Errorf("%s: ClientIP %s, want %s", c.name, got, c.wantIP)
		}
		if got := p.Host(r); got != c.wantHost {
			t.Errorf("%s: Host %s, want %s", c.name, got, c.wantHost)
		}
	}
	var none Proxies
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "127.0.0.1:1"
	r.Header.Set("X-Forwarded-For", "198.51.100.1")
	if got := none.ClientIP(r).String(); got != "127.0.0.1" {
		t.Errorf("without --trust-proxy the forwarded address was believed: %s", got)
	}
}
