package sitetest

import (
	"image"
	"image/draw"
	"testing"
)

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
