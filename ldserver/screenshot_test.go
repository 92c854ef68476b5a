package ldserver

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
)

// screenshots loads each named URL in headless Chromium (tools/node/
// screenshot.mjs) and checks every PNG: it decodes, is a full-width page,
// and is not blank. The PNGs go to LDSERVER_SCREENSHOTS when it names a
// directory, for people to look at; otherwise to a temporary one.
func screenshots(t *testing.T, pages [][2]string) {
	t.Helper()
	testtool.Require(t, "chromium")
	nm := testtool.NodeModules(t, "playwright-core")
	out := os.Getenv("LDSERVER_SCREENSHOTS")
	if out == "" {
		out = t.TempDir()
	}
	args := []string{filepath.Join(filepath.Dir(nm), "screenshot.mjs"), out}
	for _, p := range pages {
		args = append(args, p[0]+"="+p[1])
	}
	cmd := exec.Command("node", args...)
	cmd.Dir = filepath.Dir(nm)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("screenshot.mjs: %v\n%s", err, b)
	}
	for _, p := range pages {
		checkScreenshot(t, filepath.Join(out, p[0]+".png"))
	}
}

// checkScreenshot fails unless path is a PNG of a rendered page.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if why := screenshotProblem(img); why != "" {
		t.Errorf("%s: %s", path, why)
	}
}

// screenshotProblem says what is wrong with a page's picture, or "": it
// must have the viewport's width, some height, and more than a handful of
// colours (a blank page has one or two).
func screenshotProblem(img image.Image) string {
	r := img.Bounds()
	if r.Dx() != 1280 || r.Dy() < 400 {
		return fmt.Sprintf("%d×%d pixels, want 1280 wide and at least 400 high", r.Dx(), r.Dy())
	}
	if n := colours(img, 64); n < 16 {
		return fmt.Sprintf("only %d colours; the page looks blank", n)
	}
	return ""
}

// Ensure the screenshot check fails a blank page and a cut-off one.
func TestScreenshotProblem(t *testing.T) {
	blank := image.NewRGBA(image.Rect(0, 0, 1280, 900))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	if screenshotProblem(blank) == "" {
		t.Error("a blank page passed")
	}
	busy := image.NewRGBA(image.Rect(0, 0, 1280, 900))
	for i := range busy.Pix {
		busy.Pix[i] = byte(i * 7)
	}
	if why := screenshotProblem(busy); why != "" {
		t.Errorf("a busy page failed: %s", why)
	}
	if screenshotProblem(busy.SubImage(image.Rect(0, 0, 1280, 100))) == "" {
		t.Error("a 100-pixel-high page passed")
	}
}

// colours counts the distinct colours of img, stopping at most.
func colours(img image.Image, most int) int {
	seen := map[[4]uint32]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			c0, c1, c2, c3 := img.At(x, y).RGBA()
			seen[[4]uint32{c0, c1, c2, c3}] = true
			if len(seen) >= most {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// TestScreenshots renders the landing page and one page of every kind of
// resource in headless Chromium. The pictures themselves are for people
// (LDSERVER_SCREENSHOTS=DIR keeps them); the test holds each to being a
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
	screenshots(t, pages)
}
