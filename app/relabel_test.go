package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/saros-review/saros-review/annotate"
	"github.com/saros-review/saros-review/labels"
	"github.com/saros-review/saros-review/viewer"
)

// button returns the button labelled text in the top overlay, or nil.
func overlayButton(c *Controller, text string) *widget.Button {
	top := c.Window.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// TestRelabelPreviewAndConfirmation: hovering with the relabel tool marks
// exactly the component a click would change, changing nothing; a click
// on a component above the size set asks first and relabels only on
// consent; with the size at 0 it relabels at once; the size is kept.
func TestRelabelPreviewAndConfirmation(t *testing.T) {
	c, s, _ := openEditable(t)
	ax := s.Views[viewer.Axial]
	k := ax.Slice()
	reg := s.Case.Layers.Regions
	at := [3]int{128, 128, k}
	if reg.At(128, 128, k) != labels.RegionPericardium {
		t.Fatal("the demo case changed: no pericardium at the test voxel")
	}
	want, err := s.Editor.Session.PreviewRelabel(k, 128, 128, annotate.MapRegions, labels.RegionMediastinum, annotate.Four)
	if err != nil || want.Count < 20 {
		t.Fatalf("preview of the component: %d voxels, %v", want.Count, err)
	}
	if err := c.SetRelabelLimit("abc"); err == nil {
		t.Error("a size that is no number was taken")
	}
	if err := c.SetRelabelLimit(" 10 "); err != nil {
		t.Fatal(err)
	}
	s.Editor.Label[annotate.MapRegions] = labels.RegionMediastinum
	c.TypedRune('r')
	ax.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ax.PositionOf(at)}})
	p := s.Scene.Preview()
	n := 0
	for _, m := range p.Mask {
		if m {
			n++
		}
	}
	if !p.Valid || p.K != k || !p.Has(128, 128) || n != want.Count {
		t.Fatalf("preview: valid %v, slice %d, marks %d voxels, want %d on slice %d", p.Valid, p.K, n, want.Count, k)
	}
	if reg.At(128, 128, k) != labels.RegionPericardium {
		t.Fatal("the preview changed the map")
	}

	test.TapAt(ax, ax.PositionOf(at))
	yes := overlayButton(c, "Relabel")
	if yes == nil {
		t.Fatal("no confirmation for a component above the size set")
	}
	if reg.At(128, 128, k) != labels.RegionPericardium {
		t.Fatal("relabelled before the user agreed")
	}
	test.Tap(yes)
	if reg.At(128, 128, k) != labels.RegionMediastinum || s.Scene.Preview().Valid {
		t.Fatalf("after consent: label %d, preview still shown %v", reg.At(128, 128, k), s.Scene.Preview().Valid)
	}
	c.Undo()

	if err := c.SetRelabelLimit("0"); err != nil {
		t.Fatal(err)
	}
	test.TapAt(ax, ax.PositionOf(at))
	if reg.At(128, 128, k) != labels.RegionMediastinum || overlayButton(c, "Relabel") != nil {
		t.Error("with the size at 0 the relabel asked or did not happen")
	}
	if c.App.Preferences().Int(prefRelabelLimit) != 0 {
		t.Error("the size is not kept in the preferences")
	}
}
