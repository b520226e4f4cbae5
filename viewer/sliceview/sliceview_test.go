package sliceview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/viewer"
	"github.com/saros-review/saros-review/volume"
)

var phantom = func() *assets.Phantom {
	p, err := assets.NewPhantom(assets.PhantomConfig{Dims: [3]int{96, 96, 40}, Spacing: [3]float64{4, 4, 12.5}, Seed: 3})
	if err != nil {
		panic(err)
	}
	return p
}()

// screen builds a scene with three views and a strip in a test window.
func screen(t *testing.T) (*Scene, map[viewer.View]*SliceView, *Strip, fyne.Window) {
	test.NewTempApp(t)
	sc := NewScene(viewer.Layers{Image: phantom.Image, Regions: phantom.Regions, Parts: phantom.Parts}, viewer.DefaultStyle())
	vs := map[viewer.View]*SliceView{}
	for _, v := range viewer.Views {
		vs[v] = New(sc, v)
	}
	st := NewStrip(sc)
	w := test.NewTempWindow(t, container.NewBorder(nil, nil, st, nil,
		container.NewGridWithColumns(3, vs[viewer.Axial], vs[viewer.Coronal], vs[viewer.Sagittal])))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(916, 320))
	return sc, vs, st, w
}

// scroll sends a wheel event of dy to the object under widget position p
// of o, through the test canvas.
func scroll(w fyne.Window, o fyne.CanvasObject, p fyne.Position, dy float32) {
	test.Scroll(w.Canvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(p), 0, dy)
}

// TestClickMovesCursorInAllViews: a click in one view puts the cursor on
// the voxel under it; the other views move to its slices.
func TestClickMovesCursorInAllViews(t *testing.T) {
	sc, vs, _, _ := screen(t)
	ax := vs[viewer.Axial]
	k := sc.Cursor()[2]
	target := [3]int{20, 61, k}
	test.TapAt(ax, ax.PositionOf(target))
	if sc.Cursor() != target {
		t.Fatalf("cursor %v after clicking voxel %v", sc.Cursor(), target)
	}
	if vs[viewer.Coronal].Slice() != 61 || vs[viewer.Sagittal].Slice() != 20 {
		t.Errorf("coronal slice %d, sagittal slice %d", vs[viewer.Coronal].Slice(), vs[viewer.Sagittal].Slice())
	}
	// Clicking the coronal view changes i and k, keeps j.
	co := vs[viewer.Coronal]
	test.TapAt(co, co.PositionOf([3]int{70, 61, 12}))
	if sc.Cursor() != [3]int{70, 61, 12} || ax.Slice() != 12 {
		t.Errorf("cursor %v, axial slice %d", sc.Cursor(), ax.Slice())
	}
	// A click beside the image leaves the cursor alone.
	test.TapAt(co, fyne.NewPos(1, 1))
	if sc.Cursor() != [3]int{70, 61, 12} {
		t.Errorf("cursor moved to %v by a click outside the volume", sc.Cursor())
	}
}

// TestWheelScrollsSlices: the wheel steps the view's slice toward
// superior, anterior or patient left; the other views follow the cursor.
func TestWheelScrollsSlices(t *testing.T) {
	sc, vs, _, w := screen(t)
	ax := vs[viewer.Axial]
	k := ax.Slice()
	scroll(w, ax, fyne.NewPos(150, 150), 10)
	if ax.Slice() != k+1 || sc.Cursor()[2] != k+1 {
		t.Fatalf("slice %d after wheel up from %d", ax.Slice(), k)
	}
	scroll(w, ax, fyne.NewPos(150, 150), -10)
	scroll(w, ax, fyne.NewPos(150, 150), -10)
	if ax.Slice() != k-1 {
		t.Errorf("slice %d after two wheel-downs", ax.Slice())
	}
	// Coronal wheel up moves anterior: j falls in this LPS volume.
	co := vs[viewer.Coronal]
	j := co.Slice()
	scroll(w, co, fyne.NewPos(150, 150), 10)
	if co.Slice() != j-1 {
		t.Errorf("coronal slice %d after wheel up from %d", co.Slice(), j)
	}
}

func TestCtrlWheelZoomsAboutPointer(t *testing.T) {
	_, vs, _, _ := screen(t)
	ax := vs[viewer.Axial]
	ax.Modifiers = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	p := fyne.NewPos(200, 90)
	before, _ := ax.VoxelAt(p)
	z := ax.Viewport().Zoom
	k := ax.Slice()
	ax.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, 30)})
	if ax.Viewport().Zoom <= z*1.2 || ax.Slice() != k {
		t.Fatalf("zoom %g -> %g, slice %d -> %d", z, ax.Viewport().Zoom, k, ax.Slice())
	}
	if after, _ := ax.VoxelAt(p); after != before {
		t.Errorf("voxel under the pointer moved from %v to %v", before, after)
	}
	ax.Fit()
	if math.Abs(ax.Viewport().Zoom-z) > 1e-9 {
		t.Errorf("fit gave zoom %g, want %g", ax.Viewport().Zoom, z)
	}
}

func TestRightDragAdjustsWindow(t *testing.T) {
	sc, vs, _, _ := screen(t)
	ax := vs[viewer.Axial]
	w0 := sc.Style().Window
	ax.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 100)}, Button: desktop.MouseButtonSecondary})
	ax.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(150, 80)}, Button: desktop.MouseButtonSecondary})
	ax.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonSecondary})
	if got := sc.Style().Window; got.Width != w0.Width+200 || got.Level != w0.Level+40 {
		t.Errorf("window %v -> %v", w0, got)
	}
	// Moving without a button only hovers.
	ax.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 10)}})
	if sc.Style().Window.Width != w0.Width+200 {
		t.Error("hover changed the window")
	}
}

func TestMiddleDragPans(t *testing.T) {
	_, vs, _, _ := screen(t)
	ax := vs[viewer.Axial]
	p := fyne.NewPos(150, 150)
	before, _ := ax.VoxelAt(p)
	ax.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonTertiary})
	ax.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p.AddXY(40, 0)}, Dragged: fyne.NewDelta(40, 0)})
	ax.DragEnd()
	after, _ := ax.VoxelAt(p.AddXY(40, 0))
	if after != before {
		t.Errorf("voxel %v did not follow the pointer (now %v)", before, after)
	}
}

// TestStripJumpsAndAnnotatedSteps: the strip jumps to the slice clicked,
// superior at the top; [ and ] step between annotated slices.
func TestStripJumpsAndAnnotatedSteps(t *testing.T) {
	sc, _, st, _ := screen(t)
	test.TapAt(st, fyne.NewPos(8, 2))
	if k := sc.Cursor()[2]; k != 39 {
		t.Errorf("top of the strip is slice %d, want 39 (most superior)", k)
	}
	test.TapAt(st, fyne.NewPos(8, st.Size().Height-2))
	if k := sc.Cursor()[2]; k != 0 {
		t.Errorf("bottom of the strip is slice %d", k)
	}
	ks := sc.AnnotatedSlices()
	if !sc.StepAnnotated(1) || sc.Cursor()[2] != ks[0] {
		t.Errorf("next annotated from 0: %d, want %d", sc.Cursor()[2], ks[0])
	}
	sc.StepAnnotated(1)
	sc.StepAnnotated(-1)
	if sc.Cursor()[2] != ks[0] {
		t.Errorf("back to %d, want %d", sc.Cursor()[2], ks[0])
	}
	if sc.StepAnnotated(-1) {
		t.Error("stepped before the first annotated slice")
	}
}

// TestSlicesChangedIsIncremental: SlicesChanged classifies the named
// slices again and no other (a slice changed without saying so keeps its
// old state until InvalidateSlices rescans the map).
func TestSlicesChangedIsIncremental(t *testing.T) {
	regions := phantom.Regions.Clone()
	sc := NewScene(viewer.Layers{Image: phantom.Image, Regions: regions, Parts: phantom.Parts}, viewer.DefaultStyle())
	ks := sc.AnnotatedSlices()
	a, b := ks[1], ks[2]
	for _, k := range []int{a, b} {
		sl := regions.Axial(k)
		for i := range sl {
			sl[i] = volume.NotAnnotated
		}
	}
	sc.SlicesChanged(a)
	st := sc.SliceStates()
	if st[a] != volume.Ignored || st[b] != volume.Annotated {
		t.Fatalf("after SlicesChanged(%d): states %v, %v", a, st[a], st[b])
	}
	sc.InvalidateSlices()
	if st := sc.SliceStates(); st[b] != volume.Ignored {
		t.Errorf("after InvalidateSlices: slice %d %v", b, st[b])
	}
}
