package ldserver

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// blockingSource never hands out a view before its context ends.
type blockingSource struct{}

func (blockingSource) View(ctx context.Context) (View, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestRequestTimeout(t *testing.T) {
	s, err := New(Config{Base: "http://x/", RequestTimeout: 50 * time.Millisecond, DumpDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))}, blockingSource{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/doc/domein/x", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", rec.Code)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v despite a 50ms timeout", d)
	}
}

// logBuffer collects log output written by the server's goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRequestLog(t *testing.T) {
	var buf logBuffer
	e := newTestEnv(t, nil, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	e.get(t, "GET", e.base+"model/domein/sponsoring", "Accept: image/png")
	e.get(t, "GET", e.base+"model/domein/sponsoring?lang=en", "Accept: text/turtle")
	// The server logs a request after its response has gone out, so the
	// client can be faster than the log line.
	want := []string{"method=GET", "path=/model/domein/sponsoring", "status=406", "status=200", `path="/model/domein/sponsoring?lang=en"`, "dur="}
	deadline := time.Now().Add(5 * time.Second)
	for {
		log, missing := buf.String(), ""
		for _, w := range want {
			if !strings.Contains(log, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("log lacks %s:\n%s", missing, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
