package sitetest

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
)

// Screenshots loads each named URL in headless Chromium (tools/node/
// screenshot.mjs) and checks every PNG: it decodes, is a full-width page,
// and is not blank. The PNGs go to SCREENSHOTS when it names a
// directory, for people to look at; otherwise to a temporary one.
func Screenshots(t *testing.T, pages [][2]string) {
	t.Helper()
	testtool.Require(t, "chromium")
	nm := testtool.NodeModules(t, "playwright-core")
	out := os.Getenv("SCREENSHOTS")
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
