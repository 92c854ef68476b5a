package mirror

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// Credentials go in the scheme the server asks for, never before it asks,
// and a large body arrives whole even when the server answers 401 without
// reading it.
func TestAuthTransport(t *testing.T) {
	body := bytes.Repeat([]byte("<http://x/s> <http://x/p> \"o\" .\n"), 40000) // 1.3 MB
	for _, tc := range []struct {
		name     string
		basic    bool // the server wants Basic
		user     string
		wantCred int32 // requests that carried credentials
	}{
		{"open server, no user", false, "", 0},
		{"open server, a user: no credentials sent", false, "dba", 0},
		{"Basic", true, "dba", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got, creds atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if _, _, ok := r.BasicAuth(); ok || r.Header.Get("Authorization") != "" {
					creds.Add(1)
				}
				if u, p, ok := r.BasicAuth(); tc.basic && (!ok || u != "dba" || p != "geheim") {
					w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
					w.Header().Set("Connection", "close")
					w.WriteHeader(http.StatusUnauthorized)
					return
				}
				b, _ := io.ReadAll(r.Body)
				if len(b) == len(body) {
					got.Add(1)
				}
				w.WriteHeader(http.StatusNoContent)
			}))
			defer srv.Close()
			c := &http.Client{Transport: &authTransport{base: http.DefaultTransport, user: tc.user, password: "geheim"}}
			for range 2 {
				req, _ := http.NewRequest(http.MethodPut, srv.URL+"/store?graph=g", bytes.NewReader(body))
				resp, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusNoContent {
					t.Fatalf("status %d", resp.StatusCode)
				}
			}
			if got.Load() != 2 {
				t.Fatalf("the server got the whole body %d times, want 2", got.Load())
			}
			if want := tc.wantCred * 2; creds.Load() != want {
				t.Fatalf("%d requests carried credentials, want %d", creds.Load(), want)
			}
		})
	}
	if h := (&authTransport{user: "u", password: "p", scheme: "digest", challenge: parseChallenge(`Digest realm="r", nonce="n", qop="auth", opaque="o"`)}).digestHeader(httptest.NewRequest("PUT", "/sparql-graph-crud-auth?graph-uri=g", nil)); !strings.Contains(h, `uri="/sparql-graph-crud-auth?graph-uri=g"`) || !strings.Contains(h, "nc=00000001") || !strings.Contains(h, `opaque="o"`) {
		t.Fatalf("digest header %s", h)
	}
}
