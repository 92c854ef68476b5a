package httpx

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"strings"
)

// TextError answers code in text/plain, never cached: the status, msg and,
// when given, the detail ("400 msg: detail").
func TextError(w http.ResponseWriter, r *http.Request, code int, msg, detail string) {
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	if detail == "" {
		fmt.Fprintf(w, "%d %s\n", code, msg)
		return
	}
	fmt.Fprintf(w, "%d %s: %s\n", code, msg, detail)
}

// GzipBytes compresses b once, when it is stored in a cache, so gzip costs
// nothing per request.
func GzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// Attachment returns a Content-Disposition that offers a download as
// name, made safe: letters, digits, '.', '_' and '-' are kept, every
// other run of characters becomes one '-', so no quote, semicolon, control
// character or path separator of a name ever reaches the header or the
// client's file system.
func Attachment(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	safe := strings.Trim(b.String(), "-.")
	if safe == "" {
		safe = "download"
	}
	return `attachment; filename="` + safe + `"`
}
