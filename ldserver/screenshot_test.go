package ldserver

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
)

// TestScreenshots takes headless-Chromium screenshots of the landing page,
// a domain page and an assessment page. It runs only when
// LDSERVER_SCREENSHOTS names an output directory: the PNGs are for people to
// look at, not something a test can judge.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("LDSERVER_SCREENSHOTS")
	if out == "" {
		t.Skip("set LDSERVER_SCREENSHOTS=DIR to take screenshots")
	}
	nm := testtool.NodeModules(t, "playwright-core")
	e := newTestEnv(t, nil, nil)
	args := []string{filepath.Join(filepath.Dir(nm), "screenshot.mjs"), out}
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
		args = append(args, p[0]+"="+e.base+p[1])
	}
	cmd := exec.Command("node", args...)
	cmd.Dir = filepath.Dir(nm)
	b, err := cmd.CombinedOutput()
	t.Logf("%s", b)
	if err != nil {
		t.Fatal(err)
	}
}
