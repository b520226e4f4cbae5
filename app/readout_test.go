package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/qc"
	"github.com/saros-review/saros-review/viewer"
)

// TestReadoutFollowsEveryChange: the readout names the slice and labels
// that are there now, after the pointer moves, the slice changes by key,
// a stroke paints under the pointer, undo takes it back, the slice turns
// to one not annotated, and the pointer leaves (then: the cursor voxel).
func TestReadoutFollowsEveryChange(t *testing.T) {
	c, s, _ := openEditable(t)
	cv := c.Window.Canvas()
	ax := s.Views[viewer.Axial]
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(ax).Add(fyne.NewPos(ax.Size().Width/2, ax.Size().Height/2))
	test.MoveMouse(cv, at)
	under, ok := s.pointer.ijk, s.pointer.over
	if !ok || under[2] != s.Scene.Cursor()[2] {
		t.Fatalf("the pointer is not over the axial slice: %+v", s.pointer)
	}
	want := func(what string, ijk [3]int, region string) {
		t.Helper()
		r := s.ReadoutText()
		v := fmt.Sprintf("voxel (%d, %d, %d)", ijk[0], ijk[1], ijk[2])
		if !strings.Contains(r, v) || !strings.Contains(r, "region: "+region+" ") {
			t.Errorf("%s: readout %q, want %s and region %s", what, r, v, region)
		}
	}
	rg := s.Case.Layers.Regions
	want("pointer over the view", under, labels.Regions.Name(rg.At(under[0], under[1], under[2])))

	c.TypedRune(']')
	under[2] = s.Scene.Cursor()[2]
	before := labels.Regions.Name(rg.At(under[0], under[1], under[2]))
	want("] under a still pointer", under, before)

	ed := s.Editor
	ed.SetTool(ToolBrush)
	ed.Map = annotate.MapRegions
	paint := labels.RegionMuscle
	if rg.At(under[0], under[1], under[2]) == paint {
		paint = labels.RegionBones
	}
	ed.Label[ed.Map] = paint
	p := fyne.NewPos(ax.Size().Width/2, ax.Size().Height/2)
	drag(ax, p, p.Add(fyne.NewPos(2, 0)), 2) // a short stroke where the pointer is
	want("after a stroke under the pointer", under, labels.Regions.Name(paint))
	c.Undo()
	want("after undo", under, before)

	ax.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: p}, Scrolled: fyne.NewDelta(0, 1)}) // one slice: between annotated ones
	if s.pointer.ijk[2] != s.Scene.Cursor()[2] {
		t.Errorf("after the wheel the pointer voxel is on slice %d, the view shows %d", s.pointer.ijk[2], s.Scene.Cursor()[2])
	}
	under = s.pointer.ijk
	want("on a slice not annotated", under, "not annotated")

	ax.MouseOut()
	if r := s.ReadoutText(); !strings.HasPrefix(r, "cursor: ") || !strings.Contains(r, fmt.Sprintf(", %d)", s.Scene.Cursor()[2])) {
		t.Errorf("pointer gone: readout %q", r)
	}
}

// TestReadoutAfterAJump: a QC jump zooms the view under a still pointer;
// the readout then names the voxel jumped to, not the one the pointer
// was over before the zoom (found by a fresh-eyes test).
func TestReadoutAfterAJump(t *testing.T) {
	c, s, _ := openEditable(t)
	ax := s.Views[viewer.Axial]
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(ax).Add(fyne.NewPos(ax.Size().Width/2, ax.Size().Height/2))
	test.MoveMouse(c.Window.Canvas(), at)
	if !s.pointer.over {
		t.Fatal("the pointer is not over the view")
	}
	k := s.Scene.Cursor()[2]
	f := qc.Finding{Rule: "island", Slice: k, I: 10, J: 12, BBox: &[4]int{9, 11, 11, 13}}
	s.jumpTo(f)
	want := fmt.Sprintf("voxel (%d, %d, %d)", 10, 12, k)
	if r := s.ReadoutText(); !strings.HasPrefix(r, "cursor: ") || !strings.Contains(r, want) {
		t.Errorf("after a jump: readout %q, want the cursor at %s", r, want)
	}
}
