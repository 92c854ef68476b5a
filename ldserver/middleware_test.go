package ldserver

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
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

func TestRequestLog(t *testing.T) {
	var buf bytes.Buffer
	e := newTestEnv(t, nil, func(c *Config) {
		c.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	e.get(t, "GET", e.base+"model/domein/sponsoring", "Accept: image/png")
	e.get(t, "GET", e.base+"model/domein/sponsoring?lang=en", "Accept: text/turtle")
	log := buf.String()
	for _, want := range []string{"method=GET", "path=/model/domein/sponsoring", "status=406", "status=200", `path="/model/domein/sponsoring?lang=en"`, "dur="} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %s:\n%s", want, log)
		}
	}
}
