package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
)

// TestCleanSpecksPreviewApplyUndo: on the real-CT fixture, Clean specks
// previews the specks of the cursor's slice (count, area, outlined in
// the view) without changing anything, widens to every annotated slice,
// applies as one undo step that leaves no speck, and undoes in one step.
func TestCleanSpecksPreviewApplyUndo(t *testing.T) {
	c, shown := controller(t)
	c.OpenPath(realCase(t))
	s := wait(t, shown)
	fs := waitQC(t, c)
	k := -1
	for _, f := range fs {
		if f.Rule == qc.RuleIsland && f.Count > 1 {
			k = f.Slice
			break
		}
	}
	if k < 0 {
		t.Fatal("no slice with several island specks")
	}
	cur := s.Scene.Cursor()
	cur[2] = k
	s.Scene.SetCursor(cur)
	sess := s.Editor.Session
	undos, _ := sess.History.Len()

	c.cleanSpecksDialog() // the real dialog opens on the window
	ov := c.Window.Canvas().Overlays()
	if ov.Top() == nil {
		t.Fatal("Clean specks showed no dialog")
	}
	ov.Remove(ov.Top())
	f := c.newSpecksForm()
	one := f.preview
	if f.err != nil || one.Components < 2 || one.Slices != 1 || one.AreaMM2 <= 0 {
		t.Fatalf("preview of slice %d: %+v (%v)", k, one, f.err)
	}
	if len(s.Scene.Boxes()) != one.Components || s.Scene.Boxes()[0].K != k {
		t.Errorf("%d specks outlined, preview counts %d", len(s.Scene.Boxes()), one.Components)
	}
	if n, _ := sess.History.Len(); n != undos || sess.Dirty() {
		t.Fatal("the preview changed the case")
	}
	f.scope.SetSelected(specksAll)
	all := f.preview
	if all.Components <= one.Components || all.Slices < 2 {
		t.Fatalf("all slices: %+v, one: %+v", all, one)
	}
	test.Type(f.size, "x")
	if f.err == nil {
		t.Error("a size of 5x was taken")
	}
	f.size.SetText("5")
	f.apply()
	f.clearMarks()
	if n, _ := sess.History.Len(); n != undos+1 {
		t.Fatalf("%d undo steps after the clean, %d before", n, undos)
	}
	if left, err := sess.PreviewSpecks(f.opts); err != nil || left.Components != 0 {
		t.Errorf("specks left after the clean: %+v (%v)", left, err)
	}
	c.Undo()
	if back, _ := sess.PreviewSpecks(f.opts); back.Components != all.Components || back.AreaMM2 != all.AreaMM2 {
		t.Errorf("after undo %+v, before the clean %+v", back, all)
	}
}

// TestCleanSpecksKeepsLocks: with the labels of the slice's specks locked
// (in the label panel's sense: no tool may change them), the preview finds
// fewer specks and applying leaves every locked voxel as it was.
func TestCleanSpecksKeepsLocks(t *testing.T) {
	c, shown := controller(t)
	c.OpenPath(realCase(t))
	s := wait(t, shown)
	waitQC(t, c)
	sess := s.Editor.Session
	f := c.newSpecksForm()
	f.scope.SetSelected(specksAll)
	free := f.preview
	if free.Components == 0 {
		t.Fatal("no specks on the fixture")
	}
	// Lock the region label with the most voxels in specks: muscle.
	regions := sess.Maps[0]
	lock := uint8(labels.RegionMuscle)
	sess.Locked[0][lock] = true
	before := slices.Clone(regions.Voxels)
	f.update()
	if f.preview.Components >= free.Components {
		t.Fatalf("locking muscle left %d specks to clean of %d", f.preview.Components, free.Components)
	}
	f.apply()
	for i, v := range before {
		if v == lock && regions.Voxels[i] != lock {
			t.Fatalf("locked muscle voxel %d became %d", i, regions.Voxels[i])
		}
	}
}
