package httpx

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
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
