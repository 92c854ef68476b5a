package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Middleware wraps a site's router: base-prefix stripping, CORS, the
// security headers, a per-request timeout and the request log, outermost
// first.
func Middleware(h http.Handler, b Base, timeout time.Duration, log *slog.Logger) http.Handler {
	h = Timeout(h, timeout)
	h = SecurityHeaders(h)
	h = CORS(h)
	h = b.StripPrefix(h)
	return LogRequests(h, log)
}

// CORS allows every origin on every read endpoint and answers preflights:
// the data is public, and browser clients (Comunica, YASGUI) need it.
func CORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "Link, ETag, Last-Modified, Location, Content-Location, Vary")
		if r.Method == http.MethodOptions {
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
			if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
				h.Set("Access-Control-Allow-Headers", req)
			} else {
				h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since")
			}
			h.Set("Access-Control-Max-Age", "86400")
			h.Set("Allow", "GET, HEAD, POST, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Timeout bounds each request with a context deadline. Unlike
// http.TimeoutHandler it does not buffer responses, so dumps still stream;
// the scans honour the context and stop when it ends.
func Timeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// statusWriter records the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// LogRequests logs one line per request with slog: method, path, status,
// size and duration. Successful requests log at Debug so a busy server's
// log stays readable; errors at Info or above.
func LogRequests(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		level := LogLevel(sw.status)
		if !log.Enabled(r.Context(), level) {
			return
		}
		log.LogAttrs(r.Context(), level, "http",
			slog.String("method", r.Method),
			slog.String("path", r.URL.RequestURI()),
			slog.Int("status", sw.status),
			slog.Int("bytes", sw.bytes),
			slog.Duration("dur", time.Since(start)),
		)
	})
}

// LogLevel maps a status to a log level.
func LogLevel(status int) slog.Level {
	switch {
	case status >= http.StatusInternalServerError:
		return slog.LevelError
	case status >= http.StatusBadRequest && status != http.StatusNotFound:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}
