package app

import (
	"testing"

	"github.com/saros-review/saros-review/assets"
	"github.com/saros-review/saros-review/labels"
)

// TestDeriveAllPartsInBackground: deriving every slice's parts leaves the
// UI thread at once (no preview, no dialog yet), then shows the preview
// and applies it as one undo step.
func TestDeriveAllPartsInBackground(t *testing.T) {
	c, s, _ := openEditable(t)
	p, _ := assets.NewPhantom(assets.DemoConfig)
	var d assets.Defect
	for _, x := range p.Defects {
		if x.Kind == assets.DefectMislabelledArm {
			d = x
		}
	}
	parts := s.Case.Layers.Parts
	c.deriveParts(true)
	if s.Scene.Layers().Parts != parts || c.Window.Canvas().Overlays().Top() != nil {
		t.Fatal("derived every slice on the UI thread")
	}
	settle(t, c)
	if s.Scene.Layers().Parts == parts || s.Scene.Layers().Parts.At(d.I, d.J, d.Slice) != labels.PartRightArm {
		t.Fatal("no preview of the derived parts")
	}
	tapButton(t, c, "Yes")
	if parts.At(d.I, d.J, d.Slice) != labels.PartRightArm {
		t.Errorf("after applying: part %d", parts.At(d.I, d.J, d.Slice))
	}
	if n := s.Editor.Session.History.UndoName(); n != "derive parts: all annotated slices" {
		t.Errorf("undo step %q", n)
	}
}
