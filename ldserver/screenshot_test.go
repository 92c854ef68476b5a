package ldserver

import (
	"testing"

	"github.com/stadleuven/maturity/internal/sitetest"
)

// TestScreenshots renders the landing page and one page of every kind of
// resource in headless Chromium. The pictures themselves are for people
// (SCREENSHOTS=DIR keeps them); the test holds each to being a
// rendered, non-blank page.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t, nil, nil)
	var pages [][2]string
	for _, p := range [][2]string{
		{"landing", ""},
		{"domein", "model/domein/sponsoring"},
		{"evaluatie", "id/evaluatie/99991/2025"},
		{"bevraging", "id/bevraging/99991/2025/v1"},
		{"studie", "model/dataset/studie-open-data-awareness"},
		{"evaluatie-v1-en", "doc/evaluatie/99993/2024/v1?lang=en"},
		{"ontologie", "ns"},
		{"organisatie", "id/organisatie/24062"},
		{"graaf", "graph/" + "evaluatie/99993/2024/v1"},
		{"void", ".well-known/void"},
	} {
		pages = append(pages, [2]string{p[0], e.base + p[1]})
	}
	sitetest.Screenshots(t, pages)
}
