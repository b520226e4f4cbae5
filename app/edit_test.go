package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/store"
	"github.com/saros-review/saros-review/viewer"
)

// copyDir copies a case folder.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	os.MkdirAll(dst, 0o755)
	es, _ := os.ReadDir(src)
	for _, e := range es {
		if e.IsDir() {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644)
	}
}

// openEditable opens a fresh copy of a demo case on the case screen.
func openEditable(t *testing.T) (*Controller, *CaseScreen, string) {
	dir := filepath.Join(t.TempDir(), "case_000")
	copyDir(t, filepath.Join(demoSet(t), "case_000"), dir)
	c, shown := controller(t)
	c.Window.Resize(fyne.NewSize(1400, 900))
	c.OpenPath(dir)
	s := wait(t, shown)
	return c, s, dir
}

// drag sends a stroke from one widget position to another as the desktop
// driver does: steps Dragged events, each with the pointer's current
// position and the move since the last one, then DragEnd.
func drag(w fyne.Draggable, from, to fyne.Position, steps int) {
	prev := from
	for n := 1; n <= steps; n++ {
		f := float32(n) / float32(steps)
		p := fyne.NewPos(from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f)
		w.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	w.DragEnd()
}

// shortcut types Ctrl+key on the window's canvas.
func shortcut(c *Controller, key fyne.KeyName, mods fyne.KeyModifier) {
	typeShortcut(c, &desktop.CustomShortcut{KeyName: key, Modifier: mods})
}

func typeShortcut(c *Controller, s fyne.Shortcut) {
	c.Window.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(s)
}

// TestBrushStrokeUndoSave drives a real brush stroke through the axial
// view (test.Drag), undoes and redoes it with the keyboard, saves with
// Ctrl+S and reads the maps back from disk.
func TestBrushStrokeUndoSave(t *testing.T) {
	c, s, dir := openEditable(t)
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	reg := s.Case.Layers.Regions
	c.TypedRune('b') // brush
	s.Editor.Label[annotate.MapRegions] = labels.RegionBrain
	s.Editor.SetRadius(3)
	from := ax.PositionOf([3]int{100, 128, k})
	to := ax.PositionOf([3]int{160, 128, k})
	drag(ax, from, to, 6)
	for i := 102; i <= 158; i += 4 {
		if reg.At(i, 128, k) != labels.RegionBrain {
			t.Fatalf("no brain at (%d, 128, %d) after the stroke: %d", i, k, reg.At(i, 128, k))
		}
	}
	if !c.dirty() || !strings.Contains(c.Window.Title(), "unsaved") {
		t.Errorf("title %q after an edit", c.Window.Title())
	}
	if n := s.Editor.Session.History.UndoName(); n != "brush: brain" {
		t.Errorf("undo step %q", n)
	}
	typeShortcut(c, &fyne.ShortcutUndo{}) // what the driver sends for Ctrl+Z
	if reg.At(130, 128, k) == labels.RegionBrain {
		t.Fatal("Ctrl+Z did not undo")
	}
	typeShortcut(c, &fyne.ShortcutRedo{})
	if reg.At(130, 128, k) != labels.RegionBrain {
		t.Fatal("Ctrl+Y did not redo")
	}
	if err := saveResult(t, c, func() { shortcut(c, fyne.KeyS, fyne.KeyModifierControl) }); err != nil {
		t.Fatal(err)
	}
	ds, _ := store.Open(dir)
	l, err := ds.Cases[0].Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.Regions.At(130, 128, k) != labels.RegionBrain || l.Parts.At(130, 128, k) == 0 {
		t.Errorf("on disk: region %d part %d", l.Regions.At(130, 128, k), l.Parts.At(130, 128, k))
	}
	if hs, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(store.HistoryDir))); len(hs) != 1 {
		t.Errorf("%d revisions kept", len(hs))
	}
	if strings.Contains(c.Window.Title(), "unsaved") {
		t.Errorf("title %q after saving", c.Window.Title())
	}
}

// TestToolsRefuseWhereTheyMust: on an ignored slice, in the coronal view
// and in read-only mode nothing changes and the status says why.
func TestToolsRefuseWhereTheyMust(t *testing.T) {
	c, s, _ := openEditable(t)
	ax, co := s.Views[viewer.Axial], s.Views[viewer.Coronal]
	c.TypedRune('b')
	before := append([]uint8(nil), s.Case.Layers.Regions.Voxels...)
	ax.Step(1) // the slice above is not annotated
	test.TapAt(ax, ax.PositionOf([3]int{128, 128, ax.Slice()}))
	if !strings.Contains(s.message.Text, "is not annotated") {
		t.Errorf("message %q on an ignored slice", s.message.Text)
	}
	test.TapAt(co, fyne.NewPos(100, 100))
	if !strings.Contains(s.message.Text, "coronal view") {
		t.Errorf("message %q in the coronal view", s.message.Text)
	}
	ax.Step(-1)
	c.SetReadOnly(true)
	c.TypedRune('b')
	test.TapAt(ax, ax.PositionOf([3]int{128, 128, ax.Slice()}))
	if string(before) != string(s.Case.Layers.Regions.Voxels) {
		t.Error("voxels changed")
	}
	if !strings.Contains(c.Window.Title(), "read-only") {
		t.Errorf("title %q", c.Window.Title())
	}
}

// TestFillRelabelPickAndMark: the one-click tools and slice marking.
func TestFillRelabelPickAndMark(t *testing.T) {
	c, s, _ := openEditable(t)
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	reg := s.Case.Layers.Regions
	// Ctrl+click picks the labels under the pointer.
	ax.Modifiers = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	c.TypedRune('g')
	test.TapAt(ax, ax.PositionOf([3]int{128, 100, k}))
	if s.Editor.Label[annotate.MapRegions] != reg.At(128, 100, k) {
		t.Fatalf("picked %d, voxel holds %d", s.Editor.Label[annotate.MapRegions], reg.At(128, 100, k))
	}
	ax.Modifiers = func() fyne.KeyModifier { return 0 }
	// Relabel the whole pericardium component as mediastinum in one click.
	s.Editor.Label[annotate.MapRegions] = labels.RegionMediastinum
	c.TypedRune('r')
	test.TapAt(ax, ax.PositionOf([3]int{128, 128, k}))
	for _, v := range reg.Axial(k) {
		if v == labels.RegionPericardium {
			t.Fatal("pericardium left after relabelling its component")
		}
	}
	c.dialogs.markSlice(s.Editor)
	s.Editor.MarkSlice("metal artefact (teeth)")
	if s.Scene.SliceStates()[k].String() != "ignored" {
		t.Error("slice not marked")
	}
	c.Undo()
	c.Undo()
	if reg.At(128, 128, k) != labels.RegionPericardium {
		t.Error("undo did not bring the pericardium back")
	}
}

// TestLeavingAsksAboutUnsavedEdits: moving to the worklist with unsaved
// edits shows a dialog instead of dropping them.
func TestLeavingAsksAboutUnsavedEdits(t *testing.T) {
	c, s, _ := openEditable(t)
	c.Worklist = NewWorklist(&store.Dataset{Root: "x"})
	c.TypedRune('b')
	ax := s.Views[viewer.Axial]
	test.TapAt(ax, ax.PositionOf([3]int{128, 128, ax.Slice()}))
	if !c.dirty() {
		t.Fatal("no edit")
	}
	c.ShowWorklist()
	if c.Screen != s {
		t.Fatal("left the case without asking")
	}
	if len(c.Window.Canvas().Overlays().List()) == 0 {
		t.Error("no dialog shown")
	}
}

// TestChangesSinceLastSave: X shows the voxels changed since the last
// save (not since the case was opened): after a save the overlay starts
// again from what is on disk; X again hides it and drops its copy of the
// maps.
func TestChangesSinceLastSave(t *testing.T) {
	c, s, _ := openEditable(t)
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	reg := s.Case.Layers.Regions
	g := reg.Grid
	idx := g.Index(100, 128, k)
	was := reg.Voxels[idx]
	dabBrain(s)
	if reg.Voxels[idx] == was {
		t.Fatal("the dab changed nothing there")
	}
	c.TypedRune('x')
	o := s.Scene.Layers().Original
	if !s.Scene.ChangesShown() || len(o[0]) != len(reg.Voxels) || o[0][idx] != was {
		t.Fatalf("changes overlay: shown %v, original there %v", s.Scene.ChangesShown(), len(o[0]))
	}
	if err := saveResult(t, c, c.Save); err != nil {
		t.Fatal(err)
	}
	if o := s.Scene.Layers().Original; o[0][idx] != reg.Voxels[idx] {
		t.Errorf("after the save the overlay still counts from the opened maps: %d vs %d", o[0][idx], reg.Voxels[idx])
	}
	c.TypedRune('x')
	if s.Scene.ChangesShown() || s.Scene.Layers().Original[0] != nil {
		t.Error("X did not hide the overlay and drop its maps")
	}
}
