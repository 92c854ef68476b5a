package budget

import (
	"errors"
	"fmt"
	"testing"
)

func TestResolved(t *testing.T) {
	d := Limits{}.Resolved()
	if d.Depth != DefaultDepth || d.Patterns != DefaultPatterns || d.PathSteps != DefaultPathSteps ||
		d.StringBytes != DefaultStringBytes || d.MemoryBytes != DefaultMemoryBytes || d.ServiceBytes != DefaultServiceBytes {
		t.Errorf("zero Limits resolve to %+v, want the defaults", d)
	}
	off := Limits{Depth: -1, Patterns: -1, PathSteps: -1, StringBytes: -1, MemoryBytes: -1, ServiceBytes: -1}.Resolved()
	if off.Depth < 1<<30 || off.MemoryBytes < 1<<62 || off.ServiceBytes < 1<<62 || off.StringBytes < 1<<30 {
		t.Errorf("negative Limits resolve to %+v, want no limit", off)
	}
	if got := (Limits{Patterns: 7}).Resolved().Patterns; got != 7 {
		t.Errorf("Patterns 7 resolves to %d", got)
	}
}

func TestError(t *testing.T) {
	err := fmt.Errorf("evaluate: %w", Exceeded(NameMemoryBytes, 128<<20, "ORDER BY"))
	if !errors.Is(err, ErrLimit) {
		t.Fatal("errors.Is(err, ErrLimit) is false")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal("errors.As fails")
	}
	for lang, want := range map[string]string{
		"en": "ORDER BY exceeds the limit query-memory of 128 MiB per query",
		"nl": "ORDER BY overschrijdt de grens query-memory van 128 MiB per query",
		"":   "ORDER BY overschrijdt de grens query-memory van 128 MiB per query",
	} {
		if got := e.Localized(lang); got != want {
			t.Errorf("Localized(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := Exceeded(NamePatterns, 1000, "query").Error(); got != "query exceeds the limit max-patterns of 1000 patterns per query" {
		t.Errorf("count limit: %q", got)
	}
	for n, want := range map[int64]string{17: "17 bytes", 4 << 20: "4 MiB", 3 << 30: "3 GiB", 1536: "1536 bytes", 512 << 10: "512 KiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
