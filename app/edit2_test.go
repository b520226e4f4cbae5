package app

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// tapButton taps the button with the given text in the top overlay (a
// dialog), failing when there is none.
func tapButton(t *testing.T, c *Controller, text string) {
	t.Helper()
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog to press %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in the dialog", text)
}

// TestDerivePartsPreviewThenApply: derived parts are shown before they
// are applied, and applying them fixes the mislabelled arm in one step.
func TestDerivePartsPreviewThenApply(t *testing.T) {
	c, s, _ := openEditable(t)
	p, _ := assets.NewPhantom(assets.DemoConfig)
	var d assets.Defect
	for _, x := range p.Defects {
		if x.Kind == assets.DefectMislabelledArm {
			d = x
		}
	}
	s.Scene.SetCursor([3]int{d.I, d.J, d.Slice})
	parts := s.Case.Layers.Parts
	c.deriveParts(false)
	if s.Scene.Layers().Parts == parts || s.Scene.Layers().Parts.At(d.I, d.J, d.Slice) != labels.PartRightArm {
		t.Fatal("no preview of the derived parts")
	}
	if parts.At(d.I, d.J, d.Slice) != labels.PartLeftArm {
		t.Fatal("the preview changed the parts map")
	}
	tapButton(t, c, "Yes")
	if s.Scene.Layers().Parts != parts || parts.At(d.I, d.J, d.Slice) != labels.PartRightArm {
		t.Errorf("after applying: part %d", parts.At(d.I, d.J, d.Slice))
	}
	if n := s.Editor.Session.History.UndoName(); n != "derive parts: slice 31" {
		t.Errorf("undo step %q", n)
	}
}

// TestFailedSaveKeepsEdits: when the case folder is gone, saving says so
// and every edit stays in memory, still unsaved.
func TestFailedSaveKeepsEdits(t *testing.T) {
	c, s, dir := openEditable(t)
	ax := s.Views[viewer.Axial]
	c.TypedRune('b')
	test.TapAt(ax, ax.PositionOf([3]int{60, 128, ax.Slice()}))
	v := s.Case.Layers.Regions.At(60, 128, ax.Slice())
	os.RemoveAll(dir)
	if err := saveResult(t, c, c.Save); err == nil {
		t.Fatal("save into a missing folder succeeded")
	}
	if !c.dirty() || s.Case.Layers.Regions.At(60, 128, ax.Slice()) != v {
		t.Error("edits lost after a failed save")
	}
	if c.Window.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog")
	}
}

// TestRecoveryIsOffered: autosaved edits newer than the files are offered
// when the case opens, and restoring them is one undo step.
func TestRecoveryIsOffered(t *testing.T) {
	dir := t.TempDir() + "/case_000"
	copyDir(t, demoSet(t)+"/case_000", dir)
	ds, _ := store.Open(dir)
	l, err := ds.Cases[0].Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	k := l.Regions.AnnotatedSlices()[8]
	l.Regions.Set(128, 128, k, labels.RegionBrain)
	time.Sleep(20 * time.Millisecond)
	if err := ds.Cases[0].WriteRecovery(l.Regions, l.Parts); err != nil {
		t.Fatal(err)
	}
	c, shown := controller(t)
	c.Window.Resize(fyne.NewSize(1400, 900))
	c.OpenPath(dir)
	s := wait(t, shown)
	if s.Case.Layers.Regions.At(128, 128, k) == labels.RegionBrain {
		t.Fatal("recovered edits applied without asking")
	}
	tapButton(t, c, "Yes")
	settle(t, c) // the recovery files are read in the background
	if s.Case.Layers.Regions.At(128, 128, k) != labels.RegionBrain || !c.dirty() {
		t.Error("recovered edits not restored")
	}
	if n := s.Editor.Session.History.UndoName(); n != "restore autosaved edits" {
		t.Errorf("undo step %q", n)
	}
}

// TestPolygonByClicksAndEnter: clicks add corners, Enter fills the inside
// with the active label as one undo step, Escape cancels.
func TestPolygonByClicksAndEnter(t *testing.T) {
	c, s, _ := openEditable(t)
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	c.TypedRune('p')
	s.Editor.Label[annotate.MapRegions] = labels.RegionBrain
	for _, ij := range [][2]int{{100, 100}, {140, 100}, {140, 130}, {100, 130}} {
		test.TapAt(ax, ax.PositionOf([3]int{ij[0], ij[1], k}))
	}
	if len(s.Scene.Polygon()) != 4 {
		t.Fatalf("%d corners", len(s.Scene.Polygon()))
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	reg := s.Case.Layers.Regions
	if reg.At(120, 115, k) != labels.RegionBrain || reg.At(99, 115, k) == labels.RegionBrain || reg.At(141, 115, k) == labels.RegionBrain {
		t.Errorf("inside %d, outside %d %d", reg.At(120, 115, k), reg.At(99, 115, k), reg.At(141, 115, k))
	}
	if n := s.Editor.Session.History.UndoName(); n != "polygon: brain" || c.Screen != s {
		t.Errorf("undo step %q", n)
	}
	test.TapAt(ax, ax.PositionOf([3]int{50, 50, k}))
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(s.Scene.Polygon()) != 0 || c.Screen != s {
		t.Error("Escape did not just cancel the polygon")
	}
}

// TestLassoByDrag: a drag with the polygon tool traces a closed outline
// that is filled when the button is released.
func TestLassoByDrag(t *testing.T) {
	_, s, _ := openEditable(t)
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	s.Editor.SetTool(ToolPolygon)
	s.Editor.Label[annotate.MapRegions] = labels.RegionBrain
	pts := [][2]int{{100, 100}, {150, 100}, {150, 140}, {100, 140}, {100, 101}}
	for n := 0; n+1 < len(pts); n++ {
		a, b := ax.PositionOf([3]int{pts[n][0], pts[n][1], k}), ax.PositionOf([3]int{pts[n+1][0], pts[n+1][1], k})
		if n == 0 {
			ax.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: a}, Button: desktop.MouseButtonPrimary})
		}
		for step := 1; step <= 10; step++ {
			f := float32(step) / 10
			p := fyne.NewPos(a.X+(b.X-a.X)*f, a.Y+(b.Y-a.Y)*f)
			ax.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}})
		}
	}
	ax.DragEnd()
	reg := s.Case.Layers.Regions
	if reg.At(125, 120, k) != labels.RegionBrain || reg.At(160, 120, k) == labels.RegionBrain {
		t.Errorf("inside %d, outside %d", reg.At(125, 120, k), reg.At(160, 120, k))
	}
	if len(s.Scene.Polygon()) != 0 {
		t.Error("lasso left open")
	}
}
