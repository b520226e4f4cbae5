package app

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/viewer"
)

// boxPixels counts the pixels of the QC box outline's colour in the axial
// view as it is shown now (its viewport, marks included).
func boxPixels(s *CaseScreen) int {
	ax := s.Views[viewer.Axial]
	var r viewer.Renderer
	st := s.Scene.Style()
	img := r.Render(nil, s.Scene.Layers(), ax.Frame(), ax.Slice(), ax.Viewport(), &st,
		viewer.Cursor{IJK: s.Scene.Cursor(), Marks: s.Scene.Marks()})
	n := 0
	for o := 0; o < len(img.Pix); o += 4 {
		if img.Pix[o] == 0 && img.Pix[o+1] == 255 && img.Pix[o+2] == 255 {
			n++
		}
	}
	return n
}

// TestQCJumpZoomsToBox: choosing a one-voxel speck of the real-CT fixture
// centres the axial view on its box and zooms in (within limits), the
// outline is visible at that zoom and at fit zoom (screen pixels, not
// voxels), and Home fits the slice again.
func TestQCJumpZoomsToBox(t *testing.T) {
	c, shown := controller(t)
	c.OpenPath(realCase(t))
	s := wait(t, shown)
	waitQC(t, c)
	c.Window.Canvas().Capture() // lay out and paint: the views know their size
	ax := s.Views[viewer.Axial]
	fit := ax.Viewport()
	if fit.W == 0 || !ax.Fitted() {
		t.Fatalf("axial view not painted fitted: %+v", fit)
	}
	// The smallest island component.
	n, best := -1, math.Inf(1)
	for i, f := range s.QC.Findings() {
		if f.Rule == qc.RuleIsland && f.AreaMM2 < best {
			n, best = i, f.AreaMM2
		}
	}
	if n < 0 {
		t.Fatal("no island finding")
	}
	s.QC.SelectFinding(n)
	f, _ := s.QC.Selected()
	vp := ax.Viewport()
	fit = viewer.Fit(ax.Frame(), vp.W, vp.H)
	if !(vp.Zoom > 2*fit.Zoom) || vp.Zoom > 8*fit.Zoom+1e-9 {
		t.Errorf("zoom %.2f after the jump, fit %.2f: want 2× to 8× fit", vp.Zoom, fit.Zoom)
	}
	b := *f.BBox
	lo := ax.PositionOf([3]int{b[0], b[1], f.Slice})
	hi := ax.PositionOf([3]int{b[2], b[3], f.Slice})
	mid := fyne.NewPos((lo.X+hi.X)/2, (lo.Y+hi.Y)/2)
	centre := fyne.NewPos(float32(vp.W)/2, float32(vp.H)/2)
	if d := math.Hypot(float64(mid.X-centre.X), float64(mid.Y-centre.Y)); d > float64(vp.Zoom)*2 {
		t.Errorf("box centre %v, view centre %v: %.1f px apart", mid, centre, d)
	}
	zoomed := boxPixels(s)
	if zoomed < 4*16 {
		t.Errorf("outline at zoom %.1f: %d pixels", vp.Zoom, zoomed)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	home := ax.Viewport()
	if want := viewer.Fit(ax.Frame(), home.W, home.H); !ax.Fitted() || home != want {
		t.Errorf("Home: fitted %v, viewport %+v, want %+v", ax.Fitted(), home, want)
	}
	if px := boxPixels(s); px < 4*16 {
		t.Errorf("outline of a %.2f mm² speck at fit zoom: %d pixels", f.AreaMM2, px)
	}
	t.Logf("speck %.2f mm²: zoom %.2f (fit %.2f), outline %d px", f.AreaMM2, vp.Zoom, fit.Zoom, zoomed)
}
