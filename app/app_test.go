package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestDemoOpensOnMiddleAnnotatedSlice: with no path the screen shows the
// demo case's middle annotated axial slice, rendered, with its status.
func TestDemoOpensOnMiddleAnnotatedSlice(t *testing.T) {
	test.NewTempApp(t)
	s := NewCaseScreen()
	w := test.NewTempWindow(t, s.Content())
	w.Resize(fyne.NewSize(600, 600))
	c, err := loadStart("", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Show(c)
	ks := c.Regions.AnnotatedSlices()
	if s.Slice != ks[len(ks)/2] {
		t.Errorf("showing slice %d, want middle annotated %d", s.Slice, ks[len(ks)/2])
	}
	if !strings.Contains(s.status.Text, "axial slice 51 of 100 (annotated)") || !strings.Contains(s.status.Text, "LPS") {
		t.Errorf("status %q", s.status.Text)
	}
	if s.progress.Visible() {
		t.Error("progress bar still shown")
	}
	// The rendered window shows anatomy: a range of grey levels in the view.
	img := w.Canvas().Capture()
	b := img.Bounds()
	seen := map[uint32]bool{}
	for y := b.Min.Y + b.Dy()/4; y < b.Max.Y*3/4; y += 3 {
		for x := b.Min.X + b.Dx()/4; x < b.Max.X*3/4; x += 3 {
			r, _, _, _ := img.At(x, y).RGBA()
			seen[r>>12] = true
		}
	}
	if len(seen) < 4 {
		t.Errorf("view shows %d grey levels", len(seen))
	}
}

func TestOpenPathError(t *testing.T) {
	if _, err := loadStart(t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "no case_NNN folders") {
		t.Errorf("got %v", err)
	}
}
